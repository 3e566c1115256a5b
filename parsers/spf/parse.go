package spf

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/parsers/explain"
)

type parser struct {
	v        string
	rec      *Record
	findings []explain.Finding
}

// add records a finding about the record as a whole, or about a term whose
// code cites a fixed section (see codeInfo).
func (p *parser) add(code string, s explain.Span, msg string) {
	p.findings = append(p.findings, newFinding(nil, code, s, msg))
}

// syntax records a finding that makes the record a permerror; t is the term
// it is about, nil for the record as a whole.
func (p *parser) syntax(t *Term, code string, s explain.Span, msg string) {
	p.findings = append(p.findings, newFinding(t, code, s, msg))
	p.rec.syntaxError = true
	if t != nil {
		t.SyntaxError = true
	}
}

type token struct {
	start, end int
	quiet      bool // the token holds an illegal character, already reported
}

// Parse reads an SPF record value (TXT strings already joined, RFC 7208
// §3.3). It never fails: a broken record yields every term that could be read
// and findings for what is wrong. Findings that make the record a permerror
// have severity Error and set Record.PermError.
func Parse(value string) (*Record, []explain.Finding) {
	p := &parser{v: value, rec: &Record{Value: value, Terms: []Term{}}}
	toks := p.tokens()
	p.version(toks)
	p.record()
	return p.rec, p.findings
}

// tokens splits the value on spaces, reporting other whitespace and illegal
// bytes.
func (p *parser) tokens() []token {
	v := p.v
	var toks []token
	start := -1
	quiet := false
	end := func(i int) {
		if start >= 0 {
			toks = append(toks, token{start, i, quiet})
			start, quiet = -1, false
		}
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c == ' ' {
			end(i)
			i++
			continue
		}
		if c < utf8.RuneSelf && c > ' ' && c < 0x7f {
			if start < 0 {
				start = i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(v[i:])
		sp := explain.Span{i, i + n}
		if isSeparator(r) {
			end(i)
			if len(toks) == 0 && versionFollows(v[i:]) {
				// spf.version.leading_space says it
				i += n
				continue
			}
			// Whitespace other than a space breaks the rule of §4.6.1, not
			// §12's; right after the version, the selection of §4.5.
			msg, ref := msgSeparator(i, r), refTerms
			if i == len(Version) && equalFold(v[:i], Version) {
				msg, ref = msgSeparatorAfterVersion(r), refVersion
			}
			p.syntax(nil, CodeRecordIllegalChar, sp, msg)
			p.findings[len(p.findings)-1].Ref = ref
			i += n
			continue
		}
		if start < 0 {
			start = i
		}
		quiet = true
		p.syntax(nil, CodeRecordIllegalChar, sp, msgIllegalChar(v, i, r, n))
		i += n
	}
	end(len(v))
	return toks
}

// isSeparator reports whether r is whitespace other than a space, which a
// pasted record may hold between its words (RFC 7208 allows only spaces).
func isSeparator(r rune) bool {
	return r == '\t' || r == '\r' || r == '\n' || r == '\v' || r == '\f' || r == '\u00a0'
}

// versionFollows reports whether s is whitespace and then the word
// "v=spf1", the case where version reports spf.version.leading_space.
func versionFollows(s string) bool {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return r == ' ' || isSeparator(r) })
	if len(s) < len(Version) || !equalFold(s[:len(Version)], Version) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(Version):])
	return len(s) == len(Version) || r == ' ' || isSeparator(r)
}

// version finds the version token and parses the terms around it.
func (p *parser) version(toks []token) {
	r := p.rec
	if len(toks) == 0 {
		p.syntax(nil, CodeVersionMissing, explain.Span{0, len(p.v)}, msgVersionEmpty())
		return
	}
	first := toks[0]
	text := p.v[first.start:first.end]
	low := toLower(text)
	sp := explain.Span{first.start, first.end}
	rest := toks[1:]
	leading := first.start > 0 && versionFollows(p.v)
	switch {
	case low == Version:
		r.VersionSpan = sp
		r.Selected = IsSPF(p.v)
		if leading {
			p.syntax(nil, CodeVersionLeadingSpace, explain.Span{0, first.start}, msgVersionLeadingSpace(first.start))
		}
	case strings.HasPrefix(low, Version):
		r.VersionSpan = explain.Span{first.start, first.start + len(Version)}
		tail := text[len(Version):]
		if ascii.IsDigits(tail) {
			p.syntax(nil, CodeVersionInvalid, sp, msgVersionDigits(text))
			break
		}
		p.syntax(nil, CodeVersionGlued, sp, msgVersionGlued(tail))
		rest = append([]token{{first.start + len(Version), first.end, first.quiet}}, rest...)
	default:
		found := -1
		for i, t := range toks {
			if toLower(p.v[t.start:t.end]) == Version {
				found = i
				break
			}
		}
		switch {
		case isSenderID(low):
			r.VersionSpan, r.SenderID = sp, true
			p.syntax(nil, CodeVersionSenderID, sp, msgVersionSenderID(text))
		case found > 0:
			vt := toks[found]
			r.VersionSpan = explain.Span{vt.start, vt.end}
			p.syntax(nil, CodeVersionNotFirst, r.VersionSpan, msgVersionNotFirst(p.v[toks[0].start:toks[found-1].end]))
			rest = append(append([]token{}, toks[:found]...), toks[found+1:]...)
		case !strings.Contains(low, ":") && (strings.HasPrefix(low, "v=") || strings.HasPrefix(low, "spf") || strings.HasPrefix(low, "v:spf") || strings.HasPrefix(low, "v-spf")):
			r.VersionSpan = sp
			p.syntax(nil, CodeVersionInvalid, sp, msgVersionTypo(text))
		default:
			p.syntax(nil, CodeVersionMissing, explain.Span{0, len(p.v)}, msgVersionMissing(text))
			rest = toks
		}
	}
	for _, t := range rest {
		p.rec.Terms = append(p.rec.Terms, p.term(t))
	}
}

// isSenderID reports whether the lower-cased first word of a record is a
// Sender ID version section (RFC 4406): "spf2." digits "/" and the scopes
// ("spf2.0/pra", "spf2.0/mfrom,pra"), as published or with a "v=" before it.
func isSenderID(low string) bool {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(low, "v="), "spf2.")
	i := 0
	for i < len(rest) && isDigit(rest[i]) {
		i++
	}
	return ok && i > 0 && i < len(rest)-1 && rest[i] == '/'
}

func validModifierName(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlpha(c) && !isDigit(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// gluedAll returns the length of a trailing qualifier+"all" glued to a term.
func gluedAll(tok string) int {
	if len(tok) <= 4 {
		return 0
	}
	tail := toLower(tok[len(tok)-4:])
	if tail[1:] == "all" && strings.IndexByte("+-~?", tail[0]) >= 0 {
		return 4
	}
	return 0
}

var mechanismKinds = map[string]Kind{
	"all": KindAll, "include": KindInclude, "a": KindA, "mx": KindMX, "ptr": KindPTR,
	"ip4": KindIP4, "ip6": KindIP6, "exists": KindExists,
}

// term parses one term.
func (p *parser) term(tk token) Term {
	off := tk.start
	tok := p.v[tk.start:tk.end]
	t := Term{Span: explain.Span{tk.start, tk.end}, Text: tok, IP4CIDR: NoCIDR, IP6CIDR: NoCIDR, Kind: KindInvalid}
	sub := &parser{v: p.v, rec: p.rec}
	defer func() {
		if tk.quiet {
			// The illegal character was reported; the term cannot be valid.
			t.SyntaxError = true
			p.rec.syntaxError = true
			return
		}
		p.findings = append(p.findings, sub.findings...)
	}()
	i := 0
	if strings.IndexByte("+-~?", tok[0]) >= 0 {
		t.Qualifier, t.QualifierExplicit = Qualifier(tok[0]), true
		i = 1
	}
	if i == len(tok) {
		sub.syntax(&t, CodeTermEmpty, t.Span, msgTermEmpty(tok))
		return t
	}
	j := i
	for j < len(tok) && strings.IndexByte(":/=", tok[j]) < 0 {
		j++
	}
	t.Name, t.NameSpan = tok[i:j], explain.Span{off + i, off + j}
	low := toLower(t.Name)
	if j < len(tok) && tok[j] == '=' {
		sub.modifier(&t, tok, j)
		return t
	}
	if t.Qualifier == 0 {
		t.Qualifier = QualifierPass
	}
	kind, known := mechanismKinds[low]
	if g := gluedAll(tok); g > 0 && kind != KindAll {
		t.gluedAll, t.gluedAllOffset = tok[len(tok)-g:], off+len(tok)-g
		before := tok[:len(tok)-g]
		if known {
			t.Kind = kind
			// Parse as the RFC reads it, without reporting what the glued
			// "all" breaks; then explain the real mistake.
			quiet := &parser{v: p.v, rec: &Record{}}
			quiet.mechanism(&t, tok, j)
			t.placeholder = false
			if t.SyntaxError {
				p.rec.syntaxError = true
			}
		} else {
			t.SyntaxError = true
			p.rec.syntaxError = true
		}
		sub.add(CodeAllGlued, t.Span, msgAllGlued(&t, before))
		return t
	}
	if !known {
		sub.syntax(&t, CodeMechanismUnknown, t.Span, msgMechanismUnknown(tok, t.Name, j))
		return t
	}
	t.Kind = kind
	sub.mechanism(&t, tok, j)
	return t
}

// modifier parses name=value; tok[j] is '='.
func (p *parser) modifier(t *Term, tok string, j int) {
	off := t.Span.Start()
	t.ModifierValue, t.ModifierSpan = tok[j+1:], explain.Span{off + j + 1, off + len(tok)}
	low := toLower(t.Name)
	if !validModifierName(t.Name) {
		p.syntax(t, CodeModifierInvalidName, t.NameSpan, msgModifierInvalidName(tok, t.Name))
		return
	}
	if t.QualifierExplicit {
		p.syntax(t, CodeModifierQualifier, explain.Span{off, off + 1}, msgModifierQualifier(tok, t.Qualifier))
	}
	t.Qualifier = 0
	switch low {
	case "redirect", "exp":
		t.Kind = KindRedirect
		if low == "exp" {
			t.Kind = KindExp
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = t.ModifierValue, t.ModifierSpan, true
		if t.DomainSpec == "" {
			p.syntax(t, CodeDomainMissing, t.Span, msgDomainMissing(t, tok))
			return
		}
		p.domainSpec(t)
	default:
		t.Kind = KindUnknownModifier
		parts, err := ParseMacroString(t.ModifierValue, true)
		t.Macros = parts
		switch {
		case err != nil:
			p.macroError(t, err, t.ModifierSpan.Start())
		case low == "v" && toLower(t.ModifierValue) == "spf1":
			p.add(CodeVersionRepeated, t.Span, msgVersionRepeated())
		case mechanismKinds[low] != "":
			p.add(CodeModifierMechanism, t.Span, msgModifierMechanism(t))
		default:
			p.add(CodeModifierUnknown, t.Span, msgModifierUnknown(t))
		}
	}
}

// mechanism parses the arguments of a known mechanism; tok[j:] is what
// follows the name.
func (p *parser) mechanism(t *Term, tok string, j int) {
	off := t.Span.Start()
	rest := tok[j:]
	switch t.Kind {
	case KindAll:
		if rest != "" {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, msgAllArgument(rest, t.Qualifier))
		}
	case KindInclude, KindExists:
		if rest == "" || rest == ":" {
			p.syntax(t, CodeDomainMissing, t.Span, msgDomainMissing(t, tok))
			return
		}
		if rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, msgDomainOnly(t.Name))
			return
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = rest[1:], explain.Span{off + j + 1, off + len(tok)}, true
		p.domainSpec(t)
	case KindA, KindMX:
		rest = p.dualCIDR(t, rest, off+j)
		if rest == "" {
			return
		}
		if rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + j + len(rest)}, msgAfterName(t, rest))
			return
		}
		if len(rest) == 1 {
			p.syntax(t, CodeDomainMissing, t.Span, msgDomainMissing(t, tok))
			return
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = rest[1:], explain.Span{off + j + 1, off + j + len(rest)}, true
		p.domainSpec(t)
	case KindPTR:
		if rest == "" {
			return
		}
		if rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, msgPTRArgument(rest))
			return
		}
		if len(rest) == 1 {
			p.syntax(t, CodeDomainMissing, t.Span, msgDomainMissing(t, tok))
			return
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = rest[1:], explain.Span{off + j + 1, off + len(tok)}, true
		p.domainSpec(t)
	case KindIP4, KindIP6:
		if rest == "" || rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, t.Span, msgNeedsAddress(t, tok))
			return
		}
		p.network(t, rest[1:], off+j+1)
	}
}

// dualCIDR strips "/n" and "//n" from the end of rest (a and mx) and returns
// what is left.
func (p *parser) dualCIDR(t *Term, rest string, off int) string {
	if i := strings.LastIndexByte(rest, '/'); i > 0 && ascii.IsDigits(rest[i+1:]) {
		if j := strings.LastIndexByte(rest[:i], '/'); j >= 0 && ascii.IsDigits(rest[j+1:i]) && (j == 0 || rest[j-1] != '/') {
			sp := explain.Span{off + j, off + len(rest)}
			p.syntax(t, CodeCIDRInvalid, sp, msgCIDRTwoSingle(rest[j:], t.Name, rest[j+1:i], rest[i+1:]))
			t.IP4CIDRSpan = explain.Span{off + j, off + i}
			t.IP6CIDRSpan = explain.Span{off + i, off + len(rest)}
			return rest[:j]
		}
	}
	if i := strings.LastIndex(rest, "//"); i >= 0 && (rest[i+2:] == "" || ascii.IsDigits(rest[i+2:])) {
		t.IP6CIDRSpan = explain.Span{off + i, off + len(rest)}
		t.IP6CIDR = p.cidr(t, rest[i+2:], 128, "IPv6", t.IP6CIDRSpan)
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "/"); i >= 0 && (rest[i+1:] == "" || ascii.IsDigits(rest[i+1:])) {
		t.IP4CIDRSpan = explain.Span{off + i, off + len(rest)}
		t.IP4CIDR = p.cidr(t, rest[i+1:], 32, "IPv4", t.IP4CIDRSpan)
		rest = rest[:i]
	}
	if t.IP4CIDR != NoCIDR {
		p.wide(t, t.IP4CIDR, true)
	}
	if t.IP6CIDR != NoCIDR {
		p.wide(t, t.IP6CIDR, false)
	}
	return rest
}

// cidr validates a prefix length; it returns NoCIDR when invalid.
func (p *parser) cidr(t *Term, d string, max int, fam string, s explain.Span) int {
	text := p.v[s.Start():s.End()]
	var msg string
	switch n, err := strconv.Atoi(d); {
	case d == "":
		msg = msgCIDREmpty(fam, text, max)
	case !ascii.IsDigits(d):
		msg = msgCIDRNotNumber(fam, text, max)
	case len(d) > 1 && d[0] == '0':
		msg = msgCIDRLeadingZero(fam, text, d)
	case err != nil || n > max:
		msg = msgCIDRRange(fam, text, max)
	default:
		return n
	}
	p.syntax(t, CodeCIDRInvalid, s, msg)
	return NoCIDR
}

// network parses the value of ip4 or ip6; off is where val starts.
func (p *parser) network(t *Term, val string, off int) {
	addr := val
	if i := strings.Index(val, "//"); i >= 0 {
		t.IP6CIDRSpan = explain.Span{off + i, off + len(val)}
		p.syntax(t, CodeCIDRInvalid, t.IP6CIDRSpan, msgIPDualCIDR(t.Name, val[i:]))
		addr = val[:i]
	} else if i := strings.IndexByte(val, '/'); i >= 0 && strings.Count(val, "/") > 1 {
		sp := explain.Span{off + i, off + len(val)}
		if t.Kind == KindIP6 {
			t.IP6CIDRSpan = sp
		} else {
			t.IP4CIDRSpan = sp
		}
		p.syntax(t, CodeCIDRInvalid, sp, msgIPManyCIDR(t.Name, val[i:]))
		addr = val[:i]
	} else if i := strings.LastIndexByte(val, '/'); i >= 0 {
		max, fam, sp := 32, "IPv4", &t.IP4CIDRSpan
		if t.Kind == KindIP6 {
			max, fam, sp = 128, "IPv6", &t.IP6CIDRSpan
		}
		*sp = explain.Span{off + i, off + len(val)}
		n := p.cidr(t, val[i+1:], max, fam, *sp)
		if t.Kind == KindIP6 {
			t.IP6CIDR = n
		} else {
			t.IP4CIDR = n
		}
		addr = val[:i]
	}
	t.NetworkSpan = explain.Span{off, off + len(addr)}
	if t.Kind == KindIP4 {
		p.ip4(t, addr)
	} else {
		p.ip6(t, addr)
	}
	if !t.Addr.IsValid() || t.SyntaxError {
		return
	}
	bits := t.Addr.BitLen()
	if t.Kind == KindIP4 && t.IP4CIDR != NoCIDR {
		bits = t.IP4CIDR
	}
	if t.Kind == KindIP6 && t.IP6CIDR != NoCIDR {
		bits = t.IP6CIDR
	}
	pfx, err := t.Addr.Prefix(bits)
	if err != nil {
		return
	}
	t.Network = pfx
	if pfx.Addr() != t.Addr {
		p.add(CodeCIDRHostBits, t.Span, msgCIDRHostBits(p.v[t.NetworkSpan.Start():t.Span.End()], t.Name, pfx, t.Addr))
	}
	p.wide(t, bits, t.Addr.Is4())
	switch cls, doc := classify(pfx); {
	case doc:
		p.add(CodeIPDocumentation, t.NetworkSpan, msgIPDocumentation(pfx, cls))
	case cls != "":
		p.add(CodeIPNonPublic, t.NetworkSpan, msgIPNonPublic(pfx, cls))
	}
}

func (p *parser) wide(t *Term, bits int, v4 bool) {
	limit := 16
	if !v4 {
		limit = 32
	}
	if bits < limit {
		p.add(CodeCIDRWide, t.Span, msgCIDRWide(t, bits, v4))
	}
}

func (p *parser) ip4(t *Term, s string) {
	sp := t.NetworkSpan
	if a, err := netip.ParseAddr(s); err == nil {
		if a.Is4() {
			t.Addr = a
			return
		}
		if a.Zone() == "" {
			p.syntax(t, CodeIP4IsIPv6, sp, msgIP4IsIPv6(s, p.v[sp.Start():t.Span.End()]))
			return
		}
	}
	if s == "" {
		p.syntax(t, CodeMechanismSyntax, t.Span, msgIP4Empty())
		return
	}
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if a, err := netip.ParseAddr(s[:i]); err == nil && a.Is4() && ascii.IsDigits(s[i+1:]) {
			p.syntax(t, CodeIP4Invalid, sp, msgIP4Port(s, s[:i]))
			return
		}
	}
	hasLetter := false
	for i := 0; i < len(s); i++ {
		if isAlpha(s[i]) {
			hasLetter = true
		}
	}
	if hasLetter {
		if looksLikeHostname(s) {
			p.syntax(t, CodeIP4Invalid, sp, msgIP4Hostname(s))
			return
		}
		t.placeholder = true
		p.syntax(t, CodeIP4Placeholder, sp, msgIP4Placeholder(s))
		return
	}
	p.syntax(t, CodeIP4Invalid, sp, msgIP4Invalid(s))
}

func looksLikeHostname(s string) bool {
	low := toLower(s)
	for _, w := range []string{"x.", ".x", "your", "ip", "address", "here", "<", ">", "_", "xxx", "server"} {
		if strings.Contains(low, w) {
			return false
		}
	}
	labels := strings.Split(strings.TrimSuffix(low, "."), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) < 2 {
			return false
		}
	}
	top := labels[len(labels)-1]
	for i := 0; i < len(top); i++ {
		if !isAlpha(top[i]) {
			return false
		}
	}
	return true
}

func (p *parser) ip6(t *Term, s string) {
	sp := t.NetworkSpan
	a, err := netip.ParseAddr(s)
	switch {
	case s == "":
		p.syntax(t, CodeMechanismSyntax, t.Span, msgIP6Empty())
	case err == nil && a.Is4():
		p.syntax(t, CodeIP6IsIPv4, sp, msgIP6IsIPv4(s, p.v[sp.Start():t.Span.End()]))
	case err == nil && a.Zone() != "":
		p.syntax(t, CodeIP6Invalid, sp, msgIP6Zone(s, a.Zone()))
	case err != nil:
		p.syntax(t, CodeIP6Invalid, sp, msgIP6Invalid(s))
	default:
		t.Addr = a
		if a.Is4In6() {
			p.add(CodeIP6IPv4Mapped, sp, msgIP6IPv4Mapped(s, a.Unmap(), t.Prefix6()))
		}
	}
}
