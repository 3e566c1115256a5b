// Package explaintest is the record packages' shared test harness: their
// table tests (a record keeps the span and text invariants, carries the
// findings a case wants, by code, severity and the bytes they point at,
// and none of those it must not), their golden tests (Golden, GoldenSets,
// CheckCovered, CheckRendered, CheckRules), fuzz targets (Fuzz,
// CheckRecord, CheckStable) and benchmarks (Benchmark).
package explaintest

import (
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Want is one finding a table case expects: its code, its severity and
// the text of the value at its span. It is an unnamed struct type, so
// that a package's table rows may be written unkeyed
// ({CodeX, explain.Error, "x"}) without vet's complaint about unkeyed
// fields of another package's type.
type Want = struct {
	Code string
	Sev  explain.Severity
	Text string
}

// Check reports on t every way rec, explained from value, differs from
// the case: a span outside value or a field whose text is not the bytes
// at its span (fatal: nothing else can be read), a finding of want that
// is missing or has no message or reference, a finding whose code is in
// absent.
func Check(t *testing.T, rec explain.Record, value string, want []Want, absent []string) {
	t.Helper()
	if err := rec.CheckSpans(len(value)); err != nil {
		t.Fatal(err)
	}
	if err := rec.CheckTexts(value); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !has(rec, value, w) {
			t.Errorf("no %s %s on %q; findings:\n%s", w.Sev, w.Code, w.Text, list(rec, value))
		}
	}
	for _, code := range absent {
		for _, f := range rec.Findings {
			if f.Code == code {
				t.Errorf("unexpected %s on %q: %s", code, value[f.Span[0]:f.Span[1]], f.Message)
			}
		}
	}
}

func has(rec explain.Record, value string, w Want) bool {
	for _, f := range rec.Findings {
		if f.Code == w.Code && f.Severity == w.Sev && value[f.Span[0]:f.Span[1]] == w.Text && f.Message != "" && f.Ref != "" {
			return true
		}
	}
	return false
}

func list(rec explain.Record, value string) string {
	var b strings.Builder
	for _, f := range rec.Findings {
		b.WriteString("  " + string(f.Severity) + " " + f.Code + " " + value[f.Span[0]:f.Span[1]] + "\n")
	}
	return b.String()
}

// Carrying counts the records of recs that have a finding of code.
func Carrying(recs []explain.Record, code string) int {
	n := 0
	for _, r := range recs {
		if slices.ContainsFunc(r.Findings, func(f explain.Finding) bool { return f.Code == code }) {
			n++
		}
	}
	return n
}
