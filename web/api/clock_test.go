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

// TestLookupClock: SPF's %{t} expands to the API's clock (the options come
// from inspect.NewOptions, as in every front end).
func TestLookupClock(t *testing.T) {
	store, err := zone.LoadDir("../../inspect/testdata")
	if err != nil {
		t.Fatal(err)
	}
	dns := httptest.NewServer(zoneserver.New(store, zoneserver.Options{}))
	defer dns.Close()
	now := time.Date(2026, 12, 2, 3, 4, 5, 0, time.UTC)
	h, err := api.New(api.Options{Resolver: dns.URL + zoneserver.Path, Transport: dohtest.Transport(dns), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	resp, err := ts.Client().Get(ts.URL + api.LookupPath + "?domain=clock.spf.test&ip=192.0.2.1")
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
