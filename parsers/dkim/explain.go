package dkim

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Facts are the typed values of a DKIM key record for programs.
type Facts struct {
	// Selector and Domain come from an owner name selector._domainkey.domain;
	// both are empty when the owner is unknown or has no _domainkey label.
	Selector string `json:"selector,omitempty"`
	Domain   string `json:"domain,omitempty"`
	// KeyType is the type of the decoded key ("rsa" or "ed25519"); when p=
	// does not decode, it is k= as written ("rsa" when k= is absent).
	KeyType string `json:"key_type"`
	// KeyBits is the RSA modulus length or 256 for Ed25519; 0 when p= is
	// absent, empty or does not decode to a key.
	KeyBits int `json:"key_bits"`
	// KeyFormat is how p= encodes the key: "spki", "pkcs1" or "raw"; "" without a key.
	KeyFormat string `json:"key_format"`
	Revoked   bool   `json:"revoked"` // p= is empty
	Testing   bool   `json:"testing"` // t= includes y
	// StrictSubdomains is true when t= includes s: i= must not be a subdomain of d=.
	StrictSubdomains bool `json:"strict_subdomains"`
	// HashAlgorithms holds the names in h= as written, in order, unknown names
	// included. When h= is absent every algorithm is allowed (RFC 6376
	// §3.6.1); of the defined ones only sha256 is still usable (RFC 8301 §3.1),
	// so the list is then ["sha256"] and HashAlgorithmsListed is false.
	HashAlgorithms       []string `json:"hash_algorithms"`
	HashAlgorithmsListed bool     `json:"hash_algorithms_listed"`
	// Services holds the names in s= as written; ["*"] when s= is absent.
	Services []string `json:"services"`
	// Flags holds the names in t= as written, unknown flags included; never null.
	Flags []string `json:"flags"`
}

// Explain explains a DKIM key record value (TXT strings already joined).
// ctx.Owner, when given, names the selector and domain in the summary.
// Findings carry the fixes codes.go lists, each kept only when it does
// what a fix must (explain.KeepFixes).
func Explain(value string, ctx explain.Context) explain.Record {
	out := explainValue(value, ctx)
	explain.KeepFixes(&out, value, func(v string) []explain.Finding { return explainValue(v, ctx).Findings })
	return out
}

// explainValue is Explain without explain.KeepFixes.
func explainValue(value string, ctx explain.Context) explain.Record {
	p := parse(value)
	rec := explain.New(explain.TypeDKIM, value)
	rec.RRType = "TXT"
	rec.Owner = ctx.Owner

	facts := p.facts()
	subject := "This DKIM key"
	if ctx.Owner != "" {
		sel, dom, ok := splitOwner(ctx.Owner)
		if ok {
			facts.Selector, facts.Domain = sel, dom
			subject = "The DKIM key for selector " + sel + " at " + dom
		} else {
			subject = "The DKIM key at " + strings.TrimSuffix(ctx.Owner, ".")
			p.add(CodeOwner, p.whole(), explain.Args{"owner": strings.TrimSuffix(ctx.Owner, ".")})
		}
	}
	for _, f := range p.findings {
		rec.Add(f)
	}
	rec.Fields = p.fields()
	rec.Summary = p.summary(subject)
	rec.Facts = facts
	if plan, ok := p.rotatePlan(facts); ok {
		rec.Plans = append(rec.Plans, plan)
	}
	return rec
}

// splitOwner splits selector._domainkey.domain. The selector may have
// several labels (RFC 6376 §3.6.2.1).
func splitOwner(owner string) (selector, domain string, ok bool) {
	labels := strings.Split(strings.TrimSuffix(owner, "."), ".")
	for i := 1; i < len(labels)-1; i++ {
		if strings.EqualFold(labels[i], "_domainkey") {
			return strings.Join(labels[:i], "."), strings.Join(labels[i+1:], "."), true
		}
	}
	return "", "", false
}

func (p *parser) facts() *Facts {
	k := p.key
	f := &Facts{KeyType: string(k.KeyType), KeyBits: k.Bits, KeyFormat: string(k.Format),
		Revoked: k.Revoked, Testing: k.Testing(), StrictSubdomains: k.StrictSubdomains(),
		HashAlgorithms: []string{string(HashSHA256)}, Services: []string{string(ServiceAll)},
		Flags: []string{}}
	if t := k.decodedType(); t != "" {
		f.KeyType = string(t)
	}
	if _, ok := p.get("h"); ok {
		f.HashAlgorithmsListed = true
		f.HashAlgorithms = []string{}
		for _, h := range k.HashAlgorithms {
			f.HashAlgorithms = append(f.HashAlgorithms, string(h))
		}
	}
	if _, ok := p.get("s"); ok {
		f.Services = []string{}
		for _, s := range k.Services {
			f.Services = append(f.Services, string(s))
		}
	}
	for _, fl := range k.Flags {
		f.Flags = append(f.Flags, string(fl))
	}
	return f
}

// fields returns one field per tag, in record order, with children for the
// elements of h=, s= and t=.
func (p *parser) fields() []explain.Field {
	fs := make([]explain.Field, 0, len(p.tags))
	for _, t := range p.tags {
		meaning, ref := p.meaning(t, !t.Dup)
		f := explain.Field{Span: t.Span, Text: p.value[t.Span[0]:t.Span[1]], Name: t.Name,
			Value: t.Value, Meaning: meaning, Ref: ref}
		if !t.Dup && (t.Name == "h" || t.Name == "s" || t.Name == "t") {
			items, _ := splitList(p.value, t)
			for _, it := range items {
				m, r := itemMeaning(t.Name, it.Text)
				f.Children = append(f.Children, explain.Field{Span: it.Span, Text: it.Text,
					Name: itemName[t.Name], Value: it.Text, Meaning: m, Ref: r})
			}
		}
		fs = append(fs, f)
	}
	return fs
}
