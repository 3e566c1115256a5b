//go:build !js

package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/web/api"
	"github.com/mxplain/mxplain/web/api/apitest"
	"github.com/mxplain/mxplain/worker/internal/devserver"
)

// startWorker runs the built Worker under wrangler dev, resolving through
// the fixture DoH server. Without MXPLAIN_WORKER_TEST=1 it skips when the
// Worker is not built; with it (make -f worker/worker.mk worker-test) that
// is a failure.
func startWorker(t *testing.T) (*devserver.Server, *apitest.DoH) {
	t.Helper()
	d := apitest.StartDoH(t)
	return startWorkerWith(t, d.URL(), apitest.LookupTimeout), d
}

// startWorkerWith starts the built Worker under wrangler dev, asking the
// DoH resolver at dohURL with the lookup deadline given, and stops it when
// the test ends (printing wrangler's log if the test failed). Without a
// built Worker it skips, or fails when MXPLAIN_WORKER_TEST is set (make
// worker-test sets it).
func startWorkerWith(t *testing.T, dohURL, lookupTimeout string) *devserver.Server {
	t.Helper()
	if err := devserver.Check(".."); err != nil {
		if os.Getenv("MXPLAIN_WORKER_TEST") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	s, err := devserver.Start(t.Context(), devserver.Options{Root: "..", Vars: map[string]string{
		"DOH_URL": dohURL, "LOOKUP_TIMEOUT": lookupTimeout}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("wrangler dev:\n%s", s.Log())
		}
	})
	return s
}

// TestWorker runs the API's conformance cases (the ones package api runs
// against httptest) against the Worker, and checks that it serves the page
// as static assets with the page handler's headers.
func TestWorker(t *testing.T) {
	s, d := startWorker(t)
	t.Run("api", func(t *testing.T) {
		apitest.Run(t, s.URL, http.DefaultClient, d.Queries)
	})
	t.Run("curl", func(t *testing.T) { apitest.Curl(t, s.URL) })
	t.Run("page", func(t *testing.T) {
		for path, want := range map[string]struct{ ctype, header, value string }{
			"/":             {"text/html", "Content-Security-Policy", "script-src 'self' 'wasm-unsafe-eval'"},
			"/explain.wasm": {"application/wasm", "X-Content-Type-Options", "nosniff"},
			"/wasm_exec.js": {"javascript", "Cache-Control", "no-cache"},
			"/embed.js":     {"javascript", "Access-Control-Allow-Origin", "*"},
			"/embed":        {"text/html", "Content-Security-Policy", "frame-ancestors *"},
		} {
			resp, err := http.Get(s.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), want.ctype) ||
				!strings.Contains(resp.Header.Get(want.header), want.value) || len(body) == 0 {
				t.Errorf("GET %s: %d, %s %q, %s %q, %d bytes; want 200, %s, %s containing %q",
					path, resp.StatusCode, "Content-Type", resp.Header.Get("Content-Type"), want.header, resp.Header.Get(want.header), len(body),
					want.ctype, want.header, want.value)
			}
		}
	})
}

// TestHandlerConfig: the Worker's vars are checked; a bad one answers every
// request with 500 bad_configuration (the request is not at fault).
func TestHandlerConfig(t *testing.T) {
	for name, c := range map[string]struct {
		doh, timeout string
		ok           bool
	}{
		"defaults":        {"", "", true},
		"loopback http":   {"http://127.0.0.1:8053/dns-query", "2s", true},
		"public http":     {"http://dns.example/dns-query", "", false},
		"not a duration":  {"", "eight", false},
		"negative":        {"", "-1s", false},
		"https elsewhere": {"https://dns.quad9.net/dns-query", "30s", true},
	} {
		t.Run(name, func(t *testing.T) {
			h, err := handler(c.doh, c.timeout, nil)
			if (err == nil) != c.ok || (err != nil && !strings.HasPrefix(err.Error(), "worker: ")) {
				t.Fatalf("handler(%q, %q) = %v, want ok %v", c.doh, c.timeout, err, c.ok)
			}
			if err != nil {
				w := httptest.NewRecorder()
				misconfigured(err).ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/explain?record=v%3Dspf1", nil))
				var e api.ErrorBody
				if json.Unmarshal(w.Body.Bytes(), &e) != nil || w.Code != 500 || e.Error.Code != api.CodeConfig {
					t.Errorf("misconfigured answer: %d %s", w.Code, w.Body)
				}
				return
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/explain?record=v%3Dspf1+-all", nil))
			if w.Code != 200 {
				t.Errorf("explain: %d %s", w.Code, w.Body)
			}
		})
	}
}

// policyZone is what the Worker's resolver answers in TestWorkerPolicy:
// policy hosts at addresses that are not public.
const policyZone = `
$ORIGIN example.com.
$TTL 300
@                SOA  ns hostmaster 1 7200 3600 1209600 300
@                NS   ns
ns               A    192.0.2.53
mta-sts.loopback A    127.0.0.1
mta-sts.private  A    10.0.0.7
mta-sts.private6 AAAA fd00::7
mta-sts.meta     CNAME metadata.cloud
metadata.cloud   A    169.254.169.254
`

// TestWorkerPolicy: under workerd, the Worker's MTA-STS policy endpoint
// refuses an IP literal before anything (no DNS query), and a domain whose
// policy host resolves, through the Worker's DoH resolver, to a loopback,
// private or link-local address (403, before any fetch).
func TestWorkerPolicy(t *testing.T) {
	store, err := zone.Parse(policyZone, "example.com.zone")
	if err != nil {
		t.Fatal(err)
	}
	var queries atomic.Int64
	srv := zoneserver.New(store, zoneserver.Options{})
	d := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries.Add(1)
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(d.Close)
	s := startWorkerWith(t, d.URL+zoneserver.Path, apitest.LookupTimeout)
	for _, c := range []struct {
		domain     string
		status     int
		code, kind string
		queries    bool // the resolver was asked
	}{
		{"127.0.0.1", 400, api.CodeBadDomain, "refused", false},
		{"[::1]", 400, api.CodeBadDomain, "refused", false},
		{"localhost", 400, api.CodeBadDomain, "refused", false},
		{"loopback.example.com", 403, api.CodeRefused, "refused", true},
		{"private.example.com", 403, api.CodeRefused, "refused", true},
		{"private6.example.com", 403, api.CodeRefused, "refused", true},
		{"meta.example.com", 403, api.CodeRefused, "refused", true},
		{"gone.example.com", 502, api.CodePolicyFetch, "transport", true},
	} {
		t.Run(c.domain, func(t *testing.T) {
			before := queries.Load()
			resp, err := http.Get(s.URL + api.PolicyPath + "?domain=" + url.QueryEscape(c.domain))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e api.PolicyError
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != c.status || e.Error.Code != c.code || e.Error.Kind != c.kind || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%d %+v (Cache-Control %q), want %d %s/%s, no-store", resp.StatusCode, e.Error, resp.Header.Get("Cache-Control"), c.status, c.code, c.kind)
			}
			if asked := queries.Load() > before; asked != c.queries {
				t.Errorf("the resolver asked: %v, want %v", asked, c.queries)
			}
			t.Logf("%d %s", resp.StatusCode, e.Error.Message)
		})
	}
}
