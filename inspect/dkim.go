package inspect

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/explain"
)

// CommonSelectors are the DKIM selectors a report probes when Options.NoProbe
// is false: the fixed or default selectors of large mail providers. A key
// lives at <selector>._domainkey.<domain> (RFC 6376 §3.6.2.1) and only the
// signer knows the selector, so probing can find keys but never prove there
// are none. The list is short on purpose: each probe costs a query of the
// report's budget (MaxQueries).
var CommonSelectors = []string{
	"google",                 // Google Workspace
	"selector1", "selector2", // Microsoft 365
	"k1", "k2", // Mailchimp, Mandrill
	"s1", "s2", // SendGrid
	"default",            // cPanel, Plesk, many hosts
	"dkim",               // generic
	"mail", "smtp", "mx", // generic; Mailgun (mx, smtp)
	"sig1",                                     // iCloud custom domains
	"mandrill",                                 // Mandrill
	"mxvault",                                  // MXroute
	"zoho",                                     // Zoho Mail
	"protonmail", "protonmail2", "protonmail3", // Proton Mail
	"fm1", "fm2", "fm3", // Fastmail
}

// dkimPart is the DKIM keys at the selectors named and at common selectors.
var dkimPart = part{
	verdict: dkimVerdict,
	name:    "dkim", label: "DKIM", title: "DKIM keys", section: "dkim",
	atOnce: func(l *lookup) int { return len(l.opts.Selectors) },
	start: func(l *lookup) func(*Report) {
		keys, probes := lookupDKIM(l.ctx, l.r, l.domain, l.opts, l.probes)
		return func(rep *Report) { rep.DKIM, rep.DKIMSelectors = keys, probes }
	},
	errors: func(r *Report) []DNSError {
		var errs []DNSError
		for _, p := range r.DKIMSelectors {
			if p.Error != nil {
				errs = append(errs, *p.Error)
			}
		}
		return errs
	},
	// The keys found, by selector.
	records: func(r *Report) []explain.Record {
		var recs []explain.Record
		for _, sel := range slices.Sorted(maps.Keys(r.DKIM)) {
			recs = append(recs, r.DKIM[sel])
		}
		return recs
	},
}

// DKIMProbe is one selector looked up.
type DKIMProbe struct {
	Selector string `json:"selector"`
	Name     string `json:"name"`  // <selector>._domainkey.<domain>.
	Named    bool   `json:"named"` // the user named it (Options.Selectors)
	Found    bool   `json:"found"` // a key record is there (see Report.DKIM)
	// Skipped is true for a common selector not probed, to keep the
	// report within its query budget (Options.Budget, ProbeReserve).
	Skipped bool      `json:"skipped,omitempty"`
	Error   *DNSError `json:"error,omitempty"`
}

// lookupDKIM queries every selector at once. A probe of a common selector
// that finds nothing is only listed; a TXT record there that is no key
// (a wildcard TXT, say) does not count as found.
func lookupDKIM(ctx context.Context, r doh.Resolver, domain string, opts Options, maxProbes int) (map[string]explain.Record, []DKIMProbe) {
	var probes []DKIMProbe
	seen := map[string]bool{}
	add := func(sel string, named bool) {
		sel = strings.ToLower(strings.Trim(strings.TrimSpace(sel), "."))
		if sel == "" || seen[sel] {
			return
		}
		seen[sel] = true
		probes = append(probes, DKIMProbe{Selector: sel, Name: sel + "._domainkey." + domain + ".", Named: named})
	}
	for _, s := range opts.Selectors {
		add(s, true)
	}
	if !opts.NoProbe {
		n := 0
		for _, s := range CommonSelectors {
			before := len(probes)
			add(s, false)
			if len(probes) > before {
				if n >= maxProbes {
					probes[len(probes)-1].Skipped = true
				}
				n++
			}
		}
	}
	keys := map[string]explain.Record{}
	found := make([]*explain.Record, len(probes))
	var wg sync.WaitGroup
	for i := range probes {
		wg.Add(1)
		go func(p *DKIMProbe) {
			defer wg.Done()
			if p.Skipped {
				return
			}
			res, err := r.Query(ctx, p.Name, dns.TypeTXT)
			if err != nil {
				p.Error = dnsError("dkim", p.Name, dns.TypeTXT, err)
				p.Error.Optional = !p.Named
				return
			}
			for _, v := range res.TXT() {
				if !p.Named && !looksLikeKey(v) {
					continue
				}
				ctx := explain.Context{Owner: p.Name}
				rec := dkim.Explain(v, ctx)
				dkim.Kind.Propose(&rec, ctx)
				ttl := res.TTL
				rec.TTL, rec.RRType = &ttl, "TXT"
				found[i] = &rec
				p.Found = true
				break
			}
		}(&probes[i])
	}
	wg.Wait()
	for i, rec := range found {
		if rec != nil {
			keys[probes[i].Selector] = *rec
		}
	}
	if probes == nil {
		probes = []DKIMProbe{}
	}
	return keys, probes
}

// looksLikeKey reports whether a TXT value is meant as a DKIM key record:
// it has a v=DKIM1 or a p= tag (RFC 6376 §3.6.1).
func looksLikeKey(v string) bool {
	for _, part := range strings.Split(v, ";") {
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(name) {
		case "p":
			return true
		case "v":
			if strings.TrimSpace(value) == "DKIM1" {
				return true
			}
		}
	}
	return false
}
