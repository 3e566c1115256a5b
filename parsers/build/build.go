// Package build is the record builder: a form for each kind of record the
// engine explains (the record packages' Forms, in the registry's order)
// and Build, which writes the record a filled-in form says, at its name,
// as zone text and as a DNS panel's boxes, explained by the same engine
// as anything pasted.
//
// The forms are a registry of their own, beside parsers.Kinds, so that
// the page's first engine, which only explains, links none of them.
package build

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/bimi"
	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mtasts"
	"github.com/mxplain/mxplain/parsers/mx"
	"github.com/mxplain/mxplain/parsers/spf"
	"github.com/mxplain/mxplain/parsers/srv"
	"github.com/mxplain/mxplain/parsers/tlsa"
	"github.com/mxplain/mxplain/parsers/tlsrpt"
)

// forms are the builder's forms, one per kind of parsers.Kinds (a test
// checks that none is missing). A new kind is one line here.
var forms = []*explain.Form{
	&mx.Form,
	&spf.Form,
	&dkim.Form,
	&dmarc.Form,
	&mtasts.RecordForm, &mtasts.PolicyForm,
	&tlsrpt.Form,
	&bimi.Form,
	&tlsa.Form,
	&srv.Form,
}

// Form is one kind's form as the builder shows it: the kind's names, where
// its record is published, and the fields to fill in.
type Form struct {
	Type  explain.Type `json:"type"`
	Label string       `json:"label"`
	Title string       `json:"title"`
	Ref   string       `json:"ref"`
	// Owner is the name the record is published at, "<domain>" standing
	// for the domain and "<selector>" for the selector
	// ("_dmarc.<domain>"), or where a file is served
	// ("https://mta-sts.<domain>/.well-known/mta-sts.txt").
	Owner string `json:"owner"`
	// Selector is true when the builder asks for a selector too, and
	// SelectorDefault is the one it starts with.
	Selector        bool   `json:"selector"`
	SelectorDefault string `json:"selectorDefault,omitempty"`
	// SelectorLabel and SelectorPlaceholder name the selector box of a
	// kind whose selector is another label (SRV's service: "Service");
	// omitted for the builder's own.
	SelectorLabel       string              `json:"selectorLabel,omitempty"`
	SelectorPlaceholder string              `json:"selectorPlaceholder,omitempty"`
	Fields              []explain.FormField `json:"fields"`
}

// Forms are the builder's forms, in the registry's order.
func Forms() []Form {
	out := make([]Form, 0, len(forms))
	for _, k := range parsers.Kinds() {
		f := formOf(k.Type)
		if f == nil {
			continue
		}
		out = append(out, Form{
			Type: k.Type, Label: k.Label, Title: k.Title, Ref: k.Ref,
			Owner:    where(k, f, "<domain>", "<selector>"),
			Selector: k.Selector, SelectorDefault: f.SelectorDefault,
			SelectorLabel: f.SelectorLabel, SelectorPlaceholder: f.SelectorPlaceholder,
			Fields: f.Fields,
		})
	}
	return out
}

func formOf(t explain.Type) *explain.Form {
	for _, f := range forms {
		if f.Type == t {
			return f
		}
	}
	return nil
}

// where is the name a record of kind k for domain (and selector) is
// published at, fully qualified, or where its file is served.
func where(k *explain.Kind, f *explain.Form, domain, selector string) string {
	if f.Where != nil {
		return f.Where(domain)
	}
	labels := k.OwnerLabels
	if k.Selector {
		labels = append([]string{selector}, labels...)
	}
	return strings.Join(append(labels, domain), ".") + "."
}

// Built is the record a filled-in form says.
type Built struct {
	Type explain.Type `json:"type"`
	// Domain is the domain the record is for, as given (the caller reads
	// it from what was typed), without a final dot; "" when none was.
	Domain string `json:"domain"`
	// Owner is the name to publish it at ("_dmarc.example.com."), or the
	// URL to serve a file at; "" without a domain.
	Owner string `json:"owner"`
	// Values are the record values, one per record (MX: one per host).
	Values []string `json:"values"`
	// Text is the records as zone text, one line each, or the file; the
	// bare value when there is no domain yet.
	Text string `json:"text"`
	// Panels are the records in a DNS panel's boxes (none for a file).
	Panels []explain.Panel `json:"panels"`
	// Slots are what is left for the owner to fill in, in order.
	Slots []explain.Slot `json:"slots"`
	// Errors are the fields whose text cannot be used as it is (a
	// selector that is no name): the record is built as if they were
	// empty.
	Errors []explain.FieldError `json:"errors,omitempty"`
	// Explanation is Text explained as the form's type, as anything
	// pasted is.
	Explanation explain.Explanation `json:"explanation"`
}

// Build writes the record of type t that values say, for domain (already
// read from what was typed, as a lookup reads it; "" when not given yet)
// and, for a kind with selectors, values' "selector", and explains it with
// opts (its Type is set to t).
func Build(t explain.Type, values explain.FormValues, domain string, opts parsers.Options) (Built, error) {
	k, f := parsers.KindOf(t), formOf(t)
	if k == nil || f == nil {
		return Built{}, errors.New("build: no form for type " + string(t))
	}
	domain = strings.TrimSuffix(domain, ".")
	b := Built{Type: t, Domain: domain, Panels: []explain.Panel{}}
	b.Values, b.Errors = f.Build(oneLine(f, values), domain)
	selector := values.Get("selector")
	if selector != "" && !isSelector(selector) {
		msg := "A selector is one or more labels of letters, digits and hyphens, separated by dots (RFC 6376 §3.1): " + strconv.Quote(selector) + " is not."
		if f.SelectorLabel != "" {
			msg = "The " + strings.ToLower(f.SelectorLabel) + " is a DNS label of letters, digits, hyphens and underscores (" + f.SelectorPlaceholder + "): " + strconv.Quote(selector) + " is not."
		}
		b.Errors = append(b.Errors, explain.FieldError{Field: "selector", Message: msg})
		selector = ""
	}
	selector = explain.Or(selector, "selector")
	if domain != "" {
		b.Owner = where(k, f, domain, selector)
	}
	var lines []string
	for _, v := range b.Values {
		switch {
		case len(k.RRTypes) == 0:
			lines = append(lines, v)
		case domain == "":
			lines = append(lines, v)
			b.Panels = append(b.Panels, k.Panel("", v))
		default:
			lines = append(lines, parsers.ZoneLine(k, b.Owner, v))
			b.Panels = append(b.Panels, k.Panel(b.Owner, v))
		}
	}
	if len(k.RRTypes) == 0 {
		b.Text = strings.Join(lines, "")
	} else {
		b.Text = strings.Join(lines, "\n")
	}
	b.Slots = explain.SlotsIn(b.Owner + " " + strings.Join(b.Values, " "))
	if b.Slots == nil {
		b.Slots = []explain.Slot{}
	}
	// A name with a slot in it is no name zone text can hold: until the
	// selector is given, the values are explained on their own.
	input := b.Text
	if strings.Contains(b.Owner, "{{") {
		input = strings.Join(b.Values, "\n")
	}
	opts.Type = t
	ex, err := parsers.Explain(input, opts)
	if err != nil {
		return Built{}, err
	}
	b.Explanation = ex
	return b, nil
}

// oneLine is values with every field but a text area on one line: a line
// break or a tab in a name or an address would break the zone text it is
// written into, so each control character becomes a blank.
func oneLine(f *explain.Form, values explain.FormValues) explain.FormValues {
	out := make(explain.FormValues, len(values))
	for name, list := range values {
		area := slices.ContainsFunc(f.Fields, func(ff explain.FormField) bool { return ff.Name == name && ff.Input == explain.InputArea })
		for _, s := range list {
			if !area {
				s = strings.Map(func(r rune) rune {
					if r < ' ' || r == 0x7f {
						return ' '
					}
					return r
				}, s)
			}
			out[name] = append(out[name], s)
		}
	}
	return out
}

// isSelector reports whether s is a DKIM or BIMI selector: labels of
// letters, digits, hyphens (and, as DNS allows, underscores) of 1 to 63
// bytes, separated by dots (RFC 6376 §3.1).
func isSelector(s string) bool {
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range []byte(label) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return len(s) <= 200
}
