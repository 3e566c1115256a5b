package inspect

import (
	"fmt"
	"net/netip"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/inspect/spfcheck"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/spf"
)

// SPF is the domain's SPF policy as a tree (from spfcheck.Walk) and, with
// Options.IP, the result of check_host() for that address (spfcheck.Check).
type SPF struct {
	// Tree is the domain's record and every record it includes or
	// redirects to; nil when the walk did not run.
	Tree *SPFNode `json:"tree"`
	// DNSLookups and VoidLookups are counted as RFC 7208 §4.6.4 counts
	// them (limits 10 and 2).
	DNSLookups  int `json:"dns_lookups"`
	VoidLookups int `json:"void_lookups"`
	// Networks is every network the policy authorises with a pass
	// qualifier, flattened (see spfcheck.Tree.Networks).
	Networks []string     `json:"networks"`
	Problems []SPFProblem `json:"problems"`
	// Result is check_host()'s result with Options.IP; "" without it.
	Result string    `json:"result,omitempty"`
	Check  *SPFCheck `json:"check,omitempty"`
	// Plan, when the policy costs more than 10 DNS lookups, is how to bring
	// it within the limit: what each term of the domain's record costs,
	// which includes to replace with the networks they authorise now (or
	// to remove), the record that gives, and what flattening costs later
	// (see spfPlan). Absent otherwise.
	Plan       *explain.Plan `json:"plan,omitempty"`
	networks   []netip.Prefix
	walkFailed bool       // a query of the walk failed (spf.tree.dns.temperror): absence is not known
	cuts       []DNSError // what the walk did not fetch (spf.tree.walk.cut), for Report.Errors
	hasAll     bool       // the root record was found
	all        string     // the root record's effective all term, "" when none
}

// SPFNode is one record of the tree.
type SPFNode struct {
	Domain   string          `json:"domain"`
	Via      string          `json:"via,omitempty"` // the term that led here
	Record   *explain.Record `json:"record"`
	Error    string          `json:"error,omitempty"`
	Spends   []SPFSpend      `json:"spends"`
	Children []*SPFNode      `json:"children"`
	// Provider is, for a record under another organizational domain than
	// the domain looked up (a mail provider's, reached by an include or a
	// redirect), that organizational domain ("example.net"): its owner, not
	// the domain's, publishes and fixes it. "" for the domain's own.
	Provider string `json:"provider,omitempty"`

	networks        []netip.Prefix // spfcheck.Node.Networks, for the plan
	clientDependent bool
}

// SPFSpend is a term that cost one of the 10 DNS lookups.
type SPFSpend struct {
	Term   string `json:"term"`
	Lookup int    `json:"lookup"` // running total, this one included
	Void   bool   `json:"void"`
}

// SPFProblem is a problem of the tree (spf.tree.* codes).
type SPFProblem struct {
	Severity explain.Severity `json:"severity"`
	Code     string           `json:"code"`
	Message  string           `json:"message"`
	Domain   string           `json:"domain,omitempty"`
	Term     string           `json:"term,omitempty"`
	// AtTerm is true for an error that is also a finding of the record at
	// Domain (Record.Findings, at the term's span): that record is not
	// valid, and a view that shows the record shows the error there.
	AtTerm bool `json:"at_term,omitempty"`
}

// SPFCheck is check_host()'s evaluation for one client.
type SPFCheck struct {
	IP          string    `json:"ip"`
	Domain      string    `json:"domain"`
	Sender      string    `json:"sender"`
	Helo        string    `json:"helo,omitempty"`
	Result      string    `json:"result"`
	Explanation string    `json:"explanation,omitempty"`
	Problem     string    `json:"problem,omitempty"`
	Code        string    `json:"code,omitempty"`
	Path        []SPFStep `json:"path"`
	DNSLookups  int       `json:"dns_lookups"`
	VoidLookups int       `json:"void_lookups"`
}

// SPFStep is one term evaluated by check_host().
type SPFStep struct {
	Domain string `json:"domain"`
	Depth  int    `json:"depth"`
	Term   string `json:"term"`
	Match  bool   `json:"match"`
	Result string `json:"result,omitempty"`
	Note   string `json:"note,omitempty"`
}

// spfPart is the domain's SPF policy: the tree of its records and, with
// Options.IP, check_host() for that client.
var spfPart = part{
	verdict: spfVerdict,
	name:    "spf", label: "SPF", title: "Sender Policy Framework", section: "spf",
	atOnce: func(*lookup) int { return 1 },
	start: func(l *lookup) func(*Report) {
		opts := l.opts
		var ev *spfcheck.Evaluation
		var wg sync.WaitGroup
		if opts.IP.IsValid() {
			if opts.Sender == "" {
				opts.Sender = "postmaster@" + l.domain // RFC 7208 §4.3 with the domain checked
			}
			wg.Go(func() {
				ev = spfcheck.Check(l.ctx, l.r, spfcheck.Query{IP: opts.IP, Domain: l.domain, Sender: opts.Sender, Helo: opts.Helo, Now: opts.Now})
			})
		}
		tree := spfcheck.Walk(l.ctx, l.r, l.domain)
		wg.Wait()
		return func(rep *Report) {
			rep.SPF.fillTree(tree)
			if ev != nil {
				rep.SPF.fillCheck(opts, l.domain, ev)
			}
		}
	},
	errors: func(r *Report) []DNSError { return r.SPF.cuts },
	records: func(r *Report) []explain.Record {
		var recs []explain.Record
		var walk func(*SPFNode)
		walk = func(n *SPFNode) {
			if n.Record != nil {
				recs = append(recs, *n.Record)
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		if r.SPF.Tree != nil {
			walk(r.SPF.Tree)
		}
		return recs
	},
	problems: func(r *Report) []Finding {
		var fs []Finding
		for _, p := range r.SPF.Problems {
			if p.AtTerm {
				continue // counted with its record's findings
			}
			fs = append(fs, Finding{Severity: p.Severity, Code: p.Code, Message: p.Message, Name: p.Domain})
		}
		return fs
	},
}

func (s *SPF) fillTree(t *spfcheck.Tree) {
	if t == nil {
		return
	}
	s.DNSLookups, s.VoidLookups = t.DNSLookups, t.VoidLookups
	s.networks = t.Networks
	s.Networks = make([]string, 0, len(t.Networks))
	for _, n := range t.Networks {
		s.Networks = append(s.Networks, n.String())
	}
	for _, p := range t.Problems {
		s.Problems = append(s.Problems, SPFProblem{Severity: p.Severity, Code: p.Code, Message: p.Message, Domain: p.Domain, Term: p.Term})
		s.walkFailed = s.walkFailed || p.Code == spfcheck.CodeTreeTemperror
		if p.Code == spfcheck.CodeTreeWalkCut {
			s.cuts = append(s.cuts, DNSError{Part: "spf", Name: dns.Fqdn(p.Domain), Kind: "limit",
				Message: fmt.Sprintf("inspect: %q in the SPF record of %s was not followed: the walk fetches a bounded number of records (%s)", p.Term, p.Domain, p.Code)})
		}
	}
	s.Tree = convertNode(t.Root)
	if s.Tree != nil {
		s.Tree.markProviders(organization(s.Tree.Domain))
	}
	s.attachProblems()
	s.Plan = s.plan()
	if t.Root != nil && t.Root.Record != nil {
		s.hasAll = true
		if f, ok := t.Root.Record.Facts.(*spf.Facts); ok && f.All != nil {
			s.all = *f.All
		}
	}
}

// attachProblems makes each error of the tree that names a term (an
// include of a domain with no SPF record, the term that spends the 11th
// lookup, …) a finding of the record that holds the term, at its span, so
// that the record is not valid: receivers evaluating it return permerror
// there (RFC 7208 §4.6). The error stays in Problems, marked AtTerm.
func (s *SPF) attachProblems() {
	for i := range s.Problems {
		p := &s.Problems[i]
		if p.Severity != explain.Error || p.Term == "" {
			continue
		}
		rec := s.Tree.recordOf(p.Domain)
		if rec == nil {
			continue
		}
		for _, f := range rec.Fields {
			if f.Text == p.Term {
				rec.Findings = append(rec.Findings, explain.Finding{Severity: p.Severity, Code: p.Code, Message: p.Message, Span: f.Span,
					Ref: spfcheck.TreeRef(p.Code), Args: explain.Args{"domain": p.Domain, "term": p.Term}})
				rec.Valid = false
				p.AtTerm = true
				break
			}
		}
	}
}

// recordOf returns the record of the first node of the tree (depth first)
// for domain, nil when there is none.
func (n *SPFNode) recordOf(domain string) *explain.Record {
	if n == nil {
		return nil
	}
	if n.Record != nil && strings.EqualFold(strings.TrimSuffix(n.Domain, "."), strings.TrimSuffix(domain, ".")) {
		return n.Record
	}
	for _, c := range n.Children {
		if r := c.recordOf(domain); r != nil {
			return r
		}
	}
	return nil
}

// markProviders sets Provider on every node below n whose organizational
// domain is not org.
func (n *SPFNode) markProviders(org string) {
	if n == nil {
		return
	}
	for _, c := range n.Children {
		if o := organization(c.Domain); o != org {
			c.Provider = o
		}
		c.markProviders(org)
	}
}

// organization returns domain's organizational domain as RFC 7489 §3.2
// reads it (legacyOrg: the public suffix and one label more), which is
// who publishes the record, not which DMARC policy applies.
func organization(domain string) string {
	return legacyOrg(strings.ToLower(strings.TrimSuffix(domain, ".")))
}

func convertNode(n *spfcheck.Node) *SPFNode {
	if n == nil {
		return nil
	}
	out := &SPFNode{Domain: n.Domain, Via: n.Via, Record: n.Record, Error: n.Error, Spends: []SPFSpend{}, Children: []*SPFNode{},
		networks: n.Networks, clientDependent: n.ClientDependent}
	for _, sp := range n.Spends {
		out.Spends = append(out.Spends, SPFSpend{Term: sp.Term, Lookup: sp.Lookup, Void: sp.Void})
	}
	for _, c := range n.Children {
		out.Children = append(out.Children, convertNode(c))
	}
	return out
}

func (s *SPF) fillCheck(opts Options, domain string, ev *spfcheck.Evaluation) {
	if ev == nil {
		return
	}
	c := &SPFCheck{IP: opts.IP.String(), Domain: domain, Sender: opts.Sender, Helo: opts.Helo, Result: string(ev.Result),
		Explanation: ev.Explanation, Problem: ev.Problem, Code: ev.Code, Path: []SPFStep{},
		DNSLookups: ev.DNSLookups, VoidLookups: ev.VoidLookups}
	for _, st := range ev.Path {
		c.Path = append(c.Path, SPFStep{Domain: st.Domain, Depth: st.Depth, Term: st.Term, Match: st.Match, Result: string(st.Result), Note: st.Note})
	}
	s.Check, s.Result = c, c.Result
}

// authorises reports whether the flattened networks hold ip.
func (s *SPF) authorises(ip netip.Addr) bool {
	for _, n := range s.networks {
		if n.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}
