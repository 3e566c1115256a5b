package inspect

import (
	"slices"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestRendered proves that the report's findings in the golden files are
// what their code and Args alone render: every value a message says is in
// its Args.
func TestRendered(t *testing.T) {
	explaintest.CheckRendered(t, "report.", explaintest.RenderWith(rules), "testdata/golden")
}

// TestRules keeps one rule for every code, each with a severity, a section
// and a message, no rule without a code, and every code's findings about a
// part of the report (or about any part's query).
func TestRules(t *testing.T) {
	explaintest.CheckRules(t, AllCodes, rules)
	for _, c := range AllCodes {
		if p := partOf[c]; p != "" && !slices.ContainsFunc(parts, func(q *part) bool { return q.name == p }) {
			t.Errorf("%s: part %q is no part", c, p)
		}
	}
	for p := range coreRules {
		if p != "" && !slices.ContainsFunc(parts, func(q *part) bool { return q.name == p }) {
			t.Errorf("coreRules: %q is no part", p)
		}
	}
}
