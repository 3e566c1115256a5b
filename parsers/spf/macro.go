package spf

import (
	"errors"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ipaddr"
)

// MacroLetter is the letter of a "%{…}" macro (RFC 7208 §7.2), lowercased.
type MacroLetter byte

const (
	MacroSender       MacroLetter = 's' // "s" <sender>, RFC 7208 §7.2
	MacroLocalPart    MacroLetter = 'l' // "l" local-part of <sender>, RFC 7208 §7.2
	MacroSenderDomain MacroLetter = 'o' // "o" domain of <sender>, RFC 7208 §7.2
	MacroDomain       MacroLetter = 'd' // "d" <domain>, RFC 7208 §7.2
	MacroIP           MacroLetter = 'i' // "i" <ip>, RFC 7208 §7.2
	MacroPTR          MacroLetter = 'p' // "p" validated domain name of <ip> (do not use), RFC 7208 §7.2
	MacroIPVersion    MacroLetter = 'v' // "v" "in-addr" or "ip6", RFC 7208 §7.2
	MacroHelo         MacroLetter = 'h' // "h" HELO/EHLO domain, RFC 7208 §7.2
	MacroClientIP     MacroLetter = 'c' // "c" SMTP client IP, exp text only, RFC 7208 §7.2
	MacroReceiver     MacroLetter = 'r' // "r" receiving host, exp text only, RFC 7208 §7.2
	MacroTimestamp    MacroLetter = 't' // "t" current timestamp, exp text only, RFC 7208 §7.2
)

// ExpOnly reports whether the letter is allowed only in explanation text
// (the TXT record an exp= modifier points to), RFC 7208 §7.2.
func (l MacroLetter) ExpOnly() bool {
	return l == MacroClientIP || l == MacroReceiver || l == MacroTimestamp
}

func validLetter(c byte) bool {
	switch MacroLetter(lower(c)) {
	case MacroSender, MacroLocalPart, MacroSenderDomain, MacroDomain, MacroIP, MacroPTR,
		MacroIPVersion, MacroHelo, MacroClientIP, MacroReceiver, MacroTimestamp:
		return true
	}
	return false
}

// MacroPartKind says what a MacroPart is.
type MacroPartKind string

const (
	PartLiteral  MacroPartKind = "literal"   // macro-literal run, RFC 7208 §7.1
	PartMacro    MacroPartKind = "macro"     // "%{" letter transformers delimiters "}", RFC 7208 §7.1
	PartPercent  MacroPartKind = "percent"   // "%%", a literal "%", RFC 7208 §7.1
	PartSpace    MacroPartKind = "space"     // "%_", a space, RFC 7208 §7.1
	PartURLSpace MacroPartKind = "url-space" // "%-", "%20", RFC 7208 §7.1
	PartSP       MacroPartKind = "sp"        // a space in explanation text, RFC 7208 §7.1
)

// MacroPart is one piece of a macro-string.
type MacroPart struct {
	Kind       MacroPartKind
	Start, End int    // byte offsets into the string that was parsed
	Text       string // as written
	Letter     MacroLetter
	URLEscape  bool   // the letter was uppercase: the expansion is URL-escaped
	Digits     int    // keep this many right-hand parts; 0 means all
	HasDigits  bool   // digits were written
	Reverse    bool   // the "r" transformer
	Delimiters string // split characters; "" means "."
}

// MacroProblem names what is wrong with a malformed macro (MacroError).
type MacroProblem string

const (
	MacroPercentAtEnd   MacroProblem = "percent_at_end"  // "%" ends the string, RFC 7208 §7.1
	MacroPercentOther   MacroProblem = "percent_other"   // "%" and then not "{", "%", "_" or "-" (Char), RFC 7208 §7.1
	MacroUnclosed       MacroProblem = "unclosed"        // "%{" never closed with "}", RFC 7208 §7.1
	MacroNoLetter       MacroProblem = "no_letter"       // "%{}", RFC 7208 §7.1
	MacroBadLetter      MacroProblem = "bad_letter"      // "%{x}": Char is no macro letter, RFC 7208 §7.2
	MacroExpOnlyLetter  MacroProblem = "exp_only"        // c, r or t (Char) outside explanation text, RFC 7208 §7.2
	MacroZeroDigits     MacroProblem = "zero_digits"     // "%{d0}": keep zero parts, RFC 7208 §7.3
	MacroBadTransformer MacroProblem = "bad_transformer" // Char is neither a transformer nor a delimiter, RFC 7208 §7.1
	MacroBadByte        MacroProblem = "bad_byte"        // Char is not a visible ASCII character, RFC 7208 §7.1
)

// MacroError is a syntax error in a macro-string.
type MacroError struct {
	Start, End int          // the bad bytes in the string that was parsed
	Problem    MacroProblem // what is wrong
	Char       byte         // the byte Problem is about (percent_other, bad_letter, exp_only, bad_transformer, bad_byte)
}

func (e *MacroError) Error() string {
	return "spf: macro at offset " + strconv.Itoa(e.Start) + ": " + macroProblemText(e.Problem, e.Char)
}

// ErrMacro is wrapped by every error ExpandMacro returns for bad syntax.
var ErrMacro = errors.New("spf: invalid macro")

func isDelimiter(c byte) bool { return strings.IndexByte(".-+,/_=", c) >= 0 }

// ParseMacroString splits s into macro-string parts (RFC 7208 §7.1). When
// expText is true, s is explanation text: spaces are allowed and the letters
// c, r and t are valid; otherwise they are errors (RFC 7208 §7.2). It returns
// the parts it could read and the first error, a *MacroError.
func ParseMacroString(s string, expText bool) ([]MacroPart, error) {
	var parts []MacroPart
	lit := -1
	flush := func(end int) {
		if lit >= 0 {
			parts = append(parts, MacroPart{Kind: PartLiteral, Start: lit, End: end, Text: s[lit:end]})
			lit = -1
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '%':
			flush(i)
			if i+1 >= len(s) {
				return parts, &MacroError{i, i + 1, MacroPercentAtEnd, 0}
			}
			switch s[i+1] {
			case '%':
				parts = append(parts, MacroPart{Kind: PartPercent, Start: i, End: i + 2, Text: "%%"})
				i += 2
				continue
			case '_':
				parts = append(parts, MacroPart{Kind: PartSpace, Start: i, End: i + 2, Text: "%_"})
				i += 2
				continue
			case '-':
				parts = append(parts, MacroPart{Kind: PartURLSpace, Start: i, End: i + 2, Text: "%-"})
				i += 2
				continue
			case '{':
			default:
				return parts, &MacroError{i, i + 2, MacroPercentOther, s[i+1]}
			}
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return parts, &MacroError{i, len(s), MacroUnclosed, 0}
			}
			end += i + 1
			p, err := parseMacroExpand(s, i, end, expText)
			if err != nil {
				return parts, err
			}
			parts = append(parts, p)
			i = end
		case c == ' ' && expText:
			flush(i)
			parts = append(parts, MacroPart{Kind: PartSP, Start: i, End: i + 1, Text: " "})
			i++
		case c >= 0x21 && c <= 0x7e:
			if lit < 0 {
				lit = i
			}
			i++
		default:
			flush(i)
			return parts, &MacroError{i, i + 1, MacroBadByte, c}
		}
	}
	flush(len(s))
	return parts, nil
}

// parseMacroExpand reads s[start:end], which is "%{…}".
func parseMacroExpand(s string, start, end int, expText bool) (MacroPart, error) {
	p := MacroPart{Kind: PartMacro, Start: start, End: end, Text: s[start:end]}
	body := s[start+2 : end-1]
	if body == "" {
		return p, &MacroError{start, end, MacroNoLetter, 0}
	}
	c := body[0]
	if !validLetter(c) {
		return p, &MacroError{start, end, MacroBadLetter, c}
	}
	p.Letter = MacroLetter(lower(c))
	p.URLEscape = c >= 'A' && c <= 'Z'
	if p.Letter.ExpOnly() && !expText {
		return p, &MacroError{start, end, MacroExpOnlyLetter, c}
	}
	j := 1
	for j < len(body) && body[j] >= '0' && body[j] <= '9' {
		j++
	}
	if j > 1 {
		p.HasDigits = true
		n, err := strconv.Atoi(body[1:j])
		if err != nil || n > 1000 {
			n = 1000 // more parts than any name has: all of them
		}
		if n == 0 {
			return p, &MacroError{start, end, MacroZeroDigits, 0}
		}
		p.Digits = n
	}
	if j < len(body) && (body[j] == 'r' || body[j] == 'R') {
		p.Reverse = true
		j++
	}
	for ; j < len(body); j++ {
		if !isDelimiter(body[j]) {
			return p, &MacroError{start, end, MacroBadTransformer, body[j]}
		}
	}
	k := 1
	for k < len(body) && (body[k] >= '0' && body[k] <= '9') {
		k++
	}
	if p.Reverse {
		k++
	}
	p.Delimiters = body[k:]
	return p, nil
}

// MacroVars are the values macros expand to (RFC 7208 §7.2 and §4.1).
type MacroVars struct {
	Sender        string      // %{s}: <sender>, "local@domain"
	LocalPart     string      // %{l}: its local-part ("postmaster" when it had none, RFC 7208 §4.3)
	SenderDomain  string      // %{o}: its domain
	Domain        string      // %{d}: the <domain> being checked
	IP            ipaddr.Addr // %{i}, %{c}, %{v}: the client address
	Helo          string      // %{h}: the HELO/EHLO name
	ReceivingHost string      // %{r}: this receiver's name; "unknown" when empty
	Timestamp     int64       // %{t}: seconds since the Epoch at evaluation
	PTRName       string      // %{p}: the validated name of IP; "unknown" when empty
}

// macroError is an error of ExpandMacro: ErrMacro, then what is wrong.
type macroError struct{ err error }

func (e macroError) Error() string   { return ErrMacro.Error() + ": " + e.err.Error() }
func (e macroError) Unwrap() []error { return []error{ErrMacro, e.err} }

// ExpandMacro expands the macro-string spec (RFC 7208 §7.3). inExp is true
// for explanation text (the TXT record an exp= modifier names), where spaces
// and the letters c, r and t are allowed. Errors wrap ErrMacro.
func ExpandMacro(spec string, v MacroVars, inExp bool) (string, error) {
	parts, err := ParseMacroString(spec, inExp)
	if err != nil {
		return "", macroError{err}
	}
	var b strings.Builder
	for _, p := range parts {
		switch p.Kind {
		case PartLiteral, PartSP:
			b.WriteString(p.Text)
		case PartPercent:
			b.WriteByte('%')
		case PartSpace:
			b.WriteByte(' ')
		case PartURLSpace:
			b.WriteString("%20")
		case PartMacro:
			b.WriteString(expandOne(p, v))
		}
	}
	return b.String(), nil
}

func expandOne(p MacroPart, v MacroVars) string {
	ip := v.IP.Unmap()
	var val string
	switch p.Letter {
	case MacroSender:
		val = v.Sender
	case MacroLocalPart:
		val = v.LocalPart
	case MacroSenderDomain:
		val = v.SenderDomain
	case MacroDomain:
		val = v.Domain
	case MacroIP:
		val = dottedIP(ip)
	case MacroPTR:
		val = v.PTRName
		if val == "" {
			val = "unknown"
		}
	case MacroIPVersion:
		if ip.Is6() {
			val = "ip6"
		} else {
			val = "in-addr"
		}
	case MacroHelo:
		val = v.Helo
	case MacroClientIP:
		if ip.IsValid() {
			val = ip.String()
		}
	case MacroReceiver:
		val = v.ReceivingHost
		if val == "" {
			val = "unknown"
		}
	case MacroTimestamp:
		val = strconv.FormatInt(v.Timestamp, 10)
	}
	if p.HasDigits || p.Reverse || p.Delimiters != "" {
		val = transform(val, p)
	}
	if p.URLEscape {
		val = urlEscape(val)
	}
	return val
}

// dottedIP is %{i}: dotted quad for IPv4, 32 dot-separated nibbles for IPv6.
func dottedIP(ip ipaddr.Addr) string {
	if !ip.IsValid() {
		return ""
	}
	if ip.Is4() {
		return ip.String()
	}
	const hex = "0123456789abcdef"
	a := ip.As16()
	b := make([]byte, 0, 63)
	for i, x := range a {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, hex[x>>4], '.', hex[x&15])
	}
	return string(b)
}

func transform(val string, p MacroPart) string {
	delims := p.Delimiters
	if delims == "" {
		delims = "."
	}
	parts := splitAny(val, delims)
	if p.Reverse {
		for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
			parts[i], parts[j] = parts[j], parts[i]
		}
	}
	if p.Digits > 0 && p.Digits < len(parts) {
		parts = parts[len(parts)-p.Digits:]
	}
	return strings.Join(parts, ".")
}

func splitAny(s, delims string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(delims, s[i]) >= 0 {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// urlEscape escapes every byte outside RFC 3986's unreserved set.
func urlEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// TruncateDomain shortens an expanded domain name used in a query to at most
// 253 characters by removing labels from the left (RFC 7208 §7.3).
func TruncateDomain(name string) string {
	for len(name) > 253 {
		i := strings.IndexByte(name, '.')
		if i < 0 {
			return name[len(name)-253:]
		}
		name = name[i+1:]
	}
	return name
}
