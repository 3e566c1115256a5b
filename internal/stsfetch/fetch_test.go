//go:build !js

package stsfetch_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/internal/stsfetch/stsfetchtest"
)

// fetcher returns a Fetcher that trusts ca, resolves every name to
// addr and dials s's port.
func fetcher(ca *stsfetchtest.CA, s *stsfetchtest.Server, addr string, loopback bool, timeout time.Duration) *stsfetch.Fetcher {
	o := stsfetchtest.Options(ca, s, addr, loopback)
	o.Timeout = timeout
	return stsfetch.New(o)
}

const policy = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n"

func TestFetchPolicy(t *testing.T) {
	ca := stsfetchtest.NewCA(t)
	for _, h2 := range []bool{true, false} {
		proto := map[bool]string{true: "HTTP/2.0", false: "HTTP/1.1"}[h2]
		t.Run(proto, func(t *testing.T) {
			s := stsfetchtest.Start(t, &ca.Right, h2, stsfetchtest.TextPlain(policy))
			got, err := fetcher(ca, s, "127.0.0.1", true, 0).FetchPolicy(t.Context(), "Example.com")
			if err != nil {
				t.Fatal(err)
			}
			want := stsfetch.PolicyFile{URL: "https://mta-sts.example.com/.well-known/mta-sts.txt",
				ContentType: "text/plain; charset=utf-8", Body: policy}
			if *got != want {
				t.Errorf("got %+v, want %+v", *got, want)
			}
			r := s.Last()
			if r.Method != "GET" || r.URL.Path != stsfetch.Path || r.URL.RawQuery != "" || r.Host != "mta-sts.example.com" ||
				r.TLS.ServerName != "mta-sts.example.com" || r.Proto != proto {
				t.Errorf("the server got %s %s (host %q, SNI %q, %s), want GET %s from mta-sts.example.com over %s",
					r.Method, r.URL, r.Host, r.TLS.ServerName, r.Proto, stsfetch.Path, proto)
			}
		})
	}
}

func TestFetchPolicyRefusals(t *testing.T) {
	ca := stsfetchtest.NewCA(t)
	big := strings.Repeat("x", stsfetch.MaxSize+1)
	for name, c := range map[string]struct {
		cert    *tls.Certificate // nil: plain HTTP
		h       http.HandlerFunc
		addr    string // what the name resolves to; default 127.0.0.1
		domain  string // default example.com
		noLoop  bool   // loopback not allowed
		timeout time.Duration
		kind    string
		hits    int // requests the server must have seen
	}{
		"redirect": {cert: &ca.Right, h: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://mta-sts.example.com/elsewhere.txt", http.StatusMovedPermanently)
		}, kind: stsfetch.KindRedirect, hits: 1},
		"temporary redirect": {cert: &ca.Right, h: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/.well-known/mta-sts.txt?again", http.StatusTemporaryRedirect)
		}, kind: stsfetch.KindRedirect, hits: 1},
		"not found":      {cert: &ca.Right, h: http.NotFound, kind: stsfetch.KindHTTP, hits: 1},
		"204 no content": {cert: &ca.Right, h: func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }, kind: stsfetch.KindHTTP, hits: 1},
		"html": {cert: &ca.Right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(policy))
		}, kind: stsfetch.KindContentType, hits: 1},
		"text/plainer": {cert: &ca.Right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plainer")
			w.Write([]byte(policy))
		}, kind: stsfetch.KindContentType, hits: 1},
		"no content type": {cert: &ca.Right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Content-Type"] = nil
			w.Write([]byte(policy))
		}, kind: stsfetch.KindContentType, hits: 1},
		"too large": {cert: &ca.Right, h: stsfetchtest.TextPlain(big), kind: stsfetch.KindTooLarge, hits: 1},
		"too large, chunked": {cert: &ca.Right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			for range 20 {
				w.Write([]byte(strings.Repeat("y", 4<<10)))
				w.(http.Flusher).Flush()
			}
		}, kind: stsfetch.KindTooLarge, hits: 1},
		"slow answer": {cert: &ca.Right, h: func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, timeout: 200 * time.Millisecond, kind: stsfetch.KindTimeout, hits: 1},
		"slow body": {cert: &ca.Right, h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte("version: STSv1\r\n"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, timeout: 200 * time.Millisecond, kind: stsfetch.KindTimeout, hits: 1},
		"certificate for another name": {cert: &ca.Wrong, h: stsfetchtest.TextPlain(policy), kind: stsfetch.KindTLS},
		"plain http":                   {h: stsfetchtest.TextPlain(policy), kind: stsfetch.KindTLS},
		"ip literal":                   {cert: &ca.Right, h: stsfetchtest.TextPlain(policy), domain: "127.0.0.1", kind: stsfetch.KindRefused},
		"localhost":                    {cert: &ca.Right, h: stsfetchtest.TextPlain(policy), domain: "localhost", kind: stsfetch.KindRefused},
		"name under .internal":         {cert: &ca.Right, h: stsfetchtest.TextPlain(policy), domain: "corp.internal", kind: stsfetch.KindRefused},
		"resolves to 127.0.0.1":        {cert: &ca.Right, h: stsfetchtest.TextPlain(policy), noLoop: true, kind: stsfetch.KindRefused},
		"resolves to ::ffff:127.0.0.1": {cert: &ca.Right, h: stsfetchtest.TextPlain(policy), addr: "::ffff:127.0.0.1", noLoop: true, kind: stsfetch.KindRefused},
		"resolves to 10.0.0.1":         {cert: &ca.Right, h: stsfetchtest.TextPlain(policy), addr: "10.0.0.1", kind: stsfetch.KindRefused},
		"resolves to 169.254.169.254":  {cert: &ca.Right, h: stsfetchtest.TextPlain(policy), addr: "169.254.169.254", kind: stsfetch.KindRefused},
	} {
		t.Run(name, func(t *testing.T) {
			s := stsfetchtest.Start(t, c.cert, true, c.h)
			addr, domain := c.addr, c.domain
			if addr == "" {
				addr = "127.0.0.1"
			}
			if domain == "" {
				domain = "example.com"
			}
			start := time.Now()
			got, err := fetcher(ca, s, addr, !c.noLoop, c.timeout).FetchPolicy(t.Context(), domain)
			if err == nil {
				t.Fatalf("got %+v, want an error of kind %s", got, c.kind)
			}
			var e *stsfetch.Error
			if !errors.As(err, &e) || e.Kind() != c.kind || !strings.HasPrefix(err.Error(), "stsfetch: ") {
				t.Errorf("error %q of kind %q, want kind %q", err, kindOf(err), c.kind)
			}
			if n := s.Hits(); n != c.hits {
				t.Errorf("the server got %d requests, want %d", n, c.hits)
			}
			if c.timeout > 0 && time.Since(start) > 10*c.timeout {
				t.Errorf("took %v with a time cap of %v", time.Since(start), c.timeout)
			}
			t.Log(err)
		})
	}
}

// TestFetchPolicyMaxSize: a body of exactly MaxSize bytes is a policy.
func TestFetchPolicyMaxSize(t *testing.T) {
	ca := stsfetchtest.NewCA(t)
	body := strings.Repeat("z", stsfetch.MaxSize)
	s := stsfetchtest.Start(t, &ca.Right, true, stsfetchtest.TextPlain(body))
	got, err := fetcher(ca, s, "127.0.0.1", true, 0).FetchPolicy(t.Context(), "example.com")
	if err != nil || got.Body != body {
		t.Fatalf("a body of %d bytes: %v", stsfetch.MaxSize, err)
	}
}

// TestFetchContext: the caller's context bounds the fetch too.
func TestFetchContext(t *testing.T) {
	ca := stsfetchtest.NewCA(t)
	s := stsfetchtest.Start(t, &ca.Right, true, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := fetcher(ca, s, "127.0.0.1", true, time.Minute).FetchPolicy(ctx, "example.com")
	if kindOf(err) != stsfetch.KindTimeout {
		t.Fatalf("error %v, want kind timeout", err)
	}
}
