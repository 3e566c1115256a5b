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

// Parse reads a TLS-RPT record value (TXT strings already joined, RFC 8460
// §3) and returns what it says and the findings about it. It never fails:
// a value that is not a TLS-RPT record gives IsTLSRPT false and an error
// finding.
func Parse(value string) (*Record, []explain.Finding) {
	p := &parser{v: value, rec: &Record{}}
	p.split()
	p.version()
	seen := map[string]bool{}
	ruaCase := false
	hasRUA := false
	for i := range p.rec.Fields {
		f := &p.rec.Fields[i]
		if !f.HasEquals {
			continue
		}
		f.Duplicate = seen[f.Name]
		seen[f.Name] = true
		if f.Duplicate {
			p.add(CodeFieldDuplicate, f.Span, explain.Args{"name": f.Name})
		}
		switch {
		case f.Name == "v":
			// The version (checked by version), or a v= after another
			// first field (version.not_first) or after v= (a duplicate).
		case f.Name == "rua":
			hasRUA = true
			f.URIs = p.uris(f)
			if !f.Spaced {
				p.rec.RUA = append(p.rec.RUA, f.URIs...)
			}
		case i > 0 && (strings.EqualFold(f.Name, "rua") || strings.EqualFold(f.Name, "v")):
			ruaCase = ruaCase || strings.EqualFold(f.Name, "rua")
			p.add(CodeFieldCase, f.NameSpan, explain.Args{"name": f.Name, "want": strings.ToLower(f.Name)})
		case i > 0:
			p.extension(f)
		}
	}
	if p.rec.IsTLSRPT && !hasRUA && !ruaCase {
		p.add(CodeRUAMissing, explain.Span{0, len(value)}, nil)
	}
	p.rec.Usable = p.rec.IsTLSRPT && len(p.rec.Valid()) > 0
	return p.rec, p.fs
}

func isWSP(c byte) bool { return c == ' ' || c == '\t' }

// trim returns [s, e) without the WSP at both ends (RFC 8460 §3's
// field-delim allows *WSP around ";").
func trim(v string, s, e int) (int, int) { return taglist.Trim(v, s, e, isWSP) }

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
	}
	for part := range taglist.Split(v, ';', isWSP) {
		s, e, i := part.Start, part.End, part.Sep
		last := part.Last(v)
		if last && e < i && s < e {
			p.add(CodeRecordTrailing, explain.Span{e, i}, nil)
		}
		if s == e {
			if !last && len(p.rec.Fields) > 0 {
				p.add(CodeSeparatorStray, explain.Span{i, i + 1}, nil)
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
	if len(fs) == 0 || !strings.EqualFold(fs[0].Name, "v") {
		for _, f := range fs {
			if strings.EqualFold(f.Name, "v") && f.HasEquals {
				p.add(CodeVersionNotFirst, f.Span, explain.Args{"field": p.v[f.Span[0]:f.Span[1]]})
				return
			}
		}
		p.add(CodeVersionMissing, explain.Span{0, len(p.v)}, nil)
		return
	}
	v := fs[0]
	p.rec.Version = v.Value
	if v.Name != "v" || v.Value != Version {
		p.add(CodeVersionInvalid, v.Span, explain.Args{"field": p.v[v.Span[0]:v.Span[1]]})
		return
	}
	if v.Span[0] > 0 || v.NameSpan[1] != v.ValueSpan[0]-1 {
		return // something before it, or blanks around "=": reported by split
	}
	p.rec.IsTLSRPT = true
	if end := v.Span[1]; end < len(p.v) && p.v[end] != ';' {
		if semi := strings.IndexByte(p.v[end:], ';'); semi >= 0 {
			p.add(CodeVersionSpacing, explain.Span{end, end + semi + 1}, nil)
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
		return nil
	}
	for part := range taglist.Split(val, ',', isWSP) {
		s, e, i := part.Start, part.End, part.Sep
		if s == e {
			at := off + min(i, len(val)-1)
			p.add(CodeURIEmpty, explain.Span{at, at + 1}, nil)
			continue
		}
		u := p.uri(val[s:e], off+s)
		for _, o := range out {
			if o.Valid && u.Valid && o.Text == u.Text {
				p.add(CodeURIDuplicate, u.Span, explain.Args{"uri": u.Text})
				break
			}
		}
		out = append(out, u)
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
		return fail(CodeURIObfuscated, u.Span, explain.Args{"uri": text})
	}
	if at, n, why := uri.Chars(text); why != uri.OK {
		return fail(CodeURIInvalid, explain.Span{off + at, off + at + n}, explain.Args{"uri": text, "problem": why.String()})
	}
	if bang := strings.IndexByte(text, '!'); bang >= 0 {
		return fail(CodeURIBang, explain.Span{off + bang, off + len(text)}, explain.Args{"uri": text, "suffix": text[bang:]})
	}
	scheme, rest, ok := uri.Scheme(text)
	if !ok {
		return fail(CodeURISchemeMissing, u.Span, explain.Args{"uri": text})
	}
	u.Scheme = Scheme(scheme)
	switch u.Scheme {
	case SchemeMailto:
		addrs, why := uri.Mailto(rest)
		u.Addresses = addrs
		if why != uri.OK {
			return fail(CodeURIAddressInvalid, u.Span, explain.Args{"uri": text, "problem": why.String()})
		}
	case SchemeHTTPS:
		host, why := uri.HTTPS(rest)
		u.Host = host
		if why != uri.OK && why != uri.IPLiteral {
			return fail(CodeURIHostInvalid, u.Span, explain.Args{"uri": text, "problem": why.String()})
		}
	default:
		return fail(CodeURISchemeUnsupported, explain.Span{off, off + len(scheme)}, explain.Args{"uri": text, "scheme": scheme})
	}
	u.Valid = true
	return u
}
