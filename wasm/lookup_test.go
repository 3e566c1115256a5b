//go:build !js

package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

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
			out := lookupJSON(context.Background(), tc.domain, tc.opts, newResolver, nil, 0)
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

// TestLookupProgress checks the progress the page draws, as JSON: every
// question asked is pending, with the part that asked, until answered; every
// part is listed with its label and is done at the end; the last event has
// none pending and the report's query count.
func TestLookupProgress(t *testing.T) {
	newResolver := fixtures(t)
	var mu sync.Mutex
	var events []inspect.Progress
	var raw []string
	out := lookupJSON(context.Background(), "shop.acme.test", `{"resolver":"fixtures","selectors":"s2026"}`, newResolver, func(s string) {
		var p inspect.Progress
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			t.Errorf("progress is not JSON: %v", err)
		}
		mu.Lock()
		events, raw = append(events, p), append(raw, s)
		mu.Unlock()
	}, 0)
	var r inspect.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 {
		t.Fatal("no progress")
	}
	first, last := events[0], events[len(events)-1]
	if first.Queries != 0 || len(first.Pending) != 0 || len(first.Parts) != len(r.Parts) {
		t.Errorf("first progress %s", raw[0])
	}
	if len(last.Pending) != 0 || last.Queries != r.Queries || last.Answered == 0 {
		t.Errorf("last progress %s; report queries %d", raw[len(raw)-1], r.Queries)
	}
	for i, p := range last.Parts {
		if p.Part != r.Parts[i].Part || p.Label != r.Parts[i].Label || !p.Done || p.Pending != 0 {
			t.Errorf("last progress part %+v, report part %+v", p, r.Parts[i])
		}
	}
	// Each query is pending for the part that asks it: the page shows
	// them under that part, with no guess from the name.
	want := map[inspect.PendingQuery]bool{
		{Part: "mx", Name: "shop.acme.test.", Type: "MX"}:                     false,
		{Part: "mx", Name: "mx1.mail.example.net.", Type: "A"}:                false,
		{Part: "spf", Name: "shop.acme.test.", Type: "TXT"}:                   false,
		{Part: "dmarc", Name: "_dmarc.shop.acme.test.", Type: "TXT"}:          false,
		{Part: "dkim", Name: "s2026._domainkey.shop.acme.test.", Type: "TXT"}: false,
	}
	for _, e := range events {
		counts := map[string]int{}
		for _, q := range e.Pending {
			if _, ok := want[q]; ok {
				want[q] = true
			}
			counts[q.Part]++
		}
		for _, p := range e.Parts {
			if p.Pending < counts[p.Part] {
				t.Errorf("part %s: %d pending, %d queries listed", p.Part, p.Pending, counts[p.Part])
			}
		}
	}
	for q, seen := range want {
		if !seen {
			t.Errorf("%+v was never pending", q)
		}
	}
	if !strings.Contains(raw[1], `"pending":[{"part":"`) {
		t.Errorf("second event, want a pending query with its part: %s", raw[1])
	}
}

// TestMarkdownJSON: the Markdown the page copies, written from the
// report's JSON, is the Markdown of the report itself (what `mxplain lookup
// --markdown` prints): nothing it reads is lost in the JSON.
func TestMarkdownJSON(t *testing.T) {
	newResolver := fixtures(t)
	r, err := newResolver("fixtures")
	if err != nil {
		t.Fatal(err)
	}
	for _, domain := range []string{"shop.acme.test", "nullmx.test", "partial.test", "hostile.test", "nope..test"} {
		t.Run(domain, func(t *testing.T) {
			rep := inspect.Domain(context.Background(), r, domain, inspect.NewOptions(time.Unix(0, 0)))
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			got, want := markdownJSON(string(b)), inspect.Markdown(rep)
			if got != want {
				t.Errorf("markdown from the JSON:\n%s\nwant:\n%s", got, want)
			}
			if !strings.HasPrefix(got, "# Mail DNS of ") {
				t.Errorf("markdown:\n%s", got)
			}
		})
	}
	if got := markdownJSON("not json"); !strings.HasPrefix(got, "The report could not be read") {
		t.Errorf("got %q", got)
	}
}
