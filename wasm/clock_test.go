package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/dohtest"
)

// TestLookupClock: SPF's %{t} expands to the time of the lookup in the
// browser too (the options come from inspect.NewOptions, as in every front
// end), not to 0. It runs natively and under node (GOOS=js).
func TestLookupClock(t *testing.T) {
	store, err := zone.LoadDir("../inspect/testdata")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(zoneserver.New(store, zoneserver.Options{}))
	defer ts.Close()
	newResolver := func(string) (doh.Resolver, error) {
		return doh.New(ts.URL+zoneserver.Path, doh.Options{Transport: dohtest.Transport(ts), Budget: inspect.MaxQueries})
	}
	before := time.Now()
	out := lookupJSON(context.Background(), "clock.spf.test", `{"ip":"192.0.2.1","noProbe":true}`, newResolver, nil, 0)
	after := time.Now()
	var r inspect.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.SPF.Check == nil {
		t.Fatalf("no check: %s", out)
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(r.SPF.Check.Explanation, "checked at "), 10, 64)
	if err != nil || n < before.Unix() || n > after.Unix() {
		t.Errorf("explanation %q, want the time of the lookup (%d)", r.SPF.Check.Explanation, before.Unix())
	}
}
