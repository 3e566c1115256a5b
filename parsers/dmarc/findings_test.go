package dmarc

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// want is one finding a case expects: its code, severity and the text at
// its span.
type want = explaintest.Want

// TestFindings pins what a finding is (code, severity, the bytes it points
// at) and what receivers then apply; goldens pin how it reads. absent lists
// codes that must not fire; eff is the effective policy ("" for none).
func TestFindings(t *testing.T) {
	const rua = "; rua=mailto:d@example.com"
	tests := map[string]struct {
		value   string
		want    []want
		absent  []string
		eff     Policy
		isDMARC bool
		usable  []string // the rua URIs receivers can send to
	}{
		"fo 0:1": {value: "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=0:1" + rua, eff: PolicyReject, isDMARC: true,
			want: []want{{CodeFORedundant, explain.Warning, "0"}}, absent: []string{CodeFOInvalid}, usable: []string{"mailto:d@example.com"}},
		"fo 1:0:d": {value: "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=1:0:d" + rua, eff: PolicyReject, isDMARC: true,
			want: []want{{CodeFORedundant, explain.Warning, "0"}}, absent: []string{CodeFOInvalid}, usable: []string{"mailto:d@example.com"}},
		"fo repeated d": {value: "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=d:1:D" + rua, eff: PolicyReject, isDMARC: true,
			want: []want{{CodeFORedundant, explain.Warning, "D"}}, absent: []string{CodeFOInvalid}, usable: []string{"mailto:d@example.com"}},
		"fo every valid order": {value: "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=s:0:d" + rua, eff: PolicyReject, isDMARC: true,
			absent: []string{CodeFOInvalid, CodeFORedundant}, usable: []string{"mailto:d@example.com"}},
		"fo d:s alone": {value: "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=d:s" + rua, eff: PolicyReject, isDMARC: true,
			absent: []string{CodeFOInvalid, CodeFORedundant}, usable: []string{"mailto:d@example.com"}},
		"fo unknown option": {value: "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=1:x" + rua, eff: PolicyReject, isDMARC: true,
			want: []want{{CodeFOInvalid, explain.Error, "x"}}, usable: []string{"mailto:d@example.com"}},
		"fo empty option": {value: "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=1:" + rua, eff: PolicyReject, isDMARC: true,
			want: []want{{CodeFOInvalid, explain.Error, "1:"}}, usable: []string{"mailto:d@example.com"}},

		"p after rua: RFC 7489 order": {value: "v=DMARC1; rua=mailto:d@example.com; p=reject", eff: PolicyReject, isDMARC: true,
			want: []want{{CodePNotSecond, explain.Info, "p=reject"}}, usable: []string{"mailto:d@example.com"}},
		"p second": {value: "v=DMARC1; p=reject" + rua, eff: PolicyReject, isDMARC: true,
			absent: []string{CodePNotSecond}, usable: []string{"mailto:d@example.com"}},
		"p second after a stray separator": {value: "v=DMARC1;; p=reject" + rua, eff: PolicyReject, isDMARC: true,
			absent: []string{CodePNotSecond}, usable: []string{"mailto:d@example.com"}},

		"three rua URIs": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com, mailto:c@example.com", eff: PolicyReject, isDMARC: true,
			want:   []want{{CodeURIMany, explain.Info, "mailto:c@example.com"}},
			usable: []string{"mailto:a@example.com", "mailto:b@example.com", "mailto:c@example.com"}},
		"two rua URIs": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com", eff: PolicyReject, isDMARC: true,
			absent: []string{CodeURIMany, CodeURIDuplicate}, usable: []string{"mailto:a@example.com", "mailto:b@example.com"}},
		"three ruf URIs, one invalid": {value: "v=DMARC1; p=reject; ruf=mailto:a@example.com,mailto:b@example.com,mailto:c%zz@example.com" + rua,
			eff: PolicyReject, isDMARC: true, absent: []string{CodeURIMany}, usable: []string{"mailto:d@example.com"}},
		"same address twice": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com,MAILTO:a@Example.COM", eff: PolicyReject, isDMARC: true,
			want:   []want{{CodeURIDuplicate, explain.Warning, "MAILTO:a@Example.COM"}},
			usable: []string{"mailto:a@example.com", "MAILTO:a@Example.COM"}},
		"one warning however often repeated": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:a@example.com,mailto:A@example.com,mailto:a@example.com",
			eff: PolicyReject, isDMARC: true, want: []want{{CodeURIDuplicate, explain.Warning, "mailto:a@example.com"}},
			usable: []string{"mailto:a@example.com", "mailto:a@example.com", "mailto:A@example.com", "mailto:a@example.com"}},
		"local parts differ in case": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:A@example.com", eff: PolicyReject, isDMARC: true,
			absent: []string{CodeURIDuplicate}, usable: []string{"mailto:a@example.com", "mailto:A@example.com"}},
		"same address, another size": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com!10m,mailto:a@example.com", eff: PolicyReject, isDMARC: true,
			want:   []want{{CodeURIDuplicate, explain.Warning, "mailto:a@example.com"}},
			usable: []string{"mailto:a@example.com!10m", "mailto:a@example.com"}},

		"leading space": {value: " v=DMARC1; p=reject" + rua,
			want: []want{{CodeRecordWhitespace, explain.Error, " "}}},
		"leading tab": {value: "\tv=DMARC1; p=reject" + rua,
			want: []want{{CodeRecordWhitespace, explain.Error, "\t"}}},
		"spaces around = and after ;": {value: "v = DMARC1 ;\tp = reject ; rua = mailto:d@example.com", eff: PolicyReject, isDMARC: true,
			absent: []string{CodeRecordWhitespace, CodeVersionInvalid, CodeSeparatorStray}, usable: []string{"mailto:d@example.com"}},
		"V in capitals": {value: "V=DMARC1; p=reject" + rua, eff: PolicyReject, isDMARC: true,
			absent: []string{CodeTagCase, CodeVersionInvalid}, usable: []string{"mailto:d@example.com"}},
		"trailing separator": {value: "v=DMARC1; p=reject" + rua + "; ", eff: PolicyReject, isDMARC: true,
			absent: []string{CodeSeparatorStray}, usable: []string{"mailto:d@example.com"}},

		"line break before a tag": {value: "v=DMARC1;\r\np=reject" + rua, eff: PolicyReject, isDMARC: true,
			want: []want{{CodeRecordIllegalChar, explain.Error, "\r\n"}}, usable: []string{"mailto:d@example.com"}},
		"control byte in a value": {value: "v=DMARC1; p=re\x01ject" + rua, eff: PolicyNone, isDMARC: true,
			want: []want{{CodeRecordIllegalChar, explain.Error, "\x01"}, {CodePInvalid, explain.Error, "re\x01ject"}}, usable: []string{"mailto:d@example.com"}},
		"no-break space before a tag": {value: "v=DMARC1;\u00a0p=reject" + rua, eff: PolicyNone, isDMARC: true,
			want:   []want{{CodeRecordIllegalChar, explain.Error, "\u00a0"}, {CodePMissing, explain.Warning, "v=DMARC1;\u00a0p=reject" + rua}},
			usable: []string{"mailto:d@example.com"}},
		"curly quotes": {value: "\u201cv=DMARC1; p=reject\u201d",
			want: []want{{CodeRecordIllegalChar, explain.Error, "\u201c"}, {CodeRecordIllegalChar, explain.Error, "\u201d"}}},
		"non-ASCII in a URI is the URI's": {value: "v=DMARC1; p=reject; rua=mailto:d@ex\u00e4mple.com", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, "\u00e4"}}, absent: []string{CodeRecordIllegalChar}},
		"leading line break reported once": {value: "\nv=DMARC1; p=reject" + rua,
			want: []want{{CodeRecordWhitespace, explain.Error, "\n"}}, absent: []string{CodeRecordIllegalChar}},

		"bad percent-encoding": {value: "v=DMARC1; p=reject; rua=mailto:d%zz@example.com", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, "%zz"}, {CodeRUAMissing, explain.Warning, "rua=mailto:d%zz@example.com"}}},
		"percent at the end": {value: "v=DMARC1; p=reject; rua=mailto:d@example.com%2", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, "%2"}}},
		"good percent-encoding": {value: "v=DMARC1; p=reject; rua=mailto:dmarc%2Breports@example.com", eff: PolicyReject, isDMARC: true,
			absent: []string{CodeURIInvalid, CodeURIAddressInvalid}, usable: []string{"mailto:dmarc%2Breports@example.com"}},
		"two recipients in one mailto": {value: "v=DMARC1; p=bogus; rua=mailto:a@example.com%2Cb@example.net", isDMARC: true, eff: PolicyNone,
			absent: []string{CodeURIAddressInvalid, CodeRecordNoPolicy}, usable: []string{"mailto:a@example.com%2Cb@example.net"}},
		"first of two recipients external": {value: "v=DMARC1; p=reject; rua=mailto:a@other.net%2Cb@example.com", isDMARC: true, eff: PolicyReject,
			want: []want{{CodeURIExternal, explain.Info, "mailto:a@other.net%2Cb@example.com"}}, usable: []string{"mailto:a@other.net%2Cb@example.com"}},
		"second recipient invalid": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com%2Cb@", isDMARC: true, eff: PolicyReject,
			want: []want{{CodeURIAddressInvalid, explain.Error, "mailto:a@example.com%2Cb@"}}},
		"non-ASCII domain": {value: "v=DMARC1; p=reject; rua=mailto:d@exämple.com", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, "ä"}}},
		"non-ASCII local part": {value: "v=DMARC1; p=reject; rua=mailto:dé@example.com, mailto:ok@example.com", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, "é"}}, usable: []string{"mailto:ok@example.com"}},
		"space in a URI": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com mailto:b@example.com", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, " "}}},
		"two fragments": {value: "v=DMARC1; p=reject; rua=mailto:a@example.com#x#y", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, "#"}}},
		"mailto with //": {value: "v=DMARC1; p=reject; rua=mailto://d@example.com", eff: PolicyReject, isDMARC: true,
			want: []want{{CodeURIAddressInvalid, explain.Error, "mailto://d@example.com"}}},
		"invalid URI only: no policy at all": {value: "v=DMARC1; p=bogus; rua=mailto:d%zz@example.com", isDMARC: true,
			want: []want{{CodeURIInvalid, explain.Error, "%zz"}, {CodeRecordNoPolicy, explain.Error, "v=DMARC1; p=bogus; rua=mailto:d%zz@example.com"}}},
		"valid URI: p=none fallback": {value: "v=DMARC1; p=bogus; rua=mailto:d%7Ez@example.com", isDMARC: true, eff: PolicyNone,
			absent: []string{CodeRecordNoPolicy, CodeURIInvalid}, usable: []string{"mailto:d%7Ez@example.com"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{Owner: "_dmarc.example.com."})
			explaintest.Check(t, rec, tc.value, tc.want, tc.absent)
			r, _ := Parse(tc.value)
			if got := r.EffectivePolicy(); got != tc.eff {
				t.Errorf("EffectivePolicy() = %q, want %q", got, tc.eff)
			}
			if r.IsDMARC != tc.isDMARC {
				t.Errorf("IsDMARC = %v, want %v", r.IsDMARC, tc.isDMARC)
			}
			facts := rec.Facts.(*Facts)
			if strings.Join(facts.RUAUsable, " ") != strings.Join(tc.usable, " ") {
				t.Errorf("rua_usable = %q, want %q", facts.RUAUsable, tc.usable)
			}
		})
	}
}
