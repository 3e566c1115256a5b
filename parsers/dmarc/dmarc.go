// Package dmarc parses and explains DMARC policy records: the TXT record at
// _dmarc.<domain> that starts with v=DMARC1.
//
// It follows RFC 9989 (DMARC, May 2026), which obsoletes RFC 7489 and RFC
// 9091. Where receivers that still implement RFC 7489 behave differently (the
// removed pct, rf and ri tags, the obsolete "!size" suffix on report URIs, the
// public-suffix-list organizational domain instead of the DNS Tree Walk) the
// explanations say so. Tag-value syntax comes from RFC 6376 §3.2.
//
// Parse returns a typed Record for programs; Explain returns the explanation
// model shared by every mxplain front end. Both are pure: no DNS, no clock.
package dmarc

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/stablesort"
	"github.com/mxplain/mxplain/internal/taglist"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Version is the only value of the v tag.
const Version = "DMARC1" // "v", RFC 9989 §4.7 (case-sensitive)

// Policy is a Domain Owner Assessment Policy, the value of p, sp and np.
type Policy string

const (
	PolicyNone       Policy = "none"       // "p"/"sp"/"np", RFC 9989 §4.7: no expression of preference
	PolicyQuarantine Policy = "quarantine" // "p"/"sp"/"np", RFC 9989 §4.7: failing mail is suspicious
	PolicyReject     Policy = "reject"     // "p"/"sp"/"np", RFC 9989 §4.7: failing mail is not valid use
)

// strength orders policies: none < quarantine < reject.
func (p Policy) strength() int {
	switch p {
	case PolicyQuarantine:
		return 1
	case PolicyReject:
		return 2
	}
	return 0
}

// Alignment is an identifier alignment mode, the value of adkim and aspf.
type Alignment string

const (
	AlignmentRelaxed Alignment = "r" // "adkim"/"aspf", RFC 9989 §4.7 and §3.2.10.1 (the default)
	AlignmentStrict  Alignment = "s" // "adkim"/"aspf", RFC 9989 §4.7 and §3.2.10.2
)

// FailureOption is one value of the fo tag.
type FailureOption string

const (
	FailureAll  FailureOption = "0" // "fo", RFC 9989 §4.7: report when all mechanisms fail to give an aligned pass (default)
	FailureAny  FailureOption = "1" // "fo", RFC 9989 §4.7: report when any mechanism fails to give an aligned pass
	FailureDKIM FailureOption = "d" // "fo", RFC 9989 §4.7: DKIM failure report for any failed signature (RFC 6651)
	FailureSPF  FailureOption = "s" // "fo", RFC 9989 §4.7: SPF failure report for any SPF failure (RFC 6652)
)

// PSD is the value of the psd tag.
type PSD string

const (
	PSDYes     PSD = "y" // "psd", RFC 9989 §4.7: the domain is a public suffix domain
	PSDNo      PSD = "n" // "psd", RFC 9989 §4.7: not a PSD; the organizational domain for itself and below
	PSDUnknown PSD = "u" // "psd", RFC 9989 §4.7: the default; the DNS Tree Walk decides
)

// Testing is the value of the t tag.
type Testing string

const (
	TestingYes Testing = "y" // "t", RFC 9989 §4.7: testing; apply one level below the policy
	TestingNo  Testing = "n" // "t", RFC 9989 §4.7: the default; apply the policy as published
)

// URI is one entry of a rua or ruf list.
type URI struct {
	Text     string       // as written, without the surrounding whitespace
	URI      string       // Text without the "!size" suffix
	Scheme   string       // lower-cased scheme ("mailto"), "" when there is none
	Address  string       // the e-mail address of a mailto: URI; several, comma-separated, when it names several (RFC 6068 §2)
	SizeText string       // the obsolete size limit as written after "!" ("10m"), "" when absent
	Size     uint64       // SizeText in bytes (units are powers of two, RFC 7489 §6.4); 0 when absent or invalid
	Valid    bool         // usable: a well-formed URI with an address receivers can send to
	Problem  string       // the finding code of its problem (CodeURIObfuscated, …), "" when none
	Span     explain.Span // the entry in the record value
	SizeSpan explain.Span // "!size" including the "!", zero when absent
}

// Tag is one tag=value part of the record as written.
type Tag struct {
	Name      string       // as written ("p", "P", "rua"); for a part without "=", the whole part
	Value     string       // as written, surrounding whitespace removed
	HasEquals bool         // false for a part that is not tag=value
	Span      explain.Span // name through value, without surrounding whitespace
	NameSpan  explain.Span
	ValueSpan explain.Span
	Duplicate bool            // an earlier tag had the same (lower-cased) name
	URIs      []URI           // for rua and ruf
	Options   []FailureOption // for fo: every option as written (lower-cased)
	OptSpans  []explain.Span  // for fo: the span of each option
}

// Record is a parsed DMARC policy record. Policy-valued fields hold only valid
// values and are empty when the tag is absent or invalid; Tags keeps the text.
type Record struct {
	Version           string          // "v", RFC 9989 §4.7: as written
	Policy            Policy          // "p", RFC 9989 §4.7
	SubdomainPolicy   Policy          // "sp", RFC 9989 §4.7
	NonexistentPolicy Policy          // "np", RFC 9989 §4.7
	ADKIM             Alignment       // "adkim", RFC 9989 §4.7: "" when absent or invalid (relaxed applies)
	ASPF              Alignment       // "aspf", RFC 9989 §4.7: "" when absent or invalid (relaxed applies)
	RUA               []URI           // "rua", RFC 9989 §4.7
	RUF               []URI           // "ruf", RFC 9989 §4.7
	FailureOptions    []FailureOption // "fo", RFC 9989 §4.7: valid options only
	PSD               PSD             // "psd", RFC 9989 §4.7: "" when absent or invalid ("u" applies)
	Testing           Testing         // "t", RFC 9989 §4.7: "" when absent or invalid ("n" applies)

	// Tags removed by RFC 9989 (Appendix C.5.2) that RFC 7489 receivers still read.
	Percent        *int   // "pct", RFC 7489 §6.3: 0–100, nil when absent or invalid
	ReportFormat   string // "rf", RFC 7489 §6.3: as written
	ReportInterval *int64 // "ri", RFC 7489 §6.3: seconds, nil when absent or invalid

	// IsDMARC is false when the record does not start with v=DMARC1 (a
	// whitespace before it included): receivers ignore it entirely.
	IsDMARC bool
	// PolicyUsable is false when receivers apply no DMARC processing for lack
	// of a valid p/sp/np and of a valid rua URI (RFC 9989 §4.10.1).
	PolicyUsable bool
	// PolicyFallback is true when p is missing or p, sp or np is invalid and
	// rua holds a valid URI: receivers act as if the record said p=none.
	PolicyFallback bool

	Tags []Tag // every part between semicolons, in order
	tag  map[string]int

	leading bool // the value starts with whitespace, so receivers discard it
}

// EffectivePolicy is the policy RFC 9989 receivers apply to the domain
// itself, or "" when they apply no DMARC processing.
func (r *Record) EffectivePolicy() Policy {
	if !r.IsDMARC || !r.PolicyUsable {
		return ""
	}
	if r.PolicyFallback {
		return PolicyNone
	}
	return r.Policy
}

// EffectiveSubdomainPolicy is the policy for existing subdomains: sp, else p.
func (r *Record) EffectiveSubdomainPolicy() Policy {
	p := r.EffectivePolicy()
	if p == "" || r.PolicyFallback || r.SubdomainPolicy == "" {
		return p
	}
	return r.SubdomainPolicy
}

// EffectiveNonexistentPolicy is the policy for non-existent subdomains: np,
// else sp, else p (RFC 9989 §4.7).
func (r *Record) EffectiveNonexistentPolicy() Policy {
	p := r.EffectiveSubdomainPolicy()
	if p == "" || r.PolicyFallback || r.NonexistentPolicy == "" {
		return p
	}
	return r.NonexistentPolicy
}

// Applied is the policy receivers apply to failing mail under pol (one of
// the Effective policies): with t=y one level below it, quarantine instead
// of reject and none instead of quarantine, for p, sp and np alike (RFC 9989
// §4.7); otherwise pol itself.
func (r *Record) Applied(pol Policy) Policy {
	if r.Testing != TestingYes || r.PolicyFallback {
		return pol
	}
	switch pol {
	case PolicyReject:
		return PolicyQuarantine
	case PolicyQuarantine:
		return PolicyNone
	}
	return pol
}

// lowered lists the policies t=y lowers, as "p=reject", in the order p, sp,
// np (each sp or np only when written and different from what it inherits).
func (r *Record) lowered() []string {
	var out []string
	for _, c := range []struct {
		name string
		pol  Policy
		set  bool
	}{{"p", r.EffectivePolicy(), true}, {"sp", r.EffectiveSubdomainPolicy(), r.SubdomainPolicy != ""},
		{"np", r.EffectiveNonexistentPolicy(), r.NonexistentPolicy != ""}} {
		if c.set && r.Applied(c.pol) != c.pol {
			out = append(out, c.name+"="+string(c.pol))
		}
	}
	return out
}

// Lookup returns the first tag named name (lower-cased), or nil.
func (r *Record) Lookup(name string) *Tag {
	if i, ok := r.tag[name]; ok {
		return &r.Tags[i]
	}
	return nil
}

// ValidURIs returns the usable URIs of list.
func ValidURIs(list []URI) []URI {
	var out []URI
	for _, u := range list {
		if u.Valid {
			out = append(out, u)
		}
	}
	return out
}

func isWSP(c byte) bool { return c == ' ' || c == '\t' }

// trim returns [s, e) with WSP (and, to be forgiving, line breaks) removed at
// both ends.
func trim(v string, s, e int) (int, int) { return taglist.Trim(v, s, e, isBlank) }

// isBlank reports the blanks a tag, its name and value are trimmed of.
func isBlank(c byte) bool { return isWSP(c) || c == '\r' || c == '\n' }

func isAlpha(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// known tags: RFC 9989 §4.7 plus the removed ones.
var knownTags = map[string]bool{"v": true, "p": true, "sp": true, "np": true, "adkim": true, "aspf": true,
	"rua": true, "ruf": true, "fo": true, "psd": true, "t": true, "pct": true, "rf": true, "ri": true}

type parser struct {
	v   string
	rec *Record
	fs  []explain.Finding
	bad []explain.Span // the bytes CodeRecordIllegalChar is about
}

func (p *parser) add(code string, span explain.Span, args explain.Args) {
	p.fs = append(p.fs, rules.Finding(code, span, args))
}

// fixLast gives the finding added last the fix that writes text at s
// (codes.go says each code's fix); none when s already reads text, or
// when s reaches into bytes the grammar allows nowhere: their own fix
// comes first, and explaining the result again says what else to fix
// ("p=reject\u200b" is p=reject, not an invalid policy).
func (p *parser) fixLast(s explain.Span, text string) {
	last := &p.fs[len(p.fs)-1]
	if p.v[s[0]:s[1]] == text || last.Code != CodeRecordIllegalChar &&
		slices.ContainsFunc(p.bad, func(b explain.Span) bool { return b[0] < max(s[1], s[0]+1) && s[0] < b[1] }) {
		return
	}
	*last = last.WithFix(s, text)
}

// nearestPolicy is the policy val was probably meant to be (one edit
// away, or a prefix of it: "nonee", "rej"), or "" when none is.
func nearestPolicy(val string) Policy {
	l := strings.ToLower(val)
	for _, pol := range []Policy{PolicyNone, PolicyQuarantine, PolicyReject} {
		if len(l) > 1 && (oneEdit(l, string(pol)) || strings.HasPrefix(string(pol), l)) {
			return pol
		}
	}
	return ""
}

// Parse reads a DMARC record value (TXT strings already joined) and returns
// what it says and the findings about it that need no context. It never
// fails: a value that is not a DMARC record gives IsDMARC false and an error
// finding.
func Parse(value string) (*Record, []explain.Finding) {
	p := &parser{v: value, rec: &Record{tag: map[string]int{}}}
	p.split()
	p.version()
	for i := range p.rec.Tags {
		p.tag(i)
	}
	if p.rec.IsDMARC {
		p.record()
	}
	return p.rec, p.fs
}

func (p *parser) whole() explain.Span { return explain.Span{0, len(p.v)} }

// split cuts the value at semicolons into Tags and reports stray separators.
func (p *parser) split() {
	v := p.v
	lead := 0 // the leading whitespace, reported as such
	if len(v) > 0 && (isWSP(v[0]) || v[0] == '\r' || v[0] == '\n') {
		lead, _ = trim(v, 0, len(v))
		p.rec.leading = true
		p.add(CodeRecordWhitespace, explain.Span{0, lead}, explain.Args{"length": strconv.Itoa(lead)})
		p.fixLast(explain.Span{0, lead}, "")
	}
	for part := range taglist.Split(v, ';', isBlank) {
		s, e, i := part.Start, part.End, part.Sep
		last := part.Last(v)
		if s == e {
			if !last && (strings.TrimSpace(v[:s]) == "" || len(p.rec.Tags) > 0) {
				// an empty part before a ";" (";;" or a leading ";")
				p.add(CodeSeparatorStray, explain.Span{i, i + 1}, nil)
				p.fixLast(explain.Span{i, i + 1}, "")
			}
			continue
		}
		t := Tag{Span: explain.Span{s, e}}
		if eq := strings.IndexByte(v[s:e], '='); eq >= 0 {
			ns, ne := trim(v, s, s+eq)
			vs, ve := trim(v, s+eq+1, e)
			t.Name, t.NameSpan = v[ns:ne], explain.Span{ns, ne}
			t.Value, t.ValueSpan = v[vs:ve], explain.Span{vs, ve}
			t.HasEquals = true
		} else {
			t.Name, t.NameSpan = v[s:e], explain.Span{s, e}
			t.ValueSpan = explain.Span{e, e}
		}
		p.rec.Tags = append(p.rec.Tags, t)
	}
	p.illegal(lead)
}

// illegal reports the bytes after the leading whitespace that the ABNF
// allows nowhere in a record (RFC 9989 §4.8: printable ASCII, spaces and
// tabs only): control bytes, line breaks and non-ASCII characters (a
// no-break space, curly quotes, a byte order mark from a copy and paste).
// Report URIs are left to the URI check, which says what to write instead.
func (p *parser) illegal(from int) {
	v := p.v
	var uris []explain.Span
	for _, t := range p.rec.Tags {
		if n := strings.ToLower(t.Name); t.HasEquals && (n == "rua" || n == "ruf") {
			uris = append(uris, t.ValueSpan)
		}
	}
	bad := func(c byte) bool { return c < ' ' && c != '\t' || c >= 0x7f }
	for i := from; i < len(v); i++ {
		if !bad(v[i]) || slices.ContainsFunc(uris, func(s explain.Span) bool { return s[0] <= i && i < s[1] }) {
			continue
		}
		j := i + 1
		if v[i] >= 0x80 {
			_, n := utf8.DecodeRuneInString(v[i:])
			j = i + n
		} else {
			for j < len(v) && bad(v[j]) && v[j] < 0x80 {
				j++
			}
		}
		p.bad = append(p.bad, explain.Span{i, j})
		p.add(CodeRecordIllegalChar, explain.Span{i, j}, explain.Args{"text": v[i:j], "offset": strconv.Itoa(i)})
		p.fixLast(explain.Span{i, j}, illegalFix(v[i:j], v[j:]))
		i = j - 1
	}
}

// looksLike names the kind of record a value without a v tag looks like,
// for CodeVersionMissing: "spf", "dkim" (a key: k=, p=MI…) or "".
func looksLike(v string) string {
	l := strings.ToLower(strings.TrimSpace(v))
	switch {
	case strings.HasPrefix(l, "v=spf1"):
		return "spf"
	case strings.HasPrefix(l, "k=") || strings.Contains(l, "p=mi"):
		return "dkim"
	}
	return ""
}

// version checks that the first tag is v=DMARC1.
func (p *parser) version() {
	tags := p.rec.Tags
	first := -1
	for i, t := range tags {
		if t.HasEquals && strings.EqualFold(t.Name, "v") {
			first = i
			break
		}
	}
	switch {
	case first < 0:
		like := looksLike(p.v)
		p.add(CodeVersionMissing, p.whole(), explain.Args{"looks_like": like})
		// A record of DMARC tags whose v tag was left out: not another
		// kind of record, nor one whose version is there but mangled.
		if like == "" && !strings.Contains(strings.ToLower(p.v), "dmarc1") && slices.ContainsFunc(tags, func(t Tag) bool {
			return t.HasEquals && knownTags[strings.ToLower(t.Name)]
		}) {
			at, _ := trim(p.v, 0, len(p.v))
			p.fixLast(explain.Span{at, at}, "v="+Version+"; ")
		}
		return
	case first > 0:
		vt := tags[first]
		p.add(CodeVersionNotFirst, vt.Span, explain.Args{"tag": vt.Text(p.v)})
		// The v tag moved to the start: it and the tags before it
		// rewritten as v=DMARC1 then those tags.
		if strings.EqualFold(vt.Value, Version) {
			start, _ := trim(p.v, 0, len(p.v))
			p.fixLast(explain.Span{start, vt.Span[1]}, "v="+Version+"; "+p.v[tags[0].Span[0]:tags[first-1].Span[1]])
		}
		return
	}
	t := tags[0]
	if before := strings.TrimLeft(p.v[:t.Span[0]], " \t\r\n"); before != "" {
		p.add(CodeVersionNotFirst, explain.Span{0, t.Span[0]}, explain.Args{"before": strings.TrimSpace(before)})
		start, _ := trim(p.v, 0, len(p.v))
		p.fixLast(explain.Span{start, t.Span[0]}, "")
		return
	}
	p.rec.Version = t.Value
	if t.Value != Version {
		p.add(CodeVersionInvalid, t.ValueSpan, explain.Args{"value": t.Value})
		if meant := meantVersion(t.Value); meant != "" {
			p.fixLast(t.ValueSpan, meant)
		}
		return
	}
	p.rec.IsDMARC = !p.rec.leading
}

// Text is the tag as it reads in value.
func (t *Tag) Text(value string) string { return value[t.Span[0]:t.Span[1]] }

func (p *parser) tag(i int) {
	t := &p.rec.Tags[i]
	if !t.HasEquals || !isAlpha(t.Name) {
		p.add(CodeTagSyntax, t.Span, explain.Args{"text": t.Text(p.v)})
		return
	}
	name := strings.ToLower(t.Name)
	if j, dup := p.rec.tag[name]; dup {
		t.Duplicate = true
		p.add(CodeTagDuplicate, t.Span, explain.Args{"tag": t.Name, "first": p.rec.Tags[j].Text(p.v)})
		p.fixLast(explain.Span{p.rec.Tags[i-1].Span[1], t.Span[1]}, "") // the repeat and the ";" before it
	} else {
		p.rec.tag[name] = i
	}
	if !knownTags[name] {
		p.add(CodeTagUnknown, t.Span, explain.Args{"tag": t.Name})
		if meant := p.meantTag(t.Name); meant != "" {
			p.fixLast(t.NameSpan, meant)
		}
		return
	}
	// The version tag is the ABNF literal "v", which matches "V" too (RFC
	// 9989 §4.8, RFC 5234 §2.3; only "DMARC1" is case-sensitive).
	if name != t.Name && name != "v" {
		p.add(CodeTagCase, t.NameSpan, explain.Args{"tag": t.Name})
		p.fixLast(t.NameSpan, name)
	}
	if name == "v" {
		return // checked by version()
	}
	if t.Value == "" && name != "p" && name != "sp" && name != "np" {
		p.add(CodeTagEmpty, t.Span, explain.Args{"tag": name})
		if !t.Duplicate { // a repeat's own fix deletes it
			p.fixLast(p.deleteTag(t), "")
		}
		return
	}
	if t.Duplicate {
		// Read it for its fields, but report only the repetition: the
		// first occurrence is the one explained.
		q := &parser{v: p.v, rec: p.rec}
		q.value(t, name, false)
		return
	}
	p.value(t, name, true)
}

// value checks the value of a known tag and, when use is set, stores it.
func (p *parser) value(t *Tag, name string, use bool) {
	switch name {
	case "p", "sp", "np":
		pol, ok := parsePolicy(t.Value)
		if !ok {
			code := map[string]string{"p": CodePInvalid, "sp": CodeSPInvalid, "np": CodeNPInvalid}[name]
			p.add(code, t.ValueSpan, explain.Args{"tag": name, "value": t.Value, "valid_rua": flag(p.hasValidRUA())})
			word, _, _ := strings.Cut(strings.ReplaceAll(t.Value, ",", " "), " ")
			switch _, ok := parsePolicy(word); {
			case ok && sepHint(t.Value) != "": // "p=reject rua=…": the ";" is missing
				p.fixLast(explain.Span{t.ValueSpan[0] + len(word), t.ValueSpan[0] + len(word)}, ";")
			case strings.ContainsAny(t.Value, " \t,"): // more than a policy: not ours to guess
			case nearestPolicy(t.Value) != "":
				p.fixLast(t.ValueSpan, string(nearestPolicy(t.Value)))
			case name == "p":
				p.fixLast(t.ValueSpan, string(PolicyNone))
			}
			return
		}
		if use {
			switch name {
			case "p":
				p.rec.Policy = pol
			case "sp":
				p.rec.SubdomainPolicy = pol
			default:
				p.rec.NonexistentPolicy = pol
			}
		}
	case "adkim", "aspf":
		a := Alignment(strings.ToLower(t.Value))
		if a != AlignmentRelaxed && a != AlignmentStrict {
			code := CodeADKIMInvalid
			if name == "aspf" {
				code = CodeASPFInvalid
			}
			p.add(code, t.ValueSpan, explain.Args{"tag": name, "value": t.Value})
			p.fixOrDelete(t, isAlignment, string(meantAlignment(t.Value)))
			return
		}
		if use && name == "adkim" {
			p.rec.ADKIM = a
		} else if use {
			p.rec.ASPF = a
		}
	case "rua", "ruf":
		t.URIs = p.uris(name, t.Value, t.ValueSpan[0])
		if use && name == "rua" {
			p.rec.RUA = t.URIs
		} else if use {
			p.rec.RUF = t.URIs
		}
	case "fo":
		p.fo(t, use)
	case "psd":
		v := PSD(strings.ToLower(t.Value))
		if v != PSDYes && v != PSDNo && v != PSDUnknown {
			p.add(CodePSDInvalid, t.ValueSpan, explain.Args{"value": t.Value})
			p.fixOrDelete(t, isPSD, "")
			return
		}
		if use {
			p.rec.PSD = v
		}
	case "t":
		v := Testing(strings.ToLower(t.Value))
		if v != TestingYes && v != TestingNo {
			p.add(CodeTInvalid, t.ValueSpan, explain.Args{"value": t.Value})
			p.fixOrDelete(t, isTesting, "")
			return
		}
		if use {
			p.rec.Testing = v
		}
	case "pct":
		n, err := strconv.Atoi(t.Value)
		ok := err == nil && n >= 0 && n <= 100
		if ok && use {
			p.rec.Percent = &n
		}
		args := explain.Args{"value": t.Value}
		if ok {
			args["percent"] = strconv.Itoa(n)
		}
		p.add(CodePctRemoved, t.Span, args)
		if !ok || n == 100 {
			// RFC 7489's default, or a value its receivers ignore: the
			// same as no pct to every receiver. Other values are a stage
			// of the enforcement plan.
			p.fixLast(p.deleteTag(t), "")
		}
	case "rf":
		if use {
			p.rec.ReportFormat = t.Value
		}
		p.add(CodeRFRemoved, t.Span, explain.Args{"value": t.Value})
		p.fixLast(p.deleteTag(t), "")
	case "ri":
		n, err := strconv.ParseInt(t.Value, 10, 64)
		ok := err == nil && n >= 0 && n <= 1<<32-1
		if ok && use {
			p.rec.ReportInterval = &n
		}
		args := explain.Args{"value": t.Value}
		if ok {
			args["seconds"] = strconv.FormatInt(n, 10)
		}
		p.add(CodeRIRemoved, t.Span, args)
		p.fixLast(p.deleteTag(t), "")
	}
}

func parsePolicy(s string) (Policy, bool) {
	pol := Policy(strings.ToLower(s))
	switch pol {
	case PolicyNone, PolicyQuarantine, PolicyReject:
		return pol, true
	}
	return "", false
}

// hasValidRUA reports whether the first rua tag holds a valid URI; it parses
// the tag quietly, since tags are checked in order.
func (p *parser) hasValidRUA() bool {
	for _, t := range p.rec.Tags {
		if t.HasEquals && strings.ToLower(t.Name) == "rua" {
			q := &parser{v: p.v}
			return len(ValidURIs(q.uris("rua", t.Value, t.ValueSpan[0]))) > 0
		}
	}
	return false
}

// fo parses a colon-separated list of failure reporting options (RFC 9989
// §4.8, dmarc-fo): 0 or 1 (not both) and d and s, each at most once, in
// any order. An option that is not one of the four makes the tag invalid;
// a repeated option, or 0 next to 1 (which covers every case 0 does), is
// redundant: RFC 7489's grammar allowed it, RFC 9989's does not.
func (p *parser) fo(t *Tag, use bool) {
	var bad []int // options that are not options
	seen := map[FailureOption]bool{}
	var kept []FailureOption
	var redundant []int
	val := t.Value
	for part := range taglist.Split(val, ':', isBlank) {
		s, e := part.Start, part.End
		o := FailureOption(strings.ToLower(val[s:e]))
		k := len(t.Options)
		t.Options = append(t.Options, o)
		t.OptSpans = append(t.OptSpans, explain.Span{t.ValueSpan[0] + s, t.ValueSpan[0] + e})
		switch o {
		case FailureAll, FailureAny, FailureDKIM, FailureSPF:
			if seen[o] {
				redundant = append(redundant, k)
				continue
			}
			seen[o] = true
			kept = append(kept, o)
		default:
			bad = append(bad, k)
		}
	}
	if len(bad) > 0 {
		span := t.ValueSpan
		if len(bad) == 1 && t.OptSpans[bad[0]].Len() > 0 {
			span = t.OptSpans[bad[0]]
		}
		var names []string
		for _, k := range bad {
			names = append(names, strconv.Quote(p.v[t.OptSpans[k][0]:t.OptSpans[k][1]]))
		}
		p.add(CodeFOInvalid, span, explain.Args{"value": t.Value, "options": strings.Join(names, "\n")})
		p.fixFO(t, bad)
		return
	}
	if seen[FailureAll] && seen[FailureAny] {
		for k, o := range t.Options {
			if o == FailureAll {
				redundant = append(redundant, k)
				break
			}
		}
		kept = slices.DeleteFunc(kept, func(o FailureOption) bool { return o == FailureAll })
	}
	stablesort.Func(redundant, cmp.Compare[int])
	for _, k := range redundant {
		sp := t.OptSpans[k]
		p.add(CodeFORedundant, sp, explain.Args{"value": t.Value, "option": p.v[sp[0]:sp[1]],
			"zero_with_one": flag(t.Options[k] == FailureAll && seen[FailureAny])})
		// The option and the ":" before it (after it, for the first).
		del := explain.Span{sp[0], t.OptSpans[min(1, len(t.OptSpans)-1)][0]}
		if k > 0 {
			del = explain.Span{t.OptSpans[k-1][1], sp[1]}
		}
		p.fixLast(del, "")
	}
	if use {
		p.rec.FailureOptions = kept
	}
}

// record adds the findings about the record as a whole.
func (p *parser) record() {
	r := p.rec
	validRUA := len(ValidURIs(r.RUA)) > 0
	pTag := r.Lookup("p")
	policyBad := r.Policy == "" || (r.Lookup("sp") != nil && r.SubdomainPolicy == "") ||
		(r.Lookup("np") != nil && r.NonexistentPolicy == "")
	r.PolicyUsable = !policyBad || validRUA
	r.PolicyFallback = policyBad && validRUA
	if pTag == nil {
		p.add(CodePMissing, p.whole(), explain.Args{"valid_rua": flag(validRUA)})
		// What RFC 9989 receivers read a record without p as (§4.10.1).
		at := r.Tags[0].Span[1]
		p.fixLast(explain.Span{at, at}, "; p="+string(PolicyNone))
	} else if r.tag["p"] != 1 {
		p.add(CodePNotSecond, pTag.Span, nil)
	}
	if !r.PolicyUsable {
		var args explain.Args
		if pTag == nil {
			args = explain.Args{"missing": "p"}
		}
		p.add(CodeRecordNoPolicy, p.whole(), args)
	}
	if r.Policy == PolicyNone && !r.PolicyFallback {
		p.add(CodePNone, pTag.ValueSpan, explain.Args{"rua": flag(len(r.RUA) > 0)})
	}
	if !r.PolicyFallback && r.Policy != "" {
		if t := r.Lookup("sp"); t != nil && r.SubdomainPolicy.strength() < r.Policy.strength() {
			p.add(CodeSPWeaker, t.ValueSpan, explain.Args{"sp": string(r.SubdomainPolicy), "p": string(r.Policy)})
		}
		if t := r.Lookup("np"); t != nil {
			if base := r.EffectiveSubdomainPolicy(); r.NonexistentPolicy.strength() < base.strength() {
				from := "p"
				if r.SubdomainPolicy != "" {
					from = "sp"
				}
				p.add(CodeNPWeaker, t.ValueSpan, explain.Args{"np": string(r.NonexistentPolicy), "from": from, "base": string(base)})
			}
		}
	}
	if t := r.Lookup("rua"); t == nil {
		p.add(CodeRUAMissing, p.whole(), nil)
		at := r.Tags[len(r.Tags)-1].Span[1]
		p.fixLast(explain.Span{at, at}, "; rua=mailto:"+explain.SlotText("report-address"))
	} else if !validRUA {
		p.add(CodeRUAMissing, t.Span, explain.Args{"rua": "true"})
	}
	p.uriList("rua", r.RUA)
	p.uriList("ruf", r.RUF)
	if t := r.Lookup("ruf"); t != nil && t.Value != "" {
		p.add(CodeRUFPresent, t.Span, nil)
	}
	if t := r.Lookup("fo"); t != nil && t.Value != "" && r.Lookup("ruf") == nil {
		p.add(CodeFOWithoutRUF, t.Span, nil)
	}
	if t := r.Lookup("t"); t != nil && r.Testing == TestingYes {
		p.add(CodeTTesting, t.Span, explain.Args{"lowers": strings.Join(r.lowered(), "\n"), "pct": flag(r.Percent != nil)})
	}
	if t := r.Lookup("psd"); t != nil && r.PSD == PSDYes {
		p.add(CodePSDYes, t.Span, nil)
	}
}

// uriList reports the first repetition of each destination in a rua or ruf
// list's usable URIs, and the first URI past the two that RFC 7489
// receivers need send reports to (RFC 7489 §6.2).
func (p *parser) uriList(tag string, list []URI) {
	seen := map[string]int{} // how often each destination came
	n := 0
	for _, u := range ValidURIs(list) {
		key := strings.ToLower(u.URI)
		if u.Scheme == "mailto" {
			// The domain is case-insensitive, the local part not
			// (RFC 5321 §2.4).
			at := strings.LastIndexByte(u.Address, '@')
			key = "mailto:" + u.Address[:at] + strings.ToLower(u.Address[at:])
		}
		if seen[key]++; seen[key] > 1 {
			if seen[key] == 2 { // once per destination, however often it is repeated
				p.add(CodeURIDuplicate, u.Span, explain.Args{"tag": tag, "uri": u.Text})
				// The repeat and the "," before it (never the first URI).
				if at := strings.TrimRight(p.v[:u.Span[0]], " \t"); strings.HasSuffix(at, ",") {
					p.fixLast(explain.Span{len(at) - 1, u.Span[1]}, "")
				}
			}
			continue
		}
		if n++; n == 3 {
			p.add(CodeURIMany, u.Span, explain.Args{"tag": tag})
		}
	}
}
