package spf_test

import (
	"fmt"

	"github.com/mxplain/mxplain/internal/ipaddr"
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
	// Mail from example.com is authorised from 192.0.2.0/24 and whatever _spf.google.com authorises; everything else fails (-all): receivers may reject it, and DMARC decides.
	// v=spf1: Marks this TXT record as an SPF record, version 1 (the only version); receivers select TXT records that begin with "v=spf1" followed by a space or the end of the record.
	// ip4:192.0.2.0/24: Gives "pass" to the IPv4 network 192.0.2.0/24 (256 addresses). No DNS lookup.
	// include:_spf.google.com: Gives "pass" when _spf.google.com's SPF record gives "pass" for the client; its fail, softfail or neutral mean no match here (its "-all" does not end this record), while a temperror, a permerror or no SPF record at all ends evaluation with temperror or permerror. Costs 1 DNS lookup (of the 10 allowed). The included record's own lookups count toward the same limit, so an include costs more than one lookup in total.
	// -all: Every sender not matched earlier gets "fail": it is not authorised. Receivers decide what to do (they may reject); DMARC policy governs when the domain has one.
}

func ExampleExpandMacro() {
	ip, _ := ipaddr.ParseAddr("192.0.2.3")
	out, err := spf.ExpandMacro("%{ir}.%{v}._spf.%{d2}", spf.MacroVars{
		IP:     ip,
		Domain: "email.example.com",
	}, false)
	fmt.Println(out, err)
	// Output: 3.2.0.192.in-addr._spf.example.com <nil>
}

// A finding is data: its code and args are what its message is written
// from, so a program can act on them, or render the message again.
func ExampleMessage() {
	rec := spf.Explain("v=spf1 ip4:192.0.2.300 -all", explain.Context{})
	f := rec.Findings[0]
	fmt.Println(f.Code, f.Args["address"], f.Args["reason"])
	fmt.Println(spf.Message(f.Code, f.Args) == f.Message)
	fmt.Println(spf.Message(spf.CodeIP4Invalid, explain.Args{"address": "192.0.2", "reason": "syntax"}))
	// Output:
	// spf.ip4.invalid 192.0.2.300 syntax
	// true
	// "192.0.2" has 3 part(s) instead of 4; parts of an address cannot be left out: write a network as all four parts and a prefix length, such as 192.0.2.0/24 instead of 192.0.2, so receivers return permerror for the whole record.
}

func ExampleMerge() {
	merged, ok := spf.Merge([]string{
		"v=spf1 include:_spf.google.com ~all",
		"v=spf1 include:sendgrid.net ip4:192.0.2.0/24 -all",
	})
	fmt.Println(merged, ok)
	// Output:
	// v=spf1 include:_spf.google.com include:sendgrid.net ip4:192.0.2.0/24 ~all true
}

// The seed's placeholder address: the fix writes a slot where the owner's
// address belongs, and explain.ApplyFixes gives the corrected record.
func ExampleExplain_fix() {
	value := "v=spf1 ip4:abc.d.efg.h include:_spf.google.com -all"
	rec := spf.Explain(value, explain.Context{Owner: "example.com."})
	fixed, codes := explain.ApplyFixes(value, rec.Findings)
	fmt.Println(fixed, codes)
	for _, s := range explain.SlotsIn(fixed) {
		fmt.Println(s.Name+":", s.Label)
	}
	// Output:
	// v=spf1 ip4:{{ipv4}} include:_spf.google.com -all [spf.ip4.placeholder]
	// ipv4: the IPv4 address (or network, 192.0.2.0/24) of a server that sends your mail
}
