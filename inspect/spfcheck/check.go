package spfcheck

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/spf"
)

// maxNames is the limit on MX names and on PTR names looked up for one term
// (RFC 7208 §4.6.4).
const maxNames = 10

// checker is one check_host() evaluation: the counters of §4.6.4 are shared
// by every nested include and redirect.
type checker struct {
	ctx     context.Context
	r       doh.Resolver
	ip      netip.Addr // the client, IPv4-mapped addresses unmapped (RFC 7208 §5)
	vars    spf.MacroVars
	lookups int
	voids   int
	path    []Step

	// the validated names of ip (RFC 7208 §5.5), looked up once for every
	// ptr term and %{p} macro of the check
	ptrNames []string
	ptrVoid  bool
	ptrErr   error
	ptrDone  bool

	stack []string // the domains being checked, from the top
	loop  string   // the first include or redirect chain that came back on itself
}

// outcome is what one check_host() level returns.
type outcome struct {
	res     Result
	exp     string // the explanation, for a fail
	code    string // why, for none, permerror and temperror
	problem string
	void    bool // none because the TXT lookup found nothing (a void lookup)
}

func fail(res Result, code, format string, a ...any) outcome {
	return outcome{res: res, code: code, problem: fmt.Sprintf(format, a...)}
}

func check(ctx context.Context, r doh.Resolver, q Query) *Evaluation {
	c := &checker{ctx: ctx, r: r, ip: q.IP.Unmap().WithZone("")}
	domain := q.Domain
	sender := q.Sender
	if sender == "" {
		sender = "postmaster@" + q.Helo // RFC 7208 §4.3
	}
	local, senderDomain := sender, ""
	if i := strings.LastIndexByte(sender, '@'); i >= 0 {
		local, senderDomain = sender[:i], sender[i+1:]
	} else {
		local, senderDomain = "", sender
	}
	if local == "" {
		local = "postmaster" // RFC 7208 §4.3
	}
	if domain == "" {
		domain = senderDomain
	}
	var ts int64
	if !q.Now.IsZero() {
		ts = q.Now.Unix()
	}
	c.vars = spf.MacroVars{
		Sender:        local + "@" + senderDomain,
		LocalPart:     local,
		SenderDomain:  senderDomain,
		IP:            ipaddr.AddrFrom16(c.ip.As16()).Unmap(),
		Helo:          q.Helo,
		ReceivingHost: q.Receiver,
		Timestamp:     ts,
	}
	ev := &Evaluation{}
	var o outcome
	switch {
	case !c.ip.IsValid():
		o = fail(ResultNone, CodeCheckIPMissing, "no client IP address was given, and check_host() needs one (RFC 7208 §4.1)")
	case !validDomain(domain, true):
		// RFC 7208 §4.3: a malformed domain gives "none" at once.
		o = fail(ResultNone, CodeCheckDomainInvalid, "%q is not a valid multi-label domain name, so there is no SPF policy to check (RFC 7208 §4.3)", domain)
	default:
		o = c.checkHost(trimDot(domain), 0)
	}
	ev.Result = o.res
	if o.res == ResultFail {
		ev.Explanation = o.exp
	}
	if o.res == ResultNone || o.res == ResultPermerror || o.res == ResultTemperror {
		ev.Code, ev.Problem = o.code, o.problem
	}
	ev.Path = c.path
	if ev.Path == nil {
		ev.Path = []Step{}
	}
	ev.DNSLookups, ev.VoidLookups = c.lookups, c.voids
	return ev
}

// query asks the resolver, even when the context is done: the resolver
// says so with the error a report lists (a doh.Client sends nothing then).
func (c *checker) query(name string, qtype uint16) (*doh.Result, error) {
	res, err := c.r.Query(c.ctx, name, qtype)
	if err == nil && res == nil {
		err = &doh.Error{Kind: doh.ErrMalformed, Name: name, Type: qtype}
	}
	return res, err
}

// describeErr says what failed, for Problem texts.
func describeErr(name string, qtype uint16, err error) string {
	var de *doh.Error
	if errors.As(err, &de) {
		switch {
		case errors.Is(err, doh.ErrTimeout):
			return fmt.Sprintf("the %s query for %s timed out", dns.TypeToString[qtype], name)
		case errors.Is(err, doh.ErrRcode):
			return fmt.Sprintf("the %s query for %s failed with %s", dns.TypeToString[qtype], name, doh.RcodeString(de.Rcode))
		}
	}
	return fmt.Sprintf("the %s query for %s failed: %v", dns.TypeToString[qtype], name, err)
}

// spfRecords returns the SPF records among a TXT answer (RFC 7208 §4.5).
func spfRecords(res *doh.Result) []string {
	var out []string
	for _, t := range res.TXT() {
		if spf.IsSPF(t) {
			out = append(out, t)
		}
	}
	return out
}

// checkHost is check_host() for one domain (RFC 7208 §4).
func (c *checker) checkHost(domain string, depth int) outcome {
	c.vars.Domain = domain
	for i, d := range c.stack {
		if c.loop == "" && doh.EqualNames(d, domain) {
			c.loop = strings.Join(append(slices.Clone(c.stack[i:]), domain), " → ")
		}
	}
	c.stack = append(c.stack, domain)
	defer func() { c.stack = c.stack[:len(c.stack)-1] }()
	res, err := c.query(domain, dns.TypeTXT)
	if err != nil {
		if errors.Is(err, doh.ErrName) {
			return fail(ResultNone, CodeCheckDomainInvalid, "%q is not a valid domain name (RFC 7208 §4.3)", domain)
		}
		return fail(ResultTemperror, CodeCheckTemperror, "%s, so the SPF record of %s could not be read (RFC 7208 §4.4)", describeErr(domain, dns.TypeTXT, err), domain)
	}
	if res.NXDomain() {
		o := fail(ResultNone, CodeCheckRecordNone, "%s does not exist (NXDOMAIN), so it has no SPF record (RFC 7208 §4.3)", domain)
		o.void = true
		return o
	}
	recs := spfRecords(res)
	switch len(recs) {
	case 0:
		o := fail(ResultNone, CodeCheckRecordNone, "%s has no TXT record starting with \"v=spf1\" (RFC 7208 §4.5)", domain)
		o.void = res.Void()
		return o
	case 1:
	default:
		return fail(ResultPermerror, CodeCheckRecordMultiple, "%s publishes %d SPF records; there must be exactly one (RFC 7208 §4.5)", domain, len(recs))
	}
	rec, findings := spf.Parse(recs[0])
	if rec.PermError() {
		// Explaining the record says what is wrong; the problem points at
		// the first error by its bytes and code.
		msg := "it has a syntax error"
		for _, f := range findings {
			if f.Severity == explain.Error {
				msg = fmt.Sprintf("it has a syntax error at %q, which its finding %s explains", recs[0][f.Span.Start():f.Span.End()], f.Code)
				break
			}
		}
		return fail(ResultPermerror, CodeCheckRecordInvalid, "the SPF record of %s (%q) cannot be evaluated: %s", domain, recs[0], msg)
	}

	for _, t := range rec.Mechanisms() {
		stepAt := len(c.path)
		c.path = append(c.path, Step{Domain: domain, Depth: depth, Term: t.Text})
		if t.Kind.CostsLookup() {
			c.lookups++
			if c.lookups > spf.MaxLookups {
				c.path[stepAt].Note = fmt.Sprintf("lookup %d of %d allowed", c.lookups, spf.MaxLookups)
				return c.overLimit(t, domain)
			}
		}
		m, o, note := c.mechanism(t, domain, depth)
		c.vars.Domain = domain // nested checks change it
		if c.vars.Helo == "" && usesMacro(t.DomainSpec, 'h') {
			note += "; %{h} is empty: no HELO name was given"
		}
		st := &c.path[stepAt]
		st.Note = note
		if o != nil {
			st.Result = o.res
			return *o
		}
		if t.Kind == spf.KindInclude {
			st.Result = m.inner
		}
		if m.match {
			st.Match = true
			r := Result(t.Qualifier.Result())
			if t.Kind != spf.KindInclude {
				st.Result = r
			}
			out := outcome{res: r}
			if r == ResultFail {
				var why string
				if out.exp, why = c.explanation(rec, domain); why != "" {
					st.Note += "; no explanation: " + why + " (RFC 7208 §6.2)"
				}
			}
			return out
		}
	}

	if rd := rec.Redirect(); rd != nil {
		// RFC 7208 §6.1: only when no mechanism matched ("all" always does).
		stepAt := len(c.path)
		c.path = append(c.path, Step{Domain: domain, Depth: depth, Term: rd.Text, Match: true})
		c.lookups++
		if c.lookups > spf.MaxLookups {
			c.path[stepAt].Note = fmt.Sprintf("lookup %d of %d allowed", c.lookups, spf.MaxLookups)
			return c.overLimit(rd, domain)
		}
		target, err := c.target(rd, domain)
		if err != nil {
			c.path[stepAt].Result = ResultPermerror
			return fail(ResultPermerror, CodeCheckRecordInvalid, "%q in the SPF record of %s: %v", rd.Text, domain, err)
		}
		if !validDomain(target, false) {
			c.path[stepAt].Result = ResultPermerror
			c.path[stepAt].Note = fmt.Sprintf("%q is not a valid domain name", target)
			return fail(ResultPermerror, CodeCheckRedirectNone, "%q in the SPF record of %s names %q, which is not a valid domain name (RFC 7208 §6.1)", rd.Text, domain, target)
		}
		c.path[stepAt].Note = "redirect to " + target
		inner := c.checkHost(target, depth+1)
		c.vars.Domain = domain
		c.path[stepAt].Result = inner.res
		if inner.res == ResultNone {
			if inner.void {
				c.voids++ // counted, but the permerror is about the missing record
			}
			c.path[stepAt].Result = ResultPermerror
			return fail(ResultPermerror, CodeCheckRedirectNone, "%q in the SPF record of %s leads to a domain with no SPF record: %s (RFC 7208 §6.1)", rd.Text, domain, withoutRef(inner.problem))
		}
		return inner // with its own explanation, never this record's (§6.2)
	}
	return outcome{res: ResultNeutral} // RFC 7208 §4.7
}

// overLimit is the permerror of the 11th lookup (RFC 7208 §4.6.4).
func (c *checker) overLimit(t *spf.Term, domain string) outcome {
	o := fail(ResultPermerror, CodeCheckLookupsExceeded, "%q in the SPF record of %s is the %s term that needs a DNS lookup; RFC 7208 §4.6.4 allows %d per check", t.Text, domain, ordinal(c.lookups), spf.MaxLookups)
	if c.loop != "" {
		o.problem += "; the records include each other in a loop (" + c.loop + ")"
	}
	return o
}

// withoutRef drops a final " (RFC …)" from a problem that is quoted in
// another.
func withoutRef(s string) string {
	if i := strings.LastIndex(s, " (RFC "); i >= 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

func ordinal(n int) string {
	switch n % 100 {
	case 11, 12, 13:
		return fmt.Sprintf("%dth", n)
	}
	switch n % 10 {
	case 1:
		return fmt.Sprintf("%dst", n)
	case 2:
		return fmt.Sprintf("%dnd", n)
	case 3:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}

// match is a mechanism's verdict when it neither errs nor decides.
type match struct {
	match bool
	inner Result // include: the nested result
}

// target expands the term's domain-spec, or gives the current domain when
// there is none (RFC 7208 §4.8), truncated to 253 characters (§7.3) and
// without a final dot.
func (c *checker) target(t *spf.Term, domain string) (string, error) {
	if !t.HasDomainSpec {
		return domain, nil
	}
	v := c.vars
	v.Domain = domain
	if usesMacro(t.DomainSpec, 'p') {
		v.PTRName = c.ptrName(domain)
	}
	s, err := spf.ExpandMacro(t.DomainSpec, v, false)
	if err != nil {
		return "", err
	}
	return trimDot(spf.TruncateDomain(s)), nil
}

// usesMacro reports whether spec holds the macro letter (lowercase), in
// either case.
func usesMacro(spec string, letter byte) bool {
	for i := 0; i+2 < len(spec); i++ {
		if spec[i] == '%' && spec[i+1] == '{' && (spec[i+2] == letter || spec[i+2] == letter-'a'+'A') {
			return true
		}
	}
	return false
}

// mechanism evaluates one mechanism. A non-nil outcome ends the evaluation
// (temperror, permerror).
func (c *checker) mechanism(t *spf.Term, domain string, depth int) (match, *outcome, string) {
	switch t.Kind {
	case spf.KindAll:
		return match{match: true}, nil, "all always matches"
	case spf.KindIP4, spf.KindIP6:
		n := network(t)
		if n.Contains(c.ip) {
			return match{match: true}, nil, fmt.Sprintf("%s is in %s", c.ip, n)
		}
		return match{}, nil, fmt.Sprintf("%s is not in %s", c.ip, n)
	}
	target, err := c.target(t, domain)
	if err != nil {
		o := fail(ResultPermerror, CodeCheckRecordInvalid, "%q in the SPF record of %s cannot be expanded: %v (RFC 7208 §7)", t.Text, domain, err)
		return match{}, &o, "macro error"
	}
	if t.Kind == spf.KindInclude {
		if !validDomain(target, false) {
			o := fail(ResultPermerror, CodeCheckIncludeNone, "%q in the SPF record of %s names %q, which is not a valid domain name (RFC 7208 §5.2)", t.Text, domain, target)
			return match{}, &o, fmt.Sprintf("%q is not a valid domain name", target)
		}
		inner := c.checkHost(target, depth+1)
		note := fmt.Sprintf("%s gives %s", target, inner.res)
		switch inner.res {
		case ResultPass:
			return match{match: true, inner: inner.res}, nil, note
		case ResultFail, ResultSoftfail, ResultNeutral:
			return match{inner: inner.res}, nil, note
		case ResultNone:
			if inner.void {
				c.voids++ // counted, but the permerror is about the missing record
			}
			o := fail(ResultPermerror, CodeCheckIncludeNone, "%q in the SPF record of %s includes a domain with no SPF record: %s (RFC 7208 §5.2)", t.Text, domain, withoutRef(inner.problem))
			return match{inner: inner.res}, &o, note
		default: // temperror, permerror propagate (RFC 7208 §5.2)
			return match{inner: inner.res}, &inner, note
		}
	}
	if !validDomain(target, false) {
		// RFC 7208 leaves this undefined; like a name that does not exist.
		return match{}, nil, fmt.Sprintf("%q is not a valid domain name: no query sent, no match", target)
	}
	switch t.Kind {
	case spf.KindA:
		addrs, void, o := c.addresses(t, target, c.ip.Is6())
		if o != nil {
			return match{}, o, "DNS error"
		}
		if void {
			if o := c.void(t, domain); o != nil {
				return match{}, o, c.voidNote()
			}
			return match{}, nil, fmt.Sprintf("%s has no %s record; %s", target, addrType(c.ip), c.voidNote())
		}
		if p, ok := c.matchAddrs(t, addrs); ok {
			return match{match: true}, nil, fmt.Sprintf("%s is in %s (an address of %s)", c.ip, p, target)
		}
		return match{}, nil, fmt.Sprintf("%s is not among the %s addresses of %s", c.ip, addrType(c.ip), target)
	case spf.KindMX:
		res, err := c.query(target, dns.TypeMX)
		if err != nil {
			o := fail(ResultTemperror, CodeCheckTemperror, "%s, while evaluating %q in the SPF record of %s (RFC 7208 §5)", describeErr(target, dns.TypeMX, err), t.Text, domain)
			return match{}, &o, "DNS error"
		}
		if res.Void() {
			if o := c.void(t, domain); o != nil {
				return match{}, o, c.voidNote()
			}
			return match{}, nil, fmt.Sprintf("%s has no MX record; %s", target, c.voidNote())
		}
		var hosts []string
		for _, rr := range res.Records() {
			if mx, ok := rr.(*dns.MX); ok {
				hosts = append(hosts, mx.Mx)
			}
		}
		if len(hosts) > maxNames {
			o := fail(ResultPermerror, CodeCheckMXTooMany, "%s has %d MX records, more than the %d that %q may look up (RFC 7208 §4.6.4)", target, len(hosts), maxNames, t.Text)
			return match{}, &o, fmt.Sprintf("%d MX records", len(hosts))
		}
		for _, h := range hosts {
			h = trimDot(h)
			if h == "" { // null MX, RFC 7505
				continue
			}
			addrs, _, o := c.addresses(t, h, c.ip.Is6())
			if o != nil {
				return match{}, o, "DNS error"
			}
			if p, ok := c.matchAddrs(t, addrs); ok {
				return match{match: true}, nil, fmt.Sprintf("%s is in %s (an address of %s, MX of %s)", c.ip, p, h, target)
			}
		}
		return match{}, nil, fmt.Sprintf("%s is not among the %s addresses of the MX hosts of %s", c.ip, addrType(c.ip), target)
	case spf.KindPTR:
		names, void, err := c.validated()
		if err != nil {
			return match{}, nil, fmt.Sprintf("%v: no match (RFC 7208 §5.5)", err)
		}
		if void {
			if o := c.void(t, domain); o != nil {
				return match{}, o, c.voidNote()
			}
			return match{}, nil, fmt.Sprintf("%s has no PTR record; %s", c.ip, c.voidNote())
		}
		for _, n := range names {
			if inDomain(n, target) {
				return match{match: true}, nil, fmt.Sprintf("%s is a validated name of %s", n, c.ip)
			}
		}
		return match{}, nil, fmt.Sprintf("no validated name of %s is in %s", c.ip, target)
	case spf.KindExists:
		res, err := c.query(target, dns.TypeA) // always A, RFC 7208 §5.7
		if err != nil {
			o := fail(ResultTemperror, CodeCheckTemperror, "%s, while evaluating %q in the SPF record of %s (RFC 7208 §5)", describeErr(target, dns.TypeA, err), t.Text, domain)
			return match{}, &o, "DNS error"
		}
		if res.Void() {
			if o := c.void(t, domain); o != nil {
				return match{}, o, c.voidNote()
			}
			return match{}, nil, fmt.Sprintf("%s has no A record; %s", target, c.voidNote())
		}
		return match{match: true}, nil, fmt.Sprintf("%s has an A record", target)
	}
	return match{}, nil, ""
}

func (c *checker) voidNote() string {
	return fmt.Sprintf("void lookup (%d of %d allowed)", c.voids, spf.MaxVoidLookups)
}

// void counts a void lookup (RFC 7208 §4.6.4).
func (c *checker) void(t *spf.Term, domain string) *outcome {
	c.voids++
	if c.voids > spf.MaxVoidLookups {
		o := fail(ResultPermerror, CodeCheckVoidExceeded, "%q in the SPF record of %s is the %s lookup that found nothing (no record, or NXDOMAIN); RFC 7208 §4.6.4 allows %d", t.Text, domain, ordinal(c.voids), spf.MaxVoidLookups)
		return &o
	}
	return nil
}

func addrType(ip netip.Addr) string {
	if ip.Is6() {
		return "AAAA"
	}
	return "A"
}

// addresses looks up the A (or AAAA) records of name.
func (c *checker) addresses(t *spf.Term, name string, six bool) ([]netip.Addr, bool, *outcome) {
	qtype := dns.TypeA
	if six {
		qtype = dns.TypeAAAA
	}
	res, err := c.query(name, qtype)
	if err != nil {
		o := fail(ResultTemperror, CodeCheckTemperror, "%s, while evaluating %q (RFC 7208 §5)", describeErr(name, qtype, err), t.Text)
		return nil, false, &o
	}
	return addrsOf(res), res.Void(), nil
}

// network is the ip4 or ip6 term's network as a netip.Prefix; the zero
// Prefix when it has none.
func network(t *spf.Term) netip.Prefix {
	if !t.Network.IsValid() {
		return netip.Prefix{}
	}
	a := netip.AddrFrom16(t.Network.Addr().As16())
	if t.Network.Addr().Is4() {
		a = a.Unmap()
	}
	return netip.PrefixFrom(a, t.Network.Bits())
}

func addrsOf(res *doh.Result) []netip.Addr {
	var out []netip.Addr
	for _, rr := range res.Records() {
		switch r := rr.(type) {
		case *dns.A:
			if a, ok := netip.AddrFromSlice(r.A.To4()); ok {
				out = append(out, a)
			}
		case *dns.AAAA:
			if a, ok := netip.AddrFromSlice(r.AAAA.To16()); ok {
				out = append(out, a)
			}
		}
	}
	return out
}

// matchAddrs compares the client with addrs under the term's CIDR lengths
// (RFC 7208 §5).
func (c *checker) matchAddrs(t *spf.Term, addrs []netip.Addr) (netip.Prefix, bool) {
	for _, a := range addrs {
		bits := t.Prefix4()
		if a.Is6() && !a.Is4In6() {
			bits = t.Prefix6()
		} else {
			a = a.Unmap()
		}
		if a.Is4() != c.ip.Is4() {
			continue
		}
		p, err := a.Prefix(bits)
		if err == nil && p.Contains(c.ip) {
			return p, true
		}
	}
	return netip.Prefix{}, false
}

// validatedNames returns the validated names of the client (RFC 7208 §5.5):
// the names of its PTR records (the first 10) that have an address equal
// to it. void reports that the PTR lookup found nothing.
func (c *checker) validatedNames() (names []string, void bool, err error) {
	rev, err := dns.ReverseAddr(c.ip.String())
	if err != nil {
		return nil, false, err
	}
	res, err := c.query(rev, dns.TypePTR)
	if err != nil {
		// a DNS error: the mechanism does not match
		return nil, false, errors.New(describeErr(trimDot(rev), dns.TypePTR, err))
	}
	if res.Void() {
		return nil, true, nil
	}
	n := 0
	for _, rr := range res.Records() {
		p, ok := rr.(*dns.PTR)
		if !ok {
			continue
		}
		if n++; n > maxNames {
			break // RFC 7208 §4.6.4: the others are ignored
		}
		name := trimDot(p.Ptr)
		if !validDomain(name, false) {
			continue
		}
		qtype := dns.TypeA
		if c.ip.Is6() {
			qtype = dns.TypeAAAA
		}
		ares, err := c.query(name, qtype)
		if err != nil {
			continue // skipped, RFC 7208 §5.5
		}
		for _, a := range addrsOf(ares) {
			if a.Unmap() == c.ip {
				names = append(names, name)
				break
			}
		}
	}
	return names, false, nil
}

// validated returns validatedNames, looked up once per check.
func (c *checker) validated() ([]string, bool, error) {
	if !c.ptrDone {
		c.ptrDone = true
		c.ptrNames, c.ptrVoid, c.ptrErr = c.validatedNames()
	}
	return c.ptrNames, c.ptrVoid, c.ptrErr
}

// ptrName is %{p} (RFC 7208 §7.3): the domain itself if validated, else a
// validated subdomain of it, else any validated name, else "unknown".
func (c *checker) ptrName(domain string) string {
	c.validated()
	if len(c.ptrNames) == 0 {
		return "unknown"
	}
	for _, n := range c.ptrNames {
		if doh.EqualNames(n, domain) {
			return n
		}
	}
	for _, n := range c.ptrNames {
		if inDomain(n, domain) {
			return n
		}
	}
	return c.ptrNames[0]
}

// explanation is the exp= text of rec for a fail (RFC 7208 §6.2), or ""
// when there is none; why says what went wrong with an exp= that gives no
// text (receivers then proceed as if there were no exp=).
func (c *checker) explanation(rec *spf.Record, domain string) (text, why string) {
	e := rec.Exp()
	if e == nil {
		return "", ""
	}
	v := c.vars
	v.Domain = domain
	if usesMacro(e.DomainSpec, 'p') {
		v.PTRName = c.ptrName(domain)
	}
	name, err := spf.ExpandMacro(e.DomainSpec, v, false)
	if err != nil {
		return "", fmt.Sprintf("%q cannot be expanded: %v", e.Text, err)
	}
	name = trimDot(spf.TruncateDomain(name))
	if !validDomain(name, false) {
		return "", fmt.Sprintf("%q names %q, which is not a valid domain name", e.Text, name)
	}
	res, err := c.query(name, dns.TypeTXT) // not counted, RFC 7208 §4.6.4
	if err != nil {
		return "", describeErr(name, dns.TypeTXT, err)
	}
	switch txt := res.TXT(); len(txt) {
	case 0:
		return "", name + " has no TXT record"
	case 1:
		if usesMacro(txt[0], 'p') {
			v.PTRName = c.ptrName(domain)
		}
		s, err := spf.ExpandMacro(txt[0], v, true)
		if err != nil {
			return "", fmt.Sprintf("the TXT record of %s is not a valid explanation string (%v)", name, err)
		}
		return s, ""
	default:
		return "", fmt.Sprintf("%s has %d TXT records, and exp= needs exactly one", name, len(txt))
	}
}

// inDomain reports whether name is domain or a name below it, compared
// canonically (doh.CanonicalName): label by label, ASCII case aside.
func inDomain(name, domain string) bool {
	return dns.IsSubDomain(canonical(domain), canonical(name))
}

// canonical is name's canonical form (doh.CanonicalName), for comparisons
// and map keys; a name that is not a valid domain name is only lowercased.
func canonical(name string) string {
	if c, ok := doh.CanonicalName(name); ok {
		return c
	}
	return strings.ToLower(dns.Fqdn(name))
}

func trimDot(s string) string { return strings.TrimSuffix(s, ".") }

// validDomain reports whether name can be queried: labels of 1 to 63 octets,
// at most 253 characters, at least two labels, no control characters (a
// macro can put spaces and any byte of the sender in a name). strict adds
// what RFC 7208 §4.3 and §7.1 expect of the checked domain: a top label
// that is a valid toplabel (so no domain literal or IP address), and only
// letters, digits, hyphens and underscores.
func validDomain(name string, strict bool) bool {
	name = trimDot(name)
	if name == "" || len(name) > 253 {
		return false
	}
	labels := strings.Split(name, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return false
		}
		for i := 0; i < len(l); i++ {
			ch := l[i]
			if ch < ' ' || ch == 0x7f {
				return false
			}
			if strict && !(isAlnum(ch) || ch == '-' || ch == '_') {
				return false
			}
		}
	}
	if strict {
		return validTopLabel(labels[len(labels)-1])
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// validTopLabel is RFC 7208 §7.1's toplabel: alphanumerics with at least one
// letter, or alphanumerics and hyphens not starting or ending with a hyphen.
func validTopLabel(l string) bool {
	if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	letter := false
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			letter = true
		case '0' <= c && c <= '9':
		case c == '-':
			letter = true // 1*alphanum "-" … alphanum
		default:
			return false
		}
	}
	return letter
}
