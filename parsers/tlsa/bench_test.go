package tlsa

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// BenchmarkExplain explains a "3 1 1" record at an SMTP name and reports
// records explained per second.
func BenchmarkExplain(b *testing.B) {
	ctx := explain.Context{Owner: smtpOwner}
	explaintest.Benchmark(b, 1, func() { Explain("3 1 1 "+spkiSHA256, ctx) })
}
