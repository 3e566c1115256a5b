package dkim

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/taglist"
	"github.com/mxplain/mxplain/parsers/explain"
)

// tag is one tag-spec of the record, with spans into the value.
type tag struct {
	Name      string
	Value     string
	Span      explain.Span // from the tag name to the end of the value
	ValueSpan explain.Span
	Dup       bool // a later occurrence of a tag name already seen
}

// item is one element of a colon-separated list (h=, s=, t=).
type item struct {
	Text string
	Span explain.Span
}

// parser holds the state of one parse; prose.go turns it into text.
type parser struct {
	value    string
	tags     []tag
	first    map[string]int // tag name → index of its first occurrence
	key      *Key
	findings []explain.Finding
	pProblem string   // the code of what is wrong with p=, "" if nothing
	blockers []string // codes of errors that make the key unusable, in order found
}

func isWSP(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trim returns the span [s, e) without leading and trailing whitespace.
func trim(v string, s, e int) (int, int) { return taglist.Trim(v, s, e, isWSP) }

func (p *parser) add(code string, span explain.Span, args explain.Args) {
	f := rules.Finding(code, span, args)
	p.findings = append(p.findings, f)
	if f.Severity == explain.Error {
		p.blockers = append(p.blockers, code)
	}
}

// fixLast gives the finding added last the fix that writes text at s
// (codes.go says each code's fix); none when s already reads text.
func (p *parser) fixLast(s explain.Span, text string) {
	if p.value[s[0]:s[1]] == text {
		return
	}
	p.findings[len(p.findings)-1] = p.findings[len(p.findings)-1].WithFix(s, text)
}

func (p *parser) whole() explain.Span { return explain.Span{0, len(p.value)} }

func parse(value string) *parser {
	p := &parser{value: value, first: map[string]int{},
		key: &Key{KeyType: KeyTypeRSA}}
	p.lex()
	p.interpret()
	return p
}

// lex splits the value into tag-specs (RFC 6376 §3.2).
func (p *parser) lex() {
	v := p.value
	for part := range taglist.Split(v, ';', isWSP) {
		switch {
		case part.Start == part.End:
			// Trailing ";" and an empty record are allowed; ";;" is not.
			if !part.Last(v) && (part.From > 0 || len(strings.TrimSpace(v)) > 1) {
				p.add(CodeEmptyTag, explain.Span{part.From, part.Sep + 1}, nil)
				p.fixLast(explain.Span{part.Sep, part.Sep + 1}, "")
			}
		default:
			p.lexSpec(part.Start, part.End)
		}
	}
}

func (p *parser) lexSpec(s, e int) {
	v := p.value
	eq := strings.IndexByte(v[s:e], '=')
	span := explain.Span{s, e}
	if eq < 0 {
		p.add(CodeSyntax, span, explain.Args{"text": v[s:e]})
		return
	}
	ns, ne := trim(v, s, s+eq)
	vs, ve := trim(v, s+eq+1, e)
	if ve < vs { // "x=" followed by nothing: value span at e
		vs, ve = e, e
	}
	name := v[ns:ne]
	if !validTagName(name) {
		p.add(CodeSyntax, span, explain.Args{"tag": name})
		return
	}
	t := tag{Name: name, Value: v[vs:ve], Span: span, ValueSpan: explain.Span{vs, ve}}
	if i, seen := p.first[name]; seen {
		t.Dup = true
		p.add(CodeDuplicate, span, explain.Args{"tag": name, "first": p.tags[i].Value})
		if sameValue(name, p.tags[i].Value, t.Value) {
			p.fixLast(p.tagDeletion(t), "")
		}
	} else {
		p.first[name] = len(p.tags)
	}
	p.tags = append(p.tags, t)
}

// validTagName checks tag-name = ALPHA *ALNUMPUNC (RFC 6376 §3.2).
func validTagName(n string) bool {
	if n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '_')) {
			return false
		}
	}
	return true
}

// get returns the first occurrence of a tag.
func (p *parser) get(name string) (tag, bool) {
	i, ok := p.first[name]
	if !ok {
		return tag{}, false
	}
	return p.tags[i], true
}

// splitList splits a colon-separated tag value (h=, s=, t=) into trimmed
// items, and returns the spans of empty elements separately.
func splitList(v string, t tag) (items []item, empties []explain.Span) {
	start := t.ValueSpan[0]
	for {
		end := strings.IndexByte(v[start:t.ValueSpan[1]], ':')
		last := end < 0
		if last {
			end = t.ValueSpan[1]
		} else {
			end += start
		}
		s, e := trim(v, start, end)
		if s == e {
			empties = append(empties, explain.Span{start, end})
		} else {
			items = append(items, item{Text: v[s:e], Span: explain.Span{s, e}})
		}
		if last {
			return items, empties
		}
		start = end + 1
	}
}

// list splits a list tag and reports its empty elements.
func (p *parser) list(t tag) []item {
	items, empties := splitList(p.value, t)
	for _, sp := range empties {
		p.add(CodeListEmpty, sp, explain.Args{"tag": t.Name})
		switch del, ok := p.itemDeletion(t, sp); {
		case ok:
			p.fixLast(del, "")
		case t.Name == "t":
			// No flag at all: the tag says nothing. An empty h= or s=
			// gets its value from CodeHashNoUsable's or
			// CodeServiceNoEmail's fix instead.
			p.fixLast(p.tagDeletion(t), "")
		}
	}
	return items
}

func (p *parser) interpret() {
	for i, t := range p.tags {
		if t.Dup {
			continue
		}
		switch t.Name {
		case "v":
			p.key.Version = Version(t.Value)
			if t.Value != string(Version1) {
				p.add(CodeVersionInvalid, t.Span, explain.Args{"value": t.Value})
				p.fixLast(t.ValueSpan, string(Version1))
			}
			if i != 0 {
				p.add(CodeVersionNotFirst, t.Span, nil)
				m := p.moveFirst(t)
				p.fixLast(m.span, m.text)
			}
		case "h", "k", "n", "p", "s", "t":
		default:
			p.add(CodeUnknownTag, t.Span, explain.Args{"tag": t.Name})
		}
	}
	if _, ok := p.get("v"); !ok && len(p.tags) > 0 {
		p.add(CodeVersionMissing, p.whole(), nil)
	}
	p.interpretServices()
	p.interpretKeyType()
	p.interpretKey()
	p.fixKeyType(CodeKeyTypeUnknown)
	p.fixKeyType(CodeKeyTypeMismatch)
	p.interpretHashes()
	p.interpretFlags()
	if t, ok := p.get("n"); ok {
		p.key.Notes = t.Value
	}
}

func (p *parser) interpretServices() {
	t, ok := p.get("s")
	if !ok {
		return
	}
	mail := false
	for _, it := range p.list(t) {
		s := Service(it.Text)
		p.key.Services = append(p.key.Services, s)
		switch s {
		case ServiceAll, ServiceEmail:
			mail = true
		case ServiceTLSRPT:
		default:
			p.add(CodeServiceUnknown, it.Span, explain.Args{"service": it.Text})
		}
	}
	switch {
	case mail:
	case slices.Contains(p.key.Services, ServiceTLSRPT):
		// A key for TLS reports (RFC 8460 §3): not one to widen.
		p.add(CodeServiceTLSRPT, t.Span, explain.Args{"value": t.Value})
	default:
		p.add(CodeServiceNoEmail, t.Span, explain.Args{"value": t.Value})
		p.fixLast(t.ValueSpan, string(ServiceEmail))
	}
}

func (p *parser) interpretKeyType() {
	t, ok := p.get("k")
	if !ok {
		return
	}
	p.key.KeyType = KeyType(t.Value)
	if p.key.KeyType != KeyTypeRSA && p.key.KeyType != KeyTypeEd25519 {
		p.add(CodeKeyTypeUnknown, t.Span, explain.Args{"value": t.Value})
	}
}

func (p *parser) interpretHashes() {
	t, ok := p.get("h")
	if !ok {
		return
	}
	var sha1, sha256 bool
	var sha1Item item
	for _, it := range p.list(t) {
		h := HashAlgorithm(it.Text)
		p.key.HashAlgorithms = append(p.key.HashAlgorithms, h)
		switch h {
		case HashSHA1:
			sha1, sha1Item = true, it
		case HashSHA256:
			sha256 = true
		default:
			p.add(CodeHashUnknown, it.Span, explain.Args{"hash": it.Text})
		}
	}
	switch {
	case sha256 && sha1:
		p.add(CodeHashSHA1, sha1Item.Span, nil)
		if s, ok := p.itemDeletion(t, sha1Item.Span); ok {
			p.fixLast(s, "")
		}
	case sha1:
		p.add(CodeHashSHA1Only, t.Span, nil)
		p.fixLast(t.ValueSpan, string(HashSHA256))
	case !sha256:
		p.add(CodeHashNoUsable, t.Span, explain.Args{"value": t.Value})
		p.fixLast(t.ValueSpan, string(HashSHA256))
	}
}

func (p *parser) interpretFlags() {
	t, ok := p.get("t")
	if !ok {
		return
	}
	for _, it := range p.list(t) {
		f := Flag(it.Text)
		p.key.Flags = append(p.key.Flags, f)
		switch f {
		case FlagTesting:
			p.add(CodeTesting, it.Span, nil)
		case FlagStrict:
		default:
			p.add(CodeFlagUnknown, it.Span, explain.Args{"flag": it.Text})
		}
	}
}

// interpretKey decodes p= (RFC 6376 §3.6.1, RFC 8463 §4.2).
func (p *parser) interpretKey() {
	t, ok := p.get("p")
	if !ok {
		instead := p.caseHint("p")
		p.add(CodeKeyMissing, p.whole(), explain.Args{"instead": instead})
		if instead != "" {
			// "P=": the key is there, its tag name in the wrong case.
			pt := p.tags[p.first[instead]]
			p.fixLast(explain.Span{pt.Span[0], pt.Span[0] + len(instead)}, "p")
			return
		}
		end := len(strings.TrimRightFunc(p.value, func(r rune) bool { return r < utf8.RuneSelf && isWSP(byte(r)) }))
		sep := "; "
		switch {
		case end == 0:
			sep = ""
		case p.value[end-1] == ';':
			sep = " "
		}
		p.fixLast(explain.Span{end, end}, sep+"p="+p.keySlot())
		return
	}
	// FWS may appear anywhere in a base64string; strip it, remembering where
	// each remaining byte was.
	raw := t.Value
	b64 := make([]byte, 0, len(raw))
	pos := make([]int, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if !isWSP(raw[i]) {
			b64 = append(b64, raw[i])
			pos = append(pos, t.ValueSpan[0]+i)
		}
	}
	if len(b64) == 0 {
		p.key.Revoked = true
		p.add(CodeKeyRevoked, t.Span, nil)
		return
	}
	text := string(b64)
	if strings.Contains(text, "-----BEGIN") || strings.Contains(text, "-----END") {
		p.pProblem = CodeKeyPEM
		inner := stripPEM(text)
		if inner != "" {
			if data, err := decodeBase64(inner); err == nil {
				p.decodeKey(data)
			}
		}
		args := explain.Args{}
		if p.key.PublicKey != nil {
			keyArgs(args, p.key)
		}
		p.add(CodeKeyPEM, t.ValueSpan, args)
		if p.key.PublicKey != nil {
			p.fixLast(t.ValueSpan, inner)
		}
		p.key.Data, p.key.PublicKey, p.key.Format = nil, nil, ""
		return
	}
	if bad := firstNonBase64(text); bad >= 0 {
		if isPlaceholder(text) {
			p.pProblem = CodeKeyPlaceholder
			p.add(CodeKeyPlaceholder, t.ValueSpan, explain.Args{"value": t.Value})
			p.fixLast(t.ValueSpan, p.keySlot())
			return
		}
		p.pProblem = CodeKeyNotBase64
		n := runeLen(text[bad:])
		p.add(CodeKeyNotBase64, explain.Span{pos[bad], pos[bad] + n},
			explain.Args{"char": text[bad : bad+n], "position": strconv.Itoa(bad + 1)})
		if clean, ok := cleanKey(t.Value); ok {
			p.fixLast(t.ValueSpan, clean)
		}
		return
	}
	data, err := decodeBase64(text)
	if err != nil {
		// A key cut at an arbitrary character leaves an impossible base64
		// length; decode the whole groups to tell a cut-off key from noise.
		whole := strings.TrimRight(text, "=")
		if part, err := decodeBase64(whole[:len(whole)/4*4]); err == nil {
			if declared, ok := derDeclaredLength(part); ok && declared > len(part) {
				p.pProblem = CodeKeyTruncated
				p.add(CodeKeyTruncated, t.ValueSpan, truncatedArgs(len(text), len(part), declared))
				return
			}
		}
		p.pProblem = CodeKeyNotBase64
		p.add(CodeKeyNotBase64, t.ValueSpan, explain.Args{"length": strconv.Itoa(len(text))})
		return
	}
	p.key.Data = data
	if !p.decodeKey(data) {
		if isPlaceholder(text) {
			p.pProblem = CodeKeyPlaceholder
			p.add(CodeKeyPlaceholder, t.ValueSpan, explain.Args{"value": t.Value})
			p.fixLast(t.ValueSpan, p.keySlot())
			return
		}
		if declared, ok := derDeclaredLength(data); ok && declared > len(data) {
			p.pProblem = CodeKeyTruncated
			p.add(CodeKeyTruncated, t.ValueSpan, truncatedArgs(len(text), len(data), declared))
			return
		}
		p.pProblem = CodeKeyNotKey
		p.add(CodeKeyNotKey, t.ValueSpan, explain.Args{"bytes": strconv.Itoa(len(data)),
			"declared": string(p.key.KeyType), "holds": classify(data)})
		return
	}
	p.checkKey(t)
}

// decodeKey fills PublicKey, Format and Bits from the DER or raw bytes of p=,
// and reports whether it found a key DKIM uses.
func (p *parser) decodeKey(data []byte) bool {
	k := p.key
	// An ECDSA or other SubjectPublicKeyInfo (errOtherKey) is neither
	// PKCS#1 nor 32 bytes long, so it falls through to false.
	pub, _ := parsePublicKeyInfo(data)
	switch pub := pub.(type) {
	case *RSAPublicKey:
		k.PublicKey, k.Format, k.Bits = pub, FormatSPKI, pub.BitLen()
		return true
	case Ed25519PublicKey:
		k.PublicKey, k.Format, k.Bits = pub, FormatSPKI, 256
		return true
	}
	if pub, err := parsePKCS1PublicKey(data); err == nil {
		k.PublicKey, k.Format, k.Bits = pub, FormatPKCS1, pub.BitLen()
		return true
	}
	if len(data) == ed25519KeySize {
		k.PublicKey, k.Format, k.Bits = Ed25519PublicKey(data), FormatRaw, 256
		return true
	}
	return false
}

// checkKey compares a decoded key with k= and with RFC 8301's sizes.
func (p *parser) checkKey(t tag) {
	k := p.key
	got := k.decodedType()
	switch {
	case k.KeyType == KeyTypeEd25519 && got == KeyTypeEd25519 && k.Format == FormatSPKI:
		p.pProblem = CodeKeyEd25519SPKI
		raw, _ := k.PublicKey.(Ed25519PublicKey)
		p.add(CodeKeyEd25519SPKI, t.ValueSpan, explain.Args{"raw_key": base64.StdEncoding.EncodeToString(raw)})
		p.fixLast(t.ValueSpan, base64.StdEncoding.EncodeToString(raw))
	case (k.KeyType == KeyTypeRSA || k.KeyType == KeyTypeEd25519) && got != k.KeyType:
		kt, explicit := p.get("k")
		span := t.Span
		if explicit {
			span = kt.Span
		}
		args := explain.Args{}
		if explicit {
			args["declared"] = string(k.KeyType)
		}
		p.add(CodeKeyTypeMismatch, span, keyArgs(args, k))
	case got == KeyTypeRSA && k.Format == FormatPKCS1:
		p.add(CodeKeyPKCS1, t.ValueSpan, nil)
	}
	if pub, ok := k.PublicKey.(*RSAPublicKey); ok {
		// RFC 8017 §3.1: 3 <= e <= n-1, and e is odd (coprime with the
		// even λ(n)). Go's crypto/rsa also refuses e over 2^31-1.
		e := explain.Args{"exponent": strconv.Itoa(pub.E)}
		switch beyond := pub.exponentNotBelowModulus(); {
		case pub.E < 3:
			e["problem"] = "small"
		case beyond:
			e["problem"] = "modulus"
		case pub.E%2 == 0:
			e["problem"] = "even"
		}
		switch {
		case e["problem"] != "":
			p.pProblem = CodeRSAExponent
			p.add(CodeRSAExponent, t.ValueSpan, e)
		case pub.E > 1<<31-1:
			p.add(CodeRSAExponentLarge, t.ValueSpan, e)
		}
	}
	if got == KeyTypeRSA {
		switch {
		case k.Bits < 1024:
			p.add(CodeRSATooShort, t.ValueSpan, explain.Args{"bits": strconv.Itoa(k.Bits)})
		case k.Bits < 2048:
			p.add(CodeRSAShort, t.ValueSpan, explain.Args{"bits": strconv.Itoa(k.Bits)})
		case k.Bits > 4096:
			p.add(CodeRSATooLong, t.ValueSpan, explain.Args{"bits": strconv.Itoa(k.Bits)})
		}
	}
}

// truncatedArgs are CodeKeyTruncated's: the base64 characters, the bytes
// they decode to and the bytes the DER structure declares.
func truncatedArgs(chars, have, declared int) explain.Args {
	return explain.Args{"chars": strconv.Itoa(chars), "bytes": strconv.Itoa(have), "declared": strconv.Itoa(declared)}
}

// caseHint returns a tag name written in the other case that is present,
// e.g. "P" when looking for "p"; "" when there is none.
func (p *parser) caseHint(name string) string {
	for _, t := range p.tags {
		if t.Name != name && strings.EqualFold(t.Name, name) {
			return t.Name
		}
	}
	return ""
}

func runeLen(s string) int {
	for i := range s {
		if i > 0 {
			return i
		}
	}
	return len(s)
}

// firstNonBase64 returns the index of the first byte that cannot appear in a
// base64string (RFC 6376 §2.10), or -1. "=" may only end the text, at most twice.
func firstNonBase64(s string) int {
	pad := strings.IndexByte(s, '=')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			if pad >= 0 && i > pad {
				return pad
			}
		case c == '=':
			if i-pad >= 2 {
				return i
			}
		default:
			return i
		}
	}
	return -1
}

// decodeBase64 decodes s, accepting missing or short "=" padding as the
// grammar's optional padding allows.
func decodeBase64(s string) ([]byte, error) {
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
}

func stripPEM(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.Index(s, "-----")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		rest := s[i+5:]
		j := strings.Index(rest, "-----")
		if j < 0 {
			break
		}
		s = rest[j+5:]
	}
	return b.String()
}

// isPlaceholder reports whether the text of p= looks like documentation
// standing in for a key: an ellipsis, brackets, or words such as "your key".
func isPlaceholder(s string) bool {
	if strings.Contains(s, "...") || strings.Contains(s, "…") || strings.ContainsAny(s, "()<>[]{}") {
		return true
	}
	l := strings.ToLower(s)
	for _, w := range []string{"your", "publickey", "public_key", "public-key", "insert", "paste",
		"placeholder", "keyhere", "key_here", "xxxxxxxx", "redacted", "example"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// derDeclaredLength reads the length of the outer DER SEQUENCE in data and
// returns the total number of bytes it declares (header included).
func derDeclaredLength(data []byte) (int, bool) {
	if len(data) < 2 || data[0] != 0x30 {
		return 0, false
	}
	l := int(data[1])
	if l < 0x80 {
		return 2 + l, true
	}
	n := l & 0x7f
	if n == 0 || n > 3 || len(data) < 2+n {
		return 0, false
	}
	total := 0
	for _, b := range data[2 : 2+n] {
		total = total<<8 | int(b)
	}
	return 2 + n + total, true
}

// What p= holds when it is DER but not a key DKIM can use: CodeKeyNotKey's
// "holds" argument.
const (
	holdsUnknown     = ""
	holdsPrivateKey  = "private_key"
	holdsCertificate = "certificate"
	holdsOtherKey    = "other_key"
	holdsHugeRSA     = "rsa_huge_exponent"
)

// classify names what undecodable key bytes are, when that can be told.
func classify(data []byte) string {
	if len(data) > 16<<10 { // larger than any key; not worth parsing as one
		return holdsUnknown
	}
	if isPKCS8PrivateKey(data) || isPKCS1PrivateKey(data) {
		return holdsPrivateKey
	}
	if isCertificate(data) {
		return holdsCertificate
	}
	if _, err := parsePublicKeyInfo(data); err == errOtherKey {
		return holdsOtherKey
	}
	if isRSAHugeExponent(data) {
		return holdsHugeRSA
	}
	return holdsUnknown
}
