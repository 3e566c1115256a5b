package explain

import "strings"

// Kind describes one kind of record mxplain explains, once: its name, how
// it is recognised, how it is explained and what holds across several
// records of it at one name. Each record package (parsers/spf,
// parsers/dmarc, …) exports its Kind; parsers keeps the one list of them,
// and detection, zone handling, every front end's --type and the engine's
// list of types (the page's and the element's labels) come from that list.
type Kind struct {
	// Type is the record's type in the JSON ("spf", "mta-sts", …).
	Type Type
	// Label is the short name people know it by ("SPF", "MTA-STS").
	Label string
	// Title is what the record is, as a heading says it ("SPF policy",
	// "MTA-STS policy file").
	Title string
	// Ref is the document that defines it ("RFC 7208").
	Ref string
	// Looks says how to tell a record of it, for the finding on text no
	// kind recognises (parsers' record.unrecognised): "an SPF record
	// starts with v=spf1".
	Looks string

	// RRTypes are the DNS RR types (internal/rrtype's codes) that hold it:
	// rrtype.TXT for most; rrtype.MX for MX. Only records of these RR
	// types (and bare values) are detected as this kind, and a record of
	// any kind's RR types may be forced to another kind with --type. Empty
	// for a kind that is no DNS record (the MTA-STS policy file, fetched
	// over HTTPS): it is never detected from zone records.
	RRTypes []uint16
	// RRTypeImplies is true when the RR type alone decides the kind: an MX
	// record is MX data whatever it says (and so is a record of the
	// obsolete SPF RR type, 99, for SPF).
	RRTypeImplies []uint16
	// RRTypeMeaning says what a record of the RR types that imply the kind
	// holds, for the type field of zone text ("Mail exchanger: a host that
	// accepts mail for the owner name, with a preference."); "" for the
	// generic sentence.
	RRTypeMeaning string

	// Versions are the lower-case version tags its value starts with after
	// "v=" ("spf", "dmarc", "stsv1"), matched as prefixes, so that a typo in
	// the version number is still explained as what it meant to be.
	Versions []string
	// OwnerLabels are the labels of the name receivers look it up at
	// ("_dmarc"; "_smtp", "_tls"); empty when it sits at the domain itself.
	OwnerLabels []string
	// Selector is true when a selector precedes OwnerLabels
	// ("<selector>._domainkey.<domain>", "<selector>._bimi.<domain>").
	Selector bool
	// AtDomain is true for a record read at the domain itself (SPF): one
	// published at a name another kind owns (_dmarc, _domainkey, …) is
	// never read as this kind.
	AtDomain bool
	// OwnerRef is the section that says where it is published.
	OwnerRef string
	// OwnerMeaning says what the name fqdn ("_dmarc.example.com.") means for
	// a record of this kind, for the owner field of zone text; nil, or ""
	// from it (a name where the kind does not belong), for the generic
	// sentence.
	OwnerMeaning func(fqdn string) string
	// ChecksOwner is true when Explain checks the owner name itself
	// (Context.Owner), so parsers adds no finding of its own about it.
	ChecksOwner bool

	// Detect says how much value (lower-cased, trimmed) looks like this
	// kind when neither its RR type, its version tag nor its owner name
	// decided: Mentions when it carries the kind's version somewhere,
	// Resembles when only its shape does, Not otherwise. nil is Not. The
	// first kind in the registry's order that Mentions wins, else the first
	// that Resembles.
	Detect func(value string) Likeness
	// Document, when not nil, reports whether a whole input is one document
	// of this kind (the lines of an MTA-STS policy file) rather than records
	// to find line by line. Such an input, or any input forced to this
	// kind, is explained as one record spanning it, its value the input as
	// written.
	Document func(input string) bool
	// BlankSeparated is true when blanks separate the terms of its value
	// (SPF): two TXT strings joined with no blank between them then run two
	// terms together, which parsers says (txt.strings.glued).
	BlankSeparated bool

	// Explain explains one value, with what the input said around it.
	Explain func(value string, ctx Context) Record
	// ExplainSet, when not nil, explains all the values of this kind at one
	// owner together (MX: one delivery order), one record per value in the
	// order given; Explain is then not used for them.
	ExplainSet func(values []string, ctx Context) []Record
	// Multiple, when not nil, is the error each of n records of this kind at
	// one owner gets: receivers then use none of them.
	Multiple func(span Span, n int) Finding
	// Merge, when not nil, is the one record that says what several
	// records of this kind at one name say (SPF's mechanisms, once each),
	// and false when they cannot be said as one: Multiple's fix.
	Merge func(values []string) (string, bool)
	// Counted, when not nil, reports whether a record of this kind with
	// value counts among the several at one owner that Multiple is about:
	// receivers discard a record that does not start with the version
	// ("v=TLSRPTv1;", RFC 8460 §3) before they count. nil counts every
	// record.
	Counted func(value string) bool
}

// Likeness is how much a value looks like a kind of record (Kind.Detect).
type Likeness int

const (
	// Not: nothing in the value suggests the kind.
	Not Likeness = iota
	// Resembles: the value has the kind's shape ("10 mail.example.com.",
	// k= and p= tags) without its version.
	Resembles
	// Mentions: the value carries the kind's version tag, though not at its
	// start ("include:x v=spf1").
	Mentions
)

// LooseTags reads a "tag=value; tag=value" list loosely, for Kind.Detect
// only: names and values trimmed, a later tag winning over an earlier one
// of the same name, and an empty value read as "=" so that "p=" is told
// from no p at all. Parts without "=" are skipped.
func LooseTags(v string) map[string]string {
	tags := map[string]string{}
	for part := range strings.SplitSeq(v, ";") {
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if value == "" {
			value = "="
		}
		tags[strings.TrimSpace(name)] = value
	}
	return tags
}
