package zoneserver_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
)

// counting serves srv, counting the GET requests and the body octets
// written.
type counting struct {
	srv      http.Handler
	requests atomic.Int64
	written  atomic.Int64
}

func (c *counting) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		c.requests.Add(1)
	}
	c.srv.ServeHTTP(countingWriter{w, &c.written}, r)
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	return n, err
}

func (w countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// hostile starts a zone server over testdata/hostile with the faults.
func hostile(t *testing.T, faults ...zoneserver.Fault) (*doh.Client, *counting, *httptest.Server) {
	t.Helper()
	srv, err := zoneserver.LoadDir("testdata/hostile", zoneserver.Options{Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	h := &counting{srv: srv}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	c, err := doh.New(ts.URL+zoneserver.Path, doh.Options{Transport: transport(ts)})
	if err != nil {
		t.Fatal(err)
	}
	return c, h, ts
}

// Hostile servers: the client stops early, follows nothing, and says why
// (issue 11).
func TestHostileFaults(t *testing.T) {
	t.Run("redirect loop", func(t *testing.T) {
		c, h, _ := hostile(t, zoneserver.Fault{Kind: zoneserver.FaultRedirect})
		_, err := c.Query(context.Background(), "ctl.hostile.example", dns.TypeTXT)
		if !errors.Is(err, doh.ErrRedirect) || h.requests.Load() != 1 {
			t.Errorf("error %v after %d requests, want ErrRedirect after 1", err, h.requests.Load())
		}
	})
	t.Run("redirect elsewhere", func(t *testing.T) {
		var elsewhere atomic.Int64
		other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
		defer other.Close()
		c, h, _ := hostile(t, zoneserver.Fault{Kind: zoneserver.FaultRedirect, Location: other.URL + zoneserver.Path})
		_, err := c.Query(context.Background(), "ctl.hostile.example", dns.TypeTXT)
		if !errors.Is(err, doh.ErrRedirect) || h.requests.Load() != 1 || elsewhere.Load() != 0 {
			t.Errorf("error %v, %d requests, %d elsewhere; want ErrRedirect, 1, 0", err, h.requests.Load(), elsewhere.Load())
		}
	})
	t.Run("huge body", func(t *testing.T) {
		c, h, _ := hostile(t, zoneserver.Fault{Kind: zoneserver.FaultHuge})
		_, err := c.Query(context.Background(), "ctl.hostile.example", dns.TypeTXT)
		if !errors.Is(err, doh.ErrMalformed) || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("error %v, want ErrMalformed: body larger than …", err)
		}
		// The server stops writing once the client has stopped reading
		// (allow for the socket buffers).
		deadline := time.Now().Add(5 * time.Second)
		for w := h.written.Load(); time.Now().Before(deadline); w = h.written.Load() {
			time.Sleep(50 * time.Millisecond)
			if h.written.Load() == w {
				break
			}
		}
		if w := h.written.Load(); w >= zoneserver.HugeSize/4 {
			t.Errorf("%d octets written of %d: the client read on", w, zoneserver.HugeSize)
		}
	})
	t.Run("trickle", func(t *testing.T) {
		c, _, _ := hostile(t, zoneserver.Fault{Kind: zoneserver.FaultTrickle})
		ctx, cancel := context.WithTimeout(context.Background(), 20*zoneserver.TrickleInterval)
		defer cancel()
		start := time.Now()
		_, err := c.Query(ctx, "ctl.hostile.example", dns.TypeTXT)
		if !errors.Is(err, doh.ErrTimeout) || time.Since(start) > 2*time.Second {
			t.Errorf("error %v after %v, want ErrTimeout at the deadline", err, time.Since(start))
		}
	})
	t.Run("trickle completes", func(t *testing.T) {
		c, _, _ := hostile(t, zoneserver.Fault{Name: "a.hostile.example.", Kind: zoneserver.FaultTrickle})
		r, err := c.Query(context.Background(), "a.hostile.example", dns.TypeA)
		if err != nil || !r.NXDomain() {
			t.Errorf("%v, %v; want NXDOMAIN, slowly", r, err)
		}
	})
}

// What a hostile zone holds comes through whole (issue 11): the client and
// the server do not choke on it, and the rest is the reader's job.
func TestHostileZone(t *testing.T) {
	c, _, _ := hostile(t)
	ctx := context.Background()
	t.Run("1000 MX", func(t *testing.T) {
		r, err := c.Query(ctx, "manymx.hostile.example", dns.TypeMX)
		if err != nil {
			t.Fatal(err)
		}
		rrs := r.Records()
		if len(rrs) != 1000 {
			t.Fatalf("%d MX records, want 1000", len(rrs))
		}
		if !slices.IsSortedFunc(rrs, func(a, b dns.RR) int { return int(a.(*dns.MX).Preference) - int(b.(*dns.MX).Preference) }) {
			t.Error("MX records not sorted by preference")
		}
	})
	t.Run("control bytes", func(t *testing.T) {
		r, err := c.Query(ctx, "ctl.hostile.example", dns.TypeTXT)
		if err != nil {
			t.Fatal(err)
		}
		if want := "v=spf1 \x1b[2J\x07 \x1b]0;owned\x07 -all"; !slices.Equal(r.TXT(), []string{want}) {
			t.Errorf("TXT %q, want %q", r.TXT(), want)
		}
	})
	t.Run("cname loop", func(t *testing.T) {
		_, err := c.Query(ctx, "loop.hostile.example", dns.TypeTXT)
		var e *doh.Error
		if !errors.As(err, &e) || e.Rcode != dns.RcodeServerFailure {
			t.Errorf("error %v, want SERVFAIL", err)
		}
	})
	t.Run("long chain", func(t *testing.T) {
		_, err := c.Query(ctx, "c0.hostile.example", dns.TypeTXT)
		if !errors.Is(err, doh.ErrRcode) {
			t.Errorf("error %v, want SERVFAIL", err)
		}
		r, err := c.Query(ctx, "c5.hostile.example", dns.TypeTXT)
		if err != nil || len(r.CNAMEs()) != 15 || !slices.Equal(r.TXT(), []string{"v=spf1 -all"}) {
			t.Errorf("%v, %v; want 15 CNAMEs to v=spf1 -all", r, err)
		}
	})
	for _, name := range []string{"user@mail.hostile.example", "a b.hostile.example"} {
		t.Run(name, func(t *testing.T) {
			r, err := c.Query(ctx, name, dns.TypeTXT)
			if err != nil || len(r.TXT()) != 1 {
				t.Errorf("%v, %v; want one TXT", r, err)
			}
		})
	}
}

// exchange sends m to the server and unpacks the answer.
func exchange(t *testing.T, srv http.Handler, m *dns.Msg) (*dns.Msg, int) {
	t.Helper()
	wire, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, zoneserver.Path, strings.NewReader(string(wire)))
	req.Header.Set("Content-Type", doh.MediaType)
	srv.ServeHTTP(w, req)
	resp := new(dns.Msg)
	if err := resp.Unpack(w.Body.Bytes()); err != nil {
		t.Fatalf("answer: %v (%d %q)", err, w.Code, w.Body)
	}
	return resp, w.Body.Len()
}

// EDNS versions (RFC 6891 §6.1.3), zone transfers, and padding (RFC 7830,
// RFC 8467).
func TestExchangeEDNS(t *testing.T) {
	store, err := zone.LoadDir("testdata/hostile")
	if err != nil {
		t.Fatal(err)
	}
	srv := zoneserver.New(store, zoneserver.Options{})
	t.Run("badvers", func(t *testing.T) {
		q := doh.NewQuery("ctl.hostile.example", dns.TypeTXT)
		q.IsEdns0().SetVersion(1)
		resp, _ := exchange(t, srv, q)
		opt := resp.IsEdns0()
		if resp.Rcode != dns.RcodeBadVers || opt == nil || opt.Version() != 0 || len(resp.Answer) != 0 {
			t.Errorf("answer %v, want BADVERS with an OPT of version 0", resp)
		}
	})
	for _, qtype := range []uint16{dns.TypeAXFR, dns.TypeIXFR} {
		t.Run(dns.TypeToString[qtype], func(t *testing.T) {
			resp, _ := exchange(t, srv, doh.NewQuery("hostile.example", qtype))
			if resp.Rcode != dns.RcodeRefused || len(resp.Answer) != 0 {
				t.Errorf("answer %v, want REFUSED", resp)
			}
		})
	}
	padded := func(name string, qtype uint16) *dns.Msg {
		q := doh.NewQuery(name, qtype)
		opt := q.IsEdns0()
		opt.Option = append(opt.Option, &dns.EDNS0_PADDING{Padding: make([]byte, 20)})
		return q
	}
	for name, q := range map[string]*dns.Msg{
		"padded small":    padded("ctl.hostile.example", dns.TypeTXT),
		"padded nxdomain": padded("none.hostile.example", dns.TypeTXT),
		"padded large":    padded("manymx.hostile.example", dns.TypeMX),
	} {
		t.Run(name, func(t *testing.T) {
			resp, n := exchange(t, srv, q)
			if n%468 != 0 || !hasPadding(resp) {
				t.Errorf("answer of %d octets (padding %v), want a multiple of 468", n, hasPadding(resp))
			}
		})
	}
	t.Run("not padded", func(t *testing.T) {
		resp, n := exchange(t, srv, doh.NewQuery("ctl.hostile.example", dns.TypeTXT))
		if hasPadding(resp) || n%468 == 0 {
			t.Errorf("answer to an unpadded query: %d octets, padding %v", n, hasPadding(resp))
		}
	})
}

func hasPadding(m *dns.Msg) bool {
	opt := m.IsEdns0()
	return opt != nil && slices.ContainsFunc(opt.Option, func(o dns.EDNS0) bool { return o.Option() == dns.EDNS0PADDING })
}
