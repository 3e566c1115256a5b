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

// damageKind is one kind of copy-paste damage: its finding code and the
// name of its characters in the finding's message.
type damageKind struct {
	code string
	what string
	do   string // what to do instead, or "" to write the repaired text
}

var (
	damageQuotes    = damageKind{CodeSmartQuotes, "curly quotes", `write straight quotes (") instead`}
	damageInvisible = damageKind{CodeInvisible, "invisible characters", "delete them"}
	damageNBSP      = damageKind{CodeNoBreakSpace, "no-break spaces", "write plain spaces instead"}
	damageLookalike = damageKind{CodeLookalike, "letters from another alphabet that look Latin", ""}
	damageFullwidth = damageKind{CodeFullwidth, "full-width characters", ""}
)

// damaged is one damaged character: where it is in the input, what it
// stands for, and its kind.
type damaged struct {
	from, to int
	repl     string
	kind     *damageKind
	r        rune
}

// lookalikes are the Cyrillic and Greek letters that look like Latin ones,
// with the Latin letter each looks like.
var lookalikes = map[rune]byte{
	'а': 'a', 'с': 'c', 'е': 'e', 'о': 'o', 'р': 'p', 'х': 'x', 'у': 'y', 'і': 'i', 'ј': 'j', 'ѕ': 's',
	'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P', 'Т': 'T', 'Х': 'X',
	'ο': 'o', 'α': 'a', 'ν': 'v', 'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Χ': 'X',
}

// findDamage lists the damaged characters of input, in order. A lookalike
// letter counts only in a word that also has ASCII letters: a name all in
// Cyrillic is no damage.
func findDamage(input string) []damaged {
	var out []damaged
	wordStart := 0
	for i, r := range input {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			wordStart = i + 1
		}
		if r < utf8.RuneSelf || r == utf8.RuneError {
			continue
		}
		n := utf8.RuneLen(r)
		add := func(repl string, k *damageKind) { out = append(out, damaged{i, i + n, repl, k, r}) }
		switch {
		case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u201f' || r == '\u00ab' || r == '\u00bb':
			add(`"`, &damageQuotes)
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			add("", &damageInvisible)
		case r == '\u00a0' || r == '\u202f' || r == '\u2007':
			add(" ", &damageNBSP)
		case r >= '\uff01' && r <= '\uff5e':
			add(string(rune(r-0xff01+'!')), &damageFullwidth)
		case lookalikes[r] != 0 && mixedWord(input, wordStart):
			add(string(lookalikes[r]), &damageLookalike)
		}
	}
	return out
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
		for _, k := range []*damageKind{&damageQuotes, &damageInvisible, &damageNBSP, &damageLookalike, &damageFullwidth} {
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
	p := k.NewProposal(r.Owner, r.Value, written, codes, left)
	r.Proposal = p
}

// damageFinding is the finding of kind k's damage inside span, if any:
// one, from the first damaged character to the end of the last, its fix
// the text of that span repaired.
func damageFinding(input string, span explain.Span, dmg []damaged, k *damageKind) (explain.Finding, bool) {
	var first, last *damaged
	var names []string
	for i := range dmg {
		d := &dmg[i]
		if d.kind != k || !within(d, span) {
			continue
		}
		if first == nil {
			first = d
		}
		last = d
		if name := runeName(d.r); !slices.Contains(names, name) && len(names) < 3 {
			names = append(names, name)
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
	do := k.do
	if do == "" {
		do = "write " + fixed.String() + " instead"
	}
	msg := "The record holds " + k.what + " (" + strings.Join(names, ", ") + "), which copying from a web page, a document or a chat often brings in. Receivers read these bytes as they are, not as what they look like, so the record does not say what it shows: " + do + ". mxplain explains the record as it was meant."
	return finding(k.code, at, msg).WithFix(at, fixed.String()), true
}

// within reports whether d is inside span, or an invisible character
// right at one of its edges (the repaired text has nothing there).
func within(d *damaged, span explain.Span) bool {
	if d.repl == "" && (d.to == span[0] || d.from == span[1]) {
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
}
