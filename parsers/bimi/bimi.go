// Package bimi parses and explains BIMI assertion records: the TXT record
// at <selector>._bimi.<domain> that starts with v=BIMI1 and tells
// receivers which brand logo (l=, an SVG over HTTPS) to show next to the
// domain's authenticated mail, and where the mark certificate that vouches
// for it is (a=, a VMC or CMC).
//
// It follows draft-brand-indicators-for-message-identification-10 (the
// published draft: v, l, a, lps=true/false, avp), and says where the -12
// source changes things (lps= holds local-part prefixes instead of
// true/false). Tag-value syntax is DKIM's (RFC 6376 §3.2) with blanks
// allowed around "=" (the draft's ABNF). Receivers "MUST NOT attempt to
// fix syntactical or capitalization errors" (§4.3), so neither does this
// package when it says what a record does; the corrections it proposes
// (explain.Fix) are for the owner to publish.
//
// Parse returns a typed Record for programs; Explain returns the
// explanation model shared by every mxplain front end. Both are pure: no
// DNS, no clock, and no fetching of the logo or the certificate.
package bimi

import (
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/taglist"
	"github.com/mxplain/mxplain/internal/uri"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Version is the only value of the v tag.
const Version = "BIMI1" // "v", draft-10 §4.3: "MUST match precisely"

// Avatar is the value of avp=.
type Avatar string

const (
	AvatarBrand    Avatar = "brand"    // "avp", draft-10 §4.3: show the BIMI logo even when the sender has a personal avatar (the default)
	AvatarPersonal Avatar = "personal" // "avp", draft-10 §4.3: show the sender's personal avatar when there is one
)

// Local-part selector switches of draft -10 (lps=); draft -12 replaces them
// with a list of local-part prefixes.
const (
	LPSOn  = "true"  // "lps", draft-10 §4.3, §4.5: look up a selector made from the sender's local-part
	LPSOff = "false" // "lps", draft-10 §4.3: the default
)

// Tag is one tag=value part of the record as written.
type Tag struct {
	Name      string       // as written ("l", "L"); for a part without "=", the whole part
	Value     string       // as written, without the blanks around it
	HasEquals bool         // false for a part that is not tag=value
	Span      explain.Span // name through value
	NameSpan  explain.Span
	ValueSpan explain.Span
	Duplicate bool // an earlier tag had the same name
}

// Record is a parsed BIMI assertion record.
type Record struct {
	Version string // "v", draft-10 §4.3: as written, "" when the record does not start with v=
	// Location is l=, the logo's URL as written ("" when empty or absent);
	// HasLocation is false when there is no l tag.
	Location    string // "l", draft-10 §4.3
	HasLocation bool
	// Evidence is a=, the mark certificate's URL as written ("" when
	// empty or absent, which mean the same, §4.3).
	Evidence string // "a", draft-10 §4.3
	// LocationOK and EvidenceOK are true when the URL is one receivers
	// can fetch: a single https: URI with a domain name (and, for l=, no
	// image suffix other than .svg or .svgz).
	LocationOK, EvidenceOK bool
	// LPS is lps= as written, "" when absent (HasLPS false); Prefixes are
	// its local-part prefixes as draft -12 reads it.
	LPS      string // "lps", draft-10 §4.3 (true/false), draft-12 (prefix list)
	HasLPS   bool
	Prefixes []string
	// Avatar is the avatar preference receivers apply: avp= when valid,
	// else AvatarBrand.
	Avatar Avatar // "avp", draft-10 §4.3

	// IsBIMI is true when the record starts with v=BIMI1: receivers keep
	// it (draft-10 §7.2 step 4).
	IsBIMI bool
	// Declined is true for a BIMI record whose l= and a= are both empty:
	// the domain refuses BIMI for this selector (§4.3.1).
	Declined bool
	// BadSyntax is true when a part is no tag=value or a tag is written
	// twice: the tag list is invalid (RFC 6376 §3.2), and receivers, who
	// must not fix syntax errors (draft-10 §4.3), may reject the record.
	BadSyntax bool

	Tags []Tag
	tag  map[string]int
}

// Lookup returns the first tag named name (exactly), or nil.
func (r *Record) Lookup(name string) *Tag {
	if i, ok := r.tag[name]; ok {
		return &r.Tags[i]
	}
	return nil
}

// ShowsLogo reports whether the record asks for a logo receivers can
// fetch: a BIMI record with a valid tag list and a usable l=.
func (r *Record) ShowsLogo() bool { return r.IsBIMI && r.LocationOK && !r.BadSyntax }

// known are the tags the draft defines.
var known = map[string]bool{"v": true, "l": true, "a": true, "lps": true, "avp": true}

type parser struct {
	v   string
	rec *Record
	fs  []explain.Finding
}

func (p *parser) add(code string, span explain.Span, args explain.Args) {
	p.fs = append(p.fs, finding(code, span, args))
}

// fixLast gives the finding added last the fix that writes text at s
// (codes.go says each code's fix); none when s already reads text, or
// holds a slot ("{{report-address}}", from an earlier proposal), the
// owner's to fill.
func (p *parser) fixLast(s explain.Span, text string) {
	if p.v[s[0]:s[1]] == text || strings.Contains(p.v[s[0]:s[1]], "{{") {
		return
	}
	p.fs[len(p.fs)-1] = p.fs[len(p.fs)-1].WithFix(s, text)
}

// logoURL is what a fix writes where only the owner knows the logo's URL.
var logoURL = explain.SlotText("logo-url")

// Parse reads a BIMI record value (TXT strings already joined, draft-10
// §4) and returns what it says and the findings about it. It never fails:
// a value that is not a BIMI record gives IsBIMI false and an error
// finding.
func Parse(value string) (*Record, []explain.Finding) {
	p := &parser{v: value, rec: &Record{Avatar: AvatarBrand, tag: map[string]int{}}}
	p.split()
	p.version()
	for i := range p.rec.Tags {
		t := &p.rec.Tags[i]
		if !t.HasEquals || t.Duplicate || i == 0 && t.Name == "v" {
			continue
		}
		switch {
		case t.Name == "l":
			p.location(t)
		case t.Name == "a":
			p.evidence(t)
		case t.Name == "lps":
			p.lps(t)
		case t.Name == "avp":
			p.avp(t)
		case t.Name == "v":
			p.add(CodeVersionNotFirst, t.Span, explain.Args{"tag": p.text(t.Span)})
			if taglist.MeantVersion(t.Value, "bimi") {
				start := p.rec.Tags[0].Span[0]
				p.fixLast(explain.Span{start, t.Span[1]}, "v="+Version+"; "+p.v[start:p.rec.Tags[i-1].Span[1]])
			}
		case known[strings.ToLower(t.Name)]:
			l := strings.ToLower(t.Name)
			p.add(CodeTagCase, t.NameSpan, explain.Args{"name": t.Name, "want": l})
			if _, taken := p.rec.tag[l]; !taken && l != "v" {
				p.fixLast(t.NameSpan, l)
			}
		default:
			p.add(CodeTagUnknown, t.Span, explain.Args{"name": t.Name})
		}
	}
	if p.rec.IsBIMI {
		p.record()
	}
	return p.rec, p.fs
}

func (p *parser) text(s explain.Span) string { return p.v[s[0]:s[1]] }

func isWSP(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trim returns [s, e) without the blanks at both ends (FWS, RFC 6376 §3.2).
func trim(v string, s, e int) (int, int) { return taglist.Trim(v, s, e, isWSP) }

// split cuts the value at semicolons into Tags (RFC 6376 §3.2 tag-list)
// and reports separators, names and duplicates the syntax does not allow.
func (p *parser) split() {
	v := p.v
	if s, _ := trim(v, 0, len(v)); s > 0 && s < len(v) {
		p.add(CodeRecordLeading, explain.Span{0, s}, nil)
		p.fixLast(explain.Span{0, s}, "")
	}
	for part := range taglist.Split(v, ';', isWSP) {
		s, e, i := part.Start, part.End, part.Sep
		last := part.Last(v)
		if s == e {
			if !last {
				p.add(CodeSeparatorStray, explain.Span{i, i + 1}, nil)
				p.fixLast(explain.Span{i, i + 1}, "")
			}
			continue
		}
		t := Tag{Span: explain.Span{s, e}}
		eq := strings.IndexByte(v[s:e], '=')
		if eq < 0 {
			t.Name, t.NameSpan, t.ValueSpan = v[s:e], explain.Span{s, e}, explain.Span{e, e}
			p.add(CodeTagSyntax, t.Span, explain.Args{"text": v[s:e]})
			p.rec.BadSyntax = true
			p.rec.Tags = append(p.rec.Tags, t)
			continue
		}
		ns, ne := trim(v, s, s+eq)
		vs, ve := trim(v, s+eq+1, e)
		t.Name, t.NameSpan = v[ns:ne], explain.Span{ns, ne}
		t.Value, t.ValueSpan = v[vs:ve], explain.Span{vs, ve}
		t.HasEquals = true
		if !tagName(t.Name) {
			p.add(CodeTagSyntax, t.Span, explain.Args{"text": v[s:e]})
			p.rec.BadSyntax = true
			t.HasEquals = false
		} else if j, dup := p.rec.tag[t.Name]; dup {
			t.Duplicate = true
			p.rec.BadSyntax = true
			p.add(CodeTagDuplicate, t.Span, explain.Args{"name": t.Name})
			if p.rec.Tags[j].Value == t.Value { // the same again: delete it with the ";" before it
				p.fixLast(explain.Span{p.rec.Tags[len(p.rec.Tags)-1].Span[1], t.Span[1]}, "")
			}
		} else {
			p.rec.tag[t.Name] = len(p.rec.Tags)
		}
		p.rec.Tags = append(p.rec.Tags, t)
	}
}

// tagName reports whether s is an RFC 6376 §3.2 tag-name: ALPHA *(ALPHA /
// DIGIT / "_").
func tagName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		alpha := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !alpha && (i == 0 || !('0' <= c && c <= '9' || c == '_')) {
			return false
		}
	}
	return s != ""
}

// version checks that the first tag is v=BIMI1, exactly (draft-10 §4.3).
func (p *parser) version() {
	ts := p.rec.Tags
	if len(ts) == 0 || !strings.EqualFold(ts[0].Name, "v") || !ts[0].HasEquals {
		for _, t := range ts {
			if t.Name == "v" && t.HasEquals {
				return // reported as not first in Parse
			}
		}
		p.add(CodeVersionMissing, explain.Span{0, len(p.v)}, nil)
		if slices.ContainsFunc(ts, func(t Tag) bool { return t.HasEquals && strings.EqualFold(t.Name, "l") }) {
			p.fixLast(explain.Span{ts[0].Span[0], ts[0].Span[0]}, "v="+Version+"; ")
		}
		return
	}
	v := ts[0]
	p.rec.Version = v.Value
	if v.Name != "v" || v.Value != Version {
		p.add(CodeVersionInvalid, v.Span, explain.Args{"tag": p.text(v.Span)})
		word, rest, _ := strings.Cut(strings.ReplaceAll(v.Value, "\t", " "), " ")
		switch {
		case taglist.MeantVersion(v.Value, "bimi"):
			p.fixLast(v.Span, "v="+Version)
		case taglist.MeantVersion(word, "bimi") && rest != "": // "v=BIMI1 l=…": the ";" is missing
			p.fixLast(explain.Span{v.Span[0], v.ValueSpan[0] + len(word)}, "v="+Version+";")
		}
		return
	}
	p.rec.IsBIMI = true
}

// fixScheme fixes the finding added last, that the URL of t is no https:
// URI: "http" becomes "https", and a URL with no scheme ("example.com/x")
// gets "https://" (or "https:" before "//"); another scheme is left alone.
func (p *parser) fixScheme(t *Tag, scheme string) {
	at := explain.Span{t.ValueSpan[0], t.ValueSpan[0]}
	switch val := t.Value; {
	case scheme == "http":
		p.fixLast(explain.Span{at[0], at[0] + len(scheme)}, "https")
	case scheme != "" || strings.ContainsAny(val, ":@"):
	case strings.HasPrefix(val, "//"):
		p.fixLast(at, "https:")
	default:
		p.fixLast(at, "https://")
	}
}

// https checks a URL of l= or a=: one https: URI (a comma means several,
// which must be encoded, draft-10 §4.3) with a fully qualified domain
// name. It returns the problem's code suffix ("" when none) and Args.
func (p *parser) https(t *Tag) (problem string, span explain.Span, args explain.Args) {
	val := t.Value
	args = explain.Args{"tag": t.Name, "uri": val}
	span = t.ValueSpan
	if c := strings.IndexByte(val, ','); c >= 0 {
		return "multiple", span, args
	}
	if at, n, why := uri.Chars(val); why != uri.OK {
		args["problem"] = why.String()
		return "invalid", explain.Span{span[0] + at, span[0] + at + n}, args
	}
	scheme, rest, ok := uri.Scheme(val)
	if !ok || scheme != "https" {
		args["scheme"] = scheme
		return "scheme", span, args
	}
	if _, why := uri.HTTPS(rest); why != uri.OK {
		args["problem"] = why.String()
		return "invalid", span, args
	}
	return "", span, args
}

// location reads l=, the logo's URL (draft-10 §4.3, §4.3.2).
func (p *parser) location(t *Tag) {
	p.rec.HasLocation = true
	p.rec.Location = t.Value
	if t.Value == "" {
		return
	}
	problem, span, args := p.https(t)
	if problem != "" {
		p.add(locationCodes[problem], span, args)
		if problem == "scheme" {
			p.fixScheme(t, args["scheme"])
		}
		return
	}
	_, rest, _ := uri.Scheme(t.Value)
	if ext := suffix(uri.Path(rest)); ext != "" && ext != "svg" && ext != "svgz" && imageSuffix[ext] {
		args["suffix"] = ext
		p.add(CodeLocationFormat, span, args)
		p.fixLast(t.ValueSpan, logoURL)
		return
	}
	p.rec.LocationOK = true
}

// evidence reads a=, the mark certificate's URL (draft-10 §4.3).
func (p *parser) evidence(t *Tag) {
	p.rec.Evidence = t.Value
	if t.Value == "" {
		return
	}
	problem, span, args := p.https(t)
	if problem != "" {
		p.add(evidenceCodes[problem], span, args)
		if problem == "scheme" {
			p.fixScheme(t, args["scheme"])
		}
		return
	}
	p.rec.EvidenceOK = true
}

// suffix is the lower-cased file name suffix of a URL path, "" when none.
func suffix(path string) string {
	name := path[strings.LastIndexByte(path, '/')+1:]
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		return strings.ToLower(name[dot+1:])
	}
	return ""
}

// imageSuffix are file suffixes of image formats other than SVG: an l=
// URL ending in one is a permanent error (draft-10 §4.3.2).
var imageSuffix = map[string]bool{"png": true, "jpg": true, "jpeg": true, "gif": true, "webp": true, "bmp": true,
	"ico": true, "tif": true, "tiff": true, "avif": true, "heic": true, "heif": true, "apng": true, "jfif": true,
	"jxl": true, "eps": true, "ai": true, "pdf": true}

// lps reads lps=: "true" or "false" in draft -10; a comma-separated list of
// local-part prefixes, possibly empty, in draft -12.
func (p *parser) lps(t *Tag) {
	p.rec.HasLPS, p.rec.LPS = true, t.Value
	args := explain.Args{"value": t.Value}
	for pre := range strings.SplitSeq(t.Value, ",") {
		if pre = strings.Trim(pre, " \t\r\n"); pre != "" {
			p.rec.Prefixes = append(p.rec.Prefixes, pre)
		}
	}
	switch {
	case t.Value == LPSOn || t.Value == LPSOff:
		p.add(CodeLPSBoolean, t.Span, args)
	case prefixList(t.Value):
		p.add(CodeLPSPrefixes, t.Span, args)
	default:
		p.rec.Prefixes = nil
		p.add(CodeLPSInvalid, t.Span, args)
	}
}

// prefixList reports whether v is draft -12's *1local-part-prefix-list:
// prefixes of 1 to 63 letters, digits and "-", separated by commas with
// blanks around them; or empty.
func prefixList(v string) bool {
	if v == "" {
		return true
	}
	for pre := range strings.SplitSeq(v, ",") {
		pre = strings.Trim(pre, " \t")
		if pre == "" || len(pre) > 63 {
			return false
		}
		for i := 0; i < len(pre); i++ {
			c := pre[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// avp reads avp=, the avatar preference (draft-10 §4.3).
func (p *parser) avp(t *Tag) {
	switch Avatar(t.Value) {
	case AvatarBrand, AvatarPersonal:
		p.rec.Avatar = Avatar(t.Value)
	default:
		p.add(CodeAvatarInvalid, t.Span, explain.Args{"value": t.Value})
		if l := Avatar(strings.ToLower(t.Value)); l == AvatarBrand || l == AvatarPersonal {
			p.fixLast(t.ValueSpan, string(l))
		}
	}
}

// record checks what holds across the tags of a BIMI record.
func (p *parser) record() {
	r := p.rec
	if !r.HasLocation {
		p.add(CodeLocationMissing, explain.Span{0, len(p.v)}, nil)
		if slices.ContainsFunc(r.Tags, func(t Tag) bool { return strings.EqualFold(t.Name, "l") || !t.HasEquals }) {
			return // "L=" (the fix of bimi.tag.case), or a part that is no tag and may be the l meant
		}
		_, end := trim(p.v, 0, len(p.v))
		sep := "; "
		if p.v[end-1] == ';' {
			sep = " "
		}
		p.fixLast(explain.Span{end, end}, sep+"l="+logoURL)
		return
	}
	l := p.rec.Tags[r.tag["l"]]
	switch {
	case r.Location == "" && r.Evidence == "":
		r.Declined = true
		p.add(CodeDeclined, l.Span, nil)
	case r.Location == "":
		p.add(CodeLocationEmpty, l.Span, nil)
		p.fixLast(l.ValueSpan, logoURL)
	case r.LocationOK && r.Evidence == "":
		p.add(CodeEvidenceAbsent, l.Span, nil)
	}
}
