package tlsa

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// want is one finding a case expects: its code, severity and the text at
// its span.
type want = explaintest.Want

const (
	spkiSHA256 = "bc1dc4249be4cdd17a5ed79d791a97ac0311da7f055fa85d0f179c9bcadb9253" // SHA-256 of testdata's certificate's SPKI
	certSHA256 = "ac19dbe6334259e922730db0d273ec7a9937c31c2122aa13e71968e9438c14f5" // SHA-256 of the certificate
	certDER    = "308201873082012da00302010202142123743b862aae306a0638e6d840b79a3f7fb4e0300a06082a8648ce3d04030230193117301506035504030c0e6d782e6578616d706c652e636f6d301e170d3236313230363231343533345a170d3336313230333231343533345a30193117301506035504030c0e6d782e6578616d706c652e636f6d3059301306072a8648ce3d020106082a8648ce3d030107034200045b9a967099f7db08b0437bda247ef4e6bdd8792c7c0b55fa1d7452e65cfc4e42f5ab64291494b8517c6a64612252f507963c5501cc75aced107345fcf3665ee0a3533051301d0603551d0e0416041425f43f2a9f3728bad468c436d0bf1b4041a7940d301f0603551d2304183016801425f43f2a9f3728bad468c436d0bf1b4041a7940d300f0603551d130101ff040530030101ff300a06082a8648ce3d0403020348003045022100c12521ab120a6d048235190f4fde734431e012a55b359887450d542ed1a4608c0220651d78148c6de3d2bf8dbc014d7129f1f7905d1ccb3bbbe20dcd9e5d96308bec"
	spkiDER    = "3059301306072a8648ce3d020106082a8648ce3d030107034200045b9a967099f7db08b0437bda247ef4e6bdd8792c7c0b55fa1d7452e65cfc4e42f5ab64291494b8517c6a64612252f507963c5501cc75aced107345fcf3665ee0"
	smtpOwner  = "_25._tcp.mx.example.com."
)

// TestFindings pins what a finding is (code, severity, the bytes it points
// at); goldens pin how it reads. absent lists codes that must not fire.
func TestFindings(t *testing.T) {
	tests := map[string]struct {
		value, owner string
		want         []want
		absent       []string
		usable       bool
	}{
		"3 1 1":                {value: "3 1 1 " + spkiSHA256, owner: smtpOwner, usable: true},
		"3 1 2":                {value: "3 1 2 " + strings.Repeat("ab", 64), owner: smtpOwner, usable: true},
		"data in two words":    {value: "3 1 1 " + spkiSHA256[:10] + " \t" + spkiSHA256[10:], owner: smtpOwner, usable: true},
		"parentheses, comment": {value: "3 1 1 ( " + spkiSHA256[:32] + " ; half\n " + spkiSHA256[32:] + " )", owner: smtpOwner, usable: true},
		"upper-case hex":       {value: "3 1 1 " + strings.ToUpper(spkiSHA256), owner: smtpOwner, usable: true},
		"empty":                {value: "  ", want: []want{{CodeEmpty, explain.Error, "  "}}},
		"three fields":         {value: "3 1 1", want: []want{{CodeFieldsMissing, explain.Error, "3 1 1"}}},
		"acronym":              {value: "3 SPKI 1 " + spkiSHA256, want: []want{{CodeFieldNumber, explain.Error, "SPKI"}}},
		"word":                 {value: "3 1 one " + spkiSHA256, want: []want{{CodeFieldNumber, explain.Error, "one"}}},
		"negative":             {value: "-3 1 1 " + spkiSHA256, want: []want{{CodeFieldNumber, explain.Error, "-3"}}},
		"over 255":             {value: "256 1 1 " + spkiSHA256, want: []want{{CodeFieldRange, explain.Error, "256"}}},
		"huge":                 {value: "3 99999999999999999999 1 " + spkiSHA256, want: []want{{CodeFieldRange, explain.Error, "99999999999999999999"}}},
		"usage 4":              {value: "4 1 1 " + spkiSHA256, want: []want{{CodeUsageUnassigned, explain.Error, "4"}}},
		"usage 254":            {value: "254 1 1 " + spkiSHA256, want: []want{{CodeUsageUnassigned, explain.Error, "254"}}},
		"PKIX-TA at 25":        {value: "0 0 1 " + certSHA256, owner: smtpOwner, want: []want{{CodeUsagePKIX, explain.Error, "0"}}},
		"PKIX-EE bare":         {value: "1 1 1 " + spkiSHA256, want: []want{{CodeUsagePKIX, explain.Error, "1"}}},
		"PKIX-EE at 443":       {value: "1 1 1 " + spkiSHA256, owner: "_443._tcp.www.example.com.", usable: true, want: []want{{CodeOwnerOtherPort, explain.Info, "1 1 1 " + spkiSHA256}}, absent: []string{CodeUsagePKIX}},
		"private usage":        {value: "255 1 1 " + spkiSHA256, usable: true, want: []want{{CodeUsagePrivate, explain.Info, "255"}}},
		"DANE-TA":              {value: "2 0 1 " + certSHA256, usable: true, want: []want{{CodeUsageTA, explain.Info, "2"}}},
		"3 0 1":                {value: "3 0 1 " + certSHA256, usable: true, want: []want{{CodeSelectorCert, explain.Info, "0"}}},
		"selector 2":           {value: "3 2 1 " + spkiSHA256, want: []want{{CodeSelectorUnassigned, explain.Error, "2"}}},
		"private selector":     {value: "3 255 1 " + spkiSHA256, usable: true, want: []want{{CodeSelectorPrivate, explain.Info, "255"}}},
		"matching 3":           {value: "3 1 3 " + spkiSHA256, want: []want{{CodeMatchingUnassigned, explain.Error, "3"}}},
		"private matching":     {value: "3 1 255 0102", usable: true, want: []want{{CodeMatchingPrivate, explain.Info, "255"}}, absent: []string{CodeDataLength}},
		"full SPKI":            {value: "3 1 0 " + spkiDER, usable: true, want: []want{{CodeMatchingFull, explain.Warning, "0"}}, absent: []string{CodeDataDER}},
		"full cert":            {value: "3 0 0 " + certDER, usable: true, want: []want{{CodeMatchingFull, explain.Warning, "0"}, {CodeSelectorCert, explain.Info, "0"}}, absent: []string{CodeDataDER}},
		"full not DER":         {value: "3 1 0 0401020304", usable: true, want: []want{{CodeDataDER, explain.Warning, "0401020304"}}},
		"full cut off":         {value: "3 1 0 " + spkiDER[:len(spkiDER)-2], usable: true, want: []want{{CodeDataDER, explain.Warning, spkiDER[:len(spkiDER)-2]}}},
		"not hex":              {value: "3 1 1 " + spkiSHA256[:5] + "g" + spkiSHA256[6:], want: []want{{CodeDataHex, explain.Error, "g"}}},
		"non-ASCII":            {value: "3 1 1 ab\u00e9cd", want: []want{{CodeDataHex, explain.Error, "\u00e9"}}},
		"colons":               {value: "3 1 1 ab:cd", want: []want{{CodeDataHex, explain.Error, ":"}}},
		"odd":                  {value: "3 1 1 " + spkiSHA256[1:], want: []want{{CodeDataOdd, explain.Error, spkiSHA256[1:]}}},
		"short digest":         {value: "3 1 1 " + spkiSHA256[2:], want: []want{{CodeDataLength, explain.Error, spkiSHA256[2:]}}},
		"SHA-256 as SHA-512":   {value: "3 1 2 " + spkiSHA256, want: []want{{CodeDataLength, explain.Error, spkiSHA256}}},
		"owner without labels": {value: "3 1 1 " + spkiSHA256, owner: "mx.example.com.", want: []want{{CodeOwnerLabels, explain.Error, "3 1 1 " + spkiSHA256}}},
		"owner without port":   {value: "3 1 1 " + spkiSHA256, owner: "_tcp.mx.example.com.", want: []want{{CodeOwnerPort, explain.Error, "3 1 1 " + spkiSHA256}}},
		"port 65536":           {value: "3 1 1 " + spkiSHA256, owner: "_65536._tcp.mx.example.com.", want: []want{{CodeOwnerPort, explain.Error, "3 1 1 " + spkiSHA256}}},
		"owner without proto":  {value: "3 1 1 " + spkiSHA256, owner: "_25.mx.example.com.", want: []want{{CodeOwnerProto, explain.Error, "3 1 1 " + spkiSHA256}}},
		"owner _udp":           {value: "3 1 1 " + spkiSHA256, owner: "_25._udp.mx.example.com.", usable: true, want: []want{{CodeOwnerUDP, explain.Warning, "3 1 1 " + spkiSHA256}}},
		"owner in capitals":    {value: "3 1 1 " + spkiSHA256, owner: "_25._TCP.MX.example.com.", usable: true, absent: []string{CodeOwnerProto, CodeOwnerUDP}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{Owner: tc.owner})
			explaintest.Check(t, rec, tc.value, tc.want, tc.absent)
			if got := rec.Facts.(*Facts).Usable; got != tc.usable {
				t.Errorf("usable = %v, want %v; findings: %v", got, tc.usable, rec.Findings)
			}
			if len(tc.want) == 0 && len(rec.Findings) > 0 {
				t.Errorf("want no findings, got %v", rec.Findings)
			}
		})
	}
}

// TestSetDuplicate checks that the same record twice (in any case) is a
// warning on the later one, and that a rollover's two records are not.
func TestSetDuplicate(t *testing.T) {
	recs := ExplainSet([]string{"3 1 1 " + spkiSHA256, "3 1 1 " + certSHA256, "3 1 1 " + strings.ToUpper(spkiSHA256)},
		explain.Context{Owner: smtpOwner})
	if n := explaintest.Carrying(recs, CodeSetDuplicate); n != 1 || explaintest.Carrying(recs[2:], CodeSetDuplicate) != 1 {
		t.Errorf("%d records carry %s, want the third only", n, CodeSetDuplicate)
	}
}

// TestFacts pins the facts programs read.
func TestFacts(t *testing.T) {
	f := Explain("3 1 1 "+strings.ToUpper(spkiSHA256), explain.Context{Owner: smtpOwner}).Facts.(*Facts)
	if *f.Usage != 3 || f.UsageName != "DANE-EE" || *f.Selector != 1 || f.SelectorName != "SPKI" ||
		*f.MatchingType != 1 || f.MatchingTypeName != "SHA2-256" || f.Data != spkiSHA256 ||
		*f.Port != 25 || f.Proto != "tcp" || f.Host != "mx.example.com." || !f.SMTP || !f.Usable {
		t.Errorf("facts %+v", f)
	}
	f = Explain("x 1", explain.Context{}).Facts.(*Facts)
	if f.Usage != nil || f.Selector == nil || f.MatchingType != nil || f.Data != "" || f.Port != nil || !f.SMTP || f.Usable {
		t.Errorf("facts of a broken record %+v", f)
	}
	if got, want := string(f.AppendJSON(nil)), `{"usage":null,"usage_name":"","selector":1,"selector_name":"SPKI","matching_type":null,"matching_type_name":"","data":"","port":null,"proto":"","host":"","smtp":true,"usable":false}`; got != want {
		t.Errorf("JSON\n%s, want\n%s", got, want)
	}
}
