package doh

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/miekg/dns"
)

// Known public resolvers' RFC 8484 endpoints.
const (
	Cloudflare = "https://cloudflare-dns.com/dns-query" // Cloudflare 1.1.1.1
	Google     = "https://dns.google/dns-query"         // Google Public DNS
	Quad9      = "https://dns.quad9.net/dns-query"      // Quad9
)

const (
	// MediaType is the DoH message media type, RFC 8484 §6.
	MediaType = "application/dns-message"
	// MaxResponseSize bounds a response body: a DNS message is at most
	// 65535 octets (RFC 8484 §6, RFC 1035 §4.2.2).
	MaxResponseSize = 64 << 10
	// UDPSize is the EDNS(0) payload size advertised in queries (RFC 6891
	// §6.2.5); DoH has no UDP limit but some resolvers size answers by it.
	UDPSize = 4096
	// DefaultBudget is the query budget of a Client whose Budget is 0.
	DefaultBudget = 200
)

// Resolver answers DNS queries. A [*Client], a zone.Store and a zone.Overlay
// are Resolvers. Query returns a [*Result] for NOERROR and NXDOMAIN answers
// and an error (an [*Error] for a Client) otherwise.
type Resolver interface {
	Query(ctx context.Context, name string, qtype uint16) (*Result, error)
}

// HTTPResponse is what a Transport returns: the status, the headers the
// client reads and the body (at most MaxResponseSize+1 bytes are needed).
type HTTPResponse struct {
	Status      int
	ContentType string
	// Age is the Age header (RFC 9111 §5.1), "" when absent: how many
	// seconds the answer sat in HTTP caches, to be taken off its TTLs
	// (RFC 8484 §5.1).
	Age string
	// Location is the Location header of a redirect (status 3xx), which
	// the client never follows.
	Location string
	Body     []byte
}

// Transport sends an HTTP GET with the header "Accept: application/dns-message"
// and returns the response. It must honour ctx: return promptly, with an error
// wrapping ctx.Err(), once ctx is done. Errors are failures to get any
// response; an HTTP error status is a response. It must not follow
// redirects: it returns the 3xx response, or an error wrapping ErrRedirect
// when the redirect's status is hidden from it (a browser's fetch).
type Transport interface {
	Get(ctx context.Context, url string) (*HTTPResponse, error)
}

// DefaultTransport is net/http's client natively ([HTTPTransport]) and
// JavaScript's fetch in js/wasm builds ([FetchTransport]).
func DefaultTransport() Transport { return defaultTransport() }

// Client is a DoH client for one report. Its zero value is not usable: make
// one with [New]. Its methods are safe for concurrent use.
type Client struct {
	url       *url.URL
	transport Transport
	budget    int

	mu    sync.Mutex
	sent  int
	cache map[key]*flight
}

// Options configure a Client. The zero value is fine.
type Options struct {
	// Transport sends the HTTP requests; nil means DefaultTransport().
	Transport Transport
	// Budget is the maximum number of queries sent (cache hits and queries
	// joined in flight are free, a query sent again after a connection
	// failure costs one more); 0 means DefaultBudget, negative means no
	// limit.
	Budget int
}

// New returns a Client asking the resolver at endpoint, an RFC 8484 URI
// such as [Cloudflare], or the URI template resolvers publish
// ("https://dns.google/dns-query{?dns}", RFC 8484 §4.1.1), whose {?dns} the
// client fills: https, or http only to a loopback host (localhost,
// 127.0.0.0/8, ::1).
func New(endpoint string, opt Options) (*Client, error) {
	u, err := parseEndpoint(endpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{url: u, transport: opt.Transport, budget: opt.Budget, cache: map[key]*flight{}}
	if c.transport == nil {
		c.transport = DefaultTransport()
	}
	if c.budget == 0 {
		c.budget = DefaultBudget
	}
	return c, nil
}

// Endpoint returns the resolver URL the client asks.
func (c *Client) Endpoint() string { return c.url.String() }

// Queries returns how many queries the client has sent so far (cache hits
// and queries joined in flight are not counted; queries that failed are,
// and a query sent again after a connection failure counts twice).
func (c *Client) Queries() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sent
}

type key struct {
	name  string
	qtype uint16
}

// flight is one query, in flight until done is closed, then cached.
type flight struct {
	done chan struct{}
	res  *Result
	err  error
}

// Query asks for the records of type qtype at name (made fully qualified).
// Answers are cached for the client's lifetime by (name, type), the name
// in its canonical form ([CanonicalName]);
// so are errors, except timeouts, cancellations and ErrBudget. An invalid
// name gives ErrName without sending anything, and so does a context
// already done (ErrTimeout or ErrTransport). A query identical to one in
// flight waits for it instead of being sent again.
//
// A query whose connection failed before the answer came (reset,
// unexpected EOF, HTTP/2 GOAWAY or stream reset) is sent once more, on a
// new connection, while ctx has time and the budget allows: a DoH GET is
// safe to repeat (RFC 8484 §4.1). Timeouts, HTTP statuses, malformed
// answers, redirects, refused connections and TLS failures are not sent
// again. The fetch transport (js/wasm) never sends a query again: see
// [FetchTransport].
func (c *Client) Query(ctx context.Context, name string, qtype uint16) (*Result, error) {
	canonical, ok := CanonicalName(name)
	if !ok {
		return nil, &Error{Kind: ErrName, Name: name, Type: qtype}
	}
	k := key{canonical, qtype}
	for {
		c.mu.Lock()
		f, ok := c.cache[k]
		if !ok {
			if err := ctx.Err(); err != nil {
				c.mu.Unlock()
				return nil, ctxError(ctx, k.name, qtype, err)
			}
			if !c.spendLocked() {
				c.mu.Unlock()
				return nil, &Error{Kind: ErrBudget, Name: k.name, Type: qtype,
					Err: fmt.Errorf("doh: %d queries sent", c.budget)}
			}
			f = &flight{done: make(chan struct{})}
			c.cache[k] = f
			c.mu.Unlock()
			f.res, f.err = c.exchange(ctx, k.name, qtype)
			if f.err != nil && !cacheable(f.err) {
				c.mu.Lock()
				delete(c.cache, k)
				c.mu.Unlock()
			}
			close(f.done)
			return f.res, f.err
		}
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, ctxError(ctx, k.name, qtype, ctx.Err())
		}
		if f.err != nil && !cacheable(f.err) && ctx.Err() == nil {
			continue // the leader's context ended, not ours: ask again
		}
		return f.res, f.err
	}
}

// spend counts a request sent against the budget; false when the budget
// is spent (nothing is then sent).
func (c *Client) spend() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.spendLocked()
}

func (c *Client) spendLocked() bool {
	if c.budget > 0 && c.sent >= c.budget {
		return false
	}
	c.sent++
	return true
}

func cacheable(err error) bool {
	return !errors.Is(err, ErrTimeout) && !errors.Is(err, ErrBudget) &&
		!errors.Is(err, context.Canceled)
}

func ctxError(ctx context.Context, name string, qtype uint16, err error) *Error {
	kind := ErrTransport
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
		kind = ErrTimeout
	}
	return &Error{Kind: kind, Name: name, Type: qtype, Err: err}
}

// NewQuery returns the query message the client sends: ID 0 (RFC 8484
// §4.1), RD set, AD set (RFC 6840 §5.7: answer with AD whether the
// resolver validated the answer), and an OPT record with a UDP size of
// UDPSize and the DO bit clear (RFC 3225 §3: no RRSIG records, which the
// client does not check and which swell answers).
func NewQuery(name string, qtype uint16) *dns.Msg {
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	m.Id = 0
	m.RecursionDesired = true
	m.AuthenticatedData = true
	m.SetEdns0(UDPSize, false)
	return m
}

// exchange sends one query and interprets the answer.
func (c *Client) exchange(ctx context.Context, name string, qtype uint16) (*Result, error) {
	fail := func(kind error, err error) (*Result, error) {
		return nil, &Error{Kind: kind, Name: name, Type: qtype, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError(ctx, name, qtype, err)
	}
	q := NewQuery(name, qtype)
	wire, err := q.Pack()
	if err != nil {
		return fail(ErrTransport, fmt.Errorf("doh: pack query: %w", err))
	}
	u := *c.url
	v := u.Query()
	v.Set("dns", base64.RawURLEncoding.EncodeToString(wire))
	u.RawQuery = v.Encode()

	resp, err := c.transport.Get(ctx, u.String())
	if err != nil && ctx.Err() == nil && connectionLost(err) && c.spend() {
		// The connection failed before the answer came (reset, EOF,
		// GOAWAY, stream reset): a GET is safe to send again (RFC 8484
		// §4.1, RFC 9110 §9.2.2), once, on a new connection.
		resp, err = c.transport.Get(ctx, u.String())
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctxError(ctx, name, qtype, errors.Join(err, ctx.Err()))
		}
		if errors.Is(err, ErrRedirect) {
			return fail(ErrRedirect, err)
		}
		var te interface{ Timeout() bool }
		if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &te) && te.Timeout() {
			return fail(ErrTimeout, err)
		}
		return fail(ErrTransport, err)
	}
	if resp.Status/100 == 3 {
		return nil, &Error{Kind: ErrRedirect, Name: name, Type: qtype, Status: resp.Status,
			Err: fmt.Errorf("doh: the resolver redirects to %q, which is not followed", resp.Location)}
	}
	if resp.Status != 200 {
		return nil, &Error{Kind: ErrHTTPStatus, Name: name, Type: qtype, Status: resp.Status}
	}
	if mt, _, err := mime.ParseMediaType(resp.ContentType); err != nil || mt != MediaType {
		return fail(ErrMalformed, fmt.Errorf("doh: content type %q, want %s", resp.ContentType, MediaType))
	}
	if len(resp.Body) > MaxResponseSize {
		return fail(ErrMalformed, fmt.Errorf("doh: body larger than %d bytes", MaxResponseSize))
	}
	m := new(dns.Msg)
	if err := m.Unpack(resp.Body); err != nil {
		return fail(ErrMalformed, fmt.Errorf("doh: unpack answer: %w", err))
	}
	if err := checkAnswer(q, m); err != nil {
		return fail(ErrMalformed, err)
	}
	if m.Truncated {
		return fail(ErrTruncated, errors.New("doh: answer has TC set"))
	}
	if m.Rcode != dns.RcodeSuccess && m.Rcode != dns.RcodeNameError {
		return nil, &Error{Kind: ErrRcode, Name: name, Type: qtype, Rcode: m.Rcode}
	}
	age := parseAge(resp.Age)
	for _, rr := range m.Answer {
		h := rr.Header()
		if h.Ttl > 1<<31-1 {
			h.Ttl = 0 // RFC 2181 §8: the most significant bit set
		}
		h.Ttl -= min(h.Ttl, age) // RFC 8484 §5.1: the time spent in HTTP caches
	}
	res := &Result{
		Name:   name,
		Type:   qtype,
		Rcode:  m.Rcode,
		Answer: m.Answer,
		AD:     m.AuthenticatedData,
		TTL:    minTTL(m.Answer),
	}
	if n := len(res.Records()); n > 0 && res.NXDomain() {
		// RFC 6604 §3: NXDOMAIN is about the chain's last name, which
		// this answer also gives records of.
		return fail(ErrMalformed, fmt.Errorf("doh: NXDOMAIN answer with %d %s records at %s", n, dns.TypeToString[qtype], res.Target()))
	}
	return res, nil
}

func checkAnswer(q, m *dns.Msg) error {
	if !m.Response {
		return errors.New("doh: answer has QR unset")
	}
	if m.Id != q.Id {
		return fmt.Errorf("doh: answer id %d, want %d", m.Id, q.Id)
	}
	if len(m.Question) != 1 {
		return fmt.Errorf("doh: answer has %d questions, want 1", len(m.Question))
	}
	got, want := m.Question[0], q.Question[0]
	if !EqualNames(got.Name, want.Name) || got.Qtype != want.Qtype || got.Qclass != want.Qclass {
		return fmt.Errorf("doh: answer is for %s %s, want %s %s",
			got.Name, dns.TypeToString[got.Qtype], want.Name, dns.TypeToString[want.Qtype])
	}
	return nil
}

// parseAge reads an Age header's delta-seconds (RFC 9111 §5.1, §1.2.2:
// too large a value is the largest one). Anything else is 0.
func parseAge(s string) uint32 {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if errors.Is(err, strconv.ErrRange) {
		return 1<<32 - 1
	}
	return uint32(n)
}

func parseEndpoint(raw string) (*url.URL, error) {
	// RFC 8484 §4.1.1: resolvers publish a URI template (RFC 6570) whose
	// one variable, dns, holds the query; the client adds it itself.
	endpoint := strings.TrimSuffix(strings.TrimSuffix(raw, "{?dns}"), "{&dns}")
	if strings.ContainsAny(endpoint, "{}") {
		return nil, fmt.Errorf("doh: resolver url %q: a URI template whose only variable is {?dns} is understood, not this one", raw)
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("doh: resolver url: %w", err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("doh: resolver url %q: no host", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("doh: resolver url %q: http is only allowed to a loopback host, use https", raw)
		}
	default:
		return nil, fmt.Errorf("doh: resolver url %q: scheme must be https", raw)
	}
	if u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("doh: resolver url %q: no fragment or user info allowed", raw)
	}
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}
