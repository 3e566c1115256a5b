package dkim_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/explain"
)

func ExampleExplain() {
	// The sample Ed25519 key record of RFC 8463 Appendix A.2.
	rec := dkim.Explain("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
		explain.Context{Owner: "brisbane._domainkey.football.example.com."})
	fmt.Println(rec.Summary)
	for _, f := range rec.Fields {
		fmt.Printf("%s: %s (%s)\n", f.Name, f.Meaning, f.Ref)
	}
	// Output:
	// The DKIM key for selector brisbane at football.example.com is an Ed25519 key for verifying signatures made with ed25519-sha256.
	// v: Marks this TXT record as a DKIM key record, version DKIM1 (the only version). (RFC 6376 §3.6.1)
	// k: Declares the key in p= an Ed25519 key, for ed25519-sha256 signatures; p= must hold its raw 32 bytes. (RFC 8463 §4.2)
	// p: The public key: an Ed25519 key, 32 bytes of the raw key in base64. (RFC 6376 §3.6.1)
}

func ExampleExplain_placeholder() {
	rec := dkim.Explain("v=DKIM1; k=rsa; p=MIIBIjANBgkqh...Ab (your public key) ...IDAQAB",
		explain.Context{Owner: "default._domainkey.example.com."})
	fmt.Println(rec.Summary)
	for _, f := range rec.Findings {
		fmt.Println(f.Severity, f.Code, f.Span)
	}
	// Output:
	// The DKIM key for selector default at example.com is not usable: the public key is a documentation placeholder, so no signature made with this selector can verify.
	// error dkim.p.placeholder [18 64]
}

func ExampleParse() {
	key, findings := dkim.Parse("v=DKIM1; k=rsa; t=y; p=")
	fmt.Println(key.KeyType, key.Revoked, key.Testing(), len(findings))
	// Output:
	// rsa true true 2
}

// A finding is data: its code and Args; Message writes its message again
// from them alone.
func ExampleMessage() {
	_, fs := dkim.Parse("v=DKIM1; k=dsa; p=")
	f := fs[0]
	fmt.Println(f.Code, f.Args)
	fmt.Println(dkim.Message(f.Code, f.Args) == f.Message)
	// Output:
	// dkim.k.unknown map[value:dsa]
	// true
}
