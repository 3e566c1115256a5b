package tlsa

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, records at
// _25._tcp.mx.example.com and the value their fixes make of them
// (explain.ApplyFixes and Explain again, until no fix applies).
var fixCases = map[string][]explaintest.FixCase{
	CodeUsagePKIX: {
		{"1 1 1 " + spkiSHA256, "3 1 1 " + spkiSHA256},
		{"0 0 1 " + certSHA256, "2 0 1 " + certSHA256},
	},
	CodeFieldNumber: {
		{"DANE-EE SPKI SHA2-256 " + spkiSHA256, "3 1 1 " + spkiSHA256},
		{"3 1 sha256 " + spkiSHA256, "3 1 1 " + spkiSHA256},
	},
	CodeDataHex: {{"3 1 1 " + colons(spkiSHA256), "3 1 1 " + strings.ToUpper(spkiSHA256)}},
	// The SPKI of testdata's certificate, as openssl computes it: the
	// same key, so the same server matches.
	CodeSelectorCert: {{"3 0 0 " + certDER, "3 1 1 " + spkiSHA256}},
	CodeMatchingFull: {
		{"3 1 0 " + spkiDER, "3 1 1 " + spkiSHA256},
		{"2 0 0 " + certDER, "2 0 1 " + certSHA256},
	},
}

// colons writes hex as openssl prints a fingerprint: "AB:CD:…".
func colons(hex string) string {
	var b strings.Builder
	for i := 0; i < len(hex); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strings.ToUpper(hex[i : i+2]))
	}
	return b.String()
}

// TestFixes checks the value the fixes make of each fix case, and that
// the fixed value explains without the finding.
func TestFixes(t *testing.T) {
	explainFn := func(v string) explain.Record { return Explain(v, explain.Context{Owner: smtpOwner}) }
	explaintest.CheckFixCases(t, fixCases, explainFn)
	for code, cs := range fixCases {
		for _, c := range cs {
			if n := explaintest.Carrying([]explain.Record{explainFn(c.Want)}, code); n != 0 {
				t.Errorf("%q, the fix of %s, still has it", c.Want, code)
			}
		}
	}
}

// TestFixesInGoldens checks that every code with fix cases shows a fix
// in a golden file, and that no other code does.
func TestFixesInGoldens(t *testing.T) {
	explaintest.CheckFixesShown(t, fixCases, explaintest.SetRecords(t, ".tlsa", ExplainSet))
}
