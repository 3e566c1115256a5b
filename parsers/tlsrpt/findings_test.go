package tlsrpt

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// want is one finding a case expects: its code, severity and the text at
// its span.
type want = explaintest.Want

// TestFindings pins what a finding is (code, severity, the bytes it points
// at); goldens pin how it reads. absent lists codes that must not fire.
func TestFindings(t *testing.T) {
	tests := map[string]struct {
		value, owner string
		want         []want
		absent       []string
		usable       bool
	}{
		"RFC 8460 §3.1.1": {value: "v=TLSRPTv1;rua=mailto:reports@example.com", usable: true},
		"RFC 8460 §3.1.2": {value: "v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt", usable: true},
		"blanks around ; and ,": {value: "v=TLSRPTv1;\trua=mailto:a@example.com \t,\thttps://r.example.com/x ;", usable: true,
			absent: []string{CodeRecordTrailing, CodeVersionSpacing, CodeURIInvalid}},
		"trailing semicolon and blank": {value: "v=TLSRPTv1; rua=mailto:a@example.com; ", usable: true,
			absent: []string{CodeRecordTrailing, CodeSeparatorStray}},
		"scheme in capitals":              {value: "v=TLSRPTv1; rua=MAILTO:a@example.com,HTTPS://R.example.com/", usable: true},
		"percent-encoded comma in mailto": {value: "v=TLSRPTv1; rua=mailto:a@example.com%2Cb@example.net", usable: true},
		"mailto with hfields":             {value: "v=TLSRPTv1; rua=mailto:a@example.com?subject=tlsrpt", usable: true},
		"https with port and IP":          {value: "v=TLSRPTv1; rua=https://192.0.2.1:8443/r", usable: true},
		"one bad one good": {value: "v=TLSRPTv1; rua=http://r.example.com/, mailto:a@example.com", usable: true,
			want: []want{{CodeURISchemeUnsupported, explain.Error, "http"}}},

		"lower-case version": {value: "v=tlsrptv1; rua=mailto:a@example.com",
			want: []want{{CodeVersionInvalid, explain.Error, "v=tlsrptv1"}}},
		"upper-case V": {value: "V=TLSRPTv1; rua=mailto:a@example.com",
			want: []want{{CodeVersionInvalid, explain.Error, "V=TLSRPTv1"}}},
		"version blank before ;": {value: "v=TLSRPTv1 ;rua=mailto:a@example.com", usable: true,
			want: []want{{CodeVersionSpacing, explain.Warning, " ;"}}},
		"leading semicolon": {value: ";v=TLSRPTv1; rua=mailto:a@example.com",
			want: []want{{CodeRecordLeading, explain.Error, ";"}}},
		"version alone": {value: "v=TLSRPTv1",
			want: []want{{CodeRUAMissing, explain.Error, "v=TLSRPTv1"}}},
		"version with blanks around =": {value: "v = TLSRPTv1; rua=mailto:a@example.com",
			want: []want{{CodeFieldWhitespace, explain.Error, " = "}}, absent: []string{CodeVersionInvalid}},
		"second v": {value: "v=TLSRPTv1; rua=mailto:a@example.com; v=TLSRPTv1", usable: true,
			want: []want{{CodeFieldDuplicate, explain.Warning, "v=TLSRPTv1"}}, absent: []string{CodeVersionNotFirst, CodeFieldCase}},
		"DMARC record at _smtp._tls": {value: "v=DMARC1; p=none",
			want: []want{{CodeVersionInvalid, explain.Error, "v=DMARC1"}}},

		"RUA in capitals": {value: "v=TLSRPTv1; RUA=mailto:a@example.com",
			want: []want{{CodeFieldCase, explain.Error, "RUA"}}, absent: []string{CodeRUAMissing, CodeExtensionUnknown}},
		"size suffix": {value: "v=TLSRPTv1; rua=mailto:a@example.com!50m",
			want: []want{{CodeURIBang, explain.Error, "!50m"}}},
		"bang inside": {value: "v=TLSRPTv1; rua=https://r.example.com/a!b",
			want: []want{{CodeURIBang, explain.Error, "!b"}}},
		"bare address": {value: "v=TLSRPTv1; rua=a@example.com",
			want: []want{{CodeURISchemeMissing, explain.Error, "a@example.com"}}},
		"no-break space": {value: "v=TLSRPTv1; rua=mailto:a@example.com\u00a0",
			want: []want{{CodeURIInvalid, explain.Error, "\u00a0"}}},
		"mailto without address": {value: "v=TLSRPTv1; rua=mailto:",
			want: []want{{CodeURIAddressInvalid, explain.Error, "mailto:"}}},
		"https without host": {value: "v=TLSRPTv1; rua=https://",
			want: []want{{CodeURIHostInvalid, explain.Error, "https://"}}},
		"extension": {value: "v=TLSRPTv1; rua=mailto:a@example.com; ext.v2=on", usable: true,
			want: []want{{CodeExtensionUnknown, explain.Info, "ext.v2=on"}}},
		"extension name of 33": {value: "v=TLSRPTv1; rua=mailto:a@example.com; abcdefghijabcdefghijabcdefghijabc=1", usable: true,
			want: []want{{CodeExtensionInvalid, explain.Warning, "c"}}},
		"extension name of 32": {value: "v=TLSRPTv1; rua=mailto:a@example.com; abcdefghijabcdefghijabcdefghijab=1", usable: true,
			absent: []string{CodeExtensionInvalid}},
		"extension value with a control byte": {value: "v=TLSRPTv1; rua=mailto:a@example.com; x=a\x01", usable: true,
			want: []want{{CodeExtensionInvalid, explain.Warning, "\x01"}}},
		"part without =": {value: "v=TLSRPTv1; rua=mailto:a@example.com; reports", usable: true,
			want: []want{{CodeFieldSyntax, explain.Error, "reports"}}},
		"empty name": {value: "v=TLSRPTv1; rua=mailto:a@example.com; =x", usable: true,
			want: []want{{CodeFieldSyntax, explain.Error, "=x"}}},
		"stray separator": {value: "v=TLSRPTv1;; rua=mailto:a@example.com", usable: true,
			want: []want{{CodeSeparatorStray, explain.Warning, ";"}}},
		"trailing comma": {value: "v=TLSRPTv1; rua=mailto:a@example.com,", usable: true,
			want: []want{{CodeURIEmpty, explain.Warning, ","}}},

		"owner _smtp._tls": {value: "v=TLSRPTv1; rua=mailto:a@example.com", owner: "_SMTP._TLS.Example.com.", usable: true,
			absent: []string{CodeOwnerMismatch}},
		"owner without domain": {value: "v=TLSRPTv1; rua=mailto:a@example.com", owner: "_smtp._tls.", usable: true,
			want: []want{{CodeOwnerMismatch, explain.Error, "v=TLSRPTv1; rua=mailto:a@example.com"}}},
		"owner the domain": {value: "v=TLSRPTv1; rua=mailto:a@example.com", owner: "example.com.", usable: true,
			want: []want{{CodeOwnerMismatch, explain.Error, "v=TLSRPTv1; rua=mailto:a@example.com"}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{Owner: tc.owner})
			explaintest.Check(t, rec, tc.value, tc.want, tc.absent)
			if got := rec.Facts.(*Facts).Usable; got != tc.usable {
				t.Errorf("usable = %v, want %v; findings: %v", got, tc.usable, rec.Findings)
			}
			if len(tc.want) == 0 && tc.absent == nil && len(rec.Findings) > 0 && tc.owner == "" {
				t.Errorf("want no findings, got %v", rec.Findings)
			}
		})
	}
}

// TestFacts pins the facts programs read.
func TestFacts(t *testing.T) {
	rec := Explain("v=TLSRPTv1; rua=mailto:a@example.com%2Cb@example.net, https://r.example.com/x, http://bad.example.com/",
		explain.Context{Owner: "_smtp._tls.example.com."})
	f := rec.Facts.(*Facts)
	if f.Version != "TLSRPTv1" || f.Domain != "example.com" || !f.Usable {
		t.Errorf("facts %+v", f)
	}
	if len(f.RUA) != 3 || len(f.Mailto) != 2 || f.Mailto[1] != "b@example.net" || len(f.HTTPS) != 1 || f.HTTPS[0] != "https://r.example.com/x" {
		t.Errorf("rua %q, mailto %q, https %q", f.RUA, f.Mailto, f.HTTPS)
	}
	if rec := Explain("v=TLSRPTv2; rua=mailto:a@example.com", explain.Context{}); len(rec.Facts.(*Facts).Mailto) != 0 {
		t.Errorf("a record senders discard lists addresses: %+v", rec.Facts)
	}
}
