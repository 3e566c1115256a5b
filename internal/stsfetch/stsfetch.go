// Package stsfetch fetches an MTA-STS policy file as RFC 8461 §3.3 says a
// sending MTA does: `GET https://mta-sts.<domain>/.well-known/mta-sts.txt`
// over HTTPS only, with a certificate valid for mta-sts.<domain>, no
// redirect followed, a 200 answer of type text/plain, at most [MaxSize]
// bytes within [DefaultTimeout].
//
// mxplain fetches on behalf of whoever asks its API, so the fetch is also
// kept from reaching anything but a public web server: the domain must be a
// public domain name ([Host]), and every address connected to must be a
// public unicast one ([CheckAddr]), checked when the connection is made, on
// the address actually dialled, so that a name resolving to a private
// address the second time (DNS rebinding) is refused too. Nothing here takes
// a URL: the one URL is built from the domain.
//
// The native fetcher is [Fetcher] (`mxplain serve`, the CLI). The rules it
// applies — [Host], [CheckAddr], [CheckResolved], [Read] — are the ones the
// Worker's fetcher applies around the Workers runtime's fetch.
//
// Every error is an [*Error] whose Kind ("tls", "redirect", "content_type",
// "too_large", "timeout", "http", "refused", "transport") says what failed.
package stsfetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/mxplain/mxplain/internal/psl"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/parsers/mtasts"
)

// Limits of a fetch.
const (
	// MaxSize bounds the policy body, in bytes: RFC 8461 §3.3 suggests
	// 64 kilobytes.
	MaxSize = 64 << 10
	// DefaultTimeout bounds a whole fetch (connection, TLS, answer, body).
	// RFC 8461 §3.3 suggests a minute for an MTA; a person waiting on a
	// report gets 10 s.
	DefaultTimeout = 10 * time.Second
	// Path is the policy's path on the policy host (RFC 8461 §3.2).
	Path = mtasts.WellKnownPath
	// HostPrefix is the label before the policy domain that names the
	// policy host, and its dot (RFC 8461 §3.2).
	HostPrefix = mtasts.PolicyHostLabel + "."
)

// Kinds of errors (Error.Kind), as inspect reports them.
const (
	KindTLS         = "tls"          // the TLS handshake failed or the certificate is not valid for the policy host (RFC 8461 §3.3)
	KindRedirect    = "redirect"     // a 3xx answer: redirects are not followed (RFC 8461 §3.3)
	KindContentType = "content_type" // the answer is not text/plain (RFC 8461 §3.2)
	KindTooLarge    = "too_large"    // the body is over MaxSize (RFC 8461 §3.3)
	KindTimeout     = "timeout"      // the fetch took longer than its time cap (RFC 8461 §3.3)
	KindHTTP        = "http"         // an HTTP status other than 200 (RFC 8461 §3.3)
	KindRefused     = "refused"      // not fetched: the domain is not a public domain name, or the host resolves to an address that is not public
	KindTransport   = "transport"    // no connection or no answer: no such host, connection refused or reset
)

// Error is a failed fetch. Kind is one of the Kind constants.
type Error struct {
	kind string
	msg  string
	err  error
}

func (e *Error) Error() string {
	if e.err != nil {
		return "stsfetch: " + e.msg + ": " + e.err.Error()
	}
	return "stsfetch: " + e.msg
}

// Kind says what failed: one of the Kind constants.
func (e *Error) Kind() string { return e.kind }

func (e *Error) Unwrap() error { return e.err }

func newError(kind string, err error, format string, args ...any) *Error {
	return &Error{kind: kind, msg: fmt.Sprintf(format, args...), err: err}
}

// reserved are top-level names no public web server is under: RFC 6761
// (test, localhost, invalid, example), RFC 6762 §3 (local), RFC 7686
// (onion), RFC 9476 (alt), ICANN's private-use "internal", and "arpa"
// (reverse mapping, home.arpa of RFC 8375). None is on the public suffix
// list's ICANN section except arpa; they are named so that the error says
// why.
var reserved = []string{"localhost", "test", "invalid", "example", "local", "onion", "alt", "internal", "arpa"}

// Host returns the policy host "mta-sts.<domain>" of domain (A-labels,
// lower case, no final dot), or an Error of kind "refused" when domain is
// not a public domain name: an IP literal, a single label, a name under a
// reserved top-level name (localhost, .local, .internal, .test, …), a top
// level name the public suffix list does not know, a public suffix itself
// (co.uk), or not a host name (letters, digits and hyphens, RFC 1123
// §2.1). allowReserved (tests only) lets names under reserved and unlisted
// top-level names through.
func Host(domain string, allowReserved bool) (string, error) {
	name, err := inspect.Normalize(strings.TrimSpace(domain))
	if err != nil {
		return "", newError(KindRefused, nil, "%q is not a domain name: %s", cut(domain), strings.TrimPrefix(err.Error(), "inspect: "))
	}
	for _, label := range strings.Split(name, ".") {
		if strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") || strings.Contains(label, "_") {
			return "", newError(KindRefused, nil, "%q is not a host name: label %q (letters, digits and inner hyphens only, RFC 1123 §2.1)", name, label)
		}
	}
	tld := name[strings.LastIndexByte(name, '.')+1:]
	switch {
	case !strings.Contains(name, "."):
		return "", newError(KindRefused, nil, "%q is a single label, not a public domain name", name)
	case len(HostPrefix)+len(name) > 253:
		return "", newError(KindRefused, nil, "%s%s is over 253 octets", HostPrefix, name)
	case allowReserved:
	case slices.Contains(reserved, tld):
		return "", newError(KindRefused, nil, "%q is under .%s, a special-use name no public web server has", name, tld)
	default:
		if _, icann := psl.PublicSuffix(tld); !icann {
			return "", newError(KindRefused, nil, "%q is under .%s, which is not a top-level domain of the public suffix list", name, tld)
		}
		if ps, _ := psl.PublicSuffix(name); ps == name {
			return "", newError(KindRefused, nil, "%q is a public suffix, under which others register names, not a mail domain", name)
		}
	}
	return HostPrefix + name, nil
}

// URL is the one URL fetched for the policy host host (RFC 8461 §3.2).
func URL(host string) string { return "https://" + host + Path }

// notPublic are the IPv4 and IPv6 ranges no public web server is at, beyond
// what netip's predicates name (loopback, private, link-local,
// multicast, unspecified).
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network", RFC 791
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (CGNAT), RFC 6598
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments, RFC 6890
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation TEST-NET-1, RFC 5737
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking, RFC 2544
	netip.MustParsePrefix("198.51.100.0/24"), // documentation TEST-NET-2, RFC 5737
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation TEST-NET-3, RFC 5737
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address, RFC 1112
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64, RFC 8215
	netip.MustParsePrefix("100::/64"),        // discard-only, RFC 6666
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments (Teredo, ORCHID, …), RFC 2928
	netip.MustParsePrefix("2001:db8::/32"),   // documentation, RFC 3849
	netip.MustParsePrefix("3fff::/20"),       // documentation, RFC 9637
	netip.MustParsePrefix("5f00::/16"),       // segment routing SIDs, RFC 9602
}

// embeddedIPv4 are IPv6 prefixes that carry an IPv4 address the packet
// reaches (NAT64, RFC 6052; 6to4, RFC 3056), with where it sits.
var embeddedIPv4 = []struct {
	prefix netip.Prefix
	at     int // byte offset of the IPv4 address
}{
	{netip.MustParsePrefix("64:ff9b::/96"), 12},
	{netip.MustParsePrefix("2002::/16"), 2},
}

// CheckAddr returns an Error of kind "refused" when a is not an address a
// public web server may have: loopback (unless allowLoopback, for tests),
// private (RFC 1918, unique-local RFC 4193), link-local, CGNAT, multicast,
// unspecified, documentation, benchmarking or reserved, or an IPv6 address
// carrying (NAT64, 6to4) or mapping such an IPv4 address.
func CheckAddr(a netip.Addr, allowLoopback bool) error {
	if why := notPublicAddr(a, allowLoopback); why != "" {
		return newError(KindRefused, nil, "address %s is %s", a, why)
	}
	return nil
}

// notPublicAddr says why a is not a public address, "" when it is one.
func notPublicAddr(a netip.Addr, allowLoopback bool) string {
	a = a.Unmap()
	for _, e := range embeddedIPv4 {
		if e.prefix.Contains(a) {
			b := a.As16()
			v4 := netip.AddrFrom4([4]byte(b[e.at : e.at+4]))
			if notPublicAddr(v4, false) != "" {
				return "an IPv6 address carrying " + v4.String() + ", which is not a public address"
			}
			return ""
		}
	}
	switch {
	case !a.IsValid():
		return "no address"
	case a.IsLoopback():
		if allowLoopback {
			return ""
		}
		return "a loopback address"
	case a.IsUnspecified():
		return "the unspecified address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "a link-local address"
	case a.IsMulticast():
		return "a multicast address"
	case a.Zone() != "":
		return "a scoped address"
	}
	for _, p := range notPublic {
		if p.Contains(a) {
			return "in " + p.String() + ", not a public address"
		}
	}
	if !a.IsGlobalUnicast() {
		return "not a global unicast address"
	}
	return ""
}

// Read checks the answer to the GET of url as RFC 8461 §3.3 says, and reads
// the policy: status 200 (a 3xx is an error of kind "redirect", any other
// "http"), Content-Type text/plain (parameters such as charset allowed),
// at most MaxSize bytes of body (it reads at most MaxSize+1). It closes
// the body. A read failing because ctx ended is a "timeout".
func Read(ctx context.Context, url string, resp *http.Response) (*PolicyFile, error) {
	defer resp.Body.Close()
	switch s := resp.StatusCode; {
	case s/100 == 3:
		to := resp.Header.Get("Location")
		if to == "" {
			return nil, newError(KindRedirect, nil, "%s: HTTP %d, a redirect: RFC 8461 §3.3 forbids following it", url, s)
		}
		return nil, newError(KindRedirect, nil, "%s: HTTP %d, a redirect to %q: RFC 8461 §3.3 forbids following it", url, s, cut(to))
	case s != http.StatusOK:
		return nil, newError(KindHTTP, nil, "%s: HTTP %d %s: a policy is valid only in a 200 answer (RFC 8461 §3.3)", url, s, http.StatusText(s))
	}
	ctype := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ctype); err != nil || mt != "text/plain" {
		if ctype == "" {
			return nil, newError(KindContentType, nil, "%s: the answer has no Content-Type; a policy is served as text/plain (RFC 8461 §3.2)", url)
		}
		return nil, newError(KindContentType, nil, "%s: Content-Type %q; a policy is served as text/plain (RFC 8461 §3.2)", url, cut(ctype))
	}
	if resp.ContentLength > MaxSize {
		return nil, newError(KindTooLarge, nil, "%s: the body is %d bytes, over the %d a policy may have (RFC 8461 §3.3)", url, resp.ContentLength, MaxSize)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxSize+1))
	if err != nil {
		return nil, Classify(ctx, url, err)
	}
	if len(body) > MaxSize {
		return nil, newError(KindTooLarge, nil, "%s: the body is over the %d bytes a policy may have (RFC 8461 §3.3)", url, MaxSize)
	}
	return &PolicyFile{URL: url, ContentType: ctype, Body: string(body)}, nil
}

// timeoutError is an error that knows it is a timeout (net.Error).
type timeoutError interface{ Timeout() bool }

// Classify turns a failure to get an answer from url into an Error: the
// Error err holds, if any (an address refused at dial time, a TLS
// handshake), with the URL; else one of kind "timeout" when ctx ended or
// err is a timeout; else one of kind "transport".
func Classify(ctx context.Context, url string, err error) error {
	var e *Error
	var t timeoutError
	switch {
	case errors.As(err, &e):
		return &Error{kind: e.kind, msg: url + ": " + e.msg, err: e.err}
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &t) && t.Timeout():
		return newError(KindTimeout, err, "%s: no complete answer in time", url)
	}
	return newError(KindTransport, err, "%s", url)
}

// cut bounds text from the network or the request for a message.
func cut(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}
