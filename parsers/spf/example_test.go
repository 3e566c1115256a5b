package spf_test

import (
	"fmt"
	"net/netip"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/spf"
)

func ExampleExplain() {
	rec := spf.Explain("v=spf1 ip4:192.0.2.0/24 include:_spf.google.com -all", explain.Context{Owner: "example.com."})
	fmt.Println(rec.Summary)
	for _, f := range rec.Fields {
		fmt.Printf("%s: %s\n", f.Text, f.Meaning)
	}
	// Output:
}

func ExampleExpandMacro() {
	out, err := spf.ExpandMacro("%{ir}.%{v}._spf.%{d2}", spf.MacroVars{
		IP:     netipMust("192.0.2.3"),
		Domain: "email.example.com",
	}, false)
	fmt.Println(out, err)
	// Output: 3.2.0.192.in-addr._spf.example.com <nil>
}

func netipMust(s string) netip.Addr { return netip.MustParseAddr(s) }
