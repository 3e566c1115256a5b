package spf

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Facts are the typed values of an SPF explanation (the record's "facts").
type Facts struct {
	// DNSLookups counts the terms of this record that cost a DNS lookup when
	// reached (RFC 7208 §4.6.4); see Record.Lookups.
	DNSLookups int `json:"dns_lookups"`
	// NestedLookupsUncounted is true when the record has include or redirect
	// terms: their records' own lookups add to DNSLookups at evaluation.
	NestedLookupsUncounted bool `json:"nested_lookups_uncounted"`
	// All is the effective "all" term normalised to qualifier+"all" ("-all"), or nil.
	All *string `json:"all"`
	// Redirect is the redirect domain-spec, or nil (also when "all" makes it ignored).
	Redirect *string `json:"redirect"`
	// Exp is the exp domain-spec, or nil.
	Exp *string `json:"exp"`
	// DefaultResult is what a sender matching no mechanism gets: "pass",
	// "fail", "softfail", "neutral", or "redirect".
	DefaultResult string   `json:"default_result"`
	Includes      []string `json:"includes"` // include domain-specs, in order
	IP4           []string `json:"ip4"`      // ip4 networks as evaluated (masked)
	IP6           []string `json:"ip6"`      // ip6 networks as evaluated (masked)
	// UsesMacros is true when any domain-spec contains a macro.
	UsesMacros bool `json:"uses_macros"`
	// VoidLookupRisk is true when more than two terms look up names built from
	// macros (such as exists:%{i}.list.example.com), which do not exist for
	// most senders; receivers stop after two lookups that find nothing
	// (RFC 7208 §4.6.4).
	VoidLookupRisk bool `json:"void_lookup_risk"`
	// PermError is true when the record has a syntax error: every check returns permerror.
	PermError bool `json:"permerror"`
}

// Explain parses an SPF record value and explains it. ctx.Owner names the
// domain in the summary and catches an include or redirect of the record's
// own domain written out (Term.Loops). Findings carry the fixes codes.go
// lists, each one kept only when it does what a fix must (explain.KeepFixes).
func Explain(value string, ctx explain.Context) explain.Record {
	out := explainValue(value, ctx)
	explain.KeepFixes(&out, value, func(v string) []explain.Finding { return explainValue(v, ctx).Findings })
	return out
}

// explainValue is Explain without explain.KeepFixes.
func explainValue(value string, ctx explain.Context) explain.Record {
	rec, findings := Parse(value)
	out := explain.New(explain.TypeSPF, value)
	out.RRType = "TXT"
	out.Owner = ctx.Owner
	owner := strings.TrimSuffix(ctx.Owner, ".")
	for _, f := range findings {
		out.Add(f)
	}
	all := rec.All()
	reached := true // evaluation never goes past the first "all"
	for i := range rec.Terms {
		t := &rec.Terms[i]
		switch {
		case t.Kind == KindAll:
			reached = false
		case t.Kind == KindInclude && reached, t.Kind == KindRedirect && all == nil:
			if why := t.loop(owner); why != loopNone {
				code := map[Kind]string{KindInclude: CodeIncludeSelf, KindRedirect: CodeRedirectSelf}[t.Kind]
				out.Add(rules.Finding(code, t.Span, loopArgs(t, why, owner)))
			}
		}
	}
	facts := buildFacts(rec)
	out.Facts = facts
	if rec.VersionSpan.Len() > 0 {
		out.Fields = append(out.Fields, versionField(rec))
	}
	for i := range rec.Terms {
		out.Fields = append(out.Fields, termField(rec, &rec.Terms[i], owner))
	}
	out.Summary = summary(rec, facts, owner, &out)
	return out
}

// loopKind says why an include or redirect term loops.
type loopKind byte

const (
	loopNone   loopKind = iota
	loopDomain          // the target is %{d}: the domain being evaluated, RFC 7208 §7.2
	loopSender          // the target is %{o}: the sender's domain, where evaluation starts, RFC 7208 §4.1
	loopOwner           // the target expands to the record's own name
)

// Loops reports whether evaluating the include or redirect term t enters an
// evaluation that is already under way, so that it repeats until the limit
// of 10 lookups ends it in permerror (RFC 7208 §4.6.4): its target is %{d}
// (the domain being evaluated, RFC 7208 §7.2), %{o} (the sender's domain,
// where every evaluation starts, §4.1), or, when domain is known, anything
// that expands to domain ("example.com", "%{d2}" for "example.com."). domain
// is the name the record holding t is published at, with or without the
// final dot, or "" when unknown. Terms with a syntax error never loop: the
// record is a permerror before any evaluation.
func (t *Term) Loops(domain string) bool { return t.loop(domain) != loopNone }

func (t *Term) loop(domain string) loopKind {
	if t.Kind != KindInclude && t.Kind != KindRedirect || !t.HasDomainSpec || t.SyntaxError || len(t.Macros) == 0 {
		return loopNone
	}
	if m := t.Macros[0]; len(t.Macros) == 1 && m.Kind == PartMacro && !m.Reverse {
		// Splitting at dots and rejoining with dots changes nothing; a
		// name has at most 127 labels.
		whole := (!m.HasDigits || m.Digits >= 127) && strings.Trim(m.Delimiters, ".") == ""
		switch {
		case m.Letter == MacroDomain && whole:
			return loopDomain
		case m.Letter == MacroSenderDomain && whole:
			return loopSender
		}
	}
	domain = strings.TrimSuffix(domain, ".")
	if domain == "" {
		return loopNone
	}
	for _, m := range t.Macros {
		if m.Kind == PartMacro && m.Letter != MacroDomain {
			return loopNone // depends on the message or the client
		}
	}
	name, err := ExpandMacro(t.DomainSpec, MacroVars{Domain: domain}, false)
	if err != nil || !strings.EqualFold(strings.TrimSuffix(name, "."), domain) {
		return loopNone
	}
	return loopOwner
}

// MultipleFinding is the finding for a name that publishes more than one SPF
// record; span should cover the extra record. Callers that see every TXT
// record at a name add it (RFC 7208 §3.2, §4.5).
func MultipleFinding(span explain.Span) explain.Finding {
	return rules.Finding(CodeRecordMultiple, span, nil)
}

// loopArgs are the args of spf.include.self and spf.redirect.self for t,
// which loops for the reason why; owner is the record's name, "" when
// unknown.
func loopArgs(t *Term, why loopKind, owner string) explain.Args {
	a := explain.Args{"term": t.Text, "domain": t.DomainSpec}
	switch {
	case why == loopDomain:
		a["loop"] = loopArgDomain
	case why == loopSender:
		a["loop"] = loopArgSender
	case len(t.Macros) == 1 && t.Macros[0].Kind == PartLiteral:
		a["loop"], a["owner"] = loopArgOwner, strings.TrimSuffix(owner, ".")
	default:
		a["loop"], a["owner"] = loopArgOwnerMacro, strings.TrimSuffix(owner, ".")
	}
	return a
}

func buildFacts(rec *Record) *Facts {
	f := &Facts{DNSLookups: rec.Lookups(), Includes: []string{}, IP4: []string{}, IP6: []string{}, PermError: rec.PermError()}
	macroLookups := 0
	for i := range rec.Terms {
		t := &rec.Terms[i]
		if t.SyntaxError {
			continue
		}
		hasMacro := false
		for _, m := range t.Macros {
			if m.Kind == PartMacro {
				hasMacro = true
			}
		}
		if hasMacro && t.Kind != KindUnknownModifier {
			f.UsesMacros = true
			if t.Kind.CostsLookup() {
				macroLookups++
			}
		}
		switch t.Kind {
		case KindInclude:
			f.Includes = append(f.Includes, t.DomainSpec)
			f.NestedLookupsUncounted = true
		case KindRedirect:
			f.NestedLookupsUncounted = true
		case KindIP4:
			if t.Network.IsValid() {
				f.IP4 = append(f.IP4, t.Network.String())
			}
		case KindIP6:
			if t.Network.IsValid() {
				f.IP6 = append(f.IP6, t.Network.String())
			}
		}
	}
	f.VoidLookupRisk = macroLookups > MaxVoidLookups
	all := rec.All()
	switch {
	case all != nil:
		s := all.Qualifier.String() + "all"
		f.All = &s
		f.DefaultResult = all.Qualifier.Result()
	case rec.Redirect() != nil && !rec.Redirect().SyntaxError:
		s := rec.Redirect().DomainSpec
		f.Redirect = &s
		f.DefaultResult = "redirect"
	default:
		f.DefaultResult = "neutral"
	}
	if e := rec.Exp(); e != nil && !e.SyntaxError {
		s := e.DomainSpec
		f.Exp = &s
	}
	return f
}

func versionField(rec *Record) explain.Field {
	s := rec.VersionSpan
	text := rec.Value[s.Start():s.End()]
	return explain.Field{Span: s, Text: text, Name: "version", Value: text, Meaning: versionMeaning(rec, text), Ref: "RFC 7208 §4.5"}
}

func termField(rec *Record, t *Term, owner string) explain.Field {
	f := explain.Field{Span: t.Span, Text: t.Text, Name: string(t.Kind), Ref: t.Kind.Ref(), Meaning: termMeaning(rec, t, owner)}
	if t.Kind == KindInvalid {
		f.Name = t.Name
		f.Value = t.Text
		return f
	}
	f.Value = strings.TrimPrefix(t.Text[t.NameSpan.End()-t.Span.Start():], ":")
	if t.Kind.IsModifier() {
		f.Value = t.ModifierValue
	}
	if t.QualifierExplicit {
		// A modifier's qualifier is a syntax error, and Term.Qualifier is 0:
		// the field shows the byte as written.
		q := t.Text[:1]
		f.Children = append(f.Children, explain.Field{Span: explain.Span{t.Span.Start(), t.Span.Start() + 1},
			Text: q, Name: "qualifier", Value: q, Ref: "RFC 7208 §4.6.2", Meaning: qualifierMeaning(t)})
	}
	f.Children = append(f.Children, explain.Field{Span: t.NameSpan, Text: t.Name, Name: "name", Value: toLower(t.Name),
		Ref: t.Kind.Ref(), Meaning: nameMeaning(t)})
	if t.HasDomainSpec && t.DomainSpan.Len() > 0 {
		f.Children = append(f.Children, domainField(t))
	}
	if t.NetworkSpan.Len() > 0 {
		f.Children = append(f.Children, explain.Field{Span: t.NetworkSpan, Text: spanText(rec, t.NetworkSpan),
			Name: "network", Value: spanText(rec, t.NetworkSpan), Ref: "RFC 7208 §5.6", Meaning: networkMeaning(t)})
	}
	if t.IP4CIDRSpan.Len() > 0 {
		f.Children = append(f.Children, cidrField(rec, t, t.IP4CIDRSpan, t.IP4CIDR, "ip4-cidr-length", "IPv4", 32))
	}
	if t.IP6CIDRSpan.Len() > 0 {
		f.Children = append(f.Children, cidrField(rec, t, t.IP6CIDRSpan, t.IP6CIDR, "ip6-cidr-length", "IPv6", 128))
	}
	return f
}

func spanText(rec *Record, s explain.Span) string { return rec.Value[s.Start():s.End()] }

func cidrField(rec *Record, t *Term, s explain.Span, n int, name, fam string, max int) explain.Field {
	text := spanText(rec, s)
	return explain.Field{Span: s, Text: text, Name: name, Value: strings.TrimLeft(text, "/"), Ref: "RFC 7208 §5.6",
		Meaning: cidrMeaning(t.Kind, n, fam, max)}
}

func domainField(t *Term) explain.Field {
	f := explain.Field{Span: t.DomainSpan, Text: t.DomainSpec, Name: "domain-spec", Value: t.DomainSpec, Ref: "RFC 7208 §4.8"}
	if t.Kind == KindUnknownModifier {
		f.Name = "value"
	}
	macros := 0
	off := t.DomainSpan.Start()
	for _, m := range t.Macros {
		if m.Kind == PartLiteral {
			continue
		}
		macros++
		f.Children = append(f.Children, explain.Field{Span: explain.Span{off + m.Start, off + m.End}, Text: m.Text,
			Name: "macro", Value: m.Text, Ref: macroRef(m), Meaning: macroMeaning(m), Children: macroParts(m, off)})
	}
	f.Meaning = domainMeaning(t.DomainSpec, macros)
	return f
}

// macroParts breaks "%{…}" into its letter, transformers and delimiters.
func macroParts(m MacroPart, off int) []explain.Field {
	if m.Kind != PartMacro || len(m.Text) < 4 {
		return nil
	}
	body := m.Text[2 : len(m.Text)-1]
	base := off + m.Start + 2
	fs := []explain.Field{{Span: explain.Span{base, base + 1}, Text: body[:1], Name: "macro-letter", Value: body[:1],
		Ref: "RFC 7208 §7.2", Meaning: letterFieldMeaning(body[:1], m)}}
	i := 1
	for i < len(body) && isDigit(body[i]) {
		i++
	}
	if i > 1 {
		fs = append(fs, explain.Field{Span: explain.Span{base + 1, base + i}, Text: body[1:i], Name: "transformer-digits", Value: body[1:i],
			Ref: "RFC 7208 §7.3", Meaning: digitsMeaning(m.Digits)})
	}
	if i < len(body) && (body[i] == 'r' || body[i] == 'R') {
		fs = append(fs, explain.Field{Span: explain.Span{base + i, base + i + 1}, Text: body[i : i+1], Name: "transformer-reverse", Value: body[i : i+1],
			Ref: "RFC 7208 §7.3", Meaning: reverseMeaning()})
		i++
	}
	if i < len(body) {
		fs = append(fs, explain.Field{Span: explain.Span{base + i, base + len(body)}, Text: body[i:], Name: "delimiters", Value: body[i:],
			Ref: "RFC 7208 §7.1", Meaning: delimitersMeaning(body[i:])})
	}
	return fs
}

func macroRef(m MacroPart) string {
	if m.Kind == PartMacro {
		return "RFC 7208 §7.2"
	}
	return "RFC 7208 §7.1"
}
