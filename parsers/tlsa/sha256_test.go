package tlsa

import (
	"crypto/sha256"
	"strings"
	"testing"
)

// TestSum256 checks sum256 against crypto/sha256 at the lengths where
// padding changes (55, 56, 63, 64 bytes …).
func TestSum256(t *testing.T) {
	for n := range 200 {
		b := []byte(strings.Repeat("mxplain", 30)[:n])
		if got, want := sum256(b), sha256.Sum256(b); got != want {
			t.Fatalf("sum256 of %d bytes = %x, want %x", n, got, want)
		}
	}
}
