package parsers

import (
	"fmt"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/parsers/explain"
)

// valueMap is a record value together with where each of its bytes came from
// in the input. Record parsers report spans into the value; valueMap turns
// them into spans into the input, across quotes, escapes and the gaps between
// TXT strings.
type valueMap struct {
	value []byte
	from  []int // byte i of value was written at input[from[i]:to[i]]
	to    []int
	at    int // where an empty value stands in the input
}

// addRaw appends input[start:end] unchanged.
func (m *valueMap) addRaw(input string, start, end int) {
	for i := start; i < end; i++ {
		m.add(input[i], i, i+1)
	}
}

func (m *valueMap) add(b byte, from, to int) {
	m.value = append(m.value, b)
	m.from = append(m.from, from)
	m.to = append(m.to, to)
}

// span maps a span of the value to the input.
func (m *valueMap) span(s explain.Span) explain.Span {
	n := len(m.value)
	lo, hi := min(max(s[0], 0), n), min(max(s[1], 0), n)
	if hi < lo {
		hi = lo
	}
	point := func(i int) int {
		switch {
		case i < n:
			return m.from[i]
		case n > 0:
			return m.to[n-1]
		default:
			return m.at
		}
	}
	if lo == hi {
		p := point(lo)
		return explain.Span{p, p}
	}
	return explain.Span{m.from[lo], m.to[hi-1]}
}

// txtString is one character-string of a TXT record as the input wrote it.
type txtString struct {
	tok        token
	start, end int // its decoded bytes in the joined value
}

// addCharString decodes one character-string token (RFC 1035 §5.1: quoted or
// not, with \X and \DDD escapes) onto the value.
func (m *valueMap) addCharString(input string, t token) txtString {
	s := txtString{tok: t, start: len(m.value)}
	lo, hi := t.start, t.end
	if t.quoted {
		lo++
		if !t.unterminated {
			hi--
		}
	}
	for i := lo; i < hi; {
		if input[i] != '\\' || i+1 >= hi {
			m.add(input[i], i, i+1)
			i++
			continue
		}
		if i+3 < hi && ascii.IsDigits(input[i+1:i+4]) {
			if n := int(input[i+1]-'0')*100 + int(input[i+2]-'0')*10 + int(input[i+3]-'0'); n <= 255 {
				m.add(byte(n), i, i+4)
				i += 4
				continue
			}
		}
		m.add(input[i+1], i, i+2)
		i += 2
	}
	s.end = len(m.value)
	return s
}

// maxStringLen is the most bytes one TXT character-string holds (RFC 1035 §3.3).
const maxStringLen = 255

// checkStrings reports what is wrong or worth knowing about the TXT strings a
// value was joined from. t is the type the value was detected as.
func checkStrings(strs []txtString, value []byte, t explain.Type) []explain.Finding {
	var fs []explain.Finding
	for i, s := range strs {
		span := explain.Span{s.tok.start, s.tok.end}
		if s.tok.unterminated {
			fs = append(fs, finding(CodeQuoteUnterminated, span,
				"This string opens a double quote that never closes; add the closing \" at the end of the string."))
		}
		if n := s.end - s.start; n > maxStringLen {
			fs = append(fs, finding(CodeStringTooLong, span, fmt.Sprintf(
				"This string is %d bytes; one TXT string holds at most %d. Split the value into several quoted strings of at most %d bytes each (\"…\" \"…\"): receivers join them without adding anything in between.",
				n, maxStringLen, maxStringLen)))
		}
		if i == 0 {
			continue
		}
		prev := strs[i-1]
		if t == explain.TypeSPF && prev.end > prev.start && s.end > s.start &&
			value[prev.end-1] != ' ' && value[s.start] != ' ' {
			fs = append(fs, finding(CodeStringsGlued, explain.Span{prev.tok.start, s.tok.end}, fmt.Sprintf(
				"These strings are joined with nothing in between, so %q and %q run together into one term. If they are separate terms, end the first string with a space or start the second with one.",
				lastWord(value[prev.start:prev.end]), firstWord(value[s.start:s.end]))))
		}
	}
	if len(strs) > 1 {
		fs = append(fs, finding(CodeStringsJoined, explain.Span{strs[0].tok.start, strs[len(strs)-1].tok.end}, fmt.Sprintf(
			"The value is published as %d strings; receivers join them with nothing in between (RFC 7208 §3.3, RFC 6376 §3.6.2.2), which gives the value explained here.",
			len(strs))))
	}
	return fs
}

func lastWord(b []byte) string {
	s := string(b)
	return s[strings.LastIndexByte(s, ' ')+1:]
}

func firstWord(b []byte) string {
	s := string(b)
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}
