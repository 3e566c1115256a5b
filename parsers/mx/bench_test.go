package mx

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// BenchmarkExplain explains Google Workspace's five MX records as one set and
// reports records explained per second.
func BenchmarkExplain(b *testing.B) {
	values := []string{"1 aspmx.l.google.com.", "5 alt1.aspmx.l.google.com.", "5 alt2.aspmx.l.google.com.",
		"10 alt3.aspmx.l.google.com.", "10 alt4.aspmx.l.google.com."}
	ctx := explain.Context{Owner: "example.com."}
	b.ReportAllocs()
	for b.Loop() {
		ExplainSet(values, ctx)
	}
	b.ReportMetric(float64(b.N*len(values))/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkExplainOne explains the seed record alone.
func BenchmarkExplainOne(b *testing.B) {
	ctx := explain.Context{Owner: "example.com."}
	b.ReportAllocs()
	for b.Loop() {
		Explain("10 mail.example.com.", ctx)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
