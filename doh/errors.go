package doh

import (
	"errors"
	"fmt"

	"github.com/miekg/dns"
)

// Error kinds, checked with errors.Is on an [*Error].
var (
	// ErrRcode: the resolver answered with an RCODE other than NOERROR and
	// NXDOMAIN, e.g. SERVFAIL (RFC 1035 §4.1.1). See Error.Rcode.
	ErrRcode = errors.New("doh: error rcode")
	// ErrTimeout: the context's deadline passed before an answer came.
	// errors.Is(err, context.DeadlineExceeded) also holds.
	ErrTimeout = errors.New("doh: timeout")
	// ErrHTTPStatus: the HTTP status was not 200 (RFC 8484 §4.2.1). See
	// Error.Status.
	ErrHTTPStatus = errors.New("doh: http status")
	// ErrMalformed: the response was not a DNS message answering the query:
	// wrong content type, body too large, unpackable, ID or question not
	// matching, or NXDOMAIN with records of the type asked.
	ErrMalformed = errors.New("doh: malformed response")
	// ErrTruncated: the answer has the TC bit set (RFC 1035 §4.1.1): it
	// is not the whole answer, and DoH has no larger transport to retry
	// over (RFC 8484 §5.1 leaves no use for TC).
	ErrTruncated = errors.New("doh: truncated answer")
	// ErrRedirect: the resolver answered with an HTTP redirect (3xx), which
	// is never followed: RFC 8484 has no use for redirects, and following
	// one would send queries to another host, maybe in clear text. See
	// Error.Status (0 when a browser hides it).
	ErrRedirect = errors.New("doh: redirect refused")
	// ErrTransport: the request could not be made or was cancelled
	// (connection refused, TLS failure, context cancelled, ...).
	ErrTransport = errors.New("doh: transport failure")
	// ErrName: the name is not a valid domain name (RFC 1035 §2.3.4:
	// labels of 1 to 63 octets, 255 octets in all); nothing was sent.
	ErrName = errors.New("doh: invalid domain name")
	// ErrBudget: the client already sent its maximum number of queries; the
	// query was not sent.
	ErrBudget = errors.New("doh: query budget exhausted")
)

// Error is a failed query. Kind is one of the Err* values above.
type Error struct {
	Kind   error  // ErrRcode, ErrTimeout, ErrHTTPStatus, ErrMalformed, ErrTruncated, ErrRedirect, ErrTransport, ErrName or ErrBudget
	Name   string // question name
	Type   uint16 // question type
	Rcode  int    // with ErrRcode: the RCODE received
	Status int    // with ErrHTTPStatus and ErrRedirect: the HTTP status received
	Err    error  // underlying error, if any
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%v: %s %s", e.Kind, e.Name, dns.TypeToString[e.Type])
	switch {
	case errors.Is(e.Kind, ErrRcode):
		s += ": " + RcodeString(e.Rcode)
	case errors.Is(e.Kind, ErrHTTPStatus), errors.Is(e.Kind, ErrRedirect) && e.Status != 0:
		s += fmt.Sprintf(": %d", e.Status)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the kind and the underlying error, so that errors.Is works
// with both (e.g. ErrTimeout and context.DeadlineExceeded).
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// Temporary reports whether asking again later might give an answer:
// SERVFAIL, timeouts, transport failures, HTTP 5xx and 429, malformed and
// truncated responses are temporary; other RCODEs (FORMERR, REFUSED, ...),
// other HTTP statuses, redirects, ErrName and ErrBudget are not.
func (e *Error) Temporary() bool {
	switch {
	case errors.Is(e.Kind, ErrRcode):
		return e.Rcode == dns.RcodeServerFailure
	case errors.Is(e.Kind, ErrHTTPStatus):
		return e.Status >= 500 || e.Status == 429
	case errors.Is(e.Kind, ErrBudget), errors.Is(e.Kind, ErrName), errors.Is(e.Kind, ErrRedirect):
		return false
	}
	return true
}

// IsTemporary reports whether err is an [*Error] that is Temporary.
func IsTemporary(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Temporary()
}

// RcodeString names a message's RCODE (RFC 1035 §4.1.1, RFC 6895 §2.3):
// 16 is BADVERS (RFC 6891 §9), not BADSIG, its name in TSIG records only,
// which miekg/dns gives; an unknown code is "RCODE" and its number.
func RcodeString(rcode int) string {
	if rcode == dns.RcodeBadVers {
		return "BADVERS"
	}
	if s, ok := dns.RcodeToString[rcode]; ok {
		return s
	}
	return fmt.Sprintf("RCODE%d", rcode)
}
