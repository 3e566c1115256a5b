package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/internal/stsfetch/stsfetchtest"
	"github.com/mxplain/mxplain/web/api"
)

const testPolicy = "version: STSv1\nmode: testing\nmx: *.example.com\nmax_age: 86400\n"

// TestPolicy: the endpoint fetches through a real stsfetch.Fetcher from a
// policy host on loopback, and refuses what it must not fetch before any
// connection (IP literals, special-use names, URLs) or at dial time (a
// name resolving to 127.0.0.1).
func TestPolicy(t *testing.T) {
	ca := stsfetchtest.NewCA(t)
	good := stsfetchtest.Start(t, &ca.Right, true, stsfetchtest.TextPlain(testPolicy))
	redirect := stsfetchtest.Start(t, &ca.Right, true, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	slow := stsfetchtest.Start(t, &ca.Right, true, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	wrongName := stsfetchtest.Start(t, &ca.Wrong, true, stsfetchtest.TextPlain(testPolicy))
	for name, c := range map[string]struct {
		server   *stsfetchtest.Server
		loopback bool // the fetcher may connect to loopback (the policy host is there)
		query    string
		status   int
		code     string
		kind     string
		hits     int
	}{
		"policy":                       {server: good, loopback: true, query: "domain=Example.COM.", status: 200, hits: 1},
		"ip literal":                   {server: good, loopback: true, query: "domain=127.0.0.1", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"ipv6 literal":                 {server: good, loopback: true, query: "domain=%5B::1%5D", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"localhost":                    {server: good, loopback: true, query: "domain=localhost", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"under localhost":              {server: good, loopback: true, query: "domain=a.localhost", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"under .internal":              {server: good, loopback: true, query: "domain=db.internal", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"under .test":                  {server: good, loopback: true, query: "domain=good.test", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"a public suffix":              {server: good, loopback: true, query: "domain=co.uk", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"a url":                        {server: good, loopback: true, query: "domain=https://example.com/x", status: 400, code: api.CodeBadDomain, kind: "refused"},
		"a url parameter":              {server: good, loopback: true, query: "domain=example.com&url=https://example.com/", status: 400, code: api.CodeUnknownParam},
		"missing":                      {server: good, loopback: true, query: "", status: 400, code: api.CodeMissing},
		"resolves to 127.0.0.1":        {server: good, query: "domain=example.com", status: 403, code: api.CodeRefused, kind: "refused"},
		"redirect":                     {server: redirect, loopback: true, query: "domain=example.com", status: 502, code: api.CodePolicyFetch, kind: "redirect", hits: 1},
		"certificate for another name": {server: wrongName, loopback: true, query: "domain=example.com", status: 502, code: api.CodePolicyFetch, kind: "tls"},
		"slow":                         {server: slow, loopback: true, query: "domain=example.com", status: 504, code: api.CodePolicyFetch, kind: "timeout", hits: 1},
	} {
		t.Run(name, func(t *testing.T) {
			before := c.server.Hits()
			o := stsfetchtest.Options(ca, c.server, "127.0.0.1", c.loopback)
			o.Timeout = 300 * time.Millisecond
			h, err := api.New(api.Options{Policy: stsfetch.New(o)})
			if err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", api.PolicyPath+"?"+c.query, nil))
			if w.Code != c.status || w.Header().Get("Cache-Control") != "no-store" || w.Header().Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("status %d, Cache-Control %q; want %d, no-store: %s", w.Code, w.Header().Get("Cache-Control"), c.status, w.Body)
			}
			if n := c.server.Hits() - before; n != c.hits {
				t.Errorf("the policy host got %d requests, want %d", n, c.hits)
			}
			if c.status == 200 {
				var p api.Policy
				want := api.Policy{Domain: "example.com", URL: "https://mta-sts.example.com/.well-known/mta-sts.txt",
					ContentType: "text/plain; charset=utf-8", Body: testPolicy}
				if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p != want {
					t.Errorf("answer %s, want %+v", w.Body, want)
				}
				return
			}
			var e api.PolicyError
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code != c.code || e.Error.Kind != c.kind || e.Error.Message == "" {
				t.Errorf("answer %s, want code %q kind %q", w.Body, c.code, c.kind)
			}
			t.Logf("%d %s", w.Code, w.Body)
		})
	}
}

// TestPolicyUnavailable: without a fetcher the endpoint says so (501), and
// still refuses what it would never fetch (400).
func TestPolicyUnavailable(t *testing.T) {
	h, err := api.New(api.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]struct {
		status     int
		code, kind string
	}{
		"domain=example.com": {501, api.CodeUnavailable, api.KindUnavailable},
		"domain=10.0.0.1":    {400, api.CodeBadDomain, "refused"},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", api.PolicyPath+"?"+query, nil))
		var e api.PolicyError
		if json.Unmarshal(w.Body.Bytes(), &e) != nil || w.Code != want.status || e.Error.Code != want.code || e.Error.Kind != want.kind {
			t.Errorf("GET %s?%s = %d %s, want %d %s/%s", api.PolicyPath, query, w.Code, w.Body, want.status, want.code, want.kind)
		}
	}
}

// TestPolicyBusy: a policy fetch takes a lookup's turn.
func TestPolicyBusy(t *testing.T) {
	h, err := api.New(api.Options{Policy: stsfetch.New(stsfetch.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	release := h.Hold("lookup")
	defer release()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", api.PolicyPath+"?domain=example.com", nil))
	if w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Errorf("busy: %d %v %s, want 503 with Retry-After", w.Code, w.Header(), w.Body)
	}
}

// fakePolicy answers policies without the network: testPolicy for any
// domain, and with failures the failures the OpenAPI document shows, by
// domain.
type fakePolicy struct{ failures bool }

// kindError is an error with a kind, as a fetcher's.
type kindError struct{ kind, msg string }

func (e kindError) Error() string { return e.msg }
func (e kindError) Kind() string  { return e.kind }

func (f fakePolicy) FetchPolicy(_ context.Context, domain string) (*stsfetch.PolicyFile, error) {
	url := stsfetch.URL(stsfetch.HostPrefix + domain)
	if f.failures {
		switch domain {
		case "private.example.com":
			return nil, kindError{stsfetch.KindRefused, "stsfetch: " + url + ": address 10.0.0.1 is a private address"}
		case "redirect.example.com":
			return nil, kindError{stsfetch.KindRedirect, "stsfetch: " + url + `: HTTP 301, a redirect to "https://example.com/": RFC 8461 §3.3 forbids following it`}
		case "slow.example.com":
			return nil, kindError{stsfetch.KindTimeout, "stsfetch: " + url + ": no complete answer in time: context deadline exceeded"}
		case "static.example.com":
			return nil, kindError{api.KindUnavailable, "this server does not fetch MTA-STS policies"}
		}
	}
	return &stsfetch.PolicyFile{URL: url, ContentType: "text/plain; charset=utf-8", Body: testPolicy}, nil
}
