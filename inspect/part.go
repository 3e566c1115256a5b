package inspect

import (
	"context"

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
	// problems, when not nil, returns the part's findings that are on none
	// of its records and not in Report.Findings (the SPF tree's problems).
	problems func(*Report) []Finding
}

// parts are the report's parts, in the order people read them.
var parts = []*part{
	&mxPart,
	&spfPart,
	&dmarcPart,
	&dkimPart,
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
