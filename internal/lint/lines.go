package lint

import (
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mxplain/mxplain/parsers/explain"
)

// lineIndex maps byte offsets of a text to lines and columns.
type lineIndex struct {
	text   string
	starts []int // offset of the first byte of each line
}

// bom is the UTF-8 byte order mark some editors write at the start of a
// file; it is not part of the zone, and editors count columns after it.
const bom = "\uFEFF"

func newLineIndex(text string) lineIndex {
	starts := []int{0}
	if strings.HasPrefix(text, bom) {
		starts[0] = len(bom)
	}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{text: text, starts: starts}
}

// position returns the 1-based line and column of offset off; the column
// counts UTF-16 code units (a byte that is not UTF-8 counts as one).
func (x lineIndex) position(off int) (line, col int) {
	off = min(max(off, x.starts[0]), len(x.text))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	col = 1
	for _, r := range x.text[x.starts[i]:off] {
		if r == utf8.RuneError {
			col++
			continue
		}
		col += utf16.RuneLen(r)
	}
	return i + 1, col
}

// trim narrows a span to leave out the line break it ends with, so that it
// ends on its own last line.
func (x lineIndex) trim(s explain.Span) explain.Span {
	s[0], s[1] = min(max(s[0], 0), len(x.text)), min(max(s[1], 0), len(x.text))
	for s[1] > s[0] && (x.text[s[1]-1] == '\n' || x.text[s[1]-1] == '\r') {
		s[1]--
	}
	return s
}

// token returns the span of tok on the 1-based line, the last occurrence
// that starts before byte column col, or the first on the line; the whole
// line when tok is not on it. It is false when the text has no such line.
func (x lineIndex) token(line, col int, tok string) (explain.Span, bool) {
	if line < 1 || line > len(x.starts) {
		return explain.Span{}, false
	}
	start, end := x.starts[line-1], len(x.text)
	if line < len(x.starts) {
		end = x.starts[line]
	}
	text := x.text[start:end]
	i := -1
	if tok != "" {
		i = strings.LastIndex(text[:min(max(col, 0), len(text))], tok)
		if i < 0 {
			i = strings.Index(text, tok)
		}
	}
	if i < 0 {
		return x.trim(explain.Span{start, end}), true
	}
	return explain.Span{start + i, start + i + len(tok)}, true
}
