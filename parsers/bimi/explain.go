package bimi

import (
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Type is the record's type in the JSON.
const Type explain.Type = "bimi"

// Facts are the typed values of a BIMI record for programs.
type Facts struct {
	Version string `json:"version"` // v as written, "" when the record does not start with v=
	// Logo is l= (the logo's URL) as written, Authority a= (the mark
	// certificate's URL); "" when empty or absent.
	Logo      string `json:"logo"`
	Authority string `json:"authority"`
	// Declined is true when l= and a= are both empty: the domain declines
	// BIMI for the selector (draft-10 §4.3.1).
	Declined bool `json:"declined"`
	// LogoUsable is true when it is a BIMI record whose l= is an https:
	// URL receivers can fetch (whether they show the logo also depends
	// on DMARC and on the file, which mxplain does not fetch).
	LogoUsable bool `json:"logo_usable"`
	// LocalPart is lps= as written, null when absent; Prefixes are its
	// local-part prefixes as draft -12 reads them, never null.
	LocalPart *string  `json:"lps"`
	Prefixes  []string `json:"lps_prefixes"`
	// Avatar is the avatar preference that applies: "brand" or "personal".
	Avatar string `json:"avp"`
	// Selector and Domain come from an owner <selector>._bimi.<domain>;
	// empty when the owner is unknown or elsewhere.
	Selector string `json:"selector,omitempty"`
	Domain   string `json:"domain,omitempty"`
}

// Explain explains a BIMI record value. ctx.Owner, when given
// ("default._bimi.example.com."), names the selector and the domain and
// is checked: receivers look only at <selector>._bimi.<domain>. Findings
// carry the fixes codes.go lists, each kept only when it does what a fix
// must (explain.KeepFixes).
func Explain(value string, ctx explain.Context) explain.Record {
	out := explainValue(value, ctx)
	explain.KeepFixes(&out, value, func(v string) []explain.Finding { return explainValue(v, ctx).Findings })
	return out
}

// explainValue is Explain without explain.KeepFixes.
func explainValue(value string, ctx explain.Context) explain.Record {
	rec := explain.New(Type, value)
	rec.RRType = "TXT"
	rec.Owner = ctx.Owner
	r, fs := Parse(value)
	for _, f := range fs {
		rec.Add(f)
	}
	whole := explain.Span{0, len(value)}
	selector, domain, ok := SplitOwner(ctx.Owner)
	switch {
	case ctx.Owner != "" && !ok:
		rec.Add(finding(CodeOwnerMismatch, whole, explain.Args{"owner": ctx.Owner}))
	case ok && !selectorOK(selector):
		rec.Add(finding(CodeSelectorInvalid, whole, explain.Args{"selector": selector}))
	}
	for i := range r.Tags {
		t := &r.Tags[i]
		m, ref := meaning(r, t, i)
		rec.Fields = append(rec.Fields, explain.Field{Span: t.Span, Text: value[t.Span[0]:t.Span[1]], Name: t.Name,
			Value: t.Value, Meaning: m, Ref: ref})
	}
	rec.Summary = summary(r, domain, selector)
	f := &Facts{Version: r.Version, Logo: r.Location, Authority: r.Evidence, Declined: r.Declined,
		LogoUsable: r.ShowsLogo(), Prefixes: []string{}, Avatar: string(r.Avatar), Selector: selector, Domain: domain}
	if r.HasLPS {
		f.LocalPart = &r.LPS
		f.Prefixes = append(f.Prefixes, r.Prefixes...)
	}
	rec.Facts = f
	return rec
}

// SplitOwner splits <selector>._bimi.<domain> ("default._bimi.example.com.")
// into its selector ("default"; several labels are allowed, draft-10 §4.4)
// and domain ("example.com"). ok is false when owner is not such a name.
func SplitOwner(owner string) (selector, domain string, ok bool) {
	labels := dnsname.SplitDomainName(owner)
	for i := 1; i < len(labels)-1; i++ {
		if strings.EqualFold(labels[i], "_bimi") {
			return strings.Join(labels[:i], "."), strings.Join(labels[i+1:], "."), true
		}
	}
	return "", "", false
}

// selectorOK reports whether s is a selector: sub-domain *("." sub-domain),
// each label letters, digits and inner hyphens (draft-10 §4.4, RFC 5321
// §4.1.2).
func selectorOK(s string) bool {
	for l := range strings.SplitSeq(s, ".") {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
