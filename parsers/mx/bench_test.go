package mx

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// BenchmarkExplain explains Google Workspace's five MX records as one set and
// reports records explained per second.
func BenchmarkExplain(b *testing.B) {
	values := []string{"1 aspmx.l.google.com.", "5 alt1.aspmx.l.google.com.", "5 alt2.aspmx.l.google.com.",
		"10 alt3.aspmx.l.google.com.", "10 alt4.aspmx.l.google.com."}
	ctx := explain.Context{Owner: "example.com."}
	explaintest.Benchmark(b, len(values), func() { ExplainSet(values, ctx) })
}

// BenchmarkExplainOne explains the seed record alone.
func BenchmarkExplainOne(b *testing.B) {
	ctx := explain.Context{Owner: "example.com."}
	explaintest.Benchmark(b, 1, func() { Explain("10 mail.example.com.", ctx) })
}
