package spf

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/ipaddr"

	"github.com/mxplain/mxplain/parsers/explain"
)

// macroError reports a *MacroError found in a string starting at off.
func (p *parser) macroError(t *Term, err error, off int) {
	me, ok := err.(*MacroError) // ParseMacroString's errors, never wrapped
	if !ok {
		return
	}
	sp := explain.Span{off + me.Start, off + me.End}
	text := p.v[sp.Start():sp.End()]
	if me.Problem == MacroExpOnlyLetter {
		p.syntax(t, CodeMacroExpOnly, sp, explain.Args{"macro": text, "name": t.Name})
		return
	}
	args := explain.Args{"macro": text, "problem": string(me.Problem)}
	switch me.Problem {
	case MacroPercentOther, MacroBadLetter, MacroBadTransformer, MacroBadByte:
		args["char"] = string(rune(me.Char)) // a byte over 0x7F as the rune of that value, as %q shows it
	}
	p.syntax(t, CodeMacroInvalid, sp, args)
}

// domainSpec checks t.DomainSpec against RFC 7208 §7.1: a macro-string that
// ends in a dot and a top-level label, or in a macro.
func (p *parser) domainSpec(t *Term) {
	spec, off := t.DomainSpec, t.DomainSpan.Start()
	parts, err := ParseMacroString(spec, false)
	t.Macros = parts
	if err != nil {
		p.macroError(t, err, off)
		return
	}
	for _, mp := range parts {
		if mp.Kind == PartMacro && mp.Letter == MacroPTR {
			p.add(CodeMacroPTR, explain.Span{off + mp.Start, off + mp.End}, explain.Args{"macro": mp.Text})
		}
	}
	last := parts[len(parts)-1]
	if last.Kind != PartLiteral {
		return // ends in a macro-expand
	}
	text := strings.TrimSuffix(last.Text, ".")
	dot := strings.LastIndexByte(text, '.')
	top := text[dot+1:]
	list := len(parts) == 1 && strings.ContainsAny(spec, ",;")
	if dot < 0 || !validTopLabel(top) {
		args := explain.Args{"name": t.Name, "domain": spec}
		switch {
		case list:
			args["reason"] = reasonList
		case text == "" && len(parts) > 1:
			args["reason"] = reasonDotAfterMacro
		case dot < 0:
			args["reason"] = reasonNoDot
		default:
			args["reason"], args["label"] = reasonTopLabel, top
		}
		p.syntax(t, CodeDomainInvalid, t.DomainSpan, args)
		if s, text, ok := domainFix(t, args["reason"]); ok {
			p.fixLast(s, text)
		}
		return
	}
	if list {
		p.add(CodeDomainBadName, t.DomainSpan, explain.Args{"domain": spec, "reason": reasonList, "kind": string(t.Kind), "name": t.Name})
		p.fixLast(t.DomainSpan, listApart(spec))
		return
	}
	if len(parts) == 1 {
		p.nameLabels(t, spec)
	}
}

// listApart is the domain-spec spec, which holds terms written as a list,
// with a space for each "," and ";".
func listApart(spec string) string {
	return strings.Map(func(r rune) rune {
		if r == ',' || r == ';' {
			return ' '
		}
		return r
	}, spec)
}

// domainFix is the fix of spf.domain.invalid for the reason given, as its
// message says it: the terms of a list written apart, a final "." after a
// macro, a CIDR length or a port removed, an address under its ip4 name.
func domainFix(t *Term, reason string) (explain.Span, string, bool) {
	spec, ds := t.DomainSpec, t.DomainSpan
	switch reason {
	case reasonList:
		return ds, listApart(spec), true
	case reasonDotAfterMacro:
		return explain.Span{ds.End() - 1, ds.End()}, "", true
	}
	if i := strings.LastIndexByte(spec, '/'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return explain.Span{ds.Start() + i, ds.End()}, "", true
	}
	if i := strings.LastIndexByte(spec, ':'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return explain.Span{ds.Start() + i, ds.End()}, "", true
	}
	if ip, err := ipaddr.ParseAddr(spec); err == nil && ip.Is4() && t.Kind.IsMechanism() {
		return explain.Span{t.NameSpan.Start(), ds.End()}, string(KindIP4) + ":" + spec, true
	}
	return explain.Span{}, "", false
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
	if len(name) > 253 {
		p.add(CodeDomainBadName, t.DomainSpan, explain.Args{"domain": spec, "reason": reasonTooLong, "bytes": strconv.Itoa(len(name))})
		return
	}
	for _, l := range strings.Split(name, ".") {
		switch {
		case l == "":
			p.add(CodeDomainBadName, t.DomainSpan, explain.Args{"domain": spec, "reason": reasonEmptyLabel})
			return
		case len(l) > 63:
			p.add(CodeDomainBadName, t.DomainSpan, explain.Args{"domain": spec, "reason": reasonLongLabel, "label": l})
			return
		}
	}
}

// record runs the checks that look at the record as a whole.
func (p *parser) record() {
	r := p.rec
	v := p.v
	if len(v) > 450 {
		p.add(CodeRecordTooLong, explain.Span{0, len(v)}, explain.Args{"bytes": strconv.Itoa(len(v))})
	}
	seen := map[Kind]*Term{}
	// the lookup terms as written, qualifier and case aside, and their repeats
	type dup struct {
		first   *Term
		repeats []*Term
	}
	dups := map[string]*dup{}
	var keys []string
	var all *Term
	lookups := 0
	var unreachable []*Term
	for i := range r.Terms {
		t := &r.Terms[i]
		if t.Kind == KindRedirect || t.Kind == KindExp {
			if prev := seen[t.Kind]; prev != nil {
				p.syntax(t, CodeModifierDuplicate, t.Span, explain.Args{"name": string(t.Kind), "first": prev.Text, "term": t.Text})
				if strings.EqualFold(prev.Text, t.Text) {
					p.fixLast(p.cut([]*Term{t}))
				}
			} else {
				seen[t.Kind] = t
			}
		}
		if t.Kind == KindPTR {
			p.add(CodePTRDiscouraged, t.Span, nil)
			p.fixLast(p.cut([]*Term{t}))
		}
		if all != nil && t.Kind.IsMechanism() {
			unreachable = append(unreachable, t)
			continue
		}
		if t.Kind == KindAll && all == nil {
			all = t
		}
		if t.Kind.IsMechanism() && t.Kind.CostsLookup() {
			key := toLower(strings.TrimLeft(t.Text, "+-~?"))
			switch d := dups[key]; {
			case d == nil:
				dups[key] = &dup{first: t}
				keys = append(keys, key)
			case !t.SyntaxError:
				d.repeats = append(d.repeats, t)
			}
			lookups++
			if lookups == MaxLookups+1 {
				p.add(CodeLookupsTooMany, t.Span, lookupArgs(t, lookups))
			}
		}
	}
	for _, k := range keys {
		if d := dups[k]; len(d.repeats) > 0 {
			again := d.repeats[0]
			p.add(CodeTermDuplicate, again.Span, explain.Args{"term": again.Text, "first": d.first.Text,
				"count": strconv.Itoa(len(d.repeats)), "kind": string(again.Kind)})
			p.fixLast(p.cut(d.repeats))
		}
	}
	if red := seen[KindRedirect]; red != nil && !red.SyntaxError {
		if all != nil {
			p.add(CodeRedirectIgnored, red.Span, explain.Args{"term": red.Text, "all": all.Text, "domain": red.DomainSpec})
			p.fixLast(p.cut([]*Term{red}))
		} else {
			lookups++
			if lookups == MaxLookups+1 {
				p.add(CodeLookupsTooMany, red.Span, lookupArgs(red, lookups))
			}
		}
		if last := &r.Terms[len(r.Terms)-1]; last != red && seen[KindRedirect] == red {
			p.add(CodeRedirectNotLast, red.Span, explain.Args{"term": red.Text})
			cut := p.blankBefore(red.Span.Start())
			p.fixLast(explain.Span{cut, last.Span.End()}, v[red.Span.End():last.Span.End()]+" "+red.Text)
		}
	}
	if len(unreachable) > 0 {
		texts := make([]string, len(unreachable))
		for i, t := range unreachable {
			texts[i] = t.Text
		}
		p.add(CodeTermUnreachable, explain.Span{unreachable[0].Span.Start(), unreachable[len(unreachable)-1].Span.End()},
			explain.Args{"terms": strings.Join(texts, " "), "all": all.Text})
		p.fixLast(p.cut(unreachable))
	}
	p.splitFixes()
	p.mergeFix()
	if all != nil {
		p.allFinding(all)
	} else if seen[KindRedirect] == nil && (r.Selected || len(r.Terms) > 0) {
		p.add(CodeAllMissing, explain.Span{0, len(v)}, nil)
		// Other fixes first: one may make a term the "all" or the
		// redirect the record lacks, and the next round adds "all" if not.
		if !slices.ContainsFunc(p.findings, func(f explain.Finding) bool { return f.Fix != nil }) {
			end := r.VersionSpan.End()
			if len(r.Terms) > 0 {
				end = max(end, r.Terms[len(r.Terms)-1].Span.End())
			}
			p.fixLast(explain.Span{end, end}, " "+defaultAll)
		}
	}
	r.lookups = lookups
}

// allFinding reports what the first "all" gives senders that no mechanism
// matched.
func (p *parser) allFinding(all *Term) {
	switch all.Qualifier {
	case QualifierPass:
		p.add(CodeAllPass, all.Span, explain.Args{"term": all.Text})
		p.fixLast(all.Span, defaultAll)
	case QualifierNeutral:
		p.add(CodeAllNeutral, all.Span, nil)
		p.fixLast(all.Span, defaultAll)
	case QualifierSoftfail:
		p.add(CodeAllSoftfail, all.Span, nil)
	case QualifierFail:
		p.add(CodeAllFail, all.Span, nil)
	}
}

// splitFixes gives the fixes that join what a space split: a qualifier
// and its mechanism ("- all", spf.term.empty), "ip4:" or "ip6:" and the
// address after it (spf.mechanism.syntax), an address and the prefix
// length after it ("/24", spf.mechanism.unknown).
func (p *parser) splitFixes() {
	terms := p.rec.Terms
	for i := 0; i+1 < len(terms); i++ {
		t, next := &terms[i], &terms[i+1]
		join := explain.Span{t.Span.Start(), next.Span.End()}
		switch {
		case t.Kind == KindInvalid && len(t.Text) == 1 && next.Kind.IsMechanism() && !next.QualifierExplicit:
			p.fixFinding(CodeTermEmpty, t.Span, join, t.Text+next.Text)
		case (t.Kind == KindIP4 || t.Kind == KindIP6) && t.NetworkSpan.Len() == 0 && strings.HasSuffix(t.Text, ":") &&
			next.Kind == KindInvalid && isAddress(next.Text):
			p.fixFinding(CodeMechanismSyntax, t.Span, join, t.Text+next.Text)
		case (t.Kind == KindIP4 || t.Kind == KindIP6) && t.Network.IsValid() && t.IP4CIDRSpan.Len()+t.IP6CIDRSpan.Len() == 0 &&
			next.Kind == KindInvalid && next.Name == "" && strings.HasPrefix(next.Text, "/"):
			p.fixFinding(CodeMechanismUnknown, next.Span, join, t.Text+next.Text)
		}
	}
}

// mergeFix makes the fix of the first spf.version.repeated the records
// pasted into one, merged (Merge), when the first ends in its own "all"
// (two whole records, the second never reached today) and they can be
// merged; else the fix deletes the repeated "v=spf1" (modifier), which
// changes no sender's result.
func (p *parser) mergeFix() {
	var parts []string
	var first *Term
	at := 0
	for i := range p.rec.Terms {
		if t := &p.rec.Terms[i]; t.Kind == KindUnknownModifier && toLower(t.Text) == Version {
			parts = append(parts, p.v[at:t.Span.Start()])
			at = t.Span.Start()
			if first == nil {
				first = t
			}
		}
	}
	if first == nil {
		return
	}
	if head, _ := Parse(parts[0]); head.All() == nil {
		return
	}
	if merged, ok := Merge(append(parts, p.v[at:])); ok {
		p.fixFinding(CodeVersionRepeated, first.Span, explain.Span{0, len(p.v)}, merged)
	}
}

// defaultAll is the "all" a fix writes where the record has none, or one
// that protects nothing ("+all", "?all"): softfail, which receivers
// usually accept and mark, so that a legitimate sender the record forgot is
// not lost while its owner checks the list, and which DMARC counts as SPF
// not passing.
const defaultAll = "~all"

// blankBefore is where the spaces before offset i begin.
func (p *parser) blankBefore(i int) int {
	for i > 0 && p.v[i-1] == ' ' {
		i--
	}
	return i
}

// cut is the fix that deletes terms (in the order of the record) and the
// spaces before each, leaving the rest of the value between them as it is;
// a term at the start of the value loses the spaces after it instead.
func (p *parser) cut(terms []*Term) (explain.Span, string) {
	var b strings.Builder
	start, at := -1, 0
	for _, t := range terms {
		from, to := p.blankBefore(t.Span.Start()), t.Span.End()
		if from == 0 {
			for to < len(p.v) && p.v[to] == ' ' {
				to++
			}
		}
		if start < 0 {
			start = from
		} else {
			b.WriteString(p.v[at:from])
		}
		at = to
	}
	return explain.Span{start, at}, b.String()
}

// fixFinding gives the last finding of code at span s the fix that writes
// text at fs.
func (p *parser) fixFinding(code string, s, fs explain.Span, text string) {
	for i := len(p.findings) - 1; i >= 0; i-- {
		if f := p.findings[i]; f.Code == code && f.Span == s {
			p.findings[i] = f.WithFix(fs, text)
			return
		}
	}
}

// lookupArgs are the args of spf.lookups.too_many for t, the nth term that
// costs a lookup.
func lookupArgs(t *Term, n int) explain.Args {
	return explain.Args{"term": t.Text, "kind": string(t.Kind), "count": strconv.Itoa(n)}
}
