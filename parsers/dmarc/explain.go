package dmarc

import (
	"strings"

	"github.com/mxplain/mxplain/internal/psl"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Facts are the typed values of a DMARC record for programs.
type Facts struct {
	Policy            *string  `json:"policy"`             // p as published (lower-cased when valid), null when absent
	SubdomainPolicy   *string  `json:"subdomain_policy"`   // sp, likewise
	NonexistentPolicy *string  `json:"nonexistent_policy"` // np, likewise
	ADKIM             string   `json:"adkim"`              // effective: "r" when absent or invalid
	ASPF              string   `json:"aspf"`               // effective: "r" when absent or invalid
	RUA               []string `json:"rua"`                // every rua URI as written, never null
	RUF               []string `json:"ruf"`                // every ruf URI as written, never null
	RUAUsable         []string `json:"rua_usable"`         // the rua URIs receivers can send reports to (valid ones, in a DMARC record), never null
	RUFUsable         []string `json:"ruf_usable"`         // the ruf URIs likewise, never null
	Testing           bool     `json:"testing"`            // t=y
	PSD               string   `json:"psd"`                // "y", "n" or "u" ("u" when absent or invalid)
	FailureOptions    []string `json:"fo"`                 // effective fo options ("0" when absent), never null

	// What RFC 9989 receivers apply, or null when they apply no DMARC
	// processing (not a DMARC record, or no valid policy and no valid rua).
	EffectivePolicy            *string `json:"effective_policy"`
	EffectiveSubdomainPolicy   *string `json:"effective_subdomain_policy"`
	EffectiveNonexistentPolicy *string `json:"effective_nonexistent_policy"`

	RemovedTags []string `json:"removed_tags"` // pct, rf, ri present (removed by RFC 9989), never null
	Percent     *int     `json:"pct"`          // pct as RFC 7489 receivers read it, null when absent or invalid
}

// Explain explains a DMARC record value. ctx.Owner, when given
// ("_dmarc.example.com."), names the domain in the summary and allows the
// external report destination check. Findings carry the fixes codes.go
// lists, each kept only when it does what a fix must (explain.KeepFixes).
func Explain(value string, ctx explain.Context) explain.Record {
	out := explainValue(value, ctx)
	explain.KeepFixes(&out, value, func(v string) []explain.Finding { return explainValue(v, ctx).Findings })
	return out
}

// explainValue is Explain without explain.KeepFixes.
func explainValue(value string, ctx explain.Context) explain.Record {
	rec := explain.New(explain.TypeDMARC, value)
	rec.RRType = "TXT"
	rec.Owner = ctx.Owner
	r, fs := Parse(value)
	for _, f := range fs {
		rec.Add(f)
	}
	domain := ownerDomain(ctx.Owner)
	dom := domain
	if dom == "" {
		dom = "this domain"
	}
	for i := range r.Tags {
		rec.Fields = append(rec.Fields, field(value, &r.Tags[i], dom))
	}
	if r.IsDMARC && domain != "" {
		for _, f := range external(r, domain) {
			rec.Add(f)
		}
	}
	rec.Summary = summary(r, dom)
	rec.Facts = facts(r)
	if plan, ok := enforcePlan(r); ok {
		rec.Plans = append(rec.Plans, plan)
	}
	return rec
}

// ownerDomain turns "_dmarc.example.com." into "example.com".
func ownerDomain(owner string) string {
	d := strings.ToLower(strings.TrimSuffix(owner, "."))
	if d == "_dmarc" {
		return ""
	}
	return strings.TrimPrefix(d, "_dmarc.")
}

// orgDomain approximates the organizational domain with the public suffix
// list, as RFC 7489 did; RFC 9989 receivers use the DNS Tree Walk (§4.10),
// which needs DNS.
func orgDomain(d string) string {
	d = strings.ToLower(strings.TrimSuffix(d, "."))
	if o, err := psl.EffectiveTLDPlusOne(d); err == nil {
		return o
	}
	return d
}

// uriHosts are the domains a report URI delivers to: one per recipient of
// a mailto: URI (RFC 6068 §2), the host of another URI.
func uriHosts(u URI) []string {
	if u.Scheme == "mailto" {
		var hs []string
		for _, a := range strings.Split(u.Address, ",") {
			if at := strings.LastIndexByte(a, '@'); at >= 0 {
				hs = append(hs, strings.ToLower(strings.TrimSuffix(a[at+1:], ".")))
			}
		}
		return hs
	}
	_, rest, ok := strings.Cut(u.URI, ":")
	if !ok {
		return nil
	}
	rest = strings.TrimPrefix(rest, "//")
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.Contains(rest, "]") {
		rest = rest[:i]
	}
	if rest == "" {
		return nil
	}
	return []string{strings.ToLower(rest)}
}

// external reports report destinations outside the owner's organizational
// domain (RFC 9989 §11.6, RFC 9990 §3).
func external(r *Record, domain string) []explain.Finding {
	var fs []explain.Finding
	org := orgDomain(domain)
	for _, tag := range []string{"rua", "ruf"} {
		t := r.Lookup(tag)
		if t == nil {
			continue
		}
		for _, u := range t.URIs {
			if !u.Valid {
				continue
			}
			for _, h := range uriHosts(u) {
				if h != "" && orgDomain(h) != org {
					fs = append(fs, rules.Finding(CodeURIExternal, u.Span, explain.Args{"tag": tag, "domain": domain, "host": h}))
				}
			}
		}
	}
	return fs
}

func field(v string, t *Tag, dom string) explain.Field {
	f := explain.Field{Span: t.Span, Text: t.Text(v), Name: t.Name, Value: t.Value, Ref: "RFC 9989 §4.7"}
	name := strings.ToLower(t.Name)
	if !t.HasEquals || !isAlpha(t.Name) {
		f.Name, f.Value = "", ""
		f.Meaning = "Not a tag=value pair: receivers ignore it."
		f.Ref = "RFC 9989 §4.8"
		return f
	}
	f.Meaning = meaningTag(name, t, dom)
	if t.Duplicate {
		f.Meaning = "Repeated tag: this explanation uses the first one, and strict receivers treat the whole record as invalid. " + f.Meaning
	}
	switch name {
	case "pct":
		f.Ref = "RFC 9989 §A.6"
	case "rf", "ri":
		f.Ref = "RFC 9989 §C.5.2"
	case "rua", "ruf":
		for _, u := range t.URIs {
			c := explain.Field{Span: u.Span, Text: u.Text, Name: "uri", Value: u.URI, Meaning: meaningURI(name, u), Ref: "RFC 9989 §4.6"}
			if u.SizeSpan != (explain.Span{}) {
				m := "Invalid size suffix: not digits with an optional k, m, g or t; receivers may discard the whole URI."
				if n, ok := parseSize(u.SizeText); ok {
					m = "Obsolete report size limit of " + humanSize(u.SizeText, n) +
						": RFC 7489 receivers send no larger report to this address; RFC 9989 reporters ignore it."
				}
				c.Children = append(c.Children, explain.Field{Span: u.SizeSpan, Text: v[u.SizeSpan[0]:u.SizeSpan[1]],
					Name: "size", Value: u.SizeText, Meaning: m, Ref: "RFC 9989 §4.8"})
			}
			f.Children = append(f.Children, c)
		}
	case "fo":
		for i, o := range t.Options {
			s := t.OptSpans[i]
			f.Children = append(f.Children, explain.Field{Span: s, Text: v[s[0]:s[1]], Name: "option", Value: string(o),
				Meaning: meaningFO(o), Ref: "RFC 9989 §4.7"})
		}
	}
	if !knownTags[name] {
		f.Ref = "RFC 9989 §4.7"
	}
	return f
}

func policyFact(r *Record, name string, p Policy) *string {
	t := r.Lookup(name)
	if t == nil {
		return nil
	}
	s := t.Value
	if p != "" {
		s = string(p)
	}
	return &s
}

func effFact(p Policy) *string {
	if p == "" {
		return nil
	}
	s := string(p)
	return &s
}

func facts(r *Record) *Facts {
	f := &Facts{ADKIM: "r", ASPF: "r", PSD: "u", RUA: []string{}, RUF: []string{}, RUAUsable: []string{}, RUFUsable: []string{}, FailureOptions: []string{"0"},
		RemovedTags: []string{}, Percent: r.Percent, Testing: r.Testing == TestingYes}
	f.Policy = policyFact(r, "p", r.Policy)
	f.SubdomainPolicy = policyFact(r, "sp", r.SubdomainPolicy)
	f.NonexistentPolicy = policyFact(r, "np", r.NonexistentPolicy)
	if r.ADKIM != "" {
		f.ADKIM = string(r.ADKIM)
	}
	if r.ASPF != "" {
		f.ASPF = string(r.ASPF)
	}
	if r.PSD != "" {
		f.PSD = string(r.PSD)
	}
	for _, u := range r.RUA {
		f.RUA = append(f.RUA, u.Text)
	}
	for _, u := range r.RUF {
		f.RUF = append(f.RUF, u.Text)
	}
	for _, u := range ValidURIs(r.RUA) {
		if r.IsDMARC {
			f.RUAUsable = append(f.RUAUsable, u.Text)
		}
	}
	for _, u := range ValidURIs(r.RUF) {
		if r.IsDMARC {
			f.RUFUsable = append(f.RUFUsable, u.Text)
		}
	}
	if len(r.FailureOptions) > 0 {
		f.FailureOptions = f.FailureOptions[:0]
		for _, o := range r.FailureOptions {
			f.FailureOptions = append(f.FailureOptions, string(o))
		}
	}
	f.EffectivePolicy = effFact(r.EffectivePolicy())
	f.EffectiveSubdomainPolicy = effFact(r.EffectiveSubdomainPolicy())
	f.EffectiveNonexistentPolicy = effFact(r.EffectiveNonexistentPolicy())
	for _, n := range []string{"pct", "rf", "ri"} {
		if r.Lookup(n) != nil {
			f.RemovedTags = append(f.RemovedTags, n)
		}
	}
	return f
}
