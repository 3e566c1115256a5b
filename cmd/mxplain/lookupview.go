package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/terminal"
	"github.com/mxplain/mxplain/parsers/explain"
)

// partViews are the parts of a report with a drawing of their own: the MX
// hosts, the SPF tree, the DMARC walk, the DKIM selectors. Every other part
// of Report.Parts is drawn by genericPart, so a new part shows up with no
// change here.
var partViews = map[string]func(r *renderer, rep *inspect.Report){
	"mx":     (*renderer).mxPart,
	"spf":    (*renderer).spfPart,
	"dmarc":  (*renderer).dmarcPart,
	"dkim":   (*renderer).dkimPart,
	"dnssec": (*renderer).dnssecPart,
	"dane":   (*renderer).danePart,
	"srv":    (*renderer).srvPart,
}

// report prints a lookup report for a terminal: each part of Report.Parts
// under a heading with its status, its records explained and its findings,
// then the findings about no part and the failed queries.
func (r *renderer) report(rep *inspect.Report, endpoint string, zones []string) {
	title := rep.Domain
	if rep.Input != "" && strings.TrimSuffix(strings.ToLower(rep.Input), ".") != rep.Domain {
		title += " (" + rep.Input + ")"
	}
	fmt.Fprintf(r.w, "%s\n", r.paint(bold, title))
	via := endpoint
	if len(zones) > 0 {
		via += ", with " + strings.Join(zones, ", ") + " laid over it"
	}
	r.wrap("  ", fmt.Sprintf("%d queries to %s in %.0f ms.", rep.Queries, via, rep.ElapsedMS))
	r.checklist(rep)

	shown := map[string]bool{}
	for _, p := range rep.Parts {
		shown[p.Part] = true
		r.partHeading(p)
		if draw, ok := partViews[p.Part]; ok {
			draw(r, rep)
		} else {
			r.genericPart(rep, p)
		}
		first := true
		for _, f := range rep.Findings {
			if f.Part != p.Part {
				continue
			}
			if first {
				fmt.Fprintln(r.w)
				first = false
			}
			r.finding(f.Severity, f.Code, f.Ref, f.Message)
		}
	}

	r.path(rep)

	var across []inspect.Finding
	for _, f := range rep.Findings {
		if !shown[f.Part] {
			across = append(across, f)
		}
	}
	if len(across) > 0 {
		r.section("Across records")
		for _, f := range across {
			r.finding(f.Severity, f.Code, f.Ref, f.Message)
		}
	}
	if len(rep.Errors) > 0 {
		r.section("Failed queries")
		for _, e := range rep.Errors {
			opt := ""
			if e.Optional {
				opt = " (a probe; the report is whole without it)"
			}
			r.wrap("  ", fmt.Sprintf("%s, %s: %s (%s)%s", e.Part, where(e), e.KindLabel(), e.Message, opt))
		}
	}
}

// verdictColors are the colours of the checklist's marks.
var verdictColors = map[inspect.VerdictStatus]string{inspect.VerdictOK: bold, inspect.VerdictWarning: yellow, inspect.VerdictError: red}

// checklist prints the report's verdicts (Report.Verdicts), one line a
// part, before the parts.
func (r *renderer) checklist(rep *inspect.Report) {
	if len(rep.Verdicts) == 0 {
		return
	}
	fmt.Fprintln(r.w)
	for _, v := range rep.Verdicts {
		label := fmt.Sprintf("%-8s", v.Label)
		r.wrapMarkedHanging("  "+r.paint(verdictColors[v.Status], v.Mark)+" "+r.paint(bold, label)+" ", strings.Repeat(" ", 5+len(label)), terminal.Visible(v.Text))
	}
}

// partHeading prints a part's heading: its label, its title and its status
// as the report gives it (Report.Parts), in words.
func (r *renderer) partHeading(p inspect.PartStatus) {
	counts := func() string {
		var s []string
		if p.Errors > 0 {
			s = append(s, plural(p.Errors, "error"))
		}
		if p.Warnings > 0 {
			s = append(s, plural(p.Warnings, "warning"))
		}
		return strings.Join(s, ", ")
	}
	status, color := "ok", bold
	switch p.Status {
	case inspect.StatusError:
		status, color = counts(), red
	case inspect.StatusWarning:
		status, color = counts(), yellow
	case inspect.StatusPartial:
		status, color = "incomplete: a query it needed failed", red
	case inspect.StatusMissing:
		status, color = "none found", yellow
		if c := counts(); c != "" {
			status += ", " + c
		}
	}
	if p.DNSSECLabel != "" {
		status += " · " + p.DNSSECLabel
	}
	fmt.Fprintf(r.w, "\n%s  %s: %s\n", r.paint(bold, p.Label), p.Title, r.paint(color, status))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// where is the name and type a failed query asked for.
func where(e inspect.DNSError) string { return strings.TrimSpace(e.Name + " " + e.Type) }

// genericPart draws a part with no drawing of its own: its records
// explained as mxplain explain does, and its failed queries (its findings
// follow, as for every part).
func (r *renderer) genericPart(rep *inspect.Report, p inspect.PartStatus) {
	recs := rep.PartRecords(p.Part)
	if len(recs) == 0 && p.Status == inspect.StatusMissing {
		r.wrap("  ", "No record found.")
	}
	for _, e := range rep.Errors {
		if e.Part == p.Part {
			r.wrapMarked("  ", r.paint(red, "query failed: ")+terminal.Visible(e.KindLabel()+": "+where(e)))
		}
	}
	for _, rec := range recs {
		fmt.Fprintln(r.w)
		r.record(rec.Value, rec)
	}
}

// mxPart draws the MX hosts with their addresses, then the MX records.
func (r *renderer) mxPart(rep *inspect.Report) {
	switch {
	case rep.MX.Error != nil:
		r.wrap("  ", "The MX query failed: "+rep.MX.Error.KindLabel()+".")
	case rep.NXDomain:
		r.wrap("  ", rep.Domain+" does not exist (NXDOMAIN).")
	case rep.MX.NullMX:
		r.wrap("  ", "Null MX: the domain accepts no mail (RFC 7505).")
	case rep.MX.Implicit:
		r.wrap("  ", "No MX records: senders deliver to the domain's own addresses (implicit MX, RFC 5321 §5.1).")
	}
	if len(rep.MX.Alias) > 0 {
		r.wrap("  ", fmt.Sprintf("%s is an alias (CNAME) of %s: senders use that name's MX records (RFC 5321 §5.1).", rep.Domain, strings.Join(rep.MX.Alias, " → ")))
	}
	for _, h := range rep.MX.Hosts {
		var addrs []string
		for _, a := range h.Addresses {
			addrs = append(addrs, a.String())
		}
		line := fmt.Sprintf("  %3d  %s", h.Preference, terminal.Visible(h.Exchange))
		if len(h.Alias) > 0 {
			line += "  → CNAME " + terminal.Visible(strings.Join(h.Alias, " → "))
		}
		if len(addrs) > 0 {
			line += "  " + r.paint(cyan, strings.Join(addrs, ", "))
		} else if len(h.Errors) == 0 {
			line += "  " + r.paint(red, "no address")
		}
		fmt.Fprintln(r.w, line)
		for _, e := range h.Errors {
			r.wrapMarked("       ", r.paint(red, "query failed: ")+terminal.Visible(e.KindLabel()+" ("+e.Type+")"))
		}
	}
	// Records with nothing to say are one line: the hosts above show them.
	var quiet []string
	for _, rec := range rep.MX.Records {
		if len(rec.Findings) == 0 && rec.Valid {
			quiet = append(quiet, rec.Value)
			continue
		}
		fmt.Fprintln(r.w)
		r.record(rec.Value, rec)
	}
	if len(quiet) > 0 {
		fmt.Fprintln(r.w)
		r.wrap("  ", fmt.Sprintf("%s with nothing to say (valid, no findings): %s", plural(len(quiet), "MX record"), strings.Join(quiet, ", ")))
	}
}

// spfPart draws the SPF tree with the lookups it costs, check_host()'s
// path with --ip, then every record of the tree.
func (r *renderer) spfPart(rep *inspect.Report) {
	r.wrap("  ", fmt.Sprintf("%d of 10 DNS lookups, %d of 2 void lookups.", rep.SPF.DNSLookups, rep.SPF.VoidLookups))
	if rep.SPF.Tree != nil {
		r.spfTree(rep.SPF.Tree, "  ")
		if len(rep.SPF.Networks) > 0 {
			r.wrap("  ", "Authorised networks: "+strings.Join(rep.SPF.Networks, ", "))
		}
		for _, p := range rep.SPF.Problems {
			if !p.AtTerm { // else shown with its record, at its term
				r.finding(p.Severity, p.Code, "", p.Message)
			}
		}
		if p := rep.SPF.Plan; p != nil {
			r.plan(*p)
		}
		if c := rep.SPF.Check; c != nil {
			fmt.Fprintln(r.w)
			r.wrapMarked("  ", terminal.Visible(fmt.Sprintf("check_host(%s, %s, %s) = ", c.IP, c.Domain, c.Sender))+r.paint(bold, c.Result))
			for _, st := range c.Path {
				mark := " "
				if st.Match {
					mark = "✓"
				}
				line := fmt.Sprintf("%s%s %s  %s", strings.Repeat("  ", st.Depth+2), mark, terminal.Visible(st.Term), terminal.Visible(st.Note))
				if st.Result != "" {
					line += "  → " + terminal.Visible(st.Result)
				}
				fmt.Fprintln(r.w, line)
			}
			if c.Problem != "" {
				r.wrap("    ", c.Problem)
			}
			if c.Explanation != "" {
				r.wrap("    ", "exp: "+c.Explanation)
			}
		}
		recs := rep.PartRecords("spf")
		for _, rec := range recs {
			fmt.Fprintln(r.w)
			r.record(rec.Value, rec)
		}
	}
}

// dmarcPart draws the DMARC tree walk, the policy that applies and the
// report authorisations, then the record that applies.
func (r *renderer) dmarcPart(rep *inspect.Report) {
	d := rep.DMARC
	for _, s := range d.Walk {
		state := "no record"
		switch {
		case s.Error != nil:
			state = r.paint(red, "query failed: "+s.Error.KindLabel())
		case s.Valid && s.Domain == d.PolicyDomain:
			state = r.paint(bold, "policy record")
		case s.Valid:
			state = "DMARC record"
		case len(s.Records) > 0:
			state = fmt.Sprintf("%d TXT record(s), none usable", len(s.Records))
		}
		if s.AfterStop {
			state += " (after the walk stopped)"
		}
		fmt.Fprintf(r.w, "  %-40s %s\n", terminal.Visible(s.Name), state)
	}
	walkFailed := false
	for _, s := range d.Walk {
		walkFailed = walkFailed || (s.Error != nil && !s.AfterStop)
	}
	if walkFailed {
		r.wrapMarked("  ", r.paint(red, "A query of the tree walk failed, so what follows may be wrong:")+" receivers that get an answer there may find another record.")
	}
	if d.PolicyDomain != "" {
		r.wrap("  ", fmt.Sprintf("Policy domain %s (%s), organizational domain %s: receivers apply p=%s to mail from %s.", d.PolicyDomain, d.Source, d.OrganizationalDomain, d.Policy, rep.Domain))
	} else {
		r.wrap("  ", fmt.Sprintf("No DMARC policy applies; organizational domain %s.", d.OrganizationalDomain))
	}
	if d.Legacy.OrganizationalDomain != d.OrganizationalDomain || d.Legacy.PolicyDomain != d.PolicyDomain {
		r.wrap("  ", fmt.Sprintf("RFC 7489 receivers: organizational domain %s, policy domain %s.", d.Legacy.OrganizationalDomain, orDash(d.Legacy.PolicyDomain)))
	}
	for _, a := range d.Reports {
		state := r.paint(red, "not authorised")
		switch {
		case a.Error != nil:
			state = r.paint(red, "query failed: "+a.Error.KindLabel())
		case a.Authorized:
			state = "authorised"
		}
		r.wrapMarked("  ", fmt.Sprintf("%s %s: %s at %s", terminal.Visible(a.Tag), terminal.Visible(a.URI), state, terminal.Visible(a.Name)))
	}
	if d.Record != nil {
		fmt.Fprintln(r.w)
		r.record(d.Record.Value, *d.Record)
	}
}

// dkimPart draws the selectors looked up, then the keys found.
func (r *renderer) dkimPart(rep *inspect.Report) {
	var found, absent, failed, skipped []string
	for _, p := range rep.DKIMSelectors {
		switch {
		case p.Skipped:
			skipped = append(skipped, p.Selector)
		case p.Found:
			found = append(found, p.Selector)
		case p.Error != nil:
			failed = append(failed, p.Selector+" ("+p.Error.Kind+")")
		default:
			absent = append(absent, p.Selector)
		}
	}
	if len(absent) > 0 {
		r.wrap("  ", "No key at: "+strings.Join(absent, ", "))
	}
	if len(failed) > 0 {
		r.wrapMarked("  ", r.paint(red, "Query failed for: ")+terminal.Visible(strings.Join(failed, ", ")))
	}
	if len(skipped) > 0 {
		r.wrap("  ", "Not probed, to keep the query budget for MX, SPF and DMARC: "+strings.Join(skipped, ", "))
	}
	sort.Strings(found)
	for _, s := range found {
		fmt.Fprintln(r.w)
		rec := rep.DKIM[s]
		r.record(rec.Value, rec)
	}
}

func (r *renderer) section(title string) {
	fmt.Fprintf(r.w, "\n%s\n", r.paint(bold, title))
}

// finding prints one finding not tied to bytes of a record.
func (r *renderer) finding(sev explain.Severity, code, ref, msg string) {
	m := severityMarks[sev]
	head := fmt.Sprintf("  %s %s", r.paint(m.color, m.mark), r.paint(dim, code))
	if ref != "" {
		head += r.paint(dim, " ("+ref+")")
	}
	fmt.Fprintln(r.w, head)
	r.wrap("      ", msg)
}

// spfTree prints the include tree, one record a line, with the terms that
// spend lookups.
func (r *renderer) spfTree(n *inspect.SPFNode, indent string) {
	line := indent + terminal.Visible(n.Domain)
	if n.Via != "" {
		line = indent + terminal.Visible(n.Via) + "  →  " + terminal.Visible(n.Domain)
	}
	if n.Provider != "" {
		line += "  (" + terminal.Visible(n.Provider) + "'s record)"
	}
	if n.Record != nil {
		line += "  " + r.paint(cyan, quoteShort(n.Record.Value))
	}
	if n.Error != "" {
		line += "  " + r.paint(red, n.Error)
	}
	fmt.Fprintln(r.w, line)
	var spends []string
	for _, s := range n.Spends {
		v := ""
		if s.Void {
			v = ", void"
		}
		spends = append(spends, fmt.Sprintf("%s (#%d%s)", s.Term, s.Lookup, v))
	}
	if len(spends) > 0 {
		r.wrap(indent+"    ", "lookups: "+strings.Join(spends, ", "))
	}
	for _, c := range n.Children {
		r.spfTree(c, indent+"  ")
	}
}

func orDash(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
