package lint

import (
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mxplain/mxplain/parsers/explain"
)

// lineIndex maps byte offsets of a text to lines and columns.
type lineIndex struct {
	text   string
	starts []int // offset of the first byte of each line
}

func newLineIndex(text string) lineIndex {
	starts := []int{0}
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
	off = min(max(off, 0), len(x.text))
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
