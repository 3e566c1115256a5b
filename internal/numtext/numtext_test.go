package numtext_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/mxplain/mxplain/internal/numtext"
)

func ExampleUpperHex() {
	fmt.Println("U+"+numtext.UpperHex(0x201c, 4), "0x"+numtext.UpperHex(7, 2), numtext.UpperHex(0x1f600, 4), numtext.UpperHex(0, 1))
	// Output: U+201C 0x07 1F600 0
}

func ExampleOneDecimal() {
	fmt.Println(numtext.OneDecimal(3, 2), numtext.OneDecimal(1, 4), numtext.OneDecimal(3, 4), numtext.OneDecimal(100000, 86400))
	// Output: 1.5 0.2 0.8 1.2
}

func FuzzUpperHex(f *testing.F) {
	f.Add(uint64(0), 4)
	f.Add(uint64(1)<<63, 2)
	f.Fuzz(func(t *testing.T, v uint64, digits int) {
		digits = min(max(digits, 0), 16)
		if got, want := numtext.UpperHex(v, digits), fmt.Sprintf("%0*X", digits, v); got != want {
			t.Errorf("UpperHex(%#x, %d) = %q, want %q", v, digits, got, want)
		}
	})
}

// TestOneDecimalLikeFmt: for a power-of-two denominator the quotient is an
// exact float64, and OneDecimal writes what %.1f writes, ties included.
func TestOneDecimalLikeFmt(t *testing.T) {
	for _, den := range []uint64{1, 2, 1 << 10, 1 << 20} {
		for num := range uint64(1 << 20) {
			if got, want := numtext.OneDecimal(num, den), strconv.FormatFloat(float64(num)/float64(den), 'f', 1, 64); got != want {
				t.Fatalf("OneDecimal(%d, %d) = %s, want %s", num, den, got, want)
			}
		}
	}
}

func FuzzOneDecimal(f *testing.F) {
	f.Add(uint64(100000), uint64(86400))
	f.Add(uint64(4320), uint64(86400)) // 0.05: a tie, to the even 0.0
	f.Fuzz(func(t *testing.T, num, den uint64) {
		num %= 1 << 60
		if den == 0 {
			return
		}
		got := numtext.OneDecimal(num, den)
		// Within half a tenth of the exact quotient: 10*num/den - q in [-0.5, 0.5].
		q, err := strconv.ParseUint(got[:len(got)-2]+got[len(got)-1:], 10, 64)
		if err != nil || got[len(got)-2] != '.' {
			t.Fatalf("OneDecimal(%d, %d) = %q", num, den, got)
		}
		lo, hi := num*10/den, (num*10+den-1)/den
		if q != lo && q != hi {
			t.Errorf("OneDecimal(%d, %d) = %s: not a neighbour of the quotient", num, den, got)
		}
	})
}
