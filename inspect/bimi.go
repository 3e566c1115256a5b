package inspect

import (
	"context"
	"fmt"
	"strings"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/bimi"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
)

// DefaultBIMISelector is the selector receivers use for a message without
// a BIMI-Selector header (draft-10 §4.4, §7.2 step 2).
const DefaultBIMISelector = "default"

// bimiDraft is the BIMI document the part's findings cite.
const bimiDraft = "draft-brand-indicators-for-message-identification-10"

// Finding codes of the BIMI part (see codes.go for the others). The
// DMARC ones are the authentication requirements of draft-10 §7.1: when
// one holds, receivers perform no BIMI processing and show no logo, so
// each is an error of the BIMI part.
const (
	// CodeBIMIOrganizational (info): no BIMI record at the domain, so
	// receivers use the one at the selector under the organizational
	// domain (draft-10 §7.2 step 6).
	CodeBIMIOrganizational = "report.bimi.organizational"
	// CodeBIMIDMARCAbsent (error): the record asks for a logo but no DMARC
	// policy applies to the domain: mail cannot pass DMARC (§7.1 steps 4–6).
	CodeBIMIDMARCAbsent = "report.bimi.dmarc_absent"
	// CodeBIMIDMARCNone (error): p=none (or a policy receivers read as
	// none) at the domain or its organizational domain (§7.1 step 7).
	CodeBIMIDMARCNone = "report.bimi.dmarc_none"
	// CodeBIMIDMARCSubdomainNone (error): sp=none at the domain or its
	// organizational domain (§7.1 step 8).
	CodeBIMIDMARCSubdomainNone = "report.bimi.dmarc_sp_none"
	// CodeBIMIDMARCPct (error): p=quarantine with a pct= other than 100
	// (§7.1 step 9).
	CodeBIMIDMARCPct = "report.bimi.dmarc_pct"
	// CodeBIMIDMARCTesting (info): t=y in the DMARC record: RFC 9989
	// receivers apply one level below the policy (quarantine as none),
	// which the draft, written for RFC 7489, does not address.
	CodeBIMIDMARCTesting = "report.bimi.dmarc_testing"
)

// BIMI is the BIMI assertion record receivers find for the domain and the
// selector asked for (draft-10 §7.2), and whether its DMARC policy lets
// them show the logo (§7.1).
type BIMI struct {
	Selector string `json:"selector"` // DefaultBIMISelector unless Options.BIMISelector
	// Steps are the names queried: <selector>._bimi.<domain>., then,
	// when that holds no BIMI record, the same selector under the
	// organizational domain (RFC 7489's, which the draft names).
	Steps []BIMIStep `json:"steps"`
	// Source says whose record receivers use: "domain",
	// "organizational", or "" when none (no record, or several).
	Source string `json:"source"`
	// Record is the record receivers use, or nil.
	Record *explain.Record `json:"record"`
	// Logo and Evidence are its l= and a= URLs ("" when empty or absent);
	// Declined is true when both are empty (draft-10 §4.3.1).
	Logo     string `json:"logo"`
	Evidence string `json:"evidence"`
	Declined bool   `json:"declined"`
	// Eligible is true when the record asks for a logo receivers can
	// fetch and the domain's DMARC policy meets §7.1: receivers may then
	// show the logo, once they have checked the file (and the mark
	// certificate), which this report does not fetch.
	Eligible bool `json:"eligible"`
}

// BIMIStep is one BIMI query.
type BIMIStep struct {
	Domain  string           `json:"domain"`
	Name    string           `json:"name"`    // <selector>._bimi.<domain>.
	Records []explain.Record `json:"records"` // every TXT record at the name, explained
	Error   *DNSError        `json:"error,omitempty"`

	counted int // how many of Records start with v=BIMI1
	used    int // the index of the one receivers use, -1 when none or several
}

// bimiPart is the BIMI record for the selector asked for.
var bimiPart = part{
	verdict: bimiVerdict, optional: true,
	name: "bimi", label: "BIMI", title: "Brand logo (BIMI)", section: "bimi",
	atOnce: func(*lookup) int { return 1 },
	start: func(l *lookup) func(*Report) {
		b := lookupBIMI(l.ctx, l.r, l.domain, l.opts.BIMISelector)
		return func(rep *Report) { rep.BIMI = b }
	},
	errors: func(r *Report) []DNSError {
		var errs []DNSError
		for _, s := range r.BIMI.Steps {
			if s.Error != nil {
				errs = append(errs, *s.Error)
			}
		}
		return errs
	},
	records: func(r *Report) []explain.Record {
		var recs []explain.Record
		for _, s := range r.BIMI.Steps {
			recs = append(recs, s.Records...)
		}
		return recs
	},
	findings: bimiFindings,
	rules: explain.Rules{
		CodeBIMIOrganizational:     {Severity: explain.Info, Ref: bimiDraft + " §7.2", Message: msgBIMIOrganizational},
		CodeBIMIDMARCAbsent:        {Severity: explain.Error, Ref: bimiDraft + " §7.1", Message: msgBIMIDMARCAbsent},
		CodeBIMIDMARCNone:          {Severity: explain.Error, Ref: bimiDraft + " §7.1", Message: msgBIMIDMARCNone},
		CodeBIMIDMARCSubdomainNone: {Severity: explain.Error, Ref: bimiDraft + " §7.1", Message: msgBIMIDMARCSubdomainNone},
		CodeBIMIDMARCPct:           {Severity: explain.Error, Ref: bimiDraft + " §7.1", Message: msgBIMIDMARCPct},
		CodeBIMIDMARCTesting:       {Severity: explain.Info, Ref: "RFC 9989 §4.7", Message: msgBIMIDMARCTesting},
	},
}

// BIMISelector returns the BIMI selector sel as a report looks it up for
// domain (already normalized): lower case, in A-labels. A BIMI selector is
// host-name labels (draft-10 §4.4: sub-domain *("." sub-domain)), so,
// unlike a DKIM selector, it holds no "_".
func BIMISelector(sel, domain string) (string, error) {
	suffix := "._bimi." + domain
	name, err := Normalize(sel + suffix)
	if err != nil || sel == "" || strings.Contains(sel, "_") || strings.Trim(sel, ".") != sel || strings.TrimSpace(sel) != sel {
		return "", fmt.Errorf("%w: selector %q: not a BIMI selector (dot-separated labels of letters, digits and \"-\", %s §4.4)", ErrDomain, sel, bimiDraft)
	}
	return strings.TrimSuffix(name, suffix), nil
}

// lookupBIMI follows draft-10 §7.2: the record at the selector under the
// domain, else under its organizational domain; exactly one record that
// starts with v=BIMI1 is used.
func lookupBIMI(ctx context.Context, r doh.Resolver, domain, selector string) BIMI {
	if selector == "" {
		selector = DefaultBIMISelector
	}
	b := BIMI{Selector: selector, Steps: []BIMIStep{queryBIMI(ctx, r, selector, domain)}}
	if org := legacyOrg(domain); org != domain && b.Steps[0].Error == nil && b.Steps[0].counted == 0 {
		b.Steps = append(b.Steps, queryBIMI(ctx, r, selector, org))
	}
	last := &b.Steps[len(b.Steps)-1]
	if last.Error != nil || last.used < 0 {
		return b // none, several (each has bimi.record.multiple) or unknown
	}
	rec := last.Records[last.used]
	b.Record = &rec
	b.Source = "domain"
	if len(b.Steps) > 1 {
		b.Source = "organizational"
	}
	f := rec.Facts.(*bimi.Facts)
	b.Logo, b.Evidence, b.Declined = f.Logo, f.Authority, f.Declined
	return b
}

// queryBIMI asks for <selector>._bimi.<d> and explains what is there.
func queryBIMI(ctx context.Context, r doh.Resolver, selector, d string) BIMIStep {
	s := BIMIStep{Domain: d, Name: selector + "._bimi." + d + ".", Records: []explain.Record{}, used: -1}
	res, err := r.Query(ctx, s.Name, dns.TypeTXT)
	if err != nil {
		s.Error = dnsError("bimi", s.Name, dns.TypeTXT, err)
		return s
	}
	s.Records, s.counted, s.used = explainTXT(res, s.Name, &bimi.Kind)
	return s
}

// bimiFindings returns what the DMARC policy means for the BIMI record
// (draft-10 §7.1): when receivers will not show the logo, and why. It
// sets BIMI.Eligible.
func bimiFindings(r *Report) []Finding {
	b := &r.BIMI
	if b.Record == nil {
		return nil
	}
	var out []Finding
	add := func(code, name string, a explain.Args) { out = append(out, render(code, name, a)) }
	if b.Source == "organizational" {
		s := b.Steps[1]
		add(CodeBIMIOrganizational, s.Name, args("domain", r.Domain, "name", bare(b.Steps[0].Name), "organizational_domain", s.Domain, "used", bare(s.Name)))
	}
	f := b.Record.Facts.(*bimi.Facts)
	if !f.LogoUsable || dmarcFailed(r) {
		return out // no logo asked for (declined, broken), or DMARC unknown
	}
	org := r.DMARC.Legacy.OrganizationalDomain
	blocked, found := false, false
	for _, s := range r.DMARC.Walk {
		if s.Domain != r.Domain && s.Domain != org || !s.Valid || s.record == nil {
			continue
		}
		found = true
		rec, at := s.record, bare(s.Name)
		switch p := rec.EffectivePolicy(); {
		case p == dmarc.PolicyNone || p == "":
			blocked = true
			add(CodeBIMIDMARCNone, s.Name, args("domain", r.Domain, "name", at, "logo", b.Logo, "p", string(rec.Policy)))
		case p == dmarc.PolicyQuarantine && rec.Lookup("pct") != nil && (rec.Percent == nil || *rec.Percent != 100):
			blocked = true
			add(CodeBIMIDMARCPct, s.Name, args("domain", r.Domain, "name", at, "pct", rec.Lookup("pct").Value))
		}
		if rec.SubdomainPolicy == dmarc.PolicyNone {
			blocked = true
			add(CodeBIMIDMARCSubdomainNone, s.Name, args("domain", r.Domain, "name", at))
		}
		if rec.Testing == dmarc.TestingYes {
			add(CodeBIMIDMARCTesting, s.Name, args("name", at, "p", string(rec.EffectivePolicy())))
		}
	}
	if !found {
		blocked = true
		add(CodeBIMIDMARCAbsent, "_dmarc."+r.Domain+".", args("domain", r.Domain, "organizational_domain", org))
	}
	b.Eligible = !blocked
	return out
}

// bare is a name for prose: no trailing dot.
func bare(fqdn string) string { return strings.TrimSuffix(fqdn, ".") }

// dmarcFailed reports whether a query of the DMARC part failed, so that
// what its records say is not known.
func dmarcFailed(r *Report) bool {
	for _, e := range r.Errors {
		if e.Part == "dmarc" && !e.Optional {
			return true
		}
	}
	return false
}

// The messages of the BIMI part's findings, from their Args.

func msgBIMIOrganizational(a explain.Args) string {
	return fmt.Sprintf("%s has no BIMI record at %s, so receivers use the one of its organizational domain, %s, at %s (draft-10 §7.2 step 6). Publish a record at %s to give %s a logo of its own, or “v=BIMI1; l=; a=;” to show none.",
		a["domain"], a["name"], a["organizational_domain"], a["used"], a["name"], a["domain"])
}

func msgBIMIDMARCAbsent(a explain.Args) string {
	return fmt.Sprintf("%s asks for a BIMI logo, but neither it nor its organizational domain %s has a DMARC record: receivers show a logo only for mail that passes DMARC under a policy of quarantine or reject (draft-10 §7.1), so they never show this one. Publish a DMARC record with p=quarantine or p=reject.",
		a["domain"], a["organizational_domain"])
}

func msgBIMIDMARCNone(a explain.Args) string {
	written := "p=none"
	if a["p"] != string(dmarc.PolicyNone) {
		written = "no valid p= (receivers read it as p=none)"
	}
	return fmt.Sprintf("The DMARC record at %s has %s: while the domain or its organizational domain only monitors, receivers perform no BIMI processing for mail from %s (draft-10 §7.1 step 7), so the logo at %s is never shown. Move to p=quarantine or p=reject once the DMARC reports show your mail passes.",
		a["name"], written, a["domain"], a["logo"])
}

func msgBIMIDMARCSubdomainNone(a explain.Args) string {
	return fmt.Sprintf("The DMARC record at %s has sp=none: receivers perform no BIMI processing when the domain's or its organizational domain's record leaves subdomains unenforced (draft-10 §7.1 step 8), so they show no logo for %s. Set sp=quarantine or sp=reject, or remove sp= so that subdomains inherit p=.",
		a["name"], a["domain"])
}

func msgBIMIDMARCPct(a explain.Args) string {
	return fmt.Sprintf("The DMARC record at %s has p=quarantine with pct=%s: with quarantine, BIMI requires pct=100 or no pct at all (draft-10 §7.1 step 9), so receivers show no logo for %s. Remove pct= (RFC 9989 removed the tag) or set it to 100.",
		a["name"], a["pct"], a["domain"])
}

func msgBIMIDMARCTesting(a explain.Args) string {
	return fmt.Sprintf("The DMARC record at %s has t=y: RFC 9989 receivers apply one level below p=%s (reject as quarantine, quarantine as none). The BIMI draft, written for RFC 7489, does not say what that means for BIMI; a receiver that reads quarantine with t=y as none shows no logo. Remove t=y once you enforce.",
		a["name"], a["p"])
}
