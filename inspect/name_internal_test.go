package inspect

import (
	"testing"
	"unicode/utf8"
)

// FuzzPunycode checks that decoding undoes encoding (RFC 3492 §6.2, §6.3)
// and that decoding any text never panics.
func FuzzPunycode(f *testing.F) {
	for _, s := range []string{"bücher", "日本語", "ドメイン名例", "a-ü-b", "ex\u202eelpmaxe", "bcher-kva", "", "-", "99999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		unpunycode(s) // any text: no panic
		if !utf8.ValidString(s) || utf8.RuneCountInString(s) > 63 {
			return
		}
		p, err := punycode(s)
		if err != nil {
			return
		}
		if u, err := unpunycode(p); err != nil || u != s {
			t.Fatalf("punycode(%q) = %q, which decodes to %q, %v", s, p, u, err)
		}
	})
}
