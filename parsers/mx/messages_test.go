package mx

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestRules checks that every code has its severity, section and message
// in rules, and that rules holds no other code.
func TestRules(t *testing.T) { explaintest.CheckRules(t, allCodes, rules) }

// TestRenderedFromArgs renders every MX finding of the golden files,
// this package's and those of the packages that show its records, from its
// code and Args alone, and checks that it reads as the golden file says.
func TestRenderedFromArgs(t *testing.T) {
	explaintest.CheckRendered(t, "mx.", explaintest.RenderWith(rules),
		"testdata", "../testdata", "../../inspect/testdata/golden")
}
