//go:build !js

package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
)

// fixtures serves the page's e2e zones (and their faults) over DoH and
// returns a newResolver for lookupJSON that reaches it.
func fixtures(t *testing.T) func(string) (doh.Resolver, error) {
	t.Helper()
	srv, err := zoneserver.LoadDir("../e2e/zones", zoneserver.Options{})
	if err != nil {
		t.Fatalf("loading e2e/zones: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return func(endpoint string) (doh.Resolver, error) {
		if endpoint == "fixtures" {
			endpoint = ts.URL + zoneserver.Path
		}
		return doh.New(endpoint, doh.Options{Transport: doh.HTTPTransport{Client: ts.Client()}, Budget: inspect.MaxQueries})
	}
}

func TestLookupJSON(t *testing.T) {
	newResolver := fixtures(t)
	tests := map[string]struct {
		domain, opts string
		check        func(t *testing.T, r *inspect.Report)
	}{
		"realistic": {domain: "shop.acme.test", opts: `{"resolver":"fixtures","selectors":["s2026"]}`, check: func(t *testing.T, r *inspect.Report) {
			if len(r.MX.Hosts) != 2 || r.MX.Hosts[0].Exchange != "mx1.mail.example.net." {
				t.Errorf("mx hosts = %+v", r.MX.Hosts)
			}
			if r.DMARC.PolicyDomain != "acme.test" || r.DMARC.Policy != "reject" {
				t.Errorf("dmarc policy %q from %q, want reject from acme.test", r.DMARC.Policy, r.DMARC.PolicyDomain)
			}
			if _, ok := r.DKIM["s2026"]; !ok {
				t.Errorf("no key at s2026: %v", r.DKIMSelectors)
			}
			if _, ok := r.DKIM["selector1"]; !ok {
				t.Errorf("no key at the probed selector1")
			}
			if r.SPF.DNSLookups < 4 || r.Partial() {
				t.Errorf("spf lookups %d, partial %v (%v)", r.SPF.DNSLookups, r.Partial(), r.Errors)
			}
		}},
		"selectors as one string": {domain: "shop.acme.test", opts: `{"resolver":"fixtures","selectors":"S2026, other","noProbe":true}`, check: func(t *testing.T, r *inspect.Report) {
			if len(r.DKIMSelectors) != 2 || r.DKIMSelectors[0].Selector != "s2026" || !r.DKIMSelectors[0].Found {
				t.Errorf("selectors = %+v", r.DKIMSelectors)
			}
		}},
		"check path": {domain: "shop.acme.test", opts: `{"resolver":"fixtures","ip":"203.0.113.9","helo":"out.example.net"}`, check: func(t *testing.T, r *inspect.Report) {
			if r.SPF.Check == nil || r.SPF.Check.Result != "pass" || r.SPF.Check.Sender != "postmaster@shop.acme.test" {
				t.Errorf("check = %+v", r.SPF.Check)
			}
		}},
		"idn": {domain: "bücher.test", opts: `{"resolver":"fixtures"}`, check: func(t *testing.T, r *inspect.Report) {
			if r.Domain != "xn--bcher-kva.test" || len(r.MX.Hosts) != 1 {
				t.Errorf("domain %q, hosts %v", r.Domain, r.MX.Hosts)
			}
		}},
		"nxdomain": {domain: "no-such-domain.test", opts: `{"resolver":"fixtures"}`, check: func(t *testing.T, r *inspect.Report) {
			if !r.NXDomain {
				t.Errorf("nxdomain false")
			}
		}},
		"faults": {domain: "partial.test", opts: `{"resolver":"fixtures"}`, check: func(t *testing.T, r *inspect.Report) {
			if !r.Partial() || len(r.Errors) < 2 {
				t.Errorf("partial %v, errors %v", r.Partial(), r.Errors)
			}
		}},
		"bad ip":       {domain: "acme.test", opts: `{"resolver":"fixtures","ip":"300.1.1.1"}`, check: wantError("ip \"300.1.1.1\"")},
		"bad resolver": {domain: "acme.test", opts: `{"resolver":"http://resolver.example/dns-query"}`, check: wantError("doh")},
		"bad domain":   {domain: "exa mple.test", opts: `{"resolver":"fixtures"}`, check: wantError("invalid domain")},
		"bad options":  {domain: "acme.test", opts: `{"selectors":3}`, check: wantError("selectors")},
		"bad selector": {domain: "acme.test", opts: `{"resolver":"fixtures","selectors":["a;b"]}`, check: wantError("a;b._domainkey.acme.test")},
		"idn selector": {domain: "shop.acme.test", opts: `{"resolver":"fixtures","selectors":"Schlüssel","noProbe":true}`, check: func(t *testing.T, r *inspect.Report) {
			if len(r.DKIMSelectors) != 1 || r.DKIMSelectors[0].Selector != "xn--schlssel-95a" {
				t.Errorf("selectors = %+v", r.DKIMSelectors)
			}
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var r inspect.Report
			out := lookupJSON(context.Background(), tc.domain, tc.opts, newResolver, nil)
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if r.Input != tc.domain {
				t.Errorf("input = %q, want %q", r.Input, tc.domain)
			}
			if r.Findings == nil || r.Errors == nil || r.DKIMSelectors == nil {
				t.Errorf("a list is null: %s", out)
			}
			tc.check(t, &r)
		})
	}
}

func wantError(part string) func(*testing.T, *inspect.Report) {
	return func(t *testing.T, r *inspect.Report) {
		t.Helper()
		if !strings.Contains(r.Error, part) {
			t.Errorf("error = %q, want one containing %q", r.Error, part)
		}
	}
}

// TestLookupProgress checks the progress the page draws: every question
// asked is pending until answered, and the last report has none pending.
func TestLookupProgress(t *testing.T) {
	newResolver := fixtures(t)
	var mu sync.Mutex
	var events []progress
	out := lookupJSON(context.Background(), "shop.acme.test", `{"resolver":"fixtures"}`, newResolver, func(s string) {
		var p progress
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			t.Errorf("progress is not JSON: %v", err)
		}
		mu.Lock()
		events = append(events, p)
		mu.Unlock()
	})
	var r inspect.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 {
		t.Fatal("no progress")
	}
	last := events[len(events)-1]
	if len(last.Pending) != 0 || last.Queries != r.Queries || last.Answered != len(events)/2 {
		t.Errorf("last progress %+v; report queries %d, %d events", last, r.Queries, len(events))
	}
	sawDMARC := false
	for _, e := range events {
		for _, q := range e.Pending {
			sawDMARC = sawDMARC || q.Name == "_dmarc.shop.acme.test." && q.Type == "TXT"
		}
	}
	if !sawDMARC {
		t.Error("_dmarc.shop.acme.test. TXT was never pending")
	}
}
