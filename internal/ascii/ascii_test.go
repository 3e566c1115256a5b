package ascii_test

import (
	"fmt"
	"testing"

	"github.com/mxplain/mxplain/internal/ascii"
)

func ExampleIsDigits() {
	fmt.Println(ascii.IsDigits("3600"), ascii.IsDigits(""), ascii.IsDigits("1h"), ascii.IsDigits("-1"))
	// Output: true false false false
}

func ExampleUpperHex() {
	fmt.Println("U+"+ascii.UpperHex(0x201c, 4), "0x"+ascii.UpperHex(7, 2), ascii.UpperHex(0x1f600, 4), ascii.UpperHex(0, 1))
	// Output: U+201C 0x07 1F600 0
}

func FuzzUpperHex(f *testing.F) {
	f.Add(uint64(0), 4)
	f.Add(uint64(1)<<63, 2)
	f.Fuzz(func(t *testing.T, v uint64, digits int) {
		digits = min(max(digits, 0), 16)
		if got, want := ascii.UpperHex(v, digits), fmt.Sprintf("%0*X", digits, v); got != want {
			t.Errorf("UpperHex(%#x, %d) = %q, want %q", v, digits, got, want)
		}
	})
}
