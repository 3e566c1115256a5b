//go:build !js

// The native fetcher's tests: stsfetch.Fetcher and its loopback policy
// hosts (stsfetchtest) are not built for js; the Worker fetches through the
// runtime's fetch, tested under workerd (worker/TestWorkerPolicy).

package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/internal/stsfetch/stsfetchtest"
	"github.com/mxplain/mxplain/web/api"
)

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
