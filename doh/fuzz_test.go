package doh_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/url"
	"slices"
	"testing"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

// FuzzAnswer feeds arbitrary response bodies and Age headers to the client:
// it must not panic, must return a *doh.Error or a Result, and a Result must
// hold together: TTLs aged, records sorted the same way whatever the order
// received, the CNAME chain ending at Target.
func FuzzAnswer(f *testing.F) {
	seed := func(name string, qtype uint16, edit func(m *dns.Msg)) {
		q := doh.NewQuery(name, qtype)
		m := new(dns.Msg)
		m.SetReply(q)
		edit(m)
		wire, err := m.Pack()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, qtype, wire, "30")
	}
	rr := func(s string) dns.RR {
		r, err := dns.NewRR(s)
		if err != nil {
			f.Fatal(err)
		}
		return r
	}
	seed("example.com", dns.TypeMX, func(m *dns.Msg) {
		m.Answer = []dns.RR{rr("example.com. 300 IN MX 20 b.example."), rr("example.com. 60 IN MX 10 a.example.")}
	})
	seed("user@a.test", dns.TypeTXT, func(m *dns.Msg) {
		m.Answer = []dns.RR{rr(`user\@a.test. 300 IN CNAME x.test.`), rr(`x.test. 10 IN TXT "v=spf1 -all"`)}
	})
	seed("loop.test", dns.TypeTXT, func(m *dns.Msg) {
		m.Answer = []dns.RR{rr("loop.test. 1 IN CNAME l2.test."), rr("l2.test. 1 IN CNAME loop.test.")}
	})
	seed("tc.test", dns.TypeA, func(m *dns.Msg) { m.Truncated = true })
	seed("nx.test", dns.TypeA, func(m *dns.Msg) { m.Rcode = dns.RcodeNameError })
	f.Add("x.test", uint16(dns.TypeANY), []byte("\x00\x00\x81\x80"), "")

	f.Fuzz(func(t *testing.T, name string, qtype uint16, body []byte, age string) {
		c, err := doh.New(doh.Cloudflare, doh.Options{Transport: bodyTransport{body, age}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := c.Query(context.Background(), name, qtype)
		if err != nil {
			var e *doh.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *doh.Error", err)
			}
			return
		}
		if r.Rcode != dns.RcodeSuccess && r.Rcode != dns.RcodeNameError {
			t.Fatalf("rcode %d in a Result", r.Rcode)
		}
		for _, rr := range r.Answer {
			if rr.Header().Ttl < r.TTL {
				t.Fatalf("TTL %d above the answer's %v", r.TTL, rr)
			}
		}
		recs := r.Records()
		reversed := slices.Clone(r.Answer)
		slices.Reverse(reversed)
		again := (&doh.Result{Name: r.Name, Type: r.Type, Rcode: r.Rcode, Answer: reversed}).Records()
		if !slices.EqualFunc(recs, again, func(a, b dns.RR) bool { return a.String() == b.String() }) {
			t.Fatalf("Records depend on the answer's order:\n%v\n%v", recs, again)
		}
		cn := r.CNAMEs()
		if len(cn) > 0 && cn[len(cn)-1] != r.Target() || len(cn) == 0 && r.Target() != r.Name {
			t.Fatalf("CNAMEs %q, Target %q", cn, r.Target())
		}
		if len(cn) > doh.MaxChain || r.ChainCut() && r.NoData() {
			t.Fatalf("chain of %d, cut %v: NoData %v", len(cn), r.ChainCut(), r.NoData())
		}
	})
}

// bodyTransport answers every request with body and an Age header. When
// body is a DNS message, its question is made the query's, so that the
// fuzzer reaches what comes after the question check.
type bodyTransport struct {
	body []byte
	age  string
}

func (b bodyTransport) Get(_ context.Context, raw string) (*doh.HTTPResponse, error) {
	body := b.body
	m := new(dns.Msg)
	if u, err := url.Parse(raw); err == nil && m.Unpack(body) == nil {
		wire, _ := base64.RawURLEncoding.DecodeString(u.Query().Get("dns"))
		q := new(dns.Msg)
		if q.Unpack(wire) == nil {
			m.Question = q.Question
			if packed, err := m.Pack(); err == nil {
				body = packed
			}
		}
	}
	return &doh.HTTPResponse{Status: 200, ContentType: doh.MediaType, Age: b.age, Body: body}, nil
}
