package spf

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, records and the
// value their fixes make of them (explain.ApplyFixes and Explain again,
// until no fix applies; slots stay as written).
var fixCases = map[string][]explaintest.FixCase{
	CodeVersionMissing:      {{"include:_spf.google.com -all", "v=spf1 include:_spf.google.com -all"}},
	CodeVersionInvalid:      {{"v=spf2 mx -all", "v=spf1 mx -all"}, {"spf1 mx -all", "v=spf1 mx -all"}, {"v=spf10 mx -all", "v=spf1 mx -all"}},
	CodeVersionGlued:        {{"v=spf1a mx -all", "v=spf1 a mx -all"}, {"v=spf1include:_spf.google.com ~all", "v=spf1 include:_spf.google.com ~all"}},
	CodeVersionLeadingSpace: {{" \tv=spf1 mx -all", "v=spf1 mx -all"}},
	CodeVersionNotFirst:     {{"include:_spf.google.com V=SPF1 -all", "V=SPF1 include:_spf.google.com -all"}},
	CodeVersionRepeated: {
		{"v=spf1 include:_spf.google.com ~all v=spf1 include:sendgrid.net -all", "v=spf1 include:_spf.google.com include:sendgrid.net ~all"},
		// Not two whole records: the repeat is deleted.
		{"v=spf1 mx v=spf1 a -all", "v=spf1 mx a -all"},
	},
	CodeRecordIllegalChar: {
		{"v=spf1 mx\t-all", "v=spf1 mx -all"},
		{"v=spf1\u00a0mx -all", "v=spf1 mx -all"},
		{"v=spf1 mx \u2013all", "v=spf1 mx -all"},
		{"v=spf1 a:\ufeffmail.example.net -all", "v=spf1 a:mail.example.net -all"},
	},
	CodeTermEmpty:        {{"v=spf1 mx - all", "v=spf1 mx -all"}},
	CodeTermUnreachable:  {{"v=spf1 -all include:_spf.google.com mx exp=why.example.com", "v=spf1 -all exp=why.example.com"}},
	CodeTermDuplicate:    {{"v=spf1 mx a mx include:x.example mx -all", "v=spf1 mx a include:x.example -all"}},
	CodeMechanismUnknown: {{"v=spf1 ipv4:192.0.2.1 inlcude:_spf.google.com a, ~al", "v=spf1 ip4:192.0.2.1 include:_spf.google.com a ~all"}, {"v=spf1 mx redirect:_spf.example.net", "v=spf1 mx redirect=_spf.example.net"}, {"v=spf1 ip4:192.0.2.0 /24 -all", "v=spf1 ip4:192.0.2.0/24 -all"}},
	CodeMechanismSyntax: {
		{"v=spf1 mx -all:x", "v=spf1 mx -all"},
		{"v=spf1 a//64/24 -all", "v=spf1 a/24//64 -all"},
		{"v=spf1 ip4 -all", "v=spf1 ip4:{{ipv4}} -all"},
		{"v=spf1 ip6: -all", "v=spf1 ip6:{{ipv6}} -all"},
		{"v=spf1 ip4: 192.0.2.10 -all", "v=spf1 ip4:192.0.2.10 -all"},
	},
	CodeAllGlued:          {{"v=spf1 ip4:192.0.2.1~all", "v=spf1 ip4:192.0.2.1 ~all"}, {"v=spf1 mx +-all", "v=spf1 mx -all"}},
	CodeDomainMissing:     {{"v=spf1 a: mx: -all", "v=spf1 a:{{host}} mx -all"}},
	CodeDomainInvalid:     {{"v=spf1 mx:example.com:8080 include:_spf.example.com/24 a:192.0.2.1 exists:%{d}. -all", "v=spf1 mx:example.com include:_spf.example.com ip4:192.0.2.1 exists:%{d} -all"}},
	CodeDomainBadName:     {{"v=spf1 include:_spf.example.com,include:_spf.example.net -all", "v=spf1 include:_spf.example.com include:_spf.example.net -all"}},
	CodeIP4Invalid:        {{"v=spf1 ip4:192.0.2.1:25 ip4:192.0.02.1/32 ip4:mail.example.net ip4:192.0.2.256 -all", "v=spf1 ip4:192.0.2.1 ip4:192.0.2.1/32 a:mail.example.net ip4:{{ipv4}} -all"}},
	CodeIP4Placeholder:    {{"v=spf1 ip4:abc.d.efg.h include:_spf.google.com -all", "v=spf1 ip4:{{ipv4}} include:_spf.google.com -all"}},
	CodeIP4IsIPv6:         {{"v=spf1 ~ip4:2001:db8::/32 -all", "v=spf1 ~ip6:2001:db8::/32 -all"}},
	CodeIP6Invalid:        {{"v=spf1 ip6:fe80::1%eth0 ip6:2001:db8:::1 -all", "v=spf1 ip6:fe80::1 ip6:{{ipv6}} -all"}},
	CodeIP6IsIPv4:         {{"v=spf1 ip6:192.0.2.1 -all", "v=spf1 ip4:192.0.2.1 -all"}},
	CodeIP6IPv4Mapped:     {{"v=spf1 ip6:::ffff:192.0.2.0/120 -all", "v=spf1 ip4:192.0.2.0/24 -all"}},
	CodeCIDRInvalid:       {{"v=spf1 ip4:192.0.2.0/024 ip4:198.51.100.0/ a/24/64 -all", "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.0 a/24//64 -all"}},
	CodeCIDRHostBits:      {{"v=spf1 ip4:198.51.100.77/24 ip6:2001:db8::1/32 -all", "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all"}},
	CodePTRDiscouraged:    {{"v=spf1 ptr mx ptr:example.net -all", "v=spf1 mx -all"}, {"v=spf1 ptr", "v=spf1 ~all"}},
	CodeAllPass:           {{"v=spf1 mx all", "v=spf1 mx ~all"}, {"v=spf1 +all", "v=spf1 ~all"}},
	CodeAllNeutral:        {{"v=spf1 mx ?all", "v=spf1 mx ~all"}},
	CodeAllMissing:        {{"v=spf1 mx", "v=spf1 mx ~all"}, {"v=spf1 mx\t", "v=spf1 mx ~all "}},
	CodeRedirectIgnored:   {{"v=spf1 mx redirect=_spf.example.net -all", "v=spf1 mx -all"}},
	CodeRedirectNotLast:   {{"v=spf1 redirect=_spf.example.net mx exp=why.example.com", "v=spf1 mx exp=why.example.com redirect=_spf.example.net"}},
	CodeModifierDuplicate: {{"v=spf1 mx redirect=_spf.example.net REDIRECT=_spf.example.net", "v=spf1 mx redirect=_spf.example.net"}},
	CodeModifierQualifier: {{"v=spf1 mx -redirect=_spf.example.net", "v=spf1 mx redirect=_spf.example.net"}},
	CodeModifierMechanism: {{"v=spf1 include=_spf.example.net ip4=192.0.2.1 -all", "v=spf1 include:_spf.example.net ip4:192.0.2.1 -all"}},
	CodeModifierUnknown:   {{"v=spf1 mx redirct=_spf.example.net", "v=spf1 mx redirect=_spf.example.net"}},
}

// TestFixes checks the value the fixes make of each of fixCases, and that
// a fix of the case's code was among them.
func TestFixes(t *testing.T) {
	explaintest.CheckFixCases(t, fixCases, func(v string) explain.Record { return Explain(v, explain.Context{Owner: goldenOwner}) })
}

// TestFixesInGoldens checks that every code of fixCases shows a fix in a
// golden file, as every code shows its message there, and that no other
// code does.
func TestFixesInGoldens(t *testing.T) {
	var recs []explain.Record
	for _, v := range goldenInputs(t) {
		recs = append(recs, Explain(v, explain.Context{Owner: goldenOwner}))
	}
	explaintest.CheckFixesShown(t, fixCases, recs)
}
