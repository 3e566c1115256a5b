package spf

// Address classes: the special-purpose ranges that mail from the internet
// never comes from (spf.ip.non_public, spf.ip.documentation), and how many
// addresses a prefix covers.

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ipaddr"
)

// specialRange is a special-purpose range: its prefix, what it is as a
// phrase ("a private address (10.0.0.0/8, RFC 1918)"), and whether it is
// for documentation.
type specialRange struct {
	pfx  ipaddr.Prefix
	name string
	doc  bool
}

var specialRanges = func() []specialRange {
	list := []struct {
		p, name string
		doc     bool
	}{
		{"0.0.0.0/8", "in 0.0.0.0/8 (\"this network\", RFC 791)", false},
		{"10.0.0.0/8", "a private address (10.0.0.0/8, RFC 1918)", false},
		{"100.64.0.0/10", "shared carrier-grade NAT space (100.64.0.0/10, RFC 6598)", false},
		{"127.0.0.0/8", "a loopback address (127.0.0.0/8)", false},
		{"169.254.0.0/16", "a link-local address (169.254.0.0/16, RFC 3927)", false},
		{"172.16.0.0/12", "a private address (172.16.0.0/12, RFC 1918)", false},
		{"192.0.0.0/24", "IETF protocol assignment space (192.0.0.0/24, RFC 6890)", false},
		{"192.0.2.0/24", "a documentation address (TEST-NET-1, 192.0.2.0/24, RFC 5737)", true},
		{"192.168.0.0/16", "a private address (192.168.0.0/16, RFC 1918)", false},
		{"198.18.0.0/15", "benchmarking space (198.18.0.0/15, RFC 2544)", false},
		{"198.51.100.0/24", "a documentation address (TEST-NET-2, 198.51.100.0/24, RFC 5737)", true},
		{"203.0.113.0/24", "a documentation address (TEST-NET-3, 203.0.113.0/24, RFC 5737)", true},
		{"224.0.0.0/4", "a multicast address (224.0.0.0/4)", false},
		{"240.0.0.0/4", "reserved space (240.0.0.0/4)", false},
		{"::/128", "the unspecified address (::)", false},
		{"::1/128", "the loopback address (::1)", false},
		{"fc00::/7", "a unique local address (fc00::/7, RFC 4193)", false},
		{"fe80::/10", "a link-local address (fe80::/10)", false},
		{"ff00::/8", "a multicast address (ff00::/8)", false},
		{"2001:db8::/32", "a documentation address (2001:db8::/32, RFC 3849)", true},
		{"3fff::/20", "a documentation address (3fff::/20, RFC 9637)", true},
	}
	out := make([]specialRange, len(list))
	for i, e := range list {
		out[i] = specialRange{ipaddr.MustParsePrefix(e.p), e.name, e.doc}
	}
	return out
}()

// classify returns the special-purpose range pfx lies in, or nil.
func classify(pfx ipaddr.Prefix) *specialRange {
	for i, r := range specialRanges {
		if r.pfx.Bits() <= pfx.Bits() && r.pfx.Contains(pfx.Addr()) {
			return &specialRanges[i]
		}
	}
	return nil
}

// rangeName is what the special-purpose range written as pfx is, as a
// phrase; pfx itself when it is none.
func rangeName(pfx string) string {
	for _, r := range specialRanges {
		if r.pfx.String() == pfx {
			return r.name
		}
	}
	return pfx
}

// isAddress reports whether s is an IPv4 or IPv6 address or network.
func isAddress(s string) bool {
	if _, err := ipaddr.ParsePrefix(s); err == nil {
		return true
	}
	_, err := ipaddr.ParseAddr(s)
	return err == nil
}

// addressCount says how many addresses hostBits bits of family fam cover.
func addressCount(hostBits int, fam string) string {
	if hostBits == 0 {
		return "1 address"
	}
	if hostBits > 40 {
		return "2^" + strconv.Itoa(hostBits) + " " + fam + " addresses"
	}
	return groupDigits(strconv.FormatUint(1<<hostBits, 10)) + " addresses"
}

// groupDigits writes the decimal s with commas between groups of three
// digits when it has more than four.
func groupDigits(s string) string {
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
