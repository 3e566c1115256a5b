package spf

import (
	"strings"

	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// RecordKind describes SPF records for the registry in parsers: TXT records
// at the domain itself starting with v=spf1 (or published with the obsolete
// SPF RR type, 99), of which a name may have one. (It is not called Kind,
// as in the other record packages: Kind here names what a term is.)
var RecordKind = explain.Kind{
	Type:          explain.TypeSPF,
	Label:         "SPF",
	Title:         "SPF policy",
	Ref:           "RFC 7208",
	Looks:         "an SPF record starts with v=spf1",
	RRTypes:       []uint16{rrtype.TXT, rrtype.SPF},
	RRTypeImplies: []uint16{rrtype.SPF},
	// "spf2…" is Sender ID (RFC 4406), which parsers tells apart first.
	Versions: []string{"spf"},
	AtDomain: true,
	OwnerRef: "RFC 7208 §4.4",
	OwnerMeaning: func(fqdn string) string {
		owner := strings.TrimSuffix(fqdn, ".")
		return "Published at " + owner + ": the SPF policy for mail whose envelope sender (MAIL FROM) or HELO name is " + owner + "."
	},
	Detect:         detect,
	BlankSeparated: true,
	Explain:        Explain,
	Multiple:       func(span explain.Span, _ int) explain.Finding { return MultipleFinding(span) },
	Merge:          Merge,
}

// detect says a value mentions SPF when it carries v=spf1 somewhere or
// starts with spf1 and a blank (the v= lost).
func detect(v string) explain.Likeness {
	if strings.Contains(v, "v=spf1") || strings.HasPrefix(v, "spf1 ") || strings.HasPrefix(v, "v=spf") {
		return explain.Mentions
	}
	return explain.Not
}
