package inspect

import (
	"context"
	"strings"
	"sync"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/internal/psl"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
)

// MaxWalkQueries is the most DMARC policy queries the DNS Tree Walk makes
// (RFC 9989 §4.10).
const MaxWalkQueries = 8

// DMARC is the domain's DMARC policy as RFC 9989 receivers find it, and how
// RFC 7489 receivers differ.
type DMARC struct {
	// PolicyDomain is the domain whose record applies ("" when none does),
	// OrganizationalDomain the domain's organizational domain (RFC 9989
	// §4.10.2; the domain itself when the walk finds no record).
	PolicyDomain         string `json:"policy_domain"`
	OrganizationalDomain string `json:"organizational_domain"`
	// Source says where the policy came from: "domain" (the domain's own
	// record), "organizational" or "psd" (a public suffix domain's record),
	// "" when none applies.
	Source string `json:"source"`
	// Record is the explanation of the record that applies, or nil.
	Record *explain.Record `json:"record"`
	// Policy is the policy receivers apply to mail from the domain: p for
	// the domain's own record, sp (np when the domain does not exist) for
	// an inherited one; "" when DMARC does not apply.
	Policy string `json:"policy"`
	// Walk is every name queried, longest first, with what it holds.
	Walk []DMARCStep `json:"walk"`
	// Legacy is what RFC 7489 receivers find.
	Legacy LegacyDMARC `json:"rfc7489"`
	// Reports are the report addresses outside the organization and their
	// authorisation records.
	Reports []ReportAuth `json:"report_authorizations"`

	applied *dmarc.Record
}

// DMARCStep is one query of the DNS Tree Walk.
type DMARCStep struct {
	Domain string `json:"domain"`
	Name   string `json:"name"` // _dmarc.<domain>.
	// Records explains every TXT record at the name.
	Records []explain.Record `json:"records"`
	// Valid is true when exactly one record starts with v=DMARC1: the walk
	// uses it (RFC 9989 §4.10 step 2).
	Valid bool   `json:"valid"`
	PSD   string `json:"psd,omitempty"` // the valid record's psd tag, "y" or "n", "" when absent
	// AfterStop is true for a name past the point where the walk stops (a
	// psd= tag above): it was queried at the same time as the others, and
	// receivers do not look at it.
	AfterStop bool      `json:"after_stop,omitempty"`
	Error     *DNSError `json:"error,omitempty"`

	record *dmarc.Record
	value  string
}

// LegacyDMARC is the RFC 7489 §6.6.3 discovery: the domain's record, else the
// record at the organizational domain from the public suffix list.
type LegacyDMARC struct {
	OrganizationalDomain string    `json:"organizational_domain"`
	PolicyDomain         string    `json:"policy_domain"`
	Error                *DNSError `json:"error,omitempty"`
}

// ReportAuth is a rua or ruf address whose host is in another organization,
// and the record that would authorise it (RFC 9990 §3, RFC 7489 §7.1).
type ReportAuth struct {
	Tag        string    `json:"tag"` // "rua" or "ruf"
	URI        string    `json:"uri"`
	Host       string    `json:"host"`
	Name       string    `json:"name"`       // <policy domain>._report._dmarc.<host>.
	Authorized bool      `json:"authorized"` // a TXT record there starts with v=DMARC1
	Record     string    `json:"record,omitempty"`
	Error      *DNSError `json:"error,omitempty"`
}

// dmarcPart is the domain's DMARC policy found by the DNS Tree Walk, the
// RFC 7489 comparison and the authorisations of its report addresses.
var dmarcPart = part{
	verdict: dmarcVerdict,
	name:    "dmarc", label: "DMARC", title: "DMARC policy", section: "dmarc",
	atOnce: func(l *lookup) int { return len(dmarcNames(l.domain)) },
	start: func(l *lookup) func(*Report) {
		d := lookupDMARC(l.ctx, l.r, l.domain)
		return func(rep *Report) { rep.DMARC = d }
	},
	errors: func(r *Report) []DNSError {
		var errs []DNSError
		for _, s := range r.DMARC.Walk {
			if s.Error != nil {
				errs = append(errs, *s.Error)
			}
		}
		if r.DMARC.Legacy.Error != nil {
			errs = append(errs, *r.DMARC.Legacy.Error)
		}
		for _, a := range r.DMARC.Reports {
			if a.Error != nil {
				errs = append(errs, *a.Error)
			}
		}
		return errs
	},
	// The record that applies; the others of the walk govern nothing here.
	records: func(r *Report) []explain.Record {
		if r.DMARC.Record == nil {
			return nil
		}
		return []explain.Record{*r.DMARC.Record}
	},
}

// walkNames returns the domains whose _dmarc records the DNS Tree Walk asks
// for, starting at domain: the domain, then (RFC 9989 §4.10 steps 3–4) its
// ancestors, shortened to 7 labels first when it has 8 or more, down to the
// top-level domain. At most 8 names.
func walkNames(domain string) []string {
	labels := dns.SplitDomainName(domain)
	names := []string{strings.Join(labels, ".")}
	start := 1
	if len(labels) >= MaxWalkQueries {
		start = len(labels) - (MaxWalkQueries - 1)
	}
	for i := start; i < len(labels); i++ {
		names = append(names, strings.Join(labels[i:], "."))
	}
	return names
}

// legacyOrg is the organizational domain of RFC 7489 §3.2: the public
// suffix plus one label, from the public suffix list.
func legacyOrg(domain string) string {
	org, err := psl.EffectiveTLDPlusOne(domain)
	if err != nil {
		return domain // the domain is a public suffix itself
	}
	return org
}

// dmarcNames returns the domains whose _dmarc records a report asks for:
// the tree walk's, and the RFC 7489 organizational domain when the walk
// skips it.
func dmarcNames(domain string) []string {
	names := walkNames(domain)
	org := legacyOrg(domain)
	for _, n := range names {
		if n == org {
			return names
		}
	}
	return append(names, org)
}

func lookupDMARC(ctx context.Context, r doh.Resolver, domain string) DMARC {
	out := DMARC{Walk: []DMARCStep{}, Reports: []ReportAuth{}}
	names := walkNames(domain)
	legacyOrg := legacyOrg(domain)
	out.Legacy.OrganizationalDomain = legacyOrg
	inWalk := len(dmarcNames(domain)) == len(names)
	// Every name is known from the start: ask them all at once.
	steps := make([]DMARCStep, len(names))
	var legacyStep DMARCStep
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() { defer wg.Done(); steps[i] = queryDMARC(ctx, r, n) }()
	}
	if !inWalk {
		wg.Add(1)
		go func() { defer wg.Done(); legacyStep = queryDMARC(ctx, r, legacyOrg) }()
	}
	wg.Wait()

	// The walk, in order: stop at the first valid record with psd=y or n.
	stop := len(steps)
	for i := range steps {
		if steps[i].Valid && steps[i].PSD != "" {
			stop = i + 1
			break
		}
	}
	for i := stop; i < len(steps); i++ {
		steps[i].AfterStop = true
	}
	walked := steps[:stop]

	// Organizational domain, RFC 9989 §4.10.2: from the longest name, psd=n
	// is it; psd=y (not where the walk started) makes it the name one label
	// below; otherwise the valid record with the fewest labels.
	org, orgIdx := "", -1
	for i, s := range walked {
		if !s.Valid {
			continue
		}
		if s.PSD == string(dmarc.PSDNo) {
			org, orgIdx = s.Domain, i
			break
		}
		if s.PSD == string(dmarc.PSDYes) && i > 0 {
			org = oneBelow(domain, s.Domain)
			orgIdx = -1
			for j, t := range walked {
				if t.Domain == org {
					orgIdx = j
				}
			}
			break
		}
		org, orgIdx = s.Domain, i
	}
	if org == "" {
		org = domain
	}
	out.OrganizationalDomain = org

	// Policy, RFC 9989 §4.10.1: the domain's own record, else the
	// organizational domain's, else the public suffix domain's.
	var applied *DMARCStep
	switch {
	case steps[0].Valid:
		applied, out.Source = &steps[0], "domain"
	case orgIdx > 0 && walked[orgIdx].Valid:
		applied, out.Source = &walked[orgIdx], "organizational"
	default:
		for i := range walked {
			if walked[i].Valid && walked[i].PSD == string(dmarc.PSDYes) && i > 0 {
				applied, out.Source = &walked[i], "psd"
			}
		}
	}
	if applied != nil {
		out.PolicyDomain = applied.Domain
		out.applied = applied.record
		for i := range applied.Records {
			if applied.Records[i].Value == applied.value {
				rec := applied.Records[i]
				out.Record = &rec
				break
			}
		}
		if out.Source == "domain" {
			out.Policy = string(applied.record.EffectivePolicy())
		} else {
			out.Policy = string(applied.record.EffectiveSubdomainPolicy())
		}
	}

	// RFC 7489: the domain's record, else the PSL organizational domain's.
	legacy := map[string]*DMARCStep{}
	for i := range steps {
		legacy[steps[i].Domain] = &steps[i]
	}
	if !inWalk {
		legacy[legacyOrg] = &legacyStep
		out.Legacy.Error = legacyStep.Error
	}
	switch {
	case steps[0].Valid:
		out.Legacy.PolicyDomain = domain
	case legacy[legacyOrg] != nil && legacy[legacyOrg].Valid:
		out.Legacy.PolicyDomain = legacyOrg
	}
	out.Walk = steps

	if applied != nil {
		out.Reports = checkReports(ctx, r, applied, org, legacyOrg)
	}
	return out
}

// oneBelow returns the ancestor of domain (or domain itself) that has one
// label more than psd.
func oneBelow(domain, psd string) string {
	labels := dns.SplitDomainName(domain)
	n := dns.CountLabel(dns.Fqdn(psd)) + 1
	if n > len(labels) {
		return domain
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

// queryDMARC asks for _dmarc.<d> and explains what is there.
func queryDMARC(ctx context.Context, r doh.Resolver, d string) DMARCStep {
	s := DMARCStep{Domain: d, Name: "_dmarc." + d + ".", Records: []explain.Record{}}
	res, err := r.Query(ctx, s.Name, dns.TypeTXT)
	if err != nil {
		s.Error = dnsError("dmarc", s.Name, dns.TypeTXT, err)
		return s
	}
	var dmarcs []int
	for _, v := range res.TXT() {
		ctx := explain.Context{Owner: s.Name}
		rec := dmarc.Explain(v, ctx)
		dmarc.Kind.Propose(&rec, ctx)
		ttl := res.TTL
		rec.TTL, rec.RRType = &ttl, "TXT"
		s.Records = append(s.Records, rec)
		if p, _ := dmarc.Parse(v); p.IsDMARC {
			dmarcs = append(dmarcs, len(s.Records)-1)
			s.record, s.value = p, v
		}
	}
	if len(dmarcs) > 1 {
		for _, i := range dmarcs {
			s.Records[i].Add(dmarc.MultipleFinding(s.Records[i].Span, len(dmarcs)))
		}
		s.record, s.value = nil, ""
		return s
	}
	if len(dmarcs) == 1 {
		s.Valid = true
		switch s.record.PSD {
		case dmarc.PSDYes, dmarc.PSDNo:
			s.PSD = string(s.record.PSD)
		}
	}
	return s
}

// checkReports queries, at once, the authorisation record of every report
// address whose host is outside the organization. A host is inside when it
// is at or below the organizational domain of the tree walk, or has the same
// public-suffix organizational domain as the policy domain.
func checkReports(ctx context.Context, r doh.Resolver, applied *DMARCStep, org, legacyOrg string) []ReportAuth {
	var auths []ReportAuth
	seen := map[string]bool{}
	for _, list := range []struct {
		tag  string
		uris []dmarc.URI
	}{{"rua", applied.record.RUA}, {"ruf", applied.record.RUF}} {
		for _, u := range dmarc.ValidURIs(list.uris) {
			at := strings.LastIndexByte(u.Address, '@')
			if at < 0 {
				continue
			}
			host := strings.ToLower(strings.TrimSuffix(u.Address[at+1:], "."))
			if host == org || strings.HasSuffix(host, "."+org) {
				continue
			}
			if o, err := psl.EffectiveTLDPlusOne(host); err == nil && o == legacyOrg {
				continue
			}
			a := ReportAuth{Tag: list.tag, URI: u.URI, Host: host, Name: applied.Domain + "._report._dmarc." + host + "."}
			if seen[a.Tag+" "+a.Name] {
				continue
			}
			seen[a.Tag+" "+a.Name] = true
			auths = append(auths, a)
		}
	}
	var wg sync.WaitGroup
	for i := range auths {
		wg.Add(1)
		go func(a *ReportAuth) {
			defer wg.Done()
			res, err := r.Query(ctx, a.Name, dns.TypeTXT)
			if err != nil {
				a.Error = dnsError("dmarc", a.Name, dns.TypeTXT, err)
				return
			}
			for _, v := range res.TXT() {
				if p, _ := dmarc.Parse(v); p.IsDMARC {
					a.Authorized, a.Record = true, v
					return
				}
			}
		}(&auths[i])
	}
	wg.Wait()
	if auths == nil {
		auths = []ReportAuth{}
	}
	return auths
}
