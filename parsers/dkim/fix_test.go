package dkim

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, records and the
// value their fixes make of them; "RSA", "RSA1024" and "ED" stand for test
// keys (testdata/keys), "ED-SPKI" for the Ed25519 key wrapped in a
// SubjectPublicKeyInfo, "RSA-URL" for the RSA key in the base64url alphabet.
var fixCases = map[string][]explaintest.FixCase{
	CodeEmptyTag:       {{"v=DKIM1;; p=RSA", "v=DKIM1; p=RSA"}},
	CodeDuplicate:      {{"v=DKIM1; p=RSA; p=RSA", "v=DKIM1; p=RSA"}, {"k=rsa; k=rsa; v=DKIM1; p=RSA;", "v=DKIM1; k=rsa; p=RSA;"}},
	CodeVersionInvalid: {{"v=dkim1; p=RSA", "v=DKIM1; p=RSA"}},
	CodeVersionNotFirst: {
		{"k=rsa; v=DKIM1; p=RSA", "v=DKIM1; k=rsa; p=RSA"},
		{"k=rsa; h=sha256;v=DKIM1;p=RSA", "v=DKIM1; k=rsa; h=sha256;p=RSA"},
		{"p=RSA; v=dkim1", "v=DKIM1; p=RSA"},
	},
	CodeKeyTypeUnknown: {{"v=DKIM1; k=dsa; p=RSA", "v=DKIM1; k=rsa; p=RSA"}, {"v=DKIM1; k=Ed25519; p=ED-SPKI", "v=DKIM1; k=ed25519; p=ED"}},
	CodeKeyTypeMismatch: {
		{"v=DKIM1; k=ed25519; p=RSA", "v=DKIM1; k=rsa; p=RSA"},
		{"v=DKIM1; k=rsa; p=ED-SPKI", "v=DKIM1; k=ed25519; p=ED"},
		{"v=DKIM1; p=ED", "v=DKIM1; k=ed25519; p=ED"},
		{"v=DKIM1; p=ED-SPKI; k=rsa", "v=DKIM1; p=ED; k=ed25519"},
	},
	CodeKeyMissing: {
		{"v=DKIM1; k=rsa", "v=DKIM1; k=rsa; p={{rsa-public-key}}"},
		{"v=DKIM1; k=ed25519;", "v=DKIM1; k=ed25519; p={{public-key}}"},
		{"V=DKIM1; P=RSA", "V=DKIM1; p=RSA"},
	},
	CodeKeyPlaceholder: {
		{"v=DKIM1; k=rsa; p=MIIBIjANBgkqh...Ab (your public key) ...IDAQAB", "v=DKIM1; k=rsa; p={{rsa-public-key}}"},
		{"v=DKIM1; k=ed25519; p=<your key>", "v=DKIM1; k=ed25519; p={{public-key}}"},
	},
	CodeKeyPEM:         {{"v=DKIM1; p=-----BEGIN PUBLIC KEY-----RSA-----END PUBLIC KEY-----", "v=DKIM1; p=RSA"}},
	CodeKeyNotBase64:   {{`v=DKIM1; p="RSA"`, "v=DKIM1; p=RSA"}, {"v=DKIM1; p=RSA-URL", "v=DKIM1; p=RSA"}, {"v=DKIM1; k=ed25519; p=ED\u00a0", "v=DKIM1; k=ed25519; p=ED"}},
	CodeKeyEd25519SPKI: {{"v=DKIM1; k=ed25519; p=ED-SPKI", "v=DKIM1; k=ed25519; p=ED"}},
	CodeHashSHA1Only:   {{"v=DKIM1; h=sha1; p=RSA", "v=DKIM1; h=sha256; p=RSA"}},
	CodeHashNoUsable:   {{"v=DKIM1; h=SHA-256; p=RSA", "v=DKIM1; h=sha256; p=RSA"}, {"v=DKIM1; h=; p=RSA", "v=DKIM1; h=sha256; p=RSA"}},
	CodeHashSHA1:       {{"v=DKIM1; h=sha1:sha256; p=RSA", "v=DKIM1; h=sha256; p=RSA"}, {"v=DKIM1; h=sha256 : sha1; p=RSA", "v=DKIM1; h=sha256; p=RSA"}},
	CodeServiceNoEmail: {{"v=DKIM1; s=mail; p=RSA", "v=DKIM1; s=email; p=RSA"}, {"v=DKIM1; s=; p=RSA", "v=DKIM1; s=email; p=RSA"}},
	CodeListEmpty: {
		{"v=DKIM1; h=sha256:; p=RSA", "v=DKIM1; h=sha256; p=RSA"},
		{"v=DKIM1; t=y::s; p=RSA", "v=DKIM1; t=y:s; p=RSA"},
		{"v=DKIM1; t=; p=RSA", "v=DKIM1; p=RSA"},
		{"t=; v=DKIM1; p=RSA", "v=DKIM1; p=RSA"},
	},
}

// keyNames writes the test keys in place of their names.
func keyNames(t *testing.T) *strings.Replacer {
	t.Helper()
	rsa := readKey(t, "rsa2048.spki")
	url := strings.NewReplacer("+", "-", "/", "_").Replace(rsa)
	return strings.NewReplacer("ED-SPKI", readKey(t, "ed25519.spki"), "RSA-URL", url, "RSA1024", readKey(t, "rsa1024.spki"),
		"RSA", rsa, "ED", readKey(t, "ed25519.raw"))
}

// withKeys is cases with the test keys written in place of their names.
func withKeys(t *testing.T, cases map[string][]explaintest.FixCase) map[string][]explaintest.FixCase {
	t.Helper()
	r := keyNames(t)
	out := map[string][]explaintest.FixCase{}
	for code, cs := range cases {
		for _, c := range cs {
			out[code] = append(out[code], explaintest.FixCase{Value: r.Replace(c.Value), Want: r.Replace(c.Want)})
		}
	}
	return out
}

// TestFixes checks the value the fixes make of each fix case.
func TestFixes(t *testing.T) {
	explaintest.CheckFixCases(t, withKeys(t, fixCases), func(v string) explain.Record { return Explain(v, explain.Context{}) })
}

// TestFixesInGoldens checks that every code with fix cases shows a fix in
// a golden file, and that no other code does.
func TestFixesInGoldens(t *testing.T) {
	var recs []explain.Record
	for _, file := range caseFiles(t) {
		owner, value := readCase(t, file)
		recs = append(recs, Explain(value, explain.Context{Owner: owner}))
	}
	explaintest.CheckFixesShown(t, fixCases, recs)
}
