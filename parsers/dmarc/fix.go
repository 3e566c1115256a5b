package dmarc

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mxplain/mxplain/parsers/explain"
)

// The helpers here work out the text of the fixes codes.go lists; the
// parser attaches each to its finding with fixLast, and Explain keeps it
// only when it does what a fix must (explain.KeepFixes).

// tagIndex is the index of t in the record's Tags, or -1.
func (p *parser) tagIndex(t *Tag) int {
	for i := range p.rec.Tags {
		if &p.rec.Tags[i] == t {
			return i
		}
	}
	return -1
}

// deleteTag is the span whose deletion removes t from the record: the tag
// and the ";" before it, or for a first tag the tag and the ";" after it.
func (p *parser) deleteTag(t *Tag) explain.Span {
	tags := p.rec.Tags
	switch i := p.tagIndex(t); {
	case i > 0:
		return explain.Span{tags[i-1].Span[1], t.Span[1]}
	case i == 0 && len(tags) > 1:
		return explain.Span{t.Span[0], tags[1].Span[0]}
	}
	return t.Span
}

// fixMissingSep gives the finding added last the ";" missing after the
// first word of t's value ("t=y p=reject", "adkim=s,aspf=s"): "; " in
// place of the blanks (or seps) between it and the tag that follows, when
// that word is a valid value; it reports whether it did.
func (p *parser) fixMissingSep(t *Tag, valid func(string) bool, seps string) bool {
	n := strings.IndexAny(t.Value, seps)
	if n <= 0 {
		return false
	}
	word, rest := t.Value[:n], t.Value[n:]
	next := strings.TrimLeft(rest, seps)
	if !valid(word) || !startsTag(next) {
		return false
	}
	at := t.ValueSpan[0] + n
	p.fixLast(explain.Span{at, at + len(rest) - len(next)}, "; ")
	return true
}

// fixOrDelete gives the finding added last, about the invalid value of
// t, its fix: the missing ";" after a valid first word; none for a value
// of several words, whose meaning is not ours to guess; else meant, the
// value meant, when it is not ""; else the deletion of the tag, which
// leaves receivers doing what they do now (RFC 9989 §4.8: a syntax error
// is discarded in favour of the default).
func (p *parser) fixOrDelete(t *Tag, valid func(string) bool, meant string) {
	switch {
	case p.fixMissingSep(t, valid, " \t,"):
	case strings.ContainsAny(t.Value, " \t,"):
	case meant != "":
		p.fixLast(t.ValueSpan, meant)
	default:
		p.fixLast(p.deleteTag(t), "")
	}
}

// meantAlignment is the alignment mode an invalid adkim or aspf value
// spells out or begins ("strict", "rel"), or "".
func meantAlignment(val string) Alignment {
	l := strings.ToLower(val)
	switch {
	case l == "":
	case strings.HasPrefix("strict", l):
		return AlignmentStrict
	case strings.HasPrefix("relaxed", l):
		return AlignmentRelaxed
	}
	return ""
}

// meantTag is the DMARC tag an unknown name misspells, when exactly one is
// one edit away (closestTag's list), it is not the removed pct and the
// record does not hold it already; else "".
func (p *parser) meantTag(name string) string {
	name = strings.ToLower(name)
	meant := ""
	for _, t := range []string{"p", "sp", "np", "adkim", "aspf", "rua", "ruf", "fo", "psd", "pct"} {
		if len(name) > 1 && oneEdit(name, t) {
			if meant != "" {
				return "" // two are as near: not ours to choose
			}
			meant = t
		}
	}
	if meant == "pct" {
		return ""
	}
	for _, t := range p.rec.Tags {
		if t.HasEquals && strings.ToLower(t.Name) == meant {
			return ""
		}
	}
	return meant
}

// startsTag reports whether s, after blanks, starts with a tag name and
// "=" ("rua=…").
func startsTag(s string) bool {
	s = strings.TrimLeft(s, " \t")
	n := 0
	for n < len(s) && isAlpha(s[n:n+1]) {
		n++
	}
	return n > 0 && strings.HasPrefix(strings.TrimLeft(s[n:], " \t"), "=")
}

// separateTags writes a ";" for each run of blanks and commas in s that
// comes before a tag name and "=" ("DMARC1, p=reject" becomes "DMARC1;
// p=reject"): tags separated by a comma or by nothing.
func separateTags(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ' ' && c != '\t' && c != ',' {
			b.WriteByte(c)
			continue
		}
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == ',') {
			j++
		}
		if startsTag(s[j:]) {
			b.WriteString("; ")
		} else {
			b.WriteString(s[i:j])
		}
		i = j - 1
	}
	return b.String()
}

// meantVersion is what an invalid v value should read: DMARC1 for DMARC1
// in another case or one edit from it ("DMARC", "DMARC2": RFC 9989 keeps
// version 1, the only one), DMARC1 and the missing ";" before the tags
// that follow it ("DMARC1 p=reject", "DMARC1, p=reject"); "" when what
// was meant is not plain (another record's version, other words).
func meantVersion(val string) string {
	l := strings.ToLower(val)
	if l == "dmarc1" || oneEdit(l, "dmarc1") {
		return Version
	}
	if len(val) > len(Version) && strings.EqualFold(val[:len(Version)], Version) {
		rest := val[len(Version):]
		if sep := separateTags(rest); sep != rest && strings.HasPrefix(sep, "; ") {
			return Version + sep
		}
	}
	return ""
}

// illegalFix is what to write for the bytes bad, which the ABNF allows
// nowhere, followed by rest: a space for a line break or a Unicode space
// (a no-break space) before a tag ("p=reject;⏎rua=…", where a blank
// separated the tags), else nothing (a line break inside a word a wrapped
// record split, an invisible character, a curly quote, a control byte).
func illegalFix(bad, rest string) string {
	r, _ := utf8.DecodeRuneInString(bad)
	if (strings.Trim(bad, "\r\n") == "" || r >= utf8.RuneSelf && unicode.IsSpace(r)) && startsTag(rest) {
		return " "
	}
	return ""
}

// isAlignment, isPSD and isTesting report whether s is a valid adkim or
// aspf, psd, or t value.
func isAlignment(s string) bool { return meantAlignment(s) != "" && len(s) == 1 }
func isPSD(s string) bool {
	v := PSD(strings.ToLower(s))
	return v == PSDYes || v == PSDNo || v == PSDUnknown
}
func isTesting(s string) bool {
	v := Testing(strings.ToLower(s))
	return v == TestingYes || v == TestingNo
}

// fixFO gives the finding added last, about the options bad of t that are
// not options, its fix: the ";" missing after a valid first word
// ("fo=1 rua=…"); else the options that are options, joined by ":"
// ("fo=1:d" for "fo=1:x:d", "fo=1,d" read as 1 and d); else, when none
// is, the deletion of the tag (receivers use fo=0 either way).
func (p *parser) fixFO(t *Tag, bad []int) {
	if p.fixMissingSep(t, func(w string) bool { return isFOList(w, ":") }, " \t") {
		return
	}
	var kept []string
	for k, s := range t.OptSpans {
		o := p.v[s[0]:s[1]]
		switch {
		case !slices.Contains(bad, k):
			kept = append(kept, o)
		case isFOList(o, ", \t"):
			kept = append(kept, strings.FieldsFunc(o, func(r rune) bool { return strings.ContainsRune(", \t", r) })...)
		case strings.ContainsAny(o, " \t=,"):
			return // words, or another tag: not ours to guess
		}
	}
	if len(kept) == 0 {
		p.fixLast(p.deleteTag(t), "")
		return
	}
	p.fixLast(t.ValueSpan, strings.Join(kept, ":"))
}

// isFOList reports whether s is fo options separated by any of the bytes
// of seps, at least one.
func isFOList(s, seps string) bool {
	opts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
	for _, o := range opts {
		switch FailureOption(strings.ToLower(o)) {
		case FailureAll, FailureAny, FailureDKIM, FailureSPF:
		default:
			return false
		}
	}
	return len(opts) > 0
}
