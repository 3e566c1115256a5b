package tlsrpt

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// BenchmarkExplain explains a record with a mailto: and an https: URI and
// reports records explained per second.
func BenchmarkExplain(b *testing.B) {
	ctx := explain.Context{Owner: "_smtp._tls.example.com."}
	b.ReportAllocs()
	for b.Loop() {
		Explain("v=TLSRPTv1; rua=mailto:tls-reports@example.com,https://tlsrpt.example.net/v1", ctx)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
