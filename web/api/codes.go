package api

// Error codes of the JSON error body {"error":{"code":…,"message":…}}.
// They are stable: programs may test them.
const (
	// CodeNotFound: no endpoint at this path (404).
	CodeNotFound = "not_found"
	// CodeMethod: the endpoint does not take this method (405, with Allow).
	CodeMethod = "method_not_allowed"
	// CodeBadQuery: the query string is not valid percent-encoding (400).
	CodeBadQuery = "bad_query"
	// CodeQueryTooLong: the query string is over MaxQuery bytes (414).
	CodeQueryTooLong = "query_too_long"
	// CodeMissing: a required parameter is absent or empty (400).
	CodeMissing = "missing_parameter"
	// CodeUnknownParam: a parameter the endpoint does not know (400), often
	// a typo.
	CodeUnknownParam = "unknown_parameter"
	// CodeRepeated: a parameter that takes one value was given twice (400).
	CodeRepeated = "repeated_parameter"
	// CodeBadType: type= is not one of the kinds' types (parsers.TypeNames) (400).
	CodeBadType = "bad_type"
	// CodeBadRecord: the record is not text (not UTF-8, or a NUL byte), or
	// is over MaxRecord bytes in a query string (400).
	CodeBadRecord = "bad_record"
	// CodeNoRecord: the text holds no record at all: only blanks or
	// comments (422).
	CodeNoRecord = "no_record"
	// CodeTooLarge: the request body is over MaxBody bytes, or its
	// explanation over Options.MaxOutput (413).
	CodeTooLarge = "too_large"
	// CodeMediaType: a POST body whose Content-Type is not text, form or
	// JSON, whose charset is not UTF-8, or that is compressed
	// (Content-Encoding) (415).
	CodeMediaType = "unsupported_media_type"
	// CodeBadJSON: a JSON body that is not an object {"record": "…",
	// "type": "…"} of strings (400).
	CodeBadJSON = "bad_json"
	// CodeBusy: the server is working on as many requests of this kind as
	// it takes, and as many wait (503, with Retry-After). Not the
	// request's fault: try again.
	CodeBusy = "busy"
	// CodeBadDomain: domain= is not a public domain name: not UTF-8, an IP
	// literal, a single label, a special-use name (localhost, .local,
	// .invalid, .onion, …), an empty label, a label over 63 octets, a name
	// over 253 octets, or characters no host name has (400).
	CodeBadDomain = "bad_domain"
	// CodeBadSelector: a selector= is not a DKIM selector (RFC 6376 §3.1:
	// dot-separated labels) or makes the key's name too long, or a
	// bimi_selector= is not a BIMI selector (host-name labels) (400).
	CodeBadSelector = "bad_selector"
	// CodeTooManySelectors: more than MaxSelectors selectors (400).
	CodeTooManySelectors = "too_many_selectors"
	// CodeBadIP: ip= is not an IPv4 or IPv6 address (400).
	CodeBadIP = "bad_ip"
	// CodeBadSender: sender= is not an address local@domain or a domain
	// (400).
	CodeBadSender = "bad_sender"
	// CodeBadHelo: helo= is not a domain name or an address literal (400).
	CodeBadHelo = "bad_helo"
	// CodeNeedsIP: sender= or helo= without ip=: they only matter to the SPF
	// check of a client address (400).
	CodeNeedsIP = "needs_ip"
	// CodeRefused: the MTA-STS policy host resolves to an address that is
	// not public (loopback, private, link-local, …): not fetched (403,
	// kind "refused").
	CodeRefused = "refused"
	// CodePolicyFetch: the MTA-STS policy host's answer is not a policy
	// (RFC 8461 §3.3): kind says why: "tls", "redirect", "http",
	// "content_type", "too_large", "transport" (502) or "timeout" (504).
	CodePolicyFetch = "policy_fetch_failed"
	// CodeUnavailable: this server does not fetch MTA-STS policies (501,
	// kind "unavailable").
	CodeUnavailable = "unavailable"
	// CodeConfig: the server's resolver is not usable (500): a
	// configuration error, never the request's fault.
	CodeConfig = "bad_configuration"
	// CodeInternal: a bug (500).
	CodeInternal = "internal"
)
