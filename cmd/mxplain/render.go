package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/terminal"
	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// renderer writes explanations for a person reading a terminal: each record
// as written, every field marked under it with its meaning, then the findings
// with the bytes they are about. Text from the input or from DNS reaches the
// terminal only through paint, wrap or terminal.Visible, which show control
// bytes as escapes (an ESC in a TXT record never reaches the terminal).
type renderer struct {
	w      io.Writer
	color  bool
	width  int
	fields bool // mark and explain each field, not only the record's verdict
}

// newRenderer colours its output only for a terminal, and never when NO_COLOR
// is set (https://no-color.org).
func newRenderer(w io.Writer) *renderer {
	r := &renderer{w: w, width: 100, fields: true}
	if f, ok := w.(*os.File); ok && os.Getenv("NO_COLOR") == "" {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			r.color = true
		}
	}
	return r
}

const (
	red    = "31"
	yellow = "33"
	cyan   = "36"
	bold   = "1"
	dim    = "2"
)

// paint colours s, made visible.
func (r *renderer) paint(code, s string) string {
	s = terminal.Visible(s)
	if !r.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (r *renderer) explanation(ex explain.Explanation) {
	for i, rec := range ex.Records {
		if i > 0 {
			fmt.Fprintln(r.w)
		}
		r.record(ex.Input, rec)
	}
	if n := len(ex.Skipped); n > 0 {
		fmt.Fprintln(r.w)
		r.wrap("", r.paint(dim, skippedNote(ex)))
	}
}

// skippedNote says, in one line, which lines of the input were text
// around the records and left out.
func skippedNote(ex explain.Explanation) string {
	const shown = 8
	var lines []string
	line, at := 1, 0
	for i, s := range ex.Skipped {
		if i == shown {
			lines = append(lines, "…")
			break
		}
		line += strings.Count(ex.Input[at:s[0]], "\n")
		at = s[0]
		lines = append(lines, fmt.Sprint(line))
	}
	what := "1 line of text that is not a record (line "
	if len(ex.Skipped) > 1 {
		what = fmt.Sprint(len(ex.Skipped)) + " lines of text that are not records (lines "
	}
	return what + strings.Join(lines, ", ") + ") left out."
}

// severityMarks are how a finding's severity shows in text: a word, not only
// a colour.
var severityMarks = map[explain.Severity]struct{ mark, color string }{
	explain.Error:   {"✗ error  ", red},
	explain.Warning: {"! warning", yellow},
	explain.Info:    {"i info   ", cyan},
}

func (r *renderer) record(input string, rec explain.Record) {
	title := strings.ToUpper(string(rec.Type)) // unknown, other
	if k := parsers.KindOf(rec.Type); k != nil {
		title = k.Label
	}
	if rec.Owner != "" {
		title += "  " + rec.Owner
	}
	if rec.TTL != nil {
		title += fmt.Sprintf("  TTL %d", *rec.TTL)
	}
	verdict := r.paint(bold, "valid")
	if !rec.Valid {
		verdict = r.paint(red, "invalid")
	}
	fmt.Fprintf(r.w, "%s  (%s)\n", r.paint(bold, title), verdict)
	r.wrap("  ", rec.Summary)
	text := input[rec.Span[0]:rec.Span[1]]
	fields := append(append([]explain.Field{}, rec.Header...), rec.Fields...)
	fmt.Fprintln(r.w)
	if !r.fields {
		r.wrap("  ", text)
	} else if terminal.Width(text) <= r.width-4 && !strings.ContainsAny(text, "\n\t") {
		r.markedFields(text, rec.Span[0], fields)
	} else {
		r.listedFields(fields, "  ")
	}
	if len(rec.Findings) > 0 {
		fmt.Fprintln(r.w)
	}
	for _, f := range rec.Findings {
		m := severityMarks[f.Severity]
		head := fmt.Sprintf("  %s %s", r.paint(m.color, m.mark), r.paint(dim, f.Code))
		if f.Ref != "" {
			head += r.paint(dim, " ("+f.Ref+")")
		}
		fmt.Fprintln(r.w, head)
		// (A span over lines is a record's, shown above; one of only
		// blanks and line breaks is shown escaped.)
		if at := input[f.Span[0]:f.Span[1]]; at != "" && at != text && (!strings.Contains(at, "\n") || strings.TrimSpace(at) == "") {
			r.wrap("      ", "at: "+showPiece(at))
		}
		r.wrap("      ", f.Message)
		if f.Fix != nil {
			r.wrap("      ", "fix: "+fixText(input, f.Fix))
		}
	}
	if p := rec.Proposal; p != nil {
		fmt.Fprintln(r.w)
		fmt.Fprintln(r.w, "  "+r.paint(bold, "Corrected record")+r.paint(dim, " (fixes "+strings.Join(p.Fixes, ", ")+")"))
		if strings.Contains(p.Text, "\n") { // a document (an MTA-STS policy file): its lines
			for _, l := range textLines(p.Text) {
				fmt.Fprintln(r.w, "    "+terminal.Visible(l))
			}
		} else {
			r.wrap("    ", p.Text)
		}
		r.proposalNotes("  ", p)
	}
	for _, p := range rec.Plans {
		r.plan(p)
	}
}

// plan writes a plan (changes that take more than one edit): its title
// and reference, then its steps numbered, each with the value to publish.
func (r *renderer) plan(p explain.Plan) {
	fmt.Fprintln(r.w)
	title := r.paint(bold, "Plan: ") + terminal.Visible(p.Title)
	if p.Ref != "" {
		title += r.paint(dim, " ("+p.Ref+")")
	}
	r.wrapMarked("  ", title)
	for i, st := range p.Steps {
		r.wrapMarkedHanging(fmt.Sprintf("  %d. ", i+1), "     ", terminal.Visible(st.Text))
		if st.Value != "" {
			r.wrapMarked("       ", r.paint(cyan, terminal.Visible(st.Value)))
		}
	}
}

// fixText says what a fix writes: the bytes at its span replaced, or text
// inserted or removed.
func fixText(input string, f *explain.Fix) string {
	at := input[f.Span[0]:f.Span[1]]
	switch {
	case at == "":
		return "insert " + showPiece(f.Text)
	case f.Text == "":
		return "remove " + showPiece(at)
	}
	return "write " + showPiece(f.Text) + " for " + showPiece(at)
}

// showPiece shows a piece of a record as quoteShort does, its control
// bytes escaped before the line is split into words (a line break is
// then "\x0a", not a gap), and blanks alone in quotes.
func showPiece(s string) string {
	v := terminal.Visible(quoteShort(s))
	if strings.TrimSpace(v) == "" {
		return `"` + v + `"`
	}
	return v
}

// proposalNotes writes where a proposal goes in a DNS panel, what is for
// the user to fill in and the errors it does not correct, each line
// after prefix.
func (r *renderer) proposalNotes(prefix string, p *explain.Proposal) {
	if p.Panel.Type != "" {
		r.wrap(prefix, "In a DNS panel: name "+p.Panel.Name+", type "+p.Panel.Type+", value "+p.Panel.Value)
	}
	for _, s := range p.Slots {
		r.wrap(prefix, "Fill in {{"+s.Name+"}}: "+s.Label+" (for example "+s.Example+").")
	}
	if len(p.Remaining) > 0 {
		r.wrap(prefix, "Still wrong, for you to decide: "+strings.Join(p.Remaining, ", ")+".")
	}
}

// corrected writes each record of ex as it should be published: its
// proposal, with notes as ";" comments above it, or the record as written
// when nothing in it needs fixing. Text that is no record is left out.
func (r *renderer) corrected(ex explain.Explanation) {
	for _, rec := range ex.Records {
		if rec.Type == explain.TypeUnknown {
			continue
		}
		p := rec.Proposal
		if p == nil {
			// As written, line by line: a record over several lines
			// (parentheses) keeps its line breaks.
			for _, l := range textLines(ex.Input[rec.Span[0]:rec.Span[1]]) {
				fmt.Fprintln(r.w, terminal.Visible(l))
			}
			continue
		}
		fmt.Fprintln(r.w, "; fixes "+strings.Join(p.Fixes, ", "))
		r.proposalNotes("; ", p)
		for _, l := range textLines(p.Text) {
			fmt.Fprintln(r.w, terminal.Visible(l))
		}
	}
}

// textLines cuts a proposal's text into its lines, for printing: one for
// a record, the lines of a document (an MTA-STS policy file), each without
// its line end (LF or CRLF) and the last line end left out.
func textLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// markedFields prints the record once, then one line per field with carets
// under the field's bytes, its name and its meaning. Widths are those of the
// visible text, so the carets stay under a field's bytes when an escape
// (\x1b) stands for one of them.
func (r *renderer) markedFields(text string, base int, fields []explain.Field) {
	fmt.Fprintln(r.w, "  "+terminal.Visible(text))
	var walk func([]explain.Field, int)
	walk = func(fs []explain.Field, depth int) {
		for _, f := range fs {
			lo, hi := f.Span[0]-base, f.Span[1]-base
			if lo < 0 || hi > len(text) || hi < lo {
				continue
			}
			marks := strings.Repeat(" ", terminal.Width(text[:lo])) + strings.Repeat("^", max(1, terminal.Width(text[lo:hi])))
			fmt.Fprintf(r.w, "  %s %s\n", r.paint(cyan, marks), r.paint(bold, strings.Repeat("  ", depth)+f.Name))
			r.wrap("      "+strings.Repeat("  ", depth), meaningWithRef(f))
			if depth == 0 {
				walk(f.Children, depth+1)
			}
		}
	}
	walk(fields, 0)
}

// listedFields prints fields as a list, for records too long or too many
// lines to mark under.
func (r *renderer) listedFields(fields []explain.Field, indent string) {
	for _, f := range fields {
		fmt.Fprintf(r.w, "%s%s  %s\n", indent, r.paint(bold, f.Name), r.paint(cyan, quoteShort(f.Text)))
		r.wrap(indent+"    ", meaningWithRef(f))
		r.listedFields(f.Children, indent+"  ")
	}
}

func meaningWithRef(f explain.Field) string {
	if f.Ref == "" || strings.Contains(f.Meaning, f.Ref) {
		return f.Meaning
	}
	return f.Meaning + " (" + f.Ref + ")"
}

// wrap prints s word-wrapped to the renderer's width, each line indented,
// each word made visible: s is text from a record, from DNS or our own.
func (r *renderer) wrap(indent, s string) { r.wrapWords(indent, s, terminal.Visible) }

// wrapMarked prints s as wrap does, but s is made of painted pieces and
// text the caller made visible: its colours are kept.
func (r *renderer) wrapMarked(indent, s string) {
	r.wrapWords(indent, s, func(w string) string { return w })
}

// wrapMarkedHanging prints s (visible already) wrapped as wrapMarked does,
// its first line after first (which may be painted, and is as wide as
// rest) and the others after rest.
func (r *renderer) wrapMarkedHanging(first, rest, s string) {
	line, width := first, len(rest)
	for _, word := range strings.Fields(s) {
		if width > len(rest) && width+1+terminal.Width(word) > r.width {
			fmt.Fprintln(r.w, line)
			line, width = rest, len(rest)
		}
		if width > len(rest) {
			line += " "
			width++
		}
		line += word
		width += terminal.Width(word)
	}
	fmt.Fprintln(r.w, line)
}

func (r *renderer) wrapWords(indent, s string, show func(string) string) {
	line := indent
	for _, word := range strings.Fields(s) {
		word = show(word)
		if len(line) > len(indent) && len(line)+1+len(word) > r.width {
			fmt.Fprintln(r.w, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	if len(line) > len(indent) {
		fmt.Fprintln(r.w, line)
	}
}

// quoteShort shows a piece of a record, cut in the middle (between
// characters) when long.
func quoteShort(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	head, tail := 0, len(s)
	for range 28 {
		_, n := utf8.DecodeRuneInString(s[head:])
		head += n
		_, n = utf8.DecodeLastRuneInString(s[:tail])
		tail -= n
	}
	return s[:head] + "…" + s[tail:]
}
