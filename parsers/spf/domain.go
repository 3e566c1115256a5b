package spf

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/parsers/explain"
)

// macroError reports a *MacroError found in a string starting at off.
func (p *parser) macroError(t *Term, err error, off int) {
	var me *MacroError
	if !errors.As(err, &me) {
		return
	}
	sp := explain.Span{off + me.Start, off + me.End}
	text := p.v[sp.Start():sp.End()]
	if me.ExpOnly {
		p.syntax(t, CodeMacroExpOnly, sp, "RFC 7208 §7.2",
			fmt.Sprintf(`%q uses a macro letter (c, r or t) that RFC 7208 allows only in explanation text, the TXT record an exp= modifier points to, not in %s; receivers return permerror for the whole record. Use another letter or move the text into the explanation record.`, text, t.Name))
		return
	}
	p.syntax(t, CodeMacroInvalid, sp, "RFC 7208 §7.1",
		fmt.Sprintf(`%q is not a valid macro: %s; receivers return permerror for the whole record. A macro is written %%{letter}, optionally with a number of parts, "r" and delimiters (%%{ir}, %%{d2}); a literal %% is written %%%%.`, text, me.Problem))
}

// domainSpec checks t.DomainSpec against RFC 7208 §7.1: a macro-string that
// ends in a dot and a top-level label, or in a macro.
func (p *parser) domainSpec(t *Term) {
	spec, off := t.DomainSpec, t.DomainSpan.Start()
	ref := "RFC 7208 §7.1"
	parts, err := ParseMacroString(spec, false)
	t.Macros = parts
	if err != nil {
		p.macroError(t, err, off)
		return
	}
	for _, mp := range parts {
		if mp.Kind == PartMacro && mp.Letter == MacroPTR {
			p.add(explain.Warning, CodeMacroPTR, explain.Span{off + mp.Start, off + mp.End}, "RFC 7208 §7.3",
				fmt.Sprintf(`%q expands to the client's validated reverse-DNS name, which RFC 7208 says SHOULD NOT be published: it costs extra DNS lookups (counted toward the limit of 10) and depends on records the sender's network controls. Use another macro or ip4/ip6.`, mp.Text))
		}
	}
	last := parts[len(parts)-1]
	if last.Kind != PartLiteral {
		return // ends in a macro-expand
	}
	text := strings.TrimSuffix(last.Text, ".")
	dot := strings.LastIndexByte(text, '.')
	top := text[dot+1:]
	if dot < 0 || !validTopLabel(top) {
		p.syntax(t, CodeDomainInvalid, t.DomainSpan, ref, p.domainEndMessage(t, spec, top, dot < 0))
		return
	}
	if len(parts) == 1 {
		p.nameLabels(t, spec)
	}
}

func (p *parser) domainEndMessage(t *Term, spec, top string, noDot bool) string {
	const tail = "so receivers return permerror for the whole record."
	if i := strings.LastIndexByte(spec, '/'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return fmt.Sprintf(`%s takes no CIDR length, but %q ends in %q: a domain must end in a top-level label such as ".com", %s Remove %q.`, t.Name, spec, spec[i:], tail, spec[i:])
	}
	if i := strings.LastIndexByte(spec, ':'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return fmt.Sprintf(`%q ends in the port %q; SPF names hosts, not ports, %s Remove %q.`, spec, spec[i:], tail, spec[i:])
	}
	if a, err := netip.ParseAddr(spec); err == nil && a.Is4() {
		return fmt.Sprintf(`%q is an IP address, not a domain (its last label is all digits), %s To authorise the address, write "ip4:%s".`, spec, tail, spec)
	}
	if strings.HasSuffix(strings.ToLower(spec), "-all") || strings.HasSuffix(spec, "~all") || strings.HasSuffix(spec, "?all") || strings.HasSuffix(spec, "+all") {
		return fmt.Sprintf(`%q is not a domain: it ends in %q with no space before it, %s`, spec, spec[len(spec)-4:], tail)
	}
	if noDot {
		return fmt.Sprintf(`%q has no dot: a domain-spec must end in "." and a top-level label (like "example.com") or in a macro, %s Write the full domain name.`, spec, tail)
	}
	if top == "" {
		return fmt.Sprintf(`%q ends in an empty label: a domain-spec must end in "." and a top-level label or in a macro, %s`, spec, tail)
	}
	return fmt.Sprintf(`%q ends in %q, which is not a valid top-level label (letters, digits and inner hyphens, not all digits, not starting or ending with "-"), %s`, spec, top, tail)
}

// validTopLabel implements toplabel of RFC 7208 §7.1.
func validTopLabel(s string) bool {
	if s == "" {
		return false
	}
	hasAlpha, hasHyphen := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlpha(c):
			hasAlpha = true
		case isDigit(c):
		case c == '-':
			hasHyphen = true
		default:
			return false
		}
	}
	if hasHyphen {
		return s[0] != '-' && s[len(s)-1] != '-'
	}
	return hasAlpha
}

// nameLabels checks a macro-free domain against DNS name limits.
func (p *parser) nameLabels(t *Term, spec string) {
	name := strings.TrimSuffix(spec, ".")
	why := ""
	switch {
	case len(name) > 253:
		why = fmt.Sprintf("is %d bytes long, over the 253 a DNS name may have", len(name))
	default:
		for _, l := range strings.Split(name, ".") {
			if l == "" {
				why = `has an empty label (two dots in a row, or a leading dot)`
				break
			}
			if len(l) > 63 {
				why = fmt.Sprintf("has the label %q of %d bytes, over the 63 a DNS label may have", l, len(l))
				break
			}
		}
	}
	if why == "" {
		return
	}
	p.add(explain.Error, CodeDomainBadName, t.DomainSpan, "RFC 7208 §4.8",
		fmt.Sprintf(`%q %s: it is valid SPF syntax but can never be looked up, so receivers treat it as a name that does not exist or return permerror. Correct the name.`, spec, why))
}

// record runs the checks that look at the record as a whole.
func (p *parser) record() {
	r := p.rec
	v := p.v
	if len(v) > 450 {
		p.add(explain.Warning, CodeRecordTooLong, explain.Span{0, len(v)}, "RFC 7208 §3.4",
			fmt.Sprintf(`The record is %d bytes. RFC 7208 §3.4 advises keeping the whole DNS answer (the name plus every TXT record there) under 450 bytes so it fits one UDP packet; larger answers need TCP or EDNS0, and some receivers then fail to fetch the record. Each TXT string also holds at most 255 bytes, so a record this long must be split into several strings. Shorten it: replace lists of ip4/ip6 terms with a network prefix or move them behind an include.`, len(v)))
	}
	seen := map[Kind]*Term{}
	var all *Term
	lookups := 0
	var unreachable []*Term
	for i := range r.Terms {
		t := &r.Terms[i]
		if t.Kind == KindRedirect || t.Kind == KindExp {
			if prev := seen[t.Kind]; prev != nil {
				p.syntax(t, CodeModifierDuplicate, t.Span, "RFC 7208 §6",
					fmt.Sprintf(`%s appears twice (first as %q, again as %q); the modifier may appear once only, so receivers return permerror for the whole record. Keep one.`, t.Kind, prev.Text, t.Text))
			} else {
				seen[t.Kind] = t
			}
		}
		if t.Kind == KindPTR {
			p.add(explain.Warning, CodePTRDiscouraged, t.Span, "RFC 7208 §5.5",
				`"ptr" SHOULD NOT be published (RFC 7208 §5.5): it is slow, less reliable than other mechanisms when DNS errors occur, places a large burden on the .arpa name servers, and depends on reverse DNS that the sending network controls. List the sending networks with ip4/ip6, or use a or include.`)
		}
		if all != nil && t.Kind.IsMechanism() {
			unreachable = append(unreachable, t)
			continue
		}
		if t.Kind == KindAll && all == nil {
			all = t
		}
		if t.Kind.IsMechanism() && t.Kind.CostsLookup() {
			lookups++
			if lookups == MaxLookups+1 {
				p.add(explain.Error, CodeLookupsTooMany, t.Span, "RFC 7208 §4.6.4",
					fmt.Sprintf(`%q is the %dth term that costs a DNS lookup (include, a, mx, ptr, exists, redirect); receivers stop at %d and return permerror when evaluation reaches it, and each include adds the lookups of its own record on top. Remove lookups: replace a and mx with ip4/ip6 where the addresses are stable, and drop includes of services you no longer use.`, t.Text, lookups, MaxLookups))
			}
		}
	}
	if red := seen[KindRedirect]; red != nil && !red.SyntaxError {
		if all != nil {
			p.add(explain.Warning, CodeRedirectIgnored, red.Span, "RFC 7208 §6.1",
				fmt.Sprintf(`%q is ignored because the record has %q: a redirect applies only when no mechanism matches and there is no "all" anywhere in the record. Remove one of them: keep "all" to decide here, or remove it to hand the decision to %s.`, red.Text, all.Text, red.DomainSpec))
		} else {
			lookups++
			if lookups == MaxLookups+1 {
				p.add(explain.Error, CodeLookupsTooMany, red.Span, "RFC 7208 §4.6.4",
					fmt.Sprintf(`%q is the %dth term that costs a DNS lookup; receivers stop at %d and return permerror when evaluation reaches it, and the redirected record's own lookups count too. Remove lookups from this record.`, red.Text, lookups, MaxLookups))
			}
		}
		if last := &r.Terms[len(r.Terms)-1]; last != red && seen[KindRedirect] == red {
			p.add(explain.Info, CodeRedirectNotLast, red.Span, "RFC 7208 §6.1",
				fmt.Sprintf(`%q is not the last term; it still applies only after every mechanism fails to match, but RFC 7208 §6.1 says it SHOULD be written last, for clarity.`, red.Text))
		}
	}
	if len(unreachable) > 0 {
		names := make([]string, len(unreachable))
		for i, t := range unreachable {
			names[i] = fmt.Sprintf("%q", t.Text)
		}
		verb := "comes after %q and is never evaluated"
		if len(names) > 1 {
			verb = "come after %q and are never evaluated"
		}
		p.add(explain.Warning, CodeTermUnreachable, explain.Span{unreachable[0].Span.Start(), unreachable[len(unreachable)-1].Span.End()}, "RFC 7208 §4.6.2",
			fmt.Sprintf(`%s `+verb+`: mechanisms are tried left to right and "all" always matches. Move %q to the end of the record.`, strings.Join(names, ", "), all.Text, all.Text))
	}
	if all != nil {
		p.allFinding(all)
	} else if seen[KindRedirect] == nil && (r.Selected || len(r.Terms) > 0) {
		p.add(explain.Warning, CodeAllMissing, explain.Span{0, len(v)}, "RFC 7208 §4.7",
			`The record has neither "all" nor redirect, so a sender that matches no mechanism gets "neutral", as if it ended in "?all": SPF says nothing about forged mail. End the record with "-all" (or "~all" while you check that every legitimate sender is listed).`)
	}
	r.lookups = lookups
}

func (p *parser) allFinding(all *Term) {
	ref := "RFC 7208 §5.1"
	switch all.Qualifier {
	case QualifierPass:
		msg := `"+all" lets any host on the internet pass SPF as this domain, so SPF protects nothing and a forger's mail passes SPF (and DMARC through SPF alignment). Replace it with "-all" or "~all".`
		if !all.QualifierExplicit {
			msg = `"all" with no qualifier means "+all" (the qualifier defaults to "+"): any host on the internet passes SPF as this domain, and a forger's mail passes DMARC through SPF alignment. You probably meant "-all" or "~all".`
		}
		p.add(explain.Warning, CodeAllPass, all.Span, ref, msg)
	case QualifierNeutral:
		p.add(explain.Warning, CodeAllNeutral, all.Span, ref,
			`"?all" gives other senders "neutral": SPF asserts nothing about them, which receivers treat like no policy, so it gives no protection against forgery. Use "~all" or "-all" once every legitimate sender is listed.`)
	case QualifierSoftfail:
		p.add(explain.Info, CodeAllSoftfail, all.Span, ref,
			`"~all" gives other senders "softfail": the host is probably not authorised. Receivers usually accept such mail but may mark it as suspicious; DMARC counts softfail as SPF not passing, and the domain's DMARC policy decides what happens. Move to "-all" when you are sure every sender is listed.`)
	case QualifierFail:
		p.add(explain.Info, CodeAllFail, all.Span, ref,
			`"-all" gives other senders "fail": an explicit statement that they are not authorised. It does not reject mail by itself: each receiver decides (RFC 7208 §8.4 allows rejecting), and most defer to the domain's DMARC policy, which also lets mail that passes DKIM through. Forwarded mail fails SPF, so make sure your mail is DKIM-signed.`)
	}
}
