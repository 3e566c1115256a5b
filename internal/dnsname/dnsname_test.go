package dnsname

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/miekg/dns"
)

var names = []string{"", ".", "..", "a", "a.", "a..", ".a", "a..b", "mail.example.com.",
	"_dmarc.example.com", `a\.b.`, `a\\.b.`, `a\\\.`, `a\\.`, `\.`, `\`, `\\`, `a.\`, `a\..`,
	`x\065.y.`, "*.example.", "@", "a. ", " .", "a.b.c.d.e.f"}

// TestLikeMiekg checks each function against miekg/dns's on names with
// escapes, empty labels and odd dots.
func TestLikeMiekg(t *testing.T) {
	for _, s := range names {
		compare(t, s)
	}
}

// FuzzLikeMiekg checks the same on any string.
func FuzzLikeMiekg(f *testing.F) {
	for _, s := range names {
		f.Add(s)
	}
	f.Fuzz(compare)
}

func compare(t *testing.T, s string) {
	if miekgMiscounts(s) {
		return
	}
	if got, want := IsFqdn(s), dns.IsFqdn(s); got != want {
		t.Errorf("IsFqdn(%q) = %v, miekg/dns %v", s, got, want)
	}
	if got, want := Fqdn(s), dns.Fqdn(s); got != want {
		t.Errorf("Fqdn(%q) = %q, miekg/dns %q", s, got, want)
	}
	if got, want := SplitDomainName(s), dns.SplitDomainName(s); !slices.Equal(got, want) {
		t.Errorf("SplitDomainName(%q) = %q, miekg/dns %q", s, got, want)
	}
}

// miekgMiscounts reports whether s ends in backslashes and a dot after a
// multi-byte character, where miekg/dns's IsFqdn counts the character's
// bytes with the backslashes (v1.1.73) and so calls "é\\." fully qualified.
// Here the backslashes alone decide.
func miekgMiscounts(s string) bool {
	rest := strings.TrimRight(strings.TrimSuffix(s, "."), `\`)
	_, size := utf8.DecodeLastRuneInString(rest)
	return strings.HasSuffix(s, `\.`) && size > 1
}
