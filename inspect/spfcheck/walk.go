package spfcheck

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/spf"
)

// maxNodes bounds the records a walk fetches. Every include or redirect
// costs a lookup, so a tree with more than 11 records is over the limit of
// 10 anyway; the bound only stops adversarial trees from growing without end.
const maxNodes = 64

// planLookups is how far past the limit of 10 a walk still fetches the
// records of includes and redirects: receivers never get there, but a plan
// to bring the policy within the limit needs to know what the includes
// past it cost and the networks they authorise (Node.Networks). a and mx
// terms past the limit are not resolved (their queries, two an address
// and more for mx, would crowd the report's budget): a record with one is
// ClientDependent. Problems past the limit are not reported (receivers
// stop at the 11th lookup), and its networks are not in Tree.Networks.
const planLookups = 2 * spf.MaxLookups

// nodeStatus says what the walk found at a node.
type nodeStatus int

const (
	statusOK            nodeStatus = iota
	statusNone                     // no SPF record (or NXDOMAIN)
	statusMultiple                 // several SPF records
	statusInvalid                  // a syntax error: permerror
	statusTemperror                // the TXT query failed
	statusLoop                     // the domain is already on the path from the root
	statusDomainInvalid            // not a domain name that can be queried
	statusSkipped                  // not fetched: never evaluated
	statusCut                      // not fetched: the walk had fetched maxNodes records
)

// wnode is the walk's working state for a Node.
type wnode struct {
	node     *Node
	domain   string
	ancestry []string // the canonical names (doh.CanonicalName) of the domains from the root to here
	bound    int      // lookups spent before this record's terms, at least
	status   nodeStatus
	detail   string // for Error and problems
	voidTXT  bool   // the TXT lookup found no record at all, or NXDOMAIN
	rec      *spf.Record
	terms    []*wterm
}

// wterm is one term of a record, in evaluation order.
type wterm struct {
	t      *spf.Term
	child  *wnode // include and redirect (nil when the domain depends on the client)
	macro  bool   // the domain-spec has macros that depend on the client: not followed or resolved
	target string // the domain the term names, macros expanded (see walker.target); "" with macro
	// a, mx and exists without macros: what their lookups found
	resolved bool
	addrs    []netip.Addr
	void     bool
	tooMany  int    // mx: the number of MX records, when over 10
	failed   string // a DNS failure, described
}

type qkey struct {
	name  string
	qtype uint16
}

type call struct {
	done chan struct{}
	res  *doh.Result
	err  error
}

type walker struct {
	ctx   context.Context
	r     doh.Resolver
	root  string // the walked domain, also the sender's domain (%{o})
	max   int    // the most records fetched (maxNodes)
	wg    sync.WaitGroup
	mu    sync.Mutex
	calls map[qkey]*call
	nodes int
}

// lookup asks the resolver once per (name, type) for the whole walk;
// concurrent askers wait for the first.
func (w *walker) lookup(name string, qtype uint16) (*doh.Result, error) {
	k := qkey{canonical(name), qtype}
	w.mu.Lock()
	if c, ok := w.calls[k]; ok {
		w.mu.Unlock()
		<-c.done
		return c.res, c.err
	}
	c := &call{done: make(chan struct{})}
	w.calls[k] = c
	w.mu.Unlock()
	// Asked even when the context is done: the resolver says so with the
	// error a report lists (a doh.Client sends nothing then).
	c.res, c.err = w.r.Query(w.ctx, name, qtype)
	if c.err == nil && c.res == nil {
		c.err = &doh.Error{Kind: doh.ErrMalformed, Name: name, Type: qtype}
	}
	close(c.done)
	return c.res, c.err
}

func (w *walker) goFn(f func()) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		f()
	}()
}

func walk(ctx context.Context, r doh.Resolver, domain string, max int) *Tree {
	d := trimDot(domain)
	w := &walker{ctx: ctx, r: r, root: d, max: max, calls: map[qkey]*call{}}
	root := &wnode{node: &Node{Domain: d}, domain: d, ancestry: []string{canonical(d)}}
	if !validDomain(d, true) {
		root.status = statusDomainInvalid
	} else {
		w.nodes = 1
		w.goFn(func() { w.fetch(root) })
	}
	w.wg.Wait()
	return count(root)
}

// fetch reads n's record, then starts its children and its address lookups
// at once.
func (w *walker) fetch(n *wnode) {
	res, err := w.lookup(n.domain, dns.TypeTXT)
	switch {
	case err != nil && errors.Is(err, doh.ErrName):
		n.status, n.detail = statusDomainInvalid, fmt.Sprintf("%q is not a valid domain name", n.domain)
		return
	case err != nil:
		n.status, n.detail = statusTemperror, describeErr(n.domain, dns.TypeTXT, err)
		return
	case res.NXDomain():
		n.status, n.voidTXT = statusNone, true
		n.detail = fmt.Sprintf("%s does not exist (NXDOMAIN)", n.domain)
		return
	}
	n.voidTXT = res.Void()
	recs := spfRecords(res)
	n.node.Values = recs
	switch len(recs) {
	case 0:
		n.status = statusNone
		n.detail = fmt.Sprintf("%s has no TXT record starting with \"v=spf1\"", n.domain)
		return
	case 1:
	default:
		n.status = statusMultiple
		n.detail = fmt.Sprintf("%s publishes %d SPF records", n.domain, len(recs))
		return
	}
	ctx := explain.Context{Owner: dns.Fqdn(n.domain)}
	er := spf.Explain(recs[0], ctx)
	spf.RecordKind.Propose(&er, ctx)
	n.node.Record = &er
	rec, _ := spf.Parse(recs[0])
	n.rec = rec
	if rec.PermError() {
		n.status = statusInvalid
		n.detail = fmt.Sprintf("the SPF record of %s has a syntax error", n.domain)
		for _, f := range er.Findings {
			if f.Severity == explain.Error {
				// The record's findings (Node.Record) say what is wrong;
				// the detail points at one by its bytes and code.
				n.detail = fmt.Sprintf("the SPF record of %s has a syntax error at %q, which its finding %s explains", n.domain, recs[0][f.Span.Start():f.Span.End()], f.Code)
				break
			}
		}
		return
	}
	var order []*spf.Term
	hasAll := false
	for _, t := range rec.Mechanisms() {
		order = append(order, t)
		if t.Kind == spf.KindAll {
			hasAll = true
			break
		}
	}
	if rd := rec.Redirect(); rd != nil && !hasAll {
		order = append(order, rd)
	}
	spent := n.bound
	for _, t := range order {
		wt := &wterm{t: t}
		wt.target, wt.macro = w.target(n, t)
		n.terms = append(n.terms, wt)
		if t.Kind.CostsLookup() {
			spent++
		}
		switch t.Kind {
		case spf.KindInclude, spf.KindRedirect:
			if wt.macro {
				continue
			}
			w.child(n, wt, spent)
		case spf.KindA, spf.KindMX, spf.KindExists:
			if wt.macro || spent > spf.MaxLookups { // past the limit an a or mx term is left unresolved: its queries would crowd the report's budget
				continue
			}
			w.goFn(func() { w.resolve(wt, wt.target) })
		}
	}
}

// child starts the walk of an include's or a redirect's domain.
func (w *walker) child(n *wnode, wt *wterm, spent int) {
	target := wt.target
	c := &wnode{node: &Node{Domain: target, Via: wt.t.Text}, domain: target, bound: spent}
	c.ancestry = append(slices.Clip(n.ancestry), canonical(target))
	wt.child = c
	switch {
	case slices.Contains(n.ancestry, canonical(target)):
		c.status = statusLoop
		path := make([]string, len(c.ancestry))
		for i, d := range c.ancestry {
			path[i] = trimDot(d)
		}
		c.detail = fmt.Sprintf("%s is already on the path from the root (%s)", target, strings.Join(path, " → "))
		return
	case !validDomain(target, false):
		c.status, c.detail = statusDomainInvalid, fmt.Sprintf("%q is not a valid domain name", target)
		return
	case spent > planLookups:
		c.status, c.detail = statusSkipped, "not fetched: evaluation stops at the lookup limit before reaching it"
		return
	}
	w.mu.Lock()
	over := w.nodes >= w.max
	if !over {
		w.nodes++
	}
	w.mu.Unlock()
	if over {
		c.status, c.detail = statusCut, fmt.Sprintf("not fetched: the walk stops after %d records", w.max)
		return
	}
	w.goFn(func() { w.fetch(c) })
}

// resolve looks up what an a, mx or exists term names.
func (w *walker) resolve(wt *wterm, target string) {
	if !validDomain(target, false) {
		wt.failed = fmt.Sprintf("%q is not a valid domain name", target)
		return
	}
	switch wt.t.Kind {
	case spf.KindExists:
		res, err := w.lookup(target, dns.TypeA)
		if err != nil {
			wt.failed = describeErr(target, dns.TypeA, err)
			return
		}
		wt.resolved, wt.void = true, res.Void()
	case spf.KindA:
		addrs, void, failed := w.addresses(target)
		wt.resolved, wt.addrs, wt.void, wt.failed = failed == "", addrs, void, failed
	case spf.KindMX:
		res, err := w.lookup(target, dns.TypeMX)
		if err != nil {
			wt.failed = describeErr(target, dns.TypeMX, err)
			return
		}
		var hosts []string
		for _, rr := range res.Records() {
			if mx, ok := rr.(*dns.MX); ok && trimDot(mx.Mx) != "" {
				hosts = append(hosts, trimDot(mx.Mx))
			}
		}
		if len(res.Records()) > maxNames {
			wt.tooMany = len(res.Records())
			return
		}
		wt.void = res.Void()
		results := make([][]netip.Addr, len(hosts))
		fails := make([]string, len(hosts))
		var wg sync.WaitGroup
		for i, h := range hosts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], _, fails[i] = w.addresses(h)
			}()
		}
		wg.Wait()
		for i := range hosts {
			if fails[i] != "" && wt.failed == "" {
				wt.failed = fails[i]
			}
			wt.addrs = append(wt.addrs, results[i]...)
		}
		wt.resolved = wt.failed == ""
	}
}

// addresses returns the A and AAAA records of name, asked concurrently;
// void when neither exists.
func (w *walker) addresses(name string) ([]netip.Addr, bool, string) {
	var r4, r6 *doh.Result
	var e4, e6 error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r6, e6 = w.lookup(name, dns.TypeAAAA)
	}()
	r4, e4 = w.lookup(name, dns.TypeA)
	wg.Wait()
	if e4 != nil {
		return nil, false, describeErr(name, dns.TypeA, e4)
	}
	if e6 != nil {
		return nil, false, describeErr(name, dns.TypeAAAA, e6)
	}
	return append(addrsOf(r4), addrsOf(r6)...), r4.Void() && r6.Void(), ""
}

// target returns the domain term t of n's record names, and whether it
// depends on the client. Macros are expanded when they depend only on the
// domain whose record holds the term (%{d}, RFC 7208 §7.2) or on the
// sender's domain (%{o}), which for the walked policy is the walked domain
// itself (check_host()'s <domain> is the sender's domain, RFC 7208 §4.1);
// the sender's local part, its address, the HELO name and the client's
// names are known only when mail arrives.
func (w *walker) target(n *wnode, t *spf.Term) (target string, client bool) {
	if !t.HasDomainSpec {
		return n.domain, false
	}
	if strings.IndexByte(t.DomainSpec, '%') < 0 {
		return trimDot(t.DomainSpec), false
	}
	parts, err := spf.ParseMacroString(t.DomainSpec, false)
	if err != nil {
		return "", true
	}
	for _, p := range parts {
		if p.Kind == spf.PartMacro && p.Letter != spf.MacroDomain && p.Letter != spf.MacroSenderDomain {
			return "", true
		}
	}
	s, err := spf.ExpandMacro(t.DomainSpec, spf.MacroVars{Domain: n.domain, SenderDomain: w.root}, false)
	if err != nil {
		return "", true
	}
	return trimDot(spf.TruncateDomain(s)), false
}

// counter is the sequential pass over the fetched tree, in evaluation order.
type counter struct {
	tree     *Tree
	overAt   bool // the 11th lookup has been spent
	voidOver bool
	nets     map[netip.Prefix]bool
}

func count(root *wnode) *Tree {
	c := &counter{tree: &Tree{Root: root.node, Networks: []netip.Prefix{}, Problems: []Problem{}}, nets: map[netip.Prefix]bool{}}
	switch root.status {
	case statusDomainInvalid:
		root.node.Error = fmt.Sprintf("%q is not a valid domain name", root.domain)
		c.problem(explain.Error, CodeTreeDomainInvalid, root.domain, "",
			fmt.Sprintf("%q is not a valid multi-label domain name; receivers checking it get the result none (RFC 7208 §4.3). Check the spelling.", root.domain))
	case statusNone:
		root.node.Error = "no SPF record: " + root.detail
		c.problem(explain.Warning, CodeTreeRecordNone, root.domain, "",
			fmt.Sprintf("%s; receivers get the result none and cannot tell mail from %s apart from forgeries (RFC 7208 §2.6.1, §4.5). Publish one TXT record at %s starting with \"v=spf1\", ending in \"-all\" or \"~all\".", root.detail, root.domain, root.domain))
	case statusTemperror:
		root.node.Error = "DNS failure: " + root.detail
		c.problem(explain.Warning, CodeTreeTemperror, root.domain, "",
			fmt.Sprintf("%s; receivers asking now would get temperror (RFC 7208 §2.6.6, §4.4) and usually defer the mail. Check the domain's name servers.", root.detail))
	default:
		c.node(root, 0, true)
	}
	normalize(root.node)
	slices.SortFunc(c.tree.Networks, func(a, b netip.Prefix) int {
		if x := a.Addr().Compare(b.Addr()); x != 0 {
			return x
		}
		return a.Bits() - b.Bits()
	})
	return c.tree
}

// normalize gives every node empty lists instead of nil, for the JSON.
func normalize(n *Node) {
	if n.Values == nil {
		n.Values = []string{}
	}
	if n.Spends == nil {
		n.Spends = []Spend{}
	}
	if n.Children == nil {
		n.Children = []*Node{}
	}
	for _, ch := range n.Children {
		normalize(ch)
	}
}

func (c *counter) problem(sev explain.Severity, code, domain, term, msg string) {
	if c.overAt && code != CodeTreeLookupsExceeded {
		return // past the 11th lookup: receivers never get there
	}
	c.tree.Problems = append(c.tree.Problems, Problem{Severity: sev, Code: code, Message: msg, Domain: domain, Term: term})
}

// appendNet appends p, masked, to nets unless it is there.
func appendNet(nets []netip.Prefix, p netip.Prefix) []netip.Prefix {
	p = p.Masked()
	if slices.Contains(nets, p) {
		return nets
	}
	return append(nets, p)
}

func (c *counter) addNet(p netip.Prefix) {
	p = p.Masked()
	if !c.nets[p] {
		c.nets[p] = true
		c.tree.Networks = append(c.tree.Networks, p)
	}
}

// node counts n's terms and descends into its children; auth says whether
// a pass here authorises (every include on the way had a pass qualifier).
func (c *counter) node(n *wnode, depth int, auth bool) {
	nd := n.node
	nd.Children = []*Node{}
	nd.Spends = []Spend{}
	switch n.status {
	case statusMultiple:
		nd.Error = "several SPF records: " + n.detail
		c.problem(explain.Error, CodeTreeRecordMultiple, n.domain, "",
			fmt.Sprintf("%s; there must be exactly one, or receivers return permerror (RFC 7208 §4.5). Merge them into one record.", n.detail))
		return
	case statusInvalid:
		nd.Error = "permerror: " + n.detail
		c.problem(explain.Error, CodeTreeRecordInvalid, n.domain, "",
			fmt.Sprintf("%s (RFC 7208 §4.6).", strings.TrimSuffix(n.detail, ".")))
		return
	}
	for _, wt := range n.terms {
		t := wt.t
		if t.Kind.CostsLookup() {
			c.tree.DNSLookups++
			void := wt.void || (wt.child != nil && wt.child.voidTXT)
			nd.Spends = append(nd.Spends, Spend{Term: t.Text, Lookup: c.tree.DNSLookups, Void: void})
			if c.tree.DNSLookups == spf.MaxLookups+1 {
				c.overAt = true
				c.problem(explain.Error, CodeTreeLookupsExceeded, n.domain, t.Text,
					fmt.Sprintf("%q in the SPF record of %s is the 11th term that needs a DNS lookup when nothing matches earlier; RFC 7208 §4.6.4 allows 10, so receivers that get this far return permerror. Replace include, a and mx terms with ip4/ip6 networks, or remove includes you no longer use.", t.Text, n.domain))
			}
			if void {
				c.tree.VoidLookups++
				if c.tree.VoidLookups == spf.MaxVoidLookups+1 {
					c.voidOver = true
					c.problem(explain.Error, CodeTreeVoidExceeded, n.domain, t.Text,
						fmt.Sprintf("%q in the SPF record of %s is the 3rd lookup that finds nothing (no record, or NXDOMAIN); RFC 7208 §4.6.4 allows 2, so receivers that get this far return permerror. Remove terms naming domains that no longer exist.", t.Text, n.domain))
				}
			}
		}
		pass := auth && t.Qualifier == spf.QualifierPass && !c.overAt
		own := t.Qualifier == spf.QualifierPass // for Node.Networks, whatever the limit
		if wt.macro || t.Kind == spf.KindExists || t.Kind == spf.KindPTR {
			nd.ClientDependent = true
		}
		switch t.Kind {
		case spf.KindIP4, spf.KindIP6:
			if own {
				nd.Networks = appendNet(nd.Networks, network(t))
			}
			if pass {
				c.addNet(network(t))
			}
		case spf.KindA, spf.KindMX:
			if wt.tooMany > 0 {
				c.problem(explain.Error, CodeTreeMXTooMany, n.domain, t.Text,
					fmt.Sprintf("%q in the SPF record of %s names a domain with %d MX records; RFC 7208 §4.6.4 allows an mx term to look up at most 10, so receivers return permerror when they reach it. Use ip4/ip6 for the mail servers instead.", t.Text, n.domain, wt.tooMany))
			}
			if wt.failed != "" {
				c.temperror(n, t, wt.failed)
			}
			if own && !wt.resolved && !wt.macro {
				nd.ClientDependent = true // not resolved: its networks are unknown here
			}
			if own && wt.resolved {
				for _, a := range wt.addrs {
					bits := t.Prefix4()
					if a.Is6() {
						bits = t.Prefix6()
					}
					if p, err := a.Prefix(bits); err == nil {
						nd.Networks = appendNet(nd.Networks, p)
						if pass {
							c.addNet(p)
						}
					}
				}
			}
		case spf.KindExists:
			if wt.failed != "" {
				c.temperror(n, t, wt.failed)
			}
		case spf.KindInclude, spf.KindRedirect:
			if wt.macro {
				c.problem(explain.Info, CodeTreeMacroSkipped, n.domain, t.Text,
					fmt.Sprintf("%q in the SPF record of %s has macros: the domain it names depends on the connecting client, so it was not followed here and its networks are not listed (RFC 7208 §7).", t.Text, n.domain))
				continue
			}
			ch := wt.child
			nd.Children = append(nd.Children, ch.node)
			childAuth := auth
			if t.Kind == spf.KindInclude {
				childAuth = auth && t.Qualifier == spf.QualifierPass
			}
			c.child(n, t, ch, depth+1, childAuth)
		}
	}
}

func (c *counter) temperror(n *wnode, t *spf.Term, failed string) {
	c.problem(explain.Warning, CodeTreeTemperror, n.domain, t.Text,
		fmt.Sprintf("%s, for %q in the SPF record of %s; receivers hitting the same failure return temperror (RFC 7208 §5) and usually defer the mail.", failed, t.Text, n.domain))
}

// child reports what an include or redirect found and counts its record.
func (c *counter) child(parent *wnode, t *spf.Term, ch *wnode, depth int, auth bool) {
	nd := ch.node
	isInclude := t.Kind == spf.KindInclude
	ref, code := "RFC 7208 §5.2", CodeTreeIncludeNone
	if !isInclude {
		ref, code = "RFC 7208 §6.1", CodeTreeRedirectNone
	}
	switch ch.status {
	case statusNone, statusDomainInvalid:
		nd.Error = "no SPF record: " + ch.detail
		c.problem(explain.Error, code, parent.domain, t.Text,
			fmt.Sprintf("%q in the SPF record of %s: %s, so receivers that reach this term return permerror, not none (%s). Remove the term or correct the domain.", t.Text, parent.domain, ch.detail, ref))
	case statusTemperror:
		nd.Error = "DNS failure: " + ch.detail
		c.temperror(parent, t, ch.detail)
	case statusLoop:
		nd.Error = "loop: " + ch.detail
		how := "leads back to " + ch.domain
		if strings.IndexByte(t.DomainSpec, '%') >= 0 {
			how = fmt.Sprintf("expands to %s whatever the client (%%{d} is the domain whose record holds the term, %%{o} the sender's domain, where the evaluation started; RFC 7208 §7.2)", ch.domain)
		}
		c.problem(explain.Error, CodeTreeIncludeLoop, parent.domain, t.Text,
			fmt.Sprintf("%q in the SPF record of %s %s; %s is already being evaluated, so receivers go round until they pass 10 DNS lookups and return permerror (RFC 7208 §4.6.4). Remove the term.", t.Text, parent.domain, how, ch.domain))
	case statusSkipped:
		nd.Error = ch.detail
	case statusCut:
		nd.Error = ch.detail
		if !c.overAt { // within the 10 lookups: receivers evaluate what the walk did not fetch
			c.problem(explain.Warning, CodeTreeWalkCut, parent.domain, t.Text,
				fmt.Sprintf("%q in the SPF record of %s was not followed (%s), yet receivers reach it within the %d lookups they allow, so what the policy authorises is not fully known here (RFC 7208 §4.6.4). Flatten the policy: fewer includes, more ip4/ip6 terms.", t.Text, parent.domain, strings.TrimPrefix(ch.detail, "not fetched: "), spf.MaxLookups))
		}
	default:
		c.node(ch, depth, auth)
	}
}
