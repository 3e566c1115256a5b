//go:build !js

package spfcheck

import (
	"context"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zoneserver"
)

// TestOverDoH runs Walk and Check through the real DNS-over-HTTPS path: a
// doh.Client asking a zoneserver over HTTP. The answers must be the same as
// from the zone store directly.
func TestOverDoH(t *testing.T) {
	store := loadStore(t)
	srv := zoneserver.New(store, zoneserver.Options{Faults: []zoneserver.Fault{
		{Name: "slow.check.example.", Type: dns.TypeTXT, Kind: zoneserver.FaultTimeout},
	}})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := func(t *testing.T) *doh.Client {
		t.Helper()
		c, err := doh.New(ts.URL+zoneserver.Path, doh.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, d := range []string{"tree.example", "many.example", "void.example", "norecord.example", "broken.example", "multi.broken.example"} {
		t.Run("walk "+d, func(t *testing.T) {
			got := treeText(Walk(context.Background(), client(t), d))
			if want := treeText(Walk(context.Background(), store, d)); got != want {
				t.Errorf("over DoH:\n%s\nfrom the store:\n%s", got, want)
			}
		})
	}
	t.Run("walk queries", func(t *testing.T) {
		c := client(t)
		Walk(context.Background(), c, "tree.example")
		// TXT ×4, A+AAAA of tree.example, MX, A+AAAA of mx1 and mx2, A+AAAA of relay.
		if c.Queries() != 13 {
			t.Errorf("%d queries sent, want 13", c.Queries())
		}
	})
	for name, tc := range checkCases {
		t.Run("check "+name, func(t *testing.T) {
			got := runCheck(t, client(t), tc)
			want := runCheck(t, store, tc)
			if got.Result != want.Result || got.Explanation != want.Explanation || pathString(got.Path) != pathString(want.Path) {
				t.Errorf("over DoH %s %q%s\nfrom the store %s %q%s", got.Result, got.Explanation, pathString(got.Path), want.Result, want.Explanation, pathString(want.Path))
			}
		})
	}
	t.Run("timeout", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		ev := Check(ctx, client(t), Query{IP: netip.MustParseAddr("192.0.2.1"), Domain: "timeout.check.example"})
		if ev.Result != ResultTemperror || ev.Code != CodeCheckTemperror {
			t.Errorf("got %s (%s): %s", ev.Result, ev.Code, ev.Problem)
		}
		t.Log(ev.Problem)
	})
}
