package inspect

import "encoding/json"

// errorKinds says what each kind of DNSError (DNSError.Kind) is, for
// people: the JSON's "kind_label", and the CLI's words. It is the one list
// of these labels: front ends show kind_label and list none.
var errorKinds = map[string]string{
	// Queries (dnsError).
	"rcode":     "error answer from the DNS", // SERVFAIL, REFUSED, …
	"timeout":   "timed out",
	"http":      "HTTP error",
	"malformed": "not a DNS answer",
	"truncated": "truncated answer",
	"redirect":  "redirect refused",
	"transport": "not reachable",
	"name":      "invalid name",
	"budget":    "over the query budget",
	"cname":     "CNAME chain cut",
	// Cuts and the report itself.
	"limit":    "cut at a limit",
	"internal": "internal error",
	// Fetches of an MTA-STS policy (PolicyFetcher errors' Kind).
	"tls":          "certificate not valid",
	"content_type": "not text/plain",
	"too_large":    "too large",
	"refused":      "refused: not a public name",
	"unavailable":  "not fetched here",
}

// KindLabel is the error's kind for people ("timed out", "error answer
// from the DNS"); the kind itself for a kind without a label.
func (e DNSError) KindLabel() string {
	if l, ok := errorKinds[e.Kind]; ok {
		return l
	}
	return e.Kind
}

// MarshalJSON gives the error's fields and its "kind_label".
func (e DNSError) MarshalJSON() ([]byte, error) {
	type plain DNSError // the fields, without this method
	return json.Marshal(struct {
		plain
		KindLabel string `json:"kind_label"`
	}{plain(e), e.KindLabel()})
}
