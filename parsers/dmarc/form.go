package dmarc

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// policyChoices are the values of p, sp and np (RFC 9989 §4.7).
var policyChoices = []explain.Choice{
	{Value: "none", Label: "none: only report"},
	{Value: "quarantine", Label: "quarantine: treat failing mail as suspicious"},
	{Value: "reject", Label: "reject: refuse failing mail"},
}

// inherit is the choice of sp or np that writes no tag.
var inherit = explain.Choice{Value: "", Label: "as for the domain"}

// alignment are the values of adkim and aspf, relaxed (the default, not
// written) first.
var alignment = []explain.Choice{
	{Value: "r", Label: "relaxed: any name under the same organisational domain"},
	{Value: "s", Label: "strict: exactly the From: domain"},
}

// Form is the record builder's form for a DMARC record: the policy, where
// reports go, and alignment.
var Form = explain.Form{
	Type: explain.TypeDMARC,
	Fields: []explain.FormField{
		{Name: "p", Label: "Policy for mail that fails DMARC", Input: explain.InputChoice, Default: "none", Ref: "RFC 9989 §4.7",
			Help: "Start with none and read the reports; move to quarantine, then reject, once every sender you use passes.", Choices: policyChoices},
		{Name: "rua", Label: "Addresses for aggregate reports", Input: explain.InputList, Ref: "RFC 9989 §4.7",
			Help:        "Daily summaries of who sent mail as your domain and whether it passed: what you need to move the policy to reject. An address at another domain must agree to receive them (RFC 9990 §3).",
			Placeholder: "dmarc-reports@example.com"},
		{Name: "ruf", Label: "Addresses for failure reports", Input: explain.InputList, Ref: "RFC 9989 §4.7",
			Help:        "A report per failing message, with parts of it; few receivers send them, and they may hold personal data.",
			Placeholder: "dmarc-failures@example.com"},
		{Name: "fo", Label: "When to send failure reports", Input: explain.InputChoice, Ref: "RFC 9989 §4.7",
			Help: "Only used with failure report addresses.",
			Choices: []explain.Choice{
				{Value: "", Label: "0: when neither SPF nor DKIM gives an aligned pass (the default)"},
				{Value: "1", Label: "1: when either fails to give an aligned pass"},
				{Value: "d", Label: "d: when a DKIM signature fails, aligned or not"},
				{Value: "s", Label: "s: when SPF fails, aligned or not"},
			}},
		{Name: "sp", Label: "Policy for subdomains", Input: explain.InputChoice, Ref: "RFC 9989 §4.7",
			Help: "For mail from names under the domain that publish no DMARC record of their own.", Choices: append([]explain.Choice{inherit}, policyChoices...)},
		{Name: "np", Label: "Policy for subdomains that do not exist", Input: explain.InputChoice, Ref: "RFC 9989 §4.7",
			Help: "For mail from names under the domain that do not exist in DNS: reject is safe for most domains.", Choices: append([]explain.Choice{inherit}, policyChoices...)},
		{Name: "adkim", Label: "DKIM alignment", Input: explain.InputChoice, Default: "r", Ref: "RFC 9989 §4.7", Choices: alignment,
			Help: "How closely the DKIM signature's domain must match the From: domain."},
		{Name: "aspf", Label: "SPF alignment", Input: explain.InputChoice, Default: "r", Ref: "RFC 9989 §4.7", Choices: alignment,
			Help: "How closely the envelope sender's domain must match the From: domain."},
		{Name: "t", Label: "Testing: apply one step below the policy", Input: explain.InputFlag, Ref: "RFC 9989 §4.7",
			Help: "t=y: receivers treat reject as quarantine and quarantine as none, while you check the reports."},
	},
	Build: buildDMARC,
}

// buildDMARC writes the record Form's values say, in the order RFC 9989
// §4.7 lists the tags; a tag at its default is left out.
func buildDMARC(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	p := v.Get("p")
	if !isPolicy(p) {
		p = "none"
	}
	tags := []string{"v=DMARC1", "p=" + p}
	for _, name := range []string{"sp", "np"} {
		if s := v.Get(name); isPolicy(s) {
			tags = append(tags, name+"="+s)
		}
	}
	for _, name := range []string{"adkim", "aspf"} {
		if v.Get(name) == "s" {
			tags = append(tags, name+"=s")
		}
	}
	if v.On("t") {
		tags = append(tags, "t=y")
	}
	for _, name := range []string{"rua", "ruf"} {
		if uris := mailtos(v.List(name)); uris != "" {
			tags = append(tags, name+"="+uris)
		}
	}
	if fo := v.Get("fo"); fo != "" && len(v.List("ruf")) > 0 {
		tags = append(tags, "fo="+fo)
	}
	return []string{strings.Join(tags, "; ")}, nil
}

func isPolicy(s string) bool { return s == "none" || s == "quarantine" || s == "reject" }

// mailtos writes addresses as a comma-separated list of mailto: URIs, an
// address given with its scheme as it is.
func mailtos(addresses []string) string {
	for i, a := range addresses {
		addresses[i] = "mailto:" + explain.TrimPrefixFold(a, "mailto:")
	}
	return strings.Join(addresses, ",")
}
