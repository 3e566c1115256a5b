package spfcheck

import (
	"context"
	"encoding/json"
	"net/netip"
	"sync"
	"testing"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/internal/spfsuite"
)

const fuzzZone = `
$ORIGIN fuzz.example.
@        3600 IN SOA  ns hostmaster 1 3600 600 86400 300
@        3600 IN A    192.0.2.1
@        3600 IN AAAA 2001:db8::1
@        3600 IN MX   10 mx
mx       3600 IN A    192.0.2.2
_inc     3600 IN TXT  "v=spf1 include:fuzz.example a mx ptr ~all"
_exp     3600 IN TXT  "%{i} %{c} %{p} %{r} %{t} %{s} %{l} %{o} %{d} %{h} %{v} %{ir}"
_two     3600 IN TXT  "v=spf1 -all"
_two     3600 IN TXT  "v=spf1 +all"
many     3600 IN MX   1 a
many     3600 IN MX   2 b
many     3600 IN MX   3 c
many     3600 IN MX   4 d
many     3600 IN MX   5 e
many     3600 IN MX   6 f
many     3600 IN MX   7 g
many     3600 IN MX   8 h
many     3600 IN MX   9 i
many     3600 IN MX   10 j
many     3600 IN MX   11 k
loop     3600 IN CNAME loop
$ORIGIN 2.0.192.in-addr.arpa.
@        3600 IN SOA  ns hostmaster 1 3600 600 86400 300
1        3600 IN PTR  fuzz.example.
1        3600 IN PTR  mx.fuzz.example.
`

// counting counts the queries a check sends.
type counting struct {
	r  doh.Resolver
	mu sync.Mutex
	n  int
}

func (c *counting) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.r.Query(ctx, name, qtype)
}

// maxQueries bounds what one check may send: the record, 10 lookup terms
// of at most 1 + 10 queries each (mx), the PTR names once (1 + 10), and
// the explanation.
const maxQueries = 1 + 10*11 + 11 + 1

// FuzzCheck evaluates fuzzed records for fuzzed clients: no panic, a
// bounded number of DNS queries, the same answer twice.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"v=spf1 -all",
		"v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx ptr -all",
		"v=spf1 include:_inc.fuzz.example -all exp=_exp.fuzz.example",
		"v=spf1 exists:%{ir}.%{l1r-}.%{d2} redirect=_two.fuzz.example",
		"v=spf1 mx:many.fuzz.example a:loop.fuzz.example ?all",
		"v=spf1 a/24 mx//64 a:%{p}.fuzz.example ~all",
		"v=spf1 a:x1.fuzz.example a:x2.fuzz.example a:x3.fuzz.example -all",
		"v=spf1 include:fuzz.example",
		"v=spf1 -all exp=_exp.fuzz.example",
		"v=spf1 redirect=%{d}",
		"V=SPF1 +all",
		"v=spf1 ip4:192.0.2.300",
		"",
	} {
		f.Add(s, []byte{192, 0, 2, 1}, "user@fuzz.example")
		f.Add(s, netip.MustParseAddr("2001:db8::1").AsSlice(), "")
	}
	f.Fuzz(func(t *testing.T, record string, ip []byte, sender string) {
		store, err := zone.Parse(fuzzZone, "fuzz.zone")
		if err != nil {
			t.Fatal(err)
		}
		store.Add(&dns.TXT{Hdr: dns.RR_Header{Name: "fuzz.example.", Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 3600},
			Txt: []string{spfsuite.EscapeTXT(record)}})
		addr, _ := netip.AddrFromSlice(ip)
		q := Query{IP: addr, Domain: "fuzz.example", Sender: sender, Helo: "mx.fuzz.example"}
		run := func() ([]byte, int) {
			r := &counting{r: store}
			ev := Check(context.Background(), r, q)
			b, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			if ev.DNSLookups > 11 || ev.VoidLookups > 3 {
				t.Fatalf("check went on past the limits: %d lookups, %d void", ev.DNSLookups, ev.VoidLookups)
			}
			return b, r.n
		}
		a, n := run()
		if n > maxQueries {
			t.Fatalf("%d queries sent, more than %d", n, maxQueries)
		}
		if b, _ := run(); string(a) != string(b) {
			t.Fatalf("two checks differ:\n%s\n%s", a, b)
		}
		t1, t2 := treeText(Walk(context.Background(), store, "fuzz.example")), treeText(Walk(context.Background(), store, "fuzz.example"))
		if t1 != t2 {
			t.Fatalf("two walks differ:\n%s\n%s", t1, t2)
		}
	})
}
