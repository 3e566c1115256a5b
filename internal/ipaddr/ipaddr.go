// Package ipaddr parses and prints IP addresses and prefixes as net/netip
// does, for the explain engine, which must not link net/netip: netip's
// zones are unique.Handle values, and package unique brings a concurrent
// hash-trie map and runtime hooks into the page's first download.
//
// It has only what the parsers use. What it has behaves as netip's
// method of the same name: ParseAddr and ParsePrefix accept and reject
// the same strings (strict dotted quads, RFC 4291 IPv6 text with "::",
// an embedded IPv4 address and a "%zone"), and String writes the same
// text (RFC 5952 for IPv6). FuzzParseAddr and FuzzParsePrefix compare
// the two.
package ipaddr

import (
	"errors"
	"strconv"
)

// Addr is an IPv4 or IPv6 address, the latter with an optional zone; the
// zero Addr is no address. Addrs compare with == as netip.Addrs do.
type Addr struct {
	ip   [16]byte // IPv4 as the IPv4-mapped IPv6 address
	bits uint8    // 32 for IPv4, 128 for IPv6, 0 for the zero Addr
	zone string   // IPv6 only
}

// Prefix is an IP network: an address and a prefix length. The zero
// Prefix is invalid.
type Prefix struct {
	ip          Addr  // never with a zone
	bitsPlusOne uint8 // 0: invalid
}

var (
	errAddr   = errors.New("ipaddr: not an IP address")
	errPrefix = errors.New("ipaddr: not an IP prefix")
	errBits   = errors.New("ipaddr: prefix length out of range")
)

// v4InV6 is the prefix of an IPv4-mapped IPv6 address, ::ffff:0:0/96.
var v4InV6 = [12]byte{10: 0xff, 11: 0xff}

// ParseAddr parses s as a dotted-quad IPv4 address ("192.0.2.1", no
// leading zeros) or IPv6 text ("2001:db8::1", "::ffff:192.0.2.1",
// "fe80::1%eth0"), as netip.ParseAddr does.
func ParseAddr(s string) (Addr, error) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			var a [4]byte
			if !parse4(s, &a) {
				return Addr{}, errAddr
			}
			return addrFrom4(a), nil
		case ':':
			return parse6(s)
		case '%':
			return Addr{}, errAddr
		}
	}
	return Addr{}, errAddr
}

// parse4 parses the dotted quad s into a.
func parse4(s string, a *[4]byte) bool {
	field, val, digits := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			if digits == 1 && val == 0 {
				return false // a leading zero
			}
			val, digits = val*10+int(c-'0'), digits+1
			if val > 255 {
				return false
			}
		case c == '.' && digits > 0 && field < 3:
			a[field] = byte(val)
			field, val, digits = field+1, 0, 0
		default:
			return false
		}
	}
	if field < 3 || digits == 0 {
		return false
	}
	a[3] = byte(val)
	return true
}

// parse6 parses the IPv6 text s, with its zone if any.
func parse6(s string) (Addr, error) {
	zone := ""
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			s, zone = s[:i], s[i+1:]
			if zone == "" {
				return Addr{}, errAddr
			}
			break
		}
	}
	var ip [16]byte
	ellipsis := -1 // where "::" is in ip
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis, s = 0, s[2:]
	}
	i := 0 // bytes of ip filled
	for i < 16 && s != "" {
		n, acc := 0, 0 // hex digits, their value
	digits:
		for ; n < len(s) && n < 5; n++ {
			switch c := s[n]; {
			case '0' <= c && c <= '9':
				acc = acc<<4 | int(c-'0')
			case 'a' <= c && c <= 'f':
				acc = acc<<4 | int(c-'a'+10)
			case 'A' <= c && c <= 'F':
				acc = acc<<4 | int(c-'A'+10)
			default:
				break digits
			}
		}
		if n == 0 || n == 5 { // no digit, or more than four
			return Addr{}, errAddr
		}
		if n < len(s) && s[n] == '.' {
			// The embedded IPv4 address: the last 32 bits.
			if ellipsis < 0 && i != 12 || i > 12 || !parse4(s, (*[4]byte)(ip[i:i+4])) {
				return Addr{}, errAddr
			}
			s, i = "", i+4
			break
		}
		ip[i], ip[i+1] = byte(acc>>8), byte(acc)
		i += 2
		s = s[n:]
		if s == "" {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return Addr{}, errAddr
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis >= 0 {
				return Addr{}, errAddr
			}
			ellipsis, s = i, s[1:]
		}
	}
	if s != "" {
		return Addr{}, errAddr
	}
	if i < 16 {
		if ellipsis < 0 {
			return Addr{}, errAddr
		}
		n := 16 - i
		copy(ip[ellipsis+n:], ip[ellipsis:i])
		clear(ip[ellipsis : ellipsis+n])
	} else if ellipsis >= 0 {
		return Addr{}, errAddr // "::" must stand for at least one group
	}
	return Addr{ip: ip, bits: 128, zone: zone}, nil
}

func addrFrom4(a [4]byte) Addr {
	var ip [16]byte
	copy(ip[:], v4InV6[:])
	copy(ip[12:], a[:])
	return Addr{ip: ip, bits: 32}
}

// AddrFrom16 is the IPv6 address a, with no zone: an IPv4-mapped one for
// an IPv4 address's As16.
func AddrFrom16(a [16]byte) Addr { return Addr{ip: a, bits: 128} }

// IsValid reports whether a is an address rather than the zero Addr.
func (a Addr) IsValid() bool { return a.bits != 0 }

// BitLen is 32 for IPv4, 128 for IPv6 (IPv4-mapped too), 0 for the zero
// Addr.
func (a Addr) BitLen() int { return int(a.bits) }

// Zone is a's IPv6 zone, "" when it has none.
func (a Addr) Zone() string { return a.zone }

// Is4 reports whether a is an IPv4 address; false for IPv4-mapped IPv6.
func (a Addr) Is4() bool { return a.bits == 32 }

// Is6 reports whether a is an IPv6 address, IPv4-mapped ones included.
func (a Addr) Is6() bool { return a.bits == 128 }

// Is4In6 reports whether a is an IPv4-mapped IPv6 address
// (::ffff:0:0/96, RFC 4291 §2.5.5.2).
func (a Addr) Is4In6() bool { return a.Is6() && [12]byte(a.ip[:12]) == v4InV6 }

// Unmap is the IPv4 address in an IPv4-mapped a (without a's zone);
// otherwise a.
func (a Addr) Unmap() Addr {
	if a.Is4In6() {
		a.bits, a.zone = 32, ""
	}
	return a
}

// IsLoopback reports whether a is in 127.0.0.0/8 (mapped or not) or is ::1.
func (a Addr) IsLoopback() bool {
	a = a.Unmap()
	if a.Is4() {
		return a.ip[12] == 127
	}
	return a.Is6() && a.ip == [16]byte{15: 1}
}

// IsUnspecified reports whether a is 0.0.0.0 or :: (with no zone).
func (a Addr) IsUnspecified() bool {
	return a == addrFrom4([4]byte{}) || a == Addr{bits: 128}
}

// As16 is a in 16 bytes: IPv4 as the IPv4-mapped IPv6 address, no zone.
func (a Addr) As16() [16]byte { return a.ip }

// Prefix is the network of the first bits bits of a; an error when bits
// is negative or more than a's BitLen. The zero Addr gives the zero
// Prefix and no error.
func (a Addr) Prefix(bits int) (Prefix, error) {
	switch {
	case bits < 0:
		return Prefix{}, errBits
	case !a.IsValid():
		return Prefix{}, nil
	case bits > a.BitLen():
		return Prefix{}, errBits
	}
	masked := Addr{bits: a.bits}
	keep := bits + 128 - a.BitLen()
	for i := range masked.ip {
		switch {
		case keep >= 8:
			masked.ip[i] = a.ip[i]
		case keep > 0:
			masked.ip[i] = a.ip[i] &^ (0xff >> keep)
		}
		keep -= 8
	}
	return Prefix{ip: masked, bitsPlusOne: uint8(bits + 1)}, nil
}

// String writes a as netip does: a dotted quad for IPv4,
// "::ffff:192.0.2.1" for IPv4-mapped IPv6, RFC 5952 text for IPv6 (lower
// case, the first longest run of two or more zero groups as "::"), then
// "%" and the zone; "invalid IP" for the zero Addr.
func (a Addr) String() string {
	switch {
	case !a.IsValid():
		return "invalid IP"
	case a.Is4():
		return string(append4(nil, a.ip[12:]))
	case a.Is4In6():
		b := append4(append(make([]byte, 0, 32), "::ffff:"...), a.ip[12:])
		return string(appendZone(b, a.zone))
	}
	group := func(i int) int { return int(a.ip[2*i])<<8 | int(a.ip[2*i+1]) }
	zeroStart, zeroEnd := -1, -1
	for i := 0; i < 8; i++ {
		j := i
		for j < 8 && group(j) == 0 {
			j++
		}
		if j-i >= 2 && j-i > zeroEnd-zeroStart {
			zeroStart, zeroEnd = i, j
		}
	}
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 40+len(a.zone))
	for i := 0; i < 8; i++ {
		if i == zeroStart {
			b = append(b, ':', ':')
			i = zeroEnd
			if i == 8 {
				break
			}
		} else if i > 0 {
			b = append(b, ':')
		}
		g, started := group(i), false
		for shift := 12; shift >= 0; shift -= 4 {
			if d := g >> shift & 0xf; d != 0 || started || shift == 0 {
				b, started = append(b, hex[d]), true
			}
		}
	}
	return string(appendZone(b, a.zone))
}

func append4(b []byte, a []byte) []byte {
	for i, x := range a[:4] {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(x), 10)
	}
	return b
}

func appendZone(b []byte, zone string) []byte {
	if zone == "" {
		return b
	}
	return append(append(b, '%'), zone...)
}

// ParsePrefix parses s as an address, "/" and a prefix length from 0 to
// its BitLen written without a sign or leading zero ("192.0.2.0/24",
// "2001:db8::/32"), as netip.ParsePrefix does: no zone, and the bits
// past the length are kept as written.
func ParsePrefix(s string) (Prefix, error) {
	slash := -1
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			slash = i
			break
		}
	}
	if slash < 0 {
		return Prefix{}, errPrefix
	}
	a, err := ParseAddr(s[:slash])
	if err != nil || a.zone != "" {
		return Prefix{}, errPrefix
	}
	digits := s[slash+1:]
	if digits == "" || len(digits) > 1 && digits[0] == '0' || len(digits) > 3 {
		return Prefix{}, errPrefix
	}
	bits := 0
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return Prefix{}, errPrefix
		}
		bits = bits*10 + int(digits[i]-'0')
	}
	if bits > a.BitLen() {
		return Prefix{}, errPrefix
	}
	return Prefix{ip: a, bitsPlusOne: uint8(bits + 1)}, nil
}

// MustParsePrefix is ParsePrefix for prefixes known to be valid: it
// panics on error.
func MustParsePrefix(s string) Prefix {
	p, err := ParsePrefix(s)
	if err != nil {
		panic("ipaddr: " + strconv.Quote(s) + " is not an IP prefix")
	}
	return p
}

// Addr is p's address, with any bits past its length as parsed.
func (p Prefix) Addr() Addr { return p.ip }

// Bits is p's prefix length, -1 when p is invalid.
func (p Prefix) Bits() int { return int(p.bitsPlusOne) - 1 }

// IsValid reports whether p is a prefix rather than the zero Prefix.
func (p Prefix) IsValid() bool { return p.bitsPlusOne > 0 }

// Contains reports whether a is in the network p: never when a is of the
// other family (an IPv4-mapped address is IPv6), has a zone, or is the
// zero Addr.
func (p Prefix) Contains(a Addr) bool {
	if !p.IsValid() || a.zone != "" || a.bits != p.ip.bits {
		return false
	}
	n := p.Bits() + 128 - a.BitLen()
	for i := 0; n > 0; i, n = i+1, n-8 {
		diff := a.ip[i] ^ p.ip.ip[i]
		if n < 8 {
			diff &^= 0xff >> n
		}
		if diff != 0 {
			return false
		}
	}
	return true
}

// String writes p as netip does: the address, "/" and the length;
// "invalid Prefix" for an invalid p.
func (p Prefix) String() string {
	if !p.IsValid() {
		return "invalid Prefix"
	}
	return p.ip.String() + "/" + strconv.Itoa(p.Bits())
}
