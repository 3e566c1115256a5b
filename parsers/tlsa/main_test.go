package tlsa

import (
	"testing"

	"github.com/mxplain/mxplain/internal/fuzzing"
)

// TestMain gives the fuzzer's minimisation of one input a few seconds, not
// a minute (see internal/fuzzing).
func TestMain(m *testing.M) { fuzzing.Main(m) }
