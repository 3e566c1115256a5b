//go:build !js

// Package stsfetchtest serves MTA-STS policies on loopback for tests: a
// certificate authority made for the test run, certificates it issues, and
// HTTPS servers on 127.0.0.1 that present them, with the stsfetch.Fetcher
// that reaches them.
package stsfetchtest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/stsfetch"
)

// Domain is the policy domain the CA's Right certificate is for
// (mta-sts.example.com).
const Domain = "example.com"

// CA is a certificate authority made for one test run, and the
// certificates it issued.
type CA struct {
	Pool  *x509.CertPool
	Right tls.Certificate // for mta-sts.example.com
	Wrong tls.Certificate // for www.example.com
	cert  *x509.Certificate
	key   *ecdsa.PrivateKey
}

// NewCA makes a CA and its two certificates.
func NewCA(t testing.TB) *CA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "stsfetchtest CA"},
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
	ca := &CA{Pool: x509.NewCertPool(), cert: cert, key: key}
	ca.Pool.AddCert(cert)
	ca.Right = ca.Issue(t, stsfetch.HostPrefix+Domain)
	ca.Wrong = ca.Issue(t, "www."+Domain)
	return ca
}

// Issue makes a server certificate for name.
func (ca *CA) Issue(t testing.TB, name string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
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

// Server is a policy host on 127.0.0.1.
type Server struct {
	*httptest.Server
	hits atomic.Int32
	last atomic.Pointer[http.Request]
}

// Hits is the number of requests the server got.
func (s *Server) Hits() int { return int(s.hits.Load()) }

// Last is the last request the server got, nil before the first.
func (s *Server) Last() *http.Request { return s.last.Load() }

// Port is the server's port.
func (s *Server) Port() string {
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	return port
}

// Start serves h over TLS with cert (HTTP/2 too when h2), or in clear
// text when cert is nil, until the test ends.
func Start(t testing.TB, cert *tls.Certificate, h2 bool, h http.HandlerFunc) *Server {
	t.Helper()
	s := &Server{}
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

// Options are the stsfetch.Options reaching s: ca's roots, every name
// resolving to addr, s's port; loopback allowed when loopback is true.
func Options(ca *CA, s *Server, addr string, loopback bool) stsfetch.Options {
	return stsfetch.Options{
		RootCAs:       ca.Pool,
		AllowLoopback: loopback,
		Port:          s.Port(),
		Resolve: func(context.Context, string) ([]netip.Addr, error) {
			return []netip.Addr{netip.MustParseAddr(addr)}, nil
		},
	}
}

// TextPlain answers body as text/plain; charset=utf-8.
func TextPlain(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(body))
	}
}
