//go:build !js

package doh

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"
)

// HTTPTransport is a Transport using net/http (not in js/wasm builds).
type HTTPTransport struct {
	// Client sends the requests; nil means one client shared by every
	// HTTPTransport, made by NewHTTPClient(nil). Redirects are never
	// followed, whatever the client's CheckRedirect says.
	Client *http.Client
}

var defaultHTTPClient = NewHTTPClient(nil)

func defaultTransport() Transport { return HTTPTransport{} }

// Get sends a GET accepting application/dns-message and reads at most
// MaxResponseSize+1 bytes of the body. A redirect is returned as it is,
// not followed.
func (t HTTPTransport) Get(ctx context.Context, url string) (*HTTPResponse, error) {
	client := defaultHTTPClient
	if t.Client != nil {
		c := *t.Client
		c.CheckRedirect = refuseRedirect
		client = &c
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("doh: new request: %w", err)
	}
	req.Header.Set("Accept", MediaType)
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("doh: get: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseSize+1))
	if err != nil {
		return nil, fmt.Errorf("doh: read body: %w", err)
	}
	out := &HTTPResponse{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}
	if resp.StatusCode/100 == 3 {
		out.Location = resp.Header.Get("Location")
	}
	out.Age = resp.Header.Get("Age")
	return out, nil
}

func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// Connection limits per resolver host.
const (
	// http2Conns: HTTP/2 multiplexes every query of a report on one
	// connection, so a burst of queries opens one connection, not one per
	// query (which resolvers with small limits, such as Unbound's
	// incoming-num-tcp 10, drop). Another is opened only when the server's
	// SETTINGS_MAX_CONCURRENT_STREAMS is reached.
	http2Conns = 1
	// http1Conns bounds the connections to a resolver that speaks only
	// HTTP/1.1, one query at a time on each: a browser's limit per host.
	http1Conns = 6
)

// NewHTTPClient returns the client HTTPTransport uses by default: a 30 s
// timeout, redirects never followed, and HTTP/2 with one connection per
// resolver host: over TLS for https (ALPN "h2"), and in clear text for
// http, which New allows only to loopback hosts (h2c with prior knowledge,
// RFC 9113 §3.3). The first request to a host goes alone; if HTTP/2 fails,
// it is sent again over HTTP/1.1, and if that works the host is asked over
// HTTP/1.1 from then on (at most 6 connections). Over TLS, a connection
// lost after ALPN agreed on h2 is not such a failure: the error is
// returned (and the Client sends the query again). tlsConfig, when not nil,
// replaces the default TLS configuration (the system's roots).
func NewHTTPClient(tlsConfig *tls.Config) *http.Client {
	h2 := newHTTPTransport(tlsConfig, http2Conns)
	h2.Protocols = new(http.Protocols)
	h2.Protocols.SetHTTP2(true)
	h2.Protocols.SetUnencryptedHTTP2(true)
	h1 := newHTTPTransport(tlsConfig, http1Conns)
	h1.Protocols = new(http.Protocols)
	h1.Protocols.SetHTTP1(true)
	return &http.Client{
		Transport:     &fallbackTransport{h2: h2, h1: h1, hosts: map[string]*hostProtocol{}},
		CheckRedirect: refuseRedirect,
		Timeout:       30 * time.Second,
	}
}

func newHTTPTransport(tlsConfig *tls.Config, conns int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if tlsConfig != nil {
		t.TLSClientConfig = tlsConfig.Clone()
	}
	t.MaxConnsPerHost = conns
	t.MaxIdleConnsPerHost = conns
	return t
}

// fallbackTransport sends requests over HTTP/2 (h2), and over HTTP/1.1 (h1)
// to the hosts where HTTP/2 failed and HTTP/1.1 worked. The first request
// to a host goes alone and tells which protocol it speaks; the others wait
// for it, so that a burst opens one connection, not one per request.
type fallbackTransport struct {
	h2, h1 *http.Transport

	mu    sync.Mutex
	hosts map[string]*hostProtocol // scheme://host → what it speaks
}

type hostProtocol struct {
	known  chan struct{} // closed when the first request ends
	failed bool          // it failed over both protocols: ask again
	http1  bool          // the host speaks only HTTP/1.1
}

func (t *fallbackTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := req.URL.Scheme + "://" + req.URL.Host
	for {
		t.mu.Lock()
		p, ok := t.hosts[key]
		if !ok {
			p = &hostProtocol{known: make(chan struct{})}
			t.hosts[key] = p
			t.mu.Unlock()
			resp, err := t.first(req, p)
			if err != nil {
				p.failed = true
				t.mu.Lock()
				delete(t.hosts, key)
				t.mu.Unlock()
			}
			close(p.known)
			return resp, err
		}
		t.mu.Unlock()
		select {
		case <-p.known:
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
		switch {
		case p.failed:
			continue
		case p.http1:
			return t.h1.RoundTrip(req)
		}
		return t.h2.RoundTrip(req)
	}
}

// first sends the first request to a host, over HTTP/2 then, if that
// fails, over HTTP/1.1, and records in p which one worked. A connection
// lost over TLS is returned as it is (the client sends the query again).
func (t *fallbackTransport) first(req *http.Request, p *hostProtocol) (*http.Response, error) {
	resp, err := t.h2.RoundTrip(req)
	if err == nil || req.Context().Err() != nil || req.Method != http.MethodGet || !protocolError(err) ||
		req.URL.Scheme == "https" && connectionLost(err) {
		return resp, err // over TLS, ALPN agreed on h2: a connection lost is no sign the server lacks it
	}
	resp, err1 := t.h1.RoundTrip(req)
	if err1 != nil {
		return nil, fmt.Errorf("doh: over HTTP/2: %w; over HTTP/1.1: %w", err, err1)
	}
	p.http1 = true
	return resp, nil
}

// protocolError reports whether err may come from a server that does not
// speak HTTP/2: not a failure to connect, nor a certificate refused, which
// HTTP/1.1 would meet again.
func protocolError(err error) bool {
	var op *net.OpError
	var cert *tls.CertificateVerificationError
	return !(errors.As(err, &op) && op.Op == "dial") && !errors.As(err, &cert)
}

// connectionLost reports whether err is a failure of the connection under
// a request sent before its answer came, which another connection may not
// meet: a reset or closed connection, an unexpected EOF, an HTTP/2 GOAWAY
// or stream reset from the server. Not a timeout, nor a failure to
// connect (refused: nothing listens) or a certificate refused.
func connectionLost(err error) bool {
	var timeout interface{ Timeout() bool }
	var op *net.OpError
	var stream http2StreamError
	switch {
	case errors.As(err, &timeout) && timeout.Timeout(), errors.As(err, &op) && op.Op == "dial":
		return false
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return true
	case errors.As(err, &stream): // RST_STREAM from the server
		return stream.Cause != nil && stream.Cause.Error() == "received from peer"
	}
	// net/http's own errors, of unexported types.
	return strings.Contains(err.Error(), "http2: server sent GOAWAY") ||
		strings.Contains(err.Error(), "http2: client conn could not be established")
}

// http2StreamError receives net/http's HTTP/2 stream errors, which
// errors.As converts to any struct with their fields (as to
// golang.org/x/net/http2.StreamError).
type http2StreamError struct {
	StreamID uint32
	Code     uint32
	Cause    error
}

func (e http2StreamError) Error() string {
	return fmt.Sprintf("http2: stream %d reset: code %d", e.StreamID, e.Code)
}
