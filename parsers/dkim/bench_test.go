package dkim

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// BenchmarkExplain explains a typical published record: a 2048-bit RSA key.
func BenchmarkExplain(b *testing.B) {
	value := "v=DKIM1; k=rsa; p=" + readKey(b, "rsa2048.spki")
	ctx := explain.Context{Owner: "google._domainkey.example.com."}
	b.ReportAllocs()
	b.SetBytes(int64(len(value)))
	for b.Loop() {
		Explain(value, ctx)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
