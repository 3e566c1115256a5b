package terminal_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/terminal"
)

func TestVisible(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":             {"v=spf1 -all", "v=spf1 -all"},
		"utf-8 kept":        {"Bücher.test ✓", "Bücher.test ✓"},
		"esc":               {"v=spf1 \x1b[2J -all", `v=spf1 \x1b[2J -all`},
		"bel and title":     {"\x1b]0;owned\x07", `\x1b]0;owned\x07`},
		"cr lf tab":         {"a\r\nb\tc", `a\x0d\x0ab\x09c`},
		"nul and del":       {"\x00\x7f", `\x00\x7f`},
		"c1 csi":            {"a\u009b2Jb", `a\u009b2Jb`},
		"not utf-8":         {"a\x9b2J\xffb", `a\x9b2J\xffb`},
		"bidi override":     {"abc\u202edcba", `abc\u202edcba`},
		"bidi isolates":     {"\u2066x\u2069", `\u2066x\u2069`},
		"marks, zero width": {"a\u200eb\u200bc\ufeff", `a\u200eb\u200bc\ufeff`},
		"separators":        {"a\u2028b\u2029", `a\u2028b\u2029`},
		"tag beyond bmp":    {"a\U000E0041", `a\U000e0041`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := terminal.Visible(tt.in)
			if got != tt.want {
				t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if w := terminal.Width(tt.in); w != utf8.RuneCountInString(tt.want) {
				t.Errorf("Width = %d, want %d", w, utf8.RuneCountInString(tt.want))
			}
		})
	}
}

func FuzzVisible(f *testing.F) {
	f.Add("v=spf1 \x1b[2J\a -all")
	f.Add("\u202e\xff\u009b")
	f.Fuzz(func(t *testing.T, s string) {
		v := terminal.Visible(s)
		if !utf8.ValidString(v) {
			t.Fatalf("Visible(%q) = %q is not UTF-8", s, v)
		}
		if i := strings.IndexFunc(v, func(r rune) bool {
			return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
		}); i >= 0 {
			t.Fatalf("Visible(%q) = %q keeps %q", s, v, v[i:])
		}
		if terminal.Visible(v) != v {
			t.Fatalf("Visible is not idempotent on %q", s)
		}
		if !strings.ContainsFunc(s, func(r rune) bool {
			return r == utf8.RuneError || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
		}) && v != s {
			t.Fatalf("Visible(%q) changed text with nothing to escape: %q", s, v)
		}
	})
}

// A TXT record that clears the screen and sets the window title shows as
// the bytes it holds.
func ExampleVisible() {
	fmt.Println(terminal.Visible("v=spf1 \x1b[2J\x1b]0;pwned\x07 -all"))
	// Output: v=spf1 \x1b[2J\x1b]0;pwned\x07 -all
}
