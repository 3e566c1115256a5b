package spf

import (
	"fmt"
	"math/big"
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
// domain in the summary and catches an include of the record's own domain.
func Explain(value string, ctx explain.Context) explain.Record {
	rec, findings := Parse(value)
	out := explain.New(explain.TypeSPF, value)
	out.RRType = "TXT"
	out.Owner = ctx.Owner
	owner := strings.TrimSuffix(ctx.Owner, ".")
	for _, f := range findings {
		out.Add(f)
	}
	if owner != "" {
		for _, t := range rec.Terms {
			if (t.Kind == KindInclude || t.Kind == KindRedirect) && t.HasDomainSpec &&
				strings.EqualFold(strings.TrimSuffix(t.DomainSpec, "."), owner) {
				out.Add(newFinding(&t, CodeIncludeSelf, t.Span, msgIncludeSelf(t.Text, owner)))
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

// MultipleFinding is the finding for a name that publishes more than one SPF
// record; span should cover the extra record. Callers that see every TXT
// record at a name add it (RFC 7208 §3.2, §4.5).
func MultipleFinding(span explain.Span) explain.Finding {
	return newFinding(nil, CodeRecordMultiple, span, msgRecordMultiple())
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
	meaning := `Marks this TXT record as an SPF record, version 1 (the only version); receivers select TXT records that begin with "v=spf1" followed by a space or the end of the record.`
	if !rec.Selected {
		meaning = fmt.Sprintf(`Meant as the SPF version tag, but receivers select only records that begin with exactly "v=spf1" followed by a space, so they ignore this record (as written: %q).`, text)
	}
	return explain.Field{Span: s, Text: text, Name: "version", Value: text, Meaning: meaning, Ref: "RFC 7208 §4.5"}
}

func termField(rec *Record, t *Term, owner string) explain.Field {
	f := explain.Field{Span: t.Span, Text: t.Text, Name: string(t.Kind), Ref: t.Kind.Ref()}
	if t.Kind == KindInvalid {
		f.Name = t.Name
		f.Value = t.Text
		f.Meaning = "Not a valid SPF term: receivers return permerror for the whole record (see the findings)."
		if t.gluedAll != "" {
			f.Meaning = fmt.Sprintf("Not a valid SPF term: %q was glued to the previous text with no space (see the findings).", t.gluedAll)
		}
		return f
	}
	f.Value = strings.TrimPrefix(t.Text[t.NameSpan.End()-t.Span.Start():], ":")
	if t.Kind.IsModifier() {
		f.Value = t.ModifierValue
	}
	f.Meaning = termMeaning(rec, t, owner)
	if t.gluedAll != "" {
		before := strings.TrimSuffix(t.Text, t.gluedAll)
		f.Meaning = fmt.Sprintf(`Meant as %q followed by %q, but with no space between them receivers read the single term %q (see the findings).`, before, t.gluedAll, t.Text)
	}
	if t.QualifierExplicit {
		f.Children = append(f.Children, explain.Field{Span: explain.Span{t.Span.Start(), t.Span.Start() + 1},
			Text: t.Qualifier.String(), Name: "qualifier", Value: t.Qualifier.String(), Ref: "RFC 7208 §4.6.2",
			Meaning: fmt.Sprintf("Qualifier %q: when the mechanism matches, the result is %q.", t.Qualifier.String(), t.Qualifier.Result())})
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

func nameMeaning(t *Term) string {
	switch t.Kind {
	case KindAll:
		return `Mechanism "all": always matches.`
	case KindInclude:
		return `Mechanism "include": matches when another domain's SPF record gives "pass".`
	case KindA:
		return `Mechanism "a": matches when the client's address is one of a domain's A or AAAA addresses.`
	case KindMX:
		return `Mechanism "mx": matches when the client is one of a domain's MX hosts.`
	case KindPTR:
		return `Mechanism "ptr": matches on the client's reverse DNS name (do not use).`
	case KindIP4:
		return `Mechanism "ip4": matches an IPv4 address or network.`
	case KindIP6:
		return `Mechanism "ip6": matches an IPv6 address or network.`
	case KindExists:
		return `Mechanism "exists": matches when a name has an A record.`
	case KindRedirect:
		return `Modifier "redirect": hands evaluation to another domain's record when no mechanism matches.`
	case KindExp:
		return `Modifier "exp": names a TXT record that explains a "fail" result.`
	}
	return fmt.Sprintf("Unknown modifier %q: receivers ignore it.", t.Name)
}

func cidrField(rec *Record, t *Term, s explain.Span, n int, name, fam string, max int) explain.Field {
	text := spanText(rec, s)
	f := explain.Field{Span: s, Text: text, Name: name, Value: strings.TrimLeft(text, "/"), Ref: "RFC 7208 §5.6"}
	if n == NoCIDR {
		f.Meaning = fmt.Sprintf("Invalid %s prefix length (0 to %d): see the findings.", fam, max)
		return f
	}
	switch t.Kind {
	case KindIP4, KindIP6:
		f.Meaning = fmt.Sprintf("Prefix length /%d: the first %d bits of the client's %s address are compared (%s).", n, n, fam, addressCount(max-n, fam))
	default:
		f.Meaning = fmt.Sprintf("%s prefix length /%d: each %s address the lookup finds stands for its /%d network (%s), and %s clients in it match.", fam, n, fam, n, addressCount(max-n, fam), fam)
	}
	return f
}

func addressCount(hostBits int, fam string) string {
	if hostBits == 0 {
		return "1 address"
	}
	if hostBits > 40 {
		return fmt.Sprintf("2^%d %s addresses", hostBits, fam)
	}
	n := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
	return fmt.Sprintf("%s addresses", groupDigits(n.String()))
}

func groupDigits(s string) string {
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func networkMeaning(t *Term) string {
	if t.placeholder {
		return "A placeholder copied from documentation (letters where the digits of an address belong), not an IPv4 address: put your sending server's public IPv4 address here."
	}
	if !t.Network.IsValid() {
		return "Not a valid address: see the findings."
	}
	if t.Network.Bits() == t.Addr.BitLen() {
		return fmt.Sprintf("The single address %s.", t.Network.Addr())
	}
	return fmt.Sprintf("The network %s (%s).", t.Network, addressCount(t.Addr.BitLen()-t.Network.Bits(), map[bool]string{true: "IPv4", false: "IPv6"}[t.Addr.Is4()]))
}

func target(t *Term, owner string) string {
	if t.HasDomainSpec && t.DomainSpec != "" {
		return t.DomainSpec
	}
	if owner != "" {
		return owner
	}
	return "the domain being checked"
}

func termMeaning(rec *Record, t *Term, owner string) string {
	res := t.Qualifier.Result()
	cost := " Costs 1 DNS lookup (of the 10 allowed)."
	if t.Kind == KindMX {
		cost = " Costs 1 DNS lookup of the 10 allowed, plus an address lookup per MX host; more than 10 MX hosts make it a permerror."
	}
	switch t.Kind {
	case KindAll:
		switch t.Qualifier {
		case QualifierFail:
			return `Every sender not matched earlier gets "fail": it is not authorised. Receivers decide what to do (they may reject); DMARC policy governs when the domain has one.`
		case QualifierSoftfail:
			return `Every sender not matched earlier gets "softfail": probably not authorised. Receivers usually accept but may mark the mail; DMARC policy governs when the domain has one.`
		case QualifierNeutral:
			return `Every sender not matched earlier gets "neutral": SPF makes no assertion about them.`
		}
		return `Every sender not matched earlier gets "pass": anyone on the internet may send as this domain.`
	case KindInclude:
		return fmt.Sprintf(`Gives %q when %s's SPF record gives "pass" for the client; its fail, softfail or neutral mean no match here (its "-all" does not end this record), while a temperror, a permerror or no SPF record at all ends evaluation with temperror or permerror.%s The included record's own lookups count toward the same limit, so an include costs more than one lookup in total.`, res, t.DomainSpec, cost)
	case KindA:
		return fmt.Sprintf(`Gives %q when the client's address is one of %s's A (IPv4) or AAAA (IPv6) addresses%s.%s`, res, target(t, owner), cidrSuffix(t), cost)
	case KindMX:
		return fmt.Sprintf(`Gives %q when the client's address is an address of one of %s's MX hosts%s (the servers that receive its mail, which are not always the ones that send it).%s`, res, target(t, owner), cidrSuffix(t), cost)
	case KindPTR:
		return fmt.Sprintf(`Gives %q when the client's reverse DNS name, confirmed by a forward lookup, is %s or ends in it. Do not use: slow and unreliable (RFC 7208 §5.5).%s`, res, target(t, owner), cost)
	case KindIP4, KindIP6:
		if t.placeholder {
			return fmt.Sprintf(`Meant to authorise your mail server's IPv4 address, but %q is a documentation placeholder, not an address: as written it makes the whole record a permerror.`, spanText(rec, t.NetworkSpan))
		}
		if !t.Network.IsValid() {
			return fmt.Sprintf(`Meant to authorise an %s address, but %q is not one: see the findings.`, map[Kind]string{KindIP4: "IPv4", KindIP6: "IPv6"}[t.Kind], spanText(rec, t.NetworkSpan))
		}
		if t.Network.Bits() == t.Addr.BitLen() {
			return fmt.Sprintf(`Gives %q to the single address %s. No DNS lookup.`, res, t.Network.Addr())
		}
		fam := "IPv4"
		if t.Kind == KindIP6 {
			fam = "IPv6"
		}
		return fmt.Sprintf(`Gives %q to the %s network %s (%s). No DNS lookup.`, res, fam, t.Network, addressCount(t.Addr.BitLen()-t.Network.Bits(), fam))
	case KindExists:
		return fmt.Sprintf(`Gives %q when the name %s (after macro expansion) has an A record, whatever its address; used to build per-sender or per-address lookups.%s`, res, t.DomainSpec, cost)
	case KindRedirect:
		if rec.All() != nil {
			return fmt.Sprintf(`Would hand evaluation to %s's SPF record, but it is ignored because the record has "all" (RFC 7208 §6.1).`, t.DomainSpec)
		}
		return fmt.Sprintf(`When no mechanism matches, the result is whatever %s's SPF record gives (its "all" decides, and no record there is a permerror).%s`, t.DomainSpec, cost)
	case KindExp:
		return fmt.Sprintf(`When the result is "fail", receivers may fetch the TXT record at %s and show its text (an explanation string, which may use macros) in the rejection. Costs no lookup toward the limit.`, t.DomainSpec)
	}
	switch {
	case t.SyntaxError:
		return fmt.Sprintf("Unknown modifier %q, but its value is not a valid macro-string, so receivers return permerror for the whole record (see the findings).", t.Name)
	case toLower(t.Name) == "v":
		return `A second "v=spf1": receivers read it as an unknown modifier named "v" and ignore it (RFC 7208 §6).`
	}
	return fmt.Sprintf("Unknown modifier %q: receivers ignore it (RFC 7208 §6).", t.Name)
}

func cidrSuffix(t *Term) string {
	var s []string
	if t.IP4CIDR != NoCIDR {
		s = append(s, fmt.Sprintf("IPv4 clients within /%d of an A address", t.IP4CIDR))
	}
	if t.IP6CIDR != NoCIDR {
		s = append(s, fmt.Sprintf("IPv6 clients within /%d of an AAAA address", t.IP6CIDR))
	}
	if len(s) == 0 {
		return ""
	}
	return " (" + strings.Join(s, "; ") + ")"
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
	if macros == 0 {
		f.Meaning = fmt.Sprintf("The domain %s, used as written.", t.DomainSpec)
	} else {
		f.Meaning = fmt.Sprintf("A domain built at evaluation time: %d macro(s) are replaced with values from the message and connection, then the name is looked up (cut from the left to 253 bytes if longer).", macros)
	}
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
		Ref: "RFC 7208 §7.2", Meaning: fmt.Sprintf("%q: %s%s.", body[:1], letterMeaning[m.Letter], map[bool]string{true: ", URL-escaped because the letter is uppercase"}[m.URLEscape])}}
	i := 1
	for i < len(body) && isDigit(body[i]) {
		i++
	}
	if i > 1 {
		fs = append(fs, explain.Field{Span: explain.Span{base + 1, base + i}, Text: body[1:i], Name: "transformer-digits", Value: body[1:i],
			Ref: "RFC 7208 §7.3", Meaning: fmt.Sprintf("Keep only the rightmost %d part(s) of the value (after any reversal).", m.Digits)})
	}
	if i < len(body) && (body[i] == 'r' || body[i] == 'R') {
		fs = append(fs, explain.Field{Span: explain.Span{base + i, base + i + 1}, Text: body[i : i+1], Name: "transformer-reverse", Value: body[i : i+1],
			Ref: "RFC 7208 §7.3", Meaning: "Reverse the order of the parts (192.0.2.3 becomes 3.2.0.192)."})
		i++
	}
	if i < len(body) {
		fs = append(fs, explain.Field{Span: explain.Span{base + i, base + len(body)}, Text: body[i:], Name: "delimiters", Value: body[i:],
			Ref: "RFC 7208 §7.1", Meaning: fmt.Sprintf("Split the value at any of %q instead of at dots; the parts are rejoined with \".\".", body[i:])})
	}
	return fs
}

func macroRef(m MacroPart) string {
	if m.Kind == PartMacro {
		return "RFC 7208 §7.2"
	}
	return "RFC 7208 §7.1"
}

var letterMeaning = map[MacroLetter]string{
	MacroSender:       "the sender address (MAIL FROM, or postmaster@ the HELO name)",
	MacroLocalPart:    "the local part of the sender address (before the @)",
	MacroSenderDomain: "the domain of the sender address",
	MacroDomain:       "the domain whose record is being evaluated",
	MacroIP:           "the client's IP address (IPv4 dotted quad; IPv6 as 32 dot-separated hex nibbles)",
	MacroPTR:          "the client's validated reverse-DNS name, or \"unknown\" (do not use: extra lookups)",
	MacroIPVersion:    `"in-addr" for an IPv4 client, "ip6" for an IPv6 client`,
	MacroHelo:         "the HELO/EHLO name the client gave",
	MacroClientIP:     "the client's IP address in its usual text form (explanation text only)",
	MacroReceiver:     "the receiving host's name (explanation text only)",
	MacroTimestamp:    "the current time in seconds since 1970 (explanation text only)",
}

func macroMeaning(m MacroPart) string {
	switch m.Kind {
	case PartPercent:
		return `"%%": a literal "%".`
	case PartSpace:
		return `"%_": a space.`
	case PartURLSpace:
		return `"%-": a URL-encoded space, "%20".`
	}
	s := fmt.Sprintf("%%{%c}: %s", m.Letter, letterMeaning[m.Letter])
	var tr []string
	if m.Delimiters != "" {
		tr = append(tr, fmt.Sprintf("split at any of %q", m.Delimiters))
	} else if m.Reverse || m.HasDigits {
		tr = append(tr, "split at dots")
	}
	if m.Reverse {
		tr = append(tr, "reversed")
	}
	if m.HasDigits {
		tr = append(tr, fmt.Sprintf("keeping the rightmost %d part(s)", m.Digits))
	}
	if len(tr) > 0 {
		s += ", " + strings.Join(tr, ", ") + `, rejoined with "."`
	}
	if m.URLEscape {
		s += "; URL-escaped because the letter is uppercase"
	}
	return s + "."
}

// summary writes the one-sentence summary.
func summary(rec *Record, f *Facts, owner string, out *explain.Record) string {
	who := "this domain"
	if owner != "" {
		who = owner
	}
	if !rec.Selected {
		s := fmt.Sprintf(`This is not a usable SPF record: it does not begin with "v=spf1" followed by a space, so receivers ignore it and %s has no SPF policy unless another record provides one`, who)
		if len(rec.Terms) == 0 {
			return s + "."
		}
		return s + `; with the version fixed: ` + lowerFirst(policySentence(rec, who, owner))
	}
	s := policySentence(rec, who, owner)
	if rec.PermError() {
		n := 0
		for _, fd := range out.Findings {
			if fd.Severity == explain.Error {
				n++
			}
		}
		return fmt.Sprintf("This record has %s, so receivers return permerror for every message and no mail from %s passes SPF; without the broken terms: %s", plural(n, "error"), who, lowerFirst(s))
	}
	if out.HasErrors() {
		return fmt.Sprintf("%s However, evaluation ends in permerror (see the errors).", s)
	}
	return s
}

// policySentence says who is authorised and what happens to everyone else.
func policySentence(rec *Record, who, owner string) string {
	auth := authorised(rec, owner)
	all, red := rec.All(), rec.Redirect()
	if len(auth) == 0 {
		switch {
		case all != nil && all.Qualifier == QualifierFail:
			return fmt.Sprintf(`No host is authorised to send mail from %s: every sender fails (-all), so receivers may reject it, and DMARC decides.`, who)
		case all != nil && all.Qualifier == QualifierPass:
			return fmt.Sprintf(`Every host on the internet passes SPF for %s (+all): anyone may send as this domain.`, who)
		case all != nil:
			return fmt.Sprintf(`No host is listed for %s; every sender gets %s (%s), so SPF gives it no protection.`, who, all.Qualifier.Result(), all.Qualifier.String()+"all")
		case red != nil:
			return fmt.Sprintf(`Mail from %s is authorised by whatever %s's SPF record says (redirect).`, who, red.DomainSpec)
		}
		return fmt.Sprintf(`No host is listed for %s and there is no "all" or redirect, so every sender gets neutral: SPF neither authorises nor refuses anyone.`, who)
	}
	return fmt.Sprintf("Mail from %s is authorised from %s; %s", who, joinList(auth), defaultText(all, red))
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func authorised(rec *Record, owner string) []string {
	var auth []string
	others := 0
	for _, t := range rec.Mechanisms() {
		if t.Kind == KindAll {
			break
		}
		if t.SyntaxError {
			continue
		}
		if t.Qualifier != QualifierPass {
			others++
			continue
		}
		switch t.Kind {
		case KindIP4, KindIP6:
			if t.Network.IsValid() {
				if t.Network.Bits() == t.Addr.BitLen() {
					auth = append(auth, t.Network.Addr().String())
				} else {
					auth = append(auth, t.Network.String())
				}
			}
		case KindInclude:
			auth = append(auth, fmt.Sprintf("whatever %s authorises", t.DomainSpec))
		case KindA:
			auth = append(auth, fmt.Sprintf("the addresses of %s%s", target(t, owner), shortCIDR(t)))
		case KindMX:
			auth = append(auth, fmt.Sprintf("the MX hosts of %s%s", target(t, owner), shortCIDR(t)))
		case KindPTR:
			auth = append(auth, fmt.Sprintf("hosts whose reverse DNS is in %s", target(t, owner)))
		case KindExists:
			auth = append(auth, fmt.Sprintf("hosts for which %s exists", t.DomainSpec))
		}
	}
	auth = dedupe(auth)
	if len(auth) > 6 {
		n := len(auth) - 5
		auth = append(auth[:5], fmt.Sprintf("%d more", n))
	}
	if others > 0 {
		auth = append(auth, fmt.Sprintf("with %d term(s) giving other results", others))
		if len(auth) == 1 {
			return nil
		}
	}
	return auth
}

func shortCIDR(t *Term) string {
	switch {
	case t.IP4CIDR != NoCIDR && t.IP6CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv4 /%d and IPv6 /%d networks)", t.IP4CIDR, t.IP6CIDR)
	case t.IP4CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv4 /%d networks)", t.IP4CIDR)
	case t.IP6CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv6 /%d networks)", t.IP6CIDR)
	}
	return ""
}

func defaultText(all, red *Term) string {
	if all != nil {
		switch all.Qualifier {
		case QualifierFail:
			return `everything else fails (-all): receivers may reject it, and DMARC decides.`
		case QualifierSoftfail:
			return `everything else soft-fails (~all): receivers usually accept it but may mark it, and DMARC decides.`
		case QualifierNeutral:
			return `everything else is neutral (?all): SPF makes no claim about it.`
		}
		return `everyone else passes too (+all): anyone may send as this domain.`
	}
	if red != nil {
		return fmt.Sprintf(`everything else is decided by %s's SPF record (redirect).`, red.DomainSpec)
	}
	return `everything else is neutral (no "all" and no redirect), so forged mail is not refused.`
}

func dedupe(items []string) []string {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

func joinList(items []string) string {
	// "with N term(s) giving other results" is appended as a clause.
	var tail string
	if n := len(items); n > 0 && strings.HasPrefix(items[n-1], "with ") {
		tail = " (" + items[n-1] + ")"
		items = items[:n-1]
	}
	switch len(items) {
	case 0:
		return tail
	case 1:
		return items[0] + tail
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1] + tail
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
