package mtasts

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// RecordForm is the record builder's form for the MTA-STS TXT record: the
// id that tells senders the policy changed.
var RecordForm = explain.Form{
	Type: TypeRecord,
	Fields: []explain.FormField{
		{Name: "id", Label: "Policy id", Input: explain.InputText, Ref: "RFC 8461 §3.1",
			Help:        "Up to 32 letters and digits; change it whenever you change the policy file, or senders keep the old policy until it expires. The date and time will do.",
			Placeholder: "20261204T1200"},
	},
	Build: func(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
		return []string{"v=STSv1; id=" + explain.Or(v.Get("id"), "policy-id")}, nil
	},
}

// PolicyForm is the record builder's form for the MTA-STS policy file:
// the mode, the MX hosts senders may deliver to, and how long they keep it.
var PolicyForm = explain.Form{
	Type: TypePolicy,
	Fields: []explain.FormField{
		{Name: "mode", Label: "Mode", Input: explain.InputChoice, Default: string(ModeTesting), Ref: "RFC 8461 §5",
			Help: "Start with testing (failures are only reported, with TLS-RPT); enforce once the reports show every MX host passes; none to withdraw the policy.",
			Choices: []explain.Choice{
				{Value: string(ModeTesting), Label: "testing: report, deliver anyway"},
				{Value: string(ModeEnforce), Label: "enforce: deliver only over valid TLS to these hosts"},
				{Value: string(ModeNone), Label: "none: the policy is withdrawn"},
			}},
		{Name: "mx", Label: "MX hosts", Input: explain.InputList, Ref: "RFC 8461 §4.1",
			Help:        "Every MX host, as its certificate names it; \"*.example.net\" covers one label under example.net.",
			Placeholder: "mail.example.com"},
		{Name: "max_age", Label: "How long senders keep it (seconds)", Input: explain.InputNumber, Default: "604800", Ref: "RFC 8461 §3.2",
			Help: "604800 is a week; with enforce, weeks or more (up to 31557600, a year) protect better against an attacker who blocks the policy's fetch."},
	},
	Build: buildPolicy,
	Where: func(domain string) string { return PolicyURL(explain.Or(domain, "domain")) },
}

// buildPolicy writes the policy file, its lines in the order of RFC 8461
// §3.2's example, each ending in CRLF as the grammar has it.
func buildPolicy(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	mode := Mode(v.Get("mode"))
	if mode != ModeEnforce && mode != ModeNone {
		mode = ModeTesting
	}
	lines := []string{KeyVersion + ": " + Version, KeyMode + ": " + string(mode)}
	hosts := v.List("mx")
	if len(hosts) == 0 {
		hosts = []string{explain.SlotText("host")}
	}
	for _, h := range hosts {
		lines = append(lines, KeyMX+": "+strings.TrimSuffix(h, "."))
	}
	age := v.Get("max_age")
	if age == "" {
		age = "604800"
	}
	lines = append(lines, KeyMaxAge+": "+age)
	return []string{strings.Join(lines, "\r\n") + "\r\n"}, nil
}
