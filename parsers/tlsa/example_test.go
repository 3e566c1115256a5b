package tlsa_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/tlsa"
)

func ExampleExplain() {
	rec := tlsa.Explain("3 1 1 0b9fa5a59eed715c26c1020c711b4f6ec42d58b0015e14337a39dad301c5afc3",
		explain.Context{Owner: "_25._tcp.mx.example.com."})
	fmt.Println(rec.Valid)
	for _, f := range rec.Fields {
		fmt.Printf("%s %s: %s\n", f.Name, f.Text[:min(len(f.Text), 8)], f.Ref)
	}
	facts := rec.Facts.(*tlsa.Facts)
	fmt.Println(facts.UsageName, facts.SelectorName, facts.MatchingTypeName, *facts.Port, facts.Host)
	// Output:
	// true
	// usage 3: RFC 7672 §3.1.1
	// selector 1: RFC 6698 §2.1.2
	// matching_type 1: RFC 6698 §2.1.3
	// data 0b9fa5a5: RFC 6698 §2.1.4
	// DANE-EE SPKI SHA2-256 25 mx.example.com.
}

// A PKIX-EE record for SMTP: unusable there, and the fix is DANE-EE with
// the same data.
func ExampleExplain_pkix() {
	rec := tlsa.Explain("1 1 1 0b9fa5a59eed715c26c1020c711b4f6ec42d58b0015e14337a39dad301c5afc3",
		explain.Context{Owner: "_25._tcp.mx.example.com."})
	for _, f := range rec.Findings {
		fmt.Println(f.Severity, f.Code, f.Ref, f.Fix.Text)
	}
	// Output:
	// error tlsa.usage.pkix RFC 7672 §3.1.3 3
}

func ExampleParse() {
	r, findings := tlsa.Parse("3 1 1 0b9fa5a59eed")
	fmt.Println(tlsa.Usage(r.Usage.Value).Name(), len(r.Data))
	for _, f := range findings {
		fmt.Println(f.Severity, f.Code)
	}
	// Output:
	// DANE-EE 6
}
