package inspect

import (
	"fmt"
	"strings"

	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/mtasts"
)

// Verdict is one line of the report's checklist (Report.Verdicts): a part,
// its mark and one sentence, in display order. Front ends draw the list
// first, each line linking to the part's section.
type Verdict struct {
	Part  string `json:"part"`  // the part's name, as in Report.Parts: "spf"
	Label string `json:"label"` // "SPF"
	// Section is the JSON key of the part's section ("mta_sts"), as in
	// PartStatus.Section.
	Section string `json:"section"`
	// Anchor is the id of the part's section, to link to, under the front
	// end's prefix: the page's section is "lk-" + Anchor, the element's
	// "rp-" + Anchor ("spf", "mta-sts"; the Markdown links to its heading).
	Anchor string `json:"anchor"`
	// Status is VerdictOK, VerdictWarning or VerdictError; Mark is it as a
	// sign: "✓", "!", "✗".
	Status VerdictStatus `json:"status"`
	Mark   string        `json:"mark"`
	// Text is one sentence: what the part found, and its counts.
	Text string `json:"text"`
}

// VerdictStatus is a checklist line's status.
type VerdictStatus string

// The checklist's statuses, from the part's status (PartStatus) with the
// one validity rule: any error finding of the part is an error.
const (
	// VerdictError: the part has an error finding (StatusError).
	VerdictError VerdictStatus = "error"
	// VerdictWarning: a warning finding, a query it needed failed
	// (StatusPartial), or no record of a part every domain that sends
	// mail should have (StatusMissing for MX, SPF, DMARC, DKIM).
	VerdictWarning VerdictStatus = "warning"
	// VerdictOK: no error or warning; for an optional part (MTA-STS,
	// TLS-RPT, BIMI), also none published.
	VerdictOK VerdictStatus = "ok"
)

var verdictMarks = map[VerdictStatus]string{VerdictOK: "✓", VerdictWarning: "!", VerdictError: "✗"}

// verdicts returns the report's checklist: one line per part of
// Report.Parts, in its order.
func (r *Report) verdicts() []Verdict {
	out := make([]Verdict, 0, len(r.Parts))
	for _, s := range r.Parts {
		p := partNamed(s.Part)
		if p == nil {
			continue
		}
		v := Verdict{Part: s.Part, Label: s.Label, Section: s.Section, Anchor: s.Part}
		switch {
		case s.Status == StatusError:
			v.Status = VerdictError
		case s.Status == StatusWarning, s.Status == StatusPartial, s.Status == StatusMissing && !p.optional:
			v.Status = VerdictWarning
		default:
			v.Status = VerdictOK
		}
		v.Mark = verdictMarks[v.Status]
		var fact string
		switch {
		case s.Status == StatusPartial:
			fact = "Unknown: a query it needed failed"
		case p.verdict != nil:
			fact = p.verdict(r)
		case s.Status == StatusMissing:
			fact = "None published"
		default:
			fact = fmt.Sprintf("%s found", plural(len(p.records(r)), "record"))
		}
		v.Text = fact + countsClause(s) + "."
		out = append(out, v)
	}
	return out
}

func partNamed(name string) *part {
	for _, p := range parts {
		if p.name == name {
			return p
		}
	}
	return nil
}

// countsClause is "; 2 errors, 1 warning" ("" with neither).
func countsClause(s PartStatus) string {
	var c []string
	if s.Errors > 0 {
		c = append(c, plural(s.Errors, "error"))
	}
	if s.Warnings > 0 {
		c = append(c, plural(s.Warnings, "warning"))
	}
	if len(c) == 0 {
		return ""
	}
	return "; " + strings.Join(c, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// The facts of each part's checklist line, for the parts that say more
// than their records' count (part.verdict). Names from DNS are in them as
// text; front ends insert the sentence as text.

func mxVerdict(r *Report) string {
	m := &r.MX
	switch {
	case r.NXDomain:
		return r.Domain + " does not exist (NXDOMAIN)"
	case m.NullMX:
		return "Null MX: the domain accepts no mail"
	case m.Implicit && len(m.Hosts) > 0 && m.Hosts[0].usable():
		return "No MX records: mail goes to the domain's own address (implicit MX)"
	case m.Implicit:
		return "No MX records and no address: mail to the domain cannot be delivered"
	}
	usable := 0
	for _, h := range m.Hosts {
		if h.usable() {
			usable++
		}
	}
	if len(m.Hosts) == 1 {
		return fmt.Sprintf("Mail goes to 1 host, %s", bare(m.Hosts[0].Exchange))
	}
	return fmt.Sprintf("Mail goes to %d hosts, %d of them with an address; the first is %s", len(m.Hosts), usable, bare(m.Hosts[0].Exchange))
}

func spfVerdict(r *Report) string {
	s := &r.SPF
	if !s.hasAll {
		if s.Tree != nil && s.Tree.Error != "" && !strings.HasPrefix(s.Tree.Error, "no SPF record") {
			return "The SPF record cannot be used (" + s.Tree.Error + ")"
		}
		return "No SPF record: receivers get \"none\""
	}
	t := fmt.Sprintf("%d/10 DNS lookups", s.DNSLookups)
	if s.DNSLookups > 10 {
		t += " (over the limit: receivers return permerror; see the plan)"
	}
	if s.all != "" {
		t += ", ends in " + s.all
	} else {
		t += ", no all term (neutral for senders that match nothing)"
	}
	return t
}

func dmarcVerdict(r *Report) string {
	d := &r.DMARC
	if d.Record == nil {
		return "No DMARC policy applies: receivers apply none"
	}
	from := "its own record"
	if d.Source != "domain" {
		from = "the record of " + d.PolicyDomain
	}
	switch d.Policy {
	case "none":
		return "Policy none (monitoring only), from " + from
	case "":
		return "No usable policy, from " + from
	}
	return "Policy " + d.Policy + ", from " + from
}

func dkimVerdict(r *Report) string {
	var found []string
	for _, p := range r.DKIMSelectors {
		if p.Found {
			found = append(found, p.Selector)
		}
	}
	if len(found) == 0 && lookedUp(r) == 0 {
		return "No selector was looked up"
	}
	if len(found) == 0 {
		return fmt.Sprintf("No key found at the %d selectors looked up (name yours if it is not a common one)", lookedUp(r))
	}
	revoked := 0
	for _, rec := range r.DKIM {
		if f, ok := rec.Facts.(*dkim.Facts); ok && f.Revoked {
			revoked++
		}
	}
	t := fmt.Sprintf("%s found: %s", plural(len(found), "key"), strings.Join(found, ", "))
	if revoked > 0 {
		t += fmt.Sprintf(" (%d revoked)", revoked)
	}
	return t
}

func mtastsVerdict(r *Report) string {
	m := &r.MTASTS
	switch {
	case m.Record == nil && m.Policy != nil:
		return "A policy file is served, but no usable record announces it"
	case m.Record == nil && len(m.Records) > 0:
		return "No usable MTA-STS record"
	case m.Record == nil:
		return "None published: senders use TLS when they can, without requiring it"
	case m.Policy == nil:
		return "A record announces a policy that was not read"
	case !m.Policy.Valid:
		return "A record announces a policy that senders cannot use"
	}
	mode := ""
	if f, ok := m.Policy.Facts.(*mtasts.PolicyFacts); ok && f.Mode != nil {
		mode = *f.Mode
	}
	covered := 0
	for _, h := range m.Hosts {
		if h.Covered {
			covered++
		}
	}
	t := "Policy in mode " + mode
	if len(m.Hosts) > 0 {
		t += fmt.Sprintf(", covering %d of the %d MX hosts", covered, len(m.Hosts))
	}
	return t
}

func tlsrptVerdict(r *Report) string {
	t := &r.TLSRPT
	if len(t.Mailto)+len(t.HTTPS) == 0 {
		if len(t.Records) > 0 {
			return "No usable TLS-RPT record"
		}
		return "None published: senders report TLS failures to nobody"
	}
	return "Reports go to " + strings.Join(append(append([]string{}, t.Mailto...), t.HTTPS...), ", ")
}

func bimiVerdict(r *Report) string {
	b := &r.BIMI
	switch {
	case b.Record == nil:
		return "None published: no logo is shown"
	case b.Declined:
		return "The domain declines to show a logo"
	case b.Eligible:
		return "A logo is published, and the DMARC policy lets it be shown"
	}
	return "A logo is published, but the DMARC policy does not let it be shown"
}
