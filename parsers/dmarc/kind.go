package dmarc

import (
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Kind describes DMARC records for the registry in parsers: TXT records at
// _dmarc.<domain> starting with v=DMARC1, of which a name may have one.
var Kind = explain.Kind{
	Type:        explain.TypeDMARC,
	Label:       "DMARC",
	Title:       "DMARC policy",
	Ref:         "RFC 9989",
	Looks:       "a DMARC record starts with v=DMARC1",
	RRTypes:     []uint16{rrtype.TXT},
	Versions:    []string{"dmarc"},
	OwnerLabels: []string{"_dmarc"},
	OwnerRef:    "RFC 9989 §4.1",
	OwnerMeaning: func(fqdn string) string {
		labels := dnsname.SplitDomainName(fqdn)
		if len(labels) < 2 || !strings.EqualFold(labels[0], "_dmarc") {
			return ""
		}
		return "Published at " + strings.TrimSuffix(fqdn, ".") + ", where receivers look for the DMARC policy of " + strings.Join(labels[1:], ".") + "."
	},
	Detect:   detect,
	Explain:  Explain,
	Multiple: MultipleFinding,
}

// detect says a value mentions DMARC when it carries v=DMARC1 somewhere,
// and resembles it when its p= is a DMARC policy (the v=DMARC1 lost).
func detect(v string) explain.Likeness {
	if strings.Contains(v, "v=dmarc") {
		return explain.Mentions
	}
	switch explain.LooseTags(v)["p"] {
	case "none", "quarantine", "reject":
		return explain.Resembles
	}
	return explain.Not
}
