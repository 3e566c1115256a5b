package inspect

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
)

// crossFindings adds the findings about the domain as a whole: every
// sentence the report says about more than one record is written here.
func crossFindings(r *Report) {
	add := func(sev explain.Severity, code, part, name, ref, format string, args ...any) {
		r.Findings = append(r.Findings, Finding{Severity: sev, Code: code, Part: part, Name: name, Ref: ref, Message: fmt.Sprintf(format, args...)})
	}
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
		msg := fmt.Sprintf("%s does not exist (the DNS answers NXDOMAIN): mail to it bounces at once.", r.Domain)
		if r.DMARC.PolicyDomain != "" {
			msg += fmt.Sprintf(" Mail that claims to come from it gets the policy of %s for non-existent domains (np=, else sp=, else p=): %s.", r.DMARC.PolicyDomain, orNone(r.DMARC.Policy))
		}
		add(explain.Error, CodeDomainNXDomain, "mx", fqdn, "RFC 5321 §5.1", "%s Check the spelling, or publish the domain's zone.", msg)
	case mxOK && r.MX.Implicit:
		h := r.MX.Hosts[0]
		if h.usable() {
			add(explain.Info, CodeMXImplicit, "mx", fqdn, "RFC 5321 §5.1",
				"%s has no MX records, so senders deliver to its own address (%s), the implicit MX. If that host does not receive mail, publish a null MX (\"0 .\", RFC 7505) so that senders bounce at once; if it does, an MX record pointing at it says so explicitly.", r.Domain, joinAddrs(h))
		} else if len(h.Errors) == 0 {
			add(explain.Warning, CodeMXNone, "mx", fqdn, "RFC 7505 §3",
				"%s has no MX records and no A or AAAA record: mail to it cannot be delivered, and senders keep retrying for days before they bounce it. If the domain receives no mail, publish a null MX (%s IN MX 0 .); otherwise publish MX records naming the hosts that receive it.", r.Domain, fqdn)
		}
	case mxOK && !r.MX.NullMX:
		usable := 0
		for _, h := range r.MX.Hosts {
			if len(h.Alias) > 0 {
				add(explain.Warning, CodeMXExchangeCNAME, "mx", h.Exchange, "RFC 2181 §10.3",
					"The MX exchange %s is an alias (CNAME to %s). RFC 5321 §5.1 and RFC 2181 §10.3 require an exchange to be a host name with its own A or AAAA records; some senders refuse an alias. Point the MX record at %s instead.", h.Exchange, h.Alias[len(h.Alias)-1], h.Alias[len(h.Alias)-1])
			}
			if h.usable() {
				usable++
			} else if len(h.Errors) == 0 {
				what := "has no A or AAAA record"
				if h.NXDomain {
					what = "does not exist (NXDOMAIN)"
				}
				add(explain.Warning, CodeMXExchangeNoAddress, "mx", h.Exchange, "RFC 5321 §5.1",
					"The MX exchange %s %s, so senders skip it. Publish its A or AAAA record, or remove the MX record that names it.", h.Exchange, what)
			}
		}
		if usable == 0 && len(r.MX.Hosts) > 0 && !hostErrors(r.MX.Hosts) {
			add(explain.Error, CodeMXNoUsable, "mx", fqdn, "RFC 5321 §5.1",
				"None of the MX exchanges of %s has an address, so senders cannot deliver mail to it and must return it as undeliverable. Give the exchanges A or AAAA records, or fix the MX records to name hosts that have them.", r.Domain)
		}
	}

	if r.MX.Unresolved > 0 {
		add(explain.Warning, CodeMXHostsCut, "mx", fqdn, "RFC 5321 §5.1",
			"%s has %d MX exchanges; this report looked up the addresses of the %d most preferred only, so the other %d are not checked and the report is partial. Senders may also stop long before the last of so many (RFC 5321 §5.1 lets them limit the hosts they try). Publish a few MX records instead.", r.Domain, r.MX.Unresolved+len(r.MX.Hosts), maxExchanges, r.MX.Unresolved)
	}

	// SPF against the MX.
	if r.MX.NullMX && spfFound {
		var permits []string
		switch n := len(r.SPF.Networks); n {
		case 0:
		case 1:
			permits = append(permits, "authorises "+r.SPF.Networks[0])
		default:
			permits = append(permits, fmt.Sprintf("authorises %d networks", n))
		}
		if r.SPF.all != "-all" {
			if r.SPF.all == "" {
				permits = append(permits, "has no -all (senders matching nothing get neutral)")
			} else {
				permits = append(permits, "ends in "+r.SPF.all+" instead of -all")
			}
		}
		if len(permits) > 0 {
			add(explain.Warning, CodeNullMXSPFPermits, "spf", fqdn, "RFC 7505 §4",
				"%s publishes a null MX (it accepts no mail), but its SPF record %s. A domain that receives no mail usually sends none either: publish \"v=spf1 -all\" so that receivers can reject mail forged in its name.", r.Domain, strings.Join(permits, " and "))
		}
	}
	if spfFound && len(r.SPF.networks) > 0 && mxOK && !r.MX.NullMX {
		for _, h := range r.MX.Hosts {
			var out []string
			for _, a := range h.Addresses {
				if !r.SPF.authorises(a) {
					out = append(out, a.String())
				}
			}
			if len(out) > 0 {
				add(explain.Info, CodeMXNotInSPF, "mx", h.Exchange, "RFC 7208 §5.4",
					"The MX host %s (%s) is not authorised by the SPF policy of %s. That is right if it only receives mail; if it also sends the domain's mail (bounces, forwarding, replies), add \"mx\" or its addresses to the SPF record.", h.Exchange, strings.Join(out, ", "), r.Domain)
			}
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
		if c.loop {
			add(explain.Error, CodeDNSCNAMELoop, chainPart[c.name], c.name, "RFC 1034 §3.6.2",
				"The CNAME records at %s form a loop (%s → %s): the name has no records for anyone, and resolvers answer SERVFAIL, so what needed it is unknown (mail to or from it is deferred, SPF gives temperror). Fix the CNAME records so that the chain ends at a name with records.", c.name, c.name, strings.Join(c.chain, " → "))
			continue
		}
		add(explain.Warning, CodeDNSCNAMEChainCut, chainPart[c.name], c.name, "RFC 1034 §3.6.2",
			"The CNAME chain from %s is longer than %d records, the most this report follows (resolvers stop at about as many): what it leads to is unknown, so the report is partial. Point %s at the final name directly.", c.name, doh.MaxChain, c.name)
	}

	// DMARC.
	walkFailed := false
	for _, s := range d.Walk {
		walkFailed = walkFailed || (s.Error != nil && !s.AfterStop)
	}
	switch {
	case d.applied == nil && !walkFailed && len(d.Walk) > 0 && !r.NXDomain:
		add(explain.Warning, CodeDMARCAbsent, "dmarc", "_dmarc."+fqdn, "RFC 9989 §4.10.1",
			"No DMARC policy record applies to %s (none at %s nor at its parent domains): receivers apply no DMARC processing, so anyone can send mail with this domain in From:. Publish a TXT record at _dmarc.%s, starting with \"v=DMARC1; p=none; rua=mailto:…\" to collect reports, then move to quarantine or reject.", r.Domain, "_dmarc."+fqdn, r.Domain)
	case d.applied != nil && d.Source != "domain":
		which := "np= (for a domain that does not exist)"
		if !r.NXDomain {
			which = "sp= (for an existing subdomain)"
		}
		src := "organizational domain"
		if d.Source == "psd" {
			src = "public suffix domain"
		}
		add(explain.Info, CodeDMARCInherited, "dmarc", "_dmarc."+d.PolicyDomain+".", "RFC 9989 §4.10.1",
			"%s has no DMARC record of its own; the record of its %s %s applies, with its %s, else p=: policy %s. To give %s its own policy, publish a record at _dmarc.%s.", r.Domain, src, d.PolicyDomain, which, orNone(d.Policy), r.Domain, r.Domain)
	}
	for _, s := range d.Walk {
		if s.Valid && !s.AfterStop && s.Domain != r.Domain && s.Domain != d.PolicyDomain && s.Domain != d.OrganizationalDomain &&
			isBetween(s.Domain, r.Domain, d.OrganizationalDomain) {
			add(explain.Info, CodeDMARCIgnoredRecord, "dmarc", s.Name, "RFC 9989 §4.10.1",
				"The DMARC record at %s is not used for mail from %s: receivers apply the record of the domain itself, else of its organizational domain (%s), else of its public suffix domain, and skip records in between. Publish a record at _dmarc.%s if %s should have a policy of its own.", s.Name, r.Domain, d.OrganizationalDomain, r.Domain, r.Domain)
		}
	}
	if !walkFailed && d.Legacy.Error == nil {
		switch {
		case d.Legacy.PolicyDomain != d.PolicyDomain:
			add(explain.Warning, CodeDMARCLegacyDiffers, "dmarc", "_dmarc."+fqdn, "RFC 7489 §6.6.3",
				"Receivers that still follow RFC 7489 look only at _dmarc.%s and at the organizational domain from the public suffix list (%s), and apply the record of %s; RFC 9989 receivers, with the DNS tree walk, apply the record of %s. Mail from %s is handled differently until every receiver follows RFC 9989; a record at _dmarc.%s makes both apply the same one.",
				r.Domain, d.Legacy.OrganizationalDomain, orNone(d.Legacy.PolicyDomain), orNone(d.PolicyDomain), r.Domain, r.Domain)
		case d.Legacy.OrganizationalDomain != d.OrganizationalDomain:
			add(explain.Warning, CodeDMARCLegacyDiffers, "dmarc", "_dmarc."+fqdn, "RFC 7489 §3.2",
				"The organizational domain of %s is %s for receivers that still follow RFC 7489 (public suffix list) and %s for RFC 9989 receivers (DNS tree walk). With relaxed alignment, an SPF or DKIM domain under one but not the other aligns for some receivers only: sign and send from %s itself or its subdomains to be aligned for both.",
				r.Domain, d.Legacy.OrganizationalDomain, d.OrganizationalDomain, longer(d.Legacy.OrganizationalDomain, d.OrganizationalDomain))
		}
	}
	dkimFound := len(r.DKIM) > 0
	enforcing := d.Policy == string(dmarc.PolicyQuarantine) || d.Policy == string(dmarc.PolicyReject)
	if enforcing && spfKnown && !spfFound && !dkimFound && !dkimFailed(r) && !r.NXDomain {
		add(explain.Warning, CodeDMARCNoSPFNoDKIM, "dmarc", "_dmarc."+d.PolicyDomain+".", "RFC 9989 §4.4",
			"The DMARC policy of %s is p=%s, but %s has no SPF record and no DKIM key was found at the %d selectors looked up: no mail from it can pass DMARC, and the policy asks receivers to %s all of it. If the domain sends no mail, that is what you want (also publish \"v=spf1 -all\"); if it does, publish its SPF record and DKIM key, or name the selector it signs with (--selector).",
			d.PolicyDomain, d.Policy, r.Domain, lookedUp(r), d.Policy)
	}
	if d.Policy == string(dmarc.PolicyNone) && r.SPF.all == "-all" {
		add(explain.Warning, CodeDMARCMonitorSPFFail, "dmarc", fqdn, "RFC 9989 §7.1",
			"SPF for %s ends in -all while its DMARC policy is p=none (monitoring). Receivers that check SPF early in the SMTP session may reject mail that fails SPF even when an aligned DKIM signature would pass DMARC, and such rejections never appear in the aggregate reports p=none is meant to collect. While monitoring, ~all is safer; move to -all together with an enforcing policy.", r.Domain)
	}
	for _, a := range d.Reports {
		if !a.Authorized && a.Error == nil {
			add(explain.Error, CodeDMARCReportUnauthorized, "dmarc", a.Name, "RFC 7489 §7.1",
				"The %s address %s is outside the organization of %s, and %s publishes no authorisation record: receivers ignore this address and send it no reports. Ask the operator of %s to publish a TXT record \"v=DMARC1;\" at %s, or use an address within %s.", a.Tag, a.URI, d.PolicyDomain, a.Host, a.Host, a.Name, d.OrganizationalDomain)
		}
	}

	// DKIM.
	var missing []string
	revoked := 0
	for _, p := range r.DKIMSelectors {
		if p.Named && !p.Found && p.Error == nil {
			missing = append(missing, p.Selector)
			add(explain.Error, CodeDKIMSelectorMissing, "dkim", p.Name, "RFC 6376 §6.1.2",
				"No DKIM key record at %s: verifiers fail every signature made with selector %q (s=%s, d=%s). Publish the key the signer gives you as a TXT record at that name, or check the selector's spelling.", p.Name, p.Selector, p.Selector, r.Domain)
		}
	}
	for _, rec := range r.DKIM {
		if f, ok := rec.Facts.(*dkim.Facts); ok && f.Revoked {
			revoked++
		}
	}
	switch {
	case len(r.DKIM) > 0 && revoked == len(r.DKIM):
		add(explain.Warning, CodeDKIMAllRevoked, "dkim", "_domainkey."+fqdn, "RFC 6376 §3.6.1",
			"Every DKIM key found for %s is revoked (empty p=): no signature made with these selectors verifies. If the domain still signs mail, publish its current key; if it signs with another selector, that one was not looked up (name it with --selector).", r.Domain)
	case len(r.DKIM) == 0 && lookedUp(r) > 0 && len(missing) == 0 && !r.NXDomain && !dkimFailed(r):
		add(explain.Info, CodeDKIMNoneFound, "dkim", "_domainkey."+fqdn, "RFC 6376 §3.6.2.1",
			"No DKIM key was found at the %d common selectors looked up under _domainkey.%s. Selectors are chosen by the signer, so the domain may still sign with another one: find s= in the DKIM-Signature header of a message it sent, and look it up with --selector.", lookedUp(r), r.Domain)
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

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func joinAddrs(h MXHost) string {
	var s []string
	for _, a := range h.Addresses {
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
