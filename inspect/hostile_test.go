package inspect_test

import (
	"context"
	"encoding/base64"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
)

// hostile answers from the fixtures as a careless or hostile resolver
// would: CNAME chains followed without limit and sent whole (a loop once
// round) with NOERROR, where a resolver answers SERVFAIL, and, with
// shuffle, every answer section in a random order. It is a doh.Resolver
// and, over HTTP, an RFC 8484 server (GET only).
type hostile struct {
	store   *zone.Store
	shuffle bool
}

// maxLinks bounds the chain hostile follows: past doh.MaxChain, short of a
// message too big.
const maxLinks = 40

func (h hostile) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	qname := dns.CanonicalName(name)
	name = qname
	var answer []dns.RR
	seen := map[string]bool{}
	for qtype != dns.TypeCNAME && len(answer) < maxLinks {
		seen[name] = true
		a := h.store.Lookup(name, dns.TypeCNAME)
		if len(a.Answer) == 0 {
			break
		}
		c := a.Answer[0].(*dns.CNAME)
		answer = append(answer, c)
		name = dns.CanonicalName(c.Target)
		if seen[name] {
			return h.result(qname, qtype, answer, dns.RcodeSuccess), nil // the loop, once round
		}
	}
	a := h.store.Lookup(name, qtype)
	if a.Rcode != dns.RcodeSuccess && a.Rcode != dns.RcodeNameError {
		return nil, &doh.Error{Kind: doh.ErrRcode, Name: name, Type: qtype, Rcode: a.Rcode}
	}
	return h.result(qname, qtype, append(answer, a.Answer...), a.Rcode), nil
}

func (h hostile) result(name string, qtype uint16, answer []dns.RR, rcode int) *doh.Result {
	if h.shuffle {
		rand.Shuffle(len(answer), func(i, j int) { answer[i], answer[j] = answer[j], answer[i] })
	}
	return &doh.Result{Name: name, Type: qtype, Rcode: rcode, Answer: answer, TTL: zone.MinTTL(answer)}
}

func (h hostile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	wire, err := base64.RawURLEncoding.DecodeString(r.URL.Query().Get("dns"))
	q := new(dns.Msg)
	if err != nil || q.Unpack(wire) != nil || len(q.Question) != 1 {
		http.Error(w, "bad query", http.StatusBadRequest)
		return
	}
	m := new(dns.Msg)
	m.SetReply(q)
	res, err := h.Query(r.Context(), q.Question[0].Name, q.Question[0].Qtype)
	if err != nil {
		m.Rcode = dns.RcodeServerFailure
	} else {
		m.Rcode, m.Answer = res.Rcode, res.Answer
	}
	out, err := m.Pack()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", doh.MediaType)
	w.Write(out)
}

// hostileClient returns a doh.Client (with the report's budget) asking a
// hostile server on httptest.
func hostileClient(tb testing.TB, shuffle bool) *doh.Client {
	tb.Helper()
	store, err := zone.LoadDir("testdata")
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(hostile{store, shuffle})
	tb.Cleanup(ts.Close)
	c, err := doh.New(ts.URL+"/dns-query", doh.Options{Transport: transport(ts), Budget: inspect.MaxQueries})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
