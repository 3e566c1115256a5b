package dmarc_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
)

func ExampleExplain() {
	rec := dmarc.Explain("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com", explain.Context{Owner: "_dmarc.example.com."})
	fmt.Println(rec.Summary)
	for _, f := range rec.Fields {
		fmt.Printf("%s: %s\n", f.Name, f.Ref)
	}
	// Output:
	// Receivers should quarantine mail claiming to be from example.com that fails DMARC (neither aligned SPF nor aligned DKIM passes); aggregate reports go to dmarc@example.com.
	// v: RFC 9989 §4.7
	// p: RFC 9989 §4.7
	// rua: RFC 9989 §4.7
}

func ExampleParse() {
	r, findings := dmarc.Parse("v=DMARC1; p=reject; pct=50; rua=mailto:dmarc@example.com")
	fmt.Println(r.Policy, *r.Percent, r.RUA[0].Address)
	for _, f := range findings {
		fmt.Println(f.Severity, f.Code)
	}
	// Output:
	// reject 50 dmarc@example.com
	// warning dmarc.pct.removed
}

// A finding is data: its code and Args; Message writes its message again
// from them alone.
func ExampleMessage() {
	_, fs := dmarc.Parse("v=DMARC1; p=block")
	f := fs[0]
	fmt.Println(f.Code, f.Args)
	fmt.Println(dmarc.Message(f.Code, f.Args) == f.Message)
	// Output:
	// dmarc.p.invalid map[tag:p value:block]
	// true
}
