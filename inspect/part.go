package inspect

import (
	"context"
	"maps"
	"slices"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
)

// part is one section of a report: MX, SPF, DMARC, DKIM, … Every part is one
// value in parts; Domain, Report.Errors, HasErrors and the report's parts
// list loop over them and know nothing of any one part. A new part is a file
// with its lookup and its value, one line in parts, and its field in Report.
type part struct {
	// name is the part's name in the JSON: DNSError.Part, Finding.Part,
	// PartStatus.Part and Progress ("mx", "spf", "mta-sts").
	name string
	// label and title are for people: "MX", "Mail exchangers".
	label, title string
	// section is the JSON key of the part's section in the Report ("mx",
	// "mta_sts"): PartStatus.Section, for front ends that draw it.
	section string
	// atOnce is the number of queries the part sends as soon as it starts
	// (before any answer): the budget left for probes of common DKIM
	// selectors is what the parts' first queries and ProbeReserve leave.
	atOnce func(l *lookup) int
	// start asks the part's queries through l.r, which tags each with the
	// part, and returns how the part fills its section of the Report. It
	// runs in its own goroutine, at the same time as the other parts', and
	// must return when l.ctx is done.
	start func(l *lookup) func(*Report)
	// errors returns the part's failed queries and cuts, from its section
	// of a filled report (Report.Errors gathers them).
	errors func(*Report) []DNSError
	// records returns the records the part explains: their findings make
	// the part's status (and HasErrors).
	records func(*Report) []explain.Record
	// found, when not nil, reports whether the part found what it looks
	// for, for a part without records of its own (DNSSEC): its status is
	// then missing when found is false, not whenever it has no records.
	found func(*Report) bool
	// aboutDNSSEC is true for the DNSSEC part: its section says what was
	// validated, so its status carries no DNSSEC label of its own.
	aboutDNSSEC bool
	// problems, when not nil, returns the part's findings that are on none
	// of its records and not in Report.Findings (the SPF tree's problems).
	problems func(*Report) []Finding
	// findings, when not nil, returns the report's findings about the part
	// (Report.Findings), made once every part has filled its section and
	// the errors are gathered: they may read other parts' sections. Each
	// comes from render, with a code of rules.
	findings func(*Report) []Finding
	// incomplete, when not nil, reports whether the part could not read
	// all it needed although none of its failed queries makes the report
	// partial (they are optional): its status is then partial.
	incomplete func(*Report) bool
	// verdict, when not nil, says what the part found, for its line of
	// the checklist (Report.Verdicts): a sentence without its final stop,
	// to which the line adds its counts. Without it the line says how
	// many records the part found. Not called when the part is partial.
	verdict func(*Report) string
	// optional is true for a part a domain may well not publish (MTA-STS,
	// TLS-RPT, BIMI): found missing, its checklist line is ok, not a
	// warning.
	optional bool
	// rules are the rules of the part's own report codes, whose findings
	// are about the part (see rules in messages.go), for render and
	// AllCodes.
	rules explain.Rules
}

// parts are the report's parts, in the order people read them.
var parts = []*part{
	&mxPart,
	&spfPart,
	&dmarcPart,
	&dkimPart,
	&mtastsPart,
	&tlsrptPart,
	&bimiPart,
	&dnssecPart,
	&danePart,
	&srvPart,
}

// init fills rules and partOf from coreRules and the parts' rules, and
// adds the parts' codes to AllCodes.
func init() {
	add := func(part string, rs explain.Rules) {
		for c, ru := range rs {
			rules[c], partOf[c] = ru, part
		}
	}
	for part, rs := range coreRules {
		add(part, rs)
	}
	for _, p := range parts {
		add(p.name, p.rules)
		AllCodes = append(AllCodes, slices.Sorted(maps.Keys(p.rules))...)
	}
}

// lookup is what a part starts from.
type lookup struct {
	ctx    context.Context
	r      doh.Resolver // tagged with the part: every query counts for it
	domain string       // normalized, without a trailing dot
	opts   Options
	// probes is the number of common DKIM selectors the budget leaves to
	// probe (see ProbeReserve).
	probes int
}

// Status is a part's verdict in the report (PartStatus.Status).
type Status string

// The statuses, from the part's records, findings and failed queries; the
// first that holds is the part's.
const (
	// StatusError: a record of the part, a finding of the report about it
	// or one of its problems is an error.
	StatusError Status = "error"
	// StatusPartial: a query the part needed failed or was cut (a DNSError
	// of the part that is not optional), or it could not read all it
	// needed (part.incomplete), so what it found may be wrong.
	StatusPartial Status = "partial"
	// StatusMissing: the part found no record (no MX record, no SPF record,
	// no DMARC policy applies, no DKIM key found).
	StatusMissing Status = "missing"
	// StatusWarning: a warning, and no error.
	StatusWarning Status = "warning"
	// StatusOK: records found, no error and no warning.
	StatusOK Status = "ok"
)

// PartStatus is one part of the report as the report's "parts" list gives
// it: what to call it, its status and how many error and warning findings
// it has (on its records, the report's findings about it and its
// problems). Failed queries do not count: they make the status partial.
type PartStatus struct {
	Part  string `json:"part"`  // "mx", "spf", "dmarc", "dkim", …
	Label string `json:"label"` // "MX"
	Title string `json:"title"` // "Mail exchangers"
	// Section is the JSON key of the part's section in the report ("mx",
	// "spf", "dmarc", "dkim", "mta_sts", "tls_rpt", "bimi").
	Section string `json:"section"`
	Status  Status `json:"status"`
	// DNSSEC is how many of the part's answers the resolver validated
	// (AD): "validated" (all), "partly", "unvalidated" (none); omitted
	// when the part got no answer.
	DNSSEC string `json:"dnssec,omitempty"`
	// DNSSECLabel says DNSSEC for people, where it says something:
	// "DNSSEC-validated", "partly DNSSEC-validated", "not
	// DNSSEC-validated"; omitted for a section not validated when the
	// domain is not signed either (its DNSSEC section says so once).
	DNSSECLabel string `json:"dnssec_label,omitempty"`
	Errors      int    `json:"errors"`
	Warnings    int    `json:"warnings"`
}

// partStatuses returns the status of every part, in display order.
func (r *Report) partStatuses() []PartStatus {
	out := make([]PartStatus, 0, len(parts))
	for _, p := range parts {
		out = append(out, p.status(r))
	}
	return out
}

func (p *part) status(r *Report) PartStatus {
	s := PartStatus{Part: p.name, Label: p.label, Title: p.title, Section: p.section, DNSSEC: r.sectionDNSSEC(p.name)}
	if !p.aboutDNSSEC && (s.DNSSEC != SectionUnvalidated || r.DNSSEC.signed()) {
		s.DNSSECLabel = sectionLabels[s.DNSSEC]
	}
	count := func(sev explain.Severity) {
		switch sev {
		case explain.Error:
			s.Errors++
		case explain.Warning:
			s.Warnings++
		}
	}
	recs := p.records(r)
	for _, rec := range recs {
		for _, f := range rec.Findings {
			count(f.Severity)
		}
	}
	for _, f := range r.Findings {
		if f.Part == p.name {
			count(f.Severity)
		}
	}
	if p.problems != nil {
		for _, f := range p.problems(r) {
			count(f.Severity)
		}
	}
	partial := slices.ContainsFunc(r.Errors, func(e DNSError) bool { return e.Part == p.name && !e.Optional })
	partial = partial || p.incomplete != nil && p.incomplete(r)
	switch {
	case s.Errors > 0:
		s.Status = StatusError
	case partial:
		s.Status = StatusPartial
	case p.found != nil && !p.found(r), p.found == nil && len(recs) == 0:
		s.Status = StatusMissing
	case s.Warnings > 0:
		s.Status = StatusWarning
	default:
		s.Status = StatusOK
	}
	return s
}

// PartRecords returns the records the part named part ("mx", "spf", …; see
// Report.Parts) explains, in the order of its section: what a front end
// without a drawing of its own for the part shows, with the findings and
// errors whose Part is its name. Nil for a part the package does not have.
func (r *Report) PartRecords(part string) []explain.Record {
	for _, p := range parts {
		if p.name == part {
			return p.records(r)
		}
	}
	return nil
}
