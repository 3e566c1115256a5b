package dnstext_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/mxplain/mxplain/internal/dnstext"
)

// piece is one decoded byte and where it was written.
type piece struct {
	b          byte
	start, end int
}

func TestNext(t *testing.T) {
	tests := map[string]struct {
		in     string
		want   []piece
		errors []dnstext.Error // every bad escape, in order
	}{
		"plain":         {"ab", []piece{{'a', 0, 1}, {'b', 1, 2}}, nil},
		"quote":         {`a\"`, []piece{{'a', 0, 1}, {'"', 1, 3}}, nil},
		"backslash":     {`\\`, []piece{{'\\', 0, 2}}, nil},
		"dot":           {`a\.b`, []piece{{'a', 0, 1}, {'.', 1, 3}, {'b', 3, 4}}, nil},
		"decimal":       {`\059x`, []piece{{';', 0, 4}, {'x', 4, 5}}, nil},
		"decimal 255":   {`\255`, []piece{{255, 0, 4}}, nil},
		"decimal 000":   {`\000`, []piece{{0, 0, 4}}, nil},
		"four digits":   {`\0651`, []piece{{'A', 0, 4}, {'1', 4, 5}}, nil},
		"over 255":      {`\256`, []piece{{'\\', 0, 1}, {'2', 1, 2}, {'5', 2, 3}, {'6', 3, 4}}, []dnstext.Error{{Kind: dnstext.DecimalRange, Start: 0, End: 4, Text: `\256`}}},
		"999":           {`a\999`, []piece{{'a', 0, 1}, {'\\', 1, 2}, {'9', 2, 3}, {'9', 3, 4}, {'9', 4, 5}}, []dnstext.Error{{Kind: dnstext.DecimalRange, Start: 1, End: 5, Text: `\999`}}},
		"one digit":     {`\1a`, []piece{{'\\', 0, 1}, {'1', 1, 2}, {'a', 2, 3}}, []dnstext.Error{{Kind: dnstext.DecimalShort, Start: 0, End: 2, Text: `\1`}}},
		"two at end":    {`\12`, []piece{{'\\', 0, 1}, {'1', 1, 2}, {'2', 2, 3}}, []dnstext.Error{{Kind: dnstext.DecimalShort, Start: 0, End: 3, Text: `\12`}}},
		"trailing":      {`ab\`, []piece{{'a', 0, 1}, {'b', 1, 2}, {'\\', 2, 3}}, []dnstext.Error{{Kind: dnstext.TrailingBackslash, Start: 2, End: 3, Text: `\`}}},
		"escaped digit": {`\\1`, []piece{{'\\', 0, 2}, {'1', 2, 3}}, nil},
		"utf-8 bytes":   {`\239\187\191`, []piece{{0xef, 0, 4}, {0xbb, 4, 8}, {0xbf, 8, 12}}, nil},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			var got []piece
			var errs []dnstext.Error
			for i := 0; i < len(tt.in); {
				b, next, err := dnstext.Next(tt.in, i)
				if err != nil {
					errs = append(errs, *err)
				}
				got = append(got, piece{b, i, next})
				i = next
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("bytes = %v, want %v", got, tt.want)
			}
			if fmt.Sprint(errs) != fmt.Sprint(tt.errors) {
				t.Errorf("errors = %v, want %v", errs, tt.errors)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := map[string]struct {
		in, want string
		kind     dnstext.ErrorKind // of the first bad escape; 0 for none
	}{
		"plain":    {"v=spf1 -all", "v=spf1 -all", 0},
		"escapes":  {`a\"b\\c\032d`, `a"b\c d`, 0},
		"bad kept": {`x\300y\`, `x\300y\`, dnstext.DecimalRange},
		"trailing": {`trailing\`, `trailing\`, dnstext.TrailingBackslash},
		"empty":    {"", "", 0},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := dnstext.Decode(tt.in)
			if got != tt.want {
				t.Errorf("Decode(%q) = %q, want %q", tt.in, got, tt.want)
			}
			var e *dnstext.Error
			switch {
			case tt.kind == 0 && err != nil:
				t.Errorf("Decode(%q) error %v, want none", tt.in, err)
			case tt.kind != 0 && (!errors.As(err, &e) || e.Kind != tt.kind):
				t.Errorf("Decode(%q) error %v, want kind %d", tt.in, err, tt.kind)
			}
		})
	}
}

// FuzzNext checks that Next always moves forward, stays inside the text,
// and that decoding text with no bad escape and escaping it back again
// gives the same bytes.
func FuzzNext(f *testing.F) {
	for _, s := range []string{"", "a", `\`, `\\`, `\256`, `\12`, `\065\066`, `a\.b\"c`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var out []byte
		clean := true
		for i := 0; i < len(s); {
			b, next, err := dnstext.Next(s, i)
			if next <= i || next > len(s) {
				t.Fatalf("Next(%q, %d) = next %d", s, i, next)
			}
			if err != nil {
				clean = false
				if err.Start != i || err.End <= err.Start || err.End > len(s) || s[err.Start:err.End] != err.Text {
					t.Fatalf("Next(%q, %d): error %+v does not stand at the escape", s, i, err)
				}
			}
			out = append(out, b)
			i = next
		}
		if !clean {
			return
		}
		var esc []byte
		for _, c := range out {
			esc = append(esc, fmt.Sprintf(`\%03d`, c)...)
		}
		if again, err := dnstext.Decode(string(esc)); err != nil || again != string(out) {
			t.Fatalf("round trip of %q: %q, %v", out, again, err)
		}
	})
}

func ExampleNext() {
	s := `v=spf1\032-all\300`
	for i := 0; i < len(s); {
		b, next, err := dnstext.Next(s, i)
		switch {
		case err != nil:
			fmt.Printf("bad escape %s at [%d,%d)\n", err.Text, err.Start, err.End)
		case next-i > 1:
			fmt.Printf("%q from %s at [%d,%d)\n", b, s[i:next], i, next)
		}
		i = next
	}
	// Output:
	// ' ' from \032 at [6,10)
	// bad escape \300 at [14,18)
}
