package bimi_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/bimi"
	"github.com/mxplain/mxplain/parsers/explain"
)

func ExampleExplain() {
	rec := bimi.Explain("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem", explain.Context{Owner: "default._bimi.example.com."})
	facts := rec.Facts.(*bimi.Facts)
	fmt.Println(rec.Valid, facts.Selector, facts.Domain, facts.LogoUsable)
	for _, f := range rec.Fields {
		fmt.Printf("%s: %s\n", f.Name, f.Value)
	}
	// Output:
	// true default example.com true
	// v: BIMI1
	// l: https://example.com/logo.svg
	// a: https://example.com/vmc.pem
}

func ExampleParse() {
	r, findings := bimi.Parse("v=BIMI1; l=; a=;")
	fmt.Println(r.IsBIMI, r.Declined, r.ShowsLogo())
	for _, f := range findings {
		fmt.Println(f.Severity, f.Code)
	}
	// Output:
	// true true false
	// info bimi.declined
}
