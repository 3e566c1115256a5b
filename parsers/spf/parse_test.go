package spf

import (
	"testing"

	"github.com/mxplain/mxplain/internal/ipaddr"
)

// syntaxCases are the records of the RFC 7208 test suite
// (testdata/spf/rfc7208-tests.yml) whose result depends on syntax, with what
// RFC 7208 makes of them: selected (it is an SPF record at all) and permerror
// (a syntax error anywhere, §4.6).
var syntaxCases = map[string]struct {
	record    string
	selected  bool
	permerror bool
}{
	"non-ascii-policy":        {"v=spf1 a:\xef\xbb\xbfgarbage.example.net -all", true, true},
	"non-ascii-mech":          {"v=spf1 \x80a:example.net -all", true, true},
	"non-ascii-result":        {"v=spf1 a:example.net \x96all", true, true},
	"control-char-policy":     {"v=spf1 a:ctrl.example.com\rptr -all", true, true},
	"two-spaces":              {"v=spf1 a  -all", true, false},
	"trailing-space":          {"v=spf1 a -all ", true, false},
	"null-text":               {"v=spf1 ip4:192.0.2.5 -all", true, false},
	"badip4":                  {"v=spf1 ip4:192.0.2.5\n include:spf.protection.outlook.com ~all", true, true},
	"nospace1":                {"v=spf1mx", false, false},
	"empty":                   {"v=spf1", true, false},
	"nospace2":                {"v=spf10", false, false},
	"case-insensitive":        {"v=SpF1 ~all", true, false},
	"spf3":                    {"v=spf3 !a:yahoo.com -all", false, false},
	"spfl":                    {"v=spfl am not an SPF record", false, false},
	"detect-errors-anywhere":  {"v=spf1 ip4:1.2.3.4 -all moo", true, true},
	"modifier-charset-good":   {"v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all", true, false},
	"modifier-charset-bad1":   {"v=spf1 moo.cow/far_out=man:dog/cat ip4:1.2.3.4 -all", true, true},
	"modifier-charset-bad2":   {"v=spf1 moo.cow:far_out=man:dog/cat ip4:1.2.3.4 -all", true, true},
	"redirect-after-mechs":    {"v=spf1 redirect=t5.example.com ~all", true, false},
	"redirect-is-modifier":    {"v=spf1 ip4:1.2.3.4 redirect:t2.example.com", true, true},
	"invalid-domain":          {"v=spf1 a:foo-bar -all", true, true},
	"invalid-domain-empty":    {"v=spf1 a:mail.example...com -all", true, false},
	"invalid-domain-long":     {"v=spf1 a:a123456789012345678901234567890123456789012345678901234567890123.example.com -all", true, false},
	"invalid-domain-macro":    {"v=spf1 a:%{H}.bar -all", true, false},
	"all-dot":                 {"v=spf1 -all.", true, true},
	"all-arg":                 {"v=spf1 -all:foobar", true, true},
	"all-cidr":                {"v=spf1 -all/8", true, true},
	"all-neutral":             {"v=spf1 ?all", true, false},
	"all-double":              {"v=spf1 all -all", true, false},
	"ptr-cidr":                {"v=spf1 ptr/0 -all", true, true},
	"ptr-match-target":        {"v=spf1 ptr:example.com -all", true, false},
	"ptr-empty-domain":        {"v=spf1 ptr:", true, true},
	"ptr-case-change":         {"v=spf1 ptr:example.Com -all", true, false},
	"a-cidr4-0":               {"v=spf1 a/0 -all", true, false},
	"a-cidr6-0":               {"v=spf1 a//0 -all", true, false},
	"a-null":                  {"v=spf1 a:foo.example.com\x00", true, true},
	"a-numeric":               {"v=spf1 a:111.222.33.44", true, true},
	"a-numeric-toplabel":      {"v=spf1 a:abc.123", true, true},
	"a-only-toplabel":         {"v=spf1 a:museum", true, true},
	"a-only-toplabel-dot":     {"v=spf1 a:museum.", true, true},
	"a-cidr6":                 {"v=spf1 a//33 -all", true, false},
	"a-bad-cidr4":             {"v=spf1 a/33 -all", true, true},
	"a-bad-cidr6":             {"v=spf1 a//129 -all", true, true},
	"a-dual-cidr-ip4-match":   {"v=spf1 a/24//64 -all", true, false},
	"a-dual-cidr-ip4-err":     {"v=spf1 a/24/64 -all", true, true},
	"a-dual-cidr-ip4-default": {"v=spf1 a/24 -all", true, false},
	"a-dual-cidr-ip6-default": {"v=spf1 a//64 -all", true, false},
	"a-bad-domain":            {"v=spf1 a:example.com:8080", true, true},
	"a-multi-ip":              {"v=spf1 a:foo.example.com/24", true, false},
	"a-colon-domain":          {"v=spf1 a:foo:bar/baz.example.com", true, false},
	"a-bad-toplab":            {"v=spf1 a:example.-com", true, true},
	"a-empty-domain":          {"v=spf1 a:", true, true},
	"a-dash-in-toplabel":      {"v=spf1 a:foo.example.xn--zckzah -all", true, false},
	"include-syntax-error":    {"v=spf1 include +all", true, true},
	"include-empty-domain":    {"v=spf1 include: -all", true, true},
	"include-cidr":            {"v=spf1 include:ip5.example.com/24 -all", true, true},
	"include-ok":              {"v=spf1 include:ip5.example.com ~all", true, false},
	"mx-cidr6":                {"v=spf1 mx//33 -all", true, false},
	"mx-bad-cidr4":            {"v=spf1 mx/33 -all", true, true},
	"mx-bad-cidr6":            {"v=spf1 mx//129 -all", true, true},
	"mx-null":                 {"v=spf1 mx:foo.example.com\x00", true, true},
	"mx-numeric-top-label":    {"v=spf1 mx:abc.123", true, true},
	"mx-bad-domain":           {"v=spf1 mx:example.com:8080", true, true},
	"mx-multi-ip":             {"v=spf1 mx:foo.example.com/24", true, false},
	"mx-colon-domain":         {"v=spf1 mx:foo:bar/baz.example.com", true, false},
	"mx-bad-toplab":           {"v=spf1 mx:example.-com", true, true},
	"mx-empty-domain":         {"v=spf1 mx: -all", true, true},
	"exists-empty-domain":     {"v=spf1 exists:", true, true},
	"exists-implicit":         {"v=spf1 exists", true, true},
	"exists-cidr":             {"v=spf1 exists:mail.example.com/24", true, true},
	"exists-ok":               {"v=spf1 exists:mail.example.com", true, false},
	"cidr4-0":                 {"v=spf1 ip4:1.1.1.1/0 -all", true, false},
	"cidr4-32":                {"v=spf1 ip4:1.2.3.4/32 -all", true, false},
	"cidr4-33":                {"v=spf1 ip4:1.2.3.4/33 -all", true, true},
	"cidr4-032":               {"v=spf1 ip4:1.2.3.4/032 -all", true, true},
	"bare-ip4":                {"v=spf1 ip4", true, true},
	"ip4-dual-cidr":           {"v=spf1 ip4:1.2.3.4//32", true, true},
	"ip4-mapped-ip6":          {"v=spf1 -ip4:1.2.3.4 ip6:::FFFF:1.2.3.4", true, false},
	"bad-ip4-port":            {"v=spf1 ip4:1.2.3.4:8080", true, true},
	"bad-ip4-short":           {"v=spf1 ip4:1.2.3", true, true},
	"bare-ip6":                {"v=spf1 -all ip6", true, true},
	"cidr6-0":                 {"v=spf1 ip6:::1.1.1.1/0", true, false},
	"cidr6-129":               {"v=spf1 ip6:::1.1.1.1/129", true, true},
	"cidr6-bad":               {"v=spf1 ip6:::1.1.1.1//33", true, true},
	"cidr6-33":                {"v=spf1 ip6:Cafe:Babe:8000::/33", true, false},
	"ip6-bad1":                {"v=spf1 ip6::CAFE::BABE", true, true},
	"invalid-modifier":        {"v=spf1 1up=foo", true, true},
	"empty-modifier-name":     {"v=spf1 =all", true, true},
	"exp-empty-domain":        {"v=spf1 exp= -all", true, true},
	"exp-syntax-error":        {"v=spf1 exp=-all", true, true},
	"redirect-syntax-error":   {"v=spf1 redirect=-all ?all", true, true},
	"redirect-empty-domain":   {"v=spf1 ?all redirect=", true, true},
	"exp-twice":               {"v=spf1 exp=e13msg.example.com -all exp=e11msg.example.com", true, true},
	"redirect-twice":          {"v=spf1 redirect=e12.example.com -all redirect=e12.example.com", true, true},
	"unknown-modifier-syntax": {"v=spf1 -all foo=%abc", true, true},
	"default-modifier":        {"v=spf1 default=pass", true, false},
	"default-modifier2":       {"v=spf1 default=+", true, false},
	"exp-ok":                  {"v=spf1 include:e3.example.com -all exp=exp3.example.com", true, false},
	"trailing-dot-domain":     {"v=spf1 redirect=%{d}.d.spf.example.com.", true, false},
	"trailing-dot-include":    {"v=spf1 include:o.spf.example.com. ~all", true, false},
	"exp-only-macro-char":     {"v=spf1 -all exp=%{r}.example.com", true, true},
	"invalid-macro-char":      {"v=spf1 -exists:%(ir).sbl.example.com ?all", true, true},
	"invalid-embedded-macro":  {"v=spf1 exists:foo%(ir).sbl.example.com ?all", true, true},
	"invalid-trailing-macro":  {"v=spf1 exists:foo%.sbl.example.com ?all", true, true},
	"macro-mania-in-domain":   {"v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all", true, false},
	"exp-txt-macro-char":      {"v=spf1 -all exp=%{ir}.example.com", true, false},
	"domain-name-truncation":  {"v=spf1 -all exp=foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com", true, false},
	"undef-macro":             {"v=spf1 a:%{a}.example.com -all", true, true},
	"p-macro-multiple":        {"v=spf1 exists:%{p}.should.example.com ~exists:%{p}.ok.example.com", true, false},
	"upper-macro":             {"v=spf1 -all exp=msg8.%{D2}", true, false},
	"hello-macro":             {"v=spf1 a:%{H} -all", true, false},
	"require-valid-helo":      {"v=spf1 -include:_spfh.%{d2} ip4:1.2.3.0/24 -all", true, false},
	"require-valid-helo2":     {"v=spf1 -a:%{h} +all", true, false},
	"macro-split-on-dash":     {"v=spf1 exists:%{i}.%{l2r-}.user.%{d2}", true, false},
	"macro-multiple-delims":   {"v=spf1 exists:%{l2r+-}.user.%{d2}", true, false},
	"mech-over-limit":         {"v=spf1 a mx a mx a mx a mx a ptr a ip4:1.2.3.4 -all", true, false},
	"cname-aliasing":          {"v=spf1 ip4:192.0.2.225 ?include:webmail.pair.com ?include:relay.pair.com -all", true, false},
	"bytes-bug":               {"v=spf1 ptr:fe.example.org ptr:sgp.example.com exp=_expspf.example.org -all", true, false},
}

func TestParseSuiteSyntax(t *testing.T) {
	for name, tc := range syntaxCases {
		t.Run(name, func(t *testing.T) {
			rec, findings := Parse(tc.record)
			if rec.Selected != tc.selected {
				t.Errorf("Selected = %v, want %v", rec.Selected, tc.selected)
			}
			if IsSPF(tc.record) != tc.selected {
				t.Errorf("IsSPF = %v, want %v", IsSPF(tc.record), tc.selected)
			}
			if tc.selected && rec.PermError() != tc.permerror {
				t.Errorf("PermError = %v, want %v; findings: %+v", rec.PermError(), tc.permerror, findings)
			}
		})
	}
}

func TestParseTerms(t *testing.T) {
	tests := map[string]struct {
		value string
		want  Term
	}{
		"ip4 network": {"v=spf1 -ip4:192.0.2.0/24", Term{Kind: KindIP4, Qualifier: QualifierFail, Network: ipaddr.MustParsePrefix("192.0.2.0/24"), IP4CIDR: 24, IP6CIDR: NoCIDR}},
		"ip4 host":    {"v=spf1 ip4:192.0.2.1", Term{Kind: KindIP4, Qualifier: QualifierPass, Network: ipaddr.MustParsePrefix("192.0.2.1/32"), IP4CIDR: NoCIDR, IP6CIDR: NoCIDR}},
		"ip4 masked":  {"v=spf1 ip4:192.0.2.77/24", Term{Kind: KindIP4, Qualifier: QualifierPass, Network: ipaddr.MustParsePrefix("192.0.2.0/24"), IP4CIDR: 24, IP6CIDR: NoCIDR}},
		"ip6":         {"v=spf1 ~ip6:2001:DB8::/32", Term{Kind: KindIP6, Qualifier: QualifierSoftfail, Network: ipaddr.MustParsePrefix("2001:db8::/32"), IP4CIDR: NoCIDR, IP6CIDR: 32}},
		"a dual":      {"v=spf1 a:mail.example.com/24//64", Term{Kind: KindA, Qualifier: QualifierPass, DomainSpec: "mail.example.com", IP4CIDR: 24, IP6CIDR: 64}},
		"mx v6 only":  {"v=spf1 ?MX//48", Term{Kind: KindMX, Qualifier: QualifierNeutral, IP4CIDR: NoCIDR, IP6CIDR: 48}},
		"include":     {"v=spf1 include:_spf.google.com", Term{Kind: KindInclude, Qualifier: QualifierPass, DomainSpec: "_spf.google.com", IP4CIDR: NoCIDR, IP6CIDR: NoCIDR}},
		"redirect":    {"v=spf1 Redirect=_spf.example.com", Term{Kind: KindRedirect, DomainSpec: "_spf.example.com", ModifierValue: "_spf.example.com", IP4CIDR: NoCIDR, IP6CIDR: NoCIDR}},
		"unknown mod": {"v=spf1 ra=postmaster", Term{Kind: KindUnknownModifier, ModifierValue: "postmaster", IP4CIDR: NoCIDR, IP6CIDR: NoCIDR}},
		"colon in a":  {"v=spf1 a:foo:bar/baz.example.com", Term{Kind: KindA, Qualifier: QualifierPass, DomainSpec: "foo:bar/baz.example.com", IP4CIDR: NoCIDR, IP6CIDR: NoCIDR}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec, _ := Parse(tc.value)
			if len(rec.Terms) != 1 {
				t.Fatalf("got %d terms, want 1", len(rec.Terms))
			}
			got := rec.Terms[0]
			if got.Kind != tc.want.Kind || got.Qualifier != tc.want.Qualifier || got.DomainSpec != tc.want.DomainSpec ||
				got.Network != tc.want.Network || got.IP4CIDR != tc.want.IP4CIDR || got.IP6CIDR != tc.want.IP6CIDR ||
				got.ModifierValue != tc.want.ModifierValue {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			if rec.Value[got.Span.Start():got.Span.End()] != got.Text {
				t.Errorf("span %v does not cover %q", got.Span, got.Text)
			}
		})
	}
}

func TestLookups(t *testing.T) {
	tests := map[string]struct {
		value string
		want  int
	}{
		"none":            {"v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 -all exp=x.example.com", 0},
		"each kind":       {"v=spf1 a mx ptr include:x.example.com exists:%{i}.example.com -all", 5},
		"redirect":        {"v=spf1 a redirect=x.example.com", 2},
		"after all":       {"v=spf1 -all a mx", 0},
		"redirect w/ all": {"v=spf1 a -all redirect=x.example.com", 1},
		"over":            {"v=spf1 a mx a mx a mx a mx a ptr a -all", 11},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec, _ := Parse(tc.value)
			if rec.Lookups() != tc.want {
				t.Errorf("Lookups() = %d, want %d", rec.Lookups(), tc.want)
			}
		})
	}
}
