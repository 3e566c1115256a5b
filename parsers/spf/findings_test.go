package spf

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// want is one finding a case expects: its code, severity and the text at
// its span (explaintest.Want's fields).
type want struct {
	Code string
	Sev  explain.Severity
	Text string
}

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

// TestSeparatorAfterVersion: a tab or line break right after "v=spf1" means
// the value does not begin with "v=spf1" and a space, so receivers ignore it
// (RFC 7208 §4.5: no SPF record, not a permerror); the finding says so.
func TestSeparatorAfterVersion(t *testing.T) {
	for _, v := range []string{"v=spf1\ta -all", "V=SPF1\n-all", "v=spf1\r\n"} {
		t.Run(v, func(t *testing.T) {
			rec := Explain(v, explain.Context{})
			if len(rec.Findings) == 0 || rec.Findings[0].Code != CodeRecordIllegalChar {
				t.Fatalf("findings = %+v, want %s first", rec.Findings, CodeRecordIllegalChar)
			}
			if ref := rec.Findings[0].Ref; ref != "RFC 7208 §4.5" {
				t.Errorf("ref = %q, want RFC 7208 §4.5 (selecting records)", ref)
			}
			m := rec.Findings[0].Message
			if strings.Contains(m, "permerror") || !strings.Contains(m, "ignore") {
				t.Errorf("message = %q, want it to say receivers ignore the record, not permerror", m)
			}
		})
	}
}

// TestIP4InvalidMessage: the reason an ip4 value is not an address names
// what is wrong with it.
func TestIP4InvalidMessage(t *testing.T) {
	tests := map[string]struct{ value, want, notWant string }{
		"three parts": {"v=spf1 ip4:192.0.2 -all", "cannot be left out", ""},
		"five parts":  {"v=spf1 ip4:192.0.2.1.5 -all", "exactly four", "left out"},
		"part > 255":  {"v=spf1 ip4:192.0.2.256 -all", `"256"`, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{})
			var msg string
			for _, f := range rec.Findings {
				if f.Code == CodeIP4Invalid {
					msg = f.Message
				}
			}
			if !strings.Contains(msg, tc.want) || tc.notWant != "" && strings.Contains(msg, tc.notWant) {
				t.Errorf("%s message = %q, want %q and not %q", CodeIP4Invalid, msg, tc.want, tc.notWant)
			}
		})
	}
}

// TestAllGluedToQualifier: "+-all" is a stray qualifier before "-all"; the
// fix is to drop it, not to write "+ -all" (a lone qualifier, itself an
// error).
func TestAllGluedToQualifier(t *testing.T) {
	for _, v := range []string{"v=spf1 mx +-all", "v=spf1 mx ~-all"} {
		t.Run(v, func(t *testing.T) {
			rec := Explain(v, explain.Context{})
			var msg string
			for _, f := range rec.Findings {
				if f.Code == CodeAllGlued {
					msg = f.Message
				}
			}
			if !strings.Contains(msg, `"-all"`) || strings.Contains(msg, "Insert a space") {
				t.Errorf("%s message = %q, want it to say to keep only \"-all\"", CodeAllGlued, msg)
			}
		})
	}
}

// TestModifierMechanismAll: "all=x" is not fixed by "all:x" ("all" takes no
// argument, RFC 7208 §5.1).
func TestModifierMechanismAll(t *testing.T) {
	rec := Explain("v=spf1 mx all=x", explain.Context{})
	for _, f := range rec.Findings {
		if f.Code == CodeModifierMechanism {
			if strings.Contains(f.Message, "all:x") || !strings.Contains(f.Message, "takes no value") {
				t.Errorf("message = %q, want it to say all takes no value", f.Message)
			}
			return
		}
	}
	t.Fatalf("no %s in %+v", CodeModifierMechanism, rec.Findings)
}

// TestDualCIDRInTheWrongOrder: "a//64/24" is fixed by "a/24//64" (RFC 7208
// §12's dual-cidr-length: the IPv4 length first).
func TestDualCIDRInTheWrongOrder(t *testing.T) {
	rec := Explain("v=spf1 a//64/24 -all", explain.Context{})
	for _, f := range rec.Findings {
		if f.Code == CodeMechanismSyntax {
			if !strings.Contains(f.Message, `write "a/24//64"`) {
				t.Errorf("message = %q, want it to say write \"a/24//64\"", f.Message)
			}
			return
		}
	}
	t.Fatalf("no %s in %+v", CodeMechanismSyntax, rec.Findings)
}
