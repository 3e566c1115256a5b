package mx

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestGolden explains each testdata/*.mx file, the MX values at one name
// ("# owner:" and "# origin:" lines set the context), as one set.
func TestGolden(t *testing.T) {
	explaintest.GoldenSets(t, ".mx", ".golden.json", ExplainSet, explaintest.CheckRecord)
}

// TestGoldenCoversCodes fails when a finding code appears in no golden file.
func TestGoldenCoversCodes(t *testing.T) { explaintest.CheckCovered(t, allCodes) }
