// Package tlsa explains DANE TLSA records (RFC 6698, updated by RFC 7671),
// as SMTP uses them (RFC 7672): the record at _<port>._<proto>.<host> that
// binds the TLS certificate or public key a server presents to the DNS, so
// that a sender who validates DNSSEC can insist on TLS and authenticate it.
//
// Parse reads a value in presentation format ("3 1 1 ab12…", RFC 6698
// §2.2) into a typed Record; Explain explains it field by field, with
// findings that are data (a code, a span, Args, a fix) and prose written
// from them in one place (messages.go).
package tlsa

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Usage is the certificate usage field (RFC 6698 §2.1.1; the names are
// RFC 7218's acronyms).
type Usage uint8

const (
	UsagePKIXTA  Usage = 0   // PKIX-TA: a CA in the server's PKIX chain, RFC 6698 §2.1.1
	UsagePKIXEE  Usage = 1   // PKIX-EE: the server's certificate, PKIX-validated too, RFC 6698 §2.1.1
	UsageDANETA  Usage = 2   // DANE-TA: a trust anchor of the domain's own, RFC 6698 §2.1.1, RFC 7671 §5.2
	UsageDANEEE  Usage = 3   // DANE-EE: the server's certificate or key itself, RFC 6698 §2.1.1, RFC 7671 §5.1
	UsagePrivate Usage = 255 // PrivCert: reserved for private use, RFC 6698 §7.2
)

// Selector is the selector field: which part of the certificate the data
// is matched against (RFC 6698 §2.1.2).
type Selector uint8

const (
	SelectorCert    Selector = 0   // Cert: the whole certificate, DER, RFC 6698 §2.1.2
	SelectorSPKI    Selector = 1   // SPKI: its SubjectPublicKeyInfo, DER, RFC 6698 §2.1.2
	SelectorPrivate Selector = 255 // PrivSel: reserved for private use, RFC 6698 §7.3
)

// MatchingType is the matching type field: how the data is compared
// (RFC 6698 §2.1.3).
type MatchingType uint8

const (
	MatchingFull    MatchingType = 0   // Full: the selected content itself, RFC 6698 §2.1.3
	MatchingSHA256  MatchingType = 1   // SHA2-256: its SHA-256 digest, RFC 6698 §2.1.3
	MatchingSHA512  MatchingType = 2   // SHA2-512: its SHA-512 digest, RFC 6698 §2.1.3
	MatchingPrivate MatchingType = 255 // PrivMatch: reserved for private use, RFC 6698 §7.4
)

// Name is the usage's acronym (RFC 7218), or "" for an unassigned one.
func (u Usage) Name() string {
	switch u {
	case UsagePKIXTA:
		return "PKIX-TA"
	case UsagePKIXEE:
		return "PKIX-EE"
	case UsageDANETA:
		return "DANE-TA"
	case UsageDANEEE:
		return "DANE-EE"
	case UsagePrivate:
		return "PrivCert"
	}
	return ""
}

// Name is the selector's acronym (RFC 7218), or "".
func (s Selector) Name() string {
	switch s {
	case SelectorCert:
		return "Cert"
	case SelectorSPKI:
		return "SPKI"
	case SelectorPrivate:
		return "PrivSel"
	}
	return ""
}

// Name is the matching type's acronym (RFC 7218), or "".
func (m MatchingType) Name() string {
	switch m {
	case MatchingFull:
		return "Full"
	case MatchingSHA256:
		return "SHA2-256"
	case MatchingSHA512:
		return "SHA2-512"
	case MatchingPrivate:
		return "PrivMatch"
	}
	return ""
}

// DigestLen is the length in bytes of the digest m holds, 0 for Full and
// the private or unassigned types (whose length is not fixed).
func (m MatchingType) DigestLen() int {
	switch m {
	case MatchingSHA256:
		return 32
	case MatchingSHA512:
		return 64
	}
	return 0
}

// Number is one of the three numeric fields as written.
type Number struct {
	Text string       // as written; "" when the field is missing
	Span explain.Span // in the value
	// Value is the number read, valid when OK (a decimal 0–255).
	Value uint8
	OK    bool
}

// Record is a TLSA value as read from its presentation format.
type Record struct {
	Usage, Selector, MatchingType Number
	// DataText is the association data as written, blanks and all, at
	// DataSpan; "" when there is none.
	DataText string
	DataSpan explain.Span
	// Data is the association data decoded from hex; nil when it is
	// missing or is not even-length hex (DataOK false).
	Data   []byte
	DataOK bool
}

// numberFields names the three numeric fields in their order, as Args and
// field names give them.
var numberFields = [3]string{"usage", "selector", "matching_type"}

// Parse reads value, a TLSA record's data in presentation format: three
// decimal fields and the association data in hex, which may be broken by
// blanks (RFC 6698 §2.2). Zone text's parentheses, line breaks and
// comments count as blanks. It returns what it could read and the
// findings about the value alone (no owner, nothing about the set).
func Parse(value string) (*Record, []explain.Finding) {
	r := &Record{}
	var fs []explain.Finding
	words := split(value)
	if len(words) == 0 {
		return r, []explain.Finding{finding(CodeEmpty, explain.Span{0, len(value)}, nil)}
	}
	nums := [3]*Number{&r.Usage, &r.Selector, &r.MatchingType}
	for i, n := range nums {
		if i >= len(words) {
			break
		}
		w := words[i]
		n.Text, n.Span = value[w[0]:w[1]], w
		switch v, err := strconv.ParseUint(n.Text, 10, 64); {
		case err == nil && v <= 255:
			n.Value, n.OK = uint8(v), true
		case ascii.IsDigits(n.Text):
			fs = append(fs, finding(CodeFieldRange, w, explain.Args{"field": numberFields[i], "text": n.Text}))
		default:
			f := finding(CodeFieldNumber, w, explain.Args{"field": numberFields[i], "text": n.Text})
			if num, ok := mnemonic(i, n.Text); ok {
				f = f.WithFix(w, num)
			}
			fs = append(fs, f)
		}
	}
	if len(words) < 4 {
		missing := numberFields[:]
		fs = append(fs, finding(CodeFieldsMissing, explain.Span{0, len(value)},
			explain.Args{"count": strconv.Itoa(len(words)), "missing": strings.Join(append(missing[len(words):], "data"), "\n")}))
		return r, fs
	}
	r.DataSpan = explain.Span{words[3][0], words[len(words)-1][1]}
	r.DataText = value[r.DataSpan[0]:r.DataSpan[1]]
	r.Data, r.DataOK, fs = decodeHex(value, words[3:], fs)
	return r, fs
}

// decodeHex decodes the hex words of the data, adding a finding for the
// first character that is no hex digit, or for an odd count of digits.
func decodeHex(value string, words []explain.Span, fs []explain.Finding) ([]byte, bool, []explain.Finding) {
	var digits []byte
	for _, w := range words {
		for i := w[0]; i < w[1]; i++ {
			c := value[i]
			if hexVal(c) < 0 {
				n := runeLen(value, i, w[1])
				f := finding(CodeDataHex, explain.Span{i, i + n}, explain.Args{"char": value[i : i+n]})
				all := explain.Span{words[0][0], words[len(words)-1][1]}
				if text := value[all[0]:all[1]]; onlyColons(text) {
					f = f.WithFix(all, strings.ReplaceAll(text, ":", ""))
				}
				return nil, false, append(fs, f)
			}
			digits = append(digits, c)
		}
	}
	if len(digits)%2 != 0 {
		return nil, false, append(fs, finding(CodeDataOdd, explain.Span{words[0][0], words[len(words)-1][1]},
			explain.Args{"digits": strconv.Itoa(len(digits))}))
	}
	data := make([]byte, len(digits)/2)
	for i := range data {
		data[i] = byte(hexVal(digits[2*i])<<4 | hexVal(digits[2*i+1]))
	}
	return data, true, fs
}

// onlyColons reports whether the bytes of text that are neither hex
// digits nor blanks are all colons ("AB:CD:EF", openssl's fingerprint).
func onlyColons(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; hexVal(c) < 0 && c != ':' && !strings.ContainsRune(" \t\r\n();", rune(c)) {
			return false
		}
	}
	return true
}

// runeLen is the length of the UTF-8 sequence at value[i] (1 for a byte
// that starts none), not past end, so that a span never cuts a character.
func runeLen(value string, i, end int) int {
	n := 1
	if value[i] >= 0xC0 {
		for i+n < end && value[i+n]&0xC0 == 0x80 && n < 4 {
			n++
		}
	}
	return n
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// split returns the spans of the words of value: runs of bytes between
// blanks, line breaks and parentheses, a ";" starting a comment that runs
// to the end of its line (RFC 1035 §5.1, as zone text continues a record
// over lines).
func split(value string) []explain.Span {
	var out []explain.Span
	for i := 0; i < len(value); {
		switch c := value[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ')':
			i++
		case c == ';':
			for i < len(value) && value[i] != '\n' {
				i++
			}
		default:
			start := i
			for i < len(value) && !strings.ContainsRune(" \t\r\n();", rune(value[i])) {
				i++
			}
			out = append(out, explain.Span{start, i})
		}
	}
	return out
}

// mnemonic reads the acronym of RFC 7218 for field i ("DANE-EE", "SPKI",
// "SHA2-256", or "SHA256"), which some tools print but the presentation
// format does not take (its fields are decimal, RFC 6698 §2.2), as the
// number to write.
func mnemonic(i int, word string) (string, bool) {
	for n := range 256 {
		var name string
		switch i {
		case 0:
			name = Usage(n).Name()
		case 1:
			name = Selector(n).Name()
		default:
			name = MatchingType(n).Name()
		}
		if name != "" && (strings.EqualFold(word, name) || strings.EqualFold(word, strings.ReplaceAll(name, "2-", ""))) {
			return strconv.Itoa(n), true
		}
	}
	return "", false
}
