package explain

import "strings"

// Form is how the record builder asks for a record of one kind: the fields
// a person fills in, and Build, which writes what they chose as the
// record's values. Each record package that has one exports it (spf.Form,
// …) and parsers/build keeps the list of them, in the registry's order.
// The domain, and the selector of a kind with one (Kind.Selector), are
// asked for by the builder itself: a Form has only the record's own fields.
type Form struct {
	Type   Type
	Fields []FormField
	// Build writes the record values (several for MX: one per host) the
	// values chosen say, for a record at domain ("example.com", no final
	// dot; "" when not given yet). What is left blank that the record
	// needs is written as a slot ({{report-address}}), never invented; a
	// value that cannot be used (a host name with a blank in it) is left
	// out, with an error that says why.
	Build func(v FormValues, domain string) ([]string, []FieldError)
	// Where, for a kind that is no DNS record (the MTA-STS policy file),
	// says where to publish it for domain; nil for a DNS record, whose
	// owner name the builder makes from the kind's OwnerLabels.
	Where func(domain string) string
	// SelectorDefault is the selector a new form of a kind with selectors
	// starts with ("default" for BIMI); "" for none.
	SelectorDefault string
	// SelectorLabel and SelectorPlaceholder are what the builder's
	// selector box is called and shows empty, for a kind whose "selector"
	// is another label (SRV's service, TLSA's port); "" for the builder's
	// own ("Selector", a DKIM-like example).
	SelectorLabel, SelectorPlaceholder string
}

// FormField is one field of a Form.
type FormField struct {
	Name  string `json:"name"`  // the key in FormValues and in the page's URL
	Label string `json:"label"` // what the field asks, in a few words
	Help  string `json:"help"`  // one sentence: what the choice means for mail
	Ref   string `json:"ref"`   // the section that defines it ("RFC 7489 §6.3")
	Input Input  `json:"input"`
	// Choices are the values a choice field takes, in the order to offer
	// them; a list field's Choices are suggestions (providers' includes),
	// any other value being allowed too.
	Choices []Choice `json:"choices,omitempty"`
	// Default is the value a new form starts with ("" for none); a flag's
	// is "on" or "".
	Default string `json:"default,omitempty"`
	// Placeholder is an example of what to write, shown in an empty box.
	Placeholder string `json:"placeholder,omitempty"`
}

// Input is how a field is filled in.
type Input string

const (
	InputText   Input = "text"   // one line
	InputNumber Input = "number" // a whole number
	InputChoice Input = "choice" // one of Choices
	InputFlag   Input = "flag"   // on or off
	InputList   Input = "list"   // any number of lines, in order
	InputArea   Input = "area"   // text of several lines (a PEM key)
)

// Choice is one value a field offers.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// FormValues are the values chosen in a form, by field name: one for most
// fields, any number for a list, in order.
type FormValues map[string][]string

// Get is the first value of the field called name, trimmed ("" if none).
func (v FormValues) Get(name string) string {
	if len(v[name]) == 0 {
		return ""
	}
	return strings.TrimSpace(v[name][0])
}

// On reports whether the flag called name is set.
func (v FormValues) On(name string) bool { return v.Get(name) == "on" }

// List is the non-empty values of the field called name, trimmed, in
// order.
func (v FormValues) List(name string) []string {
	var out []string
	for _, s := range v[name] {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Or is s, or the slot called slot when s is "".
func Or(s, slot string) string {
	if s == "" {
		return SlotText(slot)
	}
	return s
}

// TrimPrefixFold is s without prefix, matched in any case, when it starts
// with it, trimmed: a builder's field takes "include:x" as well as "x".
func TrimPrefixFold(s, prefix string) string {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return strings.TrimSpace(s[len(prefix):])
	}
	return s
}

// FieldError is a field whose text cannot be used as it is, and why.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}
