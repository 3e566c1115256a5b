// Package dnstext decodes the escapes of DNS presentation format, RFC 1035
// §5.1: "\X" stands for the character X (a quote, a backslash, a dot that is
// not a label separator) and "\DDD" for the byte whose value is the decimal
// number DDD. It is the one decoder of these escapes in mxplain: TXT
// character-strings pasted as zone text, MX exchange names and the TXT
// strings miekg/dns hands back all go through Next.
//
// Next decodes one byte at a time and says where in the text it was written,
// so that a parser can point at the exact bytes of an escape. A bad escape is
// a typed *Error with its offsets; the text is then read on as written, the
// backslash standing for itself, so that nothing is lost.
package dnstext

import "strconv"

// ErrorKind says what is wrong with an escape.
type ErrorKind int

const (
	// DecimalRange: "\DDD" with DDD over 255, which is no byte (RFC 1035 §5.1).
	DecimalRange ErrorKind = iota + 1
	// DecimalShort: a backslash followed by one or two digits only; after a
	// backslash a digit must start three (RFC 1035 §5.1 "\DDD").
	DecimalShort
	// TrailingBackslash: the text ends in a backslash that escapes nothing.
	TrailingBackslash
)

// Error is a bad escape: its kind and where it stands, Start and End being
// byte offsets into the text given to Next ([Start, End), End exclusive).
type Error struct {
	Kind       ErrorKind
	Start, End int
	Text       string // the escape as written: `\300`, `\1`, `\`
}

func (e *Error) Error() string {
	var what string
	switch e.Kind {
	case DecimalRange:
		what = "decimal escape over 255"
	case DecimalShort:
		what = "decimal escape without three digits"
	case TrailingBackslash:
		what = "backslash escaping nothing"
	}
	return "dnstext: " + what + " " + strconv.Quote(e.Text) + " at offset " + strconv.Itoa(e.Start)
}

// Next decodes the byte written at s[i:], i < len(s): it returns the byte,
// the offset just past what was read (so the byte was written at s[i:next]),
// and a non-nil *Error when s[i:] starts with a bad escape. A bad escape is
// read as written: b is the backslash and next is i+1, the Error covering
// the whole escape.
func Next(s string, i int) (b byte, next int, err *Error) {
	if s[i] != '\\' {
		return s[i], i + 1, nil
	}
	if i+1 == len(s) {
		return '\\', i + 1, &Error{Kind: TrailingBackslash, Start: i, End: i + 1, Text: s[i:]}
	}
	if !isDigit(s[i+1]) {
		return s[i+1], i + 2, nil
	}
	end := i + 1
	for end < len(s) && end < i+4 && isDigit(s[end]) {
		end++
	}
	if end < i+4 {
		return '\\', i + 1, &Error{Kind: DecimalShort, Start: i, End: end, Text: s[i:end]}
	}
	n := int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
	if n > 255 {
		return '\\', i + 1, &Error{Kind: DecimalRange, Start: i, End: end, Text: s[i:end]}
	}
	return byte(n), end, nil
}

// Decode decodes every escape in s and returns the bytes s stands for, and
// the first bad escape, if any (which is kept as written).
func Decode(s string) (string, error) {
	i := 0
	for i < len(s) && s[i] != '\\' {
		i++
	}
	if i == len(s) {
		return s, nil
	}
	out := make([]byte, i, len(s))
	copy(out, s)
	var first error
	for i < len(s) {
		b, next, err := Next(s, i)
		if err != nil && first == nil {
			first = err
		}
		out = append(out, b)
		i = next
	}
	return string(out), first
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
