package dkim

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// fixCases are, for each code whose findings carry a fix, records and the
// value their fixes make of them (explain.ApplyFixes and Explain again,
// until no fix applies); "RSA" and "ED" stand for test keys (testdata/keys),
// "ED-SPKI" for the Ed25519 key wrapped in a SubjectPublicKeyInfo.
var fixCases = map[string][]struct{ value, want string }{
	CodeEmptyTag:       {{"v=DKIM1;; p=RSA", "v=DKIM1; p=RSA"}},
	CodeVersionInvalid: {{"v=dkim1; p=RSA", "v=DKIM1; p=RSA"}},
	CodeHashSHA1Only:   {{"v=DKIM1; h=sha1; p=RSA", "v=DKIM1; h=sha256; p=RSA"}},
	CodeKeyPEM:         {{"v=DKIM1; p=-----BEGIN PUBLIC KEY-----RSA-----END PUBLIC KEY-----", "v=DKIM1; p=RSA"}},
	CodeKeyEd25519SPKI: {{"v=DKIM1; k=ed25519; p=ED-SPKI", "v=DKIM1; k=ed25519; p=ED"}},
}

// withKeys writes the test keys in place of their names in s.
func withKeys(t *testing.T, s string) string {
	t.Helper()
	return strings.NewReplacer("ED-SPKI", readKey(t, "ed25519.spki"), "RSA", readKey(t, "rsa2048.spki"), "ED", readKey(t, "ed25519.raw")).Replace(s)
}

// TestFixes checks the value the fixes make of each of fixCases, and that
// a fix of the case's code was among them.
func TestFixes(t *testing.T) {
	for code, cases := range fixCases {
		for _, tc := range cases {
			t.Run(code+"/"+tc.value, func(t *testing.T) {
				v, applied := withKeys(t, tc.value), false
				for range 5 {
					next, codes := explain.ApplyFixes(v, Explain(v, explain.Context{}).Findings)
					if len(codes) == 0 {
						break
					}
					for _, c := range codes {
						applied = applied || c == code
					}
					v = next
				}
				if !applied {
					t.Errorf("%q: no fix of %s applied", tc.value, code)
				}
				if want := withKeys(t, tc.want); v != want {
					t.Errorf("%q fixed = %q, want %q", tc.value, v, want)
				}
			})
		}
	}
}

// TestFixesInGoldens checks that every code of fixCases shows a fix in a
// golden file, and that every code with a fix there has fixCases.
func TestFixesInGoldens(t *testing.T) {
	seen := map[string]bool{}
	for _, file := range caseFiles(t) {
		owner, value := readCase(t, file)
		for _, f := range Explain(value, explain.Context{Owner: owner}).Findings {
			if f.Fix != nil {
				seen[f.Code] = true
			}
		}
	}
	for code := range fixCases {
		if !seen[code] {
			t.Errorf("no golden case shows the fix of %s", code)
		}
	}
	for code := range seen {
		if _, ok := fixCases[code]; !ok {
			t.Errorf("%s carries fixes in the goldens but has no fixCases entry", code)
		}
	}
}
