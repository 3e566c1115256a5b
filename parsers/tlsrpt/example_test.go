package tlsrpt_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/tlsrpt"
)

func ExampleExplain() {
	rec := tlsrpt.Explain("v=TLSRPTv1; rua=mailto:tls@example.com,https://tlsrpt.example.net/v1", explain.Context{Owner: "_smtp._tls.example.com."})
	fmt.Println(rec.Valid)
	for _, f := range rec.Fields {
		fmt.Printf("%s: %s\n", f.Name, f.Ref)
	}
	facts := rec.Facts.(*tlsrpt.Facts)
	fmt.Println(facts.Mailto, facts.HTTPS)
	// Output:
	// true
	// v: RFC 8460 §3
	// rua: RFC 8460 §3
	// [tls@example.com] [https://tlsrpt.example.net/v1]
}

func ExampleParse() {
	r, findings := tlsrpt.Parse("v=TLSRPTv1; rua=mailto:tls@example.com!10m")
	fmt.Println(r.IsTLSRPT, r.Usable)
	for _, f := range findings {
		fmt.Println(f.Severity, f.Code, f.Args["suffix"])
	}
	// Output:
	// true false
	// error tls-rpt.uri.bang !10m
}
