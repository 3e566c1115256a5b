package zone_test

import (
	"context"
	"os"
	"testing"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh/zone"
)

// FuzzLookup loads arbitrary zone text and asks arbitrary names: nothing may
// panic or loop, and answers are deterministic.
func FuzzLookup(f *testing.F) {
	fixture, err := os.ReadFile("../testdata/example.zone")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"www.example.com", "loop1.example.com", "x.wild.example.com", "b.c.example.com", "", ".", "..", "a..b", `\046.example.com`, "*.wild.example.com", "nosoa.test"} {
		f.Add(string(fixture), name)
	}
	f.Add("a. 1 IN CNAME b.\nb. 1 IN CNAME a.\n", "a.")
	f.Add("*. 1 IN A 192.0.2.1\n", "x.")
	f.Fuzz(func(t *testing.T, text, name string) {
		s, err := zone.Parse(text, "fuzz.zone")
		if err != nil {
			return
		}
		for _, qtype := range []uint16{dns.TypeA, dns.TypeTXT, dns.TypeCNAME, dns.TypeANY} {
			a := s.Lookup(name, qtype)
			b := s.Lookup(name, qtype)
			if len(a.Answer) != len(b.Answer) || a.Rcode != b.Rcode {
				t.Fatalf("Lookup(%q) not deterministic", name)
			}
			s.Query(context.Background(), name, qtype)
			s.Covers(name)
		}
	})
}
