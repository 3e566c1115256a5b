package tlsrpt

import (
	"path/filepath"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestGolden pins how each testdata/*.input case reads: summary, meanings,
// messages.
func TestGolden(t *testing.T) {
	explaintest.Golden(t, Explain)
	golden.JSON(t, filepath.Join("testdata", "multiple.golden.json"), MultipleFinding(explain.Span{0, 41}, 2))
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
	explaintest.CheckRendered(t, "tls-rpt.", explaintest.RenderWith(rules), "testdata")
}
