package parsers

import (
	"sort"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/dnstext"
	"github.com/mxplain/mxplain/parsers/explain"
)

// valueMap is a record value together with where each of its bytes came from
// in the input. Record parsers report spans into the value; valueMap turns
// them into spans into the input, across quotes, escapes and the gaps between
// TXT strings. It holds one segment per run of bytes written as they read and
// one per escape, not one entry per byte, so that a value costs little more
// than its bytes.
type valueMap struct {
	buf  []byte    // the value while it is built; see seal
	text string    // the value, once sealed
	segs []segment // in value order; segs[0].at == 0
	at   int       // where an empty value stands in the input
}

// segment is a run of value bytes, from value offset at up to the next
// segment's, each written as width input bytes, the first at input offset
// from: width 1 for text as written, the escape's length for "\DDD" or "\X".
type segment struct {
	at, from, width int
}

// addRaw appends input[start:end] unchanged.
func (m *valueMap) addRaw(input string, start, end int) {
	if start < end {
		m.extend(start, 1)
		m.buf = append(m.buf, input[start:end]...)
	}
}

// add appends byte b, written at input[from:to].
func (m *valueMap) add(b byte, from, to int) {
	m.extend(from, to-from)
	m.buf = append(m.buf, b)
}

// extend makes the last segment take the next value byte, written at input
// offset from with width bytes, or starts a new segment for it.
func (m *valueMap) extend(from, width int) {
	if n := len(m.segs); n > 0 {
		last := m.segs[n-1]
		if last.width == width && last.from+(len(m.buf)-last.at)*width == from {
			return
		}
	}
	m.segs = append(m.segs, segment{at: len(m.buf), from: from, width: width})
}

// seal ends building: the value is m.text from now on.
func (m *valueMap) seal() {
	m.text, m.buf = string(m.buf), nil
}

// source is where value byte i (0 <= i < len(text)) was written in the input.
func (m *valueMap) source(i int) (from, to int) {
	k := sort.Search(len(m.segs), func(k int) bool { return m.segs[k].at > i }) - 1
	s := m.segs[k]
	from = s.from + (i-s.at)*s.width
	return from, from + s.width
}

// span maps a span of the value to the input.
func (m *valueMap) span(s explain.Span) explain.Span {
	n := len(m.text)
	lo, hi := min(max(s[0], 0), n), min(max(s[1], 0), n)
	if hi < lo {
		hi = lo
	}
	point := func(i int) int {
		switch {
		case i < n:
			from, _ := m.source(i)
			return from
		case n > 0:
			_, to := m.source(n - 1)
			return to
		default:
			return m.at
		}
	}
	if lo == hi {
		p := point(lo)
		return explain.Span{p, p}
	}
	from, _ := m.source(lo)
	_, to := m.source(hi - 1)
	return explain.Span{from, to}
}

// textAt is the part of the value written inside s, a span of the input:
// the value bytes whose source lies within s. For a field of a record,
// that is the field's text (the round-trip invariant, see
// explain.Record.CheckTexts), even where the field's span crosses quotes,
// escapes and the gaps between TXT strings.
func (m *valueMap) textAt(s explain.Span) string {
	n := len(m.text)
	lo := sort.Search(n, func(i int) bool { from, _ := m.source(i); return from >= s[0] })
	hi := sort.Search(n, func(i int) bool { _, to := m.source(i); return to > s[1] })
	if hi < lo {
		return ""
	}
	return m.text[lo:hi]
}

// cut keeps the first n bytes of a sealed value and returns the input span
// of the rest.
func (m *valueMap) cut(n int) explain.Span {
	rest := m.span(explain.Span{n, len(m.text)})
	m.text = strings.Clone(m.text[:n]) // not holding on to the rest
	k := sort.Search(len(m.segs), func(k int) bool { return m.segs[k].at >= n })
	m.segs = m.segs[:max(k, 1)]
	return rest
}

// txtString is one character-string of a TXT record as the input wrote it.
type txtString struct {
	tok        token
	start, end int            // its decoded bytes in the joined value
	bad        *dnstext.Error // its first bad escape, or nil
	bads       int            // how many bad escapes it holds
}

// addCharString decodes one character-string token (RFC 1035 §5.1: quoted or
// not, with \X and \DDD escapes) onto the value.
func (m *valueMap) addCharString(input string, t token) txtString {
	s := txtString{tok: t, start: len(m.buf)}
	lo, hi := t.start, t.end
	if t.quoted {
		lo++
		if !t.unterminated {
			hi--
		}
	}
	text := input[:hi]
	for i := lo; i < hi; {
		j := i
		for j < hi && text[j] != '\\' {
			j++
		}
		m.addRaw(input, i, j)
		if i = j; i == hi {
			break
		}
		b, next, err := dnstext.Next(text, i)
		if err != nil {
			if s.bads++; s.bad == nil {
				s.bad = err
			}
		}
		m.add(b, i, next)
		i = next
	}
	s.end = len(m.buf)
	return s
}

// maxStringLen is the most bytes one TXT character-string holds (RFC 1035 §3.3).
const maxStringLen = 255

// checkStrings reports what is wrong or worth knowing about the TXT strings a
// value was joined from, the strings past the value's cut left out (see
// found.explainedStrings). k is the kind the value was detected as (nil
// for none).
func checkStrings(strs []txtString, value string, k *explain.Kind) []explain.Finding {
	var fs []explain.Finding
	for i, s := range strs {
		span := explain.Span{s.tok.start, s.tok.end}
		if s.tok.unterminated {
			fs = append(fs, finding(CodeQuoteUnterminated, span,
				"This string opens a double quote that never closes; add the closing \" at the end of the string.").
				WithFix(explain.Span{span[1], span[1]}, `"`))
		}
		if n := s.end - s.start; n > maxStringLen {
			fs = append(fs, finding(CodeStringTooLong, span, "This string is "+strconv.Itoa(n)+" bytes; one TXT string holds at most "+strconv.Itoa(maxStringLen)+". Split the value into several quoted strings of at most "+strconv.Itoa(maxStringLen)+` bytes each ("…" "…"): receivers join them without adding anything in between.`))
		}
		if i == 0 {
			continue
		}
		// The last string may go on past a cut value.
		prev, end := strs[i-1], min(s.end, len(value))
		if k != nil && k.BlankSeparated && prev.end > prev.start && end > s.start &&
			value[prev.end-1] != ' ' && value[s.start] != ' ' {
			fs = append(fs, finding(CodeStringsGlued, explain.Span{prev.tok.start, s.tok.end}, "These strings are joined with nothing in between, so "+strconv.Quote(lastWord(value[prev.start:prev.end]))+" and "+strconv.Quote(firstWord(value[s.start:end]))+" run together into one term. If they are separate terms, end the first string with a space or start the second with one."))
		}
	}
	if len(strs) > 1 {
		fs = append(fs, finding(CodeStringsJoined, explain.Span{strs[0].tok.start, strs[len(strs)-1].tok.end}, "The value is published as "+strconv.Itoa(len(strs))+" strings; receivers join them with nothing in between (RFC 7208 §3.3, RFC 6376 §3.6.2.2), which gives the value explained here."))
	}
	return fs
}

// escapeFindings reports the bad escapes of each string, for TXT records of
// any type: zone software rejects the line whatever the text means.
func escapeFindings(strs []txtString) []explain.Finding {
	var fs []explain.Finding
	for _, s := range strs {
		if s.bad != nil {
			fs = append(fs, finding(CodeEscapeInvalid, explain.Span{s.bad.Start, s.bad.End}, msgBadEscape(s.bad, s.bads)))
		}
	}
	return fs
}

// msgBadEscape says what is wrong with the first of n bad escapes in a string.
func msgBadEscape(e *dnstext.Error, n int) string {
	var msg string
	switch e.Kind {
	case dnstext.DecimalRange:
		msg = e.Text + " is no byte: a \\DDD escape stands for one byte, 000 to 255, so zone software rejects it. Write the byte's value from 000 to 255, or \\" + e.Text + " for a backslash followed by the digits."
	case dnstext.DecimalShort:
		msg = e.Text + " is not an escape: after a backslash a digit starts a three-digit byte value (\\DDD, 000 to 255), so zone software rejects it. Write all three digits (\\001), or \\" + e.Text + " for a backslash followed by the digits."
	default:
		msg = "The string ends in a backslash that escapes nothing, which zone software rejects. Remove it, or write \\\\ for a backslash."
	}
	if n > 1 {
		msg += " This string holds " + strconv.Itoa(n) + " bad escapes; this is the first."
	}
	return msg + " mxplain reads a bad escape as the text written."
}

// maxWord bounds the words quoted in messages.
const maxWord = 40

func lastWord(s string) string {
	w := s[strings.LastIndexByte(s, ' ')+1:]
	if len(w) > maxWord {
		return "…" + w[len(w)-maxWord:]
	}
	return w
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	if len(s) > maxWord {
		return s[:maxWord] + "…"
	}
	return s
}
