package inspect

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrDomain is wrapped by Normalize's errors.
var ErrDomain = errors.New("inspect: invalid domain")

// MaxNameLen is the longest domain name in presentation form without its
// final dot: 255 octets on the wire (RFC 1035 §2.3.4) less the length
// octets.
const MaxNameLen = 253

// Normalize returns domain as the DNS is asked for it: internationalized
// labels lower-cased and converted to A-labels ("xn--" and Punycode, RFC 5891
// §4.4, RFC 3492), lower case, without a
// trailing dot. It refuses IP address literals, empty labels, labels over 63
// octets and names over 253, and characters other than letters, digits, "-"
// and "_": in internationalized labels, what IDNA2008 does not allow
// (refused), with the reason, among them the bidirectional controls and
// invisible characters that make a name look like another.
func Normalize(domain string) (string, error) {
	d := strings.TrimSpace(domain)
	if strings.HasPrefix(d, "[") || func() bool { _, err := netip.ParseAddr(d); return err == nil }() {
		return "", fmt.Errorf("%w %q: an IP address, not a domain name", ErrDomain, domain)
	}
	d = strings.TrimSuffix(d, ".")
	if d == "" {
		return "", fmt.Errorf("%w: empty name", ErrDomain)
	}
	ascii := true
	for i := 0; i < len(d); i++ {
		if d[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		a, err := toASCII(d)
		if err != nil {
			return "", fmt.Errorf("%w %q: %v", ErrDomain, domain, err)
		}
		d = a
	}
	d = strings.ToLower(d)
	if len(d) > MaxNameLen {
		return "", fmt.Errorf("%w %q: %d bytes, over %d", ErrDomain, domain, len(d), MaxNameLen)
	}
	labels := strings.Split(d, ".")
	for _, l := range labels {
		switch {
		case l == "":
			return "", fmt.Errorf("%w %q: empty label", ErrDomain, domain)
		case len(l) > 63:
			return "", fmt.Errorf("%w %q: label %q is over 63 bytes", ErrDomain, domain, l)
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return "", fmt.Errorf("%w %q: %q is not allowed in a host name", ErrDomain, domain, string(c))
			}
		}
		if strings.HasPrefix(l, "xn--") {
			if err := checkALabel(l); err != nil {
				return "", fmt.Errorf("%w %q: %v", ErrDomain, domain, err)
			}
		}
	}
	if _, err := netip.ParseAddr(d); err == nil || allDigits(labels[len(labels)-1]) {
		return "", fmt.Errorf("%w %q: an IP address, not a domain name", ErrDomain, domain)
	}
	return d, nil
}

// Selector returns the DKIM selector sel as a report looks it up, with
// the domain (already normalized) it is for: lower case, internationalized
// labels in A-labels, as Normalize makes <sel>._domainkey.<domain> (RFC 6376
// §3.1, §3.6.2.1). It refuses what Normalize refuses in that name, and a
// selector that is empty, starts or ends with a dot, or has spaces around
// it.
func Selector(sel, domain string) (string, error) {
	suffix := "._domainkey." + domain
	if sel == "" || strings.TrimSpace(sel) != sel || strings.Trim(sel, ".") != sel {
		return "", fmt.Errorf("%w: selector %q: not a DKIM selector (dot-separated labels of letters, digits, \"-\" and \"_\", RFC 6376 §3.1)", ErrDomain, sel)
	}
	name, err := Normalize(sel + suffix)
	if err != nil {
		return "", err // it names the key's name and what is wrong in it
	}
	return strings.TrimSuffix(name, suffix), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// toASCII converts each label holding non-ASCII characters to its A-label.
// Labels are lower-cased (Unicode simple case mapping) but not otherwise
// mapped: golang.org/x/net/idna's full UTS #46 mapping would pull the
// golang.org/x/text tables into every wasm binary, and names typed or pasted
// are almost always in NFC already.
func toASCII(d string) (string, error) {
	if !utf8.ValidString(d) {
		return "", errors.New("not valid UTF-8")
	}
	labels := strings.Split(strings.Map(fromFullwidth, labelDots.Replace(d)), ".")
	for i, l := range labels {
		ascii := true
		for j := 0; j < len(l); j++ {
			ascii = ascii && l[j] < 0x80
		}
		if ascii {
			continue
		}
		l = strings.ToLower(l)
		for i, r := range l {
			if why, hidden := refused(r, i == 0); why != "" {
				err := fmt.Errorf("%U is %s; IDNA does not allow it in a domain name (RFC 5891 §4.2, RFC 5892)", r, why)
				if !hidden {
					err = fmt.Errorf("%w; if the name was registered under older rules, look up its A-label (xn--…)", err)
				}
				return "", err
			}
		}
		p, err := punycode(l)
		if err != nil {
			return "", err
		}
		labels[i] = "xn--" + p
	}
	return strings.Join(labels, "."), nil
}

// labelDots maps the full stops IDNA reads as label separators (RFC 3490
// §3.1: ideographic, fullwidth and halfwidth ideographic) to ".".
var labelDots = strings.NewReplacer("\u3002", ".", "\uff0e", ".", "\uff61", ".")

// fromFullwidth maps the fullwidth forms of ASCII (U+FF01 to U+FF5E, what
// East Asian input methods type) to ASCII, as UTS #46 §4 maps them (their
// NFKC forms): "ａｃｍｅ" is acme. The ASCII they become is then checked
// as typed ASCII is.
func fromFullwidth(r rune) rune {
	if 0xFF01 <= r && r <= 0xFF5E {
		return r - 0xFEE0
	}
	return r
}

// refused says why IDNA2008 does not allow r in a label (first: at its
// start), or "" when it does: letters, marks and digits (the LetterDigits
// of RFC 5892 §2.1; titlecase letters are lowercased before) and the few
// characters allowed in context (§2.6, Appendix A: middle dots, the Greek
// keraia, Hebrew geresh and gershayim), ASCII aside, which Normalize checks
// afterwards. hidden is true for what makes a name display as another or
// not at all (bidi controls, invisible, format and control characters,
// spaces, private use): no registry allows them. Symbols, punctuation and
// the rest were allowed by IDNA2003, and some registries still have such
// names (emoji under a few top-level domains). Without the Unicode data
// IDNA uses, characters that NFKC would change (other than the fullwidth
// forms of ASCII, which toASCII maps first) and letter-like numbers (Nl)
// are not told apart from the others.
func refused(r rune, first bool) (why string, hidden bool) {
	switch {
	case r < 0x80:
		return "", false
	case r == 0x061C || r == 0x200E || r == 0x200F || 0x202A <= r && r <= 0x202E || 0x2066 <= r && r <= 0x2069:
		return "a bidirectional text control, which makes the name display in another order than it is spelled", true
	case 0x200B <= r && r <= 0x200D || r == 0x2060 || r == 0xFEFF || r == 0x00AD || r == 0x180E:
		return "an invisible character (zero width), which makes the name look like another", true
	case unicode.Is(unicode.Cc, r):
		return "a control character", true
	case unicode.Is(unicode.Cf, r):
		return "an invisible formatting character", true
	case unicode.In(r, unicode.Z):
		return "a space", true
	case unicode.Is(unicode.Co, r):
		return "a private-use character", true
	case unicode.IsMark(r) && first:
		return "a combining mark, which cannot start a label", false
	case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
		return "", false
	case r == 0x00B7 || r == 0x0375 || r == 0x05F3 || r == 0x05F4 || r == 0x30FB:
		return "", false
	case unicode.IsSymbol(r):
		return "a symbol", false
	case unicode.IsPunct(r):
		return "punctuation", false
	}
	return "not a letter, mark or digit", false
}

// The Bootstring parameters of Punycode, RFC 3492 §5.
const (
	base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
	initialBias, initialN        = 72, 128
)

// adapt is the bias adaptation of RFC 3492 §6.1.
func adapt(delta, numPoints int, first bool) int {
	if first {
		delta /= damp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((base-tmin)*tmax)/2 {
		delta /= base - tmin
		k += base
	}
	return k + (base-tmin+1)*delta/(delta+skew)
}

// threshold is t for the digit at k (RFC 3492 §6.2, §6.3).
func threshold(k, bias int) int {
	return min(max(k-bias, tmin), tmax)
}

// checkALabel checks a label that starts with "xn--" (lower case) as IDNA
// does (RFC 5891 §5.4): its Punycode decodes to a U-label that holds a
// character other than ASCII and that encodes back to the same A-label,
// and none of the characters that make a name display as another (refused's
// hidden ones); an A-label typed is the name itself, so symbols (emoji
// domains of IDNA2003) pass.
func checkALabel(l string) error {
	u, err := unpunycode(l[4:])
	if err != nil {
		return fmt.Errorf("label %q is not a valid A-label: %v", l, err)
	}
	ascii := true
	for i, r := range u {
		if why, hidden := refused(r, i == 0); hidden {
			return fmt.Errorf("label %q is the A-label of %+q, and %U is %s; IDNA does not allow it in a domain name (RFC 5891 §4.2, RFC 5892)", l, u, r, why)
		}
		ascii = ascii && r < 0x80
	}
	if p, err := punycode(strings.ToLower(u)); ascii || err != nil || "xn--"+p != l {
		return fmt.Errorf("label %q is not a valid A-label: it does not decode to a U-label that encodes back to it (RFC 5891 §5.4)", l)
	}
	return nil
}

// unpunycode decodes the Punycode s (without "xn--") by the algorithm of
// RFC 3492 §6.2.
func unpunycode(s string) (string, error) {
	var out []rune
	rest := s
	if b := strings.LastIndexByte(s, '-'); b >= 0 {
		for i := 0; i < b; i++ {
			out = append(out, rune(s[i])) // ASCII: Normalize checked
		}
		rest = s[b+1:]
	}
	n, i, bias := initialN, 0, initialBias
	for pos := 0; pos < len(rest); {
		oldi, w := i, 1
		for k := base; ; k += base {
			if pos == len(rest) {
				return "", errors.New("its Punycode ends in the middle of a number")
			}
			c := rest[pos]
			pos++
			d := -1
			switch {
			case 'a' <= c && c <= 'z':
				d = int(c - 'a')
			case '0' <= c && c <= '9':
				d = int(c-'0') + 26
			}
			if d < 0 || d > (1<<30-i)/w {
				return "", errors.New("its Punycode has a character or a number it cannot hold")
			}
			i += d * w
			t := threshold(k, bias)
			if d < t {
				break
			}
			w *= base - t
		}
		bias = adapt(i-oldi, len(out)+1, oldi == 0)
		n += i / (len(out) + 1)
		i %= len(out) + 1
		if n > unicode.MaxRune || len(out) >= 63 {
			return "", errors.New("its Punycode decodes to more than a label holds")
		}
		out = append(out[:i], append([]rune{rune(n)}, out[i:]...)...)
		i++
	}
	return string(out), nil
}

// punycode encodes a label with the Bootstring parameters of RFC 3492 §5,
// by the algorithm of §6.3.
func punycode(s string) (string, error) {
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	runes := []rune(s)
	var out []byte
	for _, r := range runes {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	n, delta, bias := initialN, 0, initialBias
	for h < len(runes) {
		m := int(utf8.MaxRune) + 1
		for _, r := range runes {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		if (m-n)*(h+1) > 1<<30 {
			return "", errors.New("label too long to encode")
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range runes {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := base; ; k += base {
					t := threshold(k, bias)
					if q < t {
						break
					}
					out = append(out, digit(t+(q-t)%(base-t)))
					q = (q - t) / (base - t)
				}
				out = append(out, digit(q))
				bias = adapt(delta, h+1, h == b)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return string(out), nil
}
