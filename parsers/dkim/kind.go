package dkim

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Kind describes DKIM key records for the registry in parsers: TXT records
// at <selector>._domainkey.<domain>, whose v=DKIM1 is optional. Explain
// checks the owner name itself.
var Kind = explain.Kind{
	Type:        explain.TypeDKIM,
	Label:       "DKIM",
	Title:       "DKIM key",
	Ref:         "RFC 6376",
	Looks:       "a DKIM key record starts with v=DKIM1 (or has k= and p= tags)",
	RRTypes:     []uint16{rrtype.TXT},
	Versions:    []string{"dkim"},
	OwnerLabels: []string{"_domainkey"},
	Selector:    true,
	OwnerRef:    "RFC 6376 §3.6.2.1",
	OwnerMeaning: func(fqdn string) string {
		labels := dnsname.SplitDomainName(fqdn)
		for i, l := range labels {
			if strings.EqualFold(l, "_domainkey") && i > 0 {
				return "Published at " + strings.TrimSuffix(fqdn, ".") + ": the DKIM key of selector " + strconv.Quote(strings.Join(labels[:i], ".")) + " for signatures with d=" + strings.Join(labels[i+1:], ".") + "."
			}
		}
		return ""
	},
	ChecksOwner: true,
	Detect:      detect,
	Explain:     Explain,
}

// detect says a value mentions DKIM when it carries v=DKIM1 somewhere, and
// resembles a key record (whose v= is optional) when it has a k= tag or a
// p= that is empty (a revoked key) or long enough to be a key.
func detect(v string) explain.Likeness {
	if strings.Contains(v, "v=dkim") {
		return explain.Mentions
	}
	tags := explain.LooseTags(v)
	if p := tags["p"]; tags["k"] != "" || len(p) > 20 || p == "=" {
		return explain.Resembles
	}
	return explain.Not
}
