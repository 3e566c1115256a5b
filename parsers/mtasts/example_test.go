package mtasts_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mtasts"
)

func ExampleExplain() {
	rec := mtasts.Explain("v=STSv1; id=2016-08-31;", explain.Context{Owner: "_mta-sts.example.com."})
	fmt.Println(rec.Valid)
	for _, f := range rec.Findings {
		fmt.Println(f.Severity, f.Code, f.Args["char"])
	}
	// Output:
	// false
	// error mta-sts.id.invalid -
}

func ExampleExplainPolicy() {
	rec := mtasts.ExplainPolicy("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n",
		explain.Context{Owner: "example.com."})
	fmt.Println(rec.Summary)
	for _, f := range rec.Fields {
		fmt.Printf("%s: %s (%s)\n", f.Name, f.Value, f.Ref)
	}
	// Output:
	// Enforce: senders that support MTA-STS deliver mail for example.com only over authenticated TLS to MX hosts matching mail.example.com, *.example.net, and cache this policy for 7 days (604800 s).
	// version: STSv1 (RFC 8461 §3.2)
	// mode: enforce (RFC 8461 §5)
	// mx: mail.example.com (RFC 8461 §4.1)
	// mx: *.example.net (RFC 8461 §4.1)
	// max_age: 604800 (RFC 8461 §3.2)
}

func ExampleCovering() {
	patterns := []string{"mail.example.com", "*.example.net"}
	for _, host := range []string{"mail.example.com.", "mx1.example.net.", "a.b.example.net.", "example.net."} {
		if p, ok := mtasts.Covering(patterns, host); ok {
			fmt.Println(host, "is covered by", p)
		} else {
			fmt.Println(host, "is not covered")
		}
	}
	// Output:
	// mail.example.com. is covered by mail.example.com
	// mx1.example.net. is covered by *.example.net
	// a.b.example.net. is not covered
	// example.net. is not covered
}

func ExampleMessage() {
	rec := mtasts.Explain("v=STSv1; id="+"0123456789abcdef0123456789abcdef0", explain.Context{})
	f := rec.Findings[0]
	fmt.Println(f.Code, f.Args["length"])
	fmt.Println(mtasts.Message(f.Code, f.Args) == f.Message)
	// Output:
	// mta-sts.id.too_long 33
	// true
}
