package spf

import (
	"fmt"
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

func (p *parser) add(sev explain.Severity, code string, s explain.Span, ref, msg string) {
	p.findings = append(p.findings, explain.Finding{Severity: sev, Code: code, Message: msg, Span: s, Ref: ref})
}

// syntax records a finding that makes the record a permerror.
func (p *parser) syntax(t *Term, code string, s explain.Span, ref, msg string) {
	p.add(explain.Error, code, s, ref, msg)
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
		sep := c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || r == '\u00a0'
		if sep {
			end(i)
			what := map[rune]string{'\t': "a tab", '\r': "a carriage return", '\n': "a line break",
				'\v': "a vertical tab", '\f': "a form feed", '\u00a0': "a no-break space (U+00A0)"}[r]
			p.syntax(nil, CodeRecordIllegalChar, sp, "RFC 7208 §4.6.1",
				fmt.Sprintf("Byte %d is %s: terms must be separated by plain spaces only, so receivers return permerror. Replace it with a space (check that the DNS panel did not keep a line break from a pasted record).", i, what))
			i += n
			continue
		}
		if start < 0 {
			start = i
		}
		quiet = true
		p.syntax(nil, CodeRecordIllegalChar, sp, "RFC 7208 §12", illegalCharMessage(v, i, r, n))
		i += n
	}
	end(len(v))
	return toks
}

func illegalCharMessage(v string, i int, r rune, n int) string {
	switch {
	case r == '\u2013' || r == '\u2014' || r == '\u2212':
		return fmt.Sprintf("Byte %d is %q (U+%04X), a typographic dash that a word processor or web page put where the ASCII hyphen-minus \"-\" belongs; SPF records are ASCII only, so receivers return permerror. Retype it as \"-\".", i, r, r)
	case r == '\u201c' || r == '\u201d' || r == '\u2018' || r == '\u2019':
		return fmt.Sprintf("Byte %d is the curly quotation mark %q (U+%04X), copied from formatted text; SPF records are ASCII only, so receivers return permerror. Remove it (the DNS panel adds any quoting itself).", i, r, r)
	case r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060':
		return fmt.Sprintf("Bytes %d to %d are the invisible character U+%04X, usually carried over by copy and paste; SPF records are ASCII only, so receivers return permerror. Delete it and retype the term by hand.", i, i+n, r)
	case r == utf8.RuneError && n == 1:
		return fmt.Sprintf("Byte %d (0x%02X) is not ASCII; SPF records are restricted to 7-bit ASCII, so receivers return permerror. Remove it.", i, v[i])
	case r < 0x80:
		return fmt.Sprintf("Byte %d is the control byte 0x%02X; SPF records may hold only visible ASCII characters and spaces, so receivers return permerror. Remove it.", i, r)
	}
	return fmt.Sprintf("Byte %d starts the non-ASCII character %q (U+%04X); SPF records are restricted to ASCII, so receivers return permerror. Remove it or write the name in its ASCII (xn--) form.", i, r, r)
}

// version finds the version token and parses the terms around it.
func (p *parser) version(toks []token) {
	r := p.rec
	if len(toks) == 0 {
		p.syntax(nil, CodeVersionMissing, explain.Span{0, len(p.v)}, "RFC 7208 §4.5",
			`The record is empty: an SPF record starts with "v=spf1". Publish for example "v=spf1 -all" for a domain that sends no mail.`)
		return
	}
	first := toks[0]
	text := p.v[first.start:first.end]
	low := toLower(text)
	sp := explain.Span{first.start, first.end}
	rest := toks[1:]
	leading := first.start > 0 && strings.TrimLeft(p.v[:first.start], " \t\r\n") == ""
	switch {
	case low == Version:
		r.VersionSpan = sp
		r.Selected = IsSPF(p.v)
		if leading {
			p.syntax(nil, CodeVersionLeadingSpace, explain.Span{0, first.start}, "RFC 7208 §4.5",
				fmt.Sprintf(`The record begins with %d byte(s) of whitespace before "v=spf1"; receivers select only TXT records that begin with exactly "v=spf1", so they do not see this one and the domain has no SPF policy. Delete the leading whitespace.`, first.start))
		}
	case strings.HasPrefix(low, Version):
		r.VersionSpan = explain.Span{first.start, first.start + len(Version)}
		tail := text[len(Version):]
		if ascii.IsDigits(tail) {
			p.syntax(nil, CodeVersionInvalid, sp, "RFC 7208 §4.5",
				fmt.Sprintf(`%q is not the SPF version: the version is exactly "v=spf1" followed by a space, so receivers ignore this record. Write "v=spf1".`, text))
			break
		}
		p.syntax(nil, CodeVersionGlued, sp, "RFC 7208 §4.5",
			fmt.Sprintf(`"v=spf1" runs straight into %q with no space, so the record does not begin with "v=spf1" followed by a space and receivers ignore it. Insert a space: "v=spf1 %s". (TXT strings are joined without spaces, RFC 7208 §3.3, so a record split as "v=spf1" "%s" has the same problem.)`, tail, tail, tail))
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
		case found > 0:
			vt := toks[found]
			r.VersionSpan = explain.Span{vt.start, vt.end}
			p.syntax(nil, CodeVersionNotFirst, r.VersionSpan, "RFC 7208 §4.5",
				fmt.Sprintf(`"v=spf1" must be the first thing in the record, but %q comes before it, so receivers ignore the record. Move "v=spf1" to the beginning.`, p.v[toks[0].start:toks[found-1].end]))
			rest = append(append([]token{}, toks[:found]...), toks[found+1:]...)
		case !strings.Contains(low, ":") && (strings.HasPrefix(low, "v=") || strings.HasPrefix(low, "spf") || strings.HasPrefix(low, "v:spf") || strings.HasPrefix(low, "v-spf")):
			r.VersionSpan = sp
			p.syntax(nil, CodeVersionInvalid, sp, "RFC 7208 §4.5", versionTypoMessage(text, low))
		default:
			p.syntax(nil, CodeVersionMissing, explain.Span{0, len(p.v)}, "RFC 7208 §4.5",
				`The record does not start with "v=spf1", so receivers do not treat it as an SPF record. Put "v=spf1" and a space at the very beginning.`)
			rest = toks
		}
	}
	for _, t := range rest {
		p.rec.Terms = append(p.rec.Terms, p.term(t))
	}
}

func versionTypoMessage(text, low string) string {
	switch {
	case strings.HasPrefix(low, "spf2.0"):
		return fmt.Sprintf(`%q is a Sender ID record (RFC 4406, experimental, now historic), not SPF: SPF receivers ignore it. If you meant SPF, start the record with "v=spf1".`, text)
	case low == "spf1" || low == "spf":
		return fmt.Sprintf(`%q lacks the "v=": the version is exactly "v=spf1", so receivers ignore this record. Write "v=spf1".`, text)
	}
	return fmt.Sprintf(`%q is not the SPF version: the only version is "v=spf1" (RFC 7208 has no other), so receivers ignore this record. Write "v=spf1".`, text)
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
		sub.syntax(&t, CodeTermEmpty, t.Span, "RFC 7208 §4.6.2",
			fmt.Sprintf(`%q stands alone: a qualifier must be written directly before its mechanism, with no space (for example "%sall"). Remove the space after it.`, tok, tok))
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
		what := "receivers return permerror for the whole record"
		if !t.SyntaxError {
			what = fmt.Sprintf("receivers read it as %s %q, a name that has no SPF record, so evaluation ends in permerror", t.Name, t.DomainSpec)
		}
		sub.add(explain.Error, CodeAllGlued, t.Span, "RFC 7208 §4.6.1",
			fmt.Sprintf(`%q is glued to %q with no space between them: %s, and the record has no "all" of its own. Insert a space: "%s %s".`, t.gluedAll, before, what, before, t.gluedAll))
		return t
	}
	if !known {
		sub.syntax(&t, CodeMechanismUnknown, t.Span, "RFC 7208 §4.6.1", unknownMechanismMessage(tok, t.Name, low, j))
		return t
	}
	t.Kind = kind
	sub.mechanism(&t, tok, j)
	return t
}

func unknownMechanismMessage(tok, name, low string, j int) string {
	hint := ""
	switch {
	case (low == "redirect" || low == "exp") && j < len(tok) && tok[j] == ':':
		hint = fmt.Sprintf(` %s is a modifier and takes "=", not ":": write "%s=%s".`, low, name, tok[j+1:])
	case low == "v" || strings.HasPrefix(low, "spf"):
		hint = ` It looks like a second version tag; a record has "v=spf1" once, at the start.`
	case strings.HasSuffix(low, ",") || strings.HasSuffix(low, ";"):
		hint = fmt.Sprintf(` Terms are separated by spaces only: remove the %q.`, low[len(low)-1:])
	default:
		if s := suggestMechanism(low); s != "" {
			hint = fmt.Sprintf(` Did you mean %q?`, s)
		}
	}
	return fmt.Sprintf(`%q is not an SPF mechanism (all, include, a, mx, ptr, ip4, ip6, exists) nor a modifier (name=value), so receivers return permerror for the whole record.%s`, name, hint)
}

var mechanismAliases = map[string]string{
	"ipv4": "ip4", "ip": "ip4", "ipv6": "ip6", "inc": "include", "includes": "include",
	"exist": "exists", "aaaa": "a", "ip4addr": "ip4",
}

func suggestMechanism(low string) string {
	if s, ok := mechanismAliases[low]; ok {
		return s
	}
	best, bestD := "", 3
	for _, m := range []string{"include", "exists", "redirect", "ip4", "ip6", "ptr", "all"} {
		d := editDistance(low, m)
		if d < bestD && d <= len(m)/3 {
			best, bestD = m, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	if len(a) > 32 || len(b) > 32 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// modifier parses name=value; tok[j] is '='.
func (p *parser) modifier(t *Term, tok string, j int) {
	off := t.Span.Start()
	t.ModifierValue, t.ModifierSpan = tok[j+1:], explain.Span{off + j + 1, off + len(tok)}
	low := toLower(t.Name)
	if !validModifierName(t.Name) {
		msg := fmt.Sprintf(`%q is not a valid modifier name: a name starts with a letter and holds only letters, digits, "-", "_" and "." (RFC 7208 §12), so receivers return permerror for the whole record.`, t.Name)
		if t.Name == "" {
			msg = fmt.Sprintf(`%q has nothing before "=": a modifier is name=value, so receivers return permerror for the whole record. Remove the "=" or write the modifier's name.`, tok)
		}
		p.syntax(t, CodeModifierInvalidName, t.NameSpan, "RFC 7208 §6", msg)
		return
	}
	if t.QualifierExplicit {
		p.syntax(t, CodeModifierQualifier, explain.Span{off, off + 1}, "RFC 7208 §6",
			fmt.Sprintf(`Modifiers take no qualifier, but %q starts with %q, so receivers return permerror for the whole record. Remove the %q.`, tok, t.Qualifier.String(), t.Qualifier.String()))
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
			p.syntax(t, CodeDomainMissing, t.Span, t.Kind.Ref(),
				fmt.Sprintf(`%q has no domain after "=", so receivers return permerror for the whole record. Write the domain (for example "%s=_spf.example.com") or remove the term.`, tok, low))
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
			p.add(explain.Warning, CodeVersionRepeated, t.Span, "RFC 7208 §4.5",
				`A second "v=spf1" inside the record: two records were probably pasted into one. Receivers read it as an unknown modifier named "v" and ignore it, so the terms after it belong to this record. Merge the two into one record with a single "v=spf1" at the start and one "all" at the end.`)
		default:
			p.add(explain.Info, CodeModifierUnknown, t.Span, "RFC 7208 §6", unknownModifierMessage(t))
		}
	}
}

// mechanism parses the arguments of a known mechanism; tok[j:] is what
// follows the name.
func (p *parser) mechanism(t *Term, tok string, j int) {
	off := t.Span.Start()
	rest := tok[j:]
	ref := t.Kind.Ref()
	switch t.Kind {
	case KindAll:
		if rest != "" {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, ref,
				fmt.Sprintf(`"all" takes no argument, but %q follows it, so receivers return permerror for the whole record. Write just "%sall".`, rest, t.Qualifier.String()))
		}
	case KindInclude, KindExists:
		if rest == "" || rest == ":" {
			p.syntax(t, CodeDomainMissing, t.Span, ref,
				fmt.Sprintf(`%q needs a domain after ":" (for example "%s:_spf.example.com"), so receivers return permerror for the whole record.`, tok, t.Name))
			return
		}
		if rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, ref,
				fmt.Sprintf(`%q must be followed by ":" and a domain and takes no CIDR length, so receivers return permerror for the whole record.`, t.Name))
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
			msg := fmt.Sprintf(`%q cannot follow %q: after the name come an optional ":domain" and optional CIDR lengths "/n" (IPv4) and "//n" (IPv6), so receivers return permerror for the whole record.`, rest, t.Name)
			if rest[0] == '/' && ascii.IsDigits(rest[1:]) && t.IP4CIDR != NoCIDR {
				msg = fmt.Sprintf(`The IPv6 length needs two slashes: write "%s%s//%d", not "%s%s/%d"; as written, receivers return permerror for the whole record.`, t.Name, rest, t.IP4CIDR, t.Name, rest, t.IP4CIDR)
			}
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + j + len(rest)}, ref, msg)
			return
		}
		if len(rest) == 1 {
			p.syntax(t, CodeDomainMissing, t.Span, ref,
				fmt.Sprintf(`%q has ":" but no domain, so receivers return permerror for the whole record. Write the domain after ":" or drop the ":" to mean the record's own domain.`, tok))
			return
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = rest[1:], explain.Span{off + j + 1, off + j + len(rest)}, true
		p.domainSpec(t)
	case KindPTR:
		if rest == "" {
			return
		}
		if rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, ref,
				fmt.Sprintf(`"ptr" takes no CIDR length, but %q follows it, so receivers return permerror for the whole record.`, rest))
			return
		}
		if len(rest) == 1 {
			p.syntax(t, CodeDomainMissing, t.Span, ref,
				fmt.Sprintf(`%q has ":" but no domain, so receivers return permerror for the whole record.`, tok))
			return
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = rest[1:], explain.Span{off + j + 1, off + len(tok)}, true
		p.domainSpec(t)
	case KindIP4, KindIP6:
		if rest == "" || rest == ":" || rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, t.Span, ref,
				fmt.Sprintf(`%q needs ":" and an address (for example "%s:%s"), so receivers return permerror for the whole record.`, tok, t.Name, map[Kind]string{KindIP4: "192.0.2.0/24", KindIP6: "2001:db8::/32"}[t.Kind]))
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
			p.syntax(t, CodeCIDRInvalid, sp, "RFC 7208 §5.6",
				fmt.Sprintf(`%q has two single-slash lengths; the IPv6 length needs two slashes: write "%s/%s//%s" (IPv4 /%s, IPv6 /%s). As written, receivers return permerror for the whole record.`, rest[j:], t.Name, rest[j+1:i], rest[i+1:], rest[j+1:i], rest[i+1:]))
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
	bad := func(why string) int {
		p.syntax(t, CodeCIDRInvalid, s, "RFC 7208 §5.6",
			fmt.Sprintf(`The %s prefix length %q %s; receivers return permerror for the whole record.`, fam, p.v[s.Start():s.End()], why))
		return NoCIDR
	}
	switch {
	case d == "":
		return bad(fmt.Sprintf("has no number (write a length from 0 to %d after the slash, or remove the slash)", max))
	case !ascii.IsDigits(d):
		return bad(fmt.Sprintf("is not a number from 0 to %d", max))
	case len(d) > 1 && d[0] == '0':
		return bad(fmt.Sprintf("has a leading zero, which SPF does not allow (write /%s)", strings.TrimLeft(d, "0")))
	}
	n, err := strconv.Atoi(d)
	if err != nil || n > max {
		return bad(fmt.Sprintf("is out of range (%s lengths go from 0 to %d)", fam, max))
	}
	return n
}

// network parses the value of ip4 or ip6; off is where val starts.
func (p *parser) network(t *Term, val string, off int) {
	addr := val
	ref := "RFC 7208 §5.6"
	if i := strings.Index(val, "//"); i >= 0 {
		t.IP6CIDRSpan = explain.Span{off + i, off + len(val)}
		p.syntax(t, CodeCIDRInvalid, t.IP6CIDRSpan, ref,
			fmt.Sprintf(`%s takes a single prefix length "/n"; the dual form %q is only for a and mx, so receivers return permerror for the whole record.`, t.Name, val[i:]))
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
		p.add(explain.Warning, CodeCIDRHostBits, t.Span, ref,
			fmt.Sprintf(`%s has bits set beyond its /%d prefix: receivers compare only the first %d bits, so it means %s. Write %s:%s (or /%d if you meant the single address %s).`,
				p.v[t.NetworkSpan.Start():t.Span.End()], bits, bits, pfx, t.Name, pfx, t.Addr.BitLen(), t.Addr))
	}
	p.wide(t, bits, t.Addr.Is4())
	if cls, doc := classify(pfx); cls != "" {
		code := CodeIPNonPublic
		msg := fmt.Sprintf(`%s is %s: mail reaching receivers over the internet never comes from it, so this term authorises nothing useful. Use the public address your mail leaves from (ask your provider, or look at the Received headers of a sent message).`, pfx, cls)
		if doc {
			code = CodeIPDocumentation
			msg = fmt.Sprintf(`%s is %s, used in examples and never on the internet: it was probably copied from documentation. Replace it with the public address your mail leaves from.`, pfx, cls)
		}
		p.add(explain.Warning, code, t.NetworkSpan, ref, msg)
	}
}

func (p *parser) wide(t *Term, bits int, v4 bool) {
	limit, fam, total := 16, "IPv4", 32
	if !v4 {
		limit, fam, total = 32, "IPv6", 128
	}
	if bits >= limit {
		return
	}
	what := fmt.Sprintf("/%d covers 2^%d %s addresses", bits, total-bits, fam)
	if v4 {
		what = fmt.Sprintf("/%d covers %s IPv4 addresses", bits, groupDigits(fmt.Sprint(uint64(1)<<(32-bits))))
	}
	if bits == 0 {
		what = fmt.Sprintf("/0 covers every %s address on the internet: for %s clients it is as open as \"+all\"", fam, fam)
	}
	if t.Kind == KindA || t.Kind == KindMX {
		what = fmt.Sprintf("each address the lookup finds stands for its /%d network; %s", bits, what)
	}
	p.add(explain.Warning, CodeCIDRWide, t.Span, "RFC 7208 §5",
		fmt.Sprintf(`%q is very wide: %s, far more than any one sender uses. List only the networks your mail actually leaves from.`, t.Text, what))
}

func (p *parser) ip4(t *Term, s string) {
	sp := t.NetworkSpan
	ref := "RFC 7208 §5.6"
	if a, err := netip.ParseAddr(s); err == nil {
		if a.Is4() {
			t.Addr = a
			return
		}
		if a.Zone() == "" {
			p.syntax(t, CodeIP4IsIPv6, sp, ref,
				fmt.Sprintf(`%q is an IPv6 address, but ip4 takes only IPv4 addresses, so receivers return permerror for the whole record. Write "ip6:%s".`, s, p.v[sp.Start():t.Span.End()]))
			return
		}
	}
	if s == "" {
		p.syntax(t, CodeMechanismSyntax, t.Span, ref, `"ip4:" has no address, so receivers return permerror for the whole record. Write an IPv4 address such as "ip4:192.0.2.1" or a network such as "ip4:192.0.2.0/24".`)
		return
	}
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if a, err := netip.ParseAddr(s[:i]); err == nil && a.Is4() && ascii.IsDigits(s[i+1:]) {
			p.syntax(t, CodeIP4Invalid, sp, ref,
				fmt.Sprintf(`%q has a port number; SPF matches addresses only, so receivers return permerror for the whole record. Write "ip4:%s".`, s, s[:i]))
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
			p.syntax(t, CodeIP4Invalid, sp, ref,
				fmt.Sprintf(`%q is a host name, not an IPv4 address; ip4 takes only numeric addresses, so receivers return permerror for the whole record. To authorise the addresses that name resolves to, write "a:%s" (it costs one DNS lookup), or write its IPv4 address with ip4.`, s, s))
			return
		}
		t.placeholder = true
		p.syntax(t, CodeIP4Placeholder, sp, ref,
			fmt.Sprintf(`%q is a placeholder copied from documentation, not an IPv4 address: letters stand where the digits of your mail server's address belong, so receivers return permerror for the whole record and no mail passes SPF. Replace it with the public IPv4 address your mail is sent from (for example "ip4:203.0.113.25", or "ip4:203.0.113.0/24" for a network), or delete the term if an include such as your provider's already covers your mail.`, s))
		return
	}
	parts := strings.Split(s, ".")
	why := "is not a dotted-quad IPv4 address"
	switch {
	case len(parts) != 4:
		why = fmt.Sprintf("has %d part(s) instead of 4; parts of an address cannot be left out: write a network as all four parts and a prefix length, such as 192.0.2.0/24 instead of 192.0.2", len(parts))
	default:
		for _, q := range parts {
			if !ascii.IsDigits(q) {
				break
			}
			if len(q) > 1 && q[0] == '0' {
				why = fmt.Sprintf("has the part %q with a leading zero, which SPF does not allow (write %s)", q, strings.TrimLeft(q, "0")+map[bool]string{true: "0"}[strings.TrimLeft(q, "0") == ""])
				break
			}
			if n, err := strconv.Atoi(q); err != nil || n > 255 {
				why = fmt.Sprintf("has the part %q, but each part is 0 to 255", q)
				break
			}
		}
	}
	p.syntax(t, CodeIP4Invalid, sp, ref, fmt.Sprintf(`%q %s, so receivers return permerror for the whole record.`, s, why))
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
	ref := "RFC 7208 §5.6"
	a, err := netip.ParseAddr(s)
	switch {
	case s == "":
		p.syntax(t, CodeMechanismSyntax, t.Span, ref, `"ip6:" has no address, so receivers return permerror for the whole record. Write an IPv6 address or network such as "ip6:2001:db8::/32".`)
	case err == nil && a.Is4():
		p.syntax(t, CodeIP6IsIPv4, sp, ref,
			fmt.Sprintf(`%q is an IPv4 address, but ip6 takes only IPv6 addresses, so receivers return permerror for the whole record. Write "ip4:%s".`, s, p.v[sp.Start():t.Span.End()]))
	case err == nil && a.Zone() != "":
		p.syntax(t, CodeIP6Invalid, sp, ref,
			fmt.Sprintf(`%q has a zone index (%%%s), which only means something on one host; receivers return permerror for the whole record. Remove it.`, s, a.Zone()))
	case err != nil:
		p.syntax(t, CodeIP6Invalid, sp, ref,
			fmt.Sprintf(`%q is not an IPv6 address in the form of RFC 4291 §2.2 (eight groups of up to four hex digits, "::" at most once), so receivers return permerror for the whole record.`, s))
	default:
		t.Addr = a
		if a.Is4In6() {
			p.add(explain.Warning, CodeIP6IPv4Mapped, sp, "RFC 7208 §5",
				fmt.Sprintf(`%q is an IPv4-mapped IPv6 address: receivers compare IPv4 clients with ip4 mechanisms only, so this never matches them. Write "ip4:%s" instead.`, s, a.Unmap()))
		}
	}
}

// classify names the special-purpose range a prefix lies in, and whether it
// is a documentation range.
func classify(pfx netip.Prefix) (string, bool) {
	for _, r := range specialRanges {
		if r.pfx.Bits() <= pfx.Bits() && r.pfx.Contains(pfx.Addr()) {
			return r.name, r.doc
		}
	}
	return "", false
}

var specialRanges = func() []struct {
	pfx  netip.Prefix
	name string
	doc  bool
} {
	list := []struct{ p, name string }{
		{"0.0.0.0/8", "in 0.0.0.0/8 (\"this network\", RFC 791)"},
		{"10.0.0.0/8", "a private address (10.0.0.0/8, RFC 1918)"},
		{"100.64.0.0/10", "shared carrier-grade NAT space (100.64.0.0/10, RFC 6598)"},
		{"127.0.0.0/8", "a loopback address (127.0.0.0/8)"},
		{"169.254.0.0/16", "a link-local address (169.254.0.0/16, RFC 3927)"},
		{"172.16.0.0/12", "a private address (172.16.0.0/12, RFC 1918)"},
		{"192.0.0.0/24", "IETF protocol assignment space (192.0.0.0/24, RFC 6890)"},
		{"192.0.2.0/24", "a documentation address (TEST-NET-1, 192.0.2.0/24, RFC 5737)"},
		{"192.168.0.0/16", "a private address (192.168.0.0/16, RFC 1918)"},
		{"198.18.0.0/15", "benchmarking space (198.18.0.0/15, RFC 2544)"},
		{"198.51.100.0/24", "a documentation address (TEST-NET-2, 198.51.100.0/24, RFC 5737)"},
		{"203.0.113.0/24", "a documentation address (TEST-NET-3, 203.0.113.0/24, RFC 5737)"},
		{"224.0.0.0/4", "a multicast address (224.0.0.0/4)"},
		{"240.0.0.0/4", "reserved space (240.0.0.0/4)"},
		{"::/128", "the unspecified address (::)"},
		{"::1/128", "the loopback address (::1)"},
		{"fc00::/7", "a unique local address (fc00::/7, RFC 4193)"},
		{"fe80::/10", "a link-local address (fe80::/10)"},
		{"ff00::/8", "a multicast address (ff00::/8)"},
		{"2001:db8::/32", "a documentation address (2001:db8::/32, RFC 3849)"},
		{"3fff::/20", "a documentation address (3fff::/20, RFC 9637)"},
	}
	out := make([]struct {
		pfx  netip.Prefix
		name string
		doc  bool
	}, len(list))
	for i, e := range list {
		out[i].pfx = netip.MustParsePrefix(e.p)
		out[i].name = e.name
		out[i].doc = strings.Contains(e.name, "documentation")
	}
	return out
}()

func unknownModifierMessage(t *Term) string {
	switch toLower(t.Name) {
	case "default":
		return fmt.Sprintf(`%q is the "default" modifier of pre-standard SPF drafts; RFC 7208 does not define it and receivers ignore it. Use an "all" mechanism (for example "-all") to set the result for other senders.`, t.Text)
	case "ra", "rp", "rr":
		return fmt.Sprintf(`%q is a modifier of the SPF reporting extension (RFC 6652), which few receivers support; receivers that do not know it ignore it (RFC 7208 §6).`, t.Text)
	}
	for _, known := range []string{"redirect", "exp"} {
		if d := editDistance(toLower(t.Name), known); d > 0 && d <= len(known)/3+1 && d < len(t.Name) {
			return fmt.Sprintf(`%q is not a modifier RFC 7208 defines, so receivers ignore it (RFC 7208 §6) and it has no effect. Did you mean "%s="? As written, this record has no %s.`, t.Text, known, known)
		}
	}
	return fmt.Sprintf(`%q is not a modifier RFC 7208 defines (redirect, exp); receivers ignore unknown modifiers (RFC 7208 §6), so it has no effect on SPF results.`, t.Text)
}
