// Package spf parses and explains Sender Policy Framework records as defined
// by RFC 7208: the "v=spf1" version, every mechanism (§5) with its qualifier
// (§4.6.2) and CIDR lengths, the redirect and exp modifiers and unknown
// modifiers (§6), and macro strings (§7).
//
// Parse gives a typed Record that a check_host() evaluator can use: its syntax
// decisions (what makes a record a permerror, RFC 7208 §4.6) follow RFC 7208
// §12 and the syntax cases of the RFC 7208 test suite. Explain builds on Parse
// and returns the explanation model of package explain: one field per term,
// findings tied to the exact bytes, a one-sentence summary and typed Facts.
// ExpandMacro is the pure macro expansion of RFC 7208 §7.3 for evaluators.
//
// The package is pure: it makes no DNS queries and reads no clock.
package spf

import (
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Version is the only SPF version tag, matched case-insensitively.
const Version = "v=spf1" // version, RFC 7208 §4.5 and §12

// MaxLookups is the limit on terms that cause DNS queries during one evaluation.
const MaxLookups = 10 // RFC 7208 §4.6.4

// MaxVoidLookups is the recommended limit on lookups that return no answer.
const MaxVoidLookups = 2 // RFC 7208 §4.6.4

// Qualifier is the prefix of a mechanism that decides the result when it
// matches.
type Qualifier byte

const (
	QualifierPass     Qualifier = '+' // "+" pass (the default), RFC 7208 §4.6.2
	QualifierFail     Qualifier = '-' // "-" fail, RFC 7208 §4.6.2
	QualifierSoftfail Qualifier = '~' // "~" softfail, RFC 7208 §4.6.2
	QualifierNeutral  Qualifier = '?' // "?" neutral, RFC 7208 §4.6.2
)

// Result names the result a qualifier produces, in RFC 7208's words.
func (q Qualifier) Result() string {
	switch q {
	case QualifierFail:
		return "fail"
	case QualifierSoftfail:
		return "softfail"
	case QualifierNeutral:
		return "neutral"
	default:
		return "pass"
	}
}

// String returns the qualifier character.
func (q Qualifier) String() string {
	if q == 0 {
		return ""
	}
	return string(rune(q))
}

// Kind names what a term is: one of the eight mechanisms, one of the two
// defined modifiers, an unknown modifier, or an invalid term.
type Kind string

const (
	KindAll             Kind = "all"              // mechanism "all", RFC 7208 §5.1
	KindInclude         Kind = "include"          // mechanism "include", RFC 7208 §5.2
	KindA               Kind = "a"                // mechanism "a", RFC 7208 §5.3
	KindMX              Kind = "mx"               // mechanism "mx", RFC 7208 §5.4
	KindPTR             Kind = "ptr"              // mechanism "ptr" (do not use), RFC 7208 §5.5
	KindIP4             Kind = "ip4"              // mechanism "ip4", RFC 7208 §5.6
	KindIP6             Kind = "ip6"              // mechanism "ip6", RFC 7208 §5.6
	KindExists          Kind = "exists"           // mechanism "exists", RFC 7208 §5.7
	KindRedirect        Kind = "redirect"         // modifier "redirect", RFC 7208 §6.1
	KindExp             Kind = "exp"              // modifier "exp", RFC 7208 §6.2
	KindUnknownModifier Kind = "unknown-modifier" // name=value, ignored, RFC 7208 §6
	KindInvalid         Kind = "invalid"          // neither a mechanism nor a modifier: permerror, RFC 7208 §4.6
)

// IsMechanism reports whether k is one of the eight mechanisms.
func (k Kind) IsMechanism() bool {
	switch k {
	case KindAll, KindInclude, KindA, KindMX, KindPTR, KindIP4, KindIP6, KindExists:
		return true
	}
	return false
}

// IsModifier reports whether k is a modifier (redirect, exp or unknown).
func (k Kind) IsModifier() bool {
	return k == KindRedirect || k == KindExp || k == KindUnknownModifier
}

// CostsLookup reports whether a term of kind k causes a DNS query when it is
// evaluated and so counts toward the limit of 10 (RFC 7208 §4.6.4).
func (k Kind) CostsLookup() bool {
	switch k {
	case KindInclude, KindA, KindMX, KindPTR, KindExists, KindRedirect:
		return true
	}
	return false
}

// Ref returns the RFC 7208 section that defines terms of kind k.
func (k Kind) Ref() string {
	switch k {
	case KindAll:
		return "RFC 7208 §5.1"
	case KindInclude:
		return "RFC 7208 §5.2"
	case KindA:
		return "RFC 7208 §5.3"
	case KindMX:
		return "RFC 7208 §5.4"
	case KindPTR:
		return "RFC 7208 §5.5"
	case KindIP4, KindIP6:
		return "RFC 7208 §5.6"
	case KindExists:
		return "RFC 7208 §5.7"
	case KindRedirect:
		return "RFC 7208 §6.1"
	case KindExp:
		return "RFC 7208 §6.2"
	case KindUnknownModifier:
		return "RFC 7208 §6"
	}
	return "RFC 7208 §4.6.1"
}

// NoCIDR is the value of Term.IP4CIDR and Term.IP6CIDR when no length was given.
const NoCIDR = -1

// Term is one mechanism or modifier of a record, with offsets into the value.
type Term struct {
	Span explain.Span // the whole term
	Text string       // the term as written

	Qualifier         Qualifier    // for mechanisms: the qualifier, QualifierPass when omitted; 0 for modifiers
	QualifierExplicit bool         // the qualifier was written
	Kind              Kind         // what the term is
	Name              string       // the mechanism or modifier name as written
	NameSpan          explain.Span // where Name is

	// DomainSpec is the raw domain-spec (include, a, mx, ptr, exists, redirect,
	// exp), which may contain macros; "" when absent (a, mx and ptr then use
	// the current domain, RFC 7208 §4.8).
	DomainSpec     string
	DomainSpan     explain.Span
	HasDomainSpec  bool
	Macros         []MacroPart   // DomainSpec (or an unknown modifier's value) broken into parts
	Network        ipaddr.Prefix // ip4 and ip6: the network, masked to its prefix length
	Addr           ipaddr.Addr   // ip4 and ip6: the address as written, before masking
	NetworkSpan    explain.Span  // ip4 and ip6: where the address is
	IP4CIDR        int           // ip4, a, mx: the IPv4 prefix length, NoCIDR when absent
	IP6CIDR        int           // ip6, a, mx: the IPv6 prefix length, NoCIDR when absent
	IP4CIDRSpan    explain.Span  // including the "/"
	IP6CIDRSpan    explain.Span  // including the "/" (or "//" for a and mx)
	ModifierValue  string        // modifiers: the text after "="
	ModifierSpan   explain.Span  // where ModifierValue is
	SyntaxError    bool          // the term breaks RFC 7208's grammar: permerror (§4.6)
	gluedAll       string        // "-all" written at the end of this term with no space
	placeholder    bool          // ip4 value with letters where the digits belong
	gluedAllOffset int
}

// Prefix4 returns the IPv4 prefix length the term compares with: the written
// length or 32.
func (t *Term) Prefix4() int {
	if t.IP4CIDR == NoCIDR {
		return 32
	}
	return t.IP4CIDR
}

// Prefix6 returns the IPv6 prefix length the term compares with: the written
// length or 128.
func (t *Term) Prefix6() int {
	if t.IP6CIDR == NoCIDR {
		return 128
	}
	return t.IP6CIDR
}

// Record is a parsed SPF record.
type Record struct {
	Value string // the record as parsed (TXT strings already joined, RFC 7208 §3.3)

	// Selected reports whether receivers recognise the value as an SPF record:
	// it begins with "v=spf1" (any case) followed by a space or its end
	// (RFC 7208 §4.5). When false, a receiver ignores the record.
	Selected    bool
	VersionSpan explain.Span // the version token as written (may be a typo); zero-length when absent
	// SenderID reports that the version is Sender ID's ("spf2.0/pra",
	// RFC 4406), not SPF's: SPF receivers ignore the record (Selected is false).
	SenderID bool
	Terms    []Term // every term after the version, in order

	syntaxError bool
	lookups     int
}

// Lookups returns the number of terms in this record that cost a DNS lookup
// when evaluation reaches them (RFC 7208 §4.6.4): include, a, mx, ptr and
// exists before the first "all", and redirect when there is no "all". The
// records that include and redirect name add their own lookups at evaluation.
func (r *Record) Lookups() int { return r.lookups }

// PermError reports whether the record has a syntax error anywhere, which
// makes check_host() return "permerror" before evaluating anything
// (RFC 7208 §4.6). It covers duplicate redirect and exp modifiers (§6) but
// not the DNS lookup limit, which is counted during evaluation (§4.6.4).
func (r *Record) PermError() bool { return r.syntaxError }

// Redirect returns the redirect modifier, or nil.
func (r *Record) Redirect() *Term { return r.first(KindRedirect) }

// Exp returns the exp modifier, or nil.
func (r *Record) Exp() *Term { return r.first(KindExp) }

// All returns the first "all" mechanism, or nil. Evaluation never goes past it.
func (r *Record) All() *Term { return r.first(KindAll) }

// Mechanisms returns the mechanisms in evaluation order.
func (r *Record) Mechanisms() []*Term {
	var ms []*Term
	for i := range r.Terms {
		if r.Terms[i].Kind.IsMechanism() {
			ms = append(ms, &r.Terms[i])
		}
	}
	return ms
}

func (r *Record) first(k Kind) *Term {
	for i := range r.Terms {
		if r.Terms[i].Kind == k {
			return &r.Terms[i]
		}
	}
	return nil
}

// IsSPF reports whether a TXT record value is an SPF record that receivers
// select: "v=spf1" in any case, followed by a space or the end (RFC 7208 §4.5).
func IsSPF(value string) bool {
	if len(value) < len(Version) || !equalFold(value[:len(Version)], Version) {
		return false
	}
	return len(value) == len(Version) || value[len(Version)] == ' '
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func toLower(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = lower(b[i])
	}
	return string(b)
}
