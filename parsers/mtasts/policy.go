package mtasts

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/internal/psl"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Mode is what senders do when a policy fails to validate (RFC 8461 §5).
type Mode string

const (
	ModeEnforce Mode = "enforce" // "mode": deliver only to valid MX hosts over authenticated TLS, RFC 8461 §5
	ModeTesting Mode = "testing" // "mode": report failures (TLS-RPT), deliver anyway, RFC 8461 §5
	ModeNone    Mode = "none"    // "mode": as though there were no policy, RFC 8461 §5 and §8.3
)

// The policy file's keys (RFC 8461 §3.2) and limits.
const (
	KeyVersion = "version" // "version: STSv1", RFC 8461 §3.2
	KeyMode    = "mode"    // "mode: enforce | testing | none", RFC 8461 §3.2
	KeyMaxAge  = "max_age" // "max_age: <seconds>", RFC 8461 §3.2
	KeyMX      = "mx"      // "mx: <pattern>", one line per pattern, RFC 8461 §3.2

	// MaxAgeLimit is the largest max_age, one year of 365.25 days (RFC 8461 §3.2).
	MaxAgeLimit = 31557600
	// MaxPolicyBytes is the policy size senders are told they may stop at
	// (RFC 8461 §3.3 suggests 64 kilobytes).
	MaxPolicyBytes = 64 << 10

	day         = 86400
	week        = 7 * day
	maxAgeChars = 10 // sts-policy-max-age-value = 1*10(DIGIT)
	bom         = "\ufeff"
)

// PolicyFacts are the typed values of a policy file for programs: what it
// says as written, the first line of each key but mx; Record.Valid says
// whether senders use it.
type PolicyFacts struct {
	Version *string `json:"version"` // null when there is no version line
	Mode    *string `json:"mode"`    // null when there is no mode line
	// MaxAge is max_age in seconds, null when absent or not digits (a
	// value over MaxAgeLimit is given, and is an error).
	MaxAge *int64 `json:"max_age"`
	// MX are the mx patterns in order, as written; never null.
	MX []string `json:"mx"`
}

// policyLine is one line of a policy file that is not blank.
type policyLine struct {
	span     explain.Span // the key to the end of the value, blanks around them left out
	line     explain.Span // the whole line, its line end included
	key, val string       // key without blanks; val without the blanks around it
	colon    bool
	bad      bool // a finding made the line unusable
	use      string
}

// What a line is, for its meaning (policyLine.use).
const (
	useKnown     = "known"     // version, mode, max_age or mx, used
	useDuplicate = "duplicate" // version, mode or max_age again: ignored
	useIgnored   = "ignored"   // a key senders ignore (unknown, wrong case, misspelled)
	useBroken    = "broken"    // not key: value
)

// ExplainPolicy explains an MTA-STS policy file, line by line. ctx.Owner,
// when given, names the policy domain ("example.com." or the policy host
// "mta-sts.example.com."). Findings carry the fixes codes.go lists, each
// kept only when it does what a fix must (explain.KeepFixes).
func ExplainPolicy(value string, ctx explain.Context) explain.Record {
	out := explainPolicy(value, ctx)
	explain.KeepFixes(&out, value, func(v string) []explain.Finding { return explainPolicy(v, ctx).Findings })
	return out
}

// explainPolicy is ExplainPolicy without explain.KeepFixes.
func explainPolicy(value string, ctx explain.Context) explain.Record {
	rec := explain.New(TypePolicy, value)
	rec.Owner = ctx.Owner
	facts := &PolicyFacts{MX: []string{}}
	rec.Facts = facts
	domain := policyDomain(ctx.Owner)
	if strings.TrimLeft(strings.TrimSpace(value), bom) == "" {
		rec.Add(newFinding(CodePolicyEmpty, rec.Span, nil))
		rec.Summary = policySummary(&rec, facts, domain)
		return rec
	}
	if len(value) > MaxPolicyBytes {
		rec.Add(newFinding(CodePolicyTooLarge, explain.Span{MaxPolicyBytes, len(value)}, explain.Args{"bytes": itoa(len(value))}))
	}
	pos := 0
	if strings.HasPrefix(value, bom) {
		rec.Add(newFinding(CodePolicyBOM, explain.Span{0, len(bom)}, nil))
		fixLast(&rec, value, explain.Span{0, len(bom)}, "")
		pos = len(bom)
	}
	p := policyReader{v: value, rec: &rec, facts: facts, first: map[string]*policyLine{}, mx: map[string]bool{},
		start: pos, eol: "\n", present: map[string]bool{}}
	if nl := strings.IndexByte(value, '\n'); nl > 0 && value[nl-1] == '\r' {
		p.eol = "\r\n"
	}
	for l := range strings.SplitSeq(value, "\n") {
		p.present[keyOf(strings.TrimLeft(l, " \t"))] = true
	}
	for pos < len(value) {
		end, next := len(value), len(value)
		if nl := strings.IndexByte(value[pos:], '\n'); nl >= 0 {
			end, next = pos+nl, pos+nl+1
			if end > pos && value[end-1] == '\r' {
				end--
			}
		}
		p.line(pos, end, next)
		pos = next
	}
	p.missing()
	p.advice()
	for _, l := range p.lines {
		rec.Fields = append(rec.Fields, explain.Field{Span: l.span, Text: text(value, l.span), Name: l.key, Value: l.val,
			Meaning: meaningPolicyLine(l, facts), Ref: refLine(l)})
	}
	rec.Summary = policySummary(&rec, facts, domain)
	return rec
}

// policyReader reads a policy file's lines into its record and facts.
type policyReader struct {
	v     string
	rec   *explain.Record
	facts *PolicyFacts
	lines []*policyLine
	first map[string]*policyLine // the first line of each key
	mx    map[string]bool        // the mx patterns seen, canonical
	// What the fixes need: where the first line starts (after a BOM),
	// the file's line end (CRLF when its first line ends so, else LF)
	// and the keys written in it, exactly.
	start   int
	eol     string
	present map[string]bool
}

func (p *policyReader) add(code string, span explain.Span, args explain.Args) {
	p.rec.Add(newFinding(code, span, args))
}

// fix gives the finding added last the fix that writes text at s.
func (p *policyReader) fix(s explain.Span, text string) { fixLast(p.rec, p.v, s, text) }

// line reads the line [s, e) of p.v; next is where the next one starts.
func (p *policyReader) line(s, e, next int) {
	v := p.v
	if strings.Trim(v[s:e], " \t") == "" {
		p.add(CodeLineBlank, explain.Span{s, next}, nil)
		p.fix(explain.Span{s, next}, "")
		return
	}
	ks := s + blanks(v[s:e])
	ve := e
	for ve > ks && isWSP(v[ve-1]) {
		ve--
	}
	l := &policyLine{span: explain.Span{ks, ve}, line: explain.Span{s, next}}
	p.lines = append(p.lines, l)
	if ks > s {
		p.add(CodeLineWhitespace, explain.Span{s, ks}, explain.Args{"key": keyOf(v[ks:ve]), "where": "start"})
		p.fix(explain.Span{s, ks}, "")
	}
	if at, size := badByte(v[ks:ve]); at >= 0 {
		l.bad = true
		bad := explain.Span{ks + at, ks + at + size}
		p.add(CodeLineChar, bad, explain.Args{"char": v[bad[0]:bad[1]], "offset": itoa(bad[0])})
		// A lone CR inside a line ends one: it becomes the file's line
		// end; before the line's own end it goes, as any other byte.
		if v[bad[0]:bad[1]] == "\r" && strings.Trim(v[bad[1]:e], " \t") != "" {
			p.fix(bad, p.eol)
		} else {
			p.fix(bad, "")
		}
	}
	colon := strings.IndexByte(v[ks:ve], ':')
	if colon < 0 {
		l.bad, l.use = true, useBroken
		p.add(CodeLineSyntax, l.span, explain.Args{"line": text(v, l.span), "problem": "no_colon"})
		// "mode=enforce", "mode enforce": a key of the RFC and its value
		// with something else than ": " between them.
		if k := strings.IndexAny(v[ks:ve], "= \t"); k > 0 && knownKey(v[ks:ks+k]) != "" {
			sepEnd := ks + k + 1
			for sepEnd < ve && strings.IndexByte("= \t", v[sepEnd]) >= 0 {
				sepEnd++
			}
			if sepEnd < ve && strings.Count(v[ks+k:sepEnd], "=") <= 1 {
				p.fix(explain.Span{ks + k, sepEnd}, ": ")
			}
		}
		return
	}
	l.colon = true
	keyEnd := ks + colon
	l.key = strings.TrimRight(v[ks:keyEnd], " \t")
	if len(l.key) < colon {
		p.add(CodeLineWhitespace, explain.Span{ks + len(l.key), keyEnd}, explain.Args{"key": l.key, "where": "colon"})
		p.fix(explain.Span{ks + len(l.key), keyEnd}, "")
	}
	l.val = strings.TrimLeft(v[keyEnd+1:ve], " \t")
	if !validName(l.key) {
		l.bad, l.use = true, useBroken
		p.add(CodeLineSyntax, l.span, explain.Args{"line": text(v, l.span), "problem": "key"})
		return
	}
	p.key(l)
}

// key reads a line whose key is a field name.
func (p *policyReader) key(l *policyLine) {
	args := explain.Args{"key": l.key}
	l.use = useIgnored
	keySpan := explain.Span{l.span[0], l.span[0] + len(l.key)}
	switch known := knownKey(l.key); {
	case known == l.key:
	case known != "" && strings.EqualFold(known, l.key):
		args["want"] = known
		p.add(CodeKeyCase, l.span, args)
		p.fixKey(keySpan, known)
		return
	case known != "":
		args["want"] = known
		p.add(CodeKeyMisspelled, l.span, args)
		p.fixKey(keySpan, known)
		return
	default:
		p.add(CodeKeyUnknown, l.span, args)
		return
	}
	if first := p.first[l.key]; first != nil && l.key != KeyMX {
		l.use = useDuplicate
		p.add(CodeKeyDuplicate, l.span, explain.Args{"key": l.key, "value": l.val, "first": first.val})
		if l.val == first.val {
			p.fix(l.line, "")
		}
		return
	}
	l.use = useKnown
	if p.first[l.key] == nil {
		p.first[l.key] = l
	}
	if l.bad {
		return
	}
	vspan := explain.Span{l.span[1] - len(l.val), l.span[1]}
	val := explain.Args{"value": l.val}
	switch l.key {
	case KeyVersion:
		p.facts.Version = &l.val
		if l.val != Version {
			p.add(CodeVersionInvalidPolicy, vspan, val)
			if meantVersion(l.val) {
				p.fix(vspan, Version)
			}
		}
	case KeyMode:
		p.facts.Mode = &l.val
		switch Mode(l.val) {
		case ModeEnforce, ModeTesting, ModeNone:
		default:
			p.add(CodeModeInvalid, vspan, val)
			if m := nearestMode(l.val); m != "" {
				p.fix(vspan, string(m))
			}
		}
	case KeyMaxAge:
		n, err := strconv.ParseInt(l.val, 10, 64)
		switch {
		case l.val == "" || len(l.val) > maxAgeChars || strings.Trim(l.val, "0123456789") != "" || err != nil:
			p.add(CodeMaxAgeInvalid, vspan, val)
			// Digits with thousands separators ("604,800", "604_800").
			digits := strings.NewReplacer(",", "", "_", "", "'", "").Replace(l.val)
			if digits != "" && len(digits) <= maxAgeChars && strings.Trim(digits, "0123456789") == "" {
				p.fix(vspan, digits)
			}
		default:
			p.facts.MaxAge = &n
			if n > MaxAgeLimit {
				p.add(CodeMaxAgeRange, vspan, val)
				p.fix(vspan, strconv.Itoa(MaxAgeLimit))
			}
		}
	case KeyMX:
		p.facts.MX = append(p.facts.MX, l.val)
		p.pattern(l, vspan)
	}
}

// pattern checks one mx value: a host name, or "*." and a domain (the
// sts-policy-mx-value of RFC 8461 §3.2, Domain as in RFC 5321 §4.1.2).
func (p *policyReader) pattern(l *policyLine, span explain.Span) {
	s := l.val
	args := explain.Args{"value": s}
	if code, problem := checkPattern(s); code != "" {
		if problem != "" {
			args["problem"] = problem
		}
		p.add(code, span, args)
		p.fixPattern(s, span, code, problem)
		return
	}
	name := strings.TrimSuffix(s, ".")
	if name != s {
		p.add(CodeMXTrailingDot, span, args)
		p.fix(explain.Span{span[1] - 1, span[1]}, "")
	}
	if rest, ok := strings.CutPrefix(name, "*."); ok {
		if suffix, _ := psl.PublicSuffix(strings.ToLower(rest)); suffix == strings.ToLower(rest) {
			p.add(CodeMXPublicSuffix, span, explain.Args{"value": s, "suffix": rest})
		}
	}
	key := strings.ToLower(name)
	if p.mx[key] {
		p.add(CodeMXDuplicate, span, args)
		p.fix(l.line, "")
	}
	p.mx[key] = true
}

// checkPattern returns the code (and problem) of what makes s no mx
// pattern, or "" when it is one (a trailing dot aside).
func checkPattern(s string) (code, problem string) {
	host := strings.Trim(s, "[]")
	switch {
	case s == "":
		return CodeMXInvalid, "empty"
	case strings.ContainsAny(s, " \t,;"):
		return CodeMXList, ""
	case isIP(host) || strings.HasPrefix(strings.ToLower(host), "ipv6:"):
		return CodeMXInvalid, "ip"
	case strings.ContainsAny(s, ":/@"):
		return CodeMXInvalid, "url"
	case !isASCII(s):
		return CodeMXIDN, ""
	}
	name := strings.TrimSuffix(s, ".")
	if rest, ok := strings.CutPrefix(name, "*."); ok {
		name = rest
	}
	if strings.Contains(name, "*") {
		return CodeMXInvalid, "wildcard"
	}
	if len(name) > 253 {
		return CodeMXInvalid, "name_length"
	}
	for _, label := range strings.Split(name, ".") {
		switch {
		case label == "":
			return CodeMXInvalid, "empty_label"
		case len(label) > 63:
			return CodeMXInvalid, "label_length"
		case !ldh(label):
			return CodeMXInvalid, "label"
		}
	}
	return "", ""
}

// missing reports the keys the policy must have (RFC 8461 §3.2: version,
// mode and max_age once, mx at least once unless mode is none).
func (p *policyReader) missing() {
	all := explain.Span{0, len(p.v)}
	for _, k := range []struct{ key, code string }{
		{KeyVersion, CodeVersionMissingPolicy}, {KeyMode, CodeModeMissing}, {KeyMaxAge, CodeMaxAgeMissing},
	} {
		if p.first[k.key] == nil {
			p.add(k.code, all, nil)
			if k.key == KeyVersion && !p.broken() {
				p.fix(explain.Span{p.start, p.start}, KeyVersion+": "+Version+p.eol)
			}
		}
	}
	if p.first[KeyMX] == nil && !p.mode(ModeNone) {
		p.add(CodeMXMissing, all, nil)
		if !p.broken() {
			end := len(p.v)
			line := KeyMX + ": " + explain.SlotText("host") + p.eol
			if !strings.HasSuffix(p.v, "\n") {
				line = p.eol + line
			}
			p.fix(explain.Span{end, end}, line)
		}
	}
}

// broken reports whether a line could not be read as a key of the RFC
// (not "key: value", a key in the wrong case or misspelled): it may be
// the line a missing key's fix would add.
func (p *policyReader) broken() bool {
	return slices.ContainsFunc(p.lines, func(l *policyLine) bool {
		return l.use == useBroken || l.use == useIgnored && knownKey(l.key) != ""
	})
}

// fixKey fixes the finding added last, that the key at s is a known one
// written wrong, with known; none when the file has a line with that key
// (but mx) already: it would be a duplicate.
func (p *policyReader) fixKey(s explain.Span, known string) {
	if !p.present[known] || known == KeyMX {
		p.fix(s, known)
	}
}

// fixPattern fixes the finding added last, that the mx value s at span
// is no pattern (code and problem from checkPattern): an address, an
// e-mail address or nothing gives the slot {{host}}, a URL its host name,
// empty labels go, a list becomes one line per name; each only when what
// it writes is a pattern.
func (p *policyReader) fixPattern(s string, span explain.Span, code, problem string) {
	host := explain.SlotText("host")
	text := ""
	switch {
	case code == CodeMXList:
		names := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t,;", r) })
		for _, n := range names {
			if c, _ := checkPattern(n); c != "" {
				return
			}
		}
		text = strings.Join(names, p.eol+KeyMX+": ")
	case problem == "empty":
		text = host
		if p.v[span[0]-1] == ':' {
			text = " " + host
		}
	case problem == "ip", problem == "url" && strings.Contains(s, "@"):
		text = host
	case problem == "url":
		h := s
		if _, rest, ok := strings.Cut(h, "://"); ok {
			h = rest
		}
		h, _, _ = strings.Cut(h, "/")
		h, _, _ = strings.Cut(h, ":")
		text = h
	case problem == "empty_label":
		wild, rest := "", s
		if strings.HasPrefix(s, "*.") {
			wild, rest = "*.", s[2:]
		}
		var labels []string
		for l := range strings.SplitSeq(rest, ".") {
			if l != "" {
				labels = append(labels, l)
			}
		}
		text = wild + strings.Join(labels, ".")
	}
	if text == "" || code != CodeMXList && !strings.Contains(text, "{{") {
		if c, _ := checkPattern(text); c != "" || text == "" {
			return
		}
	}
	p.fix(span, text)
}

// nearestMode is the mode val was probably meant to be: one in another
// case ("Enforce"), or one val is a prefix of or starts with ("test",
// "enforced"); "" when none is.
func nearestMode(val string) Mode {
	l := strings.ToLower(val)
	for _, m := range []Mode{ModeEnforce, ModeTesting, ModeNone} {
		if len(l) >= 3 && (strings.HasPrefix(string(m), l) || strings.HasPrefix(l, string(m))) {
			return m
		}
	}
	return ""
}

// advice says what the mode and max_age mean together.
func (p *policyReader) advice() {
	mode := p.first[KeyMode]
	switch {
	case mode == nil || p.facts.Mode == nil: // none, or a line that could not be read
		return
	case p.mode(ModeTesting):
		p.add(CodeModeTesting, mode.span, nil)
	case p.mode(ModeNone):
		p.add(CodeModeNone, mode.span, nil)
	}
	age := p.first[KeyMaxAge]
	if age == nil || p.facts.MaxAge == nil || *p.facts.MaxAge > MaxAgeLimit {
		return
	}
	n := *p.facts.MaxAge
	args := explain.Args{"seconds": strconv.FormatInt(n, 10), "duration": duration(n), "mode": *p.facts.Mode}
	switch {
	case p.mode(ModeEnforce) && n < day:
		p.add(CodeMaxAgeShort, age.span, args)
	case p.mode(ModeEnforce) && n < week, p.mode(ModeTesting) && n < day:
		p.add(CodeMaxAgeLow, age.span, args)
	}
}

// mode reports whether the policy's mode is m.
func (p *policyReader) mode(m Mode) bool { return p.facts.Mode != nil && Mode(*p.facts.Mode) == m }

// knownKey returns the key of the RFC that k is, or looks like (case,
// "-" for "_", no "_"), or "".
func knownKey(k string) string {
	for _, known := range []string{KeyVersion, KeyMode, KeyMaxAge, KeyMX} {
		if k == known || loose(k) == loose(known) {
			return known
		}
	}
	return ""
}

// loose is k in lower case without "-" and "_", for knownKey.
func loose(k string) string {
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		switch c := k[i]; {
		case c == '-' || c == '_':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// keyOf is the key of a line, for messages: the text before its ":".
func keyOf(line string) string {
	k, _, _ := strings.Cut(line, ":")
	return strings.TrimRight(k, " \t")
}

// badByte finds the first control byte (a tab aside) or invalid UTF-8 in
// s: its offset and length, or -1.
func badByte(s string) (at, size int) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return i, n
		}
		i += n
	}
	return -1, 0
}

// policyDomain is the policy domain ctx.Owner names: "example.com." and
// "mta-sts.example.com." are both example.com.
func policyDomain(owner string) string {
	d := strings.ToLower(strings.TrimSuffix(owner, "."))
	if rest, ok := strings.CutPrefix(d, PolicyHostLabel+"."); ok {
		return rest
	}
	return d
}

// ldh reports whether label is letters, digits and hyphens, neither first
// nor last a hyphen (RFC 5321 §4.1.2 sub-domain).
func ldh(label string) bool {
	if label[0] == '-' || label[len(label)-1] == '-' {
		return false
	}
	for i := 0; i < len(label); i++ {
		if c := label[i]; !isAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

func isIP(s string) bool {
	_, err := ipaddr.ParseAddr(s)
	return err == nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isPolicy reports whether input reads as a policy file (Kind.Document):
// a "version: STSv…" line, or, with no version line of another kind,
// lines with at least two of the policy's keys, or only lines with them.
func isPolicy(input string) bool {
	known, other := 0, 0
	for l := range strings.SplitSeq(strings.TrimPrefix(input, bom), "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		key := strings.ToLower(strings.TrimSpace(k))
		switch {
		case !ok || knownKey(key) != key:
			other++
		case key != KeyVersion:
			known++
		case strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "stsv"):
			return true
		default:
			return false // another kind of document's version
		}
	}
	return known >= 2 || known == 1 && other == 0
}
