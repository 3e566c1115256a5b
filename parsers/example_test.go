package parsers_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers"
)

func ExampleExplain() {
	input := `example.com. 3600 IN TXT "v=spf1 ip4:192.0.2.0/24" " -all"`
	ex, err := parsers.Explain(input, parsers.Options{})
	if err != nil {
		panic(err)
	}
	r := ex.Records[0]
	fmt.Println(r.Type, r.Owner, *r.TTL, r.Value)
	for _, f := range r.Fields {
		fmt.Printf("%q at %v\n", input[f.Span[0]:f.Span[1]], f.Span)
	}
	// Output:
	// spf example.com. 3600 v=spf1 ip4:192.0.2.0/24 -all
	// "v=spf1" at [26 32]
	// "ip4:192.0.2.0/24" at [33 49]
	// "-all" at [53 57]
}
