package srv

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// BenchmarkExplain explains three IMAP servers at one name as one set and
// reports records explained per second.
func BenchmarkExplain(b *testing.B) {
	values := []string{"0 3 993 imap1.example.com.", "0 1 993 imap2.example.com.", "10 1 993 backup.example.net."}
	ctx := explain.Context{Owner: imaps}
	explaintest.Benchmark(b, len(values), func() { ExplainSet(values, ctx) })
}
