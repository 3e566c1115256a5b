//go:build !js

package stsfetch_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/stsfetch"
)

// testCA is a certificate authority made for one test run, and the
// certificates it issued.
type testCA struct {
	pool  *x509.CertPool
	cert  *x509.Certificate
	key   *ecdsa.PrivateKey
	right tls.Certificate // for mta-sts.example.com
	wrong tls.Certificate // for www.example.com
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "stsfetch test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	ca := &testCA{pool: x509.NewCertPool(), cert: cert, key: key}
	ca.pool.AddCert(cert)
	ca.right = ca.issue(t, 2, "mta-sts.example.com")
	ca.wrong = ca.issue(t, 3, "www.example.com")
	return ca
}

// issue makes a server certificate for name.
func (ca *testCA) issue(t *testing.T, serial int64, name string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: name},
		DNSNames:     []string{name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// server is a policy host on loopback.
type server struct {
	*httptest.Server
	hits atomic.Int32 // requests received
	last atomic.Pointer[http.Request]
}

// startServer serves h over TLS with cert on 127.0.0.1 (HTTP/2 when h2),
// or in clear text when cert is nil.
func startServer(t *testing.T, cert *tls.Certificate, h2 bool, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.last.Store(r)
		h(w, r)
	}))
	if cert == nil {
		s.Start()
	} else {
		s.EnableHTTP2 = h2
		s.TLS = &tls.Config{Certificates: []tls.Certificate{*cert}}
		s.StartTLS()
	}
	t.Cleanup(s.Close)
	return s
}

func (s *server) port() string {
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	return port
}

// fetcher returns a Fetcher that trusts ca, resolves every name to
// addr and dials s's port.
func fetcher(ca *testCA, s *server, addr string, loopback bool, timeout time.Duration) *stsfetch.Fetcher {
	o := stsfetch.Options{
		RootCAs:       ca.pool,
		Timeout:       timeout,
		AllowLoopback: loopback,
		Resolve: func(_ context.Context, host string) ([]netip.Addr, error) {
			return []netip.Addr{netip.MustParseAddr(addr)}, nil
		},
	}
	stsfetch.SetPort(&o, s.port())
	return stsfetch.New(o)
}

const policy = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n"

func textPlain(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(body))
	}
}

func TestFetchPolicy(t *testing.T) {
	ca := newTestCA(t)
	for _, h2 := range []bool{true, false} {
		proto := map[bool]string{true: "HTTP/2.0", false: "HTTP/1.1"}[h2]
		t.Run(proto, func(t *testing.T) {
			s := startServer(t, &ca.right, h2, textPlain(policy))
			got, err := fetcher(ca, s, "127.0.0.1", true, 0).FetchPolicy(t.Context(), "Example.com")
			if err != nil {
				t.Fatal(err)
			}
			want := stsfetch.PolicyFile{URL: "https://mta-sts.example.com/.well-known/mta-sts.txt",
				ContentType: "text/plain; charset=utf-8", Body: policy}
			if *got != want {
				t.Errorf("got %+v, want %+v", *got, want)
			}
			r := s.last.Load()
			if r.Method != "GET" || r.URL.Path != stsfetch.Path || r.URL.RawQuery != "" || r.Host != "mta-sts.example.com" ||
				r.TLS.ServerName != "mta-sts.example.com" || r.Proto != proto {
				t.Errorf("the server got %s %s (host %q, SNI %q, %s), want GET %s from mta-sts.example.com over %s",
					r.Method, r.URL, r.Host, r.TLS.ServerName, r.Proto, stsfetch.Path, proto)
			}
		})
	}
}

func TestFetchPolicyRefusals(t *testing.T) {
	ca := newTestCA(t)
	big := strings.Repeat("x", stsfetch.MaxSize+1)
	for name, c := range map[string]struct {
		cert    *tls.Certificate // nil: plain HTTP
		h       http.HandlerFunc
		addr    string // what the name resolves to; default 127.0.0.1
		domain  string // default example.com
		noLoop  bool   // loopback not allowed
		timeout time.Duration
		kind    string
		hits    int32 // requests the server must have seen
	}{
		"redirect": {cert: &ca.right, h: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://mta-sts.example.com/elsewhere.txt", http.StatusMovedPermanently)
		}, kind: stsfetch.KindRedirect, hits: 1},
		"temporary redirect": {cert: &ca.right, h: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/.well-known/mta-sts.txt?again", http.StatusTemporaryRedirect)
		}, kind: stsfetch.KindRedirect, hits: 1},
		"not found":      {cert: &ca.right, h: http.NotFound, kind: stsfetch.KindHTTP, hits: 1},
		"204 no content": {cert: &ca.right, h: func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }, kind: stsfetch.KindHTTP, hits: 1},
		"html": {cert: &ca.right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(policy))
		}, kind: stsfetch.KindContentType, hits: 1},
		"text/plainer": {cert: &ca.right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plainer")
			w.Write([]byte(policy))
		}, kind: stsfetch.KindContentType, hits: 1},
		"no content type": {cert: &ca.right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Content-Type"] = nil
			w.Write([]byte(policy))
		}, kind: stsfetch.KindContentType, hits: 1},
		"too large": {cert: &ca.right, h: textPlain(big), kind: stsfetch.KindTooLarge, hits: 1},
		"too large, chunked": {cert: &ca.right, h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			for range 20 {
				w.Write([]byte(strings.Repeat("y", 4<<10)))
				w.(http.Flusher).Flush()
			}
		}, kind: stsfetch.KindTooLarge, hits: 1},
		"slow answer": {cert: &ca.right, h: func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, timeout: 200 * time.Millisecond, kind: stsfetch.KindTimeout, hits: 1},
		"slow body": {cert: &ca.right, h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte("version: STSv1\r\n"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, timeout: 200 * time.Millisecond, kind: stsfetch.KindTimeout, hits: 1},
		"certificate for another name": {cert: &ca.wrong, h: textPlain(policy), kind: stsfetch.KindTLS},
		"plain http":                   {h: textPlain(policy), kind: stsfetch.KindTLS},
		"ip literal":                   {cert: &ca.right, h: textPlain(policy), domain: "127.0.0.1", kind: stsfetch.KindRefused},
		"localhost":                    {cert: &ca.right, h: textPlain(policy), domain: "localhost", kind: stsfetch.KindRefused},
		"name under .internal":         {cert: &ca.right, h: textPlain(policy), domain: "corp.internal", kind: stsfetch.KindRefused},
		"resolves to 127.0.0.1":        {cert: &ca.right, h: textPlain(policy), noLoop: true, kind: stsfetch.KindRefused},
		"resolves to ::ffff:127.0.0.1": {cert: &ca.right, h: textPlain(policy), addr: "::ffff:127.0.0.1", noLoop: true, kind: stsfetch.KindRefused},
		"resolves to 10.0.0.1":         {cert: &ca.right, h: textPlain(policy), addr: "10.0.0.1", kind: stsfetch.KindRefused},
		"resolves to 169.254.169.254":  {cert: &ca.right, h: textPlain(policy), addr: "169.254.169.254", kind: stsfetch.KindRefused},
	} {
		t.Run(name, func(t *testing.T) {
			s := startServer(t, c.cert, true, c.h)
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
			if n := s.hits.Load(); n != c.hits {
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
	ca := newTestCA(t)
	body := strings.Repeat("z", stsfetch.MaxSize)
	s := startServer(t, &ca.right, true, textPlain(body))
	got, err := fetcher(ca, s, "127.0.0.1", true, 0).FetchPolicy(t.Context(), "example.com")
	if err != nil || got.Body != body {
		t.Fatalf("a body of %d bytes: %v", stsfetch.MaxSize, err)
	}
}

// TestFetchContext: the caller's context bounds the fetch too.
func TestFetchContext(t *testing.T) {
	ca := newTestCA(t)
	s := startServer(t, &ca.right, true, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := fetcher(ca, s, "127.0.0.1", true, time.Minute).FetchPolicy(ctx, "example.com")
	if kindOf(err) != stsfetch.KindTimeout {
		t.Fatalf("error %v, want kind timeout", err)
	}
}
