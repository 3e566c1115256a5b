package inspect

import (
	"slices"
	"strings"
)

// Progress is what a report has asked and got so far, given to
// Options.Progress after every query sent, every answer and every part
// done. JSON as the field names say.
type Progress struct {
	// Queries is the number of queries sent to the resolver so far: its own
	// count when it has a Queries method (a doh.Client: answers from its
	// cache are free), else the questions asked. The last Progress of a
	// report has the report's Queries.
	Queries int `json:"queries"`
	// Answered is the number of queries answered (or failed) so far.
	Answered int `json:"answered"`
	// Pending are the queries waiting for an answer, each with the part
	// that asked, by part (display order), name and type.
	Pending []PendingQuery `json:"pending"`
	// Parts is every part in display order, with its queries pending and
	// whether its lookup is done.
	Parts []PartProgress `json:"parts"`
}

// PendingQuery is a query waiting for its answer.
type PendingQuery struct {
	Part string `json:"part"` // the part that asked: "mx", "spf", …
	Name string `json:"name"` // fully qualified, lower case
	Type string `json:"type"` // "TXT", "MX", "A", "AAAA"
}

// PartProgress is one part while the report is made.
type PartProgress struct {
	Part    string `json:"part"`
	Label   string `json:"label"`
	Pending int    `json:"pending"` // its queries waiting for an answer
	Done    bool   `json:"done"`    // its lookup has returned
}

// progress keeps what Progress says. Its methods are called with the
// counter's lock held, so that the notices come in the order of the
// changes.
type progress struct {
	notify   func(Progress)
	queries  func() int // the queries sent since the report started
	answered int
	pending  map[PendingQuery]int
	done     map[string]bool
	closed   bool // the report has returned: no more notices
}

func newProgress(notify func(Progress), queries func() int) *progress {
	return &progress{notify: notify, queries: queries, pending: map[PendingQuery]int{}, done: map[string]bool{}}
}

// ask counts a query sent (d = 1) or answered (d = -1).
func (p *progress) ask(q PendingQuery, d int) {
	if d < 0 {
		p.answered++
	}
	p.pending[q] += d
	if p.pending[q] <= 0 {
		delete(p.pending, q)
	}
	p.send()
}

// finish marks a part done.
func (p *progress) finish(part string) {
	p.done[part] = true
	p.send()
}

func (p *progress) send() {
	if p.notify == nil || p.closed {
		return
	}
	out := Progress{Queries: p.queries(), Answered: p.answered, Pending: make([]PendingQuery, 0, len(p.pending)), Parts: make([]PartProgress, 0, len(parts))}
	order := map[string]int{}
	for i, pt := range parts {
		order[pt.name] = i
		out.Parts = append(out.Parts, PartProgress{Part: pt.name, Label: pt.label, Done: p.done[pt.name]})
	}
	for q, n := range p.pending {
		out.Pending = append(out.Pending, q)
		if i, ok := order[q.Part]; ok {
			out.Parts[i].Pending += n
		}
	}
	slices.SortFunc(out.Pending, func(a, b PendingQuery) int {
		if a.Part != b.Part {
			return order[a.Part] - order[b.Part]
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Type, b.Type)
	})
	p.notify(out)
}
