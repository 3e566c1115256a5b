package parsers

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Copy and paste damages records in a few known ways: a word processor or
// a web page turns straight quotes into curly ones and blanks into
// no-break spaces, a page hides zero-width characters between words, a
// font or a keyboard layout gives a Cyrillic letter that looks Latin, an
// input method full-width digits. Receivers read those bytes as written,
// so the record is broken, but what was meant is plain. Explain reads the
// input with each such character replaced by what it stands for (repair),
// so that the record is explained as meant, and each record the damage is
// in gets one finding per kind of damage, spanning it, with the corrected
// text as its fix.

// A record copied from a web page's source or an HTML e-mail holds HTML:
// entities ("&quot;", "&#64;") for the characters they stand for, and
// tags around it ("<pre><code>…</code></pre>", "<br>"). Explain reads the
// entities decoded and, in a page's source (isPage: a line starts with a
// tag), the tags as the layout they make (tagLayout: a line break for a
// block or a <br>, nothing for inline markup), so that the records of a
// pasted page are found as in plain text and the prose around them is
// skipped; a record with entities or tags inside it gets one finding for
// them, its fix the text decoded. Only known entities ending in ";" and
// tags of known HTML elements count: a "&" in a value, or a placeholder
// such as "<selector>", is no HTML.
//
// A line break (CR, LF or both, with the blanks around it) inside a
// quoted string is damage too: an editor, an e-mail or a page wrapped the
// line, or the copy took the line's end along. Zone software publishes the
// break inside the string and receivers read it as a character of the
// record (an SPF record ending in "-all" and a line feed ends in no valid
// term). It is read as what was meant: deleted next to a quote (a
// trailing or leading break), a space in an SPF record (whose terms are
// separated by spaces) or after a ";" (tag lists write "; "), and nothing
// elsewhere, which joins up a value cut at a column (a DKIM key wrapped
// at 64 characters). Quoted strings on lines of their own are no
// damage: a zone entry in parentheses writes one string per line. A quote
// that is not closed by the next lines (see breakClosed) is left
// unterminated, as before. A tab inside one line's string is no damage:
// tag lists allow it (WSP) and the SPF parser says it is no space.

// damageKind is one kind of copy-paste damage: its finding code and the
// name of its characters in the finding's message.
type damageKind struct {
	code string
	what string
	do   string // what to do instead, or "" to write the repaired text
	// why says where the damage comes from and what receivers make of
	// it, or "" for the characters that look like what was meant.
	why string
}

var (
	damageQuotes    = damageKind{code: CodeSmartQuotes, what: "curly quotes", do: `write straight quotes (") instead`}
	damageInvisible = damageKind{code: CodeInvisible, what: "invisible characters", do: "delete them"}
	damageNBSP      = damageKind{code: CodeNoBreakSpace, what: "no-break spaces", do: "write plain spaces instead"}
	damageLookalike = damageKind{code: CodeLookalike, what: "letters from another alphabet that look Latin"}
	damageFullwidth = damageKind{code: CodeFullwidth, what: "full-width characters"}
	damageHTML      = damageKind{code: CodeHTML, what: "HTML entities or tags",
		why: "which copying from a web page's source or an HTML e-mail brings in. They are how HTML writes a character or lays out a page; DNS publishes them as they are and receivers read their letters, not what a browser shows"}
	damageBreak = damageKind{code: CodeLineBreak, what: "line breaks inside a quoted string",
		why: "which an editor, an e-mail or a web page wrapping the line, or a copy that took the line's end along, brings in. Zone software and DNS panels publish everything between the quotes and receivers read the break as a character of the record (an SPF record that ends in \"-all\" and a line feed ends in no valid term)"}

	// damageKinds are the kinds a record gets findings for, in order.
	damageKinds = []*damageKind{&damageQuotes, &damageInvisible, &damageNBSP, &damageLookalike, &damageFullwidth, &damageHTML, &damageBreak}
)

// damaged is one damaged character, or run of bytes (an HTML entity or
// tag, a line break with its blanks): where it is in the input, what it
// stands for, and its kind.
type damaged struct {
	from, to int
	repl     string
	kind     *damageKind
	r        rune
	// names name the damage in the finding's message, when r does not
	// (runeName): an entity or tag as written, a break's characters.
	names []string
}

// name lists how d is named in a finding's message.
func (d *damaged) name() []string {
	if len(d.names) > 0 {
		return d.names
	}
	return []string{runeName(d.r)}
}

// lookalikes are the Cyrillic and Greek letters that look like Latin ones,
// with the Latin letter each looks like.
var lookalikes = map[rune]byte{
	'а': 'a', 'с': 'c', 'е': 'e', 'о': 'o', 'р': 'p', 'х': 'x', 'у': 'y', 'і': 'i', 'ј': 'j', 'ѕ': 's',
	'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P', 'Т': 'T', 'Х': 'X',
	'ο': 'o', 'α': 'a', 'ν': 'v', 'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Χ': 'X',
}

// findDamage lists the damage in input, in order: damaged characters,
// HTML, then the line breaks inside quoted strings of the text with those
// repaired (a quote may be written "&quot;" or curly, a break "<br>").
func findDamage(input string) []damaged {
	dmg := findChars(input)
	var breaks []damaged
	if len(dmg) == 0 {
		breaks = findBreaks(input, input, func(i int) (int, int) { return i, i + 1 })
	} else {
		m := repaired(input, dmg)
		breaks = findBreaks(input, m.text, func(i int) (int, int) { return m.from[i], m.to[i] })
	}
	if len(breaks) == 0 {
		return dmg
	}
	// A break absorbs the damage it covers (a "<br>", a no-break space
	// among its blanks): one replacement for the run.
	out := make([]damaged, 0, len(dmg)+len(breaks))
	i := 0
	for _, b := range breaks {
		for ; i < len(dmg) && dmg[i].to <= b.from; i++ {
			out = append(out, dmg[i])
		}
		for ; i < len(dmg) && dmg[i].from < b.to; i++ {
			if dmg[i].kind == &damageHTML {
				b.names = append(b.names, dmg[i].names...)
			}
		}
		out = append(out, b)
	}
	return append(out, dmg[i:]...)
}

// findChars lists the damaged characters and the HTML of input, in
// order. A lookalike letter counts only in a word that also has ASCII
// letters: a name all in Cyrillic is no damage.
func findChars(input string) []damaged {
	var out []damaged
	page := isPage(input)
	wordStart, skip := 0, 0
	// lineBlank: the line holds only blanks and tags so far; codeTick:
	// the open <code> was read as a backtick (tagLayout).
	lineBlank, codeTick := true, false
	for i, r := range input {
		if i < skip {
			continue
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			wordStart = i + 1
		}
		if r == '&' || r == '<' && page {
			if n, repl, ok := htmlAt(input, i); ok {
				if repl == "`" { // code (tagLayout)
					closing := input[i+1] == '/'
					if !closing {
						codeTick = !lineBlank
					}
					if !codeTick {
						repl = ""
					}
					codeTick = codeTick && !closing
				}
				out = append(out, damaged{i, i + n, repl, &damageHTML, r, []string{input[i : i+n]}})
				skip = i + n
				lineBlank = lineBlank && strings.TrimSpace(repl) == "" || repl == "\n"
				continue
			}
		}
		if r == '\n' {
			lineBlank = true
		} else if r != ' ' && r != '\t' && r != '\r' {
			lineBlank = false
		}
		if r < utf8.RuneSelf || r == utf8.RuneError {
			continue
		}
		n := utf8.RuneLen(r)
		if repl, k, ok := charRepair(r); ok {
			out = append(out, damaged{i, i + n, repl, k, r, nil})
		} else if lookalikes[r] != 0 && mixedWord(input, wordStart) {
			out = append(out, damaged{i, i + n, string(lookalikes[r]), &damageLookalike, r, nil})
		}
	}
	return out
}

// charRepair is what the damaged character r stands for, and its kind;
// false for a character that is no damage wherever it is (lookalike
// letters depend on their word).
func charRepair(r rune) (string, *damageKind, bool) {
	switch {
	case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u201f' || r == '\u00ab' || r == '\u00bb':
		return `"`, &damageQuotes, true
	case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
		return "", &damageInvisible, true
	case r == '\u00a0' || r == '\u202f' || r == '\u2007':
		return " ", &damageNBSP, true
	case r >= '\uff01' && r <= '\uff5e':
		return string(rune(r - 0xff01 + '!')), &damageFullwidth, true
	}
	return "", nil, false
}

// mixedWord reports whether the word of input that starts at start holds
// an ASCII letter.
func mixedWord(input string, start int) bool {
	end := strings.IndexAny(input[start:], " \t\r\n")
	if end < 0 {
		end = len(input) - start
	}
	for _, c := range []byte(input[start : start+end]) {
		if c|0x20 >= 'a' && c|0x20 <= 'z' {
			return true
		}
	}
	return false
}

// repair is input with every damaged character written as what it stands
// for, and how each of its bytes maps back onto the input.
type repair struct {
	text string
	// from[i] is where the input character that the repaired text's byte i
	// stands for starts, to[i] where it ends; from has one more entry,
	// len(input), for the end of the text.
	from, to []int
}

// repaired writes input with dmg undone.
func repaired(input string, dmg []damaged) repair {
	var b strings.Builder
	m := repair{from: make([]int, 0, len(input)+1), to: make([]int, 0, len(input))}
	keep := func(lo, hi int) {
		b.WriteString(input[lo:hi])
		for i := lo; i < hi; i++ {
			m.from, m.to = append(m.from, i), append(m.to, i+1)
		}
	}
	last := 0
	for _, d := range dmg {
		keep(last, d.from)
		b.WriteString(d.repl)
		for range len(d.repl) {
			m.from, m.to = append(m.from, d.from), append(m.to, d.to)
		}
		last = d.to
	}
	keep(last, len(input))
	m.text, m.from = b.String(), append(m.from, len(input))
	return m
}

// span maps a span of the repaired text onto the input: from where its
// first byte's character starts to where its last byte's ends.
func (m repair) span(s explain.Span) explain.Span {
	if s[0] >= s[1] {
		return explain.Span{m.from[s[0]], m.from[s[0]]}
	}
	return explain.Span{m.from[s[0]], m.to[s[1]-1]}
}

// mapBack moves ex, an explanation of the repaired text, onto input, and
// gives each record one finding per kind of damage inside it.
func mapBack(ex *explain.Explanation, input string, m repair, dmg []damaged) {
	ex.Input = input
	for i := range ex.Skipped {
		ex.Skipped[i] = m.span(ex.Skipped[i])
	}
	for i := range ex.Records {
		r := &ex.Records[i]
		written := m.text[r.Span[0]:r.Span[1]] // the record as written, repaired
		r.MapSpans(m.span)
		r.Span = m.span(r.Span)
		var codes []string
		for _, k := range damageKinds {
			if fd, ok := damageFinding(input, r.Span, dmg, k); ok {
				r.Add(fd)
				codes = append(codes, fd.Code)
				r.Span = explain.Span{min(r.Span[0], fd.Span[0]), max(r.Span[1], fd.Span[1])}
			}
		}
		if len(codes) > 0 {
			proposeRepaired(r, written, codes)
		}
	}
}

// proposeRepaired makes the record as written, repaired, r's proposal, or
// adds the damage it repairs (codes) to the proposal r has: the record was
// explained repaired, so its proposal is written from the repaired value.
func proposeRepaired(r *explain.Record, written string, codes []string) {
	if r.Proposal != nil {
		r.Proposal.Fixes = append(codes, r.Proposal.Fixes...)
		return
	}
	k := KindOf(r.Type)
	if k == nil {
		return
	}
	var left []explain.Finding
	for _, fd := range r.Findings {
		if !slices.Contains(codes, fd.Code) {
			left = append(left, fd)
		}
	}
	setProposal(r, k.NewProposal(r.Owner, r.Value, written, codes, left))
}

// setProposal makes p r's proposal, unless it reads as damaged.
func setProposal(r *explain.Record, p *explain.Proposal) {
	if !readsDamaged(p) {
		r.Proposal = p
	}
}

// readsDamaged reports whether p's text reads as copy-paste damage: a
// fix that deletes bytes can leave an entity behind ("&quot\xc5;"), and
// a proposal never makes a record worse.
func readsDamaged(p *explain.Proposal) bool {
	return p != nil && len(findDamage(explain.FillSlots(p.Text))) > 0
}

// damageFinding is the finding of kind k's damage inside span, if any:
// one, from the first damaged character to the end of the last, its fix
// the text of that span repaired.
func damageFinding(input string, span explain.Span, dmg []damaged, k *damageKind) (explain.Finding, bool) {
	var first, last *damaged
	var names []string
	n := 0
	for i := range dmg {
		d := &dmg[i]
		if d.kind != k || !within(d, span) {
			continue
		}
		if first == nil {
			first = d
		}
		last, n = d, n+1
		for _, name := range d.name() {
			if !slices.Contains(names, name) && len(names) < 3 {
				names = append(names, name)
			}
		}
	}
	if first == nil {
		return explain.Finding{}, false
	}
	at := explain.Span{first.from, last.to}
	var fixed strings.Builder
	pos := at[0]
	for _, d := range dmg {
		if d.from < at[0] || d.to > at[1] {
			continue
		}
		fixed.WriteString(input[pos:d.from])
		fixed.WriteString(d.repl)
		pos = d.to
	}
	fixed.WriteString(input[pos:at[1]])
	do, them := k.do, "them"
	if n == 1 {
		them = "it"
	}
	switch {
	case do != "":
	case fixed.Len() == 0:
		do = "delete " + them
	case strings.TrimLeft(fixed.String(), " ") == "":
		do = "write one space for " + them
	default:
		do = "write " + fixed.String() + " instead"
	}
	why := k.why
	if why == "" {
		why = "which copying from a web page, a document or a chat often brings in. Receivers read these bytes as they are, not as what they look like"
	}
	msg := "The record holds " + k.what + " (" + strings.Join(names, ", ") + "), " + why + ", so the record does not say what it shows: " + do + ". mxplain explains the record as it was meant."
	return finding(k.code, at, msg).WithFix(at, fixed.String()), true
}

// within reports whether d is inside span, or an invisible character
// right at one of its edges (the repaired text has nothing there; HTML
// tags there are the page around the record, not in it).
func within(d *damaged, span explain.Span) bool {
	if d.kind == &damageInvisible && (d.to == span[0] || d.from == span[1]) {
		return true
	}
	return d.from >= span[0] && d.to <= span[1]
}

// runeName writes r as "U+201C LEFT DOUBLE QUOTATION MARK", or its code
// point alone for a character not named here.
func runeName(r rune) string {
	code := strconv.FormatInt(int64(r), 16)
	for len(code) < 4 {
		code = "0" + code
	}
	name := "U+" + strings.ToUpper(code)
	if n, ok := runeNames[r]; ok {
		return name + " " + n
	}
	if lookalikes[r] != 0 {
		return name + " " + string(r) + ", not the Latin " + string(lookalikes[r])
	}
	if r >= '\uff01' && r <= '\uff5e' {
		return name + " FULLWIDTH " + string(rune(r-0xff01+'!'))
	}
	return name
}

var runeNames = map[rune]string{
	'\u201c': "LEFT DOUBLE QUOTATION MARK", '\u201d': "RIGHT DOUBLE QUOTATION MARK",
	'\u201e': "DOUBLE LOW-9 QUOTATION MARK", '\u201f': "DOUBLE HIGH-REVERSED-9 QUOTATION MARK",
	'\u00ab': "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", '\u00bb': "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
	'\u200b': "ZERO WIDTH SPACE", '\u200c': "ZERO WIDTH NON-JOINER", '\u200d': "ZERO WIDTH JOINER",
	'\u2060': "WORD JOINER", '\ufeff': "ZERO WIDTH NO-BREAK SPACE (BOM)",
	'\u00a0': "NO-BREAK SPACE", '\u202f': "NARROW NO-BREAK SPACE", '\u2007': "FIGURE SPACE",
	'\n': "LINE FEED", '\r': "CARRIAGE RETURN",
}

// The most a quoted string may run over lines and still be one string
// with breaks in it: a DKIM key of 4096 bits wrapped at 64 columns is
// some 12 lines. Past them the quote is left unterminated.
const (
	maxWrapLines = 32
	maxWrapBytes = 4096
)

// findBreaks lists the line breaks inside the quoted strings of t (input
// with its other damage repaired, so that a quote written curly or as
// "&quot;" is a quote; at maps a byte of t onto the input character it
// stands for), as damage of input: each break with the blanks around it,
// and what it stands for (see the comment at the top). Strings are read
// as zone text reads them: outside a string, ";" starts a comment; "\"
// escapes the next byte.
func findBreaks(input, t string, at func(int) (from, to int)) []damaged {
	if !strings.ContainsAny(t, "\r\n") || !strings.Contains(t, `"`) {
		return nil
	}
	var out []damaged
	lineStart := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\n':
			lineStart = i + 1
		case ';':
			for i+1 < len(t) && t[i+1] != '\n' {
				i++
			}
		case '\\':
			if i+1 < len(t) && t[i+1] != '\n' {
				i++
			}
		case '"':
			end, runs := wrappedString(t, lineStart, i)
			for _, r := range runs {
				from, _ := at(r.from)
				_, to := at(r.to - 1)
				d := damaged{from: from, to: to, repl: r.repl, kind: &damageBreak, r: '\n'}
				for _, c := range input[d.from:d.to] {
					if c == '\r' || c == '\n' {
						d.names = append(d.names, runeName(c))
					}
				}
				out = append(out, d)
			}
			i = end
		}
	}
	return out
}

// wrappedString reads the quoted string that opens at t[q], on a line
// that starts at lineStart. It returns where the string ends (its closing
// quote; for one not closed, the end of its line, less one, as zone
// text's tokenizer ends it there) and the runs of its line breaks, in
// offsets of t with what each stands for, when it is one string wrapped
// over lines (breakClosed).
func wrappedString(t string, lineStart, q int) (end int, runs []damaged) {
	lineEnd := strings.IndexByte(t[q:], '\n')
	if lineEnd < 0 {
		lineEnd = len(t)
	} else {
		lineEnd += q
	}
	unterminated := lineEnd - 1
	breaks, lines := false, 0
	closing := -1
	for j := q + 1; j < len(t) && closing < 0; j++ {
		switch t[j] {
		case '\\':
			if j+1 < len(t) && t[j+1] != '\n' && t[j+1] != '\r' {
				j++
			}
		case '"':
			closing = j
		case '\r':
			breaks = true
		case '\n':
			breaks, lines = true, lines+1
			next := strings.IndexByte(t[j+1:], '\n')
			if next < 0 {
				next = len(t) - j - 1
			}
			if lines > maxWrapLines || j-q > maxWrapBytes || strings.Trim(t[j+1:j+1+next], " \t\r") == "" {
				return unterminated, nil
			}
		}
	}
	switch {
	case closing < 0:
		return unterminated, nil
	case !breaks:
		return closing, nil
	case !breakClosed(t, q, closing):
		if closing < lineEnd {
			return closing, nil // a CR inside a string on one line, not taken as a wrap
		}
		return unterminated, nil
	}
	spf := strings.Contains(strings.ToLower(t[lineStart:closing]), "v=spf1")
	for j := q + 1; j < closing; j++ {
		if t[j] != '\r' && t[j] != '\n' {
			continue
		}
		s, e := j, j
		for s > q+1 && (t[s-1] == ' ' || t[s-1] == '\t') {
			s--
		}
		for e < closing && strings.IndexByte(" \t\r\n", t[e]) >= 0 {
			e++
		}
		repl := ""
		if s > q+1 && e < closing && (spf || t[s-1] == ';') {
			repl = " "
		}
		runs = append(runs, damaged{from: s, to: e, repl: repl})
		j = e - 1
	}
	return closing, runs
}

// breakClosed reports whether the string t[q:closing+1], which has line
// breaks inside, is one string wrapped over lines rather than a quote
// left open: it holds a tag or a version ("="), no line of it is prose,
// no line break follows a "\" (which would escape it), and after its
// closing quote its line holds only what zone text may: blanks,
// parentheses, more quoted strings, a comment.
func breakClosed(t string, q, closing int) bool {
	content := t[q+1 : closing]
	if !strings.Contains(content, "=") {
		return false
	}
	for line := range strings.Lines(content) {
		if isProse(line) || strings.HasSuffix(strings.TrimRight(line, "\r\n"), `\`) {
			return false
		}
	}
	for k := closing + 1; k < len(t); k++ {
		switch t[k] {
		case ' ', '\t', '(', ')':
		case '\r', '\n', ';':
			return true
		case '"':
			n := k + 1
			for n < len(t) && t[n] != '"' && t[n] != '\n' && t[n] != '\r' {
				if t[n] == '\\' {
					n++
				}
				n++
			}
			if n >= len(t) || t[n] != '"' {
				return false
			}
			k = n
		default:
			return false
		}
	}
	return true
}
