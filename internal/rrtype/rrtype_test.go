package rrtype

import (
	"testing"

	"github.com/miekg/dns"
)

// TestLikeMiekg checks that every mnemonic miekg/dns knows is here with
// its code, and no other.
func TestLikeMiekg(t *testing.T) {
	for code, name := range dns.TypeToString {
		if code == dns.TypeNone || code == dns.TypeReserved {
			continue
		}
		if got := Name(code); got != name {
			t.Errorf("Name(%d) = %q, miekg/dns %q", code, got, name)
		}
		if got := Code(name); got != code {
			t.Errorf("Code(%q) = %d, miekg/dns %d", name, got, code)
		}
	}
	if len(types) != len(dns.TypeToString)-2 {
		t.Errorf("%d types, miekg/dns %d besides None and Reserved", len(types), len(dns.TypeToString)-2)
	}
	if MX != dns.TypeMX || TXT != dns.TypeTXT || SPF != dns.TypeSPF {
		t.Error("the mail types' codes differ from miekg/dns's")
	}
}

func TestCode(t *testing.T) {
	for s, want := range map[string]uint16{"mx": 15, "Txt": 16, "TYPE99": 99, "type65280": 65280,
		"TYPE0": 0, "TYPE65536": 0, "TYPE": 0, "TYPE1x": 0, "None": 0, "Reserved": 0, "": 0, "MXX": 0} {
		if got := Code(s); got != want {
			t.Errorf("Code(%q) = %d, want %d", s, got, want)
		}
	}
	if got := Name(65280); got != "TYPE65280" {
		t.Errorf("Name(65280) = %q", got)
	}
}
