package dkim

// The fixes codes.go lists, for the findings whose fix is more than one
// value written in place: moving, deleting and joining edits. Each writes
// a finding's fix as a span and a text (explain.Finding.WithFix); Explain
// keeps only those that do what a fix must (explain.KeepFixes).

import (
	"encoding/base64"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mxplain/mxplain/parsers/explain"
)

// edit is one change a fix makes: text in place of the bytes at span.
type edit struct {
	span explain.Span
	text string
}

// joined is edits, in order and not overlapping, as one edit: the value
// between them written again as it is.
func (p *parser) joined(edits ...edit) edit {
	out := edit{span: explain.Span{edits[0].span[0], edits[len(edits)-1].span[1]}}
	at := out.span[0]
	var b strings.Builder
	for _, e := range edits {
		b.WriteString(p.value[at:e.span[0]])
		b.WriteString(e.text)
		at = e.span[1]
	}
	out.text = b.String()
	return out
}

// fixCode gives the last finding of code the fix e; none when there is no
// such finding or e changes nothing.
func (p *parser) fixCode(code string, e edit) {
	if p.value[e.span[0]:e.span[1]] == e.text {
		return
	}
	for i := len(p.findings) - 1; i >= 0; i-- {
		if p.findings[i].Code == code {
			p.findings[i] = p.findings[i].WithFix(e.span, e.text)
			return
		}
	}
}

// tagDeletion is the span that deletes t and one ";" next to it: the one
// before it, or when t is the first tag-spec, the one after it and the
// blanks that follow.
func (p *parser) tagDeletion(t tag) explain.Span {
	v := p.value
	if i := strings.LastIndexByte(v[:t.Span[0]], ';'); i >= 0 {
		return explain.Span{i, t.Span[1]}
	}
	end := t.Span[1]
	if i := strings.IndexByte(v[end:], ';'); i >= 0 {
		end += i + 1
		for end < len(v) && isWSP(v[end]) {
			end++
		}
	}
	return explain.Span{t.Span[0], end}
}

// itemDeletion is the span that deletes the list element at s (an item's
// span, or an empty element's) of t with one ":" next to it: the one after
// it, or for the last element the one before it; false when the element
// is the list's only one.
func (p *parser) itemDeletion(t tag, s explain.Span) (explain.Span, bool) {
	v := p.value
	after := s[1]
	for after < t.ValueSpan[1] && isWSP(v[after]) {
		after++
	}
	if after < t.ValueSpan[1] && v[after] == ':' {
		return explain.Span{s[0], after + 1}, true
	}
	before := s[0]
	for before > t.ValueSpan[0] && isWSP(v[before-1]) {
		before--
	}
	if before > t.ValueSpan[0] && v[before-1] == ':' {
		before--
		for before > t.ValueSpan[0] && isWSP(v[before-1]) {
			before--
		}
		return explain.Span{before, s[1]}, true
	}
	return explain.Span{}, false
}

// moveFirst is the edit that moves the tag-spec t (v=) before the first
// one, the tag-specs it passes written after it as they were.
func (p *parser) moveFirst(t tag) edit {
	v := p.value
	start := p.tags[0].Span[0]
	sep := strings.LastIndexByte(v[:t.Span[0]], ';')
	if sep < start {
		return edit{span: t.Span, text: v[t.Span[0]:t.Span[1]]} // nothing to pass
	}
	passed := strings.TrimRightFunc(v[start:sep], func(r rune) bool { return r == ';' || r < utf8.RuneSelf && isWSP(byte(r)) })
	return edit{span: explain.Span{start, t.Span[1]}, text: v[t.Span[0]:t.Span[1]] + "; " + passed}
}

// keySlot is the slot p= holds in a fix: the Ed25519 public key where k=
// says ed25519, the RSA one otherwise (rsa is k='s default).
func (p *parser) keySlot() string {
	if p.key.KeyType == KeyTypeEd25519 {
		return explain.SlotText("public-key")
	}
	return explain.SlotText("rsa-public-key")
}

// fixKeyType gives CodeKeyTypeUnknown or CodeKeyTypeMismatch its fix: k=
// written as the type of the key p= holds (inserted before p= when k= is
// absent), and p= the raw key where that type is ed25519 and p= holds it
// wrapped in a SubjectPublicKeyInfo (RFC 8463 §4.2). None when p= holds
// no key.
func (p *parser) fixKeyType(code string) {
	got := p.key.decodedType()
	pt, ok := p.get("p")
	if got == "" || !ok {
		return
	}
	var edits []edit
	kt, explicit := p.get("k")
	if explicit {
		edits = append(edits, edit{span: kt.ValueSpan, text: string(got)})
	} else {
		at := pt.Span[0]
		edits = append(edits, edit{span: explain.Span{at, at}, text: "k=" + string(got) + "; "})
	}
	if raw, ok := p.key.PublicKey.(Ed25519PublicKey); ok && p.key.Format == FormatSPKI {
		edits = append(edits, edit{span: pt.ValueSpan, text: base64.StdEncoding.EncodeToString(raw)})
	}
	if len(edits) == 2 && edits[1].span[0] < edits[0].span[0] {
		edits[0], edits[1] = edits[1], edits[0]
	}
	p.fixCode(code, p.joined(edits...))
}

// cleanKey is p= with what a copy from a web page or a zone file put
// into it left out (quotes, blanks that are not FWS: no-break and
// zero-width spaces) and the base64url alphabet written as base64's; ok
// when that is a key DKIM uses, so that nothing but the copy changes.
func cleanKey(raw string) (string, bool) {
	var b strings.Builder
	for _, r := range raw {
		switch {
		case r == '"', r == '\'', r == '“', r == '”', r == '‘', r == '’', r == '\\',
			unicode.IsSpace(r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad':
		case r == '-':
			b.WriteByte('+')
		case r == '_':
			b.WriteByte('/')
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	if s == "" || firstNonBase64(s) >= 0 {
		return "", false
	}
	data, err := decodeBase64(s)
	if err != nil {
		return "", false
	}
	scratch := &parser{key: &Key{}}
	return s, scratch.decodeKey(data)
}

// sameValue reports whether two occurrences of a tag say the same: equal
// values, and for p= equal but for FWS.
func sameValue(name, a, b string) bool {
	if name == "p" {
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r < utf8.RuneSelf && isWSP(byte(r)) {
					return -1
				}
				return r
			}, s)
		}
		return strip(a) == strip(b)
	}
	return a == b
}
