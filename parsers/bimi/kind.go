package bimi

import (
	"strings"

	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Kind describes the BIMI assertion record for the registry in parsers.
var Kind = explain.Kind{
	Type:        Type,
	Label:       "BIMI",
	Title:       "BIMI assertion record",
	Ref:         draft,
	Looks:       "a BIMI record starts with v=BIMI1",
	RRTypes:     []uint16{rrtype.TXT},
	Versions:    []string{"bimi"},
	OwnerLabels: []string{"_bimi"},
	Selector:    true,
	OwnerRef:    refRecord,
	OwnerMeaning: func(fqdn string) string {
		selector, domain, ok := SplitOwner(fqdn)
		if !ok {
			return ""
		}
		return "The name receivers look up the BIMI record of " + domain + " at, for selector " + selector + ": " +
			"“default” unless a message's BIMI-Selector header names another."
	},
	ChecksOwner: true,
	Detect: func(v string) explain.Likeness {
		switch {
		case strings.Contains(v, "v=bimi"):
			return explain.Mentions
		case strings.Contains(v, "l=https://") && strings.Contains(v, ".svg"):
			return explain.Resembles
		}
		return explain.Not
	},
	Explain:  Explain,
	Multiple: MultipleFinding,
	Counted:  func(v string) bool { r, _ := Parse(v); return r.IsBIMI },
}
