package srv

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestGolden explains each testdata/*.srv file, the SRV values at one name
// ("# owner:" and "# origin:" lines set the context), as one set.
func TestGolden(t *testing.T) {
	explaintest.GoldenSets(t, ".srv", ".golden.json", ExplainSet, explaintest.CheckRecord)
}

// TestGoldenCoversCodes fails when a finding code appears in no golden file.
func TestGoldenCoversCodes(t *testing.T) { explaintest.CheckCovered(t, allCodes) }
