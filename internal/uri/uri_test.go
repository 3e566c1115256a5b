package uri

import (
	"strings"
	"testing"
)

func TestChars(t *testing.T) {
	tests := map[string]struct {
		in    string
		at, n int
		want  Problem
	}{
		"plain":            {"https://example.com/a?b=c#d", 0, 0, OK},
		"reserved allowed": {"mailto:a@example.com?x=!$&'()*+,;=", 0, 0, OK},
		"percent":          {"https://example.com/%2C", 0, 0, OK},
		"space":            {"mailto:a b@example.com", 8, 1, BadChar},
		"non-ASCII":        {"https://example.com/é", 20, 2, NonASCII},
		"bad percent":      {"https://example.com/%zz", 20, 3, BadPercent},
		"percent at end":   {"https://example.com/%", 20, 1, BadPercent},
		"two fragments":    {"https://example.com/#a#b", 22, 1, Fragment},
		"bracket in path":  {"https://example.com/[x]", 20, 1, Bracket},
		"IPv6 host":        {"https://[2001:db8::1]/x", 0, 0, OK},
		"control":          {"mailto:a@example.com\x00", 20, 1, BadChar},
		"quote":            {"mailto:\"a\"@example.com", 7, 1, BadChar},
		"backslash":        {"https://example.com\\x", 19, 1, BadChar},
		"angle":            {"<mailto:a@example.com>", 0, 1, BadChar},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			at, n, p := Chars(tc.in)
			if p != tc.want || p != OK && (at != tc.at || n != tc.n) {
				t.Errorf("Chars(%q) = %d, %d, %v; want %d, %d, %v", tc.in, at, n, p, tc.at, tc.n, tc.want)
			}
		})
	}
}

func TestMailto(t *testing.T) {
	tests := map[string]struct {
		rest  string
		addrs int
		want  Problem
	}{
		"address":       {"reports@example.com", 1, OK},
		"two":           {"a@example.com%2Cb@example.net", 2, OK},
		"hfields":       {"a@example.com?subject=x", 1, OK},
		"encoded at":    {"a%40example.com", 1, OK},
		"quoted local":  {"%22a%20b%22@example.com", 1, OK},
		"literal":       {"a@[192.0.2.1]", 1, OK},
		"trailing dot":  {"a@example.com.", 1, OK},
		"IDN":           {"a@b%C3%BCcher.example", 1, OK},
		"empty":         {"", 0, NoAddress},
		"slashes":       {"//a@example.com", 0, SlashSlash},
		"no at":         {"example.com", 1, NoAt},
		"empty local":   {"@example.com", 1, EmptyLocal},
		"dot local":     {"a..b@example.com", 1, BadLocal},
		"empty domain":  {"a@", 1, EmptyDomain},
		"single label":  {"a@localhost", 1, NoDot},
		"empty label":   {"a@example..com", 1, EmptyLabel},
		"hyphen":        {"a@-x.example.com", 1, Hyphen},
		"underscore":    {"a@x_y.example.com", 1, HostChar},
		"IPv4 domain":   {"a@192.0.2.1", 1, IPLiteral},
		"second is bad": {"a@example.com,b", 2, NoAt},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			addrs, p := Mailto(tc.rest)
			if p != tc.want || len(addrs) != tc.addrs {
				t.Errorf("Mailto(%q) = %q, %v; want %d addresses, %v", tc.rest, addrs, p, tc.addrs, tc.want)
			}
		})
	}
}

func TestHTTPS(t *testing.T) {
	tests := map[string]struct {
		rest, host string
		want       Problem
	}{
		"host":        {"//Reports.Example.com/x", "reports.example.com", OK},
		"port":        {"//example.com:8443/x", "example.com", OK},
		"empty port":  {"//example.com:/x", "example.com", OK},
		"userinfo":    {"//u:p@example.com/", "example.com", OK},
		"query only":  {"//example.com?x", "example.com", OK},
		"no slashes":  {"example.com/x", "", NoAuthority},
		"empty host":  {"///x", "", NoHost},
		"bad port":    {"//example.com:99999/", "example.com", BadPort},
		"port sign":   {"//example.com:+80/", "example.com", BadPort},
		"IPv4":        {"//192.0.2.1/", "192.0.2.1", IPLiteral},
		"IPv6":        {"//[2001:db8::1]:443/", "[2001:db8::1]", IPLiteral},
		"open square": {"//[2001:db8::1/", "", HostChar},
		"percent":     {"//ex%41mple.com/", "ex%41mple.com", HostChar},
		"long label":  {"//" + strings.Repeat("a", 64) + ".com/", strings.Repeat("a", 64) + ".com", LabelLong},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			host, p := HTTPS(tc.rest)
			if p != tc.want || host != tc.host {
				t.Errorf("HTTPS(%q) = %q, %v; want %q, %v", tc.rest, host, p, tc.host, tc.want)
			}
		})
	}
}

// TestNames checks that every Problem has a name, a reason and comes back
// from its name.
func TestNames(t *testing.T) {
	for p := OK; p <= BadPort; p++ {
		if Named(p.String()) != p {
			t.Errorf("Named(%q) = %v, want %v", p.String(), Named(p.String()), p)
		}
		if p.Reason() == "" || p.String() == "" {
			t.Errorf("%d has no name or reason", p)
		}
	}
	if Named("nonsense") != BadChar {
		t.Error("an unknown name is not BadChar")
	}
}

func TestScheme(t *testing.T) {
	for in, want := range map[string]string{"mailto:a@b.c": "mailto", "HTTPS://x": "https", "a+b-c.d:x": "a+b-c.d",
		"a@b.c": "", ":x": "", "1a:x": "", "a b:x": ""} {
		got, _, ok := Scheme(in)
		if got != want || ok != (want != "") {
			t.Errorf("Scheme(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
