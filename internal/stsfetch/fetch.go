//go:build !js

package stsfetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// Options configure a Fetcher. The zero value is what `mxplain serve` and
// the CLI use: the system's roots, DefaultTimeout, the system's resolver,
// only public domains and public addresses.
type Options struct {
	// RootCAs verify the policy host's certificate; nil means the system's.
	RootCAs *x509.CertPool
	// Timeout bounds a whole fetch; 0 means DefaultTimeout. The context
	// bounds it too.
	Timeout time.Duration
	// Resolve returns the addresses of host; nil means net.DefaultResolver.
	// Whatever it returns, each address is checked when it is dialled.
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	// AllowReserved (tests only) accepts domains under reserved and
	// unlisted top-level names (.test, localhost, …): see Host.
	AllowReserved bool
	// AllowLoopback (tests only) lets the fetch connect to 127.0.0.0/8 and
	// ::1; every other address CheckAddr refuses stays refused.
	AllowLoopback bool
	// Port (tests only) is dialled instead of 443; the URL, the Host and
	// the name the certificate is checked for stay the same.
	Port string
}

// Fetcher fetches policies natively (net/http), as an inspect.PolicyFetcher.
// Its methods are safe for concurrent use; it keeps connections for reuse.
type Fetcher struct {
	opt    Options
	tls    *tls.Config
	client *http.Client
}

// New returns a Fetcher.
func New(opt Options) *Fetcher {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Resolve == nil {
		opt.Resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	f := &Fetcher{opt: opt, tls: &tls.Config{RootCAs: opt.RootCAs, MinVersion: tls.VersionTLS12,
		NextProtos: []string{"h2", "http/1.1"}}}
	t := &http.Transport{
		Proxy:                  nil,       // never a proxy from the environment: the dial-time check must see the server's address
		DialTLSContext:         f.dialTLS, // connection, address check and handshake: every https request
		ResponseHeaderTimeout:  opt.Timeout,
		MaxResponseHeaderBytes: 16 << 10,
		DisableCompression:     true, // the size cap counts the bytes sent
		MaxIdleConns:           16,
		IdleConnTimeout:        30 * time.Second,
		Protocols:              new(http.Protocols),
	}
	t.Protocols.SetHTTP1(true)
	t.Protocols.SetHTTP2(true)
	f.client = &http.Client{
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       opt.Timeout,
	}
	return f
}

var defaultFetcher = sync.OnceValue(func() *Fetcher { return New(Options{}) })

// Fetch fetches the policy of domain with the default Fetcher (New with
// zero Options).
func Fetch(ctx context.Context, domain string) (*PolicyFile, error) {
	return defaultFetcher().FetchPolicy(ctx, domain)
}

// FetchPolicy gets https://mta-sts.<domain>/.well-known/mta-sts.txt as RFC
// 8461 §3.3 says (see the package comment). Every error is an *Error.
func (f *Fetcher) FetchPolicy(ctx context.Context, domain string) (*PolicyFile, error) {
	host, err := Host(domain, f.opt.AllowReserved)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	u := URL(host)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, newError(KindRefused, err, "%s", u)
	}
	req.Header.Set("Accept", "text/plain")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, Classify(ctx, u, unwrapURL(err))
	}
	return Read(ctx, u, resp)
}

// unwrapURL drops net/http's *url.Error around err, which repeats the URL.
func unwrapURL(err error) error {
	if u, ok := err.(*url.Error); ok {
		return u.Err
	}
	return err
}

// dialTLS connects to addr and makes the TLS handshake, verifying the
// certificate for the host as crypto/tls does by default: a DNS-ID
// matching the host (a wildcard only as the whole leftmost label),
// chaining to a trusted root, not expired (RFC 8461 §3.3, RFC 6125). A
// failed handshake is an Error of kind "tls".
func (f *Fetcher) dialTLS(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := f.dial(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	host, _, _ := net.SplitHostPort(addr)
	cfg := f.tls.Clone()
	cfg.ServerName = host
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, newError(KindTLS, err, "the TLS handshake with %s failed (RFC 8461 §3.3: a certificate valid for the policy host, from a trusted CA)", host)
	}
	return tc, nil
}

// dial connects to one of host's addresses (the port is 443, or the test
// port), checking each address as it is dialled (Control): the address
// connected to is the one checked, whatever the resolver said before.
func (f *Fetcher) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if f.opt.Port != "" {
		port = f.opt.Port
	}
	ips, err := f.opt.Resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	if len(ips) == 0 {
		return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	d := net.Dialer{Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return newError(KindRefused, nil, "dialling %q: not an address", address)
		}
		return CheckAddr(ap.Addr(), f.opt.AllowLoopback)
	}}
	var first error
	for _, ip := range ips {
		c, err := d.DialContext(ctx, "tcp", net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			return c, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}
