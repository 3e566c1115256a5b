//go:build !js

package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/internal/stsfetch/stsfetchtest"
	"github.com/mxplain/mxplain/web/api"
)

// withPageGet makes pageGet ask the origin srv, as fetch asks the page's
// origin, for the test.
func withPageGet(t *testing.T, srv *httptest.Server) {
	t.Helper()
	saved := pageGet
	t.Cleanup(func() { pageGet = saved })
	pageGet = func(ctx context.Context, path string) (*pageAnswer, error) {
		req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+path, nil)
		if err != nil {
			return nil, err
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return &pageAnswer{resp.StatusCode, resp.Header.Get("Content-Type"), string(b)}, err
	}
}

// TestPagePolicy: the page's fetcher through the API of its origin (the
// real handler, fetching with stsfetch from a policy host on loopback), and
// on origins that have no such API.
func TestPagePolicy(t *testing.T) {
	const body = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n"
	ca := stsfetchtest.NewCA(t)
	hosts := map[string]*stsfetchtest.Server{
		"good": stsfetchtest.Start(t, &ca.Right, true, stsfetchtest.TextPlain(body)),
		"redirect": stsfetchtest.Start(t, &ca.Right, true, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://elsewhere.example/", http.StatusMovedPermanently)
		}),
	}
	origin := func(host string, loopback bool) *httptest.Server {
		h, err := api.New(api.Options{Policy: stsfetch.New(stsfetchtest.Options(ca, hosts[host], "127.0.0.1", loopback))})
		if err != nil {
			t.Fatal(err)
		}
		return httptest.NewServer(h)
	}
	static := httptest.NewServer(http.FileServer(http.Dir(t.TempDir())))                      // 404 for the API's path
	spa := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { // index.html for every path
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!doctype html><title>mxplain</title>")
	}))
	noFetcher, _ := api.New(api.Options{})
	for name, c := range map[string]struct {
		origin   *httptest.Server
		endpoint string
		domain   string
		kind     string // "" for the policy
		message  string // in the error
	}{
		"policy":                {origin: origin("good", true), endpoint: api.PolicyPath, domain: "example.com"},
		"redirect":              {origin: origin("redirect", true), endpoint: api.PolicyPath, domain: "example.com", kind: "redirect", message: "forbids following it"},
		"resolves to 127.0.0.1": {origin: origin("good", false), endpoint: api.PolicyPath, domain: "example.com", kind: "refused", message: "loopback"},
		"ip literal":            {origin: origin("good", true), endpoint: api.PolicyPath, domain: "127.0.0.1", kind: "refused", message: "IP address"},
		"no endpoint option":    {origin: origin("good", true), domain: "example.com", kind: "unavailable", message: "static host"},
		"static host":           {origin: static, endpoint: api.PolicyPath, domain: "example.com", kind: "unavailable", message: "the rest of the report still comes from the browser"},
		"page for every path":   {origin: spa, endpoint: api.PolicyPath, domain: "example.com", kind: "unavailable", message: "static host"},
		"server without fetcher": {origin: httptest.NewServer(noFetcher), endpoint: api.PolicyPath, domain: "example.com", kind: "unavailable",
			message: "does not fetch"},
	} {
		t.Run(name, func(t *testing.T) {
			defer c.origin.Close()
			withPageGet(t, c.origin)
			pf, err := pagePolicy{c.endpoint}.FetchPolicy(t.Context(), c.domain)
			if c.kind == "" {
				want := stsfetch.PolicyFile{URL: "https://mta-sts.example.com/.well-known/mta-sts.txt", ContentType: "text/plain; charset=utf-8", Body: body}
				if err != nil || *pf != want {
					t.Fatalf("got %+v, %v; want %+v", pf, err, want)
				}
				return
			}
			var k interface{ Kind() string }
			if !errors.As(err, &k) || k.Kind() != c.kind || !strings.Contains(err.Error(), c.message) || !strings.HasPrefix(err.Error(), "wasm: ") {
				t.Fatalf("error %v, want kind %s saying %q", err, c.kind, c.message)
			}
			t.Log(err)
		})
	}
}

// TestPagePolicyTransport: an origin that cannot be reached, and one too
// slow for the context.
func TestPagePolicyTransport(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	withPageGet(t, dead)
	if _, err := (pagePolicy{api.PolicyPath}).FetchPolicy(t.Context(), "example.com"); err == nil || err.(*policyError).Kind() != stsfetch.KindTransport {
		t.Errorf("a dead origin: %v, want kind transport", err)
	}
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer slow.Close()
	withPageGet(t, slow)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := (pagePolicy{api.PolicyPath}).FetchPolicy(ctx, "example.com"); err == nil || err.(*policyError).Kind() != stsfetch.KindTimeout {
		t.Errorf("a slow origin: %v, want kind timeout", err)
	}
}

// TestLookupPolicyEndpoint: the lookup option policyEndpoint gives the
// report the policy through the origin's API; without it the report says
// the page is on a static host.
func TestLookupPolicyEndpoint(t *testing.T) {
	const policy = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n"
	store, err := zone.Parse(`$ORIGIN example.com.
$TTL 300
@         SOA ns hostmaster 1 7200 3600 1209600 300
@         MX 10 mail
mail      A 192.0.2.25
_mta-sts  TXT "v=STSv1; id=20260101"
`, "example.com.zone")
	if err != nil {
		t.Fatal(err)
	}
	ca := stsfetchtest.NewCA(t)
	host := stsfetchtest.Start(t, &ca.Right, true, stsfetchtest.TextPlain(policy))
	h, err := api.New(api.Options{Policy: stsfetch.New(stsfetchtest.Options(ca, host, "127.0.0.1", true))})
	if err != nil {
		t.Fatal(err)
	}
	origin := httptest.NewServer(h)
	defer origin.Close()
	withPageGet(t, origin)
	newResolver := func(string) (doh.Resolver, error) { return store, nil }
	for name, c := range map[string]struct {
		opts, kind string
	}{
		"served by the api": {opts: `{"noProbe":true,"policyEndpoint":"` + api.PolicyPath + `"}`},
		"static host":       {opts: `{"noProbe":true}`, kind: "unavailable"},
	} {
		t.Run(name, func(t *testing.T) {
			var rep struct {
				MTASTS struct {
					Policy     *struct{ Input string }         `json:"policy"`
					FetchError *struct{ Kind, Message string } `json:"fetch_error"`
				} `json:"mta_sts"`
			}
			out := lookupJSON(t.Context(), "example.com", c.opts, newResolver, nil, 0)
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			m := rep.MTASTS
			if c.kind == "" {
				if m.Policy == nil || m.FetchError != nil || host.Hits() == 0 {
					t.Fatalf("policy %+v, fetch_error %+v, %d fetches; want the policy\n%s", m.Policy, m.FetchError, host.Hits(), out)
				}
				return
			}
			if m.Policy != nil || m.FetchError == nil || m.FetchError.Kind != c.kind || !strings.Contains(m.FetchError.Message, "static host") {
				t.Fatalf("policy %+v, fetch_error %+v; want kind %s", m.Policy, m.FetchError, c.kind)
			}
		})
	}
}
