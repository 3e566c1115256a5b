package doh_test

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

var live = flag.Bool("live", false, "query the public resolvers over the network")

// TestLive asks the known resolvers for real records: go test ./doh/ -live
func TestLive(t *testing.T) {
	if !*live {
		t.Skip("network test; run with -live")
	}
	for _, endpoint := range []string{doh.Cloudflare, doh.Google, doh.Quad9} {
		t.Run(endpoint, func(t *testing.T) {
			c, err := doh.New(endpoint, doh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			r, err := c.Query(ctx, "_dmarc.ietf.org", dns.TypeTXT)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.TXT()) == 0 {
				t.Errorf("no TXT: %v", r.Answer)
			}
			t.Logf("%q AD=%v TTL=%d", r.TXT(), r.AD, r.TTL)
			r, err = c.Query(ctx, "nxdomain.mxplain.invalid", dns.TypeTXT)
			if err != nil || !r.NXDomain() {
				t.Errorf("nxdomain: %v, %v", r, err)
			}
		})
	}
}
