// Package doh is mxplain's DNS-over-HTTPS client (RFC 8484).
//
// Queries are DNS wire-format messages built with github.com/miekg/dns
// (RFC 1035 §4), sent as HTTP GET with the message in the "dns" query
// parameter, base64url-encoded without padding (RFC 8484 §4.1, §6), and
// answered with a body of media type "application/dns-message" (RFC 8484
// §6). Each query sets the AD bit, so that the resolver reports whether it
// validated the answer with DNSSEC in the AD bit of its answer (RFC 6840
// §5.7, RFC 4035 §3.2.3), and carries an EDNS(0) OPT record (RFC 6891 §6)
// for its UDP size with the DO bit clear (RFC 3225 §3): the client does not
// check signatures itself, so it asks for no RRSIG records. The ID is 0
// (RFC 8484 §4.1, for HTTP cache friendliness).
//
// Results are data: a [Result] is returned for every answer a resolver gives
// with RCODE NOERROR or NXDOMAIN (RFC 1035 §4.1.1), so that a void lookup
// (RFC 7208 §4.6.4: no answer, or NXDOMAIN) is told apart from a failure.
// Failures are returned as an [*Error] whose kind ([ErrRcode], [ErrTimeout],
// [ErrHTTPStatus], [ErrMalformed], [ErrTruncated], [ErrRedirect],
// [ErrTransport], [ErrName], [ErrBudget]) is checked
// with errors.Is, and which says whether retrying might help
// ([Error.Temporary]). For SPF's check_host() every such error is a
// "temperror" (RFC 7208 §4.4, §5), except ErrName and ErrBudget, which the caller
// decides.
//
// Names are compared as DNS compares them ([EqualNames], [CanonicalName]):
// on the wire, ASCII letters case-insensitively (RFC 4343 §3), so a name
// holding "@" or a space (an SPF macro expansion, RFC 7208 §7.3, §7.4)
// matches the answer whatever escapes spell it. TTLs are aged by the HTTP
// Age header (RFC 8484 §5.1), and [Result.Records] come in a stable order.
//
// A [Client] belongs to one report: it caches answers by (name, type), sends
// identical concurrent queries once, counts the queries it sent and refuses
// to send more than its budget. HTTP goes through a [Transport], which
// follows no redirect: net/http natively, over one HTTP/2 connection per
// resolver (h2c to loopback), and JavaScript's fetch in Go wasm builds
// (browsers, Node, Cloudflare Workers), which reads the body as a stream up
// to its cap, so that wasm binaries never link net/http.
package doh
