package hostname

import (
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/dnstext"
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/parsers/explain"
)

// label is one label of a presentation-format name.
type label struct {
	start, end int    // the label as written, relative to the name
	decoded    string // the label's bytes with \X and \DDD escapes resolved
	// offs[i] is where decoded[i] starts in the name, offs[len(decoded)] = end;
	// nil when the label has no escapes, so that decoded[i] is at start+i.
	offs []int
	// bad are the label's bad escapes, each read as written (its backslash
	// is a byte of decoded at offset bad[k].Start).
	bad []*dnstext.Error
}

// off is where byte i of the decoded label starts in the name.
func (l label) off(i int) int {
	if l.offs == nil {
		return l.start + i
	}
	return l.offs[i]
}

// badAt reports whether decoded byte i is the backslash of a bad escape.
func (l label) badAt(i int) bool {
	for _, e := range l.bad {
		if e.Start == l.off(i) {
			return true
		}
	}
	return false
}

// plainName is name with its escapes decoded when they all stand for
// characters a name needs no escape for ("m\097il" is "mail"), so that
// the name reads as it is looked up; otherwise name as written.
func plainName(name string) string {
	if !strings.Contains(name, "\\") {
		return name
	}
	var ls []string
	for _, l := range splitLabels(name) {
		if l.bad != nil || strings.IndexFunc(l.decoded, func(r rune) bool { return !isLDHU(r) }) >= 0 {
			return name
		}
		ls = append(ls, l.decoded)
	}
	return strings.Join(ls, ".")
}

// isLDHU reports whether r is a letter, digit, hyphen or underscore.
func isLDHU(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_'
}

// splitLabels splits a name (without its final dot) at unescaped dots,
// resolving RFC 1035 §5.1 escapes with dnstext.Next.
func splitLabels(name string) []label {
	if !strings.Contains(name, "\\") {
		ls := make([]label, 0, strings.Count(name, ".")+1)
		start := 0
		for {
			i := strings.IndexByte(name[start:], '.')
			if i < 0 {
				return append(ls, label{start: start, end: len(name), decoded: name[start:]})
			}
			ls = append(ls, label{start: start, end: start + i, decoded: name[start : start+i]})
			start += i + 1
		}
	}
	var ls []label
	var dec []byte
	cur := label{offs: []int{}}
	for i := 0; i < len(name); {
		b, next, err := dnstext.Next(name, i)
		if b == '.' && next == i+1 {
			cur.end, cur.decoded = i, string(dec)
			cur.offs = append(cur.offs, i)
			ls = append(ls, cur)
			cur, dec = label{start: i + 1, offs: []int{}}, dec[:0]
			i = next
			continue
		}
		if err != nil {
			cur.bad = append(cur.bad, err)
		}
		dec = append(dec, b)
		cur.offs = append(cur.offs, i)
		i = next
	}
	cur.end, cur.decoded = len(name), string(dec)
	cur.offs = append(cur.offs, len(name))
	return append(ls, cur)
}

// wireLength is the length of a name (without its final dot) in DNS wire
// form: each label plus its length byte, plus the root's zero byte.
func wireLength(name string) int {
	if name == "" {
		return 1
	}
	n := 1
	for _, l := range splitLabels(name) {
		n += 1 + len(l.decoded)
	}
	return n
}

// relativeWire is what the origin adds to a relative name's wire length.
func relativeWire(relative bool, origin string) int {
	if !relative {
		return 0
	}
	return wireLength(strings.TrimSuffix(origin, ".")) - 1
}

// IsAbsolute reports whether a name ends in an unescaped dot: whether its
// last label is empty.
func IsAbsolute(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	ls := splitLabels(s)
	return ls[len(ls)-1].end == ls[len(ls)-1].start
}

// HasInnerDot reports whether a name (without its final dot) has more than
// one label: whether it holds an unescaped dot.
func HasInnerDot(name string) bool { return len(splitLabels(name)) > 1 }

// NormalOrigin makes a name absolute and lower-case ("Example.com" →
// "example.com."); "" stays "".
func NormalOrigin(o string) string {
	if o == "" {
		return ""
	}
	o = LowerASCII(o)
	if !IsAbsolute(o) {
		o += "."
	}
	return o
}

// Domain is the owner name for prose: lower-case, without its trailing dot.
func Domain(ctx explain.Context) string {
	return strings.TrimSuffix(LowerASCII(ctx.Owner), ".")
}

func lastLabel(fqdn string) string {
	ls := splitLabels(strings.TrimSuffix(fqdn, "."))
	return ls[len(ls)-1].decoded
}

// LowerASCII lower-cases the ASCII letters of s, as DNS compares names.
func LowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// IsLDH reports whether c is a letter, digit or hyphen.
func IsLDH(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
}

// allNumeric reports whether every label of a name is digits ("192.0.2").
func allNumeric(name string) bool {
	if name == "" {
		return false
	}
	for _, l := range strings.Split(name, ".") {
		if !ascii.IsDigits(l) {
			return false
		}
	}
	return true
}

// LooksLikeName reports whether a word is a host name or address (rather
// than a mistyped number): ".", "@", an address, or a word with a dot,
// ":" or "@" and a letter.
func LooksLikeName(s string) bool {
	if s == "." || s == OriginName || strings.HasPrefix(s, "[") {
		return true
	}
	if _, err := ipaddr.ParseAddr(strings.TrimSuffix(s, ".")); err == nil {
		return true
	}
	if !strings.ContainsAny(s, ".:@") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}
