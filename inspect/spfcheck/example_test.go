package spfcheck_test

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect/spfcheck"
)

func Example() {
	// Any doh.Resolver will do: a doh.Client for live DNS, or, here, zone text.
	store, err := zone.Parse(`
$ORIGIN example.com.
@      3600 IN SOA  ns hostmaster 1 3600 600 86400 300
@      3600 IN TXT  "v=spf1 ip4:192.0.2.0/24 include:_spf.example.com -all"
_spf   3600 IN TXT  "v=spf1 a:relay.example.com ~all"
relay  3600 IN A    198.51.100.7
`, "example.zone")
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	ev := spfcheck.Check(ctx, store, spfcheck.Query{
		IP:     netip.MustParseAddr("198.51.100.7"),
		Sender: "alice@example.com",
		Helo:   "relay.example.com",
	})
	fmt.Println("198.51.100.7:", ev.Result, "after", ev.DNSLookups, "DNS lookups")
	for _, s := range ev.Path {
		fmt.Printf("  %*s%s: %s\n", 2*s.Depth, "", s.Term, s.Note)
	}

	ev = spfcheck.Check(ctx, store, spfcheck.Query{IP: netip.MustParseAddr("203.0.113.1"), Sender: "alice@example.com"})
	fmt.Println("203.0.113.1:", ev.Result)

	tree := spfcheck.Walk(ctx, store, "example.com")
	fmt.Println("lookups:", tree.DNSLookups, "networks:", tree.Networks)
	// Output:
	// 198.51.100.7: pass after 2 DNS lookups
	//   ip4:192.0.2.0/24: 198.51.100.7 is not in 192.0.2.0/24
	//   include:_spf.example.com: _spf.example.com gives pass
	//     a:relay.example.com: 198.51.100.7 is in 198.51.100.7/32 (an address of relay.example.com)
	// 203.0.113.1: fail
	// lookups: 2 networks: [192.0.2.0/24 198.51.100.7/32]
}
