package srv_test

import (
	"fmt"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/srv"
)

func ExampleExplain() {
	r := srv.Explain("0 1 993 imap.example.com.", explain.Context{Owner: "_imaps._tcp.example.com."})
	fmt.Println(r.Summary)
	for _, f := range r.Fields {
		fmt.Printf("%s %q: %s\n", f.Name, f.Text, f.Ref)
	}
	f := r.Facts.(*srv.Facts)
	fmt.Println(f.Service, f.TLS, f.StandardPort)
	// Output:
	// Clients find IMAP with implicit TLS (_imaps._tcp) for example.com at imap.example.com port 993.
	// priority "0": RFC 2782
	// weight "1": RFC 2782
	// port "993": RFC 8314 §7.2
	// target "imap.example.com.": RFC 2782
	// imaps implicit 993
}

// The wrong port for the service is a warning whose fix writes the right one.
func ExampleExplain_port() {
	r := srv.Explain("0 1 465 smtp.example.com.", explain.Context{Owner: "_submission._tcp.example.com."})
	for _, f := range r.Findings {
		fmt.Println(f.Severity, f.Code, f.Fix.Text)
	}
	// Output:
	// warning srv.port.mismatch 587
}

// ExplainSet gives each record its place in the order a client tries them.
func ExampleExplainSet() {
	recs := srv.ExplainSet([]string{
		"10 1 993 backup.example.net.",
		"0 3 993 imap1.example.com.",
		"0 1 993 imap2.example.com.",
	}, explain.Context{Owner: "_imaps._tcp.example.com."})
	for _, r := range recs {
		f := r.Facts.(*srv.Facts)
		fmt.Println(f.Target, f.Rank, f.Chance)
	}
	// Output:
	// backup.example.net. 2 100
	// imap1.example.com. 1 75
	// imap2.example.com. 1 25
}

// "." says the service is not offered.
func ExampleParse() {
	s, findings := srv.Parse("0 0 0 .", explain.Context{Owner: "_pop3._tcp.example.com."})
	fmt.Println(s.NotOffered, s.Owner.Service, findings[0].Code)
	// Output:
	// true pop3 srv.target.not_offered
}
