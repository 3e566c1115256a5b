package explaintest

import (
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
)

// FixCase is a record and the value its fixes make of it: explain.ApplyFixes
// and explaining again, until no fix applies; slots stay as written. It is
// an unnamed struct type, so that a package's table rows may be written
// unkeyed.
type FixCase = struct {
	Value, Want string
}

// FixRounds bounds how often CheckFixCases applies a value's fixes.
const FixRounds = 5

// CheckFixCases checks, for each code of cases, the value the fixes make
// of each of its records (explainFn explains one), and that a fix of
// that code was among them.
func CheckFixCases(t *testing.T, cases map[string][]FixCase, explainFn func(string) explain.Record) {
	t.Helper()
	for code, cs := range cases {
		for _, tc := range cs {
			t.Run(code+"/"+tc.Value, func(t *testing.T) {
				v, applied := tc.Value, false
				for range FixRounds {
					next, codes := explain.ApplyFixes(v, explainFn(v).Findings)
					if len(codes) == 0 {
						break
					}
					for _, c := range codes {
						applied = applied || c == code
					}
					v = next
				}
				if !applied {
					t.Errorf("%q: no fix of %s applied", tc.Value, code)
				}
				if v != tc.Want {
					t.Errorf("%q fixed = %q, want %q", tc.Value, v, tc.Want)
				}
			})
		}
	}
}

// CheckFixesShown checks that every code of cases shows a fix in recs (a
// package's golden records), as every code shows its message there, and
// that every code with a fix there has cases.
func CheckFixesShown(t *testing.T, cases map[string][]FixCase, recs []explain.Record) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range recs {
		for _, f := range r.Findings {
			if f.Fix != nil {
				seen[f.Code] = true
			}
		}
	}
	for code := range cases {
		if !seen[code] {
			t.Errorf("no golden case shows the fix of %s", code)
		}
	}
	for code := range seen {
		if _, ok := cases[code]; !ok {
			t.Errorf("%s carries fixes in the goldens but has no fix case", code)
		}
	}
}

// SetRecords explains each testdata/<name><ext> file as GoldenSets does
// and returns every record, for CheckFixesShown.
func SetRecords(t *testing.T, ext string, explainSet func([]string, explain.Context) []explain.Record) []explain.Record {
	t.Helper()
	var out []explain.Record
	for _, path := range golden.Files(t, "*"+ext) {
		ctx, values := readSet(t, path)
		out = append(out, explainSet(values, ctx)...)
	}
	return out
}
