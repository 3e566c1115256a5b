// Package ascii classifies the ASCII bytes that DNS names and mail records
// are written in.
package ascii

// IsDigits reports whether s is one or more ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// UpperHex writes v in upper-case hexadecimal, zero-padded to at least
// digits digits (at most 16): fmt's %0<digits>X, as in "U+" + UpperHex(r, 4) for a
// code point or "0x" + UpperHex(b, 2) for a byte.
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
