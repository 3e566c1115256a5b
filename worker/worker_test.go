//go:build !js

package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

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
			"/app.wasm":     {"application/wasm", "X-Content-Type-Options", "nosniff"},
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
