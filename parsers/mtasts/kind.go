package mtasts

import (
	"strings"

	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// The types of the two kinds.
const (
	TypeRecord explain.Type = "mta-sts"        // TXT v=STSv1 at _mta-sts.<domain>, RFC 8461 §3.1
	TypePolicy explain.Type = "mta-sts-policy" // the policy file, RFC 8461 §3.2
)

// RecordKind is the MTA-STS TXT record at _mta-sts.<domain> (RFC 8461
// §3.1). Records at one name are explained together (ExplainSet): senders
// keep those that begin with "v=STSv1;" and use none when that is not
// exactly one, which Kind.Multiple, counting every record of the kind,
// cannot say.
var RecordKind = explain.Kind{
	Type:        TypeRecord,
	Label:       "MTA-STS",
	Title:       "MTA-STS record",
	Ref:         "RFC 8461",
	Looks:       "an MTA-STS record starts with v=STSv1",
	RRTypes:     []uint16{rrtype.TXT},
	Versions:    []string{"sts"},
	OwnerLabels: []string{OwnerLabel},
	OwnerRef:    refRecord,
	OwnerMeaning: func(fqdn string) string {
		if d := recordDomain(fqdn); d != "" {
			return "Where senders look for the MTA-STS record of " + d + " (RFC 8461 §3.1)."
		}
		return ""
	},
	ChecksOwner: true,
	Detect: func(v string) explain.Likeness {
		if strings.Contains(v, "v=stsv1") {
			return explain.Mentions
		}
		return explain.Not
	},
	Explain:    Explain,
	ExplainSet: ExplainSet,
}

// PolicyKind is the MTA-STS policy file served at
// https://mta-sts.<domain>/.well-known/mta-sts.txt (RFC 8461 §3.2): no
// DNS record; an input is one when it reads as key: value lines of a
// policy (a "version: STSv1" line, or the keys mode, mx, max_age).
var PolicyKind = explain.Kind{
	Type:     TypePolicy,
	Label:    "MTA-STS policy",
	Title:    "MTA-STS policy file",
	Ref:      "RFC 8461",
	Looks:    "an MTA-STS policy file has the line version: STSv1",
	Document: isPolicy,
	Explain:  ExplainPolicy,
}
