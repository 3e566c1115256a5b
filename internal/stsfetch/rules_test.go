package stsfetch_test

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/stsfetch"
)

func kindOf(err error) string {
	var e interface{ Kind() string }
	if errors.As(err, &e) {
		return e.Kind()
	}
	return ""
}

func TestHost(t *testing.T) {
	for in, c := range map[string]struct {
		want     string // "" when refused
		reserved bool   // AllowReserved
	}{
		"example.com":            {want: "mta-sts.example.com"},
		"Example.COM.":           {want: "mta-sts.example.com"},
		" mail.example.co.uk ":   {want: "mta-sts.mail.example.co.uk"},
		"bücher.de":              {want: "mta-sts.xn--bcher-kva.de"},
		"someone.github.io":      {want: "mta-sts.someone.github.io"},
		"":                       {},
		"127.0.0.1":              {},
		"[::1]":                  {},
		"::1":                    {},
		"2130706433":             {}, // 127.0.0.1 as one number: a single label
		"0x7f.1":                 {}, // not under a listed top-level name
		"localhost":              {},
		"foo.localhost":          {},
		"printer.local":          {},
		"db.internal":            {},
		"a.test":                 {},
		"example":                {},
		"x.example":              {},
		"x.onion":                {},
		"1.0.0.127.in-addr.arpa": {},
		"router.home.arpa":       {},
		"intranet.corp":          {}, // not a top-level domain
		"com":                    {},
		"co.uk":                  {}, // a public suffix
		"github.io":              {}, // a public suffix (private section)
		"a..com":                 {},
		"-a.com":                 {},
		"a_b.example.com":        {},
		"exa mple.com":           {},
		"example.com/path":       {},
		"user@example.com":       {},
		"https://example.com":    {},
		"\xff.com":               {}, // not UTF-8
		"example.com\x00.evil":   {},
		"a.test ":                {want: "mta-sts.a.test", reserved: true},
		"localhost ":             {reserved: true}, // still a single label
	} {
		t.Run(in, func(t *testing.T) {
			got, err := stsfetch.Host(in, c.reserved)
			if c.want == "" {
				if err == nil || kindOf(err) != stsfetch.KindRefused {
					t.Fatalf("Host(%q) = %q, %v; want an error of kind refused", in, got, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Host(%q) = %q, %v; want %q", in, got, err, c.want)
			}
		})
	}
}

func TestCheckAddr(t *testing.T) {
	for in, ok := range map[string]bool{
		"93.184.215.14":         true,
		"2606:2800:21f:cb07::1": true,
		"8.8.8.8":               true,
		"127.0.0.1":             false,
		"127.1.2.3":             false,
		"::1":                   false,
		"::ffff:127.0.0.1":      false, // mapped
		"0.0.0.0":               false,
		"::":                    false,
		"10.1.2.3":              false,
		"172.16.0.1":            false,
		"192.168.1.1":           false,
		"fd00::1":               false, // unique local
		"169.254.169.254":       false, // link-local: cloud metadata
		"fe80::1":               false,
		"100.64.0.1":            false, // CGNAT
		"224.0.0.1":             false,
		"ff02::1":               false,
		"192.0.2.1":             false, // documentation
		"198.51.100.7":          false,
		"203.0.113.9":           false,
		"2001:db8::1":           false,
		"3fff::1":               false,
		"255.255.255.255":       false,
		"240.0.0.1":             false,
		"198.18.0.1":            false,
		"64:ff9b::a00:1":        false, // NAT64 of 10.0.0.1
		"64:ff9b::808:808":      true,  // NAT64 of 8.8.8.8
		"2002:7f00:1::1":        false, // 6to4 of 127.0.0.1
		"2002:808:808::1":       true,
		"2001::1":               false, // Teredo
	} {
		t.Run(in, func(t *testing.T) {
			err := stsfetch.CheckAddr(netip.MustParseAddr(in), false)
			if (err == nil) != ok || err != nil && kindOf(err) != stsfetch.KindRefused {
				t.Fatalf("CheckAddr(%s) = %v, want ok %v", in, err, ok)
			}
		})
	}
	for _, in := range []string{"127.0.0.1", "::1"} {
		if err := stsfetch.CheckAddr(netip.MustParseAddr(in), true); err != nil {
			t.Errorf("CheckAddr(%s, allowLoopback) = %v, want nil", in, err)
		}
	}
	if err := stsfetch.CheckAddr(netip.MustParseAddr("10.0.0.1"), true); err == nil {
		t.Error("CheckAddr(10.0.0.1, allowLoopback) = nil: only loopback may be allowed")
	}
}

func ExampleHost() {
	fmt.Println(stsfetch.Host("Example.com.", false))
	_, err := stsfetch.Host("localhost", false)
	fmt.Println(err)
	_, err = stsfetch.Host("printer.local", false)
	fmt.Println(err)
	// Output:
	// mta-sts.example.com <nil>
	// stsfetch: "localhost" is a single label, not a public domain name
	// stsfetch: "printer.local" is under .local, a special-use name no public web server has
}

func ExampleCheckAddr() {
	fmt.Println(stsfetch.CheckAddr(netip.MustParseAddr("169.254.169.254"), false))
	fmt.Println(stsfetch.CheckAddr(netip.MustParseAddr("100.64.0.1"), false))
	// Output:
	// stsfetch: address 169.254.169.254 is a link-local address
	// stsfetch: address 100.64.0.1 is in 100.64.0.0/10, not a public address
}

// FuzzHost: Host never panics, and a name it accepts is mta-sts. and
// dot-separated labels of letters, digits and inner hyphens, under a
// top-level name of the public suffix list's ICANN section.
func FuzzHost(f *testing.F) {
	for _, s := range []string{"example.com", "bücher.de", "127.0.0.1", "a..b", "co.uk", "x.internal", "xn--bcher-kva.de."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		host, err := stsfetch.Host(in, false)
		if err != nil {
			if kindOf(err) != stsfetch.KindRefused {
				t.Fatalf("Host(%q): %v, not of kind refused", in, err)
			}
			return
		}
		name, ok := strings.CutPrefix(host, stsfetch.HostPrefix)
		if !ok || len(host) > 253 || !strings.Contains(name, ".") {
			t.Fatalf("Host(%q) = %q", in, host)
		}
		for _, label := range strings.Split(name, ".") {
			if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' ||
				strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
				t.Fatalf("Host(%q) = %q: label %q", in, host, label)
			}
		}
	})
}
