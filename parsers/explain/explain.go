// Package explain holds the explanation model that every mxplain record parser
// produces and every front end (CLI, page, Worker API, embed) reads: a Record
// with its Fields (what each part of the text means, with the RFC section that
// defines it), its Findings (what is wrong or worth knowing, pointing at the
// exact bytes) and its Facts (typed values for programs).
//
// The JSON form of these types is the contract described in the project brief;
// field names and value spellings must not change.
package explain

import (
	"errors"
	"strconv"
)

// Span is a half-open range of byte offsets [start, end) into the text that was
// explained. It marshals to JSON as a two-element array.
type Span [2]int

// Start is the offset of the first byte of the span.
func (s Span) Start() int { return s[0] }

// String writes the span as "[start end]".
func (s Span) String() string { return "[" + strconv.Itoa(s[0]) + " " + strconv.Itoa(s[1]) + "]" }

// End is the offset just past the last byte of the span.
func (s Span) End() int { return s[1] }

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s[1] - s[0] }

// Shift returns the span moved right by off bytes.
func (s Span) Shift(off int) Span { return Span{s[0] + off, s[1] + off} }

// Severity says how much a finding matters. The three values mean the same for
// every record type.
type Severity string

const (
	// Error: receivers will reject or ignore the record or the part named (an
	// SPF permerror, an unusable DKIM key, a DMARC record that is not one).
	Error Severity = "error"
	// Warning: it works but is risky, obsolete or probably not what was meant.
	Warning Severity = "warning"
	// Info: worth knowing; nothing is wrong.
	Info Severity = "info"
)

// Type names the kind of record a Record explains.
type Type string

const (
	TypeMX      Type = "mx"      // MX, RFC 5321 §5 and RFC 7505
	TypeSPF     Type = "spf"     // TXT v=spf1, RFC 7208
	TypeDKIM    Type = "dkim"    // TXT key record, RFC 6376 §3.6.1
	TypeDMARC   Type = "dmarc"   // TXT v=DMARC1, RFC 9989
	TypeTLSA    Type = "tlsa"    // TLSA, RFC 6698, RFC 7671 and RFC 7672
	TypeSRV     Type = "srv"     // SRV for mail clients, RFC 6186, RFC 8314 and RFC 2782
	TypeUnknown Type = "unknown" // text that could not be recognised as a mail record
	TypeOther   Type = "other"   // a DNS record that is not mail-related (from a pasted zone)
)

// Field is one part of a record's text and what it means. Children break a
// field down further (a mechanism's qualifier, name and CIDR length; a macro's
// letter and transformers).
type Field struct {
	Span     Span    `json:"span"`
	Text     string  `json:"text"`          // the field as it reads in the record value
	Name     string  `json:"name"`          // the tag, mechanism or part name ("ip4", "p", "preference")
	Value    string  `json:"value"`         // the field's value as written, without its name
	Meaning  string  `json:"meaning"`       // plain English, specific to this value
	Ref      string  `json:"ref,omitempty"` // "RFC 7208 §5.6"
	Children []Field `json:"children,omitempty"`
}

// Finding is something wrong or worth knowing about a record, tied to the bytes
// it is about.
type Finding struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"` // stable and dotted: "spf.ip4.invalid"
	Message  string   `json:"message"`
	Span     Span     `json:"span"`
	Ref      string   `json:"ref,omitempty"`
	// Args are the values the message was written from ("term":
	// "ip4:abc.d.efg.h"), by name, so that a program can use them without
	// reading the message; each package documents its codes' arguments.
	Args Args `json:"args,omitempty"`
	// Fix, when set, corrects what the finding is about.
	Fix *Fix `json:"fix,omitempty"`
}

// Args are a finding's arguments by name. Each record package renders its
// findings' messages from their code and Args in one place (its prose).
type Args map[string]string

// Record is the explanation of one DNS record.
type Record struct {
	Type    Type    `json:"type"`
	RRType  string  `json:"rr_type,omitempty"` // "TXT", "MX", … when known
	Owner   string  `json:"owner"`             // "example.com." or "" when the input did not name it
	TTL     *uint32 `json:"ttl"`               // nil when the input did not give one
	Value   string  `json:"value"`             // the record value, TXT strings joined
	Span    Span    `json:"span"`              // the whole record in the input
	Header  []Field `json:"header,omitempty"`  // owner, TTL, class and type when the input was zone text
	Summary string  `json:"summary"`           // one plain-English sentence
	Valid   bool    `json:"valid"`             // false iff any finding is an Error
	// Pending is set when the record came from a line of zone text that
	// only zone software can judge, and it was not asked (the page's first
	// engine): Valid and Findings may change once it has been.
	Pending  bool      `json:"pending,omitempty"`
	Fields   []Field   `json:"fields"`
	Findings []Finding `json:"findings"`
	Facts    any       `json:"facts"` // *spf.Facts, *dmarc.Facts, … (typed per record type)
	// Proposal is the record with its findings' fixes applied, when any
	// finding has one.
	Proposal *Proposal `json:"proposal,omitempty"`
	// Plans are the changes that take more than one edit.
	Plans []Plan `json:"plans,omitempty"`
}

// Explanation is everything mxplain says about one input text.
type Explanation struct {
	Input   string   `json:"input"`
	Records []Record `json:"records"`
	// Skipped are the spans of the input's lines that are text around the
	// records (prose, Markdown, HTML tags), left out when it holds any
	// record; nil when nothing was.
	Skipped []Span `json:"skipped,omitempty"`
}

// Context is what the input said about a record besides its value. Parsers use
// it to name the domain in summaries and to catch mistakes that only show in
// zone text.
type Context struct {
	// Owner is the record's owner name as a fully qualified name with a trailing
	// dot ("_dmarc.example.com."), or "" when the input was a bare value.
	Owner string
	// Origin is the $ORIGIN in effect when the record came from zone-file text,
	// or "" when it did not. A non-empty Origin means names without a trailing
	// dot were made relative to it (RFC 1035 §5.1).
	Origin string
}

// New returns a valid Record of type t for value, with no fields or findings
// yet. Parsers start from it so that the JSON never carries null lists.
func New(t Type, value string) Record {
	return Record{Type: t, Value: value, Span: Span{0, len(value)}, Valid: true,
		Fields: []Field{}, Findings: []Finding{}}
}

// Add appends a finding and keeps Valid in step with the findings, in
// constant time: an Error makes the record invalid, nothing else changes it.
// Code that removes findings from r.Findings sets Valid = !r.HasErrors().
func (r *Record) Add(f Finding) {
	r.Findings = append(r.Findings, f)
	if f.Severity == Error {
		r.Valid = false
	}
}

// HasErrors reports whether any finding is an Error.
func (r *Record) HasErrors() bool {
	for _, f := range r.Findings {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// MapSpans rewrites every span in the record (fields, their children and
// findings) with m. Parsers work on a record's value; callers that found the
// value inside a larger input use this to turn value offsets into input offsets.
func (r *Record) MapSpans(m func(Span) Span) {
	r.Header = mapFields(r.Header, m)
	r.Fields = mapFields(r.Fields, m)
	for i := range r.Findings {
		r.Findings[i].Span = m(r.Findings[i].Span)
		if fx := r.Findings[i].Fix; fx != nil {
			mapped := Fix{Span: m(fx.Span), Text: fx.Text}
			r.Findings[i].Fix = &mapped
		}
	}
}

func mapFields(fs []Field, m func(Span) Span) []Field {
	for i := range fs {
		fs[i].Span = m(fs[i].Span)
		fs[i].Children = mapFields(fs[i].Children, m)
	}
	return fs
}

// CheckSpans reports the first span in r (the record's, a field's or a
// finding's) that does not lie inside an input of n bytes, or is reversed.
// Fuzz tests call it on every record a parser returns.
func (r *Record) CheckSpans(n int) error {
	bad := func(s Span) bool { return s[0] < 0 || s[1] < s[0] || s[1] > n }
	if bad(r.Span) {
		return errors.New("explain: record span " + r.Span.String() + " outside input of " + strconv.Itoa(n) + " bytes")
	}
	var walk func([]Field) error
	walk = func(fs []Field) error {
		for _, f := range fs {
			if bad(f.Span) {
				return errors.New("explain: field " + strconv.Quote(f.Name) + " span " + f.Span.String() + " outside input of " + strconv.Itoa(n) + " bytes")
			}
			if err := walk(f.Children); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(r.Header); err != nil {
		return err
	}
	if err := walk(r.Fields); err != nil {
		return err
	}
	for _, f := range r.Findings {
		if bad(f.Span) {
			return errors.New("explain: finding " + f.Code + " span " + f.Span.String() + " outside input of " + strconv.Itoa(n) + " bytes")
		}
		if f.Fix != nil && bad(f.Fix.Span) {
			return errors.New("explain: fix of finding " + f.Code + " span " + f.Fix.Span.String() + " outside input of " + strconv.Itoa(n) + " bytes")
		}
	}
	return nil
}

// CheckTexts reports the first field (or child) whose Text is not the bytes
// of text at its span, the round-trip invariant every parser keeps: a field
// is a piece of what was written, never text made up for it. Parsers' fuzz
// tests call it with the value they explained; callers that mapped spans
// onto a larger input call it with that input, or CheckTextsAt when the
// value was decoded from it. Call CheckSpans first: a span outside text is
// reported, not a panic, but with less detail.
func (r *Record) CheckTexts(text string) error {
	return r.CheckTextsAt(func(s Span) (string, error) {
		if s[0] < 0 || s[1] < s[0] || s[1] > len(text) {
			return "", errors.New("span " + s.String() + " outside text of " + strconv.Itoa(len(text)) + " bytes")
		}
		return text[s[0]:s[1]], nil
	})
}

// CheckTextsAt is CheckTexts for spans into an input the record's value was
// decoded from (quoted TXT strings joined, escapes undone): at(s) returns the
// value's bytes written inside s, which must be the text of a field at s.
func (r *Record) CheckTextsAt(at func(Span) (string, error)) error {
	var walk func([]Field) error
	walk = func(fs []Field) error {
		for _, f := range fs {
			got, err := at(f.Span)
			if err != nil {
				return errors.New("explain: field " + strconv.Quote(f.Name) + ": " + err.Error())
			}
			if got != f.Text {
				return errors.New("explain: field " + strconv.Quote(f.Name) + " text " + strconv.Quote(f.Text) + " is not the text at its span " + f.Span.String() + ", " + strconv.Quote(got))
			}
			if err := walk(f.Children); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(r.Fields)
}
