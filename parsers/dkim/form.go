package dkim

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Form is the record builder's form for a DKIM key record: the public key,
// pasted as PEM or base64, and its flags. The selector is the builder's.
var Form = explain.Form{
	Type: explain.TypeDKIM,
	Fields: []explain.FormField{
		{Name: "key", Label: "Public key", Input: explain.InputArea, Ref: "RFC 6376 §3.6.1",
			Help:        "The public key your signer gives you: PEM (-----BEGIN PUBLIC KEY-----) or its base64. Never the private key.",
			Placeholder: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…\n-----END PUBLIC KEY-----"},
		{Name: "k", Label: "Key type", Input: explain.InputChoice, Ref: "RFC 6376 §3.6.1, RFC 8463",
			Help: "Read from the key when it is one; RSA keys should have 2048 bits (RFC 8301 §3.2).",
			Choices: []explain.Choice{
				{Value: "", Label: "from the key"},
				{Value: string(KeyTypeRSA), Label: "rsa"},
				{Value: string(KeyTypeEd25519), Label: "ed25519"},
			}},
		{Name: "testing", Label: "Testing: verifiers treat failures as unsigned", Input: explain.InputFlag, Ref: "RFC 6376 §3.6.1",
			Help: "t=y, while you set the signer up; remove it once mail verifies."},
		{Name: "strict", Label: "Only for the domain itself, not its subdomains", Input: explain.InputFlag, Ref: "RFC 6376 §3.6.1",
			Help: "t=s: a signature's i= must be at the domain exactly."},
	},
	Build: buildDKIM,
}

// buildDKIM writes the key record Form's values say; without a key, p=
// holds the slot of k='s type (rsa-public-key or public-key).
func buildDKIM(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	key := pastedKey(strings.Join(v["key"], "\n"))
	k := KeyType(v.Get("k"))
	if k != KeyTypeRSA && k != KeyTypeEd25519 {
		k = KeyTypeRSA
		if parsed, _ := Parse("p=" + key); parsed.decodedType() != "" {
			k = parsed.decodedType()
		}
	}
	tags := []string{"v=DKIM1", "k=" + string(k)}
	var flags []string
	if v.On("testing") {
		flags = append(flags, string(FlagTesting))
	}
	if v.On("strict") {
		flags = append(flags, string(FlagStrict))
	}
	if flags != nil {
		tags = append(tags, "t="+strings.Join(flags, ":"))
	}
	slot := "public-key"
	if k == KeyTypeRSA {
		slot = "rsa-public-key" // the public-key slot's example is an Ed25519 key
	}
	return []string{strings.Join(append(tags, "p="+explain.Or(key, slot)), "; ")}, nil
}

// pastedKey is the base64 of a key as pasted: the PEM armour lines, blanks,
// quotes and line breaks left out, and of a whole key record pasted, its
// p= value.
func pastedKey(s string) string {
	if i := strings.LastIndex(s, "p="); i >= 0 && strings.Contains(s, "v=DKIM1") {
		s, _, _ = strings.Cut(s[i+2:], ";")
	}
	var b strings.Builder
	for line := range strings.Lines(s) {
		if strings.HasPrefix(strings.TrimSpace(line), "-----") {
			continue
		}
		for _, c := range []byte(line) {
			if c > ' ' && c != '"' && c < 0x7f {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}
