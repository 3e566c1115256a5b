// Package plain vouches for the zone lines that need no zone software to
// judge: MX, TXT, SPF, SRV and TLSA records, and the A, AAAA, NS, CNAME and PTR
// records pasted with them, written plainly (names of letters, digits,
// '-', '_' and '*'; a TTL in seconds; class IN; addresses as netip reads
// them; TXT strings of printable ASCII without escapes), which is how DNS
// panels and documentation write them. Accepts is conservative: it says false for anything else, and then
// only zone software (package zonecheck) can tell whether the line is
// right. zonecheck's tests check that zone software accepts every line
// Accepts accepts.
package plain

import (
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/ipaddr"
)

// Accepts reports whether text, one resource record whose owner is written
// out, is written plainly enough to be sure that zone software accepts it
// under origin ("." or a fully qualified name).
func Accepts(text, origin string) bool {
	if origin != "." && !name(origin, ".") {
		return false
	}
	if text == "" || text[0] == ' ' || text[0] == '\t' {
		return false // zone software would take the line's owner as omitted
	}
	words, ok := split(text)
	if !ok || len(words) < 2 || words[0].quoted || !name(words[0].text, origin) {
		return false
	}
	i := 1 // past the TTL and class, which may come in either order
	for i < len(words) && i <= 2 && !words[i].quoted && (ttl(words[i].text) || strings.EqualFold(words[i].text, "IN")) {
		i++
	}
	if i >= len(words) || words[i].quoted || !header(words[1:i]) {
		return false
	}
	rdata := words[i+1:]
	switch strings.ToUpper(words[i].text) {
	case "MX":
		return len(rdata) == 2 && !rdata[0].quoted && !rdata[1].quoted &&
			preference(rdata[0].text) && name(rdata[1].text, origin)
	case "A":
		a, err := ipaddr.ParseAddr(one(rdata))
		return err == nil && a.Is4()
	case "AAAA":
		a, err := ipaddr.ParseAddr(one(rdata))
		return err == nil && a.Is6() && !a.Is4In6() && a.Zone() == ""
	case "SRV":
		return len(rdata) == 4 && unquoted(rdata) && preference(rdata[0].text) && preference(rdata[1].text) &&
			preference(rdata[2].text) && name(rdata[3].text, origin)
	case "TLSA":
		return len(rdata) == 4 && unquoted(rdata) && octet(rdata[0].text) && octet(rdata[1].text) &&
			octet(rdata[2].text) && hexData(rdata[3].text)
	case "NS", "CNAME", "PTR":
		return len(rdata) == 1 && !rdata[0].quoted && name(rdata[0].text, origin)
	case "TXT", "SPF":
		size := 0
		for _, w := range rdata {
			if !w.quoted && !unquotedText(w.text) || len(w.text) > 255 {
				return false
			}
			size += 1 + len(w.text)
		}
		return len(rdata) > 0 && size <= 65535
	}
	return false
}

// one is the text of the only word in rdata, unquoted, or "".
func one(rdata []word) string {
	if len(rdata) != 1 || rdata[0].quoted {
		return ""
	}
	return rdata[0].text
}

// header reports whether the words between the owner and the type are at
// most one TTL and one class IN, in either order.
func header(words []word) bool {
	var ttls, classes int
	for _, w := range words {
		if strings.EqualFold(w.text, "IN") {
			classes++
		} else {
			ttls++
		}
	}
	return ttls <= 1 && classes <= 1
}

// word is a blank-separated word of text; a quoted word's text is what is
// between its quotes.
type word struct {
	text   string
	quoted bool
}

// split cuts text at blanks into words, and says false for anything a plain
// line does not hold: escapes, parentheses, comments, control and non-ASCII
// bytes, an unclosed quote, or a quote inside or right after a word.
func split(text string) ([]word, bool) {
	var words []word
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '"':
			end := strings.IndexByte(text[i+1:], '"')
			if end < 0 {
				return nil, false
			}
			s := text[i+1 : i+1+end]
			i += end + 2
			if i < len(text) && text[i] != ' ' && text[i] != '\t' {
				return nil, false
			}
			for j := 0; j < len(s); j++ {
				if s[j] < 0x20 || s[j] > 0x7e || s[j] == '\\' {
					return nil, false
				}
			}
			words = append(words, word{s, true})
		default:
			start := i
			for i < len(text) && text[i] != ' ' && text[i] != '\t' {
				if !plainByte[text[i]] {
					return nil, false
				}
				i++
			}
			words = append(words, word{text: text[start:i]})
		}
	}
	return words, true
}

// plainByte marks the bytes an unquoted word may hold: printable ASCII but
// for the quote, the escape, parentheses, the comment sign and '$'.
var plainByte = func() (t [256]bool) {
	for c := 0x21; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune(`"\();$`, rune(c))
	}
	return t
}()

// name reports whether s is a plain domain name that, made absolute under
// origin, fits in 255 bytes: "@", "." or labels of 1 to 63 letters, digits,
// '-', '_' and '*'.
func name(s, origin string) bool {
	switch {
	case s == "@" || s == ".":
		return true
	case !strings.HasSuffix(s, "."):
		if origin != "." {
			s += "." + origin
		} else {
			s += "."
		}
	}
	if len(s) > 254 {
		return false // 255 in wire form, with the root's length byte
	}
	for _, label := range strings.Split(s[:len(s)-1], ".") {
		if len(label) == 0 || len(label) > 63 {
			return false
		}
		for j := 0; j < len(label); j++ {
			if c := label[j]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '*') {
				return false
			}
		}
	}
	return true
}

// ttl reports whether s is a TTL in seconds, at most 9 digits.
func ttl(s string) bool { return len(s) <= 9 && ascii.IsDigits(s) }

// unquoted reports whether no word of rdata is quoted.
func unquoted(rdata []word) bool {
	for _, w := range rdata {
		if w.quoted {
			return false
		}
	}
	return true
}

// octet reports whether s is a number from 0 to 255 (a TLSA field).
func octet(s string) bool { return len(s) <= 3 && preference(s) && (len(s) < 3 || s <= "255") }

// hexData reports whether s is TLSA association data written plainly: an
// even number of hex digits, at least two.
func hexData(s string) bool {
	if len(s) < 2 || len(s)%2 != 0 {
		return false
	}
	for j := 0; j < len(s); j++ {
		if c := s[j] | 0x20; !('0' <= s[j] && s[j] <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// preference reports whether s is an MX preference (an SRV priority,
// weight or port): 0 to 65535.
func preference(s string) bool {
	if len(s) > 5 || !ascii.IsDigits(s) {
		return false
	}
	n := 0
	for j := 0; j < len(s); j++ {
		n = n*10 + int(s[j]-'0')
	}
	return n <= 65535
}

// unquotedText reports whether s is an unquoted TXT word zone software
// reads as one string: no '@', which it would take for the origin.
func unquotedText(s string) bool { return !strings.Contains(s, "@") }
