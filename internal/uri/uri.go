// Package uri checks the URIs mail records name: their characters against
// RFC 3986, the address of a mailto: URI (RFC 6068, addr-spec of RFC 5322
// §3.4.1) and the host of an https: URI (RFC 9110 §4.2.2, RFC 3986 §3.2).
//
// It returns what is wrong as a typed Problem with the offset of the bytes
// it is about, never English inside other English: each record package
// (parsers/tlsrpt, parsers/bimi) writes its own messages, and takes the
// clause that says what a Problem is from Reason, the one place it is
// worded.
package uri

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/ascii"
)

// Problem is what is wrong with a URI, or OK.
type Problem uint8

const (
	OK Problem = iota

	// Characters, RFC 3986 §2.
	NonASCII   // a byte over 0x7F: URIs are ASCII (RFC 3986 §2)
	BadChar    // a space, control or other character RFC 3986 §2 does not allow
	BadPercent // "%" not followed by two hex digits (RFC 3986 §2.1)
	Fragment   // a second "#" (RFC 3986 §3.5)
	Bracket    // "[" or "]" outside the host's IP literal (RFC 3986 §3.2.2)

	// A mailto: address, RFC 6068 §2 and RFC 5322 §3.4.1.
	NoAddress   // nothing after "mailto:"
	SlashSlash  // "mailto://…": the address itself follows the colon
	NoAt        // no "@"
	EmptyLocal  // nothing before "@"
	BadLocal    // the local part is no dot-atom and no quoted string
	EmptyDomain // nothing after "@"

	// A host name (the domain of an address, the host of an https: URI).
	NoDot       // a single label, no dot: no public host name
	EmptyLabel  // two dots in a row, or a leading dot
	LabelLong   // a label over 63 octets (RFC 1035 §2.3.4)
	NameLong    // a name over 253 characters (RFC 1035 §2.3.4)
	Hyphen      // a label that starts or ends with "-" (RFC 5321 §4.1.2)
	HostChar    // a character no host name holds
	IPLiteral   // an IP address where a domain name is needed
	NoAuthority // an https: URI without "//host" (RFC 9110 §4.2.2)
	NoHost      // "https://" with an empty host
	BadPort     // a port that is not a number up to 65535
)

var names = [...]string{
	OK: "ok", NonASCII: "non_ascii", BadChar: "bad_char", BadPercent: "bad_percent", Fragment: "fragment",
	Bracket: "bracket", NoAddress: "no_address", SlashSlash: "slash_slash", NoAt: "no_at",
	EmptyLocal: "empty_local", BadLocal: "bad_local", EmptyDomain: "empty_domain", NoDot: "no_dot",
	EmptyLabel: "empty_label", LabelLong: "label_long", NameLong: "name_long", Hyphen: "hyphen",
	HostChar: "host_char", IPLiteral: "ip_literal", NoAuthority: "no_authority", NoHost: "no_host",
	BadPort: "bad_port",
}

var reasons = [...]string{
	OK:          "it is a well-formed URI",
	NonASCII:    "it holds a character outside ASCII, which a URI holds only percent-encoded (RFC 3986 §2)",
	BadChar:     "it holds a character a URI cannot hold unencoded, such as a space or a control character (RFC 3986 §2)",
	BadPercent:  "a “%” is not followed by two hexadecimal digits (RFC 3986 §2.1)",
	Fragment:    "it has a second “#” (RFC 3986 §3.5)",
	Bracket:     "it holds “[” or “]” outside an IP literal host (RFC 3986 §3.2.2)",
	NoAddress:   "there is no address after “mailto:”",
	SlashSlash:  "“mailto:” is followed by “//”, but the address itself follows the colon (RFC 6068 §2: mailto:reports@example.com)",
	NoAt:        "the address has no “@”",
	EmptyLocal:  "nothing comes before the “@”",
	BadLocal:    "the part before the “@” holds characters an address cannot hold unquoted (RFC 5322 §3.4.1)",
	EmptyDomain: "nothing comes after the “@”",
	NoDot:       "the domain has no dot, so it is no public host name",
	EmptyLabel:  "the domain has an empty label (two dots in a row, or a leading dot)",
	LabelLong:   "a label of the domain is longer than 63 characters (RFC 1035 §2.3.4)",
	NameLong:    "the domain is longer than 253 characters (RFC 1035 §2.3.4)",
	Hyphen:      "a label of the domain starts or ends with a hyphen (RFC 5321 §4.1.2)",
	HostChar:    "the domain holds a character no host name holds (letters, digits and hyphens between dots)",
	IPLiteral:   "the host is an IP address, not a domain name",
	NoAuthority: "it has no “//” and host after “https:” (RFC 9110 §4.2.2)",
	NoHost:      "the host after “https://” is empty",
	BadPort:     "the port is not a number from 0 to 65535 (RFC 3986 §3.2.3)",
}

// String is the problem's stable name ("no_at"), for a finding's Args.
func (p Problem) String() string {
	if int(p) < len(names) {
		return names[p]
	}
	return "problem" + strconv.Itoa(int(p))
}

// Reason says what the problem is, as a clause ("the address has no “@”")
// that a record package's message puts after "because".
func (p Problem) Reason() string {
	if int(p) < len(reasons) {
		return reasons[p]
	}
	return reasons[BadChar]
}

// Named returns the Problem whose String is name, for prose that renders a
// finding from its Args; BadChar for a name it does not know.
func Named(name string) Problem {
	for p, n := range names {
		if n == name {
			return Problem(p)
		}
	}
	return BadChar
}

// Chars checks the characters of s against RFC 3986 §2 (unreserved,
// reserved and percent-encoded ones only), a single "#" and brackets only
// around an IP literal host, and returns the first problem with the offset
// and length of the bytes it is about. "!", "," and ";" are allowed here:
// records that forbid them unencoded check them themselves.
func Chars(s string) (at, n int, p Problem) {
	authStart, authEnd := -1, -1
	if c := strings.IndexByte(s, ':'); c >= 0 && strings.HasPrefix(s[c+1:], "//") {
		authStart = c + 3
		authEnd = len(s)
		if e := strings.IndexAny(s[authStart:], "/?#"); e >= 0 {
			authEnd = authStart + e
		}
	}
	hash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			_, size := utf8.DecodeRuneInString(s[i:])
			return i, size, NonASCII
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return i, min(3, len(s)-i), BadPercent
			}
			i += 2
		case c == '#':
			if hash {
				return i, 1, Fragment
			}
			hash = true
		case c == '[' || c == ']':
			if i < authStart || i >= authEnd {
				return i, 1, Bracket
			}
		case isAlnum(c), strings.IndexByte("-._~:/?@!$&'()*+,;=", c) >= 0:
		default:
			return i, 1, BadChar
		}
	}
	return 0, 0, OK
}

// Scheme splits s at its scheme (RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT /
// "+" / "-" / "." ) before ":"), returning it lower-cased and the rest
// after the colon; ok is false when s starts with no scheme.
func Scheme(s string) (scheme, rest string, ok bool) {
	c := strings.IndexByte(s, ':')
	if c <= 0 || !isAlpha(s[0]) {
		return "", s, false
	}
	for i := 1; i < c; i++ {
		if ch := s[i]; !isAlnum(ch) && ch != '+' && ch != '-' && ch != '.' {
			return "", s, false
		}
	}
	return strings.ToLower(s[:c]), s[c+1:], true
}

// Mailto reads the part of a mailto: URI after the colon (already checked
// with Chars): its addresses, percent-decoded (RFC 6068 §2 allows several,
// separated by commas), and the first problem among them.
func Mailto(rest string) (addrs []string, p Problem) {
	to := rest
	if q := strings.IndexAny(to, "?#"); q >= 0 {
		to = to[:q]
	}
	if to == "" {
		return nil, NoAddress
	}
	if strings.HasPrefix(to, "//") {
		return nil, SlashSlash
	}
	for a := range strings.SplitSeq(Decode(to), ",") {
		addrs = append(addrs, a)
		if p == OK {
			p = Address(a)
		}
	}
	return addrs, p
}

// Address checks an e-mail address, addr-spec (RFC 5322 §3.4.1): a
// dot-atom or quoted local part, "@", and a host name or address literal.
// Non-ASCII is allowed (RFC 6531).
func Address(a string) Problem {
	at := strings.LastIndexByte(a, '@')
	if at < 0 {
		return NoAt
	}
	local, domain := a[:at], a[at+1:]
	if local == "" {
		return EmptyLocal
	}
	if !localOK(local) {
		return BadLocal
	}
	if domain == "" {
		return EmptyDomain
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		return OK // an address literal (RFC 5321 §4.1.3)
	}
	return Host(strings.TrimSuffix(domain, "."))
}

// localOK reports whether l is a dot-atom (atext and single inner dots) or
// a quoted string (RFC 5322 §3.2.3, §3.2.4).
func localOK(l string) bool {
	if len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"' {
		return true
	}
	if l[0] == '.' || l[len(l)-1] == '.' || strings.Contains(l, "..") {
		return false
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; !(c >= 0x80 || c == '.' || isAlnum(c) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0) {
			return false
		}
	}
	return true
}

// Host checks a host name written without its final dot: letter, digit
// and hyphen labels (non-ASCII ones too, for internationalised names), at
// least two of them, within the DNS's length limits. An IPv4 address is
// IPLiteral.
func Host(h string) Problem {
	if h == "" {
		return NoHost
	}
	if len(h) > 253 {
		return NameLong
	}
	labels := strings.Split(h, ".")
	for _, l := range labels {
		switch {
		case l == "":
			return EmptyLabel
		case len(l) > 63:
			return LabelLong
		case l[0] == '-' || l[len(l)-1] == '-':
			return Hyphen
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c >= 0x80 || c == '-' || isAlnum(c)) {
				return HostChar
			}
		}
	}
	if len(labels) == 1 {
		return NoDot
	}
	if ascii.IsDigits(labels[len(labels)-1]) {
		return IPLiteral // RFC 3986 §3.2.2: a name whose last label is all digits is read as an IPv4 address
	}
	return OK
}

// HTTPS reads the part of an https: URI after the colon (already checked
// with Chars): its host, lower-cased, and the first problem of its
// authority. An IP literal host ("[2001:db8::1]") is IPLiteral.
func HTTPS(rest string) (host string, p Problem) {
	if !strings.HasPrefix(rest, "//") {
		return "", NoAuthority
	}
	auth := rest[2:]
	if e := strings.IndexAny(auth, "/?#"); e >= 0 {
		auth = auth[:e]
	}
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		auth = auth[at+1:] // userinfo (RFC 3986 §3.2.1), deprecated but allowed
	}
	if strings.HasPrefix(auth, "[") {
		end := strings.IndexByte(auth, ']')
		if end < 0 {
			return "", HostChar
		}
		return auth[:end+1], IPLiteral
	}
	host = auth
	if c := strings.LastIndexByte(auth, ':'); c >= 0 {
		host = auth[:c]
		if port := auth[c+1:]; port != "" {
			if n, err := strconv.Atoi(port); err != nil || n > 65535 || !ascii.IsDigits(port) {
				return strings.ToLower(host), BadPort
			}
		}
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if strings.Contains(host, "%") {
		return host, HostChar
	}
	return host, Host(host)
}

// Path returns the path of an https: URI's rest (after the colon), without
// its query and fragment.
func Path(rest string) string {
	rest = strings.TrimPrefix(rest, "//")
	if e := strings.IndexAny(rest, "?#"); e >= 0 {
		rest = rest[:e]
	}
	if s := strings.IndexByte(rest, '/'); s >= 0 {
		return rest[s:]
	}
	return ""
}

// Decode replaces each "%" and two hex digits of s with the byte they
// stand for; a "%" not followed by two hex digits is kept as written.
func Decode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(v))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// IsObfuscated recognises what Cloudflare's (and similar) e-mail address
// obfuscation puts on a web page instead of an address: "[email protected]".
func IsObfuscated(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "[email") && strings.Contains(l, "protected]") ||
		strings.Contains(l, "email&#160;protected") || strings.Contains(l, "__cf_email__")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isAlnum(c byte) bool { return isAlpha(c) || '0' <= c && c <= '9' }
