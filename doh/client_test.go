package doh_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

// fakeTransport answers every request with respond(query), recording the
// URLs asked.
type fakeTransport struct {
	respond func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error)
	t       *testing.T
	urls    []string
}

func (f *fakeTransport) Get(ctx context.Context, raw string) (*doh.HTTPResponse, error) {
	f.urls = append(f.urls, raw)
	u, err := url.Parse(raw)
	if err != nil {
		f.t.Fatalf("bad url %q: %v", raw, err)
	}
	wire, err := base64.RawURLEncoding.DecodeString(u.Query().Get("dns"))
	if err != nil {
		f.t.Fatalf("dns parameter of %q: %v", raw, err)
	}
	q := new(dns.Msg)
	if err := q.Unpack(wire); err != nil {
		f.t.Fatalf("query: %v", err)
	}
	return f.respond(f.t, q)
}

func mustRR(t *testing.T, s string) dns.RR {
	t.Helper()
	rr, err := dns.NewRR(s)
	if err != nil {
		t.Fatalf("NewRR(%q): %v", s, err)
	}
	return rr
}

func answer(t *testing.T, q *dns.Msg, edit func(m *dns.Msg)) *doh.HTTPResponse {
	t.Helper()
	m := new(dns.Msg)
	m.SetReply(q)
	if edit != nil {
		edit(m)
	}
	wire, err := m.Pack()
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	return &doh.HTTPResponse{Status: 200, ContentType: doh.MediaType, Body: wire}
}

func TestQueryFormat(t *testing.T) {
	ft := &fakeTransport{t: t, respond: func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
		if q.Id != 0 || !q.RecursionDesired || !q.AuthenticatedData || q.CheckingDisabled || len(q.Question) != 1 {
			t.Errorf("query header: %v", q)
		}
		if q.Question[0] != (dns.Question{Name: "example.com.", Qtype: dns.TypeTXT, Qclass: dns.ClassINET}) {
			t.Errorf("question: %v", q.Question[0])
		}
		opt := q.IsEdns0()
		if opt == nil || opt.Do() || opt.UDPSize() != doh.UDPSize {
			t.Errorf("OPT: %v", opt)
		}
		return answer(t, q, func(m *dns.Msg) {
			m.AuthenticatedData = true
			m.Answer = []dns.RR{mustRR(t, `example.com. 120 IN TXT "a" "b"`), mustRR(t, `example.com. 60 IN TXT "c"`)}
		}), nil
	}}
	c, err := doh.New("https://resolver.example/dns-query?x=1", doh.Options{Transport: ft})
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Query(context.Background(), "Example.COM", dns.TypeTXT)
	if err != nil {
		t.Fatal(err)
	}
	if !r.AD || r.TTL != 60 || !slices.Equal(r.TXT(), []string{"ab", "c"}) || r.Name != "example.com." {
		t.Errorf("result %+v, TXT %q", r, r.TXT())
	}
	if len(ft.urls) != 1 || !strings.HasPrefix(ft.urls[0], "https://resolver.example/dns-query?") ||
		!strings.Contains(ft.urls[0], "x=1") || strings.Contains(ft.urls[0], "%3D") {
		t.Errorf("urls %q", ft.urls)
	}
}

// The query asks the resolver to say whether it validated the answer by
// setting AD (RFC 6840 §5.7), not DO (which would bring RRSIG records the
// client does not use): on the wire, header flags 0x0120 (RD, AD) and an
// OPT record whose extended flags (its TTL field) are all clear.
func TestQueryAsksForAD(t *testing.T) {
	ft := &fakeTransport{t: t, respond: func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
		return answer(t, q, nil), nil
	}}
	c, err := doh.New("https://resolver.example/dns-query", doh.Options{Transport: ft})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(context.Background(), "example.com", dns.TypeTLSA); err != nil {
		t.Fatal(err)
	}
	if len(ft.urls) != 1 {
		t.Fatalf("%d queries sent", len(ft.urls))
	}
	u, err := url.Parse(ft.urls[0])
	if err != nil {
		t.Fatal(err)
	}
	wire, err := base64.RawURLEncoding.DecodeString(u.Query().Get("dns"))
	if err != nil {
		t.Fatal(err)
	}
	if len(wire) < 12 || wire[2] != 0x01 || wire[3] != 0x20 {
		t.Errorf("header flags % x, want 01 20 (RD, AD)", wire[2:min(4, len(wire))])
	}
	q := new(dns.Msg)
	if err := q.Unpack(wire); err != nil {
		t.Fatal(err)
	}
	opt := q.IsEdns0()
	if !q.AuthenticatedData || q.CheckingDisabled || opt == nil || opt.Do() || opt.Hdr.Ttl != 0 || opt.UDPSize() != doh.UDPSize {
		t.Errorf("AD=%v CD=%v OPT %v: want AD=1, CD=0, DO=0, UDP size %d", q.AuthenticatedData, q.CheckingDisabled, opt, doh.UDPSize)
	}
}

func TestMalformed(t *testing.T) {
	tests := map[string]func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error){
		"content type": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			r := answer(t, q, nil)
			r.ContentType = "application/json"
			return r, nil
		},
		"no content type": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			r := answer(t, q, nil)
			r.ContentType = ""
			return r, nil
		},
		"too large": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			r := answer(t, q, nil)
			r.Body = append(r.Body, make([]byte, doh.MaxResponseSize)...)
			return r, nil
		},
		"empty body": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			return &doh.HTTPResponse{Status: 200, ContentType: doh.MediaType}, nil
		},
		"id": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			return answer(t, q, func(m *dns.Msg) { m.Id = 7 }), nil
		},
		"question name": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			return answer(t, q, func(m *dns.Msg) { m.Question[0].Name = "other.example." }), nil
		},
		"question type": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			return answer(t, q, func(m *dns.Msg) { m.Question[0].Qtype = dns.TypeA }), nil
		},
		"no question": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			return answer(t, q, func(m *dns.Msg) { m.Question = nil }), nil
		},
		"qr unset": func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
			return answer(t, q, func(m *dns.Msg) { m.Response = false }), nil
		},
	}
	for name, respond := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := doh.New(doh.Cloudflare, doh.Options{Transport: &fakeTransport{t: t, respond: respond}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Query(context.Background(), "example.com", dns.TypeMX)
			if !errors.Is(err, doh.ErrMalformed) || !doh.IsTemporary(err) {
				t.Errorf("error %v, want a temporary ErrMalformed", err)
			}
		})
	}
}

func TestContentTypeParameters(t *testing.T) {
	ft := &fakeTransport{t: t, respond: func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
		r := answer(t, q, nil)
		r.ContentType = "Application/DNS-Message; charset=binary"
		return r, nil
	}}
	c, err := doh.New(doh.Google, doh.Options{Transport: ft})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := c.Query(context.Background(), "example.com", dns.TypeMX); err != nil || !r.NoData() {
		t.Errorf("%v, %v", r, err)
	}
}

func TestRcodes(t *testing.T) {
	tests := map[string]struct {
		rcode     int
		temporary bool
	}{
		"servfail": {dns.RcodeServerFailure, true},
		"refused":  {dns.RcodeRefused, false},
		"formerr":  {dns.RcodeFormatError, false},
		"notimp":   {dns.RcodeNotImplemented, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ft := &fakeTransport{t: t, respond: func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
				return answer(t, q, func(m *dns.Msg) { m.Rcode = tc.rcode }), nil
			}}
			c, err := doh.New(doh.Quad9, doh.Options{Transport: ft})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Query(context.Background(), "example.com", dns.TypeA)
			var e *doh.Error
			if !errors.As(err, &e) || !errors.Is(err, doh.ErrRcode) || e.Rcode != tc.rcode || e.Temporary() != tc.temporary {
				t.Errorf("error %v, want ErrRcode %d, temporary %v", err, tc.rcode, tc.temporary)
			}
			if !strings.Contains(err.Error(), dns.RcodeToString[tc.rcode]) {
				t.Errorf("error %q does not name the rcode", err)
			}
		})
	}
}

// timeoutError is what net/http returns when its client's Timeout passes.
type timeoutError struct{}

func (timeoutError) Error() string { return "client timeout" }
func (timeoutError) Timeout() bool { return true }

func TestTransportErrors(t *testing.T) {
	tests := map[string]struct {
		err  error
		kind error
	}{
		"refused":        {errors.New("connection refused"), doh.ErrTransport},
		"client timeout": {timeoutError{}, doh.ErrTimeout},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ft := &fakeTransport{t: t, respond: func(*testing.T, *dns.Msg) (*doh.HTTPResponse, error) { return nil, tc.err }}
			c, err := doh.New(doh.Cloudflare, doh.Options{Transport: ft})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Query(context.Background(), "example.com", dns.TypeA)
			if !errors.Is(err, tc.kind) || !errors.Is(err, tc.err) || !doh.IsTemporary(err) {
				t.Errorf("error %v, want temporary %v wrapping %v", err, tc.kind, tc.err)
			}
		})
	}
	t.Run("context already done", func(t *testing.T) {
		ft := &fakeTransport{t: t}
		c, err := doh.New(doh.Cloudflare, doh.Options{Transport: ft})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := c.Query(ctx, "example.com", dns.TypeA); !errors.Is(err, doh.ErrTransport) || !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled: %v", err)
		}
		ctx, cancel = context.WithTimeout(context.Background(), 0)
		defer cancel()
		if _, err := c.Query(ctx, "example.com", dns.TypeA); !errors.Is(err, doh.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("deadline: %v", err)
		}
		if len(ft.urls) != 0 || c.Queries() != 0 {
			t.Errorf("sent %d requests, Queries() = %d", len(ft.urls), c.Queries())
		}
	})
}

func TestNewEndpoint(t *testing.T) {
	tests := map[string]bool{
		doh.Cloudflare:                     true,
		doh.Google:                         true,
		doh.Quad9:                          true,
		"https://doh.example/q?a=b":        true,
		"http://127.0.0.1:8053/dns-query":  true,
		"http://localhost:8053/dns-query":  true,
		"http://[::1]:8053/dns-query":      true,
		"http://192.0.2.1/dns-query":       false,
		"http://dns.google/dns-query":      false,
		"ftp://dns.google/dns-query":       false,
		"dns.google/dns-query":             false,
		"https:///dns-query":               false,
		"https://u:p@dns.google/dns-query": false,
		"https://dns.google/dns-query#x":   false,
		"https://dns.google/%zz":           false,
	}
	for raw, ok := range tests {
		t.Run(raw, func(t *testing.T) {
			c, err := doh.New(raw, doh.Options{})
			if (err == nil) != ok {
				t.Fatalf("New(%q) error = %v, want ok %v", raw, err, ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "doh: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if ok && c.Endpoint() != raw {
				t.Errorf("Endpoint() = %q", c.Endpoint())
			}
		})
	}
}

func TestResultChains(t *testing.T) {
	tests := map[string]struct {
		result  doh.Result
		target  string
		cnames  []string
		records int
		nodata  bool
		cut     bool
	}{
		"no cname": {
			result: doh.Result{Name: "a.example.", Type: dns.TypeA, Answer: []dns.RR{mustRR(t, "a.example. 1 IN A 192.0.2.1")}},
			target: "a.example.", records: 1,
		},
		"chain out of order": {
			result: doh.Result{Name: "a.example.", Type: dns.TypeA, Answer: []dns.RR{
				mustRR(t, "c.example. 1 IN A 192.0.2.1"),
				mustRR(t, "B.example. 1 IN CNAME c.example."),
				mustRR(t, "a.example. 1 IN CNAME b.example."),
			}},
			target: "c.example.", cnames: []string{"b.example.", "c.example."}, records: 1,
		},
		"stray record of another owner": {
			result: doh.Result{Name: "a.example.", Type: dns.TypeA, Answer: []dns.RR{mustRR(t, "z.example. 1 IN A 192.0.2.1")}},
			target: "a.example.", nodata: true,
		},
		"loop": {
			result: doh.Result{Name: "a.example.", Type: dns.TypeTXT, Answer: []dns.RR{
				mustRR(t, "a.example. 1 IN CNAME b.example."),
				mustRR(t, "b.example. 1 IN CNAME a.example."),
			}},
			// A loop is cut: what it leads to is unknown, not "no data".
			target: "b.example.", cnames: []string{"b.example."}, cut: true,
		},
		"too long": {
			result: doh.Result{Name: "c0.example.", Type: dns.TypeTXT, Answer: longChain(t, doh.MaxChain+1)},
			target: "c16.example.", cnames: chainNames(1, doh.MaxChain), cut: true,
		},
		"longest": {
			result: doh.Result{Name: "c0.example.", Type: dns.TypeTXT, Answer: longChain(t, doh.MaxChain)},
			target: "c16.example.", cnames: chainNames(1, doh.MaxChain), nodata: true,
		},
		"escaped owner": {
			result: doh.Result{Name: `user\@a.example.`, Type: dns.TypeTXT, Answer: []dns.RR{
				mustRR(t, `User\064A.example. 1 IN CNAME b\ c.example.`),
				mustRR(t, `b\032C.example. 1 IN TXT "x"`),
			}},
			target: `b\ c.example.`, cnames: []string{`b\ c.example.`}, records: 1,
		},
		"cname asked": {
			result: doh.Result{Name: "a.example.", Type: dns.TypeCNAME, Answer: []dns.RR{mustRR(t, "a.example. 1 IN CNAME b.example.")}},
			target: "a.example.", records: 1,
		},
		"nxdomain": {
			result: doh.Result{Name: "a.example.", Type: dns.TypeA, Rcode: dns.RcodeNameError},
			target: "a.example.",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := tc.result
			if r.Target() != tc.target || !slices.Equal(r.CNAMEs(), tc.cnames) || len(r.Records()) != tc.records ||
				r.NoData() != tc.nodata || r.ChainCut() != tc.cut {
				t.Errorf("Target %q, CNAMEs %q, %d records, NoData %v, ChainCut %v; want %q, %q, %d, %v, %v",
					r.Target(), r.CNAMEs(), len(r.Records()), r.NoData(), r.ChainCut(), tc.target, tc.cnames, tc.records, tc.nodata, tc.cut)
			}
		})
	}
}

// longChain returns n CNAMEs c0 → c1 → … → cn.
func longChain(t *testing.T, n int) []dns.RR {
	var rrs []dns.RR
	for i := range n {
		rrs = append(rrs, mustRR(t, fmt.Sprintf("c%d.example. 1 IN CNAME c%d.example.", i, i+1)))
	}
	return rrs
}

// chainNames returns "c<from>.example." to "c<to>.example.".
func chainNames(from, to int) []string {
	var names []string
	for i := from; i <= to; i++ {
		names = append(names, fmt.Sprintf("c%d.example.", i))
	}
	return names
}

func TestErrorString(t *testing.T) {
	tests := map[string]struct {
		err  *doh.Error
		want string
	}{
		"rcode":   {&doh.Error{Kind: doh.ErrRcode, Name: "a.example.", Type: dns.TypeTXT, Rcode: 2}, "doh: error rcode: a.example. TXT: SERVFAIL"},
		"unknown": {&doh.Error{Kind: doh.ErrRcode, Name: "a.example.", Type: dns.TypeA, Rcode: 3000}, "doh: error rcode: a.example. A: RCODE3000"},
		"status":  {&doh.Error{Kind: doh.ErrHTTPStatus, Name: "a.example.", Type: dns.TypeMX, Status: 502}, "doh: http status: a.example. MX: 502"},
		"wrapped": {&doh.Error{Kind: doh.ErrTransport, Name: "a.example.", Type: dns.TypeA, Err: errors.New("doh: get: refused")}, "doh: transport failure: a.example. A: doh: get: refused"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
	if doh.IsTemporary(errors.New("x")) || doh.IsTemporary(nil) {
		t.Error("IsTemporary of a non-doh error")
	}
	if (&doh.Error{Kind: doh.ErrHTTPStatus, Status: 429}).Temporary() != true {
		t.Error("429 not temporary")
	}
}

func TestInvalidName(t *testing.T) {
	ft := &fakeTransport{t: t}
	c, err := doh.New(doh.Cloudflare, doh.Options{Transport: ft})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a..example", strings.Repeat("a", 64) + ".example", strings.Repeat("abcdefghi.", 30)} {
		_, err := c.Query(context.Background(), name, dns.TypeA)
		if !errors.Is(err, doh.ErrName) || doh.IsTemporary(err) {
			t.Errorf("%q: %v, want a permanent ErrName", name, err)
		}
	}
	if len(ft.urls) != 0 || c.Queries() != 0 {
		t.Errorf("sent %d requests, Queries() = %d", len(ft.urls), c.Queries())
	}
}

// Resolvers publish their endpoint as the RFC 8484 §4.1.1 URI template
// (RFC 6570), as in "https://dns.google/dns-query{?dns}": its one
// variable is where the query goes. Other templates are refused, not sent
// with their braces.
func TestEndpointTemplate(t *testing.T) {
	for raw, want := range map[string]string{
		"https://dns.google/dns-query{?dns}":    "https://dns.google/dns-query",
		"https://doh.example/q?a=b{&dns}":       "https://doh.example/q?a=b",
		"http://127.0.0.1:8053/dns-query{?dns}": "http://127.0.0.1:8053/dns-query",
		"https://doh.example/{path}{?dns}":      "",
		"https://doh.example/q{?dns,ct}":        "",
		"https://doh.example/q{?name}":          "",
	} {
		t.Run(raw, func(t *testing.T) {
			ft := &fakeTransport{t: t, respond: func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) { return answer(t, q, nil), nil }}
			c, err := doh.New(raw, doh.Options{Transport: ft})
			if want == "" {
				if err == nil || !strings.Contains(err.Error(), "template") {
					t.Errorf("New(%q) = %v, want an error about the template", raw, err)
				}
				return
			}
			if err != nil || c.Endpoint() != want {
				t.Fatalf("New(%q): %v, %v; want endpoint %q", raw, c, err, want)
			}
			if _, err := c.Query(context.Background(), "example.com", dns.TypeMX); err != nil {
				t.Fatal(err)
			}
			if got := ft.urls[0]; !strings.HasPrefix(got, strings.Split(want, "?")[0]+"?") || strings.ContainsAny(got, "{}") || strings.Contains(got, "%7B") {
				t.Errorf("asked %q", ft.urls[0])
			}
		})
	}
}
