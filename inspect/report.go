package inspect

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
)

const (
	// MaxQueries is the query budget of one report: the subrequest limit of
	// a Cloudflare Worker on the free plan. Give it to the doh.Client
	// (doh.Options.Budget) that answers the report.
	MaxQueries = 50
	// DefaultTimeout bounds a report whose Options.Timeout is 0.
	DefaultTimeout = 10 * time.Second
)

// Options adjust a report. Front ends make them with NewOptions. The zero
// value probes the common DKIM selectors, evaluates no SPF check, stops
// after DefaultTimeout and expands %{t} to 0 (the Epoch).
type Options struct {
	// Selectors are DKIM selectors to look up besides the common ones, such
	// as the s= of a DKIM-Signature the user has seen.
	Selectors []string
	// NoProbe skips the common DKIM selectors (CommonSelectors).
	NoProbe bool
	// Policy fetches the MTA-STS policy file (RFC 8461 §3.3); nil: the
	// report says it was not fetched, and why.
	Policy PolicyFetcher
	// BIMISelector is the BIMI selector to look up (a message's
	// BIMI-Selector header names it); "" is DefaultBIMISelector. Front
	// ends check it with BIMISelector.
	BIMISelector string
	// IP, when valid, makes the report evaluate SPF's check_host() for a
	// client at that address (RFC 7208 §4), with Sender (the MAIL FROM
	// address; "postmaster@<domain>" when empty) and Helo.
	IP     netip.Addr
	Sender string
	Helo   string
	// Now is the time SPF's %{t} macro expands to (the package reads no
	// clock for its logic); the zero value is the Epoch.
	Now time.Time
	// Timeout bounds the whole report; 0 means DefaultTimeout. A report
	// cut short is partial, with a DNSError where queries were cut.
	Timeout time.Duration
	// Budget is the query budget of the resolver (0 means MaxQueries). The
	// report keeps ProbeReserve queries of it for what MX, SPF and DMARC
	// need after their first answers: common DKIM selectors beyond what is
	// left are not probed (the first ones of CommonSelectors are), and are
	// listed as such.
	Budget int
	// Progress, when not nil, is called with what the report has asked and
	// got so far: once at the start, after every query sent and every
	// answer, and when each part is done; never after Domain returns. The
	// calls come one at a time, in order; Progress must not block for long
	// nor start a report.
	Progress func(Progress)
}

// NewOptions returns the options every front end (the CLI, the page's
// wasm, the API) starts a report from, so that they agree: Now set to now,
// the time SPF's %{t} macro expands to (RFC 7208 §7.2; the package reads no
// clock for it), Timeout DefaultTimeout and Budget MaxQueries. The caller
// then sets what its user asked for (Selectors, IP, Sender, Helo, NoProbe).
func NewOptions(now time.Time) Options {
	return Options{Now: now, Timeout: DefaultTimeout, Budget: MaxQueries}
}

// ProbeReserve is the number of queries of the budget that probes of common
// DKIM selectors never use: room for MX host addresses, SPF includes,
// DMARC report authorisations, the MX hosts' TLSA records, the SRV
// targets' addresses and a DNSKEY, which start only after their first
// answers.
const ProbeReserve = 24

// Report is everything the DNS says about a domain's mail. It is data: JSON
// with the field names below, every record explained with the parsers'
// explain.Record. Lists are never null.
type Report struct {
	// Domain is the domain looked up, in A-labels (IDNA), lower case,
	// without a trailing dot; Input is what was asked for, and From how
	// Domain was read from it (Target): FromDomain (left out of the JSON),
	// FromAddress or FromURL.
	Domain string `json:"domain"`
	Input  string `json:"input"`
	From   string `json:"from,omitempty"`
	// Error says why no lookup was made (an invalid domain); "" otherwise.
	Error string `json:"error,omitempty"`
	// NXDomain is true when the domain does not exist (its MX query said
	// NXDOMAIN).
	NXDomain bool `json:"nxdomain"`
	// Queries is the number of DNS queries sent for the report: the
	// resolver's own count when it has a Queries method (a doh.Client),
	// else the number of distinct questions asked.
	Queries int `json:"queries"`
	// ElapsedMS is the report's wall time in milliseconds.
	ElapsedMS float64 `json:"elapsed_ms"`
	// Parts is each part of the report in display order, with its status
	// and counts (see PartStatus); empty when no lookup was made (Error).
	Parts []PartStatus `json:"parts"`
	// Verdicts is the checklist drawn before the report: one line per
	// entry of Parts, in its order, with its mark (✓ ! ✗), one sentence
	// and the anchor of its section (see Verdict); empty with Parts.
	Verdicts []Verdict `json:"verdicts"`
	// Path is the path of a message to and from the domain, step by step
	// (see PathStep), from the checklist; empty with Parts.
	Path []PathStep `json:"path"`

	MX    MX    `json:"mx"`
	SPF   SPF   `json:"spf"`
	DMARC DMARC `json:"dmarc"`
	// DKIM maps each selector where a key record was found to its
	// explanation.
	DKIM map[string]explain.Record `json:"dkim"`
	// DKIMSelectors lists every selector looked up, found or not.
	DKIMSelectors []DKIMProbe `json:"dkim_selectors"`
	MTASTS        MTASTS      `json:"mta_sts"`
	TLSRPT        TLSRPT      `json:"tls_rpt"`
	BIMI          BIMI        `json:"bimi"`
	DNSSEC        DNSSEC      `json:"dnssec"`
	DANE          DANE        `json:"dane"`
	SRV           SRV         `json:"srv"`

	// Findings are about the domain as a whole (codes in codes.go); the
	// records' own findings are in their explanations.
	Findings []Finding `json:"findings"`
	// Errors lists every query that failed, where it was needed, and every
	// cut: what the report did not look up or could not follow because of
	// a limit (kind "limit": MX exchanges past the most preferred ones, an
	// SPF tree past the records a walk fetches, spf.tree.walk.cut) and
	// CNAME chains that loop or are too long (kind "cname"). The report is
	// partial when it has one that is not Optional; each cut also has a
	// finding naming its limit.
	Errors []DNSError `json:"errors"`

	chains []*chainError // the cut CNAME chains, for their findings
}

// Finding is something wrong or worth knowing about the domain as a whole.
type Finding struct {
	Severity explain.Severity `json:"severity"`
	Code     string           `json:"code"` // a report.* constant of codes.go
	// Part is the part of the report the finding is about ("mx", "spf",
	// …; see Report.Parts): it counts for that part's status.
	Part    string `json:"part"`
	Message string `json:"message"`
	Name    string `json:"name,omitempty"` // the DNS name it is about
	Ref     string `json:"ref,omitempty"`
	// Args are the values the message was written from, by name (codes.go
	// says each code's); omitted when none. Programs read these, never the
	// message.
	Args explain.Args `json:"args,omitempty"`
}

// DNSError is a query that failed.
type DNSError struct {
	Part string `json:"part"` // the part that asked: "mx", "spf", "dmarc", "dkim", …
	Name string `json:"name"` // the name queried
	Type string `json:"type"` // "TXT", "MX", "A", "AAAA"
	// Kind is "rcode", "timeout", "http", "malformed", "truncated",
	// "redirect", "transport", "name", "budget", "cname" (ErrCNAMEChain),
	// "limit" (a cut, see Report.Errors), "internal", or a policy fetch's
	// kind; the JSON also has "kind_label", the kind for people (KindLabel,
	// from the one table errorKinds).
	Kind    string `json:"kind"`
	Message string `json:"message"` // the error, for people
	// Optional is true for a failed probe of a common DKIM selector: it
	// leaves the report whole.
	Optional bool `json:"optional,omitempty"`
}

func (e DNSError) Error() string { return e.Message }

// Partial reports whether a query the report needed failed, so that parts
// of it are unknown (probes of common DKIM selectors do not count).
func (r *Report) Partial() bool {
	if r.Error != "" {
		return true
	}
	for _, e := range r.Errors {
		if !e.Optional {
			return true
		}
	}
	return false
}

// HasErrors reports whether any finding of the report, of a record it
// explains or of a part (the SPF tree's problems) is an error.
func (r *Report) HasErrors() bool {
	for _, f := range r.Findings {
		if f.Severity == explain.Error {
			return true
		}
	}
	for _, p := range parts {
		for _, rec := range p.records(r) {
			if rec.HasErrors() {
				return true
			}
		}
		if p.problems == nil {
			continue
		}
		for _, f := range p.problems(r) {
			if f.Severity == explain.Error {
				return true
			}
		}
	}
	return false
}

// Domain looks up everything about domain's mail setup through r and
// returns the report; domain may also be a mail address or a URL, whose
// domain is looked up (Target). It never fails: an invalid domain gives a report with
// Error set, and failed queries give a partial report with DNSErrors where
// they happened. The lookups of every part (parts: MX, SPF, DMARC, DKIM, …)
// start together, each in its own goroutine; the report returns when all
// are done or the deadline (ctx's or Options.Timeout) passes.
func Domain(ctx context.Context, r doh.Resolver, domain string, opts Options) *Report {
	start := time.Now()
	rep := newReport(domain)
	name, from, err := Target(domain)
	if err != nil {
		rep.Error = err.Error()
		return rep
	}
	rep.Domain, rep.From = name, from
	if r == nil {
		rep.Error = "inspect: no resolver"
		return rep
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	budget := opts.Budget
	if budget <= 0 {
		budget = MaxQueries
	}
	counted := &counter{r: r, seen: map[question]bool{}}
	before := -1
	sent := func() int { return len(counted.seen) } // as Report.Queries counts, under counted.mu
	if q, ok := r.(interface{ Queries() int }); ok {
		before = q.Queries()
		sent = func() int { return q.Queries() - before }
	}
	counted.progress = newProgress(opts.Progress, sent)
	defer counted.close()
	counted.notify()

	// Each part fills its own value and hands the report a function that
	// copies it in; a part that never returns (it should not) is reported
	// as cut at the deadline instead of hanging the report.
	type result struct {
		part  string
		apply func(*Report)
	}
	results := make(chan result, len(parts))
	waiting := map[string]bool{}
	probes := budget - ProbeReserve
	for _, p := range parts {
		probes -= p.atOnce(&lookup{domain: name, opts: opts})
	}
	for _, p := range parts {
		waiting[p.name] = true
		l := &lookup{ctx: ctx, r: counted.part(p.name), domain: name, opts: opts, probes: probes}
		go func() {
			apply := func(*Report) {}
			defer func() {
				if v := recover(); v != nil {
					msg := fmt.Sprintf("inspect: internal error in the %s lookup: %v", p.name, v)
					apply = func(rep *Report) {
						rep.Errors = append(rep.Errors, DNSError{Part: p.name, Name: name, Kind: "internal", Message: msg})
					}
				}
				results <- result{p.name, apply}
			}()
			apply = p.start(l)
		}()
	}

	// Wait for every part, and at most a moment after the deadline.
	var grace <-chan time.Time
	done := ctx.Done()
	for len(waiting) > 0 {
		select {
		case res := <-results:
			res.apply(rep)
			delete(waiting, res.part)
			counted.finish(res.part)
		case <-done:
			done = nil
			timer := time.NewTimer(250 * time.Millisecond)
			defer timer.Stop()
			grace = timer.C
		case <-grace:
			for _, p := range parts {
				if waiting[p.name] {
					rep.Errors = append(rep.Errors, DNSError{Part: p.name, Name: name, Kind: "timeout",
						Message: fmt.Sprintf("inspect: the %s lookup did not finish before the deadline", p.name)})
				}
			}
			clear(waiting)
		}
	}

	rep.collectErrors(counted)
	rep.DNSSEC.Sections = counted.validations()
	crossFindings(rep)
	partFindings(rep)
	rep.Parts = rep.partStatuses()
	rep.Verdicts = rep.verdicts()
	rep.Path = rep.path()
	if before >= 0 {
		rep.Queries = r.(interface{ Queries() int }).Queries() - before
	} else {
		rep.Queries = counted.count()
	}
	rep.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	return rep
}

func newReport(input string) *Report {
	return &Report{Input: input, MX: MX{Records: []explain.Record{}, Hosts: []MXHost{}},
		SPF:   SPF{Networks: []string{}, Problems: []SPFProblem{}},
		DMARC: DMARC{Walk: []DMARCStep{}, Reports: []ReportAuth{}},
		DKIM:  map[string]explain.Record{}, DKIMSelectors: []DKIMProbe{},
		MTASTS: MTASTS{Records: []explain.Record{}, Hosts: []STSHost{}},
		TLSRPT: TLSRPT{Records: []explain.Record{}, Mailto: []string{}, HTTPS: []string{}}, BIMI: BIMI{Steps: []BIMIStep{}},
		DNSSEC: DNSSEC{Sections: []Validation{}, Errors: []DNSError{}}, DANE: DANE{Hosts: []DANEHost{}},
		SRV:      SRV{Services: []SRVService{}, Submit: []SRVServer{}, Read: []SRVServer{}},
		Findings: []Finding{}, Errors: []DNSError{}, Parts: []PartStatus{}, Verdicts: []Verdict{}, Path: []PathStep{}}
}

// collectErrors gathers the DNS errors of every part into Report.Errors,
// with every failed query c saw that no part listed, sorted by part, name
// and type.
func (r *Report) collectErrors(c *counter) {
	for _, p := range parts {
		r.Errors = append(r.Errors, p.errors(r)...)
	}
	r.Errors = append(r.Errors, c.missing(r.Errors)...)
	r.chains = c.chains()
	sort.SliceStable(r.Errors, func(i, j int) bool {
		a, b := r.Errors[i], r.Errors[j]
		if a.Part != b.Part {
			return a.Part < b.Part
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Type < b.Type
	})
}

// dnsError describes a failed query for the report.
func dnsError(part, name string, qtype uint16, err error) *DNSError {
	e := &DNSError{Part: part, Name: dns.Fqdn(name), Type: dns.TypeToString[qtype], Kind: "transport", Message: err.Error()}
	for _, k := range []struct {
		err  error
		kind string
	}{{doh.ErrRcode, "rcode"}, {doh.ErrTimeout, "timeout"}, {doh.ErrHTTPStatus, "http"}, {doh.ErrMalformed, "malformed"},
		{doh.ErrTruncated, "truncated"}, {doh.ErrRedirect, "redirect"},
		{doh.ErrName, "name"}, {doh.ErrBudget, "budget"}, {context.DeadlineExceeded, "timeout"}, {ErrCNAMEChain, "cname"}} {
		if errors.Is(err, k.err) {
			e.Kind = k.kind
			break
		}
	}
	return e
}

type question struct {
	name  string // canonical form (doh.CanonicalName)
	qtype uint16
}

// ErrCNAMEChain is wrapped by the error a report gives a query whose
// answer's CNAME chain loops or is longer than doh.MaxChain records
// (doh.Result.ChainCut): what the chain leads to is unknown, not absent.
var ErrCNAMEChain = errors.New("inspect: CNAME chain cut")

// chainError is a query whose answer's CNAME chain was cut.
type chainError struct {
	name  string
	qtype uint16
	chain []string // the names reached, canonical
	loop  bool
}

// newChainError describes the cut chain of res, the answer to q.
func newChainError(q question, res *doh.Result) *chainError {
	e := &chainError{name: q.name, qtype: q.qtype, chain: res.CNAMEs()}
	if len(e.chain) < doh.MaxChain {
		e.loop = true
		last := q.name
		if len(e.chain) > 0 {
			last = e.chain[len(e.chain)-1]
		}
		for _, rr := range res.Answer {
			if c, ok := rr.(*dns.CNAME); ok && doh.EqualNames(c.Hdr.Name, last) {
				e.chain = append(e.chain, canonicalName(c.Target)) // back to a name already reached
				break
			}
		}
	}
	return e
}

func (e *chainError) Error() string {
	if e.loop {
		return fmt.Sprintf("inspect: the %s answer for %s is a CNAME loop (%s → %s): the name has no records",
			dns.TypeToString[e.qtype], e.name, e.name, strings.Join(e.chain, " → "))
	}
	return fmt.Sprintf("inspect: the %s answer for %s is a CNAME chain longer than %d records (%s → … → %s): what it leads to is unknown",
		dns.TypeToString[e.qtype], e.name, doh.MaxChain, e.name, e.chain[len(e.chain)-1])
}

func (e *chainError) Is(target error) bool { return target == ErrCNAMEChain }

// failure is a query of the report that failed, with the part that asked.
type failure struct {
	part string
	q    question
	err  error
}

// counter passes a report's queries to its resolver. It counts the
// distinct questions (for resolvers that do not count what they send),
// turns an answer whose CNAME chain was cut into a chainError, and keeps
// every failed query with the part that asked, so that none is missing
// from Report.Errors (see missing).
type counter struct {
	r        doh.Resolver
	mu       sync.Mutex
	seen     map[question]bool
	failed   []failure
	answered map[string]*Validation // per part: its answers, and how many were validated
	progress *progress              // what Options.Progress is told, under mu
}

// notify tells Options.Progress where the report is.
func (c *counter) notify() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.progress.send()
}

// finish tells Options.Progress that a part is done.
func (c *counter) finish(part string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.progress.finish(part)
}

// close stops the notices: the report has returned (a part still running
// after the deadline asks in vain).
func (c *counter) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.progress.closed = true
}

// part is the resolver a part of the report asks through.
func (c *counter) part(name string) doh.Resolver { return partResolver{c, name} }

type partResolver struct {
	c    *counter
	part string
}

func (p partResolver) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	return p.c.query(ctx, p.part, name, qtype)
}

func (c *counter) query(ctx context.Context, part, name string, qtype uint16) (*doh.Result, error) {
	q := question{canonicalName(name), qtype}
	pq := PendingQuery{Part: part, Name: q.name, Type: dns.TypeToString[qtype]}
	c.mu.Lock()
	c.seen[q] = true
	c.progress.ask(pq, 1)
	c.mu.Unlock()
	res, err := c.r.Query(ctx, name, qtype)
	if err == nil && res != nil && res.ChainCut() {
		err, res = newChainError(q, res), nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil && !errors.Is(err, doh.ErrName) { // an invalid name is no failed query: nothing was sent
		c.failed = append(c.failed, failure{part, q, err})
	}
	if err == nil && res != nil {
		c.answer(part, res.AD)
	}
	c.progress.ask(pq, -1)
	return res, err
}

// chains returns the cut CNAME chains seen, once per name, sorted.
func (c *counter) chains() []*chainError {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	var out []*chainError
	for _, f := range c.failed {
		var ce *chainError
		if errors.As(f.err, &ce) && !seen[ce.name] {
			seen[ce.name] = true
			out = append(out, ce)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// answer counts an answer to part, validated or not (its AD bit); the
// caller holds c.mu.
func (c *counter) answer(part string, validated bool) {
	if c.answered == nil {
		c.answered = map[string]*Validation{}
	}
	v := c.answered[part]
	if v == nil {
		v = &Validation{Part: part}
		c.answered[part] = v
	}
	v.Answers++
	if validated {
		v.Validated++
	}
}

// validations returns the answers of every part that got some, in the
// parts' order.
func (c *counter) validations() []Validation {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := []Validation{}
	for _, p := range parts {
		if v := c.answered[p.name]; v != nil {
			out = append(out, *v)
		}
	}
	return out
}

func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}

// missing returns a DNSError for every failed query that no part put in
// listed, once per part, name and type.
func (c *counter) missing(listed []DNSError) []DNSError {
	has := map[string]bool{}
	key := func(part, name, qtype string) string { return part + " " + canonicalName(name) + " " + qtype }
	for _, e := range listed {
		has[key(e.Part, e.Name, e.Type)] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []DNSError
	for _, f := range c.failed {
		k := key(f.part, f.q.name, dns.TypeToString[f.q.qtype])
		if !has[k] {
			has[k] = true
			out = append(out, *dnsError(f.part, f.q.name, f.q.qtype, f.err))
		}
	}
	return out
}

// canonicalName is name's canonical form (doh.CanonicalName), or name
// lowercased and fully qualified when it is not a valid domain name.
func canonicalName(name string) string {
	if c, ok := doh.CanonicalName(name); ok {
		return c
	}
	return strings.ToLower(dns.Fqdn(name))
}
