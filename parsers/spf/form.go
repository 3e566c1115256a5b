package spf

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Form is the record builder's form for an SPF record: who sends the
// domain's mail (its MX hosts, its own address, networks, providers'
// includes) and what receivers should do with mail from anyone else.
var Form = explain.Form{
	Type: explain.TypeSPF,
	Fields: []explain.FormField{
		{Name: "include", Label: "Providers that send your mail", Input: explain.InputList, Ref: "RFC 7208 §5.2",
			Help:        "Each provider's include: authorises the servers its own SPF record lists; each costs at least one of the 10 DNS lookups a receiver allows.",
			Placeholder: "_spf.example.net",
			Choices:     providers},
		{Name: "ip4", Label: "IPv4 addresses or networks", Input: explain.InputList, Ref: "RFC 7208 §5.6",
			Help: "Your own servers that send mail; an address, or a network such as 192.0.2.0/24. Costs no lookup.", Placeholder: "192.0.2.10"},
		{Name: "ip6", Label: "IPv6 addresses or networks", Input: explain.InputList, Ref: "RFC 7208 §5.6",
			Help: "As above, for IPv6 (2001:db8::/32).", Placeholder: "2001:db8::10"},
		{Name: "mx", Label: "The domain's MX hosts send mail", Input: explain.InputFlag, Ref: "RFC 7208 §5.4",
			Help: "mx: the servers that receive the domain's mail may send it too (one lookup, plus one per MX host)."},
		{Name: "a", Label: "The domain's own address sends mail", Input: explain.InputFlag, Ref: "RFC 7208 §5.3",
			Help: "a: the domain's A and AAAA addresses may send its mail (one lookup)."},
		{Name: "all", Label: "Mail from any other server", Input: explain.InputChoice, Ref: "RFC 7208 §5.1", Default: "~",
			Help: "What the record says of every other sender. ~all (softfail) while you are still finding your senders; -all (fail) once the list is complete. DMARC acts on either the same way.",
			Choices: []explain.Choice{
				{Value: "~", Label: "~all: softfail, probably not ours"},
				{Value: "-", Label: "-all: fail, not ours"},
				{Value: "?", Label: "?all: neutral, no opinion"},
			}},
	},
	Build: buildSPF,
}

// providers are includes of well-known mail providers, offered by the
// builder as suggestions; each is the name its provider documents.
var providers = []explain.Choice{
	{Value: "_spf.google.com", Label: "Google Workspace"},
	{Value: "spf.protection.outlook.com", Label: "Microsoft 365"},
	{Value: "amazonses.com", Label: "Amazon SES"},
	{Value: "sendgrid.net", Label: "SendGrid"},
	{Value: "mailgun.org", Label: "Mailgun"},
	{Value: "spf.mandrillapp.com", Label: "Mailchimp Transactional (Mandrill)"},
	{Value: "spf.mtasv.net", Label: "Postmark"},
	{Value: "spf.messagingengine.com", Label: "Fastmail"},
	{Value: "_spf.protonmail.ch", Label: "Proton Mail"},
	{Value: "zoho.com", Label: "Zoho Mail"},
}

// buildSPF writes the record Form's values say: addresses first (they
// cost no lookup), then a, mx and the includes, then all.
func buildSPF(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	terms := []string{"v=spf1"}
	for _, name := range []string{"ip4", "ip6"} {
		for _, s := range v.List(name) {
			terms = append(terms, name+":"+explain.TrimPrefixFold(s, name+":"))
		}
	}
	for _, name := range []string{"a", "mx"} {
		if v.On(name) {
			terms = append(terms, name)
		}
	}
	for _, s := range v.List("include") {
		terms = append(terms, "include:"+explain.TrimPrefixFold(s, "include:"))
	}
	q := v.Get("all")
	if q != "-" && q != "?" {
		q = "~"
	}
	return []string{strings.Join(append(terms, q+"all"), " ")}, nil
}
