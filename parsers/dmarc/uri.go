package dmarc

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/taglist"
	"github.com/mxplain/mxplain/internal/uri"
	"github.com/mxplain/mxplain/parsers/explain"
)

// uris parses a comma-separated DMARC URI list (RFC 9989 §4.8, dmarc-urilist)
// that starts at offset off of the record value, and reports its problems.
func (p *parser) uris(tag, val string, off int) []URI {
	var out []URI
	for part := range taglist.Split(val, ',', isBlank) {
		s, e, i := part.Start, part.End, part.Sep
		if s == e {
			if len(val) > 0 {
				at := off + i
				if i == len(val) {
					at = off + len(val) - 1
				}
				p.add(CodeURIEmpty, explain.Span{at, at + 1}, explain.Args{"tag": tag})
				p.fixLast(explain.Span{at, at + 1}, "")
			}
			continue
		}
		out = append(out, p.uri(tag, val[s:e], off+s))
	}
	return out
}

// uri parses one DMARC reporting URI at offset off.
func (p *parser) uri(tag, text string, off int) URI {
	u := URI{Text: text, URI: text, Span: explain.Span{off, off + len(text)}}
	// The obsolete size suffix: the last "!" (a "!" in the URI itself must be
	// percent-encoded, RFC 9989 §4.8).
	if bang := strings.LastIndexByte(text, '!'); bang >= 0 {
		u.URI, u.SizeText = text[:bang], text[bang+1:]
		u.SizeSpan = explain.Span{off + bang, off + len(text)}
		n, ok := parseSize(u.SizeText)
		if !ok {
			p.add(CodeURISizeInvalid, u.SizeSpan, explain.Args{"tag": tag, "size": u.SizeText})
			p.fixLast(u.SizeSpan, "")
			u.Problem = CodeURISizeInvalid
			return u
		}
		u.Size = n
		p.add(CodeURISizeObsolete, u.SizeSpan, explain.Args{"size": u.SizeText, "bytes": strconv.FormatUint(n, 10)})
	}
	uspan := explain.Span{off, off + len(u.URI)}
	if uri.IsObfuscated(u.URI) {
		p.add(CodeURIObfuscated, uspan, explain.Args{"tag": tag, "uri": u.URI})
		p.fixLast(uspan, "mailto:"+explain.SlotText("report-address"))
		u.Problem = CodeURIObfuscated
		return u
	}
	if at, n, why := uriSyntax(u.URI); why != uriOK {
		sp := explain.Span{off + at, off + at + n}
		p.add(CodeURIInvalid, sp, explain.Args{"tag": tag, "uri": u.URI, "text": p.v[sp[0]:sp[1]], "problem": string(why)})
		switch rest := u.URI[at+n:]; {
		case why == uriBang: // RFC 9989 §4.8: a "!" in a URI MUST be encoded
			p.fixLast(sp, "%21")
		case why == uriBadChar && strings.Trim(p.v[sp[0]:sp[1]], " \t") == "" && hasScheme(strings.TrimLeft(rest, " \t")):
			// Two URIs separated by blanks where a "," belongs.
			p.fixLast(explain.Span{sp[0], sp[1] + len(rest) - len(strings.TrimLeft(rest, " \t"))}, ",")
		}
		u.Problem = CodeURIInvalid
		return u
	}
	scheme, rest, ok := uri.Scheme(u.URI)
	if !ok {
		if strings.Contains(u.URI, "@") {
			p.add(CodeURISchemeMissing, uspan, explain.Args{"tag": tag, "uri": u.URI})
			p.fixLast(explain.Span{off, off}, "mailto:")
			u.Problem = CodeURISchemeMissing
		} else {
			p.add(CodeURIAddressInvalid, uspan, explain.Args{"tag": tag, "uri": u.URI})
			u.Problem = CodeURIAddressInvalid
		}
		return u
	}
	u.Scheme = scheme
	if u.Scheme != "mailto" {
		p.add(CodeURISchemeUnsupported, uspan, explain.Args{"tag": tag, "scheme": u.Scheme})
		u.Problem = CodeURISchemeUnsupported
		u.Valid = strings.HasPrefix(rest, "//") && len(rest) > 2
		return u
	}
	addr := rest
	if q := strings.IndexAny(addr, "?#"); q >= 0 {
		addr = addr[:q]
	}
	addr = uri.Decode(addr)
	u.Address = addr
	// A mailto: URI may name several recipients, separated by commas (RFC
	// 6068 §2), which a DMARC URI holds encoded as "%2C" (RFC 9989 §4.8).
	for _, a := range strings.Split(addr, ",") {
		if args := addressProblem(a); args != nil {
			args["tag"], args["address"] = tag, a
			p.add(CodeURIAddressInvalid, uspan, args)
			u.Problem = CodeURIAddressInvalid
			return u
		}
	}
	u.Valid = true
	return u
}

// hasScheme reports whether s starts with a URI scheme and ":" (RFC 3986
// §3.1) followed by more: the start of another URI.
func hasScheme(s string) bool {
	_, rest, ok := uri.Scheme(s)
	return ok && rest != ""
}

// uriProblem says why a text is not an RFC 3986 URI; CodeURIInvalid's
// "problem" argument.
type uriProblem string

const (
	uriOK         uriProblem = ""
	uriNonASCII   uriProblem = "non_ascii" // a byte over 0x7F: URIs are ASCII (RFC 3986 §2; IRIs are not allowed, RFC 9989 §4.8)
	uriBadChar    uriProblem = "char"      // a space, control or other character RFC 3986 §2 does not allow
	uriBadPercent uriProblem = "percent"   // "%" not followed by two hex digits, RFC 3986 §2.1
	uriBang       uriProblem = "bang"      // a "!" inside the URI, which RFC 9989 §4.8 says MUST be encoded
	uriFragment   uriProblem = "fragment"  // a second "#", RFC 3986 §3.5
	uriBracket    uriProblem = "bracket"   // "[" or "]" outside an authority's IP literal, RFC 3986 §3.2.2
)

// charProblems are uri.Chars's problems by their names in CodeURIInvalid.
var charProblems = map[uri.Problem]uriProblem{
	uri.OK: uriOK, uri.NonASCII: uriNonASCII, uri.BadChar: uriBadChar, uri.BadPercent: uriBadPercent,
	uri.Fragment: uriFragment, uri.Bracket: uriBracket,
}

// uriSyntax checks the characters of s against RFC 3986 (uri.Chars) and
// RFC 9989 §4.8 (no "!", no ","), and returns the first problem with the
// offset and length of the bytes it is about. It does not check the
// structure of each scheme.
func uriSyntax(s string) (at, n int, why uriProblem) {
	at, n, p := uri.Chars(s)
	if i := strings.IndexAny(s, "!,"); i >= 0 && (p == uri.OK || i < at) {
		if s[i] == '!' {
			return i, 1, uriBang
		}
		return i, 1, uriBadChar
	}
	return at, n, charProblems[p]
}

// parseSize reads 1*DIGIT [ "k" / "m" / "g" / "t" ] (RFC 9989 §4.8,
// obs-dmarc-report-size); units are powers of two (RFC 7489 §6.4).
func parseSize(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	shift := 0
	switch s[len(s)-1] {
	case 'k', 'K':
		shift = 10
	case 'm', 'M':
		shift = 20
	case 'g', 'G':
		shift = 30
	case 't', 'T':
		shift = 40
	}
	digits := s
	if shift > 0 {
		digits = s[:len(s)-1]
	}
	if digits == "" {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || n > (1<<64-1)>>shift {
		return 0, false
	}
	return n << shift, true
}

// sizeSyntax reports whether s matches 1*DIGIT [ "k" / "m" / "g" / "t" ],
// whatever its magnitude.
func sizeSyntax(s string) bool {
	if s != "" && strings.ContainsRune("kmgtKMGT", rune(s[len(s)-1])) {
		s = s[:len(s)-1]
	}
	return ascii.IsDigits(s)
}

// addressProblem says what is wrong with a mailto: address, as the
// arguments of CodeURIAddressInvalid that name it (its "problem", and the
// "domain", "label" or "char" it is about), or nil.
func addressProblem(addr string) explain.Args {
	if addr == "" {
		return explain.Args{"problem": "empty"}
	}
	if strings.HasPrefix(addr, "//") {
		return explain.Args{"problem": "slashes"}
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return explain.Args{"problem": "no_at"}
	}
	local, domain := addr[:at], addr[at+1:]
	if local == "" {
		return explain.Args{"problem": "no_local_part"}
	}
	if strings.ContainsAny(local, " \t\"<>()[]\\,;@") {
		return explain.Args{"problem": "local_part_chars"}
	}
	if domain == "" {
		return explain.Args{"problem": "no_domain"}
	}
	return domainProblem(strings.TrimSuffix(domain, "."))
}

// domainProblem checks a host name: letter-digit-hyphen labels (and
// non-ASCII labels, for internationalised names) with at least one dot.
func domainProblem(d string) explain.Args {
	if !strings.Contains(d, ".") {
		return explain.Args{"problem": "domain_no_dot", "domain": d}
	}
	if len(d) > 253 {
		return explain.Args{"problem": "domain_length"}
	}
	for _, l := range strings.Split(d, ".") {
		if l == "" {
			return explain.Args{"problem": "domain_empty_label", "domain": d}
		}
		if len(l) > 63 {
			return explain.Args{"problem": "label_length"}
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return explain.Args{"problem": "label_hyphen", "label": l}
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 0x80 || c == '-' || '0' <= c && c <= '9' || isAlpha(l[i:i+1])) {
				return explain.Args{"problem": "domain_char", "domain": d, "char": string(c)}
			}
		}
	}
	return nil
}
