package spf

import (
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// want is one finding a case expects: its code, severity and the text at
// its span.
type want = explaintest.Want

// TestFindings pins what a finding is (code, severity, the bytes it points
// at) for records whose problem is decided without DNS; goldens pin how it
// reads. absent lists codes that must not fire.
func TestFindings(t *testing.T) {
	tests := map[string]struct {
		value, owner string
		want         []want
		absent       []string
	}{
		"include %{d}": {value: "v=spf1 include:%{d} -all",
			want: []want{{CodeIncludeSelf, explain.Error, "include:%{d}"}}},
		"include %{D} uppercase": {value: "v=spf1 ?include:%{D} -all", owner: "example.com.",
			want: []want{{CodeIncludeSelf, explain.Error, "?include:%{D}"}}},
		"redirect %{d}": {value: "v=spf1 ip4:192.0.2.1 redirect=%{d}",
			want: []want{{CodeRedirectSelf, explain.Error, "redirect=%{d}"}}},
		"redirect %{o}": {value: "v=spf1 redirect=%{o}",
			want: []want{{CodeRedirectSelf, explain.Error, "redirect=%{o}"}}},
		"include %{d} dot delimiter": {value: "v=spf1 include:%{d.} -all",
			want: []want{{CodeIncludeSelf, explain.Error, "include:%{d.}"}}},
		"include %{d2} with owner": {value: "v=spf1 include:%{d2} -all", owner: "example.com.",
			want: []want{{CodeIncludeSelf, explain.Error, "include:%{d2}"}}},
		"include %{d2} deeper owner": {value: "v=spf1 include:%{d2} -all", owner: "mail.example.com.",
			absent: []string{CodeIncludeSelf}},
		"include %{d2} no owner":  {value: "v=spf1 include:%{d2} -all", absent: []string{CodeIncludeSelf}},
		"include %{d1r} no owner": {value: "v=spf1 include:%{d1r} -all", absent: []string{CodeIncludeSelf}},
		"include %{dr} palindrome owner": {value: "v=spf1 include:%{dr} -all", owner: "a.b.a.",
			want: []want{{CodeIncludeSelf, explain.Error, "include:%{dr}"}}},
		"include %{d-} hyphenated owner": {value: "v=spf1 include:%{d-} -all", owner: "my-example.com.",
			absent: []string{CodeIncludeSelf}},
		"include %{d}.other":       {value: "v=spf1 include:%{d}.spf.example.net -all", absent: []string{CodeIncludeSelf}},
		"include %{o} transformed": {value: "v=spf1 include:%{o2} -all", absent: []string{CodeIncludeSelf}},
		"include literal owner": {value: "v=spf1 include:EXAMPLE.com. -all", owner: "example.com.",
			want: []want{{CodeIncludeSelf, explain.Error, "include:EXAMPLE.com."}}},
		"redirect literal owner": {value: "v=spf1 redirect=example.com", owner: "example.com.",
			want: []want{{CodeRedirectSelf, explain.Error, "redirect=example.com"}}},
		"ignored redirect is no loop": {value: "v=spf1 -all redirect=%{d}",
			want: []want{{CodeRedirectIgnored, explain.Warning, "redirect=%{d}"}}, absent: []string{CodeRedirectSelf}},
		"unreachable include is no loop": {value: "v=spf1 -all include:%{d}",
			want: []want{{CodeTermUnreachable, explain.Warning, "include:%{d}"}}, absent: []string{CodeIncludeSelf}},
		"exists %{d} is no loop": {value: "v=spf1 exists:%{d} a:%{d} -all", absent: []string{CodeIncludeSelf}},

		"dot after a macro": {value: "v=spf1 include:%{d}. -all",
			want: []want{{CodeDomainInvalid, explain.Error, "%{d}."}}, absent: []string{CodeIncludeSelf}},

		"include with =": {value: "v=spf1 include=_spf.example.net -all",
			want: []want{{CodeModifierMechanism, explain.Warning, "include=_spf.example.net"}}, absent: []string{CodeModifierUnknown}},
		"ip4 with =": {value: "v=spf1 IP4=192.0.2.1 -all",
			want: []want{{CodeModifierMechanism, explain.Warning, "IP4=192.0.2.1"}}},

		"address split off": {value: "v=spf1 ip4: 192.0.2.10 -all",
			want: []want{{CodeMechanismSyntax, explain.Error, "ip4:"}, {CodeMechanismUnknown, explain.Error, "192.0.2.10"}}},
		"prefix split off": {value: "v=spf1 ip4:192.0.2.0 /24 -all",
			want: []want{{CodeMechanismUnknown, explain.Error, "/24"}}},

		"qualifier on redirect": {value: "v=spf1 -redirect=x.example.com",
			want: []want{{CodeModifierQualifier, explain.Error, "-"}}},
		"qualifier on exp": {value: "v=spf1 -all ~exp=x.example.com",
			want: []want{{CodeModifierQualifier, explain.Error, "~"}}},
		"qualifier on unknown modifier": {value: "v=spf1 -all ?foo=bar",
			want: []want{{CodeModifierQualifier, explain.Error, "?"}}},

		"sender id v=": {value: "v=spf2.0/mfrom,pra include:spf.example.net -all",
			want: []want{{CodeVersionSenderID, explain.Error, "v=spf2.0/mfrom,pra"}}, absent: []string{CodeVersionInvalid}},
		"sender id bare": {value: "spf2.0/pra -all",
			want: []want{{CodeVersionSenderID, explain.Error, "spf2.0/pra"}}, absent: []string{CodeVersionInvalid}},
		"spf2 without scope": {value: "v=spf2 -all",
			want: []want{{CodeVersionInvalid, explain.Error, "v=spf2"}}, absent: []string{CodeVersionSenderID}},

		"ip4 with two prefix lengths": {value: "v=spf1 ip4:192.0.2.0/24/24 -all",
			want: []want{{CodeCIDRInvalid, explain.Error, "/24/24"}}, absent: []string{CodeIP4Invalid}},
		"ip4 with a slash after its length": {value: "v=spf1 ip4:192.0.2.0/24/ -all",
			want: []want{{CodeCIDRInvalid, explain.Error, "/24/"}}, absent: []string{CodeIP4Invalid}},
		"ip6 with two prefix lengths": {value: "v=spf1 ip6:2001:db8::/32/48 -all",
			want: []want{{CodeCIDRInvalid, explain.Error, "/32/48"}}, absent: []string{CodeIP6Invalid}},
		"includes joined by a comma": {value: "v=spf1 include:_spf.example.com,include:_spf.example.net -all",
			want: []want{{CodeDomainBadName, explain.Error, "_spf.example.com,include:_spf.example.net"}}},
		"includes joined by a semicolon": {value: "v=spf1 include:_spf.example.com;include:_spf.example.net -all",
			want: []want{{CodeDomainBadName, explain.Error, "_spf.example.com;include:_spf.example.net"}}},
		"comma in a macro domain": {value: "v=spf1 exists:%{i}.a,b.example.com -all", absent: []string{CodeDomainBadName}},
		"include twice": {value: "v=spf1 include:_spf.example.net ~include:_SPF.example.net -all",
			want: []want{{CodeTermDuplicate, explain.Warning, "~include:_SPF.example.net"}}},
		"mx twice": {value: "v=spf1 mx a mx -all",
			want: []want{{CodeTermDuplicate, explain.Warning, "mx"}}},
		"a with other lengths is no duplicate": {value: "v=spf1 a a/24 -all", absent: []string{CodeTermDuplicate}},
		"ip4 twice costs nothing":              {value: "v=spf1 ip4:192.0.2.1 ip4:192.0.2.1 -all", absent: []string{CodeTermDuplicate}},
		"leading tab": {value: "\tv=spf1 -all",
			want: []want{{CodeVersionLeadingSpace, explain.Error, "\t"}}, absent: []string{CodeRecordIllegalChar}},
		"leading no-break space": {value: "\u00a0v=spf1 -all",
			want: []want{{CodeVersionLeadingSpace, explain.Error, "\u00a0"}}, absent: []string{CodeRecordIllegalChar}},
		"leading tab before a glued version": {value: "\tv=spf1a -all",
			want: []want{{CodeRecordIllegalChar, explain.Error, "\t"}, {CodeVersionGlued, explain.Error, "v=spf1a"}}},
		"tab after the version": {value: "v=spf1\ta -all",
			want: []want{{CodeRecordIllegalChar, explain.Error, "\t"}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{Owner: tc.owner})
			explaintest.Check(t, rec, tc.value, tc.want, tc.absent)
		})
	}
}

// TestFindingMessages pins what a finding's message says where a wrong one
// would mislead: the first finding with code says want (and not notWant),
// and cites ref when ref is set.
func TestFindingMessages(t *testing.T) {
	// A tab or line break right after "v=spf1" means the value does not
	// begin with "v=spf1" and a space, so receivers ignore it (RFC 7208
	// §4.5: no SPF record, not a permerror).
	const ignored = "so they ignore this one"
	tests := map[string]struct{ value, code, want, notWant, ref string }{
		"tab after the version":        {"v=spf1\ta -all", CodeRecordIllegalChar, ignored, "permerror", "RFC 7208 §4.5"},
		"line break after the version": {"V=SPF1\n-all", CodeRecordIllegalChar, ignored, "permerror", "RFC 7208 §4.5"},
		"CR LF after the version":      {"v=spf1\r\n", CodeRecordIllegalChar, ignored, "permerror", "RFC 7208 §4.5"},
		"tab between terms":            {"v=spf1 a\t-all", CodeRecordIllegalChar, "permerror", "", "RFC 7208 §4.6.1"},

		"ip4 with three parts": {"v=spf1 ip4:192.0.2 -all", CodeIP4Invalid, "cannot be left out", "", ""},
		"ip4 with five parts":  {"v=spf1 ip4:192.0.2.1.5 -all", CodeIP4Invalid, "exactly four", "left out", ""},
		"ip4 part over 255":    {"v=spf1 ip4:192.0.2.256 -all", CodeIP4Invalid, `"256"`, "", ""},

		// "+-all" is a stray qualifier: the fix is to drop it, not to write
		// "+ -all" (a lone qualifier, itself an error).
		"two qualifiers +-all": {"v=spf1 mx +-all", CodeAllGlued, `Keep one: "-all"`, "Insert a space", ""},
		"two qualifiers ~-all": {"v=spf1 mx ~-all", CodeAllGlued, `Keep one: "-all"`, "Insert a space", ""},
		// "all" takes no argument (RFC 7208 §5.1), so "all:x" is no fix.
		"all=x": {"v=spf1 mx all=x", CodeModifierMechanism, "takes no value", "all:x", ""},
		// dual-cidr-length: the IPv4 length first (RFC 7208 §12).
		// An IPv4-mapped network keeps its length: /120 is an IPv4 /24.
		"ipv4-mapped address":    {"v=spf1 ip6:::ffff:192.0.2.1 -all", CodeIP6IPv4Mapped, `Write "ip4:192.0.2.1" instead`, "", ""},
		"ipv4-mapped network":    {"v=spf1 ip6:::ffff:192.0.2.0/120 -all", CodeIP6IPv4Mapped, `Write "ip4:192.0.2.0/24" instead`, "", ""},
		"ipv4-mapped /96":        {"v=spf1 ip6:::ffff:0:0/96 -all", CodeIP6IPv4Mapped, `Write "ip4:0.0.0.0/0" instead`, "", ""},
		"wider than ipv4-mapped": {"v=spf1 ip6:::ffff:0:0/64 -all", CodeIP6IPv4Mapped, "ip4", `"ip4:0.0.0.0"`, ""},
		"terms joined by a comma": {"v=spf1 include:_spf.example.com,ip4:192.0.2.1 -all", CodeDomainInvalid,
			`for the whole record`, "top-level label", ""},
		"includes joined by a comma": {"v=spf1 include:_spf.example.com,include:_spf.example.net -all", CodeDomainBadName,
			`makes include a permerror`, "can never be looked up", ""},
		"dual CIDR in the wrong order": {"v=spf1 a//64/24 -all", CodeMechanismSyntax, `write "a/24//64"`, "", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{})
			i := slices.IndexFunc(rec.Findings, func(f explain.Finding) bool { return f.Code == tc.code })
			if i < 0 {
				t.Fatalf("no %s in %+v", tc.code, rec.Findings)
			}
			f := rec.Findings[i]
			if !strings.Contains(f.Message, tc.want) || tc.notWant != "" && strings.Contains(f.Message, tc.notWant) {
				t.Errorf("%s message = %q, want %q and not %q", tc.code, f.Message, tc.want, tc.notWant)
			}
			if tc.ref != "" && f.Ref != tc.ref {
				t.Errorf("%s ref = %q, want %q", tc.code, f.Ref, tc.ref)
			}
		})
	}
}
