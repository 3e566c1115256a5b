package inspect_test

import (
	"context"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
)

// BenchmarkReport times a full report of a realistic domain with 50 ms
// added to every DoH answer, through the real client and HTTP: news.corp.test
// has two MX hosts (A and AAAA each), an SPF record three includes deep, no
// DMARC record of its own (the tree walk finds corp.test's, whose rua is at
// an authorised third party) and three DKIM selectors, named, besides the
// common selectors probed.
//
// The lower bound is the depth of the query dependency tree times the
// latency. The deepest chain is SPF's: news.corp.test TXT → _spf.corp.test
// → _spf2.corp.test → _spf3.corp.test, 4 queries; MX → exchange addresses
// and DMARC walk → report authorisation are 2 deep, DKIM probes 1.
func BenchmarkReport(b *testing.B) {
	const latency = 50 * time.Millisecond
	const depth = 4
	srv := newServer(b, zoneserver.Options{Latency: latency})
	opts := inspect.Options{Selectors: []string{"news2024a", "news2024b", "news2024c"}}
	queries := 0
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		r := inspect.Domain(context.Background(), srv.client(b), "news.corp.test", opts)
		if r.Partial() || r.DMARC.PolicyDomain != "corp.test" || len(r.DKIM) != 3 {
			b.Fatalf("bad report: %+v", r.Errors)
		}
		queries = r.Queries
	}
	per := time.Since(start) / time.Duration(b.N)
	bound := depth * latency
	b.ReportMetric(float64(per.Microseconds())/1000, "ms/report")
	b.ReportMetric(float64(bound.Milliseconds()), "bound-ms")
	b.ReportMetric(float64(per)/float64(bound), "x-bound")
	b.ReportMetric(float64(queries), "queries")
}
