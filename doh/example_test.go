package doh_test

import (
	"errors"
	"fmt"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

func ExampleResult() {
	cname, _ := dns.NewRR("mail.example.com. 300 IN CNAME spf.example.net.")
	txt, _ := dns.NewRR(`spf.example.net. 60 IN TXT "v=spf1 ip4:192.0.2.0/24 " "-all"`)
	r := &doh.Result{Name: "mail.example.com.", Type: dns.TypeTXT, Answer: []dns.RR{cname, txt}, TTL: 60}
	fmt.Printf("%q via %q, void %v\n", r.TXT(), r.CNAMEs(), r.Void())

	r = &doh.Result{Name: "_dmarc.example.com.", Type: dns.TypeTXT, Rcode: dns.RcodeNameError}
	fmt.Println("NXDOMAIN", r.NXDomain(), "void", r.Void())
	// Output:
	// ["v=spf1 ip4:192.0.2.0/24 -all"] via ["spf.example.net."], void false
	// NXDOMAIN true void true
}

func ExampleError() {
	var err error = &doh.Error{Kind: doh.ErrRcode, Name: "example.com.", Type: dns.TypeTXT, Rcode: dns.RcodeServerFailure}
	var e *doh.Error
	if errors.As(err, &e) && errors.Is(err, doh.ErrRcode) {
		fmt.Println(e.Rcode == dns.RcodeServerFailure, e.Temporary())
	}
	fmt.Println(err)
	// Output:
	// true true
	// doh: error rcode: example.com. TXT: SERVFAIL
}
