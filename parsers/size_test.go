package parsers

import (
	"fmt"
	"strings"
	"testing"
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

// BenchmarkExplainSize explains an SPF value, a DMARC value and a whole zone
// of 1 KB to 8 MB: time and allocation grow linearly with the input.
func BenchmarkExplainSize(b *testing.B) {
	for _, kind := range []string{"spf", "dmarc", "zone"} {
		for _, s := range sizes {
			input := sizeInput(kind, s.n)
			b.Run(kind+"/"+s.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(input)))
				for b.Loop() {
					if _, err := Explain(input, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
