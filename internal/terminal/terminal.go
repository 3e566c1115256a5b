// Package terminal makes text that came from a paste or from DNS safe to
// print on a terminal. A TXT record can hold any byte (RFC 1035 §3.3.14):
// ESC starts a control sequence (clear the screen, set the window title, move
// the cursor), BEL rings, CR and LF forge lines, C1 controls such as U+009B
// act as CSI on some terminals, and bidirectional overrides (U+202E) reorder
// what is shown, so that the text on screen is not the text in the record.
// Visible replaces each of them with an escape a person can read and that no
// terminal acts on.
package terminal

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Visible returns s with every character a terminal would act on, or that
// would not show, replaced by a visible escape:
//
//   - C0 controls (tab, CR and LF included), DEL and bytes that are not
//     UTF-8 as \xNN (ESC is \x1b, BEL \x07);
//   - C1 controls (U+0080–U+009F), format characters (Unicode category Cf:
//     the bidi embeddings, overrides and isolates U+202A–U+202E and
//     U+2066–U+2069, the marks U+200E, U+200F and U+061C, zero-width
//     characters, the BOM) and the separators U+2028 and U+2029 as \uNNNN
//     (\U00NNNNNN beyond the BMP).
//
// Each escape is ASCII, one column a byte. Backslashes are not doubled, so
// Visible(Visible(s)) == Visible(s); a caller that lays out lines splits s
// at its line breaks first.
func Visible(s string) string {
	if !strings.ContainsFunc(s, hidden) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < utf8.RuneSelf && hidden(r):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case hidden(r) && r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04x`, r)
		case hidden(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// hidden reports whether Visible escapes r; strings.ContainsFunc passes
// utf8.RuneError for a byte that is not UTF-8, which is escaped too (a
// U+FFFD written as such is escaped as \ufffd: harmless, and rare).
func hidden(r rune) bool {
	return r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// Width is the number of columns s takes once made Visible, one a rune:
// what a terminal advances by for the text mail records hold (wide East
// Asian characters are counted as one).
func Width(s string) int { return utf8.RuneCountInString(Visible(s)) }
