package dkim

import (
	"encoding/base64"
	"math/big"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestRSAExponent pins what RFC 8017 §3.1 makes of the public exponent:
// odd, at least 3 and below n, or the key is unusable; and what verifiers
// read (Go's crypto/rsa takes e up to 2^31-1). Exponents too large for an
// int decode to no key at all, without a panic.
func TestRSAExponent(t *testing.T) {
	pub, err := parsePublicKeyInfo(derKey(t, "rsa2048.spki"))
	if err != nil {
		t.Fatal(err)
	}
	n := new(big.Int).SetBytes(pub.(*RSAPublicKey).N)
	small := big.NewInt(1<<40 + 15) // odd, 41 bits: e may exceed it
	huge := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1))
	giant := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 4096), big.NewInt(1))
	tests := map[string]struct {
		n, e *big.Int
		code string // the exponent finding, "" for none
		sev  explain.Severity
	}{
		"65537":          {n: n, e: big.NewInt(65537)},
		"3":              {n: n, e: big.NewInt(3)},
		"1":              {n: n, e: big.NewInt(1), code: CodeRSAExponent, sev: explain.Error},
		"2":              {n: n, e: big.NewInt(2), code: CodeRSAExponent, sev: explain.Error},
		"even":           {n: n, e: big.NewInt(65536), code: CodeRSAExponent, sev: explain.Error},
		"even 2^40":      {n: n, e: big.NewInt(1 << 40), code: CodeRSAExponent, sev: explain.Error},
		"not below n":    {n: small, e: new(big.Int).Add(small, big.NewInt(2)), code: CodeRSAExponent, sev: explain.Error},
		"2^31-1":         {n: n, e: big.NewInt(1<<31 - 1)},
		"over 2^31-1":    {n: n, e: big.NewInt(1<<31 + 1), code: CodeRSAExponentLarge, sev: explain.Warning},
		"over int64":     {n: n, e: huge, code: CodeKeyNotKey, sev: explain.Error},
		"over 4096 bits": {n: n, e: giant, code: CodeKeyNotKey, sev: explain.Error},
		"pkcs1 even":     {n: n, e: big.NewInt(4), code: CodeRSAExponent, sev: explain.Error},
		"pkcs1 over int": {n: n, e: huge, code: CodeKeyNotKey, sev: explain.Error},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			der := mustMarshal(t, struct{ N, E *big.Int }{tc.n, tc.e})
			if !strings.HasPrefix(name, "pkcs1") {
				der = spkiRSA(t, der)
			}
			v := "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der)
			rec := Explain(v, explain.Context{Owner: "s._domainkey.example.com."})
			if err := rec.CheckSpans(len(v)); err != nil {
				t.Fatal(err)
			}
			if err := rec.CheckTexts(v); err != nil {
				t.Fatal(err)
			}
			var got []explain.Finding
			for _, f := range rec.Findings {
				switch f.Code {
				case CodeRSAExponent, CodeRSAExponentLarge, CodeKeyNotKey:
					got = append(got, f)
				}
			}
			switch {
			case tc.code == "" && len(got) > 0:
				t.Errorf("unexpected %s: %s", got[0].Code, got[0].Message)
			case tc.code != "" && (len(got) != 1 || got[0].Code != tc.code || got[0].Severity != tc.sev):
				t.Errorf("findings %+v, want one %s %s", got, tc.sev, tc.code)
			case tc.code == CodeRSAExponent && rec.Valid:
				t.Error("a key with an unusable exponent is valid")
			}
		})
	}
}
