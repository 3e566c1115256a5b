package parsers

import (
	"fmt"
	"math"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// sizes are the input sizes the size benchmarks and tests explain.
var sizes = []struct {
	name string
	n    int
}{{"1KB", 1 << 10}, {"64KB", 64 << 10}, {"1MB", 1 << 20}, {"8MB", 8 << 20}}

// repeatTo writes head, then part(0), part(1), … until the text is at least
// n bytes long, then tail.
func repeatTo(n int, head, tail string, part func(i int) string) string {
	var b strings.Builder
	b.Grow(n + len(tail) + 256)
	b.WriteString(head)
	for i := 0; b.Len() < n-len(tail); i++ {
		b.WriteString(part(i))
	}
	b.WriteString(tail)
	return b.String()
}

// sizeInput is an input of about n bytes of one kind: "spf" and "dmarc" are
// one value with a warning on almost every term (the worst case of a
// finding list that is checked for errors on every addition), "zone" is a
// whole zone of MX, SPF, DMARC, DKIM and A records.
func sizeInput(kind string, n int) string {
	switch kind {
	case "spf":
		return repeatTo(n, "v=spf1", " -all", func(i int) string {
			switch i % 3 {
			case 0:
				return fmt.Sprintf(" ip4:10.%d.0.0/16", i%256)
			case 1:
				return fmt.Sprintf(" ip6:2001:db8::%x", i%65536)
			}
			return fmt.Sprintf(" ip4:198.51.100.%d", i%256)
		})
	case "dmarc":
		return repeatTo(n, "v=DMARC1; p=quarantine; rua=mailto:d@example.com", "", func(i int) string {
			return fmt.Sprintf("; x%d=y", i)
		})
	}
	return repeatTo(n, "$ORIGIN example.com.\n$TTL 3600\n", "", func(i int) string {
		switch i % 5 {
		case 0:
			return fmt.Sprintf("@ IN MX 10 mx%d.example.com.\n", i)
		case 1:
			return fmt.Sprintf("s%d IN TXT \"v=spf1 ip4:192.0.2.0/24 include:_spf.google.com ~all\"\n", i)
		case 2:
			return fmt.Sprintf("_dmarc.s%d IN TXT \"v=DMARC1; p=none; rua=mailto:d@example.com\"\n", i)
		case 3:
			return fmt.Sprintf("k%d._domainkey IN TXT \"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+\"\n", i)
		}
		return fmt.Sprintf("www%d IN A 192.0.2.1\n", i)
	})
}

// TestHugeInputsBounded explains 8 MB inputs of every shape that once
// cost far more than their first part: a value of many terms, many TXT
// strings, one huge string, a multi-line entry, thousands of records. Each
// must stay within the limits (records, findings) and allocate a bounded
// amount (a few copies of the input, plus one record value's worth of
// explanation).
func TestHugeInputsBounded(t *testing.T) {
	const n = 8 << 20
	tests := map[string]string{
		"spf value":     sizeInput("spf", n),
		"dmarc value":   sizeInput("dmarc", n),
		"zone":          sizeInput("zone", n),
		"one string":    `x. TXT "v=spf1 ` + strings.Repeat("a ", n/2) + `"`,
		"many strings":  `x. TXT "v=spf1 "` + strings.Repeat(` "`+strings.Repeat("a", 300)+`"`, n/303),
		"bad escapes":   `"v=spf1 "` + strings.Repeat(` "ip4:192.0.2.1 \300"`, n/20),
		"parentheses":   `x. TXT ( "v=spf1 "` + strings.Repeat("\n \"a \"", n/6) + ")",
		"empty strings": strings.Repeat(`"" `, n/3),
		"mx records":    strings.Repeat("x. MX 10 a.\n", n/12),
		"blank lines":   strings.Repeat("\n", n),
	}
	for name, input := range tests {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			ex, _ := Explain(input, Options{})
			runtime.ReadMemStats(&after)
			findings := 0
			for _, r := range ex.Records {
				findings += len(r.Findings)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			if len(ex.Records) > MaxRecords+1 || findings > 20000 || alloc > 200<<20 {
				t.Errorf("%d records, %d findings, %d MB allocated; want at most %d, 20000, 200 MB",
					len(ex.Records), findings, alloc>>20, MaxRecords+1)
			}
		})
	}
}

// BenchmarkExplainSize explains an SPF value, a DMARC value and a whole zone
// of 1 KB to 8 MB, within the limits of one explanation: past them the cost
// stays flat. It reports the peak of live heap while explaining (peak-B).
func BenchmarkExplainSize(b *testing.B) { benchmarkSizes(b) }

// BenchmarkExplainSizeUnlimited is BenchmarkExplainSize with the limits
// lifted: time, allocation and peak heap grow linearly with the input.
func BenchmarkExplainSizeUnlimited(b *testing.B) {
	withLimits(b, math.MaxInt, math.MaxInt, math.MaxInt, func() { benchmarkSizes(b) })
}

func benchmarkSizes(b *testing.B) {
	for _, kind := range []string{"spf", "dmarc", "zone"} {
		for _, s := range sizes {
			input := sizeInput(kind, s.n)
			b.Run(kind+"/"+s.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(input)))
				peak := watchHeap()
				for b.Loop() {
					if _, err := Explain(input, Options{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(peak()), "peak-B")
			})
		}
	}
}

// watchHeap samples the live heap every 100 µs from now on; the function it
// returns stops sampling and gives the highest value seen above the heap at
// the start.
func watchHeap() (stop func() uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Microsecond)
		defer t.Stop()
		for {
			if h := read(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		return max(peak.Load(), base) - base
	}
}
