package dkim

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// BenchmarkExplain explains a typical published record: a 2048-bit RSA key.
func BenchmarkExplain(b *testing.B) {
	value := "v=DKIM1; k=rsa; p=" + readKey(b, "rsa2048.spki")
	ctx := explain.Context{Owner: "google._domainkey.example.com."}
	b.SetBytes(int64(len(value)))
	explaintest.Benchmark(b, 1, func() { Explain(value, ctx) })
}
