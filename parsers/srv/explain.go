package srv

import (
	"cmp"
	"strings"

	"github.com/mxplain/mxplain/internal/stablesort"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Facts are the typed values of one explained SRV record (explain.Record.Facts).
type Facts struct {
	// Service and Proto are the owner's labels without "_" ("imaps",
	// "tcp"); "" when the owner is unknown or has none.
	Service string `json:"service"`
	Proto   string `json:"proto"`
	// Domain is the domain the service is for ("example.com."), "" when unknown.
	Domain string `json:"domain"`
	// Priority, Weight and Port are the numbers as read, nil when unreadable.
	Priority *int `json:"priority"`
	Weight   *int `json:"weight"`
	Port     *int `json:"port"`
	// Target is the host as the DNS reads it: absolute, lower-case,
	// completed with the origin when relative; "." when not offered; ""
	// when there is none.
	Target          string `json:"target"`
	TargetAsWritten string `json:"target_as_written"`
	// NotOffered is true for the target ".": the service is decidedly not
	// offered (RFC 2782, RFC 6186 §3.4).
	NotOffered bool `json:"not_offered"`
	// TLS is how the service starts TLS: "implicit", "starttls", or ""
	// for a service this package does not know.
	TLS TLS `json:"tls"`
	// StandardPort is the service's standard port, 0 when unknown.
	StandardPort int  `json:"standard_port"`
	Relative     bool `json:"relative"`
	// Rank is the record's place in the order a client tries the set: 1
	// for the lowest priority, 2 for the next, …; 0 when clients cannot
	// use it (an error, a duplicate, ".").
	Rank int `json:"rank"`
	// Chance is the percentage of tries in which a client picks this
	// record first among those of its rank, from the weights (RFC 2782);
	// 0 when Rank is 0.
	Chance int `json:"chance"`
	// SetSize is the number of SRV records explained together with this one.
	SetSize int `json:"set_size"`
}

// Explain explains one SRV value ("0 1 993 imap.example.com.") as a set
// of one: see ExplainSet.
func Explain(value string, ctx explain.Context) explain.Record {
	return ExplainSet([]string{value}, ctx)[0]
}

// ExplainSet explains the SRV values published at one owner (ctx.Owner,
// "_imaps._tcp.example.com.") in the order a client tries them: the lowest
// priority first, and among equal priorities one picked at random in
// proportion to the weights, then the next (RFC 2782). It returns one
// record per value, in the order given; Facts.Rank and Facts.Chance carry
// the order. Findings about the set sit on the records they concern.
// Findings carry the fixes codes.go lists, each kept only when it does
// what a fix must (explain.KeepFixes).
func ExplainSet(values []string, ctx explain.Context) []explain.Record {
	s := newSet(values, ctx)
	recs := make([]explain.Record, len(values))
	again := func(v string) []explain.Finding { _, fs := Parse(v, ctx); return fs }
	for i := range s.entries {
		recs[i] = s.record(i)
		explain.KeepFixes(&recs[i], values[i], again)
	}
	return recs
}

// entry is one value of a set, parsed.
type entry struct {
	value    string
	s        *SRV
	findings []explain.Finding
	usable   bool // clients can connect with it: no error, not "."
	rank     int  // 1-based priority level among the usable records, 0 if none
	chance   int  // percentage picked first within its level
	peers    int  // records in its level, itself included
}

// set is the SRV records of one owner.
type set struct {
	ctx     explain.Context
	entries []entry
	levels  [][]int // usable, non-duplicate entries grouped by priority, lowest first
	order   []int   // the same, flattened
}

func newSet(values []string, ctx explain.Context) *set {
	s := &set{ctx: ctx, entries: make([]entry, len(values))}
	seen := map[string]bool{}
	nulls, others := 0, 0
	for i, v := range values {
		m, fs := Parse(v, ctx)
		e := entry{value: v, s: m, findings: fs}
		e.usable = m.HasTarget && !m.NotOffered && m.HasPriority && m.HasWeight && m.HasPort && firstError(fs) == nil
		switch {
		case m.NotOffered:
			nulls++
		case m.HasTarget:
			others++
		}
		if e.usable {
			key := m.FQDN + " " + m.PortText
			if seen[key] {
				e.findings = append(e.findings, rules.Finding(CodeSetDuplicate, explain.Span{0, len(v)},
					explain.Args{"target": hostName(m), "port": m.PortText}))
				e.usable = false
			} else {
				seen[key] = true
				s.order = append(s.order, i)
			}
		}
		s.entries[i] = e
	}
	stablesort.Func(s.order, func(a, b int) int {
		return cmp.Compare(s.entries[a].s.Priority, s.entries[b].s.Priority)
	})
	for _, i := range s.order {
		n := len(s.levels)
		if n == 0 || s.entries[s.levels[n-1][0]].s.Priority != s.entries[i].s.Priority {
			s.levels = append(s.levels, nil)
		}
		s.levels[len(s.levels)-1] = append(s.levels[len(s.levels)-1], i)
	}
	for r, level := range s.levels {
		s.weigh(r+1, level)
	}
	if nulls > 0 && others > 0 {
		s.mixed(len(values))
	}
	return s
}

// weigh sets the rank and chance of the records of one priority level, and
// notes weight 0 among weights above 0.
func (s *set) weigh(rank int, level []int) {
	total := 0
	for _, i := range level {
		total += int(s.entries[i].s.Weight)
	}
	for _, i := range level {
		e := &s.entries[i]
		e.rank, e.peers = rank, len(level)
		switch {
		case total == 0:
			e.chance = (100 + len(level)/2) / len(level)
		default:
			e.chance = (int(e.s.Weight)*100 + total/2) / total
		}
		if total > 0 && e.s.Weight == 0 {
			e.findings = append(e.findings, rules.Finding(CodeWeightZero, e.s.WeightSpan,
				explain.Args{"target": hostName(e.s), "priority": e.s.PriorityText}))
		}
	}
}

// mixed replaces the "." records' CodeNotOffered with CodeSetNotOfferedMixed.
func (s *set) mixed(n int) {
	for i := range s.entries {
		e := &s.entries[i]
		if !e.s.NotOffered {
			continue
		}
		kept := e.findings[:0]
		for _, f := range e.findings {
			if f.Code != CodeNotOffered {
				kept = append(kept, f)
			}
		}
		e.findings = append(kept, rules.Finding(CodeSetNotOfferedMixed, explain.Span{0, len(e.value)},
			explain.Args{"count": itoa(n), "service": e.s.Owner.Service}))
	}
}

// record builds the explanation of entry i.
func (s *set) record(i int) explain.Record {
	e := &s.entries[i]
	m := e.s
	r := explain.New(explain.TypeSRV, e.value)
	r.RRType = "SRV"
	r.Owner = s.ctx.Owner
	add := func(text, name string, span explain.Span, meaning, ref string) {
		if text != "" {
			r.Fields = append(r.Fields, explain.Field{Span: span, Text: text, Name: name, Value: text, Meaning: meaning, Ref: ref})
		}
	}
	add(m.PriorityText, "priority", m.PrioritySpan, s.priorityMeaning(e), refSRV)
	add(m.WeightText, "weight", m.WeightSpan, s.weightMeaning(e), refSRV)
	add(m.PortText, "port", m.PortSpan, s.portMeaning(e), portRef(explain.Args{"service": m.Owner.Service}))
	if m.HasTarget {
		meaning, ref := s.targetMeaning(e)
		add(m.Target, "target", m.TargetSpan, meaning, ref)
	}
	for _, f := range e.findings {
		r.Add(f)
	}
	r.Summary = s.summary(e)
	r.Facts = s.facts(e)
	return r
}

func (s *set) facts(e *entry) *Facts {
	m := e.s
	f := &Facts{Service: m.Owner.Service, Proto: m.Owner.Proto, Target: m.FQDN, TargetAsWritten: m.Target,
		NotOffered: m.NotOffered, Relative: m.Relative, Rank: e.rank, SetSize: len(s.entries)}
	if m.OwnerOK {
		f.Domain = m.Owner.Domain
	}
	if e.rank > 0 {
		f.Chance = e.chance
	}
	if k := m.Owner.Known; k != nil {
		f.TLS, f.StandardPort = k.TLS, int(k.Port)
	}
	for _, n := range []struct {
		has bool
		v   uint16
		to  **int
	}{{m.HasPriority, m.Priority, &f.Priority}, {m.HasWeight, m.Weight, &f.Weight}, {m.HasPort, m.Port, &f.Port}} {
		if n.has {
			v := int(n.v)
			*n.to = &v
		}
	}
	return f
}

// firstError is the first error among fs, or nil.
func firstError(fs []explain.Finding) *explain.Finding {
	for k := range fs {
		if fs[k].Severity == explain.Error {
			return &fs[k]
		}
	}
	return nil
}

// targetError is the first error about the target, or nil.
func targetError(fs []explain.Finding) *explain.Finding {
	for k := range fs {
		if fs[k].Severity == explain.Error && strings.HasPrefix(fs[k].Code, "srv.target.") {
			return &fs[k]
		}
	}
	return nil
}
