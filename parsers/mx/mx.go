// Package mx explains DNS MX records: which host receives a domain's mail, in
// which order senders try the hosts, and what in the record stops mail.
//
// It follows RFC 5321 §5.1 (locating the target host: MX lookup, ordering by
// preference, randomising equal preferences, the implicit MX when none exists,
// exchanges that must be host names with address records and not aliases, as
// RFC 2181 §10.3 says), RFC 7505 (the null MX "0 .", a domain that accepts no
// mail), RFC 1035 §3.3.9 (the MX RDATA: a 16-bit preference and a domain name)
// and RFC 1035 §5.1 (names without a trailing dot in zone files are relative to
// the origin).
//
// Parse reads one MX value; Explain and ExplainSet turn values into
// explain.Records. ExplainSet explains the MX records of one owner together, as
// the one delivery order senders follow. The package is pure: no network, no
// clock, no randomness.
package mx

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/dnstext"
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Token is a name with a special meaning in the exchange field.
type Token string

const (
	NullExchange Token = "." // exchange of the null MX: no mail host, RFC 7505 §3
	OriginName   Token = "@" // the current origin in zone-file text, RFC 1035 §5.1
)

// NullPreference is the preference a null MX must have, RFC 7505 §3.
const NullPreference uint16 = 0

// MaxUseful is the number of MX records above which a set draws
// CodeSetTooMany: senders may cap how many hosts they try (RFC 5321 §5.1).
const MaxUseful = 10

// MX is one MX record value as read from its text.
type MX struct {
	Preference     uint16       // "preference", RFC 1035 §3.3.9; valid when HasPreference
	HasPreference  bool         // a preference in 0–65535 was read
	PreferenceText string       // the preference as written ("" when absent)
	PreferenceSpan explain.Span // where PreferenceText stands in the value

	Exchange     string       // "exchange" as written ("mail.example.com", "."), RFC 1035 §3.3.9
	HasExchange  bool         // an exchange was read
	ExchangeSpan explain.Span // where Exchange stands in the value
	// FQDN is the exchange as the DNS will read it: absolute, with a trailing
	// dot, ASCII letters lower-cased, completed with the origin when it was
	// written relative in zone-file text. "." for the null MX; "" when unknown.
	FQDN     string
	Relative bool // written without a trailing dot and completed with ctx.Origin
	Null     bool // the exchange is "." (a null MX when Preference is 0)
}

// usable reports whether senders can use the record as written: it has both
// parts, with no error finding among findings (as returned by Parse).
func (m *MX) usable(findings []explain.Finding) bool {
	if !m.HasPreference || !m.HasExchange {
		return false
	}
	for _, f := range findings {
		if f.Severity == explain.Error {
			return false
		}
	}
	return true
}

// tok is one blank-separated word of a value and where it stands.
type tok struct {
	text       string
	start, end int
}

func (t tok) span() explain.Span { return explain.Span{t.start, t.end} }

// blanks are the bytes that separate the words of a value.
const blanks = " \t\r\n"

// words splits s at ASCII blanks.
func words(s string) []tok {
	var ts []tok
	start := -1
	for i := 0; i <= len(s); i++ {
		blank := i == len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'
		switch {
		case blank && start >= 0:
			ts = append(ts, tok{s[start:i], start, i})
			start = -1
		case !blank && start < 0:
			start = i
		}
	}
	return ts
}

// Parse reads an MX value ("10 mail.example.com.") and reports what is wrong
// with it on its own; ExplainSet adds what is wrong with a set. ctx.Origin
// completes relative names (RFC 1035 §5.1); ctx.Owner lets it notice an
// exchange that is the owner itself. The returned MX is never nil and holds
// every part that could be read.
func Parse(value string, ctx explain.Context) (*MX, []explain.Finding) {
	p := parser{value: value, ctx: ctx, m: &MX{}}
	p.parse()
	return p.m, p.findings
}

type parser struct {
	value    string
	ctx      explain.Context
	m        *MX
	findings []explain.Finding
	// unfixable is set when the first word is no preference: the value
	// may be any text, and its findings carry no fix.
	unfixable bool
}

func (p *parser) add(code string, span explain.Span, args explain.Args) {
	p.findings = append(p.findings, rules.Finding(code, span, args))
}

// fixLast gives the finding added last the fix that writes text at span
// (codes.go says each code's fix); none when the value reads so already.
// A word holding a slot ("{{host}}", from an earlier proposal) is the
// owner's to fill: no fix rewrites it or writes next to it.
func (p *parser) fixLast(span explain.Span, text string) {
	start := strings.LastIndexAny(p.value[:span[0]], blanks) + 1
	end := len(p.value)
	if i := strings.IndexAny(p.value[span[1]:], blanks); i >= 0 {
		end = span[1] + i
	}
	if p.unfixable || p.value[span[0]:span[1]] == text || strings.Contains(p.value[start:end], "{{") {
		return
	}
	i := len(p.findings) - 1
	p.findings[i] = p.findings[i].WithFix(span, text)
}

// hostSlot is the slot for a mail server's name as the exchange at t
// should be written: absolute (a trailing dot) in zone-file text or when
// t was, as a panel's bare value otherwise.
func (p *parser) hostSlot(t tok) string {
	if p.ctx.Origin != "" || strings.HasSuffix(t.text, ".") {
		return explain.SlotText("host") + "."
	}
	return explain.SlotText("host")
}

func (p *parser) parse() {
	m := p.m
	ts := words(p.value)
	whole := explain.Span{0, len(p.value)}
	if len(ts) == 0 {
		p.add(CodeEmpty, whole, nil)
		return
	}
	first := ts[0]
	var ex *tok
	rest := ts[1:]
	switch {
	case ascii.IsDigits(first.text) || isNegative(first.text):
		p.preference(first)
		if len(ts) > 1 {
			ex, rest = &ts[1], ts[2:]
		}
	case looksLikeName(first.text) && len(ts) > 1 && ascii.IsDigits(ts[1].text):
		swapped := explain.Span{first.start, ts[1].end}
		p.add(CodeFieldsSwapped, swapped, explain.Args{"exchange": first.text, "preference": ts[1].text})
		p.fixLast(swapped, ts[1].text+p.value[first.end:ts[1].start]+first.text)
		p.preference(ts[1])
		ex, rest = &ts[0], ts[2:]
	case looksLikeName(first.text):
		p.add(CodePreferenceMissing, first.span(), explain.Args{"exchange": first.text})
		pref := "10 " // any number does for a host alone; 10 leaves room on both sides
		if Token(first.text) == NullExchange {
			pref = "0 "
		}
		p.fixLast(explain.Span{first.start, first.start}, pref)
		ex = &ts[0]
	default:
		m.PreferenceText, m.PreferenceSpan = first.text, first.span()
		p.add(CodePreferenceInvalid, first.span(), explain.Args{"preference": first.text})
		if n := leadingNumber(first.text); n != "" {
			p.fixLast(first.span(), n)
		} else {
			p.unfixable = true // no MX shape to correct towards ("v=DMARC1; …")
		}
		if len(ts) > 1 {
			ex, rest = &ts[1], ts[2:]
		}
	}
	if ex == nil {
		var args explain.Args
		if m.HasPreference {
			args = explain.Args{"preference": m.PreferenceText}
		}
		p.add(CodeExchangeMissing, whole, args)
		p.fixLast(explain.Span{first.end, first.end}, " "+p.hostSlot(first))
		return
	}
	p.exchange(*ex)
	if len(rest) > 0 {
		extra := explain.Span{rest[0].start, rest[len(rest)-1].end}
		p.add(CodeExtra, extra, explain.Args{"extra": p.value[extra[0]:extra[1]]})
		if !slices.ContainsFunc(rest, func(t tok) bool { return looksLikeName(t.text) }) {
			p.fixLast(explain.Span{ex.end, extra[1]}, "")
		}
	}
	if m.Null && m.HasPreference {
		if m.Preference != NullPreference {
			p.add(CodeNullPreference, whole, explain.Args{"preference": m.PreferenceText})
			p.fixLast(m.PreferenceSpan, "0")
		} else {
			p.add(CodeNull, whole, explain.Args{"domain": domainOf(p.ctx)})
		}
	}
}

func (p *parser) preference(t tok) {
	m := p.m
	m.PreferenceText, m.PreferenceSpan = t.text, t.span()
	n, err := strconv.ParseUint(t.text, 10, 16)
	if err != nil {
		p.add(CodePreferenceRange, t.span(), explain.Args{"preference": t.text})
		return
	}
	m.Preference, m.HasPreference = uint16(n), true
}

// exchange reads the host name and checks it.
func (p *parser) exchange(t tok) {
	m := p.m
	m.Exchange, m.ExchangeSpan, m.HasExchange = t.text, t.span(), true
	s := t.text
	switch Token(s) {
	case NullExchange:
		m.Null, m.FQDN = true, "."
		return
	case OriginName:
		m.FQDN = normalOrigin(p.ctx.Origin)
		if m.FQDN == "" {
			m.FQDN = normalOrigin(p.ctx.Owner)
		}
		p.owner()
		return
	}

	// Absolute or relative, and the name the DNS will read.
	name, absolute := s, isAbsolute(s)
	if absolute {
		name = s[:len(s)-1]
	}
	origin := normalOrigin(p.ctx.Origin)
	canon := lowerASCII(plainName(name))
	switch {
	case absolute, origin == "" || origin == ".":
		m.FQDN = canon + "."
	default:
		m.FQDN = canon + "." + origin
		m.Relative = true
	}

	host, hostStart := p.hostPart(t)
	plain := host == s // no scheme, port, path or mailbox was stripped
	if host == "" {
		return
	}
	if p.address(host, hostStart) {
		return
	}
	if isAbsolute(host) {
		host = host[:len(host)-1]
	}
	p.labels(host, hostStart)

	if m.Relative && plain && hasInnerDot(name) {
		p.add(CodeExchangeRelative, t.span(), explain.Args{"exchange": s, "origin": origin, "name": m.FQDN})
		p.fixLast(explain.Span{t.end, t.end}, ".")
	}
	if o := normalOrigin(p.ctx.Owner); absolute && plain && o != "" && o != "." && strings.HasSuffix("."+m.FQDN, "."+o+o) {
		meant := strings.TrimSuffix(m.FQDN, o)
		p.add(CodeExchangeDoubled, t.span(), explain.Args{"exchange": s, "meant": meant})
		if cut := len(s) - len(o); cut > 0 && strings.EqualFold(s[cut:], o) {
			meant = s[:cut] // as written, its letters' case kept
		}
		p.fixLast(t.span(), meant)
	}
	if wire := wireLength(name) + relativeWire(m.Relative, origin); wire > 255 {
		args := explain.Args{"length": strconv.Itoa(wire)}
		if m.Relative {
			args["origin"] = origin
		}
		p.add(CodeExchangeNameLength, t.span(), args)
	}
	if p.special(t) {
		return
	}
	if !absolute && origin == "" && plain && !hasInnerDot(name) {
		domain := domainOf(p.ctx)
		p.add(CodeExchangeSingleLabel, t.span(), explain.Args{"exchange": s, "domain": domain})
		if domain == "" {
			domain = explain.SlotText("domain")
		}
		p.fixLast(explain.Span{t.end, t.end}, "."+domain)
	}
	p.owner()
}

// hostPart strips what makes the exchange a URL or a mailbox, reporting it,
// and returns the host name left and its offset in the value.
func (p *parser) hostPart(t tok) (string, int) {
	host, start := t.text, t.start
	var scheme, port, path bool
	if i := strings.Index(host, "://"); i >= 0 {
		scheme = true
		host, start = host[i+3:], start+i+3
	} else if l := strings.ToLower(host); strings.HasPrefix(l, "mailto:") || strings.HasPrefix(l, "smtp:") {
		i := strings.IndexByte(host, ':')
		scheme = true
		host, start = host[i+1:], start+i+1
	}
	if i := strings.IndexByte(host, '/'); i >= 0 {
		path = true
		host = host[:i]
	}
	mailbox := false
	if at := strings.LastIndexByte(host, '@'); at >= 0 && host != "@" {
		mailbox = true
		host, start = host[at+1:], start+at+1
	}
	if strings.HasPrefix(host, "[") {
		if i := strings.Index(host, "]:"); i >= 0 {
			port = true
			host = host[:i+1]
		}
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 && strings.Count(host, ":") == 1 && (i == len(host)-1 || ascii.IsDigits(host[i+1:])) {
		port = true
		host = host[:i]
	}
	var parts []string
	for _, part := range []struct {
		has  bool
		name string
	}{{scheme, "scheme"}, {port, "port"}, {path, "path"}} {
		if part.has {
			parts = append(parts, part.name)
		}
	}
	switch {
	case mailbox:
		// The domain after "@" is where the mail goes, not the name of
		// the server that takes it.
		p.add(CodeExchangeMailbox, t.span(), explain.Args{"exchange": t.text, "host": host})
		p.fixLast(t.span(), p.hostSlot(t))
	case len(parts) > 0:
		p.add(CodeExchangeURL, t.span(), explain.Args{"exchange": t.text, "host": host, "parts": strings.Join(parts, "\n")})
		fixed := host
		if fixed == "" {
			fixed = p.hostSlot(t)
		}
		p.fixLast(t.span(), fixed)
	}
	return host, start
}

// address reports an exchange that is an IP address, an address literal or an
// all-numeric name; the fix writes the slot for the server's name.
func (p *parser) address(host string, start int) bool {
	span := explain.Span{start, start + len(host)}
	slot := p.hostSlot(tok{text: host})
	if strings.HasPrefix(host, "[") {
		inner := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if len(inner) > 5 && strings.EqualFold(inner[:5], "IPv6:") {
			inner = inner[5:]
		}
		a, err := ipaddr.ParseAddr(inner)
		if err != nil {
			p.add(CodeExchangeInvalid, explain.Span{start, start + 1}, explain.Args{"exchange": host, "char": "["})
			return true
		}
		p.add(CodeExchangeIP, span, explain.Args{"exchange": host, "address": a.String(), "domain": domainOf(p.ctx)})
		p.fixLast(span, slot)
		return true
	}
	if a, err := ipaddr.ParseAddr(strings.TrimSuffix(host, ".")); err == nil {
		p.add(CodeExchangeIP, span, explain.Args{"exchange": host, "address": a.String(), "domain": domainOf(p.ctx)})
		p.fixLast(span, slot)
		return true
	}
	if allNumeric(strings.TrimSuffix(host, ".")) {
		p.add(CodeExchangeIP, span, explain.Args{"exchange": host, "domain": domainOf(p.ctx)})
		p.fixLast(span, slot)
		return true
	}
	return false
}

// labels checks each label of a host name (without its final dot) written at
// offset start: empty labels, lengths, and characters.
func (p *parser) labels(name string, start int) {
	var badChar, underscore, hyphen, idn, escape, empty bool
	whole := explain.Span{start, start + len(name)}
	escaped := strings.Contains(name, "\\")
	for _, l := range splitLabels(name) {
		ls := explain.Span{start + l.start, start + l.end}
		if len(l.bad) > 0 && !escape {
			escape = true
			e := l.bad[0]
			p.add(CodeExchangeEscape, explain.Span{start + e.Start, start + e.End}, explain.Args{"exchange": name, "escape": e.Text})
		}
		if len(l.decoded) == 0 {
			// Point at the dot that closes (or follows) the empty label.
			at := start + l.start
			end := at + 1
			if end > p.m.ExchangeSpan[1] {
				at, end = p.m.ExchangeSpan[1]-1, p.m.ExchangeSpan[1]
			}
			p.add(CodeExchangeEmptyLabel, explain.Span{at, end}, explain.Args{"exchange": p.m.Exchange})
			if !empty && !escaped {
				p.fixLast(whole, strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '.' }), "."))
			}
			empty = true
			continue
		}
		if len(l.decoded) > 63 {
			p.add(CodeExchangeLabelLength, ls, explain.Args{"label": name[l.start:l.end], "length": strconv.Itoa(len(l.decoded))})
		}
		if !hyphen && (l.decoded[0] == '-' || l.decoded[len(l.decoded)-1] == '-') {
			hyphen = true
			p.add(CodeExchangeHostname, ls, explain.Args{"label": name[l.start:l.end]})
		}
		for i := 0; i < len(l.decoded); i++ {
			c := l.decoded[i]
			cs := explain.Span{start + l.off(i), start + l.off(i+1)}
			switch {
			case c == '\\' && l.bad != nil && l.badAt(i):
				// A bad escape, reported above.
			case c >= 0x80:
				if !idn {
					idn = true
					p.add(CodeExchangeIDN, explain.Span{start, start + len(name)}, explain.Args{"exchange": name})
				}
			case c == '_':
				if !underscore {
					underscore = true
					p.add(CodeExchangeHostname, cs, explain.Args{"exchange": name})
				}
			case isLDH(c):
			default:
				if !badChar {
					badChar = true
					p.add(CodeExchangeInvalid, cs, explain.Args{"exchange": name, "char": string(rune(c))})
					if !escaped {
						p.fixInvalid(name, whole, cs[0]-start)
					}
				}
			}
		}
	}
}

// fixInvalid fixes the name at span whose byte at is one no host name
// holds: what wraps the name is deleted (quotes, brackets, a "," or ";"
// after it), a "," between labels becomes the "." it was typed for.
func (p *parser) fixInvalid(name string, span explain.Span, at int) {
	trimmed := strings.TrimFunc(name, func(r rune) bool { return r > 0x7f || !isLDH(byte(r)) && r != '.' && r != '_' })
	switch {
	case trimmed != name && trimmed != "":
		// The dot of an absolute name stays after the span; one inside the
		// trimmed text ("mail.example.com.\"") is kept too.
		if strings.HasSuffix(trimmed, ".") && p.value[span[1]:p.m.ExchangeSpan[1]] == "." {
			trimmed = strings.TrimSuffix(trimmed, ".")
		}
		p.fixLast(span, trimmed)
	case name[at] == ',' && at > 0 && at < len(name)-1:
		p.fixLast(explain.Span{span[0] + at, span[0] + at + 1}, ".")
	}
}

// special reports names that exist nowhere useful: localhost, special-use and
// private top-level names. It reports whether it found one.
func (p *parser) special(t tok) bool {
	f := p.m.FQDN
	switch {
	case f == "localhost." || strings.HasSuffix(f, ".localhost."):
		p.add(CodeExchangeLocalhost, t.span(), explain.Args{"exchange": t.text})
		p.fixLast(t.span(), p.hostSlot(t))
		return true
	}
	tld := lastLabel(f)
	switch tld {
	case "invalid", "test", "example", "local":
		p.add(CodeExchangeSpecialUse, t.span(), explain.Args{"exchange": t.text, "tld": tld})
		p.fixLast(t.span(), p.hostSlot(t))
		return true
	case "internal":
		p.add(CodeExchangePrivate, t.span(), explain.Args{"exchange": t.text, "suffix": tld})
		return true
	}
	if f == "home.arpa." || strings.HasSuffix(f, ".home.arpa.") {
		p.add(CodeExchangePrivate, t.span(), explain.Args{"exchange": t.text, "suffix": "home.arpa"})
		return true
	}
	return false
}

// owner notes an exchange that is the owner name itself.
func (p *parser) owner() {
	o := normalOrigin(p.ctx.Owner)
	if o != "" && p.m.FQDN == o {
		p.add(CodeExchangeOwner, p.m.ExchangeSpan, explain.Args{"domain": domainOf(p.ctx)})
	}
}

// label is one label of a presentation-format name.
type label struct {
	start, end int    // the label as written, relative to the name
	decoded    string // the label's bytes with \X and \DDD escapes resolved
	// offs[i] is where decoded[i] starts in the name, offs[len(decoded)] = end;
	// nil when the label has no escapes, so that decoded[i] is at start+i.
	offs []int
	// bad are the label's bad escapes, each read as written (its backslash
	// is a byte of decoded at offset bad[k].Start).
	bad []*dnstext.Error
}

// off is where byte i of the decoded label starts in the name.
func (l label) off(i int) int {
	if l.offs == nil {
		return l.start + i
	}
	return l.offs[i]
}

// badAt reports whether decoded byte i is the backslash of a bad escape.
func (l label) badAt(i int) bool {
	for _, e := range l.bad {
		if e.Start == l.off(i) {
			return true
		}
	}
	return false
}

// plainName is name with its escapes decoded when they all stand for
// characters a name needs no escape for ("m\097il" is "mail"), so that
// the name reads as senders look it up; otherwise name as written.
func plainName(name string) string {
	if !strings.Contains(name, "\\") {
		return name
	}
	var ls []string
	for _, l := range splitLabels(name) {
		if l.bad != nil || strings.IndexFunc(l.decoded, func(r rune) bool { return !isLDHU(r) }) >= 0 {
			return name
		}
		ls = append(ls, l.decoded)
	}
	return strings.Join(ls, ".")
}

// isLDHU reports whether r is a letter, digit, hyphen or underscore.
func isLDHU(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_'
}

// splitLabels splits a name (without its final dot) at unescaped dots,
// resolving RFC 1035 §5.1 escapes with dnstext.Next.
func splitLabels(name string) []label {
	if !strings.Contains(name, "\\") {
		ls := make([]label, 0, strings.Count(name, ".")+1)
		start := 0
		for {
			i := strings.IndexByte(name[start:], '.')
			if i < 0 {
				return append(ls, label{start: start, end: len(name), decoded: name[start:]})
			}
			ls = append(ls, label{start: start, end: start + i, decoded: name[start : start+i]})
			start += i + 1
		}
	}
	var ls []label
	var dec []byte
	cur := label{offs: []int{}}
	for i := 0; i < len(name); {
		b, next, err := dnstext.Next(name, i)
		if b == '.' && next == i+1 {
			cur.end, cur.decoded = i, string(dec)
			cur.offs = append(cur.offs, i)
			ls = append(ls, cur)
			cur, dec = label{start: i + 1, offs: []int{}}, dec[:0]
			i = next
			continue
		}
		if err != nil {
			cur.bad = append(cur.bad, err)
		}
		dec = append(dec, b)
		cur.offs = append(cur.offs, i)
		i = next
	}
	cur.end, cur.decoded = len(name), string(dec)
	cur.offs = append(cur.offs, len(name))
	return append(ls, cur)
}

// wireLength is the length of a name (without its final dot) in DNS wire
// form: each label plus its length byte, plus the root's zero byte.
func wireLength(name string) int {
	if name == "" {
		return 1
	}
	n := 1
	for _, l := range splitLabels(name) {
		n += 1 + len(l.decoded)
	}
	return n
}

// relativeWire is what the origin adds to a relative name's wire length.
func relativeWire(relative bool, origin string) int {
	if !relative {
		return 0
	}
	return wireLength(strings.TrimSuffix(origin, ".")) - 1
}

// isAbsolute reports whether a name ends in an unescaped dot: whether its
// last label is empty.
func isAbsolute(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	ls := splitLabels(s)
	return ls[len(ls)-1].end == ls[len(ls)-1].start
}

// hasInnerDot reports whether a name (without its final dot) has more than
// one label: whether it holds an unescaped dot.
func hasInnerDot(name string) bool { return len(splitLabels(name)) > 1 }

// normalOrigin makes a name absolute and lower-case ("Example.com" →
// "example.com."); "" stays "".
func normalOrigin(o string) string {
	if o == "" {
		return ""
	}
	o = lowerASCII(o)
	if !isAbsolute(o) {
		o += "."
	}
	return o
}

// domainOf is the owner name for prose, without its trailing dot.
func domainOf(ctx explain.Context) string {
	o := strings.TrimSuffix(lowerASCII(ctx.Owner), ".")
	return o
}

func lastLabel(fqdn string) string {
	ls := splitLabels(strings.TrimSuffix(fqdn, "."))
	return ls[len(ls)-1].decoded
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// leadingNumber is the preference a first word that is no number was
// probably meant to be: the digits it starts with, quotes before them
// left out ("10.5", "10,", `"10`), when they are a preference; or "".
func leadingNumber(s string) string {
	s = strings.TrimLeft(s, "\"'")
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	if _, err := strconv.ParseUint(s[:n], 10, 16); n == 0 || err != nil {
		return ""
	}
	return s[:n]
}

func isNegative(s string) bool { return len(s) > 1 && s[0] == '-' && ascii.IsDigits(s[1:]) }

func isLDH(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
}

// allNumeric reports whether every label of a name is digits ("192.0.2").
func allNumeric(name string) bool {
	if name == "" {
		return false
	}
	for _, l := range strings.Split(name, ".") {
		if !ascii.IsDigits(l) {
			return false
		}
	}
	return true
}

// looksLikeName reports whether a first word is a host name or address put
// where the preference belongs (rather than a mistyped number).
func looksLikeName(s string) bool {
	if Token(s) == NullExchange || Token(s) == OriginName || strings.HasPrefix(s, "[") {
		return true
	}
	if _, err := ipaddr.ParseAddr(strings.TrimSuffix(s, ".")); err == nil {
		return true
	}
	if !strings.ContainsAny(s, ".:@") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}
