// Package numtext writes numbers into the text of explanations as fmt
// would, without fmt: fmt (with reflect, os and time under it) is about a
// tenth of the page's first engine.
package numtext

import "strconv"

// UpperHex writes v in upper-case hexadecimal, zero-padded to at least
// digits digits (at most 16): fmt's %0<digits>X, as in "U+" +
// UpperHex(r, 4) for a code point or "0x" + UpperHex(b, 2) for a byte.
func UpperHex(v uint64, digits int) string {
	const hex = "0123456789ABCDEF"
	var buf [16]byte
	i := len(buf)
	for {
		i--
		buf[i] = hex[v&0xf]
		v >>= 4
		if i == 0 || v == 0 && len(buf)-i >= digits {
			break
		}
	}
	return string(buf[i:])
}

// OneDecimal writes num/den (den > 0, num < 2^60) rounded to one decimal
// place, a tie to the even digit: "1.5" for 3/2, "0.2" for 1/4. That is
// fmt's %.1f of float64(num)/float64(den) whenever the quotient is exact
// in a float64 (den a power of two, as for KiB and MiB); otherwise it
// rounds the exact quotient, where %.1f rounds the float nearest to it.
func OneDecimal(num, den uint64) string {
	q, r := num*10/den, num*10%den
	if 2*r > den || 2*r == den && q%2 == 1 {
		q++
	}
	return strconv.FormatUint(q/10, 10) + "." + strconv.FormatUint(q%10, 10)
}
