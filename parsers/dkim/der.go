package dkim

// A small DER decoder for the key formats p= may hold, built on encoding/asn1
// in place of crypto/x509, which would add about a megabyte (net, net/url,
// pkix, DSA and ECDSA parsing, …) to the WebAssembly build of the page.
//
// RSA and Ed25519 public keys are decoded exactly as crypto/x509 decodes them:
// the same inputs are accepted and give the same key (the fuzz test checks
// this against x509). ECDSA, X25519 and DSA keys are recognised by their OID
// only, private keys and certificates by their ASN.1 outline only, to name
// what p= holds when it is not a key DKIM uses.

import (
	"bytes"
	"crypto"
	"encoding/asn1"
	"errors"
	"math/big"
)

// Algorithm identifiers of SubjectPublicKeyInfo (RFC 3279, RFC 8410).
var (
	oidRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1} // rsaEncryption
	oidEd25519 = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidECDSA   = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1} // id-ecPublicKey
	oidX25519  = asn1.ObjectIdentifier{1, 3, 101, 110}
	oidDSA     = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}
)

var (
	errTrailingData = errors.New("trailing data after the DER value")
	errBadKey       = errors.New("malformed public key")
	// errOtherKey: a SubjectPublicKeyInfo of a key type crypto/x509 knows
	// but DKIM does not use (ECDSA, X25519, DSA); recognised by its OID only.
	errOtherKey = errors.New("public key of a type DKIM does not use")
	errUnknown  = errors.New("unknown public key algorithm")
)

// algorithmIdentifier is RFC 5280 §4.1.1.2's AlgorithmIdentifier.
type algorithmIdentifier struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

// publicKeyInfo is RFC 5280 §4.1.2.7's SubjectPublicKeyInfo.
type publicKeyInfo struct {
	Algorithm algorithmIdentifier
	PublicKey asn1.BitString
}

// pkcs1PublicKey is PKCS #1's RSAPublicKey (RFC 8017 §A.1.1).
type pkcs1PublicKey struct {
	N *big.Int
	E int
}

// unmarshal decodes one DER value into v and rejects any bytes after it.
func unmarshal(der []byte, v any) error {
	rest, err := asn1.Unmarshal(der, v)
	if err == nil && len(rest) > 0 {
		err = errTrailingData
	}
	return err
}

// parsePublicKeyInfo decodes a DER SubjectPublicKeyInfo holding an RSA
// (*RSAPublicKey) or Ed25519 (Ed25519PublicKey) key, like
// x509.ParsePKIXPublicKey. For ECDSA, X25519 and DSA it returns errOtherKey.
func parsePublicKeyInfo(der []byte) (crypto.PublicKey, error) {
	var info publicKeyInfo
	if err := unmarshal(der, &info); err != nil {
		return nil, err
	}
	params := info.Algorithm.Parameters.FullBytes
	data := info.PublicKey.RightAlign()
	switch oid := info.Algorithm.Algorithm; {
	case oid.Equal(oidRSA):
		// The parameters must be NULL (RFC 3279 §2.3.1). As in x509, bytes
		// after the RSAPublicKey inside the BIT STRING are ignored, and the
		// exponent need only be positive.
		if !bytes.Equal(params, asn1.NullBytes) {
			return nil, errBadKey
		}
		var k pkcs1PublicKey
		if _, err := asn1.Unmarshal(data, &k); err != nil {
			return nil, err
		}
		if k.N.Sign() <= 0 || k.E <= 0 {
			return nil, errBadKey
		}
		return &RSAPublicKey{N: k.N.Bytes(), E: k.E}, nil
	case oid.Equal(oidEd25519):
		// No parameters (RFC 8410 §3), and the 32 key bytes.
		if len(params) != 0 || len(data) != ed25519KeySize {
			return nil, errBadKey
		}
		return Ed25519PublicKey(data), nil
	case oid.Equal(oidECDSA), oid.Equal(oidX25519), oid.Equal(oidDSA):
		return nil, errOtherKey
	}
	return nil, errUnknown
}

// parsePKCS1PublicKey decodes a bare DER RSAPublicKey like
// x509.ParsePKCS1PublicKey, which also caps the exponent at 2^31-1.
func parsePKCS1PublicKey(der []byte) (*RSAPublicKey, error) {
	var k pkcs1PublicKey
	if err := unmarshal(der, &k); err != nil {
		return nil, err
	}
	if k.N.Sign() <= 0 || k.E <= 0 || k.E > 1<<31-1 {
		return nil, errBadKey
	}
	return &RSAPublicKey{N: k.N.Bytes(), E: k.E}, nil
}

// isPKCS8PrivateKey reports whether der has the outline of a PKCS #8
// PrivateKeyInfo (RFC 5208 §5): version, algorithm, key bytes. Like
// x509.ParsePKCS8PrivateKey it ignores bytes after the value.
func isPKCS8PrivateKey(der []byte) bool {
	var k struct {
		Version    int
		Algorithm  algorithmIdentifier
		PrivateKey []byte
	}
	_, err := asn1.Unmarshal(der, &k)
	return err == nil
}

// isPKCS1PrivateKey reports whether der has the outline of a PKCS #1
// RSAPrivateKey (RFC 8017 §A.1.2): version (at most 1, as x509 checks), then
// n, e, d, p, q (and more integers, not read). The numbers are not checked
// against each other.
func isPKCS1PrivateKey(der []byte) bool {
	var k struct {
		Version int
		N       *big.Int
		E       int
		D, P, Q *big.Int
	}
	return unmarshal(der, &k) == nil && k.Version <= 1 &&
		k.N.Sign() > 0 && k.D.Sign() > 0 && k.P.Sign() > 0 && k.Q.Sign() > 0
}

// anySequence matches any SEQUENCE: encoding/asn1 allows elements that a
// struct does not name.
type anySequence struct{}

// isCertificate reports whether der has the outline of an X.509 certificate
// (RFC 5280 §4.1): a signed TBSCertificate of version, serial number,
// signature algorithm, issuer, validity, subject and SubjectPublicKeyInfo.
// Names, times, extensions and the signature are not read.
func isCertificate(der []byte) bool {
	var c struct {
		TBS struct {
			Version   int `asn1:"optional,explicit,default:0,tag:0"`
			Serial    *big.Int
			Signature algorithmIdentifier
			Issuer    anySequence
			Validity  anySequence
			Subject   anySequence
			PublicKey publicKeyInfo
		}
		SignatureAlgorithm algorithmIdentifier
		Signature          asn1.BitString
	}
	return unmarshal(der, &c) == nil
}

// isRSAHugeExponent reports whether der is an RSA SubjectPublicKeyInfo or a
// bare RSAPublicKey whose exponent is too large for an int (over 63 bits),
// which crypto/x509 and this decoder refuse to read.
func isRSAHugeExponent(der []byte) bool {
	var info publicKeyInfo
	if unmarshal(der, &info) == nil && info.Algorithm.Algorithm.Equal(oidRSA) {
		der = info.PublicKey.RightAlign()
	}
	// The two integers and nothing else: encoding/asn1 would also fill the
	// struct from the start of a longer SEQUENCE (a private key).
	var k struct{ N, E *big.Int }
	if _, err := asn1.Unmarshal(der, &k); err != nil || k.N.Sign() <= 0 || k.E.Sign() <= 0 || k.E.IsInt64() {
		return false
	}
	again, err := asn1.Marshal(k)
	return err == nil && bytes.HasPrefix(der, again)
}
