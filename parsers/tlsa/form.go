package tlsa

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Form is the record builder's form for a TLSA record: the server's name is
// the builder's domain and the port label its selector (_25 for SMTP),
// so the record goes to _25._tcp.<host>. The choices start at the
// recommended "3 1 1" (RFC 7671 §5.1).
var Form = explain.Form{
	Type: Type,
	Fields: []explain.FormField{
		{Name: "usage", Label: "What the record names", Input: explain.InputChoice, Ref: refUsage, Default: "3",
			Help: "DANE-EE: the server's own certificate or key, all a client checks. DANE-TA: a CA of your own that the server's chain leads to. SMTP senders use only these two (RFC 7672 §3.1.3).",
			Choices: []explain.Choice{{Value: "3", Label: "3 DANE-EE, the server's certificate"}, {Value: "2", Label: "2 DANE-TA, a trust anchor"},
				{Value: "1", Label: "1 PKIX-EE (not for SMTP)"}, {Value: "0", Label: "0 PKIX-TA (not for SMTP)"}}},
		{Name: "selector", Label: "Matched against", Input: explain.InputChoice, Ref: refSelector, Default: "1",
			Help:    "SPKI: the public key only, so the record survives renewals that keep the key. Cert: the whole certificate, which changes at each renewal.",
			Choices: []explain.Choice{{Value: "1", Label: "1 SPKI, the public key"}, {Value: "0", Label: "0 Cert, the whole certificate"}}},
		{Name: "matching_type", Label: "Written as", Input: explain.InputChoice, Ref: refMatching, Default: "1",
			Help:    "SHA2-256: a 32-byte digest, which every DANE client supports. Full, the whole certificate or key, is not recommended (RFC 7671 §10.1.2).",
			Choices: []explain.Choice{{Value: "1", Label: "1 SHA2-256"}, {Value: "2", Label: "2 SHA2-512"}, {Value: "0", Label: "0 Full"}}},
		{Name: "data", Label: "Digest (hex)", Input: explain.InputArea, Ref: refData,
			Help:        "The digest of the server's key or certificate in hex, such as the output of: openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl sha256",
			Placeholder: "0b9fa5a59eed715c26c1020c711b4f6ec42d58b0015e14337a39dad301c5afc3"},
	},
	Build:               buildTLSA,
	SelectorDefault:     "_25",
	SelectorLabel:       "Port",
	SelectorPlaceholder: "_25",
}

// buildTLSA writes "usage selector matching-type data"; the data is
// written as given, blanks and colons dropped, and explaining the record
// says what is wrong with it.
func buildTLSA(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	pick := func(name, def string) string {
		if s := v.Get(name); s != "" {
			return s
		}
		return def
	}
	data := strings.NewReplacer(" ", "", "\t", "", "\n", "", "\r", "", ":", "").Replace(v.Get("data"))
	if data == "" {
		data = explain.SlotText("tlsa-digest")
	}
	return []string{pick("usage", "3") + " " + pick("selector", "1") + " " + pick("matching_type", "1") + " " + data}, nil
}
