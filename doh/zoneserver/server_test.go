package zoneserver_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
)

// fixture is a zone server over ../testdata behind httptest, counting the
// requests it receives.
type fixture struct {
	srv  *zoneserver.Server
	ts   *httptest.Server
	hits atomic.Int64
}

func newFixture(t testing.TB, opt zoneserver.Options) *fixture {
	t.Helper()
	store, err := zone.LoadDir("../testdata")
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	f := &fixture{srv: zoneserver.New(store, opt)}
	mux := http.NewServeMux()
	mux.Handle(zoneserver.Path, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		f.srv.ServeHTTP(w, r)
	}))
	f.ts = httptest.NewServer(mux)
	t.Cleanup(f.ts.Close)
	return f
}

func (f *fixture) client(t testing.TB, opt doh.Options) *doh.Client {
	t.Helper()
	opt.Transport = transport(f.ts)
	c, err := doh.New(f.ts.URL+zoneserver.Path, opt)
	if err != nil {
		t.Fatalf("doh.New: %v", err)
	}
	return c
}

func TestOutcomes(t *testing.T) {
	f := newFixture(t, zoneserver.Options{})
	tests := map[string]struct {
		name     string
		qtype    uint16
		nxdomain bool
		nodata   bool
		records  int
		txt      []string
		target   string
		cnames   []string
		ttl      uint32
	}{
		"txt joined": {name: "example.com", qtype: dns.TypeTXT, records: 1, ttl: 300,
			txt: []string{"v=spf1 include:_spf.example.com -all"}},
		"two mx":             {name: "example.com", qtype: dns.TypeMX, records: 2, ttl: 300},
		"min ttl":            {name: "mail.example.com", qtype: dns.TypeANY, records: 2, ttl: 300},
		"no data":            {name: "mail.example.com", qtype: dns.TypeTXT, nodata: true},
		"nxdomain":           {name: "nope.example.com", qtype: dns.TypeTXT, nxdomain: true},
		"empty non-terminal": {name: "b.c.example.com", qtype: dns.TypeA, nodata: true},
		"cname chain": {name: "www.example.com", qtype: dns.TypeA, records: 1, ttl: 300,
			target: "host.example.com.", cnames: []string{"web.example.com.", "host.example.com."}},
		"cname to nxdomain": {name: "dangling.example.com", qtype: dns.TypeTXT, nxdomain: true, ttl: 300,
			target: "nothere.example.com.", cnames: []string{"nothere.example.com."}},
		"wildcard": {name: "foo.wild.example.com", qtype: dns.TypeTXT, records: 1, txt: []string{"wildcard"}, ttl: 300},
		"dkim":     {name: "sel._domainkey.example.com", qtype: dns.TypeTXT, records: 1, txt: []string{"v=DKIM1; k=rsa; p=MIIB"}, ttl: 300},
	}
	c := f.client(t, doh.Options{})
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := c.Query(context.Background(), tc.name, tc.qtype)
			if err != nil {
				t.Fatalf("Query: %v", err)
			}
			if r.NXDomain() != tc.nxdomain || r.NoData() != tc.nodata || r.Void() != (tc.nxdomain || tc.nodata) {
				t.Errorf("NXDomain, NoData, Void = %v, %v, %v; want %v, %v", r.NXDomain(), r.NoData(), r.Void(), tc.nxdomain, tc.nodata)
			}
			if got := len(r.Records()); got != tc.records {
				t.Errorf("%d records, want %d: %v", got, tc.records, r.Answer)
			}
			if tc.txt != nil && !slices.Equal(r.TXT(), tc.txt) {
				t.Errorf("TXT = %q, want %q", r.TXT(), tc.txt)
			}
			target := tc.target
			if target == "" {
				target = dns.Fqdn(tc.name)
			}
			if r.Target() != target || !slices.Equal(r.CNAMEs(), tc.cnames) {
				t.Errorf("Target, CNAMEs = %q, %q; want %q, %q", r.Target(), r.CNAMEs(), target, tc.cnames)
			}
			if r.TTL != tc.ttl {
				t.Errorf("TTL = %d, want %d", r.TTL, tc.ttl)
			}
			if r.Name != dns.Fqdn(tc.name) || r.Type != tc.qtype || r.AD {
				t.Errorf("Name, Type, AD = %q, %d, %v", r.Name, r.Type, r.AD)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	f := newFixture(t, zoneserver.Options{Faults: []zoneserver.Fault{
		{Name: "servfail.example.com", Kind: zoneserver.FaultServfail},
		{Name: "_spf.example.com.", Type: dns.TypeTXT, Kind: zoneserver.FaultTimeout},
		{Name: "*.broken.example.com.", Kind: zoneserver.FaultHTTP500},
		{Name: "junk.example.com.", Kind: zoneserver.FaultGarbage},
		{Name: "html.example.com.", Type: dns.TypeMX, Kind: zoneserver.FaultContentType},
	}})
	tests := map[string]struct {
		name      string
		qtype     uint16
		kind      error
		rcode     int
		status    int
		temporary bool
		is        error // another error errors.Is must find, if any
	}{
		"servfail fault": {name: "servfail.example.com", qtype: dns.TypeA, kind: doh.ErrRcode, rcode: dns.RcodeServerFailure, temporary: true},
		"cname loop":     {name: "loop1.example.com", qtype: dns.TypeA, kind: doh.ErrRcode, rcode: dns.RcodeServerFailure, temporary: true},
		"refused":        {name: "example.net", qtype: dns.TypeA, kind: doh.ErrRcode, rcode: dns.RcodeRefused},
		"timeout fault":  {name: "_spf.example.com", qtype: dns.TypeTXT, kind: doh.ErrTimeout, temporary: true, is: context.DeadlineExceeded},
		"http 500 fault": {name: "a.broken.example.com", qtype: dns.TypeTXT, kind: doh.ErrHTTPStatus, status: 500, temporary: true},
		"garbage fault":  {name: "junk.example.com", qtype: dns.TypeTXT, kind: doh.ErrMalformed, temporary: true},
		"content type":   {name: "html.example.com", qtype: dns.TypeMX, kind: doh.ErrMalformed, temporary: true},
	}
	c := f.client(t, doh.Options{})
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			r, err := c.Query(ctx, tc.name, tc.qtype)
			if err == nil {
				t.Fatalf("Query = %+v, want an error", r)
			}
			var e *doh.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not a *doh.Error", err, err)
			}
			if !errors.Is(err, tc.kind) || e.Rcode != tc.rcode || e.Status != tc.status {
				t.Errorf("error %v: want kind %v, rcode %d, status %d", err, tc.kind, tc.rcode, tc.status)
			}
			if e.Temporary() != tc.temporary || doh.IsTemporary(err) != tc.temporary {
				t.Errorf("Temporary = %v, want %v", e.Temporary(), tc.temporary)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.is)
			}
			if !strings.HasPrefix(err.Error(), "doh: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
	t.Run("fault limited to its type", func(t *testing.T) {
		for _, q := range []struct {
			name  string
			qtype uint16
		}{{"_spf.example.com", dns.TypeA}, {"html.example.com", dns.TypeTXT}, {"broken.example.com", dns.TypeA}} {
			if _, err := c.Query(context.Background(), q.name, q.qtype); err != nil {
				t.Errorf("%s %s: %v", q.name, dns.TypeToString[q.qtype], err)
			}
		}
	})
	t.Run("transport failure", func(t *testing.T) {
		dead := httptest.NewServer(http.NotFoundHandler())
		url := dead.URL
		dead.Close()
		c, err := doh.New(url+zoneserver.Path, doh.Options{Transport: transport(dead)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Query(context.Background(), "example.com", dns.TypeA)
		if !errors.Is(err, doh.ErrTransport) || !doh.IsTemporary(err) {
			t.Errorf("error %v, want a temporary ErrTransport", err)
		}
	})
	t.Run("http 404", func(t *testing.T) {
		c, err := doh.New(f.ts.URL+"/elsewhere", doh.Options{Transport: transport(f.ts)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Query(context.Background(), "example.com", dns.TypeA)
		var e *doh.Error
		if !errors.As(err, &e) || !errors.Is(err, doh.ErrHTTPStatus) || e.Status != 404 || e.Temporary() {
			t.Errorf("error %v, want a permanent ErrHTTPStatus 404", err)
		}
	})
}

func TestFaultForAll(t *testing.T) {
	f := newFixture(t, zoneserver.Options{})
	c := f.client(t, doh.Options{Budget: -1})
	for _, kind := range []zoneserver.FaultKind{zoneserver.FaultServfail, zoneserver.FaultHTTP500, zoneserver.FaultGarbage, zoneserver.FaultContentType} {
		f.srv.SetFaults([]zoneserver.Fault{{Name: "*", Kind: kind}})
		name := string(kind) + ".example.com" // a new name each time: errors are cached
		if _, err := c.Query(context.Background(), name, dns.TypeA); err == nil {
			t.Errorf("fault %s for all: no error", kind)
		}
	}
	f.srv.SetFaults(nil)
	if _, err := c.Query(context.Background(), "fine.example.com", dns.TypeA); err != nil {
		t.Errorf("faults removed: %v", err)
	}
}

func TestCache(t *testing.T) {
	f := newFixture(t, zoneserver.Options{})
	c := f.client(t, doh.Options{})
	ctx := context.Background()
	for i := range 3 {
		for _, name := range []string{"example.com", "EXAMPLE.com.", "nope.example.com"} {
			if _, err := c.Query(ctx, name, dns.TypeTXT); err != nil {
				t.Fatalf("round %d %s: %v", i, name, err)
			}
		}
	}
	if _, err := c.Query(ctx, "loop1.example.com", dns.TypeA); err == nil {
		t.Fatal("loop1: no error")
	}
	if _, err := c.Query(ctx, "loop1.example.com", dns.TypeA); !errors.Is(err, doh.ErrRcode) {
		t.Fatalf("loop1 again: %v", err)
	}
	if got := c.Queries(); got != 3 {
		t.Errorf("Queries() = %d, want 3 (example.com, nope.example.com, loop1)", got)
	}
	if got := f.hits.Load(); got != 3 {
		t.Errorf("server received %d requests, want 3", got)
	}
}

func TestTimeoutNotCached(t *testing.T) {
	f := newFixture(t, zoneserver.Options{Faults: []zoneserver.Fault{{Name: "example.com", Type: dns.TypeTXT, Kind: zoneserver.FaultTimeout}}})
	c := f.client(t, doh.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.Query(ctx, "example.com", dns.TypeTXT); !errors.Is(err, doh.ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
	f.srv.SetFaults(nil)
	r, err := c.Query(context.Background(), "example.com", dns.TypeTXT)
	if err != nil || len(r.TXT()) != 1 {
		t.Fatalf("after the timeout: %v, %v", r, err)
	}
	if got := c.Queries(); got != 2 {
		t.Errorf("Queries() = %d, want 2", got)
	}
}

func TestSingleflight(t *testing.T) {
	f := newFixture(t, zoneserver.Options{Latency: 50 * time.Millisecond})
	c := f.client(t, doh.Options{})
	const n = 20
	var wg sync.WaitGroup
	results := make([]*doh.Result, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			results[i], errs[i] = c.Query(context.Background(), "example.com", dns.TypeMX)
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || len(results[i].Records()) != 2 {
			t.Fatalf("query %d: %v, %v", i, results[i], errs[i])
		}
	}
	if got := c.Queries(); got != 1 {
		t.Errorf("Queries() = %d, want 1", got)
	}
	if got := f.hits.Load(); got != 1 {
		t.Errorf("server received %d requests, want 1", got)
	}
}

// A query waiting for an identical one whose caller gave up asks again.
func TestSingleflightLeaderCancelled(t *testing.T) {
	f := newFixture(t, zoneserver.Options{Latency: 100 * time.Millisecond})
	c := f.client(t, doh.Options{})
	lctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	leader := make(chan error, 1)
	go func() {
		_, err := c.Query(lctx, "example.com", dns.TypeA)
		leader <- err
	}()
	time.Sleep(10 * time.Millisecond)
	r, err := c.Query(context.Background(), "example.com", dns.TypeA)
	if err != nil || !r.NoData() {
		t.Errorf("follower: %v, %v; want no data", r, err)
	}
	if err := <-leader; !errors.Is(err, doh.ErrTimeout) {
		t.Errorf("leader: %v, want ErrTimeout", err)
	}
	if got := c.Queries(); got != 2 {
		t.Errorf("Queries() = %d, want 2", got)
	}
}

func TestBudget(t *testing.T) {
	f := newFixture(t, zoneserver.Options{})
	c := f.client(t, doh.Options{Budget: 2})
	ctx := context.Background()
	for _, name := range []string{"example.com", "mail.example.com"} {
		if _, err := c.Query(ctx, name, dns.TypeA); err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.Query(ctx, "host.example.com", dns.TypeA)
	if !errors.Is(err, doh.ErrBudget) || doh.IsTemporary(err) {
		t.Errorf("third query: %v, want a permanent ErrBudget", err)
	}
	if _, err := c.Query(ctx, "example.com", dns.TypeA); err != nil {
		t.Errorf("cached query beyond the budget: %v", err)
	}
	if got := c.Queries(); got != 2 {
		t.Errorf("Queries() = %d, want 2", got)
	}
}

func TestBudgetConcurrent(t *testing.T) {
	f := newFixture(t, zoneserver.Options{})
	c := f.client(t, doh.Options{Budget: 5})
	var wg sync.WaitGroup
	var ok, over atomic.Int64
	for i := range 20 {
		wg.Go(func() {
			_, err := c.Query(context.Background(), fmt.Sprintf("n%d.example.com", i), dns.TypeA)
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, doh.ErrBudget):
				over.Add(1)
			default:
				t.Errorf("query %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 5 || over.Load() != 15 || c.Queries() != 5 || f.hits.Load() != 5 {
		t.Errorf("ok %d, over budget %d, Queries %d, hits %d; want 5, 15, 5, 5", ok.Load(), over.Load(), c.Queries(), f.hits.Load())
	}
}

func TestLatency(t *testing.T) {
	f := newFixture(t, zoneserver.Options{Latency: 50 * time.Millisecond})
	c := f.client(t, doh.Options{})
	start := time.Now()
	if _, err := c.Query(context.Background(), "example.com", dns.TypeA); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("answered in %v, want at least 50ms", d)
	}
}

// TestFaultSlow: a "slow" line in a faults file answers every query right,
// SlowDelay late; other names stay fast.
func TestFaultSlow(t *testing.T) {
	faults, err := zoneserver.ParseFaults(strings.NewReader("*.example.com. slow\n"), "faults")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, zoneserver.Options{Faults: faults})
	c := f.client(t, doh.Options{})
	for name, slow := range map[string]bool{"www.example.com": true, "example.com": false} {
		start := time.Now()
		if _, err := c.Query(context.Background(), name, dns.TypeA); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := time.Since(start); (d >= zoneserver.SlowDelay) != slow {
			t.Errorf("%s answered in %v; slow fault: %v", name, d, slow)
		}
	}
}

func packQuery(t testing.TB, name string, qtype uint16) []byte {
	t.Helper()
	wire, err := doh.NewQuery(name, qtype).Pack()
	if err != nil {
		t.Fatal(err)
	}
	return wire
}

func TestHandler(t *testing.T) {
	f := newFixture(t, zoneserver.Options{})
	query := packQuery(t, "mail.example.com", dns.TypeAAAA)
	param := base64.RawURLEncoding.EncodeToString(query)
	response, err := doh.NewQuery("x.example.com", dns.TypeA).SetRcode(doh.NewQuery("x.example.com", dns.TypeA), 0).Pack()
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 70000)
	tests := map[string]struct {
		method      string
		target      string
		contentType string
		body        []byte
		status      int
		maxAge      string
	}{
		"get":              {method: "GET", target: "/dns-query?dns=" + param, status: 200, maxAge: "max-age=600"},
		"get padded":       {method: "GET", target: "/dns-query?dns=" + base64.URLEncoding.EncodeToString(query), status: 200},
		"head":             {method: "HEAD", target: "/dns-query?dns=" + param, status: 200},
		"post":             {method: "POST", target: "/dns-query", contentType: doh.MediaType, body: query, status: 200, maxAge: "max-age=600"},
		"negative max-age": {method: "GET", target: "/dns-query?dns=" + base64.RawURLEncoding.EncodeToString(packQuery(t, "nope.example.com", dns.TypeA)), status: 200, maxAge: "max-age=60"},
		"no param":         {method: "GET", target: "/dns-query", status: 400},
		"not base64":       {method: "GET", target: "/dns-query?dns=%21%21", status: 400},
		"not a message":    {method: "GET", target: "/dns-query?dns=AAAA", status: 400},
		"a response":       {method: "POST", target: "/dns-query", contentType: doh.MediaType, body: response, status: 400},
		"post wrong type":  {method: "POST", target: "/dns-query", contentType: "text/plain", body: query, status: 415},
		"post no type":     {method: "POST", target: "/dns-query", body: query, status: 415},
		"post too large":   {method: "POST", target: "/dns-query", contentType: doh.MediaType, body: big, status: 413},
		"post garbage":     {method: "POST", target: "/dns-query", contentType: doh.MediaType, body: []byte("hello"), status: 400},
		"put":              {method: "PUT", target: "/dns-query", status: 405},
		"preflight":        {method: "OPTIONS", target: "/dns-query", status: 204},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, bytes.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			w := httptest.NewRecorder()
			f.srv.ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q", got)
			}
			if tc.maxAge != "" {
				if got := w.Header().Get("Cache-Control"); got != tc.maxAge {
					t.Errorf("Cache-Control = %q, want %q", got, tc.maxAge)
				}
			}
			if tc.status == 200 && tc.method != "HEAD" {
				if ct := w.Header().Get("Content-Type"); ct != doh.MediaType {
					t.Errorf("Content-Type = %q", ct)
				}
				m := new(dns.Msg)
				if err := m.Unpack(w.Body.Bytes()); err != nil || !m.Response || !m.Authoritative {
					t.Errorf("answer %v, %v: want an authoritative response", m, err)
				}
			}
			if tc.method == "OPTIONS" && !strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "POST") {
				t.Errorf("preflight headers: %v", w.Header())
			}
		})
	}
}

func TestParseFaults(t *testing.T) {
	faults, err := zoneserver.LoadFaults("../testdata/faults")
	if err != nil {
		t.Fatal(err)
	}
	want := []zoneserver.Fault{
		{Name: "servfail.example.com.", Kind: zoneserver.FaultServfail},
		{Name: "_spf.example.com.", Type: dns.TypeTXT, Kind: zoneserver.FaultTimeout},
		{Name: "*.broken.example.com.", Kind: zoneserver.FaultHTTP500},
		{Name: "junk.example.com.", Kind: zoneserver.FaultGarbage},
		{Name: "html.example.com.", Type: dns.TypeMX, Kind: zoneserver.FaultContentType},
	}
	if !slices.Equal(faults, want) {
		t.Errorf("faults =\n%+v\nwant\n%+v", faults, want)
	}
	bad := map[string]string{
		"one field":     "servfail\n",
		"unknown fault": "example.com. explode\n",
		"unknown type":  "example.com. XYZZY servfail\n",
		"bad name":      "exa..mple.com. servfail\n",
		"four fields":   "example.com. A servfail now\n",
	}
	for name, text := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := zoneserver.ParseFaults(strings.NewReader("# comment\n\n"+text), "f")
			if err == nil || !strings.HasPrefix(err.Error(), "zoneserver: f:3: ") {
				t.Errorf("error %v, want one at f:3", err)
			}
		})
	}
}

func TestFaultMatches(t *testing.T) {
	tests := []struct {
		fault zoneserver.Fault
		name  string
		qtype uint16
		want  bool
	}{
		{zoneserver.Fault{Name: "*"}, "a.example.", dns.TypeA, true},
		{zoneserver.Fault{}, "a.example.", dns.TypeA, true},
		{zoneserver.Fault{Name: "A.Example"}, "a.example.", dns.TypeA, true},
		{zoneserver.Fault{Name: "a.example.", Type: dns.TypeTXT}, "a.example.", dns.TypeA, false},
		{zoneserver.Fault{Name: "*.example."}, "a.b.example.", dns.TypeA, true},
		{zoneserver.Fault{Name: "*.example."}, "example.", dns.TypeA, false},
		{zoneserver.Fault{Name: "*.example."}, "badexample.", dns.TypeA, false},
		// Names compare canonically (escapes, RFC 4343 case).
		{zoneserver.Fault{Name: `user\@A.example.`}, "user@a.example", dns.TypeA, true},
		{zoneserver.Fault{Name: "*.example."}, `x\.example.`, dns.TypeA, false}, // one label "x.example"
		{zoneserver.Fault{Name: "*.b.example."}, `a\032b.B.example.`, dns.TypeA, true},
	}
	for _, tc := range tests {
		if got := tc.fault.Matches(tc.name, tc.qtype); got != tc.want {
			t.Errorf("%+v.Matches(%q, %d) = %v, want %v", tc.fault, tc.name, tc.qtype, got, tc.want)
		}
	}
}

// FuzzHandler sends arbitrary GET parameters and POST bodies: the handler
// must not panic and must answer 200 or a client error.
func FuzzHandler(f *testing.F) {
	store, err := zone.LoadDir("../testdata")
	if err != nil {
		f.Fatal(err)
	}
	srv := zoneserver.New(store, zoneserver.Options{})
	for _, q := range [][]byte{
		packQuery(f, "example.com", dns.TypeTXT),
		packQuery(f, "www.example.com", dns.TypeA),
		packQuery(f, "loop1.example.com", dns.TypeA),
		packQuery(f, "nope.example.com", dns.TypeANY),
		{}, []byte("hello"), make([]byte, 12),
	} {
		f.Add(base64.RawURLEncoding.EncodeToString(q), q)
	}
	f.Add("%%%", []byte{0xff})
	f.Fuzz(func(t *testing.T, param string, body []byte) {
		raw := httptest.NewRequest("GET", "/dns-query", nil)
		raw.URL.RawQuery = "dns=" + param // unescaped, as a client might send it
		for _, req := range []*http.Request{
			raw,
			httptest.NewRequest("GET", "/dns-query?dns="+url.QueryEscape(param), nil),
			httptest.NewRequest("GET", "/dns-query?dns="+base64.RawURLEncoding.EncodeToString(body), nil),
			httptest.NewRequest("POST", "/dns-query", bytes.NewReader(body)),
		} {
			if req.Method == "POST" {
				req.Header.Set("Content-Type", doh.MediaType)
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			switch w.Code {
			case 200:
				m := new(dns.Msg)
				if err := m.Unpack(w.Body.Bytes()); err != nil {
					t.Fatalf("200 with an unpackable answer: %v", err)
				}
			case 400, 413:
			default:
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
	})
}

func FuzzDecodeParam(f *testing.F) {
	f.Add("AAABAAABAAAAAAAAB2V4YW1wbGUDY29tAAABAAE")
	f.Add("")
	f.Add("====")
	f.Fuzz(func(t *testing.T, param string) {
		if wire, err := zoneserver.DecodeParam(param); err == nil {
			zoneserver.DecodeQuery(wire)
		}
	})
}

func BenchmarkQuery(b *testing.B) {
	f := newFixture(b, zoneserver.Options{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c := f.client(b, doh.Options{}) // a new client, so nothing is cached
		if _, err := c.Query(ctx, "example.com", dns.TypeTXT); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
}

func BenchmarkServeHTTP(b *testing.B) {
	f := newFixture(b, zoneserver.Options{})
	target := "/dns-query?dns=" + base64.RawURLEncoding.EncodeToString(packQuery(b, "www.example.com", dns.TypeA))
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

func TestLoadDir(t *testing.T) {
	srv, err := zoneserver.LoadDir("../testdata", zoneserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(srv.Apexes(), "example.com.") {
		t.Errorf("Apexes() = %v, want example.com. among them", srv.Apexes())
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c, err := doh.New(ts.URL, doh.Options{Transport: transport(ts)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(context.Background(), "servfail.example.com", dns.TypeA); !errors.Is(err, doh.ErrRcode) {
		t.Errorf("servfail.example.com from testdata/faults: %v", err)
	}
	if r, err := c.Query(context.Background(), "mail.example.com", dns.TypeA); err != nil || len(r.Records()) != 1 {
		t.Errorf("mail.example.com: %v, %v", r, err)
	}
	if _, err := zoneserver.LoadDir(t.TempDir(), zoneserver.Options{}); err != nil {
		t.Errorf("empty dir without faults: %v", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, zoneserver.FaultsFile), []byte("x. explode\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := zoneserver.LoadDir(dir, zoneserver.Options{}); err == nil || !strings.Contains(err.Error(), "faults:1") {
		t.Errorf("bad faults file: %v", err)
	}
}

// A message with a readable header that is not a query the server can
// interpret gets a DNS answer, FORMERR with the query's ID (RFC 1035
// §4.1.1), as a DNS server gives, not an HTTP error; fewer than 12 octets
// are no DNS message at all (400).
func TestFormatError(t *testing.T) {
	f := newFixture(t, zoneserver.Options{})
	withID := func(m *dns.Msg) []byte {
		m.Id = 0x1234
		wire, err := m.Pack()
		if err != nil {
			t.Fatal(err)
		}
		return wire
	}
	one := doh.NewQuery("example.com", dns.TypeMX)
	two := doh.NewQuery("example.com", dns.TypeMX)
	two.Question = append(two.Question, dns.Question{Name: "mail.example.com.", Qtype: dns.TypeA, Qclass: dns.ClassINET})
	none := doh.NewQuery("example.com", dns.TypeMX)
	none.Question = nil
	mismatch := withID(one.Copy())
	mismatch[5] = 2 // QDCOUNT 2, one question present
	tests := map[string]struct {
		wire   []byte
		status int
	}{
		"two questions":    {withID(two), 200},
		"no question":      {withID(none), 200},
		"qdcount mismatch": {mismatch, 200},
		"truncated":        {withID(one.Copy())[:16], 200},
		"header garbage":   {append([]byte{0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, "\xff\xfe garbage"...), 200},
		"short":            {withID(one.Copy())[:11], 400},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for _, req := range []*http.Request{
				httptest.NewRequest("GET", "/dns-query?dns="+base64.RawURLEncoding.EncodeToString(tc.wire), nil),
				httptest.NewRequest("POST", "/dns-query", bytes.NewReader(tc.wire)),
			} {
				req.Header.Set("Content-Type", doh.MediaType)
				w := httptest.NewRecorder()
				f.srv.ServeHTTP(w, req)
				if w.Code != tc.status {
					t.Fatalf("%s: status %d, want %d: %s", req.Method, w.Code, tc.status, w.Body)
				}
				if tc.status != 200 {
					continue
				}
				m := new(dns.Msg)
				if err := m.Unpack(w.Body.Bytes()); err != nil {
					t.Fatalf("%s: answer: %v", req.Method, err)
				}
				if m.Rcode != dns.RcodeFormatError || m.Id != 0x1234 || !m.Response || w.Header().Get("Content-Type") != doh.MediaType {
					t.Errorf("%s: answer %v (Content-Type %q), want FORMERR with id 0x1234", req.Method, m, w.Header().Get("Content-Type"))
				}
			}
		})
	}
}

// An answer over 65535 octets, the most a DNS message holds (RFC 1035
// §4.2.2, RFC 8484 §6), is cut to fit with TC set (RFC 2181 §9), as a
// server over TCP does, padded or not: the client says truncated, not
// malformed.
func TestAnswerTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("$ORIGIN big.test.\n@ 300 IN SOA ns hm 1 2 3 4 60\n")
	for i := range 3 { // 3 TXT records of 30 KB
		b.WriteString("@ 300 IN TXT")
		for range 120 {
			fmt.Fprintf(&b, ` "%d%s"`, i, strings.Repeat("x", 250))
		}
		b.WriteString("\n")
	}
	store, err := zone.Parse(b.String(), "big.zone")
	if err != nil {
		t.Fatal(err)
	}
	srv := zoneserver.New(store, zoneserver.Options{})
	padded := doh.NewQuery("big.test", dns.TypeTXT)
	padded.IsEdns0().Option = append(padded.IsEdns0().Option, &dns.EDNS0_PADDING{Padding: make([]byte, 8)})
	for name, q := range map[string]*dns.Msg{"plain": doh.NewQuery("big.test", dns.TypeTXT), "padded": padded} {
		t.Run(name, func(t *testing.T) {
			wire, err := q.Pack()
			if err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, httptest.NewRequest("GET", "/dns-query?dns="+base64.RawURLEncoding.EncodeToString(wire), nil))
			m := new(dns.Msg)
			if err := m.Unpack(w.Body.Bytes()); w.Code != 200 || err != nil || w.Body.Len() > dns.MaxMsgSize || !m.Truncated || len(m.Answer) == 0 {
				t.Errorf("%d, %d octets, %v: TC %v, %d records; want at most 65535 octets, TC set", w.Code, w.Body.Len(), err, m.Truncated, len(m.Answer))
			}
		})
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := doh.New(ts.URL, doh.Options{Transport: transport(ts)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(context.Background(), "big.test", dns.TypeTXT); !errors.Is(err, doh.ErrTruncated) {
		t.Errorf("client: %v, want ErrTruncated", err)
	}
}
