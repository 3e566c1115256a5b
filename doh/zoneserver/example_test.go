//go:build !js

package zoneserver_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
)

func Example() {
	store, err := zone.Parse(`
$ORIGIN example.com.
$TTL 3600
@               IN SOA  ns hostmaster 1 3600 600 86400 300
@               IN MX   10 mail
@               IN TXT  "v=spf1 mx " "-all"
mail            IN A    192.0.2.1
`, "example.zone")
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(zoneserver.New(store, zoneserver.Options{}))
	defer ts.Close()

	c, err := doh.New(ts.URL+zoneserver.Path, doh.Options{}) // http is allowed to loopback
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	spf, err := c.Query(ctx, "example.com", dns.TypeTXT)
	if err != nil {
		panic(err)
	}
	fmt.Printf("TXT %q, TTL %d\n", spf.TXT(), spf.TTL)
	dmarc, err := c.Query(ctx, "_dmarc.example.com", dns.TypeTXT)
	if err != nil {
		panic(err)
	}
	fmt.Println("_dmarc: NXDOMAIN", dmarc.NXDomain(), "void", dmarc.Void())
	mx, err := c.Query(ctx, "example.com", dns.TypeMX)
	if err != nil {
		panic(err)
	}
	for _, rr := range mx.Records() {
		fmt.Println("MX", rr.(*dns.MX).Preference, rr.(*dns.MX).Mx)
	}
	fmt.Println("queries sent:", c.Queries())
	// Output:
	// TXT ["v=spf1 mx -all"], TTL 3600
	// _dmarc: NXDOMAIN true void true
	// MX 10 mail.example.com.
	// queries sent: 3
}
