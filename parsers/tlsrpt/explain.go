package tlsrpt

import (
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Type is the record's type in the JSON.
const Type explain.Type = "tls-rpt"

// Facts are the typed values of a TLS-RPT record for programs.
type Facts struct {
	Version string   `json:"version"` // v as written, "" when the record does not start with v=
	RUA     []string `json:"rua"`     // every rua URI as written, never null
	Mailto  []string `json:"mailto"`  // the addresses of the usable mailto: URIs, never null
	HTTPS   []string `json:"https"`   // the usable https: URIs, never null
	// Usable is true when senders keep the record and can deliver reports
	// to at least one of its URIs.
	Usable bool `json:"usable"`
	// Domain is the policy domain, from an owner _smtp._tls.<domain>; ""
	// when the owner is unknown or elsewhere.
	Domain string `json:"domain,omitempty"`
}

// Explain explains a TLS-RPT record value. ctx.Owner, when given
// ("_smtp._tls.example.com."), names the domain in the summary and is
// checked: senders look only at _smtp._tls.<domain>. Findings carry the
// fixes codes.go lists, each kept only when it does what a fix must
// (explain.KeepFixes).
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
	domain, ok := ownerDomain(ctx.Owner)
	if !ok {
		rec.Add(finding(CodeOwnerMismatch, explain.Span{0, len(value)}, explain.Args{"owner": ctx.Owner}))
	}
	name := domain
	if name == "" {
		name = "the domain"
	}
	for i := range r.Fields {
		f := &r.Fields[i]
		fd := explain.Field{Span: f.Span, Text: value[f.Span[0]:f.Span[1]], Name: f.Name, Value: f.Value,
			Meaning: meaning(r, f, i, name), Ref: refRecord}
		for _, u := range f.URIs {
			m, ref := uriMeaning(u)
			fd.Children = append(fd.Children, explain.Field{Span: u.Span, Text: u.Text, Name: "uri", Value: u.Text,
				Meaning: m, Ref: ref})
		}
		rec.Fields = append(rec.Fields, fd)
	}
	rec.Summary = summary(r, name)
	rec.Facts = facts(r, domain)
	return rec
}

func facts(r *Record, domain string) *Facts {
	f := &Facts{Version: r.Version, RUA: []string{}, Mailto: []string{}, HTTPS: []string{}, Usable: r.Usable, Domain: domain}
	for _, u := range r.RUA {
		f.RUA = append(f.RUA, u.Text)
	}
	if r.IsTLSRPT {
		for _, u := range r.Valid() {
			if u.Scheme == SchemeMailto {
				f.Mailto = append(f.Mailto, u.Addresses...)
			} else {
				f.HTTPS = append(f.HTTPS, u.Text)
			}
		}
	}
	return f
}

// ownerDomain returns the policy domain of an owner _smtp._tls.<domain>.
// ok is false for an owner elsewhere; an empty owner is ok, with no domain.
func ownerDomain(owner string) (domain string, ok bool) {
	if owner == "" {
		return "", true
	}
	labels := dnsname.SplitDomainName(owner)
	if len(labels) < 3 || !strings.EqualFold(labels[0], "_smtp") || !strings.EqualFold(labels[1], "_tls") {
		return "", false
	}
	return strings.Join(labels[2:], "."), true
}
