package explain

import (
	"slices"
	"strings"
)

// Fix is how to correct what a finding is about: write Text in place of
// the bytes at Span. A record package gives it in offsets into the value it
// explained, and parsers maps it onto the input with every other span; Text
// is what the value should read there (a fix about how the value was
// written down, a quote or a string split, is in the input's own form).
// An empty Text deletes; an empty Span inserts.
//
// Where the correct text is the user's to choose (their server's address,
// their public key), Text holds a slot, "{{name}}", one of SlotNames, never
// an invented value.
type Fix struct {
	Span Span   `json:"span"`
	Text string `json:"text"`
}

// WithFix returns f with a fix that writes text at span.
func (f Finding) WithFix(span Span, text string) Finding {
	f.Fix = &Fix{Span: span, Text: text}
	return f
}

// Slot is a place in a proposed record that only its owner can fill.
type Slot struct {
	Name string `json:"name"` // as written in the text between "{{" and "}}"
	// Label says what to write there ("the IPv4 address of a server that
	// sends your mail").
	Label string `json:"label"`
	// Example is a value of the right shape from the ranges RFC 5737, RFC
	// 3849 and RFC 2606 keep for documentation: a test fills the slot with
	// it to check the record then reads well. Never publish it.
	Example string `json:"example"`
}

// slots are the slots a fix may hold, by name.
var slots = []Slot{
	{"ipv4", "the IPv4 address (or network, 192.0.2.0/24) of a server that sends your mail", "192.0.2.10"},
	{"ipv6", "the IPv6 address (or network) of a server that sends your mail", "2001:db8::10"},
	{"domain", "your domain, the one mail comes from", "example.com"},
	{"host", "the name of a mail server", "mail.example.com"},
	{"selector", "the DKIM selector your signer uses (the s= of its DKIM-Signature header)", "mail2026"},
	{"public-key", "your DKIM public key, base64 without the PEM lines", dkimExampleKey},
	{"rsa-public-key", "your DKIM public key, RSA of 2048 bits, base64 without the PEM lines", dkimExampleRSAKey},
	{"report-address", "a mailbox that receives the reports", "dmarc-reports@example.com"},
	{"logo-url", "the https URL of your logo, an SVG Tiny Portable/Secure file", "https://example.com/brand/logo.svg"},
	{"tlsa-digest", "the SHA-256 digest, in hex, of your mail server's public key (its DER SubjectPublicKeyInfo)", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"policy-id", "a new id for your MTA-STS policy (letters and digits, up to 32; the date and time will do)", "20261203T1200"},
}

// dkimExampleKey is an Ed25519 public key (RFC 8463 §A.2's), a key of the
// right shape for the public-key slot's example.
const dkimExampleKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

// dkimExampleRSAKey is a 2048-bit RSA public key (parsers/dkim's test key,
// testdata/keys/rsa2048.spki.b64), the rsa-public-key slot's example: a
// record with k=rsa (the default) filled with the Ed25519 example would
// hold a key of the wrong type.
const dkimExampleRSAKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3oaO9R9iGHpZeW4SkII8v+DoMuChB10+da5cqIWmnMClxsZ+VV9ZQxXicasvL4e+P2ddxhdvuJx1jrNaM2RoNKxOdWRQNjPRP09Xyn/H73yOr7gxokt9BJtthCtRGWAEKrNPNfhFcsZuFeSAmEVZjGL13QVZ+k3uFTaLZNrX0HM0+j2wXmBAKEV95lmUSjkRgk11F03YYcFexwEbVQDVREkQTbaj4bSqT2ztgvSA4MZ+FusKYkIT0qrGstesgFoOADQHbGTywl7S3Vs8E312e1Jw8O4CFjUrwF7XXv6jweX08fMXQNFVFcrPlZ7kFE28nfcM8dbdajslQ0YeIkGd9wIDAQAB"

// SlotNamed is the slot called name, and whether there is one.
func SlotNamed(name string) (Slot, bool) {
	for _, s := range slots {
		if s.Name == name {
			return s, true
		}
	}
	return Slot{}, false
}

// SlotText is the slot called name as a fix writes it: "{{name}}". name
// must be one of the slots.
func SlotText(name string) string {
	if _, ok := SlotNamed(name); !ok {
		panic("explain: no slot " + name)
	}
	return "{{" + name + "}}"
}

// SlotsIn lists the slots text holds, each once, in the order they first
// appear.
func SlotsIn(text string) []Slot {
	var out []Slot
	for rest := text; ; {
		i := strings.Index(rest, "{{")
		if i < 0 {
			return out
		}
		rest = rest[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 {
			return out
		}
		if s, ok := SlotNamed(rest[:j]); ok && !slices.ContainsFunc(out, func(o Slot) bool { return o.Name == s.Name }) {
			out = append(out, s)
		}
		rest = rest[j+2:]
	}
}

// FillSlots writes each slot's example in its place, as a test does to
// explain a proposal again.
func FillSlots(text string) string {
	for _, s := range SlotsIn(text) {
		text = strings.ReplaceAll(text, "{{"+s.Name+"}}", s.Example)
	}
	return text
}

// ApplyFixes writes the fixes of findings into text, the value they were
// given against: each in turn, from the start, skipping one that overlaps
// a fix already applied (explaining the result again finds what it
// still needs). It returns the new text and the codes of the findings whose
// fixes it applied.
func ApplyFixes(text string, findings []Finding) (string, []string) {
	type edit struct {
		Fix
		code string
	}
	var edits []edit
	for _, f := range findings {
		if f.Fix != nil && f.Fix.Span[0] >= 0 && f.Fix.Span[0] <= f.Fix.Span[1] && f.Fix.Span[1] <= len(text) {
			edits = append(edits, edit{*f.Fix, f.Code})
		}
	}
	// By where they start, in the findings' order where two start at one
	// offset; a record has a few fixes, so an insertion sort (no generic
	// sort instantiated for edits in the page's engine).
	for i := 1; i < len(edits); i++ {
		for j := i; j > 0 && edits[j].Span[0] < edits[j-1].Span[0]; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
	var b strings.Builder
	var codes []string
	at := 0
	for _, e := range edits {
		if e.Span[0] < at {
			continue
		}
		b.WriteString(text[at:e.Span[0]])
		b.WriteString(e.Text)
		at = e.Span[1]
		codes = append(codes, e.code)
	}
	b.WriteString(text[at:])
	return b.String(), codes
}

// Proposal is a record with every fix of its findings applied: what to
// publish instead.
type Proposal struct {
	// Value is the corrected value, TXT strings joined, slots in it.
	Value string `json:"value"`
	// Text is the corrected record in the form the input wrote it: a bare
	// value, quoted strings (split at 255 bytes) or a zone line.
	Text string `json:"text"`
	// Panel is the record as a DNS provider's form asks for it.
	Panel Panel `json:"panel"`
	// Fixes are the codes of the findings it corrects, in the record's order.
	Fixes []string `json:"fixes"`
	// Slots are what the owner must fill in before publishing it.
	Slots []Slot `json:"slots"`
	// Remaining are the codes of the record's errors it does not correct.
	Remaining []string `json:"remaining"`
}

// Panel is a record in the three boxes DNS providers' forms have.
type Panel struct {
	// Name is the full name to publish at, without the final dot; slots
	// stand for what the input did not say ("_dmarc.{{domain}}").
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Plan is a change that one edit does not make: steps over time (DMARC
// from monitoring to reject, a DKIM key rotation) or a choice to make (which
// SPF includes to replace). Each package writes its plans' prose from
// their code in one place, as it does its findings'.
type Plan struct {
	Code  string `json:"code"` // stable and dotted: "dmarc.plan.enforce"
	Title string `json:"title"`
	Ref   string `json:"ref,omitempty"`
	Steps []Step `json:"steps"`
}

// Step is one step of a Plan.
type Step struct {
	Text string `json:"text"` // what to do, and what to watch before the next step
	// Value, when set, is the record to publish at this step.
	Value string `json:"value,omitempty"`
}
