package dkim

import "math/big"

// The key types p= decodes to. They hold what crypto/rsa's PublicKey and
// crypto/ed25519's PublicKey hold, without importing those packages: their
// code (and the FIPS module under it) would add about 80 KiB to the page's
// first engine, which never signs or verifies.

// RSAPublicKey is an RSA public key: its modulus and public exponent
// (RFC 8017 §3.1).
type RSAPublicKey struct {
	N *big.Int
	E int
}

// Ed25519PublicKey is the 32 bytes of an Ed25519 public key (RFC 8032 §5.1.5).
type Ed25519PublicKey []byte

// ed25519KeySize is the length of an Ed25519 public key in bytes.
const ed25519KeySize = 32
