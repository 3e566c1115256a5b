package tlsrpt

import (
	"strings"

	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Kind describes the TLS-RPT record for the registry in parsers.
var Kind = explain.Kind{
	Type:        Type,
	Label:       "TLS-RPT",
	Title:       "SMTP TLS reporting policy",
	Ref:         "RFC 8460",
	Looks:       "a TLS-RPT record starts with v=TLSRPTv1",
	RRTypes:     []uint16{rrtype.TXT},
	Versions:    []string{"tlsrpt"},
	OwnerLabels: []string{"_smtp", "_tls"},
	OwnerRef:    refRecord,
	OwnerMeaning: func(fqdn string) string {
		domain, ok := ownerDomain(fqdn)
		if !ok || domain == "" {
			return ""
		}
		return "The name senders look up for the TLS reporting policy of " + strings.TrimSuffix(domain, ".") + ": _smtp._tls. before the domain that receives the mail."
	},
	ChecksOwner: true,
	Detect: func(v string) explain.Likeness {
		if strings.Contains(v, "v=tlsrpt") {
			return explain.Mentions
		}
		return explain.Not
	},
	Explain:  Explain,
	Multiple: MultipleFinding,
	Counted:  func(v string) bool { r, _ := Parse(v); return r.IsTLSRPT },
}
