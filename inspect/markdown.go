package inspect

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mxplain/mxplain/internal/terminal"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Markdown writes the report as Markdown (CommonMark, GitHub's headings):
// the checklist first, each line linking to its part's heading, then each
// part of Report.Parts with its findings and records, the SPF tree and
// plan, and the failed queries. Everything from DNS is in code spans and
// fenced blocks or escaped, never read as Markdown or HTML, with control
// and bidi characters made visible (\x1b, \u202e). The report's elapsed
// time is left out, so that one report always gives the same text.
// `mxplain lookup --markdown` prints it; the page copies it.
func Markdown(r *Report) string {
	var b strings.Builder
	title := r.Domain
	if title == "" {
		title = r.Input
	}
	fmt.Fprintf(&b, "# Mail DNS of %s\n\n", mdCode(title))
	if r.Error != "" {
		fmt.Fprintf(&b, "No lookup was made: %s.\n", mdText(r.Error))
		return b.String()
	}
	if in := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(r.Input)), "."); in != "" && in != r.Domain {
		fmt.Fprintf(&b, "Looked up from %s.\n\n", mdCode(r.Input))
	}
	q := fmt.Sprintf("%d DNS queries", r.Queries)
	if r.Queries == 1 {
		q = "1 DNS query"
	}
	fmt.Fprintf(&b, "%s, by mxplain.\n\n", q)

	b.WriteString("## Checklist\n\n")
	for _, v := range r.Verdicts {
		fmt.Fprintf(&b, "- %s [%s](#%s): %s\n", v.Mark, v.Label, mdSlug(partHeading(r, v.Part)), mdText(v.Text))
	}
	for _, s := range r.Parts {
		fmt.Fprintf(&b, "\n## %s\n\n", partHeading(r, s.Part))
		mdPart(&b, r, s)
	}
	mdPath(&b, r)
	if len(r.Errors) > 0 {
		b.WriteString("\n## Failed queries\n\n")
		for _, e := range r.Errors {
			opt := ""
			if e.Optional {
				opt = " (a probe: the report is whole without it)"
			}
			fmt.Fprintf(&b, "- %s (%s): %s%s\n", mdCode(strings.TrimSpace(e.Name+" "+e.Type)), mdText(e.Part), mdText(e.KindLabel()), opt)
		}
	}
	return b.String()
}

// mdPath writes the path of a message (Report.Path) as a numbered list,
// each step linking to the sections it rests on.
func mdPath(b *strings.Builder, r *Report) {
	if len(r.Path) == 0 {
		return
	}
	b.WriteString("\n## The path of a message\n\n")
	for i, s := range r.Path {
		fmt.Fprintf(b, "%d. %s **%s** (%s). %s\n", i+1, s.Mark, mdText(s.Title), mdText(s.Actor), mdText(s.Does))
		for _, line := range s.Says {
			fmt.Fprintf(b, "   - %s\n", mdText(line))
		}
		var links []string
		for _, p := range s.Parts {
			links = append(links, fmt.Sprintf("[%s](#%s)", mdText(labelOf(r, p)), mdSlug(partHeading(r, p))))
		}
		if len(links) > 0 {
			fmt.Fprintf(b, "   - See %s.\n", strings.Join(links, ", "))
		}
	}
}

// labelOf is the label of a part ("MX"), or its name.
func labelOf(r *Report, part string) string {
	for _, s := range r.Parts {
		if s.Part == part {
			return s.Label
		}
	}
	return part
}

// partHeading is the heading of a part's section: "MX: Mail exchangers".
func partHeading(r *Report, part string) string {
	for _, s := range r.Parts {
		if s.Part == part {
			return s.Label + ": " + s.Title
		}
	}
	return part
}

// mdSlug is the anchor GitHub gives a heading: lower case, punctuation
// other than "-" dropped, blanks made "-".
func mdSlug(h string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(h) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteRune(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func mdPart(b *strings.Builder, r *Report, s PartStatus) {
	for _, v := range r.Verdicts {
		if v.Part == s.Part {
			fmt.Fprintf(b, "%s %s\n\n", v.Mark, mdText(v.Text))
		}
	}
	switch s.Part {
	case "mx":
		mdMX(b, r)
	case "spf":
		mdSPF(b, r)
	case "dmarc":
		if d := r.DMARC; d.PolicyDomain != "" {
			fmt.Fprintf(b, "Policy domain %s (%s), organizational domain %s: receivers apply p=%s.\n\n", mdCode(d.PolicyDomain), mdText(d.Source), mdCode(d.OrganizationalDomain), mdText(orNone(d.Policy)))
		}
	case "dkim":
		var looked []string
		for _, p := range r.DKIMSelectors {
			if !p.Skipped && !p.Found {
				looked = append(looked, p.Selector)
			}
		}
		if len(looked) > 0 {
			fmt.Fprintf(b, "No key at: %s.\n\n", mdText(strings.Join(looked, ", ")))
		}
	}
	var own []Finding
	for _, f := range r.Findings {
		if f.Part == s.Part {
			own = append(own, f)
		}
	}
	if p := partNamed(s.Part); p != nil && p.problems != nil {
		own = append(own, p.problems(r)...)
	}
	for _, f := range own {
		fmt.Fprintf(b, "- %s %s (%s%s)\n", mdSeverity(f.Severity), mdText(f.Message), mdCode(f.Code), mdRef(f.Ref))
	}
	if len(own) > 0 {
		b.WriteString("\n")
	}
	recs := r.PartRecords(s.Part)
	if s.Part == "mx" {
		// MX records with nothing to say are one line: the hosts above
		// show them.
		var quiet []string
		var loud []explain.Record
		for _, rec := range recs {
			if len(rec.Findings) == 0 && rec.Valid {
				quiet = append(quiet, mdCode(rec.Value))
			} else {
				loud = append(loud, rec)
			}
		}
		if len(quiet) > 0 {
			fmt.Fprintf(b, "%s ✓ valid, no findings: %s.\n\n", mdText(plural(len(quiet), "MX record")), strings.Join(quiet, ", "))
		}
		recs = loud
	}
	for _, rec := range recs {
		mdRecord(b, rec)
	}
}

func mdMX(b *strings.Builder, r *Report) {
	if len(r.MX.Hosts) == 0 {
		return
	}
	b.WriteString("| preference | exchange | addresses |\n|---|---|---|\n")
	for _, h := range r.MX.Hosts {
		pref := fmt.Sprint(h.Preference)
		if h.Implicit {
			pref = "implicit"
		}
		var addrs []string
		for _, a := range h.Addresses {
			addrs = append(addrs, a.String())
		}
		at := mdCell(strings.Join(addrs, ", "))
		switch {
		case len(addrs) > 0:
		case len(h.Errors) > 0:
			at = "unknown: the query failed"
		case h.NXDomain:
			at = "does not exist"
		default:
			at = "no address"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", pref, mdCell(h.Exchange), at)
	}
	b.WriteString("\n")
}

func mdSPF(b *strings.Builder, r *Report) {
	s := r.SPF
	if s.Tree == nil {
		return
	}
	fmt.Fprintf(b, "%d/10 DNS lookups, %d/2 void lookups (RFC 7208 §4.6.4).\n\n", s.DNSLookups, s.VoidLookups)
	var tree func(n *SPFNode, depth int)
	tree = func(n *SPFNode, depth int) {
		line := mdCode(n.Domain)
		if n.Via != "" {
			line = mdCode(n.Via) + " → " + line
		}
		if n.Provider != "" {
			line += " (" + mdText(n.Provider) + "'s record)"
		}
		if n.Error != "" {
			line += ": " + mdText(n.Error)
		}
		if len(n.Spends) > 0 {
			var sp []string
			for _, x := range n.Spends {
				sp = append(sp, fmt.Sprintf("%s #%d", x.Term, x.Lookup))
			}
			line += "; lookups: " + mdText(strings.Join(sp, ", "))
		}
		fmt.Fprintf(b, "%s- %s\n", strings.Repeat("  ", depth), line)
		for _, c := range n.Children {
			tree(c, depth+1)
		}
	}
	tree(s.Tree, 0)
	b.WriteString("\n")
	if p := s.Plan; p != nil {
		fmt.Fprintf(b, "### Plan: %s\n\n", mdText(p.Title))
		for i, st := range p.Steps {
			fmt.Fprintf(b, "%d. %s\n", i+1, mdText(st.Text))
			if st.Value != "" {
				fmt.Fprintf(b, "\n%s\n", indentBlock(mdFence(st.Value), "   "))
			}
		}
		fmt.Fprintf(b, "\n(%s)\n\n", mdText(p.Ref))
	}
}

func indentBlock(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return strings.Join(lines, "\n")
}

func mdRecord(b *strings.Builder, rec explain.Record) {
	verdict := "✓ valid"
	if !rec.Valid {
		verdict = "✗ has errors"
	}
	owner := ""
	if rec.Owner != "" {
		owner = " at " + mdCode(rec.Owner)
	}
	fmt.Fprintf(b, "**%s record**%s, %s: %s\n\n%s\n\n", mdText(strings.ToUpper(string(rec.Type))), owner, verdict, mdText(rec.Summary), mdFence(rec.Value))
	fs := append([]explain.Finding{}, rec.Findings...)
	sort.SliceStable(fs, func(i, j int) bool { return rank(fs[i].Severity) < rank(fs[j].Severity) })
	for _, f := range fs {
		at := ""
		if f.Span[0] >= 0 && f.Span[1] <= len(rec.Value) && f.Span[0] < f.Span[1] && f.Span[1]-f.Span[0] < len(rec.Value) {
			at = " at " + mdCode(rec.Value[f.Span[0]:f.Span[1]])
		}
		fmt.Fprintf(b, "- %s%s: %s (%s%s)\n", mdSeverity(f.Severity), at, mdText(f.Message), mdCode(f.Code), mdRef(f.Ref))
	}
	if len(fs) > 0 {
		b.WriteString("\n")
	}
}

func mdSeverity(s explain.Severity) string {
	switch s {
	case explain.Error:
		return "✗ **error**"
	case explain.Warning:
		return "! **warning**"
	}
	return "i info"
}

func mdRef(ref string) string {
	if ref == "" {
		return ""
	}
	return ", " + mdText(ref)
}

// mdText escapes text for Markdown: its punctuation is literal, "<" and
// "&" are not HTML, control characters are visible, lines do not break.
func mdText(s string) string {
	s = terminal.Visible(s)
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '#', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// mdCode is s as a code span, with control characters visible; a span
// holding backticks is opened and closed by more of them (CommonMark §6.1).
func mdCode(s string) string {
	s = terminal.Visible(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdCell is s as a code span in a table cell, its "|" escaped (GFM).
func mdCell(s string) string { return strings.ReplaceAll(mdCode(s), "|", "\\|") }

// mdFence is s as a fenced code block, the fence longer than any run of
// backticks in it; its lines stay lines.
func mdFence(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = terminal.Visible(l)
	}
	s = strings.Join(lines, "\n")
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + "\n" + s + "\n" + fence
}
