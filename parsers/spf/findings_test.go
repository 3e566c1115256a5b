package spf

import (
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
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{Owner: tc.owner})
			explaintest.Check(t, rec, tc.value, tc.want, tc.absent)
		})
	}
}
