package inspect

import (
	"slices"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestRendered proves that the report's findings in the golden files are
// what their code and Args alone render: every value a message says is in
// its Args.
func TestRendered(t *testing.T) {
	explaintest.CheckRendered(t, "report.", func(code string, a explain.Args) explain.Finding {
		f := render(code, "", a)
		return explain.Finding{Severity: f.Severity, Code: f.Code, Ref: f.Ref, Message: f.Message}
	}, "testdata/golden")
}

// TestRules keeps one rule for every code, each with a section, and no
// rule without a code.
func TestRules(t *testing.T) {
	for _, c := range AllCodes {
		ru, ok := rules[c]
		if !ok {
			t.Errorf("%s has no rule", c)
			continue
		}
		if ru.ref == "" && ru.refFor == nil || ru.message == nil || ru.severity == "" {
			t.Errorf("%s: rule %+v lacks a section, message or severity", c, ru)
		}
		if ru.part != "" && !slices.ContainsFunc(parts, func(p *part) bool { return p.name == ru.part }) {
			t.Errorf("%s: part %q is no part", c, ru.part)
		}
	}
	for c := range rules {
		if !slices.Contains(AllCodes, c) {
			t.Errorf("rule for %s, not in AllCodes", c)
		}
	}
}
