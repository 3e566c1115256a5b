package bimi

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Form is the record builder's form for a BIMI assertion record: the
// logo, the evidence for it, or a declination. The selector is the
// builder's ("default" unless the mail names another).
var Form = explain.Form{
	Type: Type,
	Fields: []explain.FormField{
		{Name: "l", Label: "Logo URL", Input: explain.InputText, Ref: refRecord,
			Help:        "An https: URL of your logo as an SVG Tiny Portable/Secure file. Mailbox providers show it only for mail that passes DMARC under p=quarantine or p=reject.",
			Placeholder: "https://example.com/brand/logo.svg"},
		{Name: "a", Label: "Evidence URL (VMC or CMC)", Input: explain.InputText, Ref: refRecord,
			Help:        "An https: URL of the PEM file of your Verified or Common Mark Certificate; some providers (Gmail, Apple) show the logo only with one.",
			Placeholder: "https://example.com/brand/vmc.pem"},
		{Name: "avp", Label: "When the sender has a personal avatar", Input: explain.InputChoice, Ref: refRecord,
			Help: "Which picture a provider that has the sender's own avatar shows.",
			Choices: []explain.Choice{
				{Value: "", Label: "brand: show this logo (the default)"},
				{Value: string(AvatarPersonal), Label: "personal: show the sender's avatar"},
			}},
		{Name: "declined", Label: "Decline BIMI: show no logo", Input: explain.InputFlag, Ref: refDecline,
			Help: "Publishes empty l= and a=: providers show no logo for this domain."},
	},
	Build:           buildBIMI,
	SelectorDefault: "default",
}

// buildBIMI writes the assertion record Form's values say: the logo-url
// slot when no logo is given (l= is required), "l=; a=;" to decline.
func buildBIMI(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	if v.On("declined") {
		return []string{"v=BIMI1; l=; a=;"}, nil
	}
	tags := []string{"v=BIMI1", "l=" + explain.Or(v.Get("l"), "logo-url")}
	if a := v.Get("a"); a != "" {
		tags = append(tags, "a="+a)
	}
	if Avatar(v.Get("avp")) == AvatarPersonal {
		tags = append(tags, "avp=personal")
	}
	return []string{strings.Join(tags, "; ") + ";"}, nil
}
