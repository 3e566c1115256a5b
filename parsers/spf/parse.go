package spf

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/parsers/explain"
)

type parser struct {
	v        string
	rec      *Record
	findings []explain.Finding
}

// add records the finding of code at s, with the args its message is
// written from (codes.go).
func (p *parser) add(code string, s explain.Span, args explain.Args) {
	p.findings = append(p.findings, rules.Finding(code, s, args))
}

// fixLast gives the finding recorded last the fix that writes text at s
// (codes.go says each code's fix).
// A fix that would write what is there already (a slot the value holds
// as it came from an earlier proposal) is none.
func (p *parser) fixLast(s explain.Span, text string) {
	if p.v[s.Start():s.End()] == text {
		return
	}
	i := len(p.findings) - 1
	p.findings[i] = p.findings[i].WithFix(s, text)
}

// syntax records a finding that makes the record a permerror; t is the term
// it is about, nil for the record as a whole.
func (p *parser) syntax(t *Term, code string, s explain.Span, args explain.Args) {
	p.add(code, s, args)
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
			args := explain.Args{"offset": strconv.Itoa(i), "char": string(r)}
			if i == len(Version) && equalFold(v[:i], Version) {
				args["after"] = afterVersion
			}
			p.syntax(nil, CodeRecordIllegalChar, sp, args)
			p.fixLast(sp, " ")
			i += n
			continue
		}
		if start < 0 {
			start = i
		}
		quiet = true
		args := explain.Args{"offset": strconv.Itoa(i), "char": string(r)}
		if r == utf8.RuneError && n == 1 {
			args = explain.Args{"offset": strconv.Itoa(i), "byte": "0x" + numtext.UpperHex(uint64(v[i]), 2)}
		}
		p.syntax(nil, CodeRecordIllegalChar, sp, args)
		if text, ok := asciiFor(r, n); ok {
			p.fixLast(sp, text)
		}
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

// asciiFor is what the illegal character r (n bytes) stands for in ASCII:
// "-" for a typographic dash, nothing for a curly quotation mark, an
// invisible character, a control byte or a byte that is not UTF-8; false
// for other text, which only its author can write in ASCII.
func asciiFor(r rune, n int) (string, bool) {
	switch {
	case r == '\u2013' || r == '\u2014' || r == '\u2212':
		return "-", true
	case r == '\u201c' || r == '\u201d' || r == '\u2018' || r == '\u2019',
		r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060',
		r < 0x80, r == utf8.RuneError && n == 1:
		return "", true
	}
	return "", false
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
		p.syntax(nil, CodeVersionMissing, explain.Span{0, len(p.v)}, nil)
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
			p.syntax(nil, CodeVersionLeadingSpace, explain.Span{0, first.start}, explain.Args{"bytes": strconv.Itoa(first.start)})
			p.fixLast(explain.Span{0, first.start}, "")
		}
	case strings.HasPrefix(low, Version):
		r.VersionSpan = explain.Span{first.start, first.start + len(Version)}
		tail := text[len(Version):]
		if ascii.IsDigits(tail) {
			p.syntax(nil, CodeVersionInvalid, sp, explain.Args{"version": text})
			p.fixLast(sp, Version)
			break
		}
		p.syntax(nil, CodeVersionGlued, sp, explain.Args{"term": tail})
		p.fixLast(explain.Span{r.VersionSpan.End(), r.VersionSpan.End()}, " ")
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
			p.syntax(nil, CodeVersionSenderID, sp, explain.Args{"version": text})
		case found > 0:
			vt := toks[found]
			r.VersionSpan = explain.Span{vt.start, vt.end}
			before := p.v[toks[0].start:toks[found-1].end]
			p.syntax(nil, CodeVersionNotFirst, r.VersionSpan, explain.Args{"before": before})
			p.fixLast(explain.Span{0, vt.end}, p.v[vt.start:vt.end]+" "+before)
			rest = append(append([]token{}, toks[:found]...), toks[found+1:]...)
		case !strings.Contains(low, ":") && (strings.HasPrefix(low, "v=") || strings.HasPrefix(low, "spf") || strings.HasPrefix(low, "v:spf") || strings.HasPrefix(low, "v-spf")):
			r.VersionSpan = sp
			p.syntax(nil, CodeVersionInvalid, sp, explain.Args{"version": text})
			p.fixLast(sp, Version)
		default:
			p.syntax(nil, CodeVersionMissing, explain.Span{0, len(p.v)}, explain.Args{"word": text})
			if !strings.HasPrefix(text, `"`) {
				p.fixLast(explain.Span{0, 0}, Version+" ")
			}
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
		sub.syntax(&t, CodeTermEmpty, t.Span, explain.Args{"term": tok})
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
		args := explain.Args{"term": t.Text, "all": t.gluedAll}
		if !t.SyntaxError {
			args["name"], args["domain"] = t.Name, t.DomainSpec
		}
		sub.add(CodeAllGlued, t.Span, args)
		if doubleQualifier(t.Text, t.gluedAll) {
			sub.fixLast(explain.Span{t.Span.Start(), t.gluedAllOffset}, "")
		} else {
			sub.fixLast(explain.Span{t.gluedAllOffset, t.gluedAllOffset}, " ")
		}
		return t
	}
	if !known {
		sub.syntax(&t, CodeMechanismUnknown, t.Span, explain.Args{"term": tok, "name": t.Name})
		if s, text, ok := unknownFix(&t); ok {
			sub.fixLast(s, text)
		}
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
		p.syntax(t, CodeModifierInvalidName, t.NameSpan, explain.Args{"term": tok, "name": t.Name})
		return
	}
	if t.QualifierExplicit {
		p.syntax(t, CodeModifierQualifier, explain.Span{off, off + 1}, explain.Args{"term": tok, "qualifier": t.Qualifier.String()})
		p.fixLast(explain.Span{off, off + 1}, "")
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
			p.syntax(t, CodeDomainMissing, t.Span, termArgs(t))
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
			p.add(CodeVersionRepeated, t.Span, nil)
			p.fixLast(p.cut([]*Term{t}))
		case mechanismKinds[low] != "":
			p.add(CodeModifierMechanism, t.Span, explain.Args{"term": t.Text, "name": t.Name, "value": t.ModifierValue})
			if low != "all" {
				p.fixLast(explain.Span{t.NameSpan.End(), t.NameSpan.End() + 1}, ":")
			}
		default:
			p.add(CodeModifierUnknown, t.Span, explain.Args{"term": t.Text, "name": t.Name})
			if known := meantModifier(low); known != "" {
				p.fixLast(t.NameSpan, known)
			}
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
			args := syntaxArgs(t, rest)
			args["qualifier"] = t.Qualifier.String()
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, args)
			p.fixLast(explain.Span{off + j, off + len(tok)}, "")
		}
	case KindInclude, KindExists:
		if rest == "" || rest == ":" {
			p.syntax(t, CodeDomainMissing, t.Span, termArgs(t))
			return
		}
		if rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, syntaxArgs(t, rest))
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
			args := afterNameArgs(t, rest)
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + j + len(rest)}, args)
			if lengths, ok := dualCIDRFix(rest, args["ip4_length"]); ok {
				p.fixLast(explain.Span{off + j, off + len(tok)}, lengths)
			}
			return
		}
		if len(rest) == 1 {
			p.syntax(t, CodeDomainMissing, t.Span, termArgs(t))
			if t.Kind == KindA {
				p.fixLast(explain.Span{off + j, off + j + 1}, ":"+explain.SlotText("host"))
			} else {
				p.fixLast(explain.Span{off + j, off + j + 1}, "")
			}
			return
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = rest[1:], explain.Span{off + j + 1, off + j + len(rest)}, true
		p.domainSpec(t)
	case KindPTR:
		if rest == "" {
			return
		}
		if rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, explain.Span{off + j, off + len(tok)}, syntaxArgs(t, rest))
			p.fixLast(explain.Span{off + j, off + len(tok)}, "")
			return
		}
		if len(rest) == 1 {
			p.syntax(t, CodeDomainMissing, t.Span, termArgs(t))
			return
		}
		t.DomainSpec, t.DomainSpan, t.HasDomainSpec = rest[1:], explain.Span{off + j + 1, off + len(tok)}, true
		p.domainSpec(t)
	case KindIP4, KindIP6:
		if rest == "" || rest[0] != ':' {
			p.syntax(t, CodeMechanismSyntax, t.Span, syntaxArgs(t, rest))
			if rest == "" {
				p.fixLast(t.NameSpan, t.Name+":"+addressSlot(t.Kind))
			}
			return
		}
		p.network(t, rest[1:], off+j+1)
	}
}

// dualCIDRFix is what to write after the name of an a or mx term for rest,
// which cannot follow it, and v4, the IPv4 length read after rest: the
// lengths in the order RFC 7208 §12 has them ("/24//64"), when rest is a
// length written the wrong way.
func dualCIDRFix(rest, v4 string) (string, bool) {
	switch {
	case v4 == "":
	case rest[0] == '/' && ascii.IsDigits(rest[1:]):
		return rest + "//" + v4, true
	case strings.HasPrefix(rest, "//") && ascii.IsDigits(rest[2:]):
		return "/" + v4 + rest, true
	}
	return "", false
}

// meantModifier is the modifier RFC 7208 defines that the unknown
// modifier named low (lowercase) is a typo of, or "".
func meantModifier(low string) string {
	for _, known := range []Kind{KindRedirect, KindExp} {
		if d := editDistance(low, string(known)); d > 0 && d <= len(known)/3+1 && d < len(low) {
			return string(known)
		}
	}
	return ""
}

// addressSlot is the slot for the address an ip4 or ip6 term of kind k
// lacks.
func addressSlot(k Kind) string {
	if k == KindIP6 {
		return explain.SlotText("ipv6")
	}
	return explain.SlotText("ipv4")
}

// unknownFix is the fix of spf.mechanism.unknown for t, when the term is
// plainly a slip: the name of the mechanism it was meant as
// (suggestMechanism), a modifier written with ":" ("redirect:x"), or a
// "," or ";" after the name.
func unknownFix(t *Term) (explain.Span, string, bool) {
	low := toLower(t.Name)
	end := t.NameSpan.End()
	switch {
	case (low == "redirect" || low == "exp") && end < t.Span.End() && t.Text[end-t.Span.Start()] == ':':
		return explain.Span{end, end + 1}, "=", true
	case strings.HasSuffix(low, ",") || strings.HasSuffix(low, ";"):
		return explain.Span{end - 1, end}, "", true
	case low == "v" || strings.HasPrefix(low, "spf"), t.Name == "":
		return explain.Span{}, "", false
	}
	if s := suggestMechanism(low); s != "" && s != "redirect" {
		return t.NameSpan, s, true
	}
	return explain.Span{}, "", false
}

// termArgs are the args of a finding about the term t as a whole.
func termArgs(t *Term) explain.Args {
	return explain.Args{"kind": string(t.Kind), "term": t.Text, "name": t.Name}
}

// syntaxArgs are the args of spf.mechanism.syntax for rest, the argument
// written after t's name that it does not take.
func syntaxArgs(t *Term, rest string) explain.Args {
	a := termArgs(t)
	a["argument"] = rest
	return a
}

// afterNameArgs are syntaxArgs for rest after the name of an a or mx term,
// with the IPv4 length read after it.
func afterNameArgs(t *Term, rest string) explain.Args {
	a := syntaxArgs(t, rest)
	if t.IP4CIDR != NoCIDR {
		a["ip4_length"] = strconv.Itoa(t.IP4CIDR)
	}
	return a
}
