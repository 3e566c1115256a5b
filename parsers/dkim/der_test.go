package dkim

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"math/big"
	"testing"
	"testing/cryptotest"
	"time"
)

// derKey reads a test key from testdata/keys as DER.
func derKey(t testing.TB, name string) []byte {
	t.Helper()
	der, err := base64.StdEncoding.DecodeString(readKey(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// mustMarshal is asn1.Marshal for test values that cannot fail.
func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := asn1.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// spkiRSA wraps an RSAPublicKey's DER in a SubjectPublicKeyInfo.
func spkiRSA(t testing.TB, pkcs1 []byte) []byte {
	return mustMarshal(t, publicKeyInfo{
		Algorithm: algorithmIdentifier{Algorithm: asn1OIDRSA, Parameters: asn1.NullRawValue},
		PublicKey: asn1.BitString{Bytes: pkcs1, BitLength: 8 * len(pkcs1)},
	})
}

func TestParsePublicKeyInfo(t *testing.T) {
	rsa2048 := derKey(t, "rsa2048.spki")
	pkcs1 := derKey(t, "rsa2048.pkcs1")
	ed := derKey(t, "ed25519.spki")
	small := func(n *big.Int, e int) []byte { return mustMarshal(t, pkcs1PublicKey{N: n, E: e}) }
	tests := map[string]struct {
		der  []byte
		want error // nil: decodes to the same key as x509.ParsePKIXPublicKey
	}{
		"rsa512":            {der: derKey(t, "rsa512.spki")},
		"rsa1024":           {der: derKey(t, "rsa1024.spki")},
		"rsa2048":           {der: rsa2048},
		"rsa4096":           {der: derKey(t, "rsa4096.spki")},
		"rsa4608":           {der: derKey(t, "rsa4608.spki")},
		"ed25519":           {der: ed},
		"ecdsa p256":        {der: derKey(t, "ecdsa-p256.spki"), want: errOtherKey},
		"pkcs1 is not spki": {der: pkcs1, want: errAny},
		"raw ed25519":       {der: derKey(t, "ed25519.raw"), want: errAny},
		"empty":             {der: nil, want: errAny},
		"truncated":         {der: rsa2048[:len(rsa2048)-1], want: errAny},
		"header only":       {der: rsa2048[:4], want: errAny},
		"trailing byte":     {der: append(bytes.Clone(rsa2048), 0), want: errTrailingData},
		"trailing sequence": {der: append(bytes.Clone(ed), 0x30, 0), want: errTrailingData},
		"outer tag set":     {der: append([]byte{0x31}, rsa2048[1:]...), want: errAny},
		"bit string as octets": {der: func() []byte {
			b := bytes.Clone(ed)
			b[len(b)-34] = 0x04 // the BIT STRING's tag
			return b
		}(), want: errAny},
		"rsa without NULL": {der: mustMarshal(t, publicKeyInfo{
			Algorithm: algorithmIdentifier{Algorithm: asn1OIDRSA},
			PublicKey: asn1.BitString{Bytes: pkcs1, BitLength: 8 * len(pkcs1)},
		}), want: errBadKey},
		"ed25519 with NULL": {der: mustMarshal(t, publicKeyInfo{
			Algorithm: algorithmIdentifier{Algorithm: asn1OIDEd25519, Parameters: asn1.NullRawValue},
			PublicKey: asn1.BitString{Bytes: make([]byte, 32), BitLength: 256},
		}), want: errBadKey},
		"ed25519 31 bytes": {der: mustMarshal(t, publicKeyInfo{
			Algorithm: algorithmIdentifier{Algorithm: asn1OIDEd25519},
			PublicKey: asn1.BitString{Bytes: make([]byte, 31), BitLength: 248},
		}), want: errBadKey},
		"unknown algorithm": {der: mustMarshal(t, publicKeyInfo{
			Algorithm: algorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 3, 101, 113}}, // Ed448
			PublicKey: asn1.BitString{Bytes: make([]byte, 57), BitLength: 456},
		}), want: errUnknown},
		"zero modulus":        {der: spkiRSA(t, small(big.NewInt(0), 65537)), want: errBadKey},
		"negative modulus":    {der: spkiRSA(t, small(big.NewInt(-65), 65537)), want: errBadKey},
		"zero exponent":       {der: spkiRSA(t, small(big.NewInt(65), 0)), want: errBadKey},
		"negative exponent":   {der: spkiRSA(t, small(big.NewInt(65), -3)), want: errBadKey},
		"exponent over int64": {der: spkiRSA(t, append([]byte{0x30, 14, 2, 1, 65, 2, 9, 1}, make([]byte, 8)...)), want: errAny},
		// x509 takes any positive exponent that fits an int in a
		// SubjectPublicKeyInfo (only PKCS#1 caps it), and ignores what
		// follows the RSAPublicKey inside the BIT STRING.
		"huge exponent":        {der: spkiRSA(t, small(big.NewInt(65), 1<<40))},
		"bytes after RSA key":  {der: spkiRSA(t, append(small(big.NewInt(65), 3), 0xff))},
		"non-minimal modulus":  {der: spkiRSA(t, []byte{0x30, 7, 2, 2, 0, 65, 2, 1, 3}), want: errAny},
		"modulus not integer":  {der: spkiRSA(t, []byte{0x30, 6, 4, 1, 65, 2, 1, 3}), want: errAny},
		"rsa key not sequence": {der: spkiRSA(t, []byte{0x31, 6, 2, 1, 65, 2, 1, 3}), want: errAny},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := parsePublicKeyInfo(tc.der)
			switch {
			case tc.want == errAny && err == nil:
				t.Fatalf("decoded %T, want an error", got)
			case tc.want != errAny && err != tc.want:
				t.Fatalf("error %v, want %v", err, tc.want)
			case err != nil:
				if _, xerr := x509.ParsePKIXPublicKey(tc.der); xerr == nil && err != errOtherKey {
					t.Errorf("x509 decodes it, but: %v", err)
				}
				return
			}
			want, err := x509.ParsePKIXPublicKey(tc.der)
			if err != nil {
				t.Fatalf("x509: %v", err)
			}
			if !sameKey(got, want) {
				t.Errorf("got %v, x509 %v", got, want)
			}
		})
	}
}

// errAny in a test table stands for any error.
var errAny = errors.New("any error")

func TestParsePKCS1PublicKey(t *testing.T) {
	pkcs1 := derKey(t, "rsa2048.pkcs1")
	small := func(n *big.Int, e int) []byte { return mustMarshal(t, pkcs1PublicKey{N: n, E: e}) }
	tests := map[string]struct {
		der []byte
		ok  bool
	}{
		"rsa2048":             {pkcs1, true},
		"small":               {small(big.NewInt(65), 3), true},
		"largest exponent":    {small(big.NewInt(65), 1<<31-1), true},
		"exponent over 2^31":  {small(big.NewInt(65), 1<<31), false},
		"huge exponent":       {small(big.NewInt(65), 1<<40), false},
		"zero modulus":        {small(big.NewInt(0), 3), false},
		"negative modulus":    {small(big.NewInt(-65), 3), false},
		"zero exponent":       {small(big.NewInt(65), 0), false},
		"spki":                {derKey(t, "rsa2048.spki"), false},
		"truncated":           {pkcs1[:len(pkcs1)-1], false},
		"trailing byte":       {append(bytes.Clone(pkcs1), 0), false},
		"exponent missing":    {[]byte{0x30, 3, 2, 1, 65}, false},
		"extra element":       {[]byte{0x30, 9, 2, 1, 65, 2, 1, 3, 2, 1, 7}, true}, // as x509
		"exponent as octets":  {[]byte{0x30, 6, 2, 1, 65, 4, 1, 3}, false},
		"indefinite length":   {[]byte{0x30, 0x80, 2, 1, 65, 2, 1, 3, 0, 0}, false},
		"non-minimal length":  {[]byte{0x30, 0x81, 6, 2, 1, 65, 2, 1, 3}, false},
		"non-minimal integer": {[]byte{0x30, 7, 2, 1, 65, 2, 2, 0, 3}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := parsePKCS1PublicKey(tc.der)
			want, xerr := x509.ParsePKCS1PublicKey(tc.der)
			if (err == nil) != tc.ok || (xerr == nil) != tc.ok {
				t.Fatalf("error %v, x509 error %v, want ok %v", err, xerr, tc.ok)
			}
			if tc.ok && !sameKey(got, want) {
				t.Errorf("got %v, x509 %v", got, want)
			}
		})
	}
}

// notKeyDER returns DER values that are not DKIM public keys, made from fixed
// seeds, with what classify should call them.
func notKeyDER(t *testing.T) map[string]struct {
	der   []byte
	holds string
} {
	cryptotest.SetGlobalRandom(t, 1) // deterministic keys
	edPriv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	rsaPriv, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ecPriv, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	xPriv, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	must := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "example.com"},
		NotBefore:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	edCert := must(x509.CreateCertificate(rand.Reader, tmpl, tmpl, edPriv.Public(), edPriv))
	rsaCert := must(x509.CreateCertificate(rand.Reader, tmpl, tmpl, &rsaPriv.PublicKey, rsaPriv))
	csr := must(x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: tmpl.Subject}, edPriv))
	return map[string]struct {
		der   []byte
		holds string
	}{
		"pkcs8 ed25519":       {must(x509.MarshalPKCS8PrivateKey(edPriv)), holdsPrivateKey},
		"pkcs8 rsa":           {must(x509.MarshalPKCS8PrivateKey(rsaPriv)), holdsPrivateKey},
		"pkcs8 ecdsa":         {must(x509.MarshalPKCS8PrivateKey(ecPriv)), holdsPrivateKey},
		"pkcs1 rsa private":   {x509.MarshalPKCS1PrivateKey(rsaPriv), holdsPrivateKey},
		"certificate ed25519": {edCert, holdsCertificate},
		"certificate rsa":     {rsaCert, holdsCertificate},
		"ecdsa p256":          {derKey(t, "ecdsa-p256.spki"), holdsOtherKey},
		"ecdsa p384":          {must(x509.MarshalPKIXPublicKey(&ecPriv.PublicKey)), holdsOtherKey},
		"x25519":              {must(x509.MarshalPKIXPublicKey(xPriv.PublicKey())), holdsOtherKey},
		"certificate request": {csr, holdsUnknown},
		"certificate + byte":  {append(bytes.Clone(edCert), 0), holdsUnknown},
		"ec private key":      {must(x509.MarshalECPrivateKey(ecPriv)), holdsUnknown}, // SEC 1: not told apart, as before
		"pkcs1 private version 2": {func() []byte {
			b := x509.MarshalPKCS1PrivateKey(rsaPriv)
			b[bytes.Index(b, []byte{2, 1, 0})+2] = 2
			return b
		}(), holdsUnknown},
		"text": {[]byte("this is not a key"), holdsUnknown},
	}
}

func TestClassify(t *testing.T) {
	for name, tc := range notKeyDER(t) {
		if got := classify(tc.der); got != tc.holds {
			t.Errorf("%s: classify = %q, want %q", name, got, tc.holds)
		}
		// What x509 decodes fully must be named the same.
		if xholds := classifyX509(tc.der); xholds != holdsUnknown && xholds != tc.holds {
			t.Errorf("%s: x509 says %q", name, xholds)
		}
		if tc.holds == holdsUnknown {
			continue
		}
		// And the record's finding says so.
		_, findings := Parse("v=DKIM1; p=" + base64.StdEncoding.EncodeToString(tc.der))
		if len(findings) != 1 || findings[0].Code != CodeKeyNotKey || findings[0].Args["holds"] != tc.holds {
			t.Errorf("%s: findings %+v, want one %s holding %s", name, findings, CodeKeyNotKey, tc.holds)
		}
	}
}

// classifyX509 is classify as it was written with crypto/x509.
func classifyX509(der []byte) string {
	if _, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return holdsPrivateKey
	}
	if _, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return holdsPrivateKey
	}
	if _, err := x509.ParseCertificate(der); err == nil {
		return holdsCertificate
	}
	if pub, err := x509.ParsePKIXPublicKey(der); err == nil {
		switch pub.(type) {
		case *rsa.PublicKey, ed25519.PublicKey:
		default:
			return holdsOtherKey
		}
	}
	return holdsUnknown
}

// sameKey reports whether ours, a key this package decoded, is the key
// crypto/x509 decoded as x.
func sameKey(ours, x any) bool {
	switch ours := ours.(type) {
	case *RSAPublicKey:
		// N holds no leading zero bytes.
		return ours != nil && len(ours.N) > 0 && ours.N[0] != 0 &&
			(&rsa.PublicKey{N: new(big.Int).SetBytes(ours.N), E: ours.E}).Equal(x)
	case Ed25519PublicKey:
		return ed25519.PublicKey(ours).Equal(x)
	}
	return false
}

// FuzzPublicKeyDER checks the decoder against crypto/x509: it never panics;
// SubjectPublicKeyInfo and PKCS#1 RSA and Ed25519 keys are accepted exactly
// when x509 accepts them, and decode to the same key; a key x509 decodes
// as another type is errOtherKey; and what x509 decodes as a private key or
// certificate is named so by classify.
func FuzzPublicKeyDER(f *testing.F) {
	for _, name := range []string{"rsa512.spki", "rsa1024.spki", "rsa2048.spki", "rsa2048.pkcs1",
		"ed25519.spki", "ed25519.raw", "ecdsa-p256.spki"} {
		f.Add(derKey(f, name))
	}
	small := mustMarshal(f, pkcs1PublicKey{N: big.NewInt(65), E: 3})
	f.Add(small)
	f.Add(spkiRSA(f, small))
	f.Add(mustMarshal(f, struct {
		Version int
		N       *big.Int
		E       int
		D, P, Q *big.Int
	}{0, big.NewInt(15), 3, big.NewInt(3), big.NewInt(3), big.NewInt(5)}))
	// A private key and a certificate (Ed25519: deterministic).
	edPriv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	pkcs8, err := x509.MarshalPKCS8PrivateKey(edPriv)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(pkcs8)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1, 0)}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, edPriv.Public(), edPriv)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(cert)
	f.Fuzz(func(t *testing.T, der []byte) {
		der = der[:len(der):len(der)] // appends must not reach the fuzzer's buffer
		pub, err := parsePublicKeyInfo(der)
		xpub, xerr := x509.ParsePKIXPublicKey(der)
		switch xpub.(type) {
		case *rsa.PublicKey, ed25519.PublicKey:
			if err != nil || !sameKey(pub, xpub) {
				t.Fatalf("SPKI: got %v (%v), x509 %v", pub, err, xpub)
			}
		case nil:
			if err == nil {
				t.Fatalf("SPKI: got %v, x509 error %v", pub, xerr)
			}
		default:
			if err != errOtherKey {
				t.Fatalf("SPKI: got %v (%v), x509 %T", pub, err, xpub)
			}
		}

		rsaPub, err := parsePKCS1PublicKey(der)
		xrsa, xerr := x509.ParsePKCS1PublicKey(der)
		if (err == nil) != (xerr == nil) || err == nil && !sameKey(rsaPub, xrsa) {
			t.Fatalf("PKCS#1: got %v (%v), x509 %v (%v)", rsaPub, err, xrsa, xerr)
		}

		if len(der) > 16<<10 {
			return // classify does not look at larger values
		}
		if xholds := classifyX509(der); xholds != holdsUnknown {
			if holds := classify(der); holds != xholds {
				t.Fatalf("classify = %q, x509 %q", holds, xholds)
			}
		}
	})
}
