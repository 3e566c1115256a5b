package ipaddr_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/mxplain/mxplain/internal/fuzzing"
	"github.com/mxplain/mxplain/internal/ipaddr"
)

func TestMain(m *testing.M) { fuzzing.Main(m) }

func Example() {
	a, _ := ipaddr.ParseAddr("2001:DB8:0:0:1:0:0:1")
	p, _ := a.Prefix(32)
	m, _ := ipaddr.ParseAddr("::FFFF:192.0.2.1")
	fmt.Println(a, p, p.Contains(a), m, m.Is4In6(), m.Unmap())
	_, err := ipaddr.ParseAddr("192.0.2.01")
	fmt.Println(err)
	// Output:
	// 2001:db8::1:0:0:1 2001:db8::/32 true ::ffff:192.0.2.1 true 192.0.2.1
	// ipaddr: not an IP address
}

// seeds are inputs where a parser of IP text can go wrong.
var seeds = []string{
	"", ".", ":", "::", ":::", "%", "%eth0", "::%", "::%eth0", "1.2.3.4%eth0",
	"0.0.0.0", "1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3.04", "0.0.0.00", "1.2.3", "1.2.3.4.5",
	"1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4:25", "+1.2.3.4", "1.2.3.-4", "0x1.2.3.4", "1.2.3.4\x00",
	"127.0.0.1", "127.255.0.9", "::1", "::1%lo", "::2", "0::1", "1::", "1::2::3", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
	"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", ":1::", "1:", ":1",
	"12345::", "1234::", "0000:0000::", "00000::", "FFFF::", "fFfF::aBcD", "g::", "2001:DB8::1", "2001:db8:0:0:1:0:0:1",
	"2001:0:0:1:0:0:0:1", "2001:db8::1:0:0:1", "0:0:0:0:0:0:0:0", "1:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:1", "1:0:1:0:1:0:1:0",
	"::ffff:1.2.3.4", "::FFFF:1.2.3.4", "::ffff:0.0.0.0", "::ffff:127.0.0.1", "::ffff:1.2.3.4%eth0", "::ffff:0102:0304",
	"::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:1.2.3.4", "::1:2:3:4:5:6:1.2.3.4",
	"1::1.2.3.4", "::ffff:1.2.3", "::ffff:1.2.3.04", "::ffff:a.b.c.d", "::ffff:1.2.3.4:5", "::ffff:1.2.3.4.5",
	"fe80::1%eth0", "fe80::1%", "fe80::1%%", "fe80::1%eth0%1", "fe80::1%a/b", "fe80::1%25", "FE80::1%ETH0",
	"abc.d.efg.h", "mail.example.com", "[::1]", "IPv6:::1", "1.2.3.4/24", "::/0",
}

// prefixSeeds are the same for prefixes.
var prefixSeeds = []string{
	"", "/", "/24", "1.2.3.4", "1.2.3.4/", "1.2.3.4/0", "1.2.3.4/00", "1.2.3.4/01", "1.2.3.4/033", "1.2.3.4/32",
	"1.2.3.4/33", "1.2.3.4/+8", "1.2.3.4/-1", "1.2.3.4/8 ", "1.2.3.4/8/8", "1.2.3.4/1000", "1.2.3.4/99999999999999999999",
	"192.0.2.77/24", "10.0.0.0/8", "::/0", "::/128", "::/129", "2001:DB8::/32", "2001:db8::1/64", "::ffff:1.2.3.4/96",
	"::ffff:1.2.3.4/120", "::ffff:1.2.3.4/33", "fe80::1%eth0/64", "fe80::/10", "3fff::/20", "01.2.3.4/8", "1::2::3/64",
}

// addrs are the addresses each fuzzed prefix is asked whether it contains.
var addrs = []string{"0.0.0.0", "1.2.3.4", "192.0.2.1", "255.255.255.255", "::", "::1", "2001:db8::1", "::ffff:1.2.3.4", "fe80::1", "fe80::1%eth0"}

func TestParseAddr(t *testing.T) {
	for _, s := range seeds {
		t.Run(s, func(t *testing.T) { checkAddr(t, s) })
	}
	t.Run("zero", func(t *testing.T) { compareAddr(t, "the zero Addr", ipaddr.Addr{}, netip.Addr{}) })
}

func TestParsePrefix(t *testing.T) {
	for _, s := range append(prefixSeeds, seeds...) {
		t.Run(s, func(t *testing.T) {
			for _, a := range addrs {
				checkPrefix(t, s, a)
			}
		})
	}
	t.Run("zero", func(t *testing.T) {
		for _, a := range addrs {
			comparePrefix(t, "the zero Prefix", ipaddr.Prefix{}, netip.Prefix{}, a)
		}
	})
}

func TestMustParsePrefix(t *testing.T) {
	if got := ipaddr.MustParsePrefix("3fff::/20").String(); got != "3fff::/20" {
		t.Errorf("MustParsePrefix(3fff::/20) = %s", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParsePrefix(1.2.3.4/33) did not panic")
		}
	}()
	ipaddr.MustParsePrefix("1.2.3.4/33")
}

func FuzzParseAddr(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(checkAddr)
}

func FuzzParsePrefix(f *testing.F) {
	for i, s := range append(prefixSeeds, seeds...) {
		f.Add(s, addrs[i%len(addrs)])
	}
	f.Fuzz(checkPrefix)
}

// checkAddr compares ParseAddr(s) with netip's.
func checkAddr(t *testing.T, s string) {
	t.Helper()
	got, err := ipaddr.ParseAddr(s)
	want, werr := netip.ParseAddr(s)
	if (err == nil) != (werr == nil) {
		t.Fatalf("ParseAddr(%q) error = %v, netip's = %v", s, err, werr)
	}
	compareAddr(t, fmt.Sprintf("ParseAddr(%q)", s), got, want)
	if want.IsValid() {
		compareAddr(t, fmt.Sprintf("AddrFrom16(ParseAddr(%q).As16())", s), ipaddr.AddrFrom16(got.As16()), netip.AddrFrom16(want.As16()))
	}
	for _, o := range addrs {
		og, _ := ipaddr.ParseAddr(o)
		ow := netip.MustParseAddr(o)
		if (got == og) != (want == ow) {
			t.Errorf("ParseAddr(%q) == ParseAddr(%q) is %v, not as netip's", s, o, got == og)
		}
		og, ow = ipaddr.AddrFrom16(og.As16()), netip.AddrFrom16(ow.As16())
		if (got == og) != (want == ow) {
			t.Errorf("ParseAddr(%q) == AddrFrom16(ParseAddr(%q).As16()) is %v, not as netip's", s, o, got == og)
		}
	}
}

// compareAddr compares every method of a that the parsers use with w's.
func compareAddr(t *testing.T, what string, a ipaddr.Addr, w netip.Addr) {
	t.Helper()
	type facts struct {
		valid, is4, is6, is4In6, loopback, unspecified bool
		bitLen                                         int
		zone, str, unmap                               string
		unmap4, unmapSame                              bool
		as16                                           [16]byte
	}
	got := facts{a.IsValid(), a.Is4(), a.Is6(), a.Is4In6(), a.IsLoopback(), a.IsUnspecified(),
		a.BitLen(), a.Zone(), a.String(), a.Unmap().String(), a.Unmap().Is4(), a.Unmap() == a, a.As16()}
	want := facts{w.IsValid(), w.Is4(), w.Is6(), w.Is4In6(), w.IsLoopback(), w.IsUnspecified(),
		w.BitLen(), w.Zone(), w.String(), w.Unmap().String(), w.Unmap().Is4(), w.Unmap() == w, w.As16()}
	if got != want {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
	for bits := -1; bits <= 129; bits++ {
		p, err := a.Prefix(bits)
		wp, werr := w.Prefix(bits)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%s.Prefix(%d) error = %v, netip's = %v", what, bits, err, werr)
		}
		if (p.Addr() == a) != (wp.Addr() == w) {
			t.Fatalf("%s.Prefix(%d).Addr() == it is %v, not as netip's", what, bits, p.Addr() == a)
		}
		comparePrefix(t, fmt.Sprintf("%s.Prefix(%d)", what, bits), p, wp, "1.2.3.4")
	}
}

// checkPrefix compares ParsePrefix(s) with netip's, and whether it
// contains the address addr.
func checkPrefix(t *testing.T, s, addr string) {
	t.Helper()
	got, err := ipaddr.ParsePrefix(s)
	want, werr := netip.ParsePrefix(s)
	if (err == nil) != (werr == nil) {
		t.Fatalf("ParsePrefix(%q) error = %v, netip's = %v", s, err, werr)
	}
	comparePrefix(t, fmt.Sprintf("ParsePrefix(%q)", s), got, want, addr)
	if err == nil {
		compareAddr(t, fmt.Sprintf("ParsePrefix(%q).Addr()", s), got.Addr(), want.Addr())
	}
}

// comparePrefix compares the methods of p that the parsers use with w's,
// Contains with the address addr (when it is one) and with p's own.
func comparePrefix(t *testing.T, what string, p ipaddr.Prefix, w netip.Prefix, addr string) {
	t.Helper()
	type facts struct {
		valid             bool
		bits              int
		str, addr         string
		containsOwn       bool
		containsAddr      bool
		containsAddrValid bool
	}
	got := facts{valid: p.IsValid(), bits: p.Bits(), str: p.String(), addr: p.Addr().String(), containsOwn: p.Contains(p.Addr())}
	want := facts{valid: w.IsValid(), bits: w.Bits(), str: w.String(), addr: w.Addr().String(), containsOwn: w.Contains(w.Addr())}
	a, err := ipaddr.ParseAddr(addr)
	wa, werr := netip.ParseAddr(addr)
	if err == nil && werr == nil {
		got.containsAddr, got.containsAddrValid = p.Contains(a), true
		want.containsAddr, want.containsAddrValid = w.Contains(wa), true
	}
	if got != want {
		t.Fatalf("%s (address %q):\n got %+v\nwant %+v", what, addr, got, want)
	}
}
