package bimi

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// BenchmarkExplain explains a record with a logo and a mark certificate
// and reports records explained per second.
func BenchmarkExplain(b *testing.B) {
	ctx := explain.Context{Owner: "default._bimi.example.com."}
	b.ReportAllocs()
	for b.Loop() {
		Explain("v=BIMI1; l=https://example.com/bimi/logo.svg; a=https://example.com/bimi/vmc.pem", ctx)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
