package doh

import (
	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/internal/dnstext"
)

// CanonicalName returns name in one presentation form per DNS name: fully
// qualified, its ASCII letters lowercased (names compare case-insensitively
// in ASCII only, RFC 4343 §3), and its octets escaped as miekg/dns prints
// them (RFC 1035 §5.1: "\@", "\ ", "\DDD"). Names spelled differently
// ("user@a.test", "User\@A.test.", "user\064a.test") but equal on the wire
// get the same form, so it can key a map. ok is false, and name is returned
// unchanged, when name is not a valid domain name (labels of 1 to 63
// octets, 255 in all, RFC 1035 §2.3.4; escapes of at most \255).
func CanonicalName(name string) (canonical string, ok bool) {
	wire, ok := canonicalWire(name)
	if !ok {
		return name, false
	}
	s, _, err := dns.UnpackDomainName(wire, 0)
	if err != nil {
		return name, false
	}
	return s, true
}

// EqualNames reports whether a and b are the same domain name: the same
// octets on the wire, ASCII letters compared case-insensitively (RFC 4343
// §3), whatever escapes spell them and whether or not they end in a dot.
// Names that are not valid domain names are equal to nothing.
func EqualNames(a, b string) bool {
	wa, ok := canonicalWire(a)
	if !ok {
		return false
	}
	wb, ok := canonicalWire(b)
	return ok && string(wa) == string(wb)
}

// canonicalWire returns name's uncompressed wire form with ASCII letters
// lowercased. Length octets are at most 63, below 'A', so lowercasing every
// octet touches only label octets.
func canonicalWire(name string) ([]byte, bool) {
	// miekg/dns packs \256 as a zero octet instead of refusing it: refuse
	// every bad escape first, with the code base's one decoder of them.
	if _, err := dnstext.Decode(name); err != nil {
		return nil, false
	}
	if _, ok := dns.IsDomainName(name); !ok && name != "" {
		return nil, false
	}
	buf := make([]byte, 256)
	n, err := dns.PackDomainName(dns.Fqdn(name), buf, 0, nil, false)
	if err != nil {
		return nil, false
	}
	buf = buf[:n]
	for i, c := range buf {
		if 'A' <= c && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	return buf, true
}
