// Package tlsrpt parses and explains SMTP TLS Reporting (TLS-RPT) policy
// records: the TXT record at _smtp._tls.<domain> that starts with
// v=TLSRPTv1 and names, in rua=, where sending mail servers deliver their
// daily reports on the TLS connections they made to the domain's mail
// servers (RFC 8460).
//
// The grammar is RFC 8460 §3's: "v=TLSRPTv1" first and exact (case
// matters), fields separated by ";" with blanks allowed around it, no
// blanks around "=", rua= required and holding one or more mailto: or
// https: URIs separated by ",", extension fields that senders ignore.
//
// Parse returns a typed Record for programs; Explain returns the
// explanation model shared by every mxplain front end. Both are pure: no
// DNS, no clock.
package tlsrpt

import (
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/taglist"
	"github.com/mxplain/mxplain/internal/uri"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Version is the only value of the v field.
const Version = "TLSRPTv1" // "v", RFC 8460 §3 (case-sensitive: %s"v=TLSRPTv1")

// Scheme is a URI scheme rua= may hold.
type Scheme string

const (
	SchemeMailto Scheme = "mailto" // "rua", RFC 8460 §3 and §5.3: reports by e-mail to the address (RFC 6068)
	SchemeHTTPS  Scheme = "https"  // "rua", RFC 8460 §3 and §5.4: reports by HTTPS POST to the URL
)

// URI is one entry of rua=.
type URI struct {
	Text      string       // as written, without the blanks around it
	Scheme    Scheme       // lower-cased scheme, "" when there is none
	Addresses []string     // the addresses of a mailto: URI, percent-decoded
	Host      string       // the host of an https: URI, lower-cased
	Valid     bool         // senders can deliver reports to it
	Problem   string       // the finding code of its problem, "" when none
	Span      explain.Span // the entry in the record value
}

// Field is one name=value part of the record as written.
type Field struct {
	Name      string       // as written ("rua", "RUA"); for a part without "=", the whole part
	Value     string       // as written, without the blanks around it
	HasEquals bool         // false for a part that is not name=value
	Span      explain.Span // name through value
	NameSpan  explain.Span
	ValueSpan explain.Span
	Duplicate bool  // an earlier field had the same name
	Spaced    bool  // blanks around "=": strict senders do not read the field as its name
	URIs      []URI // for rua
}

// Record is a parsed TLS-RPT record.
type Record struct {
	Version string // "v", RFC 8460 §3: as written, "" when the record does not start with v=
	// RUA are the URIs of the rua fields, in order (RFC 8460 §3).
	RUA []URI
	// IsTLSRPT is true when the record starts with v=TLSRPTv1: senders
	// keep it among the records at _smtp._tls (RFC 8460 §3).
	IsTLSRPT bool
	// Usable is true when it is a TLS-RPT record with at least one URI
	// senders can deliver reports to.
	Usable bool
	Fields []Field // every part between semicolons, in order
}

// Valid returns the URIs of rua= that senders can deliver reports to.
func (r *Record) Valid() []URI {
	var out []URI
	for _, u := range r.RUA {
		if u.Valid {
			out = append(out, u)
		}
	}
	return out
}

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

// reportAddress is the rua URI a fix writes where only the owner knows
// the address.
var reportAddress = string(SchemeMailto) + ":" + explain.SlotText("report-address")

// Parse reads a TLS-RPT record value (TXT strings already joined, RFC 8460
// §3) and returns what it says and the findings about it. It never fails:
// a value that is not a TLS-RPT record gives IsTLSRPT false and an error
// finding.
func Parse(value string) (*Record, []explain.Finding) {
	p := &parser{v: value, rec: &Record{}}
	p.split()
	p.version()
	first := map[string]int{} // the first field of each name
	ruaCase := false
	hasRUA := slices.ContainsFunc(p.rec.Fields, func(f Field) bool { return f.HasEquals && f.Name == "rua" })
	for i := range p.rec.Fields {
		f := &p.rec.Fields[i]
		if !f.HasEquals {
			continue
		}
		j, dup := first[f.Name]
		f.Duplicate = dup
		if !dup {
			first[f.Name] = i
		}
		if f.Duplicate {
			p.add(CodeFieldDuplicate, f.Span, explain.Args{"name": f.Name})
			p.fixDuplicate(i, j)
		}
		switch {
		case f.Name == "v":
			// The version (checked by version), or a v= after another
			// first field (version.not_first) or after v= (a duplicate).
		case f.Name == "rua":
			f.URIs = p.uris(f)
			if !f.Spaced {
				p.rec.RUA = append(p.rec.RUA, f.URIs...)
			}
		case i > 0 && (strings.EqualFold(f.Name, "rua") || strings.EqualFold(f.Name, "v")):
			ruaCase = ruaCase || strings.EqualFold(f.Name, "rua")
			p.add(CodeFieldCase, f.NameSpan, explain.Args{"name": f.Name, "want": strings.ToLower(f.Name)})
			if strings.EqualFold(f.Name, "rua") && !hasRUA {
				p.fixLast(f.NameSpan, "rua")
			}
		case i > 0:
			p.extension(f)
		}
	}
	if p.rec.IsTLSRPT && !hasRUA && !ruaCase {
		p.add(CodeRUAMissing, explain.Span{0, len(value)}, nil)
		if slices.ContainsFunc(p.rec.Fields, func(f Field) bool { return !f.HasEquals }) {
			return p.rec, p.fs // a part that is no field may be the rua meant
		}
		_, end := trim(value, 0, len(value))
		sep := "; "
		if value[end-1] == ';' {
			sep = " "
		}
		p.fixLast(explain.Span{end, end}, sep+"rua="+reportAddress)
	}
	p.rec.Usable = p.rec.IsTLSRPT && len(p.rec.Valid()) > 0
	return p.rec, p.fs
}

func isWSP(c byte) bool { return c == ' ' || c == '\t' }

// trim returns [s, e) without the WSP at both ends (RFC 8460 §3's
// field-delim allows *WSP around ";").
func trim(v string, s, e int) (int, int) { return taglist.Trim(v, s, e, isWSP) }

// fixDuplicate fixes the finding that field i repeats the name of field
// j: a repeat of the same value is deleted with the ";" before it; a
// second rua's URIs join the first's list; another repeat is left alone.
func (p *parser) fixDuplicate(i, j int) {
	f, g := &p.rec.Fields[i], &p.rec.Fields[j]
	prevEnd := p.rec.Fields[i-1].Span[1]
	switch {
	case f.Spaced || g.Spaced:
	case f.Value == g.Value:
		p.fixLast(explain.Span{prevEnd, f.Span[1]}, "")
	case f.Name == "rua" && f.Value != "" && g.Value != "":
		end := g.ValueSpan[1]
		p.fixLast(explain.Span{end, f.Span[1]}, ", "+f.Value+p.v[end:prevEnd])
	}
}

// split cuts the value at semicolons into Fields and reports the blanks and
// separators the grammar does not allow.
func (p *parser) split() {
	v := p.v
	lead := 0
	for lead < len(v) && (isWSP(v[lead]) || v[lead] == ';') {
		lead++
	}
	if lead > 0 && lead < len(v) {
		p.add(CodeRecordLeading, explain.Span{0, lead}, nil)
		p.fixLast(explain.Span{0, lead}, "")
	}
	for part := range taglist.Split(v, ';', isWSP) {
		s, e, i := part.Start, part.End, part.Sep
		last := part.Last(v)
		if last && e < i && s < e {
			p.add(CodeRecordTrailing, explain.Span{e, i}, nil)
			p.fixLast(explain.Span{e, i}, "")
		}
		if s == e {
			if !last && len(p.rec.Fields) > 0 {
				p.add(CodeSeparatorStray, explain.Span{i, i + 1}, nil)
				p.fixLast(explain.Span{i, i + 1}, "")
			}
			continue
		}
		f := Field{Span: explain.Span{s, e}}
		if eq := strings.IndexByte(v[s:e], '='); eq >= 0 {
			ns, ne := trim(v, s, s+eq)
			vs, ve := trim(v, s+eq+1, e)
			f.Name, f.NameSpan = v[ns:ne], explain.Span{ns, ne}
			f.Value, f.ValueSpan = v[vs:ve], explain.Span{vs, ve}
			f.HasEquals = true
			if ne < s+eq || vs > s+eq+1 {
				f.Spaced = true
				p.add(CodeFieldWhitespace, explain.Span{ne, vs}, explain.Args{"name": f.Name})
				p.fixLast(explain.Span{ne, vs}, "=")
			}
			if ns == ne {
				p.add(CodeFieldSyntax, f.Span, explain.Args{"text": v[s:e]})
				f.HasEquals = false
			}
		} else {
			f.Name, f.NameSpan = v[s:e], explain.Span{s, e}
			f.ValueSpan = explain.Span{e, e}
			p.add(CodeFieldSyntax, f.Span, explain.Args{"text": v[s:e]})
		}
		p.rec.Fields = append(p.rec.Fields, f)
	}
}

// version checks that the record starts with exactly v=TLSRPTv1 followed
// by ";" (RFC 8460 §3: records that do not begin with "v=TLSRPTv1;" are
// discarded).
func (p *parser) version() {
	fs := p.rec.Fields
	want := "v=" + Version
	if len(fs) == 0 || !strings.EqualFold(fs[0].Name, "v") {
		for k, f := range fs {
			if strings.EqualFold(f.Name, "v") && f.HasEquals {
				p.add(CodeVersionNotFirst, f.Span, explain.Args{"field": p.v[f.Span[0]:f.Span[1]]})
				if taglist.MeantVersion(f.Value, "tlsrpt") && !f.Spaced {
					start := fs[0].Span[0]
					p.fixLast(explain.Span{start, f.Span[1]}, want+"; "+p.v[start:fs[k-1].Span[1]])
				}
				return
			}
		}
		p.add(CodeVersionMissing, explain.Span{0, len(p.v)}, nil)
		if slices.ContainsFunc(fs, func(f Field) bool { return f.HasEquals && strings.EqualFold(f.Name, "rua") }) {
			p.fixLast(explain.Span{fs[0].Span[0], fs[0].Span[0]}, want+"; ")
		}
		return
	}
	v := fs[0]
	p.rec.Version = v.Value
	if v.Name != "v" || v.Value != Version {
		p.add(CodeVersionInvalid, v.Span, explain.Args{"field": p.v[v.Span[0]:v.Span[1]]})
		word, rest, _ := strings.Cut(v.Value, " ")
		switch {
		case v.Spaced:
		case taglist.MeantVersion(v.Value, "tlsrpt"):
			p.fixLast(v.Span, want)
		case taglist.MeantVersion(word, "tlsrpt") && rest != "": // "v=TLSRPTv1 rua=…": the ";" is missing
			p.fixLast(explain.Span{v.Span[0], v.ValueSpan[0] + len(word)}, want+";")
		}
		return
	}
	if v.Span[0] > 0 || v.NameSpan[1] != v.ValueSpan[0]-1 {
		return // something before it, or blanks around "=": reported by split
	}
	p.rec.IsTLSRPT = true
	if end := v.Span[1]; end < len(p.v) && p.v[end] != ';' {
		if semi := strings.IndexByte(p.v[end:], ';'); semi >= 0 {
			p.add(CodeVersionSpacing, explain.Span{end, end + semi + 1}, nil)
			p.fixLast(explain.Span{end, end + semi}, "")
		}
	}
}

// extension checks a field TLS-RPT does not define against the grammar of
// tlsrpt-extension (RFC 8460 §3); senders ignore it.
func (p *parser) extension(f *Field) {
	if bad := badExtName(f.Name); bad >= 0 {
		at := f.NameSpan[0] + bad
		p.add(CodeExtensionInvalid, explain.Span{at, min(at+1, f.NameSpan[1])}, explain.Args{"name": f.Name, "part": "name"})
		return
	}
	if f.Value == "" {
		p.add(CodeExtensionInvalid, f.Span, explain.Args{"name": f.Name, "part": "empty"})
		return
	}
	for i := 0; i < len(f.Value); i++ {
		if c := f.Value[i]; c < 0x21 || c > 0x7e || c == '=' {
			at := f.ValueSpan[0] + i
			p.add(CodeExtensionInvalid, explain.Span{at, at + 1}, explain.Args{"name": f.Name, "part": "value"})
			return
		}
	}
	p.add(CodeExtensionUnknown, f.Span, explain.Args{"name": f.Name})
}

// badExtName returns the offset of the first byte of name that
// tlsrpt-ext-name does not allow ((ALPHA / DIGIT) *31(ALPHA / DIGIT / "_"
// / "-" / ".")), or -1.
func badExtName(name string) int {
	for i := 0; i < len(name); i++ {
		c := name[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if i == 32 || !alnum && (i == 0 || c != '_' && c != '-' && c != '.') {
			return i
		}
	}
	return -1
}

// uris reads the URI list of a rua field: URIs separated by "," with
// blanks allowed around it (RFC 8460 §3, tlsrpt-rua).
func (p *parser) uris(f *Field) []URI {
	var out []URI
	val, off := f.Value, f.ValueSpan[0]
	if val == "" {
		p.add(CodeRUAEmpty, f.Span, nil)
		p.fixLast(f.ValueSpan, reportAddress)
		return nil
	}
	prevEnd := -1 // the end of the entry before, in the value
	for part := range taglist.Split(val, ',', isWSP) {
		s, e, i := part.Start, part.End, part.Sep
		if s == e {
			at := off + min(i, len(val)-1)
			p.add(CodeURIEmpty, explain.Span{at, at + 1}, nil)
			p.fixLast(explain.Span{at, at + 1}, "")
			continue
		}
		u := p.uri(val[s:e], off+s)
		for _, o := range out {
			if o.Valid && u.Valid && o.Text == u.Text {
				p.add(CodeURIDuplicate, u.Span, explain.Args{"uri": u.Text})
				if prevEnd >= 0 {
					p.fixLast(explain.Span{prevEnd, u.Span[1]}, "")
				}
				break
			}
		}
		out = append(out, u)
		prevEnd = off + e
	}
	return out
}

// uri checks one rua URI at offset off of the value.
func (p *parser) uri(text string, off int) URI {
	u := URI{Text: text, Span: explain.Span{off, off + len(text)}}
	fail := func(code string, span explain.Span, args explain.Args) URI {
		p.add(code, span, args)
		u.Problem = code
		return u
	}
	if uri.IsObfuscated(text) {
		u = fail(CodeURIObfuscated, u.Span, explain.Args{"uri": text})
		p.fixLast(u.Span, reportAddress)
		return u
	}
	if at, n, why := uri.Chars(text); why != uri.OK {
		return fail(CodeURIInvalid, explain.Span{off + at, off + at + n}, explain.Args{"uri": text, "problem": why.String()})
	}
	if bang := strings.IndexByte(text, '!'); bang >= 0 {
		u = fail(CodeURIBang, explain.Span{off + bang, off + len(text)}, explain.Args{"uri": text, "suffix": text[bang:]})
		if sizeSuffix(text[bang+1:]) {
			p.fixLast(explain.Span{off + bang, off + len(text)}, "")
		}
		return u
	}
	scheme, rest, ok := uri.Scheme(text)
	if !ok {
		u = fail(CodeURISchemeMissing, u.Span, explain.Args{"uri": text})
		if strings.Contains(text, "@") {
			p.fixLast(explain.Span{off, off}, string(SchemeMailto)+":")
		}
		return u
	}
	afterColon := off + len(scheme) + 1
	u.Scheme = Scheme(scheme)
	switch u.Scheme {
	case SchemeMailto:
		addrs, why := uri.Mailto(rest)
		u.Addresses = addrs
		if why != uri.OK {
			u = fail(CodeURIAddressInvalid, u.Span, explain.Args{"uri": text, "problem": why.String()})
			if why == uri.SlashSlash {
				p.fixLast(explain.Span{afterColon, afterColon + 2}, "")
			}
			return u
		}
	case SchemeHTTPS:
		host, why := uri.HTTPS(rest)
		u.Host = host
		if why != uri.OK && why != uri.IPLiteral {
			u = fail(CodeURIHostInvalid, u.Span, explain.Args{"uri": text, "problem": why.String()})
			if why == uri.NoAuthority {
				slashes := "//"
				if strings.HasPrefix(rest, "/") {
					slashes = "/"
				}
				p.fixLast(explain.Span{afterColon, afterColon}, slashes)
			}
			return u
		}
	default:
		u = fail(CodeURISchemeUnsupported, explain.Span{off, off + len(scheme)}, explain.Args{"uri": text, "scheme": scheme})
		if scheme == "http" {
			p.fixLast(explain.Span{off, off + len(scheme)}, string(SchemeHTTPS))
		}
		return u
	}
	u.Valid = true
	return u
}

// sizeSuffix reports whether s, what follows a "!" in a URI, is a DMARC
// report size limit ("10m": digits and one of k, m, g, t), which TLS-RPT
// does not have.
func sizeSuffix(s string) bool {
	if n := len(s); n > 1 && strings.IndexByte("kmgtKMGT", s[n-1]) >= 0 {
		s = s[:n-1]
	}
	return s != "" && strings.Trim(s, "0123456789") == ""
}
