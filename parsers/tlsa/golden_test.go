package tlsa

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestGolden explains each testdata/*.tlsa file, the TLSA values at one
// name ("# owner:" sets it; every other line is one value), as one set,
// and compares it with testdata/<name>.golden.json.
func TestGolden(t *testing.T) {
	explaintest.GoldenSets(t, ".tlsa", ".golden.json", ExplainSet, explaintest.CheckRecord)
}

// TestCodesCovered fails when a code is in no golden file, so that every
// message is read once.
func TestCodesCovered(t *testing.T) { explaintest.CheckCovered(t, AllCodes) }

// TestRules checks that every code has a rule (severity, section,
// message) and that no rule is for another code.
func TestRules(t *testing.T) { explaintest.CheckRules(t, AllCodes, rules) }

// TestRendered checks that every finding in the goldens is what its code
// and Args alone render: the Args carry everything the message says.
func TestRendered(t *testing.T) {
	explaintest.CheckRendered(t, "tlsa.", explaintest.RenderWith(rules), "testdata")
}
