package dkim

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// readCase reads testdata/records/NAME.txt: an optional first line
// "owner: NAME." then the record value on one line.
func readCase(t testing.TB, path string) (owner, value string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimSuffix(string(b), "\n")
	if rest, ok := strings.CutPrefix(s, "owner: "); ok {
		owner, s, _ = strings.Cut(rest, "\n")
	}
	return owner, s
}

func caseFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "records", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	return files
}

// readKey reads a fixed base64 test key from testdata/keys.
func readKey(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "keys", name+".b64"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func TestGolden(t *testing.T) {
	for _, file := range caseFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			owner, value := readCase(t, file)
			rec := Explain(value, explain.Context{Owner: owner})
			if err := rec.CheckSpans(len(value)); err != nil {
				t.Fatal(err)
			}
			if err := rec.CheckTexts(value); err != nil {
				t.Fatal(err)
			}
			explaintest.CheckFixes(t, rec, value, func(v string) explain.Record { return Explain(v, explain.Context{Owner: owner}) })
			golden.JSON(t, filepath.Join("testdata", name+".golden.json"), rec)
		})
	}
}

// TestGoldenCoversEveryCode fails when a finding code appears in no golden output.
func TestGoldenCoversEveryCode(t *testing.T) {
	seen := map[string]bool{}
	for _, file := range caseFiles(t) {
		owner, value := readCase(t, file)
		for _, f := range Explain(value, explain.Context{Owner: owner}).Findings {
			seen[f.Code] = true
		}
	}
	for _, c := range AllCodes {
		if !seen[c] {
			t.Errorf("code %s appears in no golden case", c)
		}
	}
}

func TestSeedSummary(t *testing.T) {
	const seed = "v=DKIM1; k=rsa; p=MIIBIjANBgkqh...Ab (your public key) ...IDAQAB"
	rec := Explain(seed, explain.Context{Owner: "default._domainkey.example.com."})
	if err := rec.CheckTexts(seed); err != nil {
		t.Fatal(err)
	}
	want := "The DKIM key for selector default at example.com is not usable: the public key is a documentation placeholder, so no signature made with this selector can verify."
	if rec.Summary != want {
		t.Errorf("summary\n got %q\nwant %q", rec.Summary, want)
	}
	if rec.Valid || len(rec.Findings) != 1 || rec.Findings[0].Code != CodeKeyPlaceholder {
		t.Fatalf("findings = %+v", rec.Findings)
	}
	msg := rec.Findings[0].Message
	for _, s := range []string{"documentation placeholder", `"..."`, `"(your public key)"`, "mail provider or DKIM signer"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %q: %s", s, msg)
		}
	}
}

func TestParseKeys(t *testing.T) {
	tests := map[string]struct {
		key     string // file in testdata/keys, or a literal after "="
		k       string
		bits    int
		keyType KeyType
		format  KeyFormat
		codes   []string
	}{
		"rsa512":        {key: "rsa512.spki", bits: 512, keyType: KeyTypeRSA, format: FormatSPKI, codes: []string{CodeRSATooShort}},
		"rsa1024":       {key: "rsa1024.spki", bits: 1024, keyType: KeyTypeRSA, format: FormatSPKI, codes: []string{CodeRSAShort}},
		"rsa2048":       {key: "rsa2048.spki", bits: 2048, keyType: KeyTypeRSA, format: FormatSPKI},
		"rsa4096":       {key: "rsa4096.spki", bits: 4096, keyType: KeyTypeRSA, format: FormatSPKI},
		"rsa4608":       {key: "rsa4608.spki", bits: 4608, keyType: KeyTypeRSA, format: FormatSPKI, codes: []string{CodeRSATooLong}},
		"rsa2048 pkcs1": {key: "rsa2048.pkcs1", bits: 2048, keyType: KeyTypeRSA, format: FormatPKCS1, codes: []string{CodeKeyPKCS1}},
		"ed25519 raw":   {key: "ed25519.raw", k: "ed25519", bits: 256, keyType: KeyTypeEd25519, format: FormatRaw},
		"ed25519 spki":  {key: "ed25519.spki", k: "ed25519", bits: 256, keyType: KeyTypeEd25519, format: FormatSPKI, codes: []string{CodeKeyEd25519SPKI}},
		"ed25519 k=rsa": {key: "ed25519.raw", k: "rsa", bits: 256, keyType: KeyTypeEd25519, format: FormatRaw, codes: []string{CodeKeyTypeMismatch}},
		"rsa k=ed25519": {key: "rsa2048.spki", k: "ed25519", bits: 2048, keyType: KeyTypeRSA, format: FormatSPKI, codes: []string{CodeKeyTypeMismatch}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v := "v=DKIM1; p=" + readKey(t, tc.key)
			if tc.k != "" {
				v = "v=DKIM1; k=" + tc.k + "; p=" + readKey(t, tc.key)
			}
			key, findings := Parse(v)
			if key.Bits != tc.bits || key.decodedType() != tc.keyType || key.Format != tc.format {
				t.Errorf("bits %d type %q format %q, want %d %q %q", key.Bits, key.decodedType(), key.Format, tc.bits, tc.keyType, tc.format)
			}
			switch pub := key.PublicKey.(type) {
			case *RSAPublicKey:
				if pub.BitLen() != tc.bits {
					t.Errorf("modulus %d bits", pub.BitLen())
				}
			case Ed25519PublicKey:
				if len(pub) != ed25519.PublicKeySize {
					t.Errorf("ed25519 key of %d bytes", len(pub))
				}
			default:
				t.Errorf("PublicKey is %T", pub)
			}
			var codes []string
			for _, f := range findings {
				codes = append(codes, f.Code)
			}
			if !slices.Equal(codes, tc.codes) {
				t.Errorf("codes %v, want %v", codes, tc.codes)
			}
		})
	}
}

func TestParseTags(t *testing.T) {
	key, _ := Parse(" v = DKIM1 ;h=sha1 : sha256; k=rsa; s=email:*; t=y:s; n=hello world; p= " + readKey(t, "rsa2048.spki") + " ;")
	if key.Version != Version1 || key.KeyType != KeyTypeRSA || key.Notes != "hello world" {
		t.Errorf("key = %+v", key)
	}
	if !slices.Equal(key.HashAlgorithms, []HashAlgorithm{HashSHA1, HashSHA256}) ||
		!slices.Equal(key.Services, []Service{ServiceEmail, ServiceAll}) ||
		!slices.Equal(key.Flags, []Flag{FlagTesting, FlagStrict}) {
		t.Errorf("lists: %v %v %v", key.HashAlgorithms, key.Services, key.Flags)
	}
	if !key.Testing() || !key.StrictSubdomains() || key.Revoked || key.Bits != 2048 {
		t.Errorf("flags or key wrong: %+v", key)
	}
}

func TestFacts(t *testing.T) {
	tests := map[string]struct {
		owner, value string
		want         Facts
	}{
		"revoked, defaults": {
			owner: "old._domainkey.example.com.", value: "v=DKIM1; p=",
			want: Facts{Selector: "old", Domain: "example.com", KeyType: "rsa", Revoked: true,
				HashAlgorithms: []string{"sha256"}, Services: []string{"*"}, Flags: []string{}},
		},
		"listed": {
			value: "v=DKIM1; k=ed25519; h=sha256; s=email; t=y:s; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
			want: Facts{KeyType: "ed25519", KeyBits: 256, KeyFormat: "raw", Testing: true, StrictSubdomains: true,
				HashAlgorithms: []string{"sha256"}, HashAlgorithmsListed: true, Services: []string{"email"}, Flags: []string{"y", "s"}},
		},
		"unknown k, empty h": {
			value: "k=dsa; h=; p=AAAA",
			want:  Facts{KeyType: "dsa", HashAlgorithms: []string{}, HashAlgorithmsListed: true, Services: []string{"*"}, Flags: []string{}},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{Owner: tc.owner})
			if err := rec.CheckTexts(tc.value); err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(rec.Facts)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(&tc.want)
			if string(got) != string(want) {
				t.Errorf("facts\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestSplitOwner(t *testing.T) {
	tests := map[string]struct {
		owner, sel, dom string
		ok              bool
	}{
		"plain":        {"default._domainkey.example.com.", "default", "example.com", true},
		"no dot":       {"s1._DomainKey.example.org", "s1", "example.org", true},
		"multi-label":  {"a.b._domainkey.example.com.", "a.b", "example.com", true},
		"no selector":  {"_domainkey.example.com.", "", "", false},
		"no domainkey": {"example.com.", "", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			sel, dom, ok := splitOwner(tc.owner)
			if sel != tc.sel || dom != tc.dom || ok != tc.ok {
				t.Errorf("splitOwner(%q) = %q, %q, %v", tc.owner, sel, dom, ok)
			}
		})
	}
}

// TestNotKeyKinds checks that p= holding DER that is not a DKIM public key is
// told apart. The keys are derived from fixed seeds, never random.
func TestNotKeyKinds(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		p    string
		want string // in the message
	}{
		"private key": {base64.StdEncoding.EncodeToString(der), "PRIVATE key"},
		"ecdsa key":   {readKey(t, "ecdsa-p256.spki"), "type DKIM does not define"},
		"text":        {"dGhpcyBpcyBub3QgYSBrZXk=", "17 bytes are not a public key"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, findings := Parse("v=DKIM1; p=" + tc.p)
			if len(findings) != 1 || findings[0].Code != CodeKeyNotKey || !strings.Contains(findings[0].Message, tc.want) {
				t.Errorf("findings = %+v, want one %s mentioning %q", findings, CodeKeyNotKey, tc.want)
			}
		})
	}
}
