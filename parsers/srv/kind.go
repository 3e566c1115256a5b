package srv

import (
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Kind describes SRV records for the registry in parsers: the SRV RR type
// alone makes a record SRV data, and the records at one name are
// explained together, in the order clients try them.
//
// The owner is "_<service>._tcp.<domain>": OwnerLabels is "_tcp" with the
// service label as the "selector" before it, so that parsers.Domain gives
// the domain (and the service as the selector). Explain checks the owner
// itself (ChecksOwner): the service, a "_udp" for a mail service, labels
// without "_", none of which the generic owner check knows.
var Kind = explain.Kind{
	Type:          explain.TypeSRV,
	Label:         "SRV",
	Title:         "Mail client services (SRV)",
	Ref:           "RFC 6186",
	Looks:         "SRV data is a priority, a weight, a port and a host name (0 1 993 imap.example.com.)",
	RRTypes:       []uint16{rrtype.SRV},
	RRTypeImplies: []uint16{rrtype.SRV},
	RRTypeMeaning: "Service location (RFC 2782): the host and port offering the service that the owner name's first two labels name, with a priority and a weight.",
	OwnerLabels:   []string{"_" + ProtoTCP},
	Selector:      true,
	OwnerRef:      "RFC 6186 §3",
	OwnerMeaning:  OwnerMeaning,
	ChecksOwner:   true,
	Detect:        detect,
	Explain:       Explain,
	ExplainSet:    ExplainSet,
}

// detect says a bare value resembles SRV data when it has its shape: three
// numbers and a name with a dot ("0 1 993 imap.example.com.", "0 0 0 .").
// An MX value has two words; a TLSA value's last word is hex, never dotted.
func detect(v string) explain.Likeness {
	w := strings.Fields(v)
	if len(w) == 4 && ascii.IsDigits(w[0]) && ascii.IsDigits(w[1]) && ascii.IsDigits(w[2]) && strings.Contains(w[3], ".") {
		return explain.Resembles
	}
	return explain.Not
}
