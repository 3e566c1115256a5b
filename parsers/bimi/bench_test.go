package bimi

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// BenchmarkExplain explains a record with a logo and a mark certificate
// and reports records explained per second.
func BenchmarkExplain(b *testing.B) {
	ctx := explain.Context{Owner: "default._bimi.example.com."}
	explaintest.Benchmark(b, 1, func() {
		Explain("v=BIMI1; l=https://example.com/bimi/logo.svg; a=https://example.com/bimi/vmc.pem", ctx)
	})
}
