package mx_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mx"
)

func ExampleExplain() {
	r := mx.Explain("10 mail.example.com.", explain.Context{Owner: "example.com."})
	fmt.Println(r.Summary)
	for _, f := range r.Fields {
		fmt.Printf("%s %q: %s\n", f.Name, f.Text, f.Ref)
	}
	for _, f := range r.Findings {
		fmt.Println(f.Severity, f.Code)
	}
	// Output:
	// Mail for example.com goes to mail.example.com (preference 10).
	// preference "10": RFC 5321 §5.1
	// exchange "mail.example.com.": RFC 5321 §5.1
	// info mx.set.single
}

func ExampleExplainSet() {
	recs := mx.ExplainSet([]string{
		"10 mx1.example.com.",
		"10 mx2.example.com.",
		"20 backup.example.net.",
	}, explain.Context{Owner: "example.com."})
	fmt.Println(recs[2].Summary)
	// Output:
	// Second choice: mail for example.com goes first to mx1.example.com (preference 10), sharing load equally with mx2.example.com (10); if neither answers, to backup.example.net (20).
}

// A name without a trailing dot in zone-file text is relative to the origin.
func ExampleExplain_relative() {
	r := mx.Explain("10 mail.example.com", explain.Context{Owner: "example.com.", Origin: "example.com."})
	fmt.Println(r.Facts.(*mx.Facts).Exchange)
	fmt.Println(r.Findings[0].Severity, r.Findings[0].Code)
	// Output:
	// mail.example.com.example.com.
	// warning mx.exchange.relative
}

func ExampleParse() {
	m, findings := mx.Parse("0 .", explain.Context{Owner: "example.org."})
	fmt.Println(m.Preference, m.Null, findings[0].Code)
	// Output:
	// 0 true mx.null
}

// A finding is data: its code and Args; Message writes its message again
// from them alone.
func ExampleMessage() {
	f := mx.Explain("10 mail", explain.Context{}).Findings[0]
	fmt.Println(f.Code, f.Args)
	fmt.Println(mx.Message(f.Code, f.Args) == f.Message)
	// Output:
	// mx.exchange.single_label map[exchange:mail]
	// true
}
