package dkim

// A small DER decoder for the key formats p= may hold, written by hand in
// place of crypto/x509, which would add about a megabyte (net, net/url,
// pkix, DSA and ECDSA parsing, …) to the WebAssembly build of the page, and
// of encoding/asn1, whose reflection and math/big cost about 50 KiB more.
//
// RSA and Ed25519 public keys are decoded exactly as crypto/x509 decodes them:
// the same inputs are accepted and give the same key (the fuzz test checks
// this against x509). ECDSA, X25519 and DSA keys are recognised by their OID
// only, private keys and certificates by their ASN.1 outline only, to name
// what p= holds when it is not a key DKIM uses. Everything is read as
// encoding/asn1 reads it into the structs this decoder was first written
// with (the asn1Reference functions of the tests, fuzzed against these):
// lengths, tags and integers must be minimal, elements of a SEQUENCE after
// those read are ignored, unread; der_reader.go has the rules.

import (
	"errors"
)

// Algorithm identifiers of SubjectPublicKeyInfo (RFC 3279, RFC 8410), as the
// contents octets of their DER OBJECT IDENTIFIER. A valid OBJECT IDENTIFIER
// has one encoding only, so equal octets are equal identifiers.
const (
	oidRSA     = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01" // 1.2.840.113549.1.1.1 rsaEncryption
	oidEd25519 = "\x2b\x65\x70"                         // 1.3.101.112
	oidECDSA   = "\x2a\x86\x48\xce\x3d\x02\x01"         // 1.2.840.10045.2.1 id-ecPublicKey
	oidX25519  = "\x2b\x65\x6e"                         // 1.3.101.110
	oidDSA     = "\x2a\x86\x48\xce\x38\x04\x01"         // 1.2.840.10040.4.1
)

var (
	errTrailingData = errors.New("trailing data after the DER value")
	errBadKey       = errors.New("malformed public key")
	// errOtherKey: a SubjectPublicKeyInfo of a key type crypto/x509 knows
	// but DKIM does not use (ECDSA, X25519, DSA); recognised by its OID only.
	errOtherKey = errors.New("public key of a type DKIM does not use")
	errUnknown  = errors.New("unknown public key algorithm")
	// errMalformed: not DER, or not the ASN.1 structure expected.
	errMalformed = errors.New("malformed DER")
)

// parsePublicKeyInfo decodes a DER SubjectPublicKeyInfo holding an RSA
// (*RSAPublicKey) or Ed25519 (Ed25519PublicKey) key, like
// x509.ParsePKIXPublicKey. For ECDSA, X25519 and DSA it returns errOtherKey.
func parsePublicKeyInfo(der []byte) (any, error) {
	oid, params, data, rest, ok := readPublicKeyInfo(der)
	switch {
	case !ok:
		return nil, errMalformed
	case len(rest) > 0:
		return nil, errTrailingData
	}
	switch string(oid) {
	case oidRSA:
		// The parameters must be NULL (RFC 3279 §2.3.1). As in x509, bytes
		// after the RSAPublicKey inside the BIT STRING are ignored, and the
		// exponent need only be positive.
		if string(params) != "\x05\x00" {
			return nil, errBadKey
		}
		n, e, _, ok := readRSAPublicKey(data)
		if !ok {
			return nil, errMalformed
		}
		if n, ok = positiveInteger(n); !ok || e <= 0 {
			return nil, errBadKey
		}
		return &RSAPublicKey{N: append([]byte(nil), n...), E: e}, nil
	case oidEd25519:
		// No parameters (RFC 8410 §3), and the 32 key bytes.
		if len(params) != 0 || len(data) != ed25519KeySize {
			return nil, errBadKey
		}
		return Ed25519PublicKey(data), nil
	case oidECDSA, oidX25519, oidDSA:
		return nil, errOtherKey
	}
	return nil, errUnknown
}

// parsePKCS1PublicKey decodes a bare DER RSAPublicKey like
// x509.ParsePKCS1PublicKey, which also caps the exponent at 2^31-1.
func parsePKCS1PublicKey(der []byte) (*RSAPublicKey, error) {
	n, e, rest, ok := readRSAPublicKey(der)
	switch {
	case !ok:
		return nil, errMalformed
	case len(rest) > 0:
		return nil, errTrailingData
	}
	n, ok = positiveInteger(n)
	if !ok || e <= 0 || e > 1<<31-1 {
		return nil, errBadKey
	}
	return &RSAPublicKey{N: append([]byte(nil), n...), E: e}, nil
}

// readPublicKeyInfo reads RFC 5280 §4.1.2.7's SubjectPublicKeyInfo at the
// start of der: SEQUENCE { AlgorithmIdentifier, BIT STRING }. It returns the
// algorithm's OID and parameters (see readAlgorithm), the BIT STRING's bits
// right-aligned, and the bytes after the SEQUENCE.
func readPublicKeyInfo(der []byte) (oid, params, key, rest []byte, ok bool) {
	body, rest, ok := readElement(der, tagSequence)
	if !ok {
		return nil, nil, nil, nil, false
	}
	oid, params, body, ok = readAlgorithm(body)
	if !ok {
		return nil, nil, nil, nil, false
	}
	key, _, ok = readBitString(body)
	if !ok {
		return nil, nil, nil, nil, false
	}
	return oid, params, key, rest, true
}

// readAlgorithm reads RFC 5280 §4.1.1.2's AlgorithmIdentifier at the start
// of der: SEQUENCE { OBJECT IDENTIFIER, ANY OPTIONAL }. It returns the OID's
// contents octets, the whole encoding of the parameters (nil when absent; any
// one DER value is taken), and the bytes after the SEQUENCE.
func readAlgorithm(der []byte) (oid, params, rest []byte, ok bool) {
	body, rest, ok := readElement(der, tagSequence)
	if !ok {
		return nil, nil, nil, false
	}
	oid, body, ok = readElement(body, tagOID)
	if !ok || !validOID(oid) {
		return nil, nil, nil, false
	}
	if len(body) > 0 {
		_, _, after, ok := readValue(body)
		if !ok {
			return nil, nil, nil, false
		}
		params = body[:len(body)-len(after)]
	}
	return oid, params, rest, true
}

// readRSAPublicKey reads PKCS #1's RSAPublicKey (RFC 8017 §A.1.1) at the
// start of der: SEQUENCE { INTEGER n, INTEGER e }, e fitting an int. It
// returns n's contents octets (of any sign), e, and the bytes after the
// SEQUENCE.
func readRSAPublicKey(der []byte) (n []byte, e int, rest []byte, ok bool) {
	body, rest, ok := readElement(der, tagSequence)
	if !ok {
		return nil, 0, nil, false
	}
	n, body, ok = readInteger(body)
	if !ok {
		return nil, 0, nil, false
	}
	e, _, ok = readInt(body)
	if !ok {
		return nil, 0, nil, false
	}
	return n, e, rest, true
}

// isPKCS8PrivateKey reports whether der has the outline of a PKCS #8
// PrivateKeyInfo (RFC 5208 §5): version, algorithm, key bytes. Like
// x509.ParsePKCS8PrivateKey it ignores bytes after the value.
func isPKCS8PrivateKey(der []byte) bool {
	body, _, ok := readElement(der, tagSequence)
	if !ok {
		return false
	}
	if _, body, ok = readInt(body); !ok {
		return false
	}
	if _, _, body, ok = readAlgorithm(body); !ok {
		return false
	}
	_, _, ok = readElement(body, tagOctetString)
	return ok
}

// isPKCS1PrivateKey reports whether der has the outline of a PKCS #1
// RSAPrivateKey (RFC 8017 §A.1.2): version (at most 1, as x509 checks), then
// n, e, d, p, q (and more integers, not read). The numbers are not checked
// against each other.
func isPKCS1PrivateKey(der []byte) bool {
	body, rest, ok := readElement(der, tagSequence)
	if !ok || len(rest) > 0 {
		return false
	}
	version, body, ok := readInt(body)
	if !ok || version > 1 {
		return false
	}
	// n, e, d, p, q: e any int, the others positive.
	for i := range 5 {
		if i == 1 {
			if _, body, ok = readInt(body); !ok {
				return false
			}
			continue
		}
		var v []byte
		if v, body, ok = readInteger(body); !ok {
			return false
		}
		if _, ok = positiveInteger(v); !ok {
			return false
		}
	}
	return true
}

// isCertificate reports whether der has the outline of an X.509 certificate
// (RFC 5280 §4.1): a signed TBSCertificate of version, serial number,
// signature algorithm, issuer, validity, subject and SubjectPublicKeyInfo.
// Names, times, extensions and the signature are not read.
func isCertificate(der []byte) bool {
	body, rest, ok := readElement(der, tagSequence)
	if !ok || len(rest) > 0 {
		return false
	}
	tbs, body, ok := readElement(body, tagSequence)
	if !ok || !isTBSCertificate(tbs) {
		return false
	}
	if _, _, body, ok = readAlgorithm(body); !ok {
		return false
	}
	_, _, ok = readBitString(body)
	return ok
}

// isTBSCertificate reports whether b, the contents of a TBSCertificate, has
// its outline (RFC 5280 §4.1): version ([0] EXPLICIT INTEGER OPTIONAL, read
// as encoding/asn1 reads it), serial number, signature algorithm, issuer,
// validity and subject (any SEQUENCE), and SubjectPublicKeyInfo; what follows
// is not read.
func isTBSCertificate(b []byte) bool {
	if len(b) > 0 {
		h, inner, ok := readHeader(b)
		switch {
		case !ok:
			return false
		case len(inner) == 0:
			return false // encoding/asn1: "explicit tag has no child"
		case h.class == classContextSpecific && h.tag == 0 && (h.length == 0 || h.compound):
			if h.length == 0 {
				return false // a zero-length [0] is an asn1.Flag only
			}
			// encoding/asn1 reads the value inside the [0] against the
			// TBSCertificate's bounds, not the [0]'s, and goes on after it:
			// the [0]'s length is not checked.
			ih, after, ok := readHeader(inner)
			if !ok {
				return false
			}
			if ih.class == classUniversal && ih.tag == tagInteger && !ih.compound {
				if ih.length > len(after) {
					return false
				}
				v := after[:ih.length]
				if !validInteger(v) {
					return false
				}
				if _, ok := intValue(v); !ok {
					return false
				}
				b = after[ih.length:]
			}
			// Else the version is absent (the default), and the [0] is
			// read again as the serial number, which fails.
		}
		// Else the version is absent: b is read again from its start.
	}
	var ok bool
	if _, b, ok = readInteger(b); !ok { // serial number
		return false
	}
	if _, _, b, ok = readAlgorithm(b); !ok {
		return false
	}
	for range 3 { // issuer, validity, subject
		if _, b, ok = readElement(b, tagSequence); !ok {
			return false
		}
	}
	_, _, _, _, ok = readPublicKeyInfo(b)
	return ok
}

// isRSAHugeExponent reports whether der is an RSA SubjectPublicKeyInfo or a
// bare RSAPublicKey whose exponent is too large for an int (over 63 bits),
// which crypto/x509 and this decoder refuse to read.
func isRSAHugeExponent(der []byte) bool {
	if oid, _, key, rest, ok := readPublicKeyInfo(der); ok && len(rest) == 0 && string(oid) == oidRSA {
		der = key
	}
	// The two integers and nothing else in the SEQUENCE (a private key has
	// more); bytes after it are not read.
	body, _, ok := readElement(der, tagSequence)
	if !ok {
		return false
	}
	n, body, ok := readInteger(body)
	if !ok {
		return false
	}
	e, body, ok := readInteger(body)
	if !ok || len(body) > 0 {
		return false
	}
	_, nOK := positiveInteger(n)
	_, eOK := positiveInteger(e)
	// A positive INTEGER of 9 contents octets or more (minimal: the first
	// a zero before a high bit, or not zero) is 2^63 or more.
	return nOK && eOK && len(e) > 8
}
