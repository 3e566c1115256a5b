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
	"github.com/mxplain/mxplain/internal/hostname"
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
// should be written (hostname.Slot).
func (p *parser) hostSlot(t tok) string { return hostname.Slot(p.ctx, t.text) }

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

// exchange reads the host name and checks it (internal/hostname).
func (p *parser) exchange(t tok) {
	m := p.m
	m.Exchange, m.ExchangeSpan, m.HasExchange = t.text, t.span(), true
	if Token(t.text) == NullExchange {
		m.Null, m.FQDN = true, "."
		return
	}
	c := hostname.Check{Value: p.value, Ctx: p.ctx, Arg: "exchange", Prefix: "mx.exchange.", Add: p.add, Fix: p.fixLast}
	n := c.Host(t.text, t.start)
	m.FQDN, m.Relative = n.FQDN, n.Relative
}

// domainOf is the owner name for prose, without its trailing dot.
func domainOf(ctx explain.Context) string { return hostname.Domain(ctx) }

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

// looksLikeName reports whether a first word is a host name or address put
// where the preference belongs (rather than a mistyped number).
func looksLikeName(s string) bool { return hostname.LooksLikeName(s) }
