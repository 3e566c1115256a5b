package tlsrpt

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// BenchmarkExplain explains a record with a mailto: and an https: URI and
// reports records explained per second.
func BenchmarkExplain(b *testing.B) {
	ctx := explain.Context{Owner: "_smtp._tls.example.com."}
	explaintest.Benchmark(b, 1, func() { Explain("v=TLSRPTv1; rua=mailto:tls-reports@example.com,https://tlsrpt.example.net/v1", ctx) })
}
