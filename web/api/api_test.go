package api_test

import (
	"bytes"
	"compress/gzip"
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
		Cache:     api.NewMemoryCache(0),
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

// TestMemoryCache: the cache is bounded in bytes, whatever the number of
// entries; the entries that expire soonest make room; an answer too large
// for the cache is not kept.
func TestMemoryCache(t *testing.T) {
	ctx := context.Background()
	const bound = 20_000
	c := api.NewMemoryCache(bound)
	now := time.Now()
	body := []byte(strings.Repeat("x", 1000))
	for i := range 100 {
		c.Put(ctx, fmt.Sprintf("k%03d", i), body, now.Add(time.Duration(i+1)*time.Minute))
		if n, size := c.Size(); size > bound {
			t.Fatalf("after %d puts: %d entries, %d bytes, over %d", i+1, n, size, bound)
		}
	}
	n, _ := c.Size()
	if n < 10 || n > 20 {
		t.Errorf("%d entries of 1 KB in a 20 KB cache", n)
	}
	if _, _, ok := c.Get(ctx, "k000"); ok {
		t.Error("k000, which expires first, is still cached")
	}
	if b, exp, ok := c.Get(ctx, "k099"); !ok || string(b) != string(body) || !exp.After(now) {
		t.Errorf("Get(k099) = %d bytes, %v, %v; want the last entry", len(b), exp, ok)
	}
	c.Put(ctx, "huge", make([]byte, bound/8), now.Add(time.Hour))
	if _, _, ok := c.Get(ctx, "huge"); ok {
		t.Error("an answer of an eighth of the cache was kept")
	}
	if m, _ := c.Size(); m != n {
		t.Errorf("%d entries after the huge one, want %d: it must not evict", m, n)
	}
	c.Put(ctx, "gone", body, now.Add(-time.Second))
	if _, _, ok := c.Get(ctx, "gone"); ok {
		t.Error("an expired entry was returned")
	}
}

// TestBusy: lookups beyond MaxLookups wait for a turn at most MaxWait, at
// most Queue of them, and are otherwise answered 503 with Retry-After.
func TestBusy(t *testing.T) {
	d := apitest.StartDoH(t)
	h, err := api.New(api.Options{Resolver: d.URL(), Transport: dohtest.Transport(d.Server),
		Timeout: api.MaxWait + 2*time.Second, MaxLookups: 1, Queue: 1})
	if err != nil {
		t.Fatal(err)
	}
	get := func(target string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		return w
	}
	until := func(working, waiting int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if w, q := h.Load(); w == working && q == waiting {
				return
			}
		}
		t.Fatalf("never %d lookups working and %d waiting", working, waiting)
	}
	slow := make(chan *httptest.ResponseRecorder)
	go func() { slow <- get("/api/v1/lookup?domain=slow.test") }()
	until(1, 0) // the slow lookup has the turn
	waiting := make(chan *httptest.ResponseRecorder)
	start := time.Now()
	go func() { waiting <- get("/api/v1/lookup?domain=good.test") }()
	until(1, 1) // the second one waits
	busy := func(name string, w *httptest.ResponseRecorder) {
		t.Helper()
		var e api.ErrorBody
		json.Unmarshal(w.Body.Bytes(), &e)
		if w.Code != 503 || w.Header().Get("Retry-After") != "1" || e.Error.Code != api.CodeBusy {
			t.Errorf("%s: %d, Retry-After %q, %s; want 503, 1, busy", name, w.Code, w.Header().Get("Retry-After"), w.Body)
		}
	}
	busy("a third lookup, the queue full", get("/api/v1/lookup?domain=good.test"))
	if w := get("/api/v1/explain?record=v%3Dspf1+-all"); w.Code != 200 {
		t.Errorf("an explanation while lookups are busy: %d, want 200 (its own turns)", w.Code)
	}
	busy("the waiting lookup", <-waiting)
	if waited := time.Since(start); waited < api.MaxWait || waited > api.MaxWait+3*time.Second {
		t.Errorf("the waiting lookup was answered after %v, want MaxWait (%v)", waited, api.MaxWait)
	}
	if w := <-slow; w.Code != 200 {
		t.Errorf("the slow lookup: %d, want 200 (a partial report)", w.Code)
	}
	if w := get("/api/v1/lookup?domain=good.test"); w.Code != 200 {
		t.Errorf("a lookup after the slow one ended: %d, want 200", w.Code)
	}
}

// TestOutputBound: an explanation whose JSON is over MaxOutput is a 413,
// not an answer of any size.
func TestOutputBound(t *testing.T) {
	h, err := api.New(api.Options{MaxOutput: 10 << 10})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		record string
		status int
	}{
		"small":    {"v=spf1 ip4:192.0.2.1 -all", 200},
		"over 10K": {"v=spf1 " + strings.Repeat("ip4:192.0.2.1 ", 200) + "-all", 413},
	} {
		t.Run(name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("POST", "/api/v1/explain", strings.NewReader(c.record)))
			var e api.ErrorBody
			json.Unmarshal(w.Body.Bytes(), &e)
			if w.Code != c.status || c.status == 413 && e.Error.Code != api.CodeTooLarge || w.Body.Len() > 10<<10 {
				t.Errorf("%d, %d bytes, %.200s; want %d", w.Code, w.Body.Len(), w.Body, c.status)
			}
		})
	}
}

// TestContentEncoding: a compressed body is not read as the record (a
// gzip body was "not UTF-8", a body labelled br was explained as it came):
// 415, with Accept-Encoding saying what is taken (RFC 9110 §8.4, §12.5.3).
func TestContentEncoding(t *testing.T) {
	h, err := api.New(api.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("v=spf1 -all"))
	zw.Close()
	for coding, c := range map[string]struct {
		body   []byte
		status int
	}{
		"gzip":     {gz.Bytes(), 415},
		"br":       {[]byte("v=spf1 -all"), 415},
		"identity": {[]byte("v=spf1 -all"), 200},
		"":         {[]byte("v=spf1 -all"), 200},
	} {
		t.Run(coding, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/api/v1/explain", bytes.NewReader(c.body))
			if coding != "" {
				req.Header.Set("Content-Encoding", coding)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			var e api.ErrorBody
			json.Unmarshal(w.Body.Bytes(), &e)
			if w.Code != c.status || c.status == 415 && (e.Error.Code != api.CodeMediaType || w.Header().Get("Accept-Encoding") != "identity") {
				t.Errorf("%d %v %.200s; want %d", w.Code, w.Header(), w.Body, c.status)
			}
		})
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
	cache := api.NewMemoryCache(0)
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

// requestCodes are the codes of errors that are the request's fault (4xx),
// and busy (503, not a fault).
var requestCodes = []string{api.CodeNotFound, api.CodeMethod, api.CodeBadQuery, api.CodeQueryTooLong, api.CodeMissing,
	api.CodeUnknownParam, api.CodeRepeated, api.CodeBadType, api.CodeBadRecord, api.CodeNoRecord, api.CodeTooLarge,
	api.CodeMediaType, api.CodeBadJSON, api.CodeBusy, api.CodeBadDomain, api.CodeBadSelector, api.CodeTooManySelectors,
	api.CodeBadIP, api.CodeBadSender, api.CodeBadHelo, api.CodeNeedsIP, api.CodeRefused}

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
	h, err := api.New(api.Options{Transport: failing{}, Timeout: time.Second, Policy: fakePolicy{}})
	if err != nil {
		f.Fatal(err)
	}
	codes := map[string]bool{}
	for _, c := range requestCodes {
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
