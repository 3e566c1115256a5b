package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/internal/dohtest"
	"github.com/mxplain/mxplain/web/api"
	"github.com/mxplain/mxplain/web/api/apitest"
)

// newServer serves the API on httptest, resolving through the fixture DoH
// server, as the Worker tests configure the Worker.
func newServer(t *testing.T) (*httptest.Server, *apitest.DoH) {
	t.Helper()
	d := apitest.StartDoH(t)
	timeout, err := time.ParseDuration(apitest.LookupTimeout)
	if err != nil {
		t.Fatal(err)
	}
	h, err := api.New(api.Options{
		Resolver:  d.URL(),
		Transport: dohtest.Transport(d.Server),
		Timeout:   timeout,
		Cache:     api.NewMemoryCache(100),
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts, d
}

// TestCases runs the conformance cases shared with the Worker's tests.
func TestCases(t *testing.T) {
	ts, d := newServer(t)
	apitest.Run(t, ts.URL, ts.Client(), d.Queries)
}

// TestHealthz: the API's own /healthz (the Worker's; `mxplain serve`
// answers /healthz with the page handler's, so the shared cases only ask
// for {"status":"ok"}).
func TestHealthz(t *testing.T) {
	h, err := api.New(api.Options{Version: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	for target, want := range map[string]struct {
		status int
		body   string
	}{
		"/healthz":     {200, `{"status":"ok","version":"v1","resolver":"https://cloudflare-dns.com/dns-query"}` + "\n"},
		"/healthz?x=1": {400, `{"error":{"code":"unknown_parameter","message":"api: unknown parameter \"x\": this endpoint takes none"}}` + "\n"},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != want.status || w.Body.String() != want.body || w.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("GET %s = %d %q (%v), want %d %q", target, w.Code, w.Body, w.Header(), want.status, want.body)
		}
	}
}

func TestNewBadResolver(t *testing.T) {
	for name, r := range map[string]string{
		"http to a public host": "http://dns.example/dns-query",
		"no host":               "https:///dns-query",
		"other scheme":          "ftp://dns.example/",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := api.New(api.Options{Resolver: r}); err == nil || !strings.HasPrefix(err.Error(), "api: ") {
				t.Errorf("New(%q) error = %v, want an api: error", r, err)
			}
		})
	}
}

func TestDefaultResolver(t *testing.T) {
	h, err := api.New(api.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h.Resolver() != doh.Cloudflare {
		t.Errorf("Resolver() = %q, want %q", h.Resolver(), doh.Cloudflare)
	}
}

func TestMemoryCache(t *testing.T) {
	ctx := context.Background()
	c := api.NewMemoryCache(2)
	now := time.Now()
	c.Put(ctx, "a", []byte("A"), now.Add(time.Minute))
	c.Put(ctx, "b", []byte("B"), now.Add(time.Hour))
	c.Put(ctx, "c", []byte("C"), now.Add(2*time.Hour)) // evicts a, which expires first
	if _, _, ok := c.Get(ctx, "a"); ok {
		t.Error("a is still cached after the cache filled up")
	}
	for _, k := range []string{"b", "c"} {
		if body, exp, ok := c.Get(ctx, k); !ok || string(body) != strings.ToUpper(k) || !exp.After(now) {
			t.Errorf("Get(%q) = %q, %v, %v", k, body, exp, ok)
		}
	}
}

// failing is a DoH transport that never reaches anything.
type failing struct{}

func (failing) Get(context.Context, string) (*doh.HTTPResponse, error) {
	return nil, errors.New("failing: no network in this test")
}

// TestResolverDown: a lookup whose every query fails is a partial report,
// not a server error, and is not cached.
func TestResolverDown(t *testing.T) {
	cache := api.NewMemoryCache(10)
	h, err := api.New(api.Options{Transport: failing{}, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/lookup?domain=example.com", nil))
		if w.Code != 200 || w.Header().Get("Cache-Control") != "no-store" || w.Header().Get("X-Mxplain-Cache") != "miss" {
			t.Errorf("status %d, headers %v; want 200, no-store, a miss", w.Code, w.Header())
		}
		var rep struct {
			Errors []struct{ Kind string } `json:"errors"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil || len(rep.Errors) == 0 || rep.Errors[0].Kind != "transport" {
			t.Errorf("report errors = %+v (%v), want transport errors", rep.Errors, err)
		}
	}
}

// FuzzRequest: whatever the path, query and body, the API answers JSON, and
// never a 5xx; a 4xx carries a known code and a message.
func FuzzRequest(f *testing.F) {
	cases, err := apitest.Cases()
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		p := apitest.Expand(c.Path)
		if len(p) > 2000 {
			continue
		}
		method := c.Method
		if method == "" {
			method = "GET"
		}
		f.Add(method, p, c.Body)
	}
	f.Add("GET", "/api/v1/lookup?domain=xn--80ak6aa92e.com&selector=a.b", "")
	f.Add("GET", "/api/v1/lookup?domain=%E2%80%AEexample.com", "")
	f.Add("GET", "/api/v1/lookup?domain=good.test&ip=::ffff:192.0.2.1&helo=%5BIPv6:2001:db8::1%5D&sender=good.test", "")
	h, err := api.New(api.Options{Transport: failing{}, Timeout: time.Second})
	if err != nil {
		f.Fatal(err)
	}
	codes := map[string]bool{}
	for _, c := range []string{api.CodeNotFound, api.CodeMethod, api.CodeBadQuery, api.CodeQueryTooLong, api.CodeMissing,
		api.CodeUnknownParam, api.CodeRepeated, api.CodeBadType, api.CodeBadRecord, api.CodeNoRecord, api.CodeTooLarge,
		api.CodeMediaType, api.CodeBadDomain, api.CodeBadSelector, api.CodeTooManySelectors, api.CodeBadIP, api.CodeBadSender,
		api.CodeBadHelo, api.CodeNeedsIP} {
		codes[c] = true
	}
	f.Fuzz(func(t *testing.T, method, target, body string) {
		switch method {
		case "GET", "POST", "OPTIONS", "HEAD", "DELETE":
		default:
			method = "GET"
		}
		u, err := url.Parse(target)
		if err != nil || u.Path == "" || u.Path[0] != '/' {
			return
		}
		req := httptest.NewRequest(method, "/", strings.NewReader(body))
		req.URL = &url.URL{Path: u.Path, RawQuery: u.RawQuery}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("%s %s: status %d: %s", method, target, w.Code, w.Body)
		}
		if w.Code == 204 {
			return
		}
		if !utf8.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %s: the answer is not UTF-8", method, target)
		}
		var e api.ErrorBody
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
			t.Fatalf("%s %s: status %d, body not JSON: %v", method, target, w.Code, err)
		}
		if w.Code >= 400 && (!codes[e.Error.Code] || e.Error.Message == "" || len(e.Error.Message) > 1000) {
			t.Fatalf("%s %s: status %d with error %+v", method, target, w.Code, e.Error)
		}
	})
}

func Example() {
	h, err := api.New(api.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/explain?record="+url.QueryEscape("v=spf1 +all"), nil))
	var exp struct {
		Records []struct {
			Type     string
			Valid    bool
			Findings []struct{ Severity, Code string }
		}
	}
	json.Unmarshal(w.Body.Bytes(), &exp)
	fmt.Println(w.Code, w.Header().Get("Cache-Control"))
	fmt.Println(exp.Records[0].Type, exp.Records[0].Findings[0].Severity, exp.Records[0].Findings[0].Code)

	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/lookup?domain=localhost", nil))
	fmt.Println(w.Code, w.Body.String()[:48])
	// Output:
	// 200 public, max-age=86400
	// spf warning spf.all.pass
	// 400 {"error":{"code":"bad_domain","message":"api: do
}
