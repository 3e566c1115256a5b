package mx

import (
	"cmp"
	"strings"

	"github.com/mxplain/mxplain/internal/stablesort"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Facts are the typed values of one explained MX record (explain.Record.Facts).
type Facts struct {
	// Preference is the number as read, or nil when it could not be read.
	Preference *int `json:"preference"`
	// Exchange is the host as the DNS reads it: absolute, trailing dot,
	// lower-case, completed with the origin when written relative; "." for a
	// null MX; "" when there is none.
	Exchange string `json:"exchange"`
	// ExchangeAsWritten is the exchange exactly as written.
	ExchangeAsWritten string `json:"exchange_as_written"`
	// NullMX is true for the null MX of RFC 7505 §3: preference 0, exchange ".".
	NullMX bool `json:"null_mx"`
	// Relative is true when the exchange had no trailing dot in zone-file text
	// and was completed with the origin (RFC 1035 §5.1).
	Relative bool `json:"relative"`
	// Rank is the record's place in the delivery order: 1 for the hosts tried
	// first, 2 for the next preference, …; 0 when senders cannot use it.
	Rank int `json:"rank"`
	// SharesLoadWith lists the other usable exchanges with the same
	// preference, among which senders choose at random (RFC 5321 §5.1); at
	// most maxShares of them.
	SharesLoadWith []string `json:"shares_load_with"`
	// SetSize is the number of MX records explained together with this one.
	SetSize int `json:"set_size"`
}

// maxShares bounds Facts.SharesLoadWith, so that a huge set of equal
// preferences cannot make the output grow with the square of its size.
const maxShares = 100

// Explain explains one MX value ("10 mail.example.com.") as a set of one:
// see ExplainSet.
func Explain(value string, ctx explain.Context) explain.Record {
	return ExplainSet([]string{value}, ctx)[0]
}

// ExplainSet explains the MX values published at one owner (ctx.Owner) as the
// one delivery order senders follow: lower preferences first, equal ones in
// random order (RFC 5321 §5.1). It returns one record per value, in the order
// given. Each summary names the record's place in the order and the whole
// order; findings about the set sit on the records they concern, or, when they
// concern the whole set, on the first record they apply to. Findings carry
// the fixes codes.go lists, each kept only when it does what a fix must
// (explain.KeepFixes, the fixed value parsed again on its own: the fixes
// are all about one value).
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
	m        *MX
	findings []explain.Finding // from Parse, then the set's
	usable   bool              // senders can use it on its own (Parse found no error)
	dupOf    int               // index of an earlier record with the same exchange, or -1
	rank     int               // 1-based level among the routes, 0 if not a route
}

// set is the MX records of one owner.
type set struct {
	ctx      explain.Context
	domain   string
	entries  []entry
	levels   [][]int // entry indices of routes, grouped by preference, lowest first
	routes   int     // records in levels
	unusable int     // records that are neither routes nor null MX and do not work
	mixed    bool    // a null MX among other MX records
	// hostNames are the exchanges other than the null MX's "." in the
	// order given, or the whole value where "." is not a null MX ("10 .").
	hostNames []string
	// orderText caches order(): the same sentence ends every summary.
	orderText string
}

func newSet(values []string, ctx explain.Context) *set {
	s := &set{ctx: ctx, domain: domainOf(ctx), entries: make([]entry, len(values))}
	var routes []int
	nulls, others := 0, 0
	firstUsable := map[string]int{} // FQDN → the first usable record naming it
	for i, v := range values {
		m, fs := Parse(v, ctx)
		e := entry{value: v, m: m, findings: fs, usable: m.usable(fs), dupOf: -1}
		// "." is no host: only the same null MX twice is a duplicate.
		if key := m.FQDN; m.HasExchange && m.HasPreference && key != "" && (!m.Null || m.Preference == 0) {
			if j, ok := firstUsable[key]; ok {
				e.dupOf = j
			} else if e.usable {
				firstUsable[key] = i
			}
		}
		s.entries[i] = e
		// The null MX is "0 ." (RFC 7505 §3); "10 ." next to it is one
		// of the other MX records it must not share the name with.
		null := m.Null && m.HasPreference && m.Preference == 0
		switch {
		case m.HasExchange && m.Null && !null:
			s.hostNames = append(s.hostNames, strings.TrimSpace(v))
		case m.HasExchange && !m.Null:
			s.hostNames = append(s.hostNames, hostName(m))
		}
		switch {
		case m.HasExchange && null:
			nulls++
		case m.HasExchange:
			others++
		}
		switch {
		case e.usable && !m.Null && e.dupOf < 0:
			routes = append(routes, i)
		case !e.usable && !m.Null:
			s.unusable++
		}
	}
	stablesort.Func(routes, func(a, b int) int {
		return cmp.Compare(s.entries[a].m.Preference, s.entries[b].m.Preference)
	})
	for _, i := range routes {
		n := len(s.levels)
		if n == 0 || s.entries[s.levels[n-1][0]].m.Preference != s.entries[i].m.Preference {
			s.levels = append(s.levels, nil)
			n++
		}
		s.levels[n-1] = append(s.levels[n-1], i)
		s.entries[i].rank = n
	}
	s.routes = len(routes)
	s.mixed = nulls > 0 && others > 0
	s.setFindings(routes)
	return s
}

// setFindings adds what is wrong or worth knowing about the set as a whole.
func (s *set) setFindings(routes []int) {
	add := func(i int, code string, args explain.Args) {
		e := &s.entries[i]
		e.findings = append(e.findings, rules.Finding(code, explain.Span{0, len(e.value)}, args))
	}
	if s.mixed {
		// The null MX's own note says senders fail at once; in a mixed set
		// they may not, and CodeSetNullMixed says what happens instead.
		for i := range s.entries {
			e := &s.entries[i]
			kept := e.findings[:0]
			for _, f := range e.findings {
				if f.Code != CodeNull {
					kept = append(kept, f)
				}
			}
			e.findings = kept
		}
		for i, e := range s.entries {
			if e.m.HasExchange {
				args := listArgs(s.hostNames, 5)
				args["domain"] = s.domain
				add(i, CodeSetNullMixed, args)
			}
		}
	}
	for i, e := range s.entries {
		if e.dupOf >= 0 {
			add(i, CodeSetDuplicate, explain.Args{"host": hostName(e.m), "preference": itoa(int(e.m.Preference)),
				"first_preference": itoa(int(s.entries[e.dupOf].m.Preference))})
		}
	}
	if len(s.entries) == 1 && len(routes) == 1 {
		add(routes[0], CodeSetSingle, explain.Args{"host": hostName(s.entries[routes[0]].m)})
	}
	if len(routes) > 1 && len(s.levels) == 1 {
		args := listArgs(s.hosts(s.levels[0]), MaxUseful)
		args["preference"] = itoa(int(s.entries[routes[0]].m.Preference))
		add(s.levels[0][0], CodeSetLoadSharing, args)
	}
	if len(s.entries) > MaxUseful {
		add(0, CodeSetTooMany, explain.Args{"count": itoa(len(s.entries))})
	}
}

// hostName is an exchange for prose: the FQDN without its dot, or as written.
func hostName(m *MX) string {
	if m.FQDN != "" {
		return bare(m.FQDN)
	}
	return m.Exchange
}

func (s *set) hosts(idx []int) []string {
	hs := make([]string, len(idx))
	for k, i := range idx {
		hs[k] = hostName(s.entries[i].m)
	}
	return hs
}

// record builds the explanation of entry i.
func (s *set) record(i int) explain.Record {
	e := &s.entries[i]
	m := e.m
	r := explain.New(explain.TypeMX, e.value)
	r.RRType = "MX"
	r.Owner = s.ctx.Owner
	if m.PreferenceText != "" {
		r.Fields = append(r.Fields, explain.Field{Span: m.PreferenceSpan, Text: m.PreferenceText, Name: "preference",
			Value: m.PreferenceText, Meaning: s.preferenceMeaning(e), Ref: preferenceRef(m)})
	}
	if m.HasExchange {
		meaning, ref := s.exchangeMeaning(e)
		r.Fields = append(r.Fields, explain.Field{Span: m.ExchangeSpan, Text: m.Exchange, Name: "exchange",
			Value: m.Exchange, Meaning: meaning, Ref: ref})
	}
	stablesort.Func(r.Fields, func(a, b explain.Field) int { return cmp.Compare(a.Span[0], b.Span[0]) })
	for _, f := range e.findings {
		r.Add(f)
	}
	r.Summary = s.summary(e)
	r.Facts = s.facts(e)
	return r
}

func (s *set) facts(e *entry) *Facts {
	m := e.m
	f := &Facts{Exchange: m.FQDN, ExchangeAsWritten: m.Exchange, Relative: m.Relative,
		NullMX: m.Null && m.HasPreference && m.Preference == NullPreference,
		Rank:   e.rank, SharesLoadWith: []string{}, SetSize: len(s.entries)}
	if m.HasPreference {
		p := int(m.Preference)
		f.Preference = &p
	}
	if e.rank > 0 {
		for _, j := range s.levels[e.rank-1] {
			if len(f.SharesLoadWith) == maxShares {
				break
			}
			if o := s.entries[j].m; o != m {
				f.SharesLoadWith = append(f.SharesLoadWith, o.FQDN)
			}
		}
	}
	return f
}

func preferenceRef(m *MX) string {
	switch {
	case !m.HasPreference:
		return refRDATA
	case m.Null:
		return refNull
	}
	return refOrder
}

// firstError is the first error Parse found, or nil.
func firstError(fs []explain.Finding) *explain.Finding {
	for k := range fs {
		if fs[k].Severity == explain.Error && !strings.HasPrefix(fs[k].Code, "mx.set.") {
			return &fs[k]
		}
	}
	return nil
}

// exchangeError is the first error Parse found in the exchange, or nil.
func exchangeError(fs []explain.Finding) *explain.Finding {
	for k := range fs {
		if fs[k].Severity == explain.Error && strings.HasPrefix(fs[k].Code, "mx.exchange.") {
			return &fs[k]
		}
	}
	return nil
}
