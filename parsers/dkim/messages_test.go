package dkim

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestRules checks that every code has its severity, section and message
// in rules, and that rules holds no other code.
func TestRules(t *testing.T) {
	for _, code := range AllCodes {
		r, ok := rules[code]
		switch {
		case !ok:
			t.Errorf("%s has no rule", code)
		case r.severity == "":
			t.Errorf("%s has no severity", code)
		case r.ref == "":
			t.Errorf("%s cites no section", code)
		case r.message == nil:
			t.Errorf("%s has no message", code)
		}
	}
	if len(rules) != len(AllCodes) {
		t.Errorf("rules has %d codes, AllCodes %d", len(rules), len(AllCodes))
	}
}

// TestRenderedFromArgs renders every DKIM finding of the golden files,
// this package's and those of the packages that show DKIM keys, from
// its code and Args alone, and checks that it reads as the golden file says.
func TestRenderedFromArgs(t *testing.T) {
	explaintest.CheckRendered(t, "dkim.", func(code string, args explain.Args) explain.Finding {
		if _, ok := rules[code]; !ok {
			t.Errorf("unknown code %s", code)
			return explain.Finding{}
		}
		return finding(code, explain.Span{}, args)
	}, "testdata", "../testdata", "../../inspect/testdata/golden")
}
