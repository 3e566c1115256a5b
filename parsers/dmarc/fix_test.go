package dmarc

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, records and the
// value their fixes make of them (explain.ApplyFixes and Explain again,
// until no fix applies; slots stay as written).
var fixCases = map[string][]struct{ value, want string }{
	CodeRecordWhitespace: {{" v=DMARC1; p=none; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"}},
	CodeSeparatorStray:   {{"v=DMARC1;; p=reject", "v=DMARC1; p=reject"}},
	CodeTagDuplicate:     {{"v=DMARC1; p=reject; p=none; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodePInvalid: {
		{"v=DMARC1; p=nonee; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
		{"v=DMARC1; p=rej", "v=DMARC1; p=reject"},
		{"v=DMARC1; p=reject rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=block; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
	},
	CodeSPInvalid:        {{"v=DMARC1; p=reject; sp=quarantin", "v=DMARC1; p=reject; sp=quarantine"}},
	CodeNPInvalid:        {{"v=DMARC1; p=reject; np=rejet", "v=DMARC1; p=reject; np=reject"}},
	CodeURISchemeMissing: {{"v=DMARC1; p=none; rua=dmarc@example.com", "v=DMARC1; p=none; rua=mailto:dmarc@example.com"}},
}

// TestFixes checks the value the fixes make of each of fixCases, and that
// a fix of the case's code was among them.
func TestFixes(t *testing.T) {
	for code, cases := range fixCases {
		for _, tc := range cases {
			t.Run(code+"/"+tc.value, func(t *testing.T) {
				v, applied := tc.value, false
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
				if v != tc.want {
					t.Errorf("%q fixed = %q, want %q", tc.value, v, tc.want)
				}
			})
		}
	}
}

// TestFixesInGoldens checks that every code of fixCases shows a fix in a
// golden file, and that every code with a fix there has fixCases.
func TestFixesInGoldens(t *testing.T) {
	seen := map[string]bool{}
	for _, in := range explaintest.Inputs(t) {
		for _, f := range Explain(in.Value, explain.Context{Owner: in.Owner}).Findings {
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
