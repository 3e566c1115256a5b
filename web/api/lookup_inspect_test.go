package api_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/internal/dohtest"
	"github.com/mxplain/mxplain/web/api"
)

// inspectAPI serves the API resolving from inspect's fixtures, with the
// clock now and a cache.
func inspectAPI(t *testing.T, now time.Time) (string, *httptest.Server) {
	t.Helper()
	store, err := zone.LoadDir("../../inspect/testdata")
	if err != nil {
		t.Fatal(err)
	}
	dns := httptest.NewServer(zoneserver.New(store, zoneserver.Options{}))
	t.Cleanup(dns.Close)
	h, err := api.New(api.Options{Resolver: dns.URL + zoneserver.Path, Transport: dohtest.Transport(dns), Now: func() time.Time { return now },
		Cache: api.NewMemoryCache(64 << 20)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts.URL, ts
}

// TestLookupClock: SPF's %{t} expands to the API's clock (the options come
// from inspect.NewOptions, as in every front end).
func TestLookupClock(t *testing.T) {
	now := time.Date(2026, 12, 2, 3, 4, 5, 0, time.UTC)
	url, ts := inspectAPI(t, now)
	resp, err := ts.Client().Get(url + api.LookupPath + "?domain=clock.spf.test&ip=192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var rep struct {
		SPF struct {
			Check struct{ Explanation string }
		}
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	if want := "checked at 1796180645"; rep.SPF.Check.Explanation != want {
		t.Errorf("explanation %q, want %q", rep.SPF.Check.Explanation, want)
	}
}

// TestLookupCutNotCached: a report with a cut (here 990 of 1000 MX
// exchanges not looked up) is partial: answered with no-store and kept out
// of the cache, like one with a failed query.
func TestLookupCutNotCached(t *testing.T) {
	url, ts := inspectAPI(t, time.Now())
	for range 2 {
		resp, err := ts.Client().Get(url + api.LookupPath + "?domain=manymx.cut.test")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" || resp.Header.Get("X-Mxplain-Cache") != "miss" {
			t.Errorf("Cache-Control %q, X-Mxplain-Cache %q; want no-store, miss", cc, resp.Header.Get("X-Mxplain-Cache"))
		}
	}
}
