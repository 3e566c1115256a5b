//go:build !js

package doh_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/net/http2"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
)

func TestDefaultTransport(t *testing.T) {
	if _, ok := doh.DefaultTransport().(doh.HTTPTransport); !ok {
		t.Errorf("DefaultTransport is %T", doh.DefaultTransport())
	}
}

// resolver is a DoH server on loopback answering from a small zone, which
// counts the connections it accepted, the requests (GET) and the HTTP
// versions it was asked in.
type resolver struct {
	*httptest.Server
	conns    atomic.Int64
	requests atomic.Int64
	mu       sync.Mutex
	protos   map[string]int
}

// fault is what a resolver does to a request instead of answering it.
type fault int

const (
	serve       fault = iota
	resetConn         // reset the TCP connection under it (RST: SO_LINGER 0)
	resetStream       // reset its HTTP/2 stream (RST_STREAM INTERNAL_ERROR)
	stall             // answer after 2 s
)

type connKey struct{}

// protocols the server speaks.
type protocols int

const (
	tlsHTTP2 protocols = iota // https, HTTP/2 and HTTP/1.1 by ALPN
	tlsHTTP1                  // https, HTTP/1.1 only
	h2c                       // http, HTTP/2 with prior knowledge and HTTP/1.1
	http1                     // http, HTTP/1.1 only
)

// startResolver starts a resolver speaking p. faults, if not nil, says
// what to do with the nth request (from 1).
func startResolver(t *testing.T, p protocols, faults func(n int64) fault) *resolver {
	t.Helper()
	store, err := zone.Parse("$ORIGIN example.\n@ 60 IN SOA ns h 1 2 3 4 60\n*.example. 60 IN TXT \"v=spf1 -all\"\n", "t.zone")
	if err != nil {
		t.Fatal(err)
	}
	r := &resolver{protos: map[string]int{}}
	srv := zoneserver.New(store, zoneserver.Options{})
	r.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet {
			return // the h2c preface (PRI) on an HTTP/1.1 server
		}
		n := r.requests.Add(1)
		f := serve
		if faults != nil {
			f = faults(n)
		}
		switch f {
		case resetConn:
			conn := req.Context().Value(connKey{}).(net.Conn)
			if c, ok := conn.(*tls.Conn); ok {
				conn = c.NetConn()
			}
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
			panic(http.ErrAbortHandler)
		case resetStream:
			panic(http.ErrAbortHandler)
		case stall:
			time.Sleep(2 * time.Second)
		}
		r.mu.Lock()
		r.protos[req.Proto]++
		r.mu.Unlock()
		srv.ServeHTTP(w, req)
	}))
	r.Config.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		return context.WithValue(ctx, connKey{}, c)
	}
	r.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed h2 handshakes of the fallback
	r.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			r.conns.Add(1)
		}
	}
	switch p {
	case tlsHTTP2, tlsHTTP1:
		r.EnableHTTP2 = p == tlsHTTP2
		r.StartTLS()
	case h2c:
		r.Config.Protocols = new(http.Protocols)
		r.Config.Protocols.SetHTTP1(true)
		r.Config.Protocols.SetUnencryptedHTTP2(true)
		r.Start()
	case http1:
		r.Start()
	}
	t.Cleanup(r.Close)
	return r
}

// client returns a DoH client of r with the default transport's settings
// (NewHTTPClient), trusting r's certificate.
func (r *resolver) client(t *testing.T) *doh.Client {
	t.Helper()
	var cfg *tls.Config
	if r.TLS != nil {
		cfg = r.Client().Transport.(*http.Transport).TLSClientConfig
	}
	c, err := doh.New(r.URL+zoneserver.Path, doh.Options{Transport: doh.HTTPTransport{Client: doh.NewHTTPClient(cfg)}, Budget: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// burst sends the queries from to to-1 at once, as a cold report does.
func burst(t *testing.T, c *doh.Client, from, to int) {
	t.Helper()
	var wg sync.WaitGroup
	for i := from; i < to; i++ {
		wg.Go(func() {
			r, err := c.Query(context.Background(), fmt.Sprintf("q%d.example", i), dns.TypeTXT)
			if err != nil || len(r.TXT()) != 1 {
				t.Errorf("query %d: %v %v", i, r, err)
			}
		})
	}
	wg.Wait()
}

// A burst of queries shares one connection per resolver over HTTP/2, with
// TLS (https) and without (h2c, http to loopback), and falls back to
// HTTP/1.1 where the server speaks nothing else (issue 10).
func TestConnections(t *testing.T) {
	tests := map[string]struct {
		protocols protocols
		proto     string
		maxConns  int64
	}{
		"https h2":       {tlsHTTP2, "HTTP/2.0", 1},
		"h2c":            {h2c, "HTTP/2.0", 1},
		"https http/1.1": {tlsHTTP1, "HTTP/1.1", 1 + 6}, // the failed h2 handshake, then HTTP/1.1
		"http/1.1":       {http1, "HTTP/1.1", 1 + 6},    // the h2c attempt's connection, then HTTP/1.1's
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := startResolver(t, tc.protocols, nil)
			c := r.client(t)
			burst(t, c, 0, 40)
			burst(t, c, 40, 80) // warm: no new connection
			if n := r.conns.Load(); n < 1 || n > tc.maxConns {
				t.Errorf("%d connections for 80 queries, want 1 to %d", n, tc.maxConns)
			}
			if r.protos[tc.proto] != 80 {
				t.Errorf("requests by protocol %v, want 80 in %s", r.protos, tc.proto)
			}
		})
	}
	// What the burst cost before: a client as net/http makes it by default
	// (httptest's, ForceAttemptHTTP2 and no connection limit).
	r := startResolver(t, tlsHTTP2, nil)
	c, err := doh.New(r.URL+zoneserver.Path, doh.Options{Transport: doh.HTTPTransport{Client: r.Client()}, Budget: -1})
	if err != nil {
		t.Fatal(err)
	}
	burst(t, c, 0, 40)
	t.Logf("net/http's default client: %d connections for a burst of 40 queries", r.conns.Load())
}

// Redirects are refused, whatever the client (issue 11): a 301 to another
// host is never followed, and a redirect loop costs one request.
func TestRedirectRefused(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	var asked atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			return // the h2c preface (PRI) on this HTTP/1.1 server
		}
		asked.Add(1)
		target := other.URL + r.URL.RequestURI()
		if r.URL.Path == "/loop" {
			target = r.URL.RequestURI()
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	}))
	defer ts.Close()
	for name, tr := range map[string]doh.HTTPTransport{
		"default client": {Client: doh.NewHTTPClient(nil)},
		"given client":   {Client: ts.Client()}, // follows 10 redirects by itself
	} {
		for _, path := range []string{"/elsewhere", "/loop"} {
			t.Run(name+path, func(t *testing.T) {
				asked.Store(0)
				elsewhere.Store(0)
				c, err := doh.New(ts.URL+path, doh.Options{Transport: tr})
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.Query(context.Background(), "example.com", dns.TypeTXT)
				var e *doh.Error
				if !errors.As(err, &e) || !errors.Is(err, doh.ErrRedirect) || e.Status != 301 {
					t.Errorf("error %v, want ErrRedirect with status 301", err)
				}
				if asked.Load() != 1 || elsewhere.Load() != 0 {
					t.Errorf("%d requests to the resolver, %d elsewhere; want 1 and 0", asked.Load(), elsewhere.Load())
				}
			})
		}
	}
}

// The Age header reaches the client (RFC 8484 §5.1).
func TestAgeHeader(t *testing.T) {
	r := startResolver(t, h2c, nil)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Age", "45")
		r.Config.Handler.ServeHTTP(w, req)
	}))
	defer ts.Close()
	c, err := doh.New(ts.URL+zoneserver.Path, doh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Query(context.Background(), "a.example", dns.TypeTXT)
	if err != nil || res.TTL != 60-45 {
		t.Errorf("%v, %v; want TTL 15", res, err)
	}
}

// A resolver that cannot be reached, or whose certificate is refused, is
// not asked again over HTTP/1.1: the error says why, once.
func TestNoFallbackOnConnectionErrors(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	untrusted := startResolver(t, tlsHTTP2, nil)
	for name, url := range map[string]string{"refused": deadURL, "untrusted certificate": untrusted.URL} {
		t.Run(name, func(t *testing.T) {
			c, err := doh.New(url+zoneserver.Path, doh.Options{Transport: doh.HTTPTransport{Client: doh.NewHTTPClient(nil)}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Query(context.Background(), "a.example", dns.TypeTXT)
			if !errors.Is(err, doh.ErrTransport) || strings.Contains(err.Error(), "HTTP/1.1") || c.Queries() != 1 {
				t.Errorf("error %v after %d queries, want ErrTransport without a second try", err, c.Queries())
			}
		})
	}
	if n := untrusted.conns.Load(); n != 1 {
		t.Errorf("%d connections to the untrusted resolver, want 1", n)
	}
}

// A query whose connection is lost before the answer (a TCP reset, an
// HTTP/2 stream reset) is sent once more, on a new connection, over
// HTTP/2, and counts twice in Queries(): Unbound 1.17 resets DoH
// connections under load, which made `mxplain lookup` exit 2 (issue 10).
// warm queries succeed first (over h2c, a connection lost on the very
// first request sends it over HTTP/1.1 instead: an HTTP/1.1 server may
// hang up on the h2c preface); then fail requests fail.
func TestConnectionLost(t *testing.T) {
	tests := map[string]struct {
		protocols  protocols
		fault      fault
		warm, fail int64
		ok         bool
	}{
		"https: the first request's connection reset": {tlsHTTP2, resetConn, 0, 1, true},
		"https: a connection reset":                   {tlsHTTP2, resetConn, 1, 1, true},
		"https: a stream reset":                       {tlsHTTP2, resetStream, 1, 1, true},
		"https: every connection reset":               {tlsHTTP2, resetConn, 0, 1 << 20, false},
		"h2c: a connection reset":                     {h2c, resetConn, 1, 1, true},
		"h2c: a stream reset":                         {h2c, resetStream, 1, 1, true},
		"h2c: every connection reset":                 {h2c, resetConn, 1, 1 << 20, false},
		"h2c: every stream reset":                     {h2c, resetStream, 1, 1 << 20, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := startResolver(t, tc.protocols, func(n int64) fault {
				if n > tc.warm && n <= tc.warm+tc.fail {
					return tc.fault
				}
				return serve
			})
			c := r.client(t)
			for i := range tc.warm {
				if _, err := c.Query(context.Background(), fmt.Sprintf("warm%d.example", i), dns.TypeTXT); err != nil {
					t.Fatal(err)
				}
			}
			res, err := c.Query(context.Background(), "a.example", dns.TypeTXT)
			if tc.ok && (err != nil || len(res.TXT()) != 1) {
				t.Errorf("%v, %v; want the answer, asked again", res, err)
			}
			if !tc.ok && !errors.Is(err, doh.ErrTransport) {
				t.Errorf("%v, %v; want ErrTransport", res, err)
			}
			if n := r.requests.Load(); n != tc.warm+2 || c.Queries() != int(n) {
				t.Errorf("%d requests reached the resolver, Queries() = %d; want %d", n, c.Queries(), tc.warm+2)
			}
			if n := r.conns.Load(); tc.fault == resetConn && n != 2 {
				t.Errorf("%d connections, want 2: the first, reset, and a new one", n)
			}
			if r.protos["HTTP/1.1"] != 0 {
				t.Errorf("requests answered by protocol %v, want only HTTP/2.0", r.protos)
			}
		})
	}
}

// What is not a lost connection is not sent again: a timeout, a budget
// spent (the query would be the budget's second).
func TestConnectionLostNotRetried(t *testing.T) {
	t.Run("timeout", func(t *testing.T) {
		r := startResolver(t, tlsHTTP2, func(int64) fault { return stall })
		c := r.client(t)
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, err := c.Query(ctx, "a.example", dns.TypeTXT)
		if !errors.Is(err, doh.ErrTimeout) || c.Queries() != 1 {
			t.Errorf("%v after %d queries, want ErrTimeout after 1", err, c.Queries())
		}
	})
	t.Run("budget", func(t *testing.T) {
		r := startResolver(t, tlsHTTP2, func(int64) fault { return resetConn })
		cfg := r.Client().Transport.(*http.Transport).TLSClientConfig
		c, err := doh.New(r.URL+zoneserver.Path, doh.Options{Transport: doh.HTTPTransport{Client: doh.NewHTTPClient(cfg)}, Budget: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Query(context.Background(), "a.example", dns.TypeTXT)
		if !errors.Is(err, doh.ErrTransport) || c.Queries() != 1 || r.requests.Load() != 1 {
			t.Errorf("%v after %d queries, %d requests; want ErrTransport after 1", err, c.Queries(), r.requests.Load())
		}
	})
}

// A GOAWAY with an error code after the request was sent (its stream is
// not above LastStreamID, so net/http does not send it again itself) is a
// lost connection too: the query is sent once more on a new connection.
// The resolver's first connection reads the request and answers GOAWAY
// INTERNAL_ERROR; the others are passed through to r.
func TestGoAway(t *testing.T) {
	r := startResolver(t, tlsHTTP2, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var conns atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if conns.Add(1) == 1 {
				go goAway(tls.Server(c, &tls.Config{Certificates: r.TLS.Certificates, NextProtos: []string{"h2"}}))
				continue
			}
			go func() {
				defer c.Close()
				u, err := net.Dial("tcp", r.Listener.Addr().String())
				if err != nil {
					return
				}
				defer u.Close()
				go io.Copy(u, c)
				io.Copy(c, u)
			}()
		}
	}()
	cfg := r.Client().Transport.(*http.Transport).TLSClientConfig
	c, err := doh.New("https://"+ln.Addr().String()+zoneserver.Path, doh.Options{Transport: doh.HTTPTransport{Client: doh.NewHTTPClient(cfg)}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Query(context.Background(), "a.example", dns.TypeTXT)
	if err != nil || len(res.TXT()) != 1 || c.Queries() != 2 || conns.Load() != 2 || r.requests.Load() != 1 {
		t.Errorf("%v, %v after %d queries, %d connections, %d requests answered; want the answer after 2 queries on 2 connections", res, err, c.Queries(), conns.Load(), r.requests.Load())
	}
}

// goAway reads the client's preface and frames up to its first request,
// and answers GOAWAY INTERNAL_ERROR with that request's stream as the last.
func goAway(c *tls.Conn) {
	defer c.Close()
	preface := make([]byte, len(http2.ClientPreface))
	if _, err := io.ReadFull(c, preface); err != nil {
		return
	}
	fr := http2.NewFramer(c, c)
	fr.WriteSettings()
	for {
		f, err := fr.ReadFrame()
		if err != nil {
			return
		}
		if h, ok := f.(*http2.HeadersFrame); ok {
			fr.WriteGoAway(h.StreamID, http2.ErrCodeInternal, []byte("test"))
			return
		}
	}
}
