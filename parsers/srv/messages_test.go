package srv

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestRules checks that every code has its severity, section and message
// in rules, and that rules holds no other code.
func TestRules(t *testing.T) { explaintest.CheckRules(t, allCodes, rules) }

// TestRenderedFromArgs renders every SRV finding of the golden files from
// its code and Args alone, and checks that it reads as the golden file says.
func TestRenderedFromArgs(t *testing.T) {
	explaintest.CheckRendered(t, "srv.", explaintest.RenderWith(rules), "testdata")
}
