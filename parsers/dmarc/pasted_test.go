package dmarc

import "testing"

// TestOtherRecordAtDMARC pins that a record of another kind published at
// _dmarc (a DKIM key, an SPF, TLS-RPT, MTA-STS or BIMI record) is named as
// such, with where it belongs, instead of only "not DMARC1".
func TestOtherRecordAtDMARC(t *testing.T) {
	tests := map[string]struct {
		value string
		code  string
		says  []string
	}{
		"DKIM key":            {"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC", CodeVersionInvalid, []string{"DKIM", "_domainkey"}},
		"DKIM key without v=": {"k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC", CodeVersionMissing, []string{"DKIM", "_domainkey"}},
		"SPF":                 {"v=spf1 -all", CodeVersionInvalid, []string{"SPF"}},
		"TLS-RPT":             {"v=TLSRPTv1; rua=mailto:tls@example.com", CodeVersionInvalid, []string{"TLS", "_smtp._tls"}},
		"MTA-STS":             {"v=STSv1; id=20260101", CodeVersionInvalid, []string{"MTA-STS", "_mta-sts"}},
		"BIMI":                {"v=BIMI1; l=https://example.com/logo.svg", CodeVersionInvalid, []string{"BIMI", "_bimi"}},
		"another version":     {"v=DMARC2; p=reject", CodeVersionInvalid, []string{"DMARC2"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, fs := Parse(tc.value)
			var msg string
			for _, f := range fs {
				if f.Code == tc.code {
					msg = f.Message
				}
			}
			if msg == "" {
				t.Fatalf("no %s finding in %v", tc.code, fs)
			}
			checkText(t, tc.code, msg, tc.says, nil)
		})
	}
}
