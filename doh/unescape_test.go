package doh

import (
	"testing"

	"github.com/miekg/dns"
)

// TestTXTRawBytes checks that TXT gives the bytes a record holds, not
// miekg/dns's presentation form of them.
func TestTXTRawBytes(t *testing.T) {
	rr, err := dns.NewRR(`example.com. 300 IN TXT "v=spf1 \"quoted\" " "\239\187\191-all"`)
	if err != nil {
		t.Fatal(err)
	}
	r := &Result{Name: "example.com.", Type: dns.TypeTXT, Answer: []dns.RR{rr}}
	got := r.TXT()
	if want := "v=spf1 \"quoted\" \xef\xbb\xbf-all"; len(got) != 1 || got[0] != want {
		t.Errorf("TXT() = %q, want [%q]", got, want)
	}
}
