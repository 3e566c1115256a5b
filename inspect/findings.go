package inspect

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
)

// crossFindings adds the findings about the domain as a whole, each as its
// code, the name it is about and the values its message is written from
// (messages.go writes every sentence).
func crossFindings(r *Report) {
	add := func(code, name string, a explain.Args) { r.Findings = append(r.Findings, render(code, name, a)) }
	fqdn := r.Domain + "."
	d := &r.DMARC
	if d.applied != nil && r.NXDomain && d.Source != "domain" {
		d.Policy = string(d.applied.EffectiveNonexistentPolicy())
	}
	spfKnown := r.SPF.Tree != nil && !r.SPF.walkFailed
	spfFound := r.SPF.hasAll

	// The domain and its MX.
	mxOK := r.MX.Error == nil
	switch {
	case r.NXDomain:
		a := args("domain", r.Domain, "policy_domain", d.PolicyDomain)
		if d.PolicyDomain != "" {
			a["policy"] = d.Policy
		}
		add(CodeDomainNXDomain, fqdn, a)
	case mxOK && r.MX.Implicit:
		h := r.MX.Hosts[0]
		if h.usable() {
			add(CodeMXImplicit, fqdn, args("domain", r.Domain, "addresses", joinAddrs(h.Addresses)))
		} else if len(h.Errors) == 0 {
			add(CodeMXNone, fqdn, args("domain", r.Domain))
		}
	case mxOK && !r.MX.NullMX:
		usable := 0
		for _, h := range r.MX.Hosts {
			if len(h.Alias) > 0 {
				add(CodeMXExchangeCNAME, h.Exchange, args("exchange", h.Exchange, "target", h.Alias[len(h.Alias)-1]))
			}
			if h.usable() {
				usable++
			} else if len(h.Errors) == 0 {
				add(CodeMXExchangeNoAddress, h.Exchange, args("exchange", h.Exchange, "nxdomain", strconv.FormatBool(h.NXDomain)))
			}
		}
		if usable == 0 && len(r.MX.Hosts) > 0 && !hostErrors(r.MX.Hosts) {
			add(CodeMXNoUsable, fqdn, args("domain", r.Domain))
		}
	}

	if r.MX.Unresolved > 0 {
		add(CodeMXHostsCut, fqdn, args("domain", r.Domain, "exchanges", strconv.Itoa(r.MX.Unresolved+len(r.MX.Hosts)),
			"resolved", strconv.Itoa(maxExchanges), "cut", strconv.Itoa(r.MX.Unresolved)))
	}

	// SPF against the MX.
	if r.MX.NullMX && spfFound && nullMXPermits(len(r.SPF.Networks), r.SPF.all) {
		a := args("domain", r.Domain, "networks", strconv.Itoa(len(r.SPF.Networks)), "all", r.SPF.all)
		if len(r.SPF.Networks) == 1 {
			a["network"] = r.SPF.Networks[0]
		}
		add(CodeNullMXSPFPermits, fqdn, a)
	}
	if spfFound && len(r.SPF.networks) > 0 && mxOK && !r.MX.NullMX {
		// Said once for the part, with every host it is about.
		var hosts []string
		for _, h := range r.MX.Hosts {
			var out []netip.Addr
			for _, a := range h.Addresses {
				if !r.SPF.authorises(a) {
					out = append(out, a)
				}
			}
			if len(out) > 0 {
				hosts = append(hosts, h.Exchange+" ("+joinAddrs(out)+")")
			}
		}
		if len(hosts) > 0 {
			add(CodeMXNotInSPF, fqdn, args("hosts", strings.Join(hosts, ", "), "count", strconv.Itoa(len(hosts)), "domain", r.Domain))
		}
	}

	// CNAME chains cut, wherever a query the report needed met them (not
	// probes of common selectors: a wildcard would repeat it for each).
	// The part is the first (by part name) whose query needed the name.
	chainPart := map[string]string{}
	for _, e := range r.Errors {
		if n := canonicalName(e.Name); !e.Optional && chainPart[n] == "" {
			chainPart[n] = e.Part
		}
	}
	for _, c := range r.chains {
		if chainPart[c.name] == "" {
			continue
		}
		f := render(CodeDNSCNAMEChainCut, c.name, args("name", c.name, "max", strconv.Itoa(doh.MaxChain)))
		if c.loop {
			f = render(CodeDNSCNAMELoop, c.name, args("name", c.name, "chain", strings.Join(c.chain, " → ")))
		}
		f.Part = chainPart[c.name]
		r.Findings = append(r.Findings, f)
	}

	// DMARC.
	walkFailed := false
	for _, s := range d.Walk {
		walkFailed = walkFailed || (s.Error != nil && !s.AfterStop)
	}
	switch {
	case d.applied == nil && !walkFailed && len(d.Walk) > 0 && !r.NXDomain:
		add(CodeDMARCAbsent, "_dmarc."+fqdn, args("domain", r.Domain))
	case d.applied != nil && d.Source != "domain":
		add(CodeDMARCInherited, "_dmarc."+d.PolicyDomain+".", args("domain", r.Domain, "source", d.Source,
			"policy_domain", d.PolicyDomain, "policy", d.Policy, "nxdomain", strconv.FormatBool(r.NXDomain)))
	}
	for _, s := range d.Walk {
		if s.Valid && !s.AfterStop && s.Domain != r.Domain && s.Domain != d.PolicyDomain && s.Domain != d.OrganizationalDomain &&
			isBetween(s.Domain, r.Domain, d.OrganizationalDomain) {
			add(CodeDMARCIgnoredRecord, s.Name, args("name", s.Name, "domain", r.Domain, "organizational_domain", d.OrganizationalDomain))
		}
	}
	if !walkFailed && d.Legacy.Error == nil {
		a := args("domain", r.Domain, "legacy_organizational_domain", d.Legacy.OrganizationalDomain, "organizational_domain", d.OrganizationalDomain,
			"legacy_policy_domain", d.Legacy.PolicyDomain, "policy_domain", d.PolicyDomain)
		switch {
		case d.Legacy.PolicyDomain != d.PolicyDomain:
			a["differs"] = "policy_domain"
			add(CodeDMARCLegacyDiffers, "_dmarc."+fqdn, a)
		case d.Legacy.OrganizationalDomain != d.OrganizationalDomain:
			a["differs"] = "organizational_domain"
			add(CodeDMARCLegacyDiffers, "_dmarc."+fqdn, a)
		}
	}
	dkimFound := len(r.DKIM) > 0
	enforcing := d.Policy == string(dmarc.PolicyQuarantine) || d.Policy == string(dmarc.PolicyReject)
	if enforcing && spfKnown && !spfFound && !dkimFound && !dkimFailed(r) && !r.NXDomain {
		add(CodeDMARCNoSPFNoDKIM, "_dmarc."+d.PolicyDomain+".", args("policy_domain", d.PolicyDomain, "policy", d.Policy,
			"domain", r.Domain, "selectors", strconv.Itoa(lookedUp(r))))
	}
	if d.Policy == string(dmarc.PolicyNone) && r.SPF.all == "-all" {
		add(CodeDMARCMonitorSPFFail, fqdn, args("domain", r.Domain))
	}
	for _, a := range d.Reports {
		if !a.Authorized && a.Error == nil {
			d.addRecordFinding(CodeDMARCReportUnauthorized, a.Tag, a.URI, args("tag", a.Tag, "uri", a.URI, "policy_domain", d.PolicyDomain,
				"host", a.Host, "name", a.Name, "organizational_domain", d.OrganizationalDomain))
		}
	}

	// DKIM.
	var missing []string
	revoked := 0
	for _, p := range r.DKIMSelectors {
		if p.Named && !p.Found && p.Error == nil {
			missing = append(missing, p.Selector)
			add(CodeDKIMSelectorMissing, p.Name, args("name", p.Name, "selector", p.Selector, "domain", r.Domain))
		}
	}
	for _, rec := range r.DKIM {
		if f, ok := rec.Facts.(*dkim.Facts); ok && f.Revoked {
			revoked++
		}
	}
	switch {
	case len(r.DKIM) > 0 && revoked == len(r.DKIM):
		add(CodeDKIMAllRevoked, "_domainkey."+fqdn, args("domain", r.Domain))
	case len(r.DKIM) == 0 && lookedUp(r) > 0 && len(missing) == 0 && !r.NXDomain && !dkimFailed(r):
		add(CodeDKIMNoneFound, "_domainkey."+fqdn, args("selectors", strconv.Itoa(lookedUp(r)), "domain", r.Domain))
	}
}

// partFindings adds the findings of every part that makes its own, then
// puts all the report's findings in order: errors, warnings, infos.
func partFindings(r *Report) {
	for _, p := range parts {
		if p.findings != nil {
			r.Findings = append(r.Findings, p.findings(r)...)
		}
	}

	sort.SliceStable(r.Findings, func(i, j int) bool { return rank(r.Findings[i].Severity) < rank(r.Findings[j].Severity) })
}

func rank(s explain.Severity) int {
	switch s {
	case explain.Error:
		return 0
	case explain.Warning:
		return 1
	}
	return 2
}

func joinAddrs(addrs []netip.Addr) string {
	var s []string
	for _, a := range addrs {
		s = append(s, a.String())
	}
	return strings.Join(s, ", ")
}

func hostErrors(hs []MXHost) bool {
	for _, h := range hs {
		if len(h.Errors) > 0 {
			return true
		}
	}
	return false
}

// dkimFailed reports whether a DKIM query failed, so that absence is not
// known.
func dkimFailed(r *Report) bool {
	for _, p := range r.DKIMSelectors {
		if p.Error != nil {
			return true
		}
	}
	return false
}

// isBetween reports whether name is strictly below org and strictly above
// domain.
func isBetween(name, domain, org string) bool {
	return strings.HasSuffix(domain, "."+name) && strings.HasSuffix(name, "."+org)
}

// longer returns the name with more labels.
func longer(a, b string) string {
	if strings.Count(a, ".") >= strings.Count(b, ".") {
		return a
	}
	return b
}

// lookedUp is the number of DKIM selectors queried (not skipped).
func lookedUp(r *Report) int {
	n := 0
	for _, p := range r.DKIMSelectors {
		if !p.Skipped {
			n++
		}
	}
	return n
}

// addRecordFinding makes the finding code says with a a finding of the
// DMARC record that applies (and of its copy in the walk), at the URI uri
// of its tag (the whole tag when uri is not found): a report finding about
// the record's own bytes is the record's, so that the record is not valid
// when it is an error, and it is counted once, with the record's findings.
func (d *DMARC) addRecordFinding(code, tag, uri string, a explain.Args) {
	if d.Record == nil {
		return
	}
	span := explain.Span{0, len(d.Record.Value)}
	for _, f := range d.Record.Fields {
		if f.Name != tag {
			continue
		}
		span = f.Span
		for _, c := range f.Children {
			if strings.HasPrefix(c.Text, uri) {
				span = c.Span
				break
			}
		}
		break
	}
	f := rules.Finding(code, span, a)
	attach := func(rec *explain.Record) {
		rec.Findings = append(rec.Findings, f)
		rec.Valid = rec.Valid && f.Severity != explain.Error
	}
	attach(d.Record)
	for i := range d.Walk {
		if d.Walk[i].Domain != d.PolicyDomain {
			continue
		}
		for j := range d.Walk[i].Records {
			if d.Walk[i].Records[j].Value == d.Record.Value {
				attach(&d.Walk[i].Records[j])
			}
		}
	}
}
