package dkim

// The asn1Reference functions are this package's DER decoder as it was
// written on encoding/asn1, kept as the reference the hand decoder of der.go
// is fuzzed against (FuzzDERReference): the same inputs accepted, the same
// results, for the key formats and for the outlines classify names.

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"math/big"
	"testing"
	"time"
)

// Algorithm identifiers of SubjectPublicKeyInfo (RFC 3279, RFC 8410).
var (
	asn1OIDRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1} // rsaEncryption
	asn1OIDEd25519 = asn1.ObjectIdentifier{1, 3, 101, 112}
	asn1OIDECDSA   = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1} // id-ecPublicKey
	asn1OIDX25519  = asn1.ObjectIdentifier{1, 3, 101, 110}
	asn1OIDDSA     = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}
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

// asn1Unmarshal decodes one DER value into v and rejects any bytes after it.
func asn1Unmarshal(der []byte, v any) error {
	rest, err := asn1.Unmarshal(der, v)
	if err == nil && len(rest) > 0 {
		err = errTrailingData
	}
	return err
}

// asn1ReferenceParsePublicKeyInfo decodes a DER SubjectPublicKeyInfo holding an RSA
// (*RSAPublicKey) or Ed25519 (Ed25519PublicKey) key, like
// x509.ParsePKIXPublicKey. For ECDSA, X25519 and DSA it returns errOtherKey.
func asn1ReferenceParsePublicKeyInfo(der []byte) (crypto.PublicKey, error) {
	var info publicKeyInfo
	if err := asn1Unmarshal(der, &info); err != nil {
		return nil, err
	}
	params := info.Algorithm.Parameters.FullBytes
	data := info.PublicKey.RightAlign()
	switch oid := info.Algorithm.Algorithm; {
	case oid.Equal(asn1OIDRSA):
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
	case oid.Equal(asn1OIDEd25519):
		// No parameters (RFC 8410 §3), and the 32 key bytes.
		if len(params) != 0 || len(data) != ed25519KeySize {
			return nil, errBadKey
		}
		return Ed25519PublicKey(data), nil
	case oid.Equal(asn1OIDECDSA), oid.Equal(asn1OIDX25519), oid.Equal(asn1OIDDSA):
		return nil, errOtherKey
	}
	return nil, errUnknown
}

// asn1ReferenceParsePKCS1PublicKey decodes a bare DER RSAPublicKey like
// x509.ParsePKCS1PublicKey, which also caps the exponent at 2^31-1.
func asn1ReferenceParsePKCS1PublicKey(der []byte) (*RSAPublicKey, error) {
	var k pkcs1PublicKey
	if err := asn1Unmarshal(der, &k); err != nil {
		return nil, err
	}
	if k.N.Sign() <= 0 || k.E <= 0 || k.E > 1<<31-1 {
		return nil, errBadKey
	}
	return &RSAPublicKey{N: k.N.Bytes(), E: k.E}, nil
}

// asn1ReferenceIsPKCS8PrivateKey reports whether der has the outline of a PKCS #8
// PrivateKeyInfo (RFC 5208 §5): version, algorithm, key bytes. Like
// x509.ParsePKCS8PrivateKey it ignores bytes after the value.
func asn1ReferenceIsPKCS8PrivateKey(der []byte) bool {
	var k struct {
		Version    int
		Algorithm  algorithmIdentifier
		PrivateKey []byte
	}
	_, err := asn1.Unmarshal(der, &k)
	return err == nil
}

// asn1ReferenceIsPKCS1PrivateKey reports whether der has the outline of a PKCS #1
// RSAPrivateKey (RFC 8017 §A.1.2): version (at most 1, as x509 checks), then
// n, e, d, p, q (and more integers, not read). The numbers are not checked
// against each other.
func asn1ReferenceIsPKCS1PrivateKey(der []byte) bool {
	var k struct {
		Version int
		N       *big.Int
		E       int
		D, P, Q *big.Int
	}
	return asn1Unmarshal(der, &k) == nil && k.Version <= 1 &&
		k.N.Sign() > 0 && k.D.Sign() > 0 && k.P.Sign() > 0 && k.Q.Sign() > 0
}

// anySequence matches any SEQUENCE: encoding/asn1 allows elements that a
// struct does not name.
type anySequence struct{}

// asn1ReferenceIsCertificate reports whether der has the outline of an X.509 certificate
// (RFC 5280 §4.1): a signed TBSCertificate of version, serial number,
// signature algorithm, issuer, validity, subject and SubjectPublicKeyInfo.
// Names, times, extensions and the signature are not read.
func asn1ReferenceIsCertificate(der []byte) bool {
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
	return asn1Unmarshal(der, &c) == nil
}

// asn1ReferenceIsRSAHugeExponent reports whether der is an RSA SubjectPublicKeyInfo or a
// bare RSAPublicKey whose exponent is too large for an int (over 63 bits),
// which crypto/x509 and this decoder refuse to read.
func asn1ReferenceIsRSAHugeExponent(der []byte) bool {
	var info publicKeyInfo
	if asn1Unmarshal(der, &info) == nil && info.Algorithm.Algorithm.Equal(asn1OIDRSA) {
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

// refResult is what a decoding function returned, in a form to compare: the
// key and the error, any error of encoding/asn1 counted as errMalformed.
func refResult(pub crypto.PublicKey, err error) (crypto.PublicKey, error) {
	switch err {
	case nil, errTrailingData, errBadKey, errOtherKey, errUnknown:
	default:
		err = errMalformed
	}
	return pub, err
}

// sameResult reports whether two decoded keys are equal, in type and bytes.
func sameResult(a, b crypto.PublicKey) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case *RSAPublicKey:
		b, ok := b.(*RSAPublicKey)
		return ok && (a == nil) == (b == nil) && (a == nil || bytes.Equal(a.N, b.N) && a.E == b.E)
	case Ed25519PublicKey:
		b, ok := b.(Ed25519PublicKey)
		return ok && bytes.Equal(a, b)
	}
	return false
}

// tlv is the DER encoding of one value with the identifier octet id.
func tlv(id byte, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	out := []byte{id}
	switch n := len(b); {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	case n < 0x10000:
		out = append(out, 0x82, byte(n>>8), byte(n))
	default:
		out = append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	}
	return append(out, b...)
}

// derWrappings returns der and values built around it, so that the fuzzer's
// bytes reach the inner parts of each structure: the key in the BIT STRING
// of an RSA SubjectPublicKeyInfo (right-aligned by pad bits from the first
// byte), the parameters and what follows the OID of an AlgorithmIdentifier,
// the contents of a TBSCertificate, of a certificate and of a private key.
func derWrappings(der []byte) [][]byte {
	rsaOID := tlv(0x06, []byte(oidRSA))
	null := []byte{0x05, 0x00}
	out := [][]byte{der}
	bits := append([]byte{0}, der...)
	if len(der) > 0 && der[0]&7 != 0 {
		// der[0]&7 padding bits, and der[1:] shifted left by as many:
		// RightAlign gives der[1:] back when its first bits are zero.
		pad := der[0] & 7
		rest := der[1:]
		bits = append([]byte{pad}, rest...)
		for i := range rest {
			bits[1+i] = rest[i] << pad
			if i+1 < len(rest) {
				bits[1+i] |= rest[i+1] >> (8 - pad)
			}
		}
	}
	out = append(out,
		tlv(0x30, tlv(0x30, rsaOID, null), tlv(0x03, append([]byte{0}, der...))),
		tlv(0x30, tlv(0x30, rsaOID, null), tlv(0x03, bits)),
		tlv(0x30, tlv(0x30, rsaOID, der), tlv(0x03, []byte{0, 0x30, 6, 2, 1, 65, 2, 1, 3})),
		tlv(0x30, tlv(0x30, tlv(0x06, []byte(oidEd25519)), der), tlv(0x03, append([]byte{0}, make([]byte, 32)...))),
		tlv(0x30, der),
		tlv(0x30, tlv(0x30, der), tlv(0x30, rsaOID, null), tlv(0x03, []byte{0})),
		tlv(0x30, []byte{2, 1, 0}, tlv(0x30, rsaOID, null), tlv(0x04, der)),
		tlv(0x30, []byte{2, 1, 0, 2, 1, 65, 2, 1, 3}, der),
	)
	return out
}

// FuzzDERReference checks the hand DER decoder of der.go against the one on
// encoding/asn1 it replaces (the asn1Reference functions): the same inputs
// accepted, the same keys and kinds of error, the same outlines recognised;
// and the reader's parts against encoding/asn1's reading of one value, an
// INTEGER, a BIT STRING and an OBJECT IDENTIFIER.
func FuzzDERReference(f *testing.F) {
	for _, name := range []string{"rsa512.spki", "rsa1024.spki", "rsa2048.spki", "rsa2048.pkcs1",
		"ed25519.spki", "ed25519.raw", "ecdsa-p256.spki"} {
		f.Add(derKey(f, name))
	}
	for _, der := range derReferenceSeeds(f) {
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		der = der[:len(der):len(der)]
		checkReader(t, der)
		for _, der := range derWrappings(der) {
			checkDecoder(t, der)
		}
	})
}

// checkDecoder compares each function of der.go with its asn1Reference.
func checkDecoder(t *testing.T, der []byte) {
	t.Helper()
	pub, err := parsePublicKeyInfo(der)
	rpub, rerr := refResult(asn1ReferenceParsePublicKeyInfo(der))
	if err != rerr || !sameResult(pub, rpub) {
		t.Fatalf("parsePublicKeyInfo(%x) = %v, %v; reference %v, %v", der, pub, err, rpub, rerr)
	}
	rsaPub, err := parsePKCS1PublicKey(der)
	rRSA, rerr := asn1ReferenceParsePKCS1PublicKey(der)
	_, rerr = refResult(nil, rerr)
	if err != rerr || (err == nil) && !sameResult(rsaPub, rRSA) {
		t.Fatalf("parsePKCS1PublicKey(%x) = %v, %v; reference %v, %v", der, rsaPub, err, rRSA, rerr)
	}
	for _, c := range []struct {
		name     string
		got, ref func([]byte) bool
	}{
		{"isPKCS8PrivateKey", isPKCS8PrivateKey, asn1ReferenceIsPKCS8PrivateKey},
		{"isPKCS1PrivateKey", isPKCS1PrivateKey, asn1ReferenceIsPKCS1PrivateKey},
		{"isCertificate", isCertificate, asn1ReferenceIsCertificate},
		{"isRSAHugeExponent", isRSAHugeExponent, asn1ReferenceIsRSAHugeExponent},
	} {
		if got, ref := c.got(der), c.ref(der); got != ref {
			t.Fatalf("%s(%x) = %v, reference %v", c.name, der, got, ref)
		}
	}
}

// checkReader compares the reader's parts with encoding/asn1 on der.
func checkReader(t *testing.T, der []byte) {
	t.Helper()
	// One value of any tag: asn1.RawValue.
	h, body, rest, ok := readValue(der)
	var raw asn1.RawValue
	rrest, err := asn1.Unmarshal(der, &raw)
	if ok != (err == nil) || ok && (h.class != raw.Class || h.tag != raw.Tag || h.compound != raw.IsCompound ||
		!bytes.Equal(body, raw.Bytes) || !bytes.Equal(rest, rrest)) {
		t.Fatalf("readValue(%x) = %+v %x %x %v; asn1 %+v %x %v", der, h, body, rest, ok, raw, rrest, err)
	}
	if ok {
		if h2, after, ok := readHeader(der); !ok || h2 != h || len(after) != len(rest)+h.length {
			t.Fatalf("readHeader(%x) = %+v %v, readValue %+v", der, h2, ok, h)
		}
	}

	// INTEGER as int and as *big.Int.
	v, rest, ok := readInt(der)
	var i int
	rrest, err = asn1.Unmarshal(der, &i)
	if ok != (err == nil) || ok && (v != i || !bytes.Equal(rest, rrest)) {
		t.Fatalf("readInt(%x) = %d %v; asn1 %d %v", der, v, ok, i, err)
	}
	contents, rest, ok := readInteger(der)
	var n *big.Int
	rrest, err = asn1.Unmarshal(der, &n)
	if ok != (err == nil) || ok && !bytes.Equal(rest, rrest) {
		t.Fatalf("readInteger(%x) = %x %v; asn1 %v %v", der, contents, ok, n, err)
	}
	if ok {
		mag, pos := positiveInteger(contents)
		if pos != (n.Sign() > 0) || pos && !bytes.Equal(mag, n.Bytes()) {
			t.Fatalf("positiveInteger(%x) = %x %v; asn1 %v", contents, mag, pos, n)
		}
		k := RSAPublicKey{N: mag, E: 3}
		if pos && k.BitLen() != n.BitLen() {
			t.Fatalf("BitLen of %x = %d, big.Int %d", mag, k.BitLen(), n.BitLen())
		}
		for _, e := range []int{-1, 0, 1, 3, 65537, 1<<31 - 1, 1 << 40, 1<<63 - 1} {
			k.E = e
			if pos && k.exponentNotBelowModulus() != (big.NewInt(int64(e)).Cmp(n) >= 0) {
				t.Fatalf("exponentNotBelowModulus(%x, %d) = %v", mag, e, k.exponentNotBelowModulus())
			}
		}
	}

	// BIT STRING, right-aligned.
	bits, rest, ok := readBitString(der)
	var bs asn1.BitString
	rrest, err = asn1.Unmarshal(der, &bs)
	if ok != (err == nil) || ok && (!bytes.Equal(bits, bs.RightAlign()) || !bytes.Equal(rest, rrest)) {
		t.Fatalf("readBitString(%x) = %x %v; asn1 %x %v", der, bits, ok, bs.RightAlign(), err)
	}

	// OBJECT IDENTIFIER: valid, and equal octets for equal identifiers.
	oid, rest, ok := readElement(der, tagOID)
	ok = ok && validOID(oid)
	var id asn1.ObjectIdentifier
	rrest, err = asn1.Unmarshal(der, &id)
	if ok != (err == nil) || ok && !bytes.Equal(rest, rrest) {
		t.Fatalf("OID %x: valid %v; asn1 %v %v", der, ok, id, err)
	}
	if ok {
		for _, known := range []struct {
			octets string
			id     asn1.ObjectIdentifier
		}{{oidRSA, asn1OIDRSA}, {oidEd25519, asn1OIDEd25519}, {oidECDSA, asn1OIDECDSA}, {oidX25519, asn1OIDX25519}, {oidDSA, asn1OIDDSA}} {
			if (string(oid) == known.octets) != id.Equal(known.id) {
				t.Fatalf("OID %x (%v) against %v: octets equal %v", oid, id, known.id, string(oid) == known.octets)
			}
		}
	}
}

// derReferenceSeeds are inputs at the edges of what encoding/asn1 accepts,
// for FuzzDERReference and TestDERReference.
func derReferenceSeeds(t testing.TB) [][]byte {
	small := mustMarshal(t, pkcs1PublicKey{N: big.NewInt(65), E: 3})
	huge := mustMarshal(t, struct{ N, E *big.Int }{big.NewInt(65), new(big.Int).Lsh(big.NewInt(1), 63)})
	hugeSPKI := spkiRSA(t, huge)
	priv := mustMarshal(t, struct {
		Version int
		N       *big.Int
		E       int
		D, P, Q *big.Int
	}{0, big.NewInt(15), 3, big.NewInt(3), big.NewInt(3), big.NewInt(5)})
	edPriv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	pkcs8, err := x509.MarshalPKCS8PrivateKey(edPriv)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1, 0)}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, edPriv.Public(), edPriv)
	if err != nil {
		t.Fatal(err)
	}
	// A certificate's outline with the TBSCertificate given: version, serial,
	// algorithm, three SEQUENCEs and an Ed25519 SubjectPublicKeyInfo.
	edSPKI := tlv(0x30, tlv(0x30, tlv(0x06, []byte(oidEd25519))), tlv(0x03, append([]byte{0}, make([]byte, 32)...)))
	alg := tlv(0x30, tlv(0x06, []byte(oidEd25519)))
	certWith := func(tbs ...[]byte) []byte {
		return tlv(0x30, tlv(0x30, tbs...), alg, tlv(0x03, []byte{0}))
	}
	outline := [][]byte{{2, 1, 1}, alg, {0x30, 0}, {0x30, 0}, {0x30, 0}, edSPKI}
	return [][]byte{
		small, spkiRSA(t, small), huge, hugeSPKI, append(bytes.Clone(huge), 0), append(bytes.Clone(hugeSPKI), 0),
		priv, pkcs8, cert,
		certWith(outline...),
		certWith(append([][]byte{{0xa0, 3, 2, 1, 2}}, outline...)...),
		certWith(append([][]byte{{0xa0, 0x7f, 2, 1, 2}}, outline...)...), // the [0]'s length is not read
		certWith(append([][]byte{{0xa0, 1, 2, 1, 2}}, outline...)...),
		certWith(append([][]byte{{0xa0, 0}}, outline...)...),
		certWith(append([][]byte{{0xa0, 2, 2, 0}}, outline...)...),
		certWith(append([][]byte{{0xa0, 4, 2, 2, 0, 1}}, outline...)...),
		certWith(append([][]byte{{0x80, 3, 2, 1, 2}}, outline...)...),
		certWith(append([][]byte{{0xa0, 3, 4, 1, 2}}, outline...)...),
		certWith(append([][]byte{{0xa0, 10, 2, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0}}, outline...)...),
		certWith([]byte{0xa0, 3, 2, 1}),
		// TBSCertificate contents, for derWrappings to wrap.
		bytes.Join(outline, nil),
		bytes.Join(append([][]byte{{0xa0, 3, 2, 1, 2}}, outline...), nil),
		// Lengths and tags at the limits.
		{0x30, 0x80, 2, 1, 65, 2, 1, 3, 0, 0},
		{0x30, 0x81, 6, 2, 1, 65, 2, 1, 3},
		{0x30, 0x82, 0, 6, 2, 1, 65, 2, 1, 3},
		{0x30, 0x84, 0x7f, 0xff, 0xff, 0xff},
		{0x30, 0x84, 0x80, 0, 0, 0},
		{0x30, 0x85, 1, 0, 0, 0, 0},
		{0x1f, 0x1f, 0},
		{0x1f, 0x1e, 0},
		{0x3f, 0x80, 0x1f, 0},
		{0x5f, 0x87, 0xff, 0xff, 0xff, 0x7f, 0},
		{0xdf, 0x88, 0x80, 0x80, 0x80, 0x00, 0},
		{0x02, 0x09, 0, 0x80, 0, 0, 0, 0, 0, 0, 0},
		{0x02, 0x08, 0x80, 0, 0, 0, 0, 0, 0, 0},
		{0x02, 0x02, 0xff, 0x7f},
		{0x02, 0x02, 0xff, 0x80},
		{0x03, 0x02, 0x07, 0x80},
		{0x03, 0x02, 0x07, 0x81},
		{0x03, 0x01, 0x01},
		{0x03, 0x03, 0x03, 0xff, 0xf8},
		{0x06, 0x05, 0x87, 0xff, 0xff, 0xff, 0x7f},
		{0x06, 0x05, 0x88, 0x80, 0x80, 0x80, 0x00},
		{0x06, 0x06, 0x81, 0x80, 0x80, 0x80, 0x80, 0x01},
		{0x06, 0x02, 0x80, 0x01},
		{0x06, 0x02, 0x2a, 0x86},
		// AlgorithmIdentifier parameters of other kinds.
		tlv(0x30, tlv(0x30, tlv(0x06, []byte(oidRSA)), []byte{0x05, 0x00, 0xff}), tlv(0x03, append([]byte{0}, small...))),
		tlv(0x30, tlv(0x30, tlv(0x06, []byte(oidEd25519)), []byte{0xbf, 0x1f, 0}), tlv(0x03, append([]byte{0}, make([]byte, 32)...))),
		tlv(0x30, tlv(0x30, tlv(0x06, []byte(oidEd25519)), []byte{0x05}), tlv(0x03, append([]byte{0}, make([]byte, 32)...))),
	}
}

// TestDERReference runs FuzzDERReference's checks on its seeds and on every
// input of up to two bytes, and (without -short) of three bytes after
// identifier octets that matter.
func TestDERReference(t *testing.T) {
	for _, der := range derReferenceSeeds(t) {
		checkReader(t, der)
		for _, der := range derWrappings(der) {
			checkDecoder(t, der)
		}
	}
	checkReader(t, nil)
	for i := range 1 << 16 {
		checkReader(t, []byte{byte(i)})
		checkReader(t, []byte{byte(i >> 8), byte(i)})
	}
	if testing.Short() {
		return
	}
	for _, id := range []byte{0x02, 0x03, 0x06, 0x1f, 0x30, 0x3f, 0xa0, 0xbf} {
		for i := range 1 << 16 {
			checkReader(t, []byte{id, byte(i >> 8), byte(i)})
		}
	}
}

// TestOIDOctets checks the OID constants against encoding/asn1.
func TestOIDOctets(t *testing.T) {
	for octets, id := range map[string]asn1.ObjectIdentifier{
		oidRSA: asn1OIDRSA, oidEd25519: asn1OIDEd25519, oidECDSA: asn1OIDECDSA, oidX25519: asn1OIDX25519, oidDSA: asn1OIDDSA,
	} {
		if got := string(mustMarshal(t, id)); got != string(tlv(0x06, []byte(octets))) {
			t.Errorf("%v: DER %x, constant %x", id, got, octets)
		}
	}
}
