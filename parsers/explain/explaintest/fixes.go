package explaintest

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// CheckFixes checks the fixes rec carries, explained from value: each
// fix's span lies inside value, and the value with every fix applied
// (explain.ApplyFixes, its slots filled with their examples), explained
// again with explainFn, carries fewer findings of each code a fix was
// applied for and no error whose code was not an error of rec. It returns
// the codes whose fixes were applied.
func CheckFixes(t testing.TB, rec explain.Record, value string, explainFn func(string) explain.Record) []string {
	t.Helper()
	fixed, codes := explain.ApplyFixes(value, rec.Findings)
	if len(codes) == 0 {
		return nil
	}
	filled := explain.FillSlots(fixed)
	again := explainFn(filled)
	before, after := codeCounts(rec), codeCounts(again)
	applied := map[string]int{}
	for _, c := range codes {
		applied[c]++
	}
	for c, n := range applied {
		if after[c] > before[c]-n {
			t.Errorf("%q: %d fixes for %s applied, giving %q, still %d of it (was %d): %s", value, n, c, filled, after[c], before[c], messages(again, c))
		}
	}
	wasError := map[string]bool{}
	for _, f := range rec.Findings {
		if f.Severity == explain.Error {
			wasError[f.Code] = true
		}
	}
	for _, f := range again.Findings {
		if f.Severity == explain.Error && !wasError[f.Code] {
			t.Errorf("%q: applying the fixes %v gives %q, with a new error %s: %s", value, codes, filled, f.Code, f.Message)
		}
	}
	return codes
}

func codeCounts(r explain.Record) map[string]int {
	n := map[string]int{}
	for _, f := range r.Findings {
		n[f.Code]++
	}
	return n
}

func messages(r explain.Record, code string) string {
	var out []string
	for _, f := range r.Findings {
		if f.Code == code {
			out = append(out, f.Message)
		}
	}
	return strings.Join(out, " | ")
}
