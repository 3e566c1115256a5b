package dkim

import "math/bits"

// The key types p= decodes to. They hold what crypto/rsa's PublicKey and
// crypto/ed25519's PublicKey hold, without importing those packages: their
// code (and the FIPS module under it) would add about 80 KiB to the page's
// first engine, which never signs or verifies. The modulus is bytes, not a
// *big.Int, for the same reason: math/big is not needed to read or judge it.

// RSAPublicKey is an RSA public key: its modulus and public exponent
// (RFC 8017 §3.1).
type RSAPublicKey struct {
	N []byte // the modulus, big-endian, without leading zero bytes
	E int
}

// BitLen returns the length of the modulus in bits, as big.Int's BitLen.
func (k *RSAPublicKey) BitLen() int {
	n := trimLeadingZeros(k.N)
	if len(n) == 0 {
		return 0
	}
	return 8*len(n) - bits.LeadingZeros8(n[0])
}

// exponentNotBelowModulus reports whether e >= n, which RFC 8017 §3.1 rules
// out (e must be below n).
func (k *RSAPublicKey) exponentNotBelowModulus() bool {
	if k.E < 0 {
		return false // n is not negative
	}
	n := trimLeadingZeros(k.N)
	if len(n) > 8 {
		return false // n is 2^64 or more
	}
	var v uint64
	for _, b := range n {
		v = v<<8 | uint64(b)
	}
	return uint64(k.E) >= v
}

// trimLeadingZeros returns b without its leading zero bytes.
func trimLeadingZeros(b []byte) []byte {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

// Ed25519PublicKey is the 32 bytes of an Ed25519 public key (RFC 8032 §5.1.5).
type Ed25519PublicKey []byte

// ed25519KeySize is the length of an Ed25519 public key in bytes.
const ed25519KeySize = 32
