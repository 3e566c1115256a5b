package spf

// All text mxplain says about SPF records is produced in this file: each
// finding code's severity and cited section and its message, built from the
// values the checks in parse.go, domain.go and explain.go found; the meanings
// of the fields explain.go lays out; and the summary sentence.

import (
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Sections cited in Refs.
const (
	refSize       = "RFC 7208 §3.4"   // keep the answer under 450 bytes
	refVersion    = "RFC 7208 §4.5"   // selecting records: "v=spf1", one per name
	refTerms      = "RFC 7208 §4.6.1" // terms separated by spaces
	refQualifier  = "RFC 7208 §4.6.2" // qualifiers; evaluation left to right
	refLimits     = "RFC 7208 §4.6.4" // DNS lookup limits
	refDefault    = "RFC 7208 §4.7"   // no match and no redirect: neutral
	refDomainSpec = "RFC 7208 §4.8"   // the domain a term names
	refMechanisms = "RFC 7208 §5"     // mechanisms in general
	refAll        = "RFC 7208 §5.1"
	refPTR        = "RFC 7208 §5.5"
	refIP         = "RFC 7208 §5.6" // ip4, ip6 and CIDR lengths
	refModifiers  = "RFC 7208 §6"
	refRedirect   = "RFC 7208 §6.1"
	refMacros     = "RFC 7208 §7.1" // macro and domain-spec syntax
	refMacroExp   = "RFC 7208 §7.2" // letters for explanation text only
	refMacroPTR   = "RFC 7208 §7.3" // %{p} SHOULD NOT be published
	refASCII      = "RFC 7208 §12"  // the record is 7-bit ASCII

	// refTermKind stands for the section that defines the term a finding
	// is about (Kind.Ref).
	refTermKind = ""
)

// codeInfo gives each finding code its severity and the section it cites.
var codeInfo = map[string]struct {
	Severity explain.Severity
	Ref      string
}{
	CodeVersionMissing:      {explain.Error, refVersion},
	CodeVersionInvalid:      {explain.Error, refVersion},
	CodeVersionSenderID:     {explain.Error, refVersion},
	CodeVersionGlued:        {explain.Error, refVersion},
	CodeVersionLeadingSpace: {explain.Error, refVersion},
	CodeVersionNotFirst:     {explain.Error, refVersion},
	CodeVersionRepeated:     {explain.Warning, refVersion},
	CodeRecordMultiple:      {explain.Error, refVersion},
	CodeRecordTooLong:       {explain.Warning, refSize},
	CodeRecordIllegalChar:   {explain.Error, refASCII}, // refTerms for whitespace other than a space
	CodeTermEmpty:           {explain.Error, refQualifier},
	CodeTermUnreachable:     {explain.Warning, refQualifier},
	CodeTermDuplicate:       {explain.Warning, refLimits},
	CodeMechanismUnknown:    {explain.Error, refTerms},
	CodeMechanismSyntax:     {explain.Error, refTermKind},
	CodeAllGlued:            {explain.Error, refTerms},
	CodeDomainMissing:       {explain.Error, refTermKind},
	CodeDomainInvalid:       {explain.Error, refMacros},
	CodeDomainBadName:       {explain.Error, refDomainSpec},
	CodeMacroInvalid:        {explain.Error, refMacros},
	CodeMacroExpOnly:        {explain.Error, refMacroExp},
	CodeMacroPTR:            {explain.Warning, refMacroPTR},
	CodeIP4Invalid:          {explain.Error, refIP},
	CodeIP4Placeholder:      {explain.Error, refIP},
	CodeIP4IsIPv6:           {explain.Error, refIP},
	CodeIP6Invalid:          {explain.Error, refIP},
	CodeIP6IsIPv4:           {explain.Error, refIP},
	CodeIP6IPv4Mapped:       {explain.Warning, refMechanisms},
	CodeCIDRInvalid:         {explain.Error, refIP},
	CodeCIDRHostBits:        {explain.Warning, refIP},
	CodeCIDRWide:            {explain.Warning, refMechanisms},
	CodeIPNonPublic:         {explain.Warning, refIP},
	CodeIPDocumentation:     {explain.Warning, refIP},
	CodePTRDiscouraged:      {explain.Warning, refPTR},
	CodeAllPass:             {explain.Warning, refAll},
	CodeAllNeutral:          {explain.Warning, refAll},
	CodeAllSoftfail:         {explain.Info, refAll},
	CodeAllFail:             {explain.Info, refAll},
	CodeAllMissing:          {explain.Warning, refDefault},
	CodeRedirectIgnored:     {explain.Warning, refRedirect},
	CodeRedirectNotLast:     {explain.Info, refRedirect},
	CodeModifierDuplicate:   {explain.Error, refModifiers},
	CodeModifierInvalidName: {explain.Error, refModifiers},
	CodeModifierQualifier:   {explain.Error, refModifiers},
	CodeModifierMechanism:   {explain.Warning, refModifiers},
	CodeModifierUnknown:     {explain.Info, refModifiers},
	CodeLookupsTooMany:      {explain.Error, refLimits},
	CodeIncludeSelf:         {explain.Error, refLimits},
	CodeRedirectSelf:        {explain.Error, refLimits},
}

// newFinding builds the finding for code at s with msg, taking its severity
// and section from codeInfo; t is the term it is about, nil when it is about
// the record as a whole.
func newFinding(t *Term, code string, s explain.Span, msg string) explain.Finding {
	info := codeInfo[code]
	ref := info.Ref
	if ref == refTermKind && t != nil {
		ref = t.Kind.Ref()
	}
	return explain.Finding{Severity: info.Severity, Code: code, Message: msg, Span: s, Ref: ref}
}

// Illegal bytes (spf.record.illegal_char).

var separatorNames = map[rune]string{'\t': "a tab", '\r': "a carriage return", '\n': "a line break",
	'\v': "a vertical tab", '\f': "a form feed", '\u00a0': "a no-break space (U+00A0)"}

func msgSeparator(i int, r rune) string {
	return fmt.Sprintf("Byte %d is %s: terms must be separated by plain spaces only, so receivers return permerror. Replace it with a space (check that the DNS panel did not keep a line break from a pasted record).", i, separatorNames[r])
}

// msgSeparatorAfterVersion is about whitespace r right after "v=spf1".
func msgSeparatorAfterVersion(r rune) string {
	return fmt.Sprintf(`"v=spf1" is followed by %s, not a space: receivers select only TXT records that begin with "v=spf1" followed by a space or the end of the record, so they ignore this one and the domain has no SPF policy (result none) unless another record provides one. Replace it with a space.`, separatorNames[r])
}

// msgIllegalChar is about the rune r of n bytes at byte i of v.
func msgIllegalChar(v string, i int, r rune, n int) string {
	switch {
	case r == '\u2013' || r == '\u2014' || r == '\u2212':
		return fmt.Sprintf("Byte %d is %q (U+%04X), a typographic dash that a word processor or web page put where the ASCII hyphen-minus \"-\" belongs; SPF records are ASCII only, so receivers return permerror. Retype it as \"-\".", i, r, r)
	case r == '\u201c' || r == '\u201d' || r == '\u2018' || r == '\u2019':
		return fmt.Sprintf("Byte %d is the curly quotation mark %q (U+%04X), copied from formatted text; SPF records are ASCII only, so receivers return permerror. Remove it (the DNS panel adds any quoting itself).", i, r, r)
	case r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060':
		return fmt.Sprintf("Bytes %d to %d are the invisible character U+%04X, usually carried over by copy and paste; SPF records are ASCII only, so receivers return permerror. Delete it and retype the term by hand.", i, i+n, r)
	case r == utf8.RuneError && n == 1:
		return fmt.Sprintf("Byte %d (0x%02X) is not ASCII; SPF records are restricted to 7-bit ASCII, so receivers return permerror. Remove it.", i, v[i])
	case r < 0x80:
		return fmt.Sprintf("Byte %d is the control byte 0x%02X; SPF records may hold only visible ASCII characters and spaces, so receivers return permerror. Remove it.", i, r)
	}
	return fmt.Sprintf("Byte %d starts the non-ASCII character %q (U+%04X); SPF records are restricted to ASCII, so receivers return permerror. Remove it or write the name in its ASCII (xn--) form.", i, r, r)
}

// The version, and the record as receivers select and fetch it (spf.version.*,
// spf.record.multiple, spf.record.too_long).

func msgVersionEmpty() string {
	return `The record is empty: an SPF record starts with "v=spf1". Publish for example "v=spf1 -all" for a domain that sends no mail.`
}

// msgVersionMissing is about a record whose first word, first, is not a
// version.
func msgVersionMissing(first string) string {
	s := `The record does not start with "v=spf1", so receivers do not treat it as an SPF record. Put "v=spf1" and a space at the very beginning.`
	if strings.HasPrefix(first, `"`) {
		s += ` The quotation marks are zone-file syntax around the text, not part of the record: enter the text without them, unless your DNS panel asks for them.`
	}
	return s
}

func msgVersionLeadingSpace(n int) string {
	return fmt.Sprintf(`The record begins with %d byte(s) of whitespace before "v=spf1"; receivers select only TXT records that begin with exactly "v=spf1", so they do not see this one and the domain has no SPF policy. Delete the leading whitespace.`, n)
}

// msgVersionDigits is about "v=spf1" followed by digits ("v=spf10").
func msgVersionDigits(text string) string {
	return fmt.Sprintf(`%q is not the SPF version: the version is exactly "v=spf1" followed by a space, so receivers ignore this record. Write "v=spf1".`, text)
}

// msgVersionTypo is about a first word that was meant as the version.
func msgVersionTypo(text string) string {
	low := toLower(text)
	switch {
	case low == "spf1" || low == "spf":
		return fmt.Sprintf(`%q lacks the "v=": the version is exactly "v=spf1", so receivers ignore this record. Write "v=spf1".`, text)
	}
	return fmt.Sprintf(`%q is not the SPF version: the only version is "v=spf1" (RFC 7208 has no other), so receivers ignore this record. Write "v=spf1".`, text)
}

// msgVersionSenderID is about text, the version section of a Sender ID
// record.
func msgVersionSenderID(text string) string {
	return fmt.Sprintf(`%q is the version of a Sender ID record (RFC 4406, an experimental protocol that RFC 6686 concluded), not of SPF: receivers that check SPF (RFC 7208) select only records beginning with "v=spf1" and ignore this one, so it gives the domain no SPF policy, and hardly any receiver still reads Sender ID. Delete it, and publish SPF as its own record starting with "v=spf1" (the mechanisms after the version can usually be kept as they are).`, text)
}

// msgVersionGlued is about "v=spf1" running into tail.
func msgVersionGlued(tail string) string {
	return fmt.Sprintf(`"v=spf1" runs straight into %q with no space, so the record does not begin with "v=spf1" followed by a space and receivers ignore it. Insert a space: "v=spf1 %s". (TXT strings are joined without spaces, RFC 7208 §3.3, so a record split as "v=spf1" "%s" has the same problem.)`, tail, tail, tail)
}

// msgVersionNotFirst is about "v=spf1" written after the text before.
func msgVersionNotFirst(before string) string {
	return fmt.Sprintf(`"v=spf1" must be the first thing in the record, but %q comes before it, so receivers ignore the record. Move "v=spf1" to the beginning.`, before)
}

func msgVersionRepeated() string {
	return `A second "v=spf1" inside the record: two records were probably pasted into one. Receivers read it as an unknown modifier named "v" and ignore it, so the terms after it belong to this record. Merge the two into one record with a single "v=spf1" at the start and one "all" at the end.`
}

func msgRecordMultiple() string {
	return `This name publishes more than one SPF record ("v=spf1 …" TXT record); receivers then return permerror and no mail passes SPF. Merge them into a single record: one "v=spf1", every mechanism once, one "all" at the end.`
}

func msgRecordTooLong(n int) string {
	return fmt.Sprintf(`The record is %d bytes. RFC 7208 §3.4 advises keeping the whole DNS answer (the name plus every TXT record there) under 450 bytes so it fits one UDP packet; larger answers need TCP or EDNS0, and some receivers then fail to fetch the record. Each TXT string also holds at most 255 bytes, so a record this long must be split into several strings. Shorten it: replace lists of ip4/ip6 terms with a network prefix or move them behind an include.`, n)
}

// Terms (spf.term.*, spf.mechanism.*, spf.all.glued).

// msgTermEmpty is about a qualifier tok written alone.
func msgTermEmpty(tok string) string {
	return fmt.Sprintf(`%q stands alone: a qualifier must be written directly before its mechanism, with no space (for example "%sall"). Remove the space after it.`, tok, tok)
}

// msgAllGlued is about t.gluedAll written onto the end of before; t is the
// term as receivers read it.
// doubleQualifier reports whether the "all" glued to t follows nothing but
// qualifiers ("+-all").
func doubleQualifier(t *Term) bool {
	return strings.Trim(strings.TrimSuffix(t.Text, t.gluedAll), "+-~?") == ""
}

func msgAllGlued(t *Term, before string) string {
	what := "receivers return permerror for the whole record"
	if !t.SyntaxError {
		what = fmt.Sprintf("receivers read it as %s %q, a name that has no SPF record, so evaluation ends in permerror", t.Name, t.DomainSpec)
	}
	if doubleQualifier(t) {
		return fmt.Sprintf(`%q has two qualifiers, %q and %q: a mechanism takes one, so %s, and the record has no "all" of its own. Keep one: %q.`, t.Text, before, t.gluedAll[:1], what, t.gluedAll)
	}
	return fmt.Sprintf(`%q is glued to %q with no space between them: %s, and the record has no "all" of its own. Insert a space: "%s %s".`, t.gluedAll, before, what, before, t.gluedAll)
}

// msgMechanismUnknown is about the term tok whose name ends at byte j.
func msgMechanismUnknown(tok, name string, j int) string {
	low := toLower(name)
	hint := ""
	switch {
	case (low == "redirect" || low == "exp") && j < len(tok) && tok[j] == ':':
		hint = fmt.Sprintf(` %s is a modifier and takes "=", not ":": write "%s=%s".`, low, name, tok[j+1:])
	case low == "v" || strings.HasPrefix(low, "spf"):
		hint = ` It looks like a second version tag; a record has "v=spf1" once, at the start.`
	case strings.HasSuffix(low, ",") || strings.HasSuffix(low, ";"):
		hint = fmt.Sprintf(` Terms are separated by spaces only: remove the %q.`, low[len(low)-1:])
	case name == "" && strings.HasPrefix(tok, "/"):
		return fmt.Sprintf(`%q is not an SPF term: a prefix length follows its address with no space in between (for example "ip4:192.0.2.0/24"), so receivers return permerror for the whole record. Remove the space before it.`, tok)
	case name == "":
		return fmt.Sprintf(`%q is not an SPF term: nothing names a mechanism before the %q, so receivers return permerror for the whole record. Remove the space before it, or write the mechanism's name.`, tok, tok[:1])
	case isAddress(tok):
		return fmt.Sprintf(`%q is an address standing alone, not an SPF term, so receivers return permerror for the whole record. Write it after its mechanism with no space between them ("ip4:192.0.2.1", "ip6:2001:db8::1"): a space after "ip4:" splits the two.`, tok)
	case name == tok && strings.Contains(tok, ".") && validTopLabel(tok[strings.LastIndexByte(tok, '.')+1:]):
		hint = fmt.Sprintf(` It is a domain standing alone, perhaps split off by a space after "include:" or "a:": write the mechanism and the domain with no space between them ("include:%s").`, tok)
	default:
		if s := suggestMechanism(low); s != "" {
			hint = fmt.Sprintf(` Did you mean %q?`, s)
		}
	}
	return fmt.Sprintf(`%q is not an SPF mechanism (all, include, a, mx, ptr, ip4, ip6, exists) nor a modifier (name=value), so receivers return permerror for the whole record.%s`, name, hint)
}

// isAddress reports whether s is an IPv4 or IPv6 address or network.
func isAddress(s string) bool {
	if _, err := netip.ParsePrefix(s); err == nil {
		return true
	}
	_, err := netip.ParseAddr(s)
	return err == nil
}

var mechanismAliases = map[string]string{
	"ipv4": "ip4", "ip": "ip4", "ipv6": "ip6", "inc": "include", "includes": "include",
	"exist": "exists", "aaaa": "a", "ip4addr": "ip4",
}

// suggestMechanism names the term an unknown lowercase name was probably
// meant as, or "".
func suggestMechanism(low string) string {
	if s, ok := mechanismAliases[low]; ok {
		return s
	}
	best, bestD := "", 3
	for _, m := range []string{"include", "exists", "redirect", "ip4", "ip6", "ptr", "all"} {
		d := editDistance(low, m)
		if d < bestD && d <= len(m)/3 {
			best, bestD = m, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or 99 when either is
// longer than 32 bytes.
func editDistance(a, b string) int {
	if len(a) > 32 || len(b) > 32 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// msgAllArgument is about rest written after an "all" with qualifier q.
func msgAllArgument(rest string, q Qualifier) string {
	return fmt.Sprintf(`"all" takes no argument, but %q follows it, so receivers return permerror for the whole record. Write just "%sall".`, rest, q.String())
}

// msgDomainOnly is about include or exists followed by something other than ":".
func msgDomainOnly(name string) string {
	return fmt.Sprintf(`%q must be followed by ":" and a domain and takes no CIDR length, so receivers return permerror for the whole record.`, name)
}

// msgAfterName is about rest, which cannot follow the name of the a or mx
// term t.
func msgAfterName(t *Term, rest string) string {
	if rest[0] == '/' && ascii.IsDigits(rest[1:]) && t.IP4CIDR != NoCIDR {
		return fmt.Sprintf(`The IPv6 length needs two slashes: write "%s%s//%d", not "%s%s/%d"; as written, receivers return permerror for the whole record.`, t.Name, rest, t.IP4CIDR, t.Name, rest, t.IP4CIDR)
	}
	if strings.HasPrefix(rest, "//") && ascii.IsDigits(rest[2:]) && t.IP4CIDR != NoCIDR {
		return fmt.Sprintf(`The IPv4 length comes first: write "%s/%d%s", not "%s%s/%d"; as written, receivers return permerror for the whole record.`, t.Name, t.IP4CIDR, rest, t.Name, rest, t.IP4CIDR)
	}
	return fmt.Sprintf(`%q cannot follow %q: after the name come an optional ":domain" and optional CIDR lengths "/n" (IPv4) and "//n" (IPv6), so receivers return permerror for the whole record.`, rest, t.Name)
}

// msgPTRArgument is about rest written after "ptr" without a ":".
func msgPTRArgument(rest string) string {
	return fmt.Sprintf(`"ptr" takes no CIDR length, but %q follows it, so receivers return permerror for the whole record.`, rest)
}

// msgDomainMissing is about the term t, written as tok, whose domain is
// missing after ":" or "=".
func msgDomainMissing(t *Term, tok string) string {
	switch t.Kind {
	case KindInclude, KindExists:
		return fmt.Sprintf(`%q needs a domain after ":" (for example "%s:_spf.example.com"), so receivers return permerror for the whole record.`, tok, t.Name)
	case KindA, KindMX:
		return fmt.Sprintf(`%q has ":" but no domain, so receivers return permerror for the whole record. Write the domain after ":" or drop the ":" to mean the record's own domain.`, tok)
	case KindPTR:
		return fmt.Sprintf(`%q has ":" but no domain, so receivers return permerror for the whole record.`, tok)
	}
	return fmt.Sprintf(`%q has no domain after "=", so receivers return permerror for the whole record. Write the domain (for example "%s=_spf.example.com") or remove the term.`, tok, toLower(t.Name))
}

// Modifiers (spf.modifier.*, spf.redirect.*).

// msgModifierInvalidName is about the modifier tok whose name is not valid.
func msgModifierInvalidName(tok, name string) string {
	if name == "" {
		return fmt.Sprintf(`%q has nothing before "=": a modifier is name=value, so receivers return permerror for the whole record. Remove the "=" or write the modifier's name.`, tok)
	}
	return fmt.Sprintf(`%q is not a valid modifier name: a name starts with a letter and holds only letters, digits, "-", "_" and "." (RFC 7208 §12), so receivers return permerror for the whole record.`, name)
}

// msgModifierQualifier is about the modifier tok written with qualifier q.
func msgModifierQualifier(tok string, q Qualifier) string {
	return fmt.Sprintf(`Modifiers take no qualifier, but %q starts with %q, so receivers return permerror for the whole record. Remove the %q.`, tok, q.String(), q.String())
}

// msgModifierMechanism is about t, a mechanism's name written with "=".
func msgModifierMechanism(t *Term) string {
	if toLower(t.Name) == "all" {
		return fmt.Sprintf(`%q names the mechanism "all" but uses "=": the grammar reads name=value as a modifier (RFC 7208 §12), an unknown one, which receivers ignore, so this "all" never takes effect. "all" takes no value: write "-all" (or "~all").`, t.Text)
	}
	return fmt.Sprintf(`%q names the mechanism %q but uses "=": the grammar reads name=value as a modifier (RFC 7208 §12), an unknown one, which receivers ignore, so this %s never takes effect. Write "%s:%s".`, t.Text, toLower(t.Name), toLower(t.Name), t.Name, t.ModifierValue)
}

func msgModifierUnknown(t *Term) string {
	switch toLower(t.Name) {
	case "default":
		return fmt.Sprintf(`%q is the "default" modifier of pre-standard SPF drafts; RFC 7208 does not define it and receivers ignore it. Use an "all" mechanism (for example "-all") to set the result for other senders.`, t.Text)
	case "ra", "rp", "rr":
		return fmt.Sprintf(`%q is a modifier of the SPF reporting extension (RFC 6652), which few receivers support; receivers that do not know it ignore it (RFC 7208 §6).`, t.Text)
	}
	for _, known := range []string{"redirect", "exp"} {
		if d := editDistance(toLower(t.Name), known); d > 0 && d <= len(known)/3+1 && d < len(t.Name) {
			return fmt.Sprintf(`%q is not a modifier RFC 7208 defines, so receivers ignore it (RFC 7208 §6) and it has no effect. Did you mean "%s="? As written, this record has no %s.`, t.Text, known, known)
		}
	}
	return fmt.Sprintf(`%q is not a modifier RFC 7208 defines (redirect, exp); receivers ignore unknown modifiers (RFC 7208 §6), so it has no effect on SPF results.`, t.Text)
}

// msgModifierDuplicate is about a modifier of kind k written again as again.
func msgModifierDuplicate(k Kind, first, again string) string {
	return fmt.Sprintf(`%s appears twice (first as %q, again as %q); the modifier may appear once only, so receivers return permerror for the whole record. Keep one.`, k, first, again)
}

func msgRedirectIgnored(red, all *Term) string {
	return fmt.Sprintf(`%q is ignored because the record has %q: a redirect applies only when no mechanism matches and there is no "all" anywhere in the record. Remove one of them: keep "all" to decide here, or remove it to hand the decision to %s.`, red.Text, all.Text, red.DomainSpec)
}

func msgRedirectNotLast(text string) string {
	return fmt.Sprintf(`%q is not the last term; it still applies only after every mechanism fails to match, but RFC 7208 §6.1 says it SHOULD be written last, for clarity.`, text)
}

// Domains and macros (spf.domain.*, spf.macro.*, spf.include.self, spf.redirect.self).

// msgMacroExpOnly is about the macro text, which only explanation text may
// use, in the value of the term named name.
func msgMacroExpOnly(text, name string) string {
	return fmt.Sprintf(`%q uses a macro letter (c, r or t) that RFC 7208 allows only in explanation text, the TXT record an exp= modifier points to, not in %s; receivers return permerror for the whole record. Use another letter or move the text into the explanation record.`, text, name)
}

// msgMacroInvalid is about the malformed macro text; problem is
// MacroError.Problem.
func msgMacroInvalid(text, problem string) string {
	return fmt.Sprintf(`%q is not a valid macro: %s; receivers return permerror for the whole record. A macro is written %%{letter}, optionally with a number of parts, "r" and delimiters (%%{ir}, %%{d2}); a literal %% is written %%%%.`, text, problem)
}

func msgMacroPTR(text string) string {
	return fmt.Sprintf(`%q expands to the client's validated reverse-DNS name, which RFC 7208 says SHOULD NOT be published: it costs extra DNS lookups (counted toward the limit of 10) and depends on records the sender's network controls. Use another macro or ip4/ip6.`, text)
}

// msgDomainInvalid is about the domain-spec spec of the term named name,
// which does not end in a valid top-level label top; noDot says its last
// literal part has no dot, dotAfterMacro that it is a lone "." after a macro.
func msgDomainInvalid(name, spec, top string, noDot, dotAfterMacro bool) string {
	const tail = "so receivers return permerror for the whole record."
	if dotAfterMacro {
		return fmt.Sprintf(`%q ends in a "." right after a macro: a domain-spec must end in a macro or in "." and a top-level label (RFC 7208 §7.1), %s Remove the final ".".`, spec, tail)
	}
	if i := strings.LastIndexByte(spec, '/'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return fmt.Sprintf(`%s takes no CIDR length, but %q ends in %q: a domain must end in a top-level label such as ".com", %s Remove %q.`, name, spec, spec[i:], tail, spec[i:])
	}
	if i := strings.LastIndexByte(spec, ':'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return fmt.Sprintf(`%q ends in the port %q; SPF names hosts, not ports, %s Remove %q.`, spec, spec[i:], tail, spec[i:])
	}
	if a, err := netip.ParseAddr(spec); err == nil && a.Is4() {
		return fmt.Sprintf(`%q is an IP address, not a domain (its last label is all digits), %s To authorise the address, write "ip4:%s".`, spec, tail, spec)
	}
	if strings.HasSuffix(strings.ToLower(spec), "-all") || strings.HasSuffix(spec, "~all") || strings.HasSuffix(spec, "?all") || strings.HasSuffix(spec, "+all") {
		return fmt.Sprintf(`%q is not a domain: it ends in %q with no space before it, %s`, spec, spec[len(spec)-4:], tail)
	}
	if noDot {
		return fmt.Sprintf(`%q has no dot: a domain-spec must end in "." and a top-level label (like "example.com") or in a macro, %s Write the full domain name.`, spec, tail)
	}
	if top == "" {
		return fmt.Sprintf(`%q ends in an empty label: a domain-spec must end in "." and a top-level label or in a macro, %s`, spec, tail)
	}
	return fmt.Sprintf(`%q ends in %q, which is not a valid top-level label (letters, digits and inner hyphens, not all digits, not starting or ending with "-"), %s`, spec, top, tail)
}

// msgNameTooLong is about the domain spec, n bytes long without its final dot.
func msgNameTooLong(spec string, n int) string {
	return msgDomainBadName(spec, fmt.Sprintf("is %d bytes long, over the 253 a DNS name may have", n))
}

// msgTermDuplicate is about t, the first of n repeats of the earlier term
// first.
func msgTermDuplicate(first, t *Term, n int) string {
	cost := "1 more DNS lookup"
	if t.Kind == KindInclude {
		cost = "its lookups again (1 plus every lookup of the included record)"
	}
	times, each, fix := "", "", "Remove it."
	if n > 1 {
		times, each, fix = fmt.Sprintf(" (and %d more after it)", n-1), " each time", "Remove the repeats."
	}
	return fmt.Sprintf(`%q repeats %q%s: evaluation reaches a repeat only when the first did not match, and the same lookup then gives the same answer, so it never matches; it still costs %s%s toward the limit of 10. %s`, t.Text, first.Text, times, cost, each, fix)
}

// msgDomainList is about spec, the domain of t, which holds a "," or ";":
// terms written as a list; invalid tells that spec is not even a valid
// domain-spec.
func msgDomainList(t *Term, spec string, invalid bool) string {
	sep := spec[strings.IndexAny(spec, ",;"):][:1]
	what := "a name that does not exist, so the term never matches"
	if t.Kind == KindInclude || t.Kind == KindRedirect {
		what = "a name that does not exist, which makes " + toLower(t.Name) + " a permerror"
	}
	if invalid {
		what = "not a valid domain-spec (RFC 7208 §7.1), so receivers return permerror for the whole record"
	}
	return fmt.Sprintf(`%q holds %q: terms are separated by spaces only, so receivers read it as one domain, %s. Write the terms apart with a space where the %q is.`, spec, sep, what, sep)
}

func msgLabelEmpty(spec string) string {
	return msgDomainBadName(spec, `has an empty label (two dots in a row, or a leading dot)`)
}

func msgLabelTooLong(spec, label string) string {
	return msgDomainBadName(spec, fmt.Sprintf("has the label %q of %d bytes, over the 63 a DNS label may have", label, len(label)))
}

func msgDomainBadName(spec, why string) string {
	return fmt.Sprintf(`%q %s: it is valid SPF syntax but can never be looked up, so receivers treat it as a name that does not exist or return permerror. Correct the name.`, spec, why)
}

// msgTargetLoop is about the include or redirect term t, which loops for
// the reason why; owner is the record's name, "" when unknown.
func msgTargetLoop(t *Term, why loopKind, owner string) string {
	var target string
	switch {
	case why == loopDomain:
		target = fmt.Sprintf(`%q expands to the domain being evaluated, the name this very record is published at (RFC 7208 §7.2)`, t.DomainSpec)
	case why == loopSender:
		target = fmt.Sprintf(`%q expands to the sender's domain, where every evaluation starts (RFC 7208 §4.1), and that evaluation leads back here`, t.DomainSpec)
	case len(t.Macros) == 1 && t.Macros[0].Kind == PartLiteral:
		target = fmt.Sprintf(`it names %s, the name this very record is published at`, strings.TrimSuffix(owner, "."))
	default:
		target = fmt.Sprintf(`%q expands to %s, the name this very record is published at`, t.DomainSpec, strings.TrimSuffix(owner, "."))
	}
	fix := `Remove it, or name the domain whose record you meant to include (for example "include:_spf.example.net").`
	if t.Kind == KindRedirect {
		fix = `Remove it and end the record with "-all" (or "~all"), or point it at the domain whose record you meant (for example "redirect=_spf.example.net").`
	}
	return fmt.Sprintf(`%q is a loop: %s, so evaluation enters the same record again, reaches this term again, and repeats until it passes the limit of %d DNS lookups, which ends it in permerror for every sender no earlier term matched (RFC 7208 §4.6.4). %s`, t.Text, target, MaxLookups, fix)
}

// Addresses and CIDR lengths (spf.ip4.*, spf.ip6.*, spf.ip.*, spf.cidr.*).

// msgNeedsAddress is about the ip4 or ip6 term t, written as tok, that has
// no ":" and address.
func msgNeedsAddress(t *Term, tok string) string {
	return fmt.Sprintf(`%q needs ":" and an address (for example "%s:%s"), so receivers return permerror for the whole record.`, tok, t.Name, map[Kind]string{KindIP4: "192.0.2.0/24", KindIP6: "2001:db8::/32"}[t.Kind])
}

func msgIP4Empty() string {
	return `"ip4:" has no address, so receivers return permerror for the whole record. Write an IPv4 address such as "ip4:192.0.2.1" or a network such as "ip4:192.0.2.0/24".`
}

func msgIP6Empty() string {
	return `"ip6:" has no address, so receivers return permerror for the whole record. Write an IPv6 address or network such as "ip6:2001:db8::/32".`
}

// msgIP4IsIPv6 is about the IPv6 address s; value is s with its CIDR length.
func msgIP4IsIPv6(s, value string) string {
	return fmt.Sprintf(`%q is an IPv6 address, but ip4 takes only IPv4 addresses, so receivers return permerror for the whole record. Write "ip6:%s".`, s, value)
}

// msgIP6IsIPv4 is about the IPv4 address s; value is s with its CIDR length.
func msgIP6IsIPv4(s, value string) string {
	return fmt.Sprintf(`%q is an IPv4 address, but ip6 takes only IPv6 addresses, so receivers return permerror for the whole record. Write "ip4:%s".`, s, value)
}

// msgIP4Port is about the IPv4 address addr followed by a port in s.
func msgIP4Port(s, addr string) string {
	return fmt.Sprintf(`%q has a port number; SPF matches addresses only, so receivers return permerror for the whole record. Write "ip4:%s".`, s, addr)
}

func msgIP4Hostname(s string) string {
	return fmt.Sprintf(`%q is a host name, not an IPv4 address; ip4 takes only numeric addresses, so receivers return permerror for the whole record. To authorise the addresses that name resolves to, write "a:%s" (it costs one DNS lookup), or write its IPv4 address with ip4.`, s, s)
}

func msgIP4Placeholder(s string) string {
	return fmt.Sprintf(`%q is a placeholder copied from documentation, not an IPv4 address: letters stand where the digits of your mail server's address belong, so receivers return permerror for the whole record and no mail passes SPF. Replace it with the public IPv4 address your mail is sent from (for example "ip4:203.0.113.25", or "ip4:203.0.113.0/24" for a network), or delete the term if an include such as your provider's already covers your mail.`, s)
}

// msgIP4Invalid is about s, which has no letters and is not an IPv4 address;
// it names the first part that is wrong.
func msgIP4Invalid(s string) string {
	parts := strings.Split(s, ".")
	why := "is not a dotted-quad IPv4 address"
	switch {
	case strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";"):
		why = fmt.Sprintf("ends in %q; terms are separated by spaces only (remove the %q)", s[len(s)-1:], s[len(s)-1:])
	case len(parts) > 4:
		why = fmt.Sprintf("has %d parts, but an IPv4 address has exactly four (0 to 255 each, separated by dots)", len(parts))
	case len(parts) < 4:
		why = fmt.Sprintf("has %d part(s) instead of 4; parts of an address cannot be left out: write a network as all four parts and a prefix length, such as 192.0.2.0/24 instead of 192.0.2", len(parts))
	default:
		for _, q := range parts {
			if !ascii.IsDigits(q) {
				break
			}
			if len(q) > 1 && q[0] == '0' {
				why = fmt.Sprintf("has the part %q with a leading zero, which SPF does not allow (write %s)", q, strings.TrimLeft(q, "0")+map[bool]string{true: "0"}[strings.TrimLeft(q, "0") == ""])
				break
			}
			if n, err := strconv.Atoi(q); err != nil || n > 255 {
				why = fmt.Sprintf("has the part %q, but each part is 0 to 255", q)
				break
			}
		}
	}
	return fmt.Sprintf(`%q %s, so receivers return permerror for the whole record.`, s, why)
}

func msgIP6Zone(s, zone string) string {
	return fmt.Sprintf(`%q has a zone index (%%%s), which only means something on one host; receivers return permerror for the whole record. Remove it.`, s, zone)
}

func msgIP6Invalid(s string) string {
	return fmt.Sprintf(`%q is not an IPv6 address in the form of RFC 4291 §2.2 (eight groups of up to four hex digits, "::" at most once), so receivers return permerror for the whole record.`, s)
}

// msgIP6IPv4Mapped is about s, the IPv4 address v4 written as an IPv6
// address, under an ip6 prefix of bits.
func msgIP6IPv4Mapped(s string, v4 netip.Addr, bits int) string {
	m := fmt.Sprintf(`%q is an IPv4-mapped IPv6 address: receivers compare IPv4 clients with ip4 mechanisms only, so this never matches them.`, s)
	switch v4bits := bits - 96; {
	case v4bits < 0:
		return m + " List the IPv4 networks you mean with ip4 instead."
	case v4bits == 32:
		return m + fmt.Sprintf(` Write "ip4:%s" instead.`, v4)
	default:
		p, _ := v4.Prefix(v4bits)
		return m + fmt.Sprintf(` Write "ip4:%s" instead.`, p)
	}
}

// msgIPDualCIDR is about the dual CIDR length dual on the ip4 or ip6 term
// named name.
func msgIPDualCIDR(name, dual string) string {
	return fmt.Sprintf(`%s takes a single prefix length "/n"; the dual form %q is only for a and mx, so receivers return permerror for the whole record.`, name, dual)
}

// msgIPManyCIDR is about lengths, more than one "/" after the address of
// the ip4 or ip6 term named name.
func msgIPManyCIDR(name, lengths string) string {
	example := "ip4:192.0.2.0/24"
	if toLower(name) == "ip6" {
		example = "ip6:2001:db8::/32"
	}
	return fmt.Sprintf(`%s takes one prefix length "/n" after the address, but %q has more than one "/", so receivers return permerror for the whole record. Keep a single length (for example %q).`, name, lengths, example)
}

// msgCIDRTwoSingle is about lengths, two single-slash lengths v4 and v6 on
// the a or mx term named name.
func msgCIDRTwoSingle(lengths, name, v4, v6 string) string {
	return fmt.Sprintf(`%q has two single-slash lengths; the IPv6 length needs two slashes: write "%s/%s//%s" (IPv4 /%s, IPv6 /%s). As written, receivers return permerror for the whole record.`, lengths, name, v4, v6, v4, v6)
}

// msgCIDREmpty is about the slash text with no number, for family fam whose
// lengths go up to max.
func msgCIDREmpty(fam, text string, max int) string {
	return msgCIDRInvalid(fam, text, fmt.Sprintf("has no number (write a length from 0 to %d after the slash, or remove the slash)", max))
}

func msgCIDRNotNumber(fam, text string, max int) string {
	return msgCIDRInvalid(fam, text, fmt.Sprintf("is not a number from 0 to %d", max))
}

// msgCIDRLeadingZero is about text, whose number digits has a leading zero.
func msgCIDRLeadingZero(fam, text, digits string) string {
	return msgCIDRInvalid(fam, text, fmt.Sprintf("has a leading zero, which SPF does not allow (write /%s)", strings.TrimLeft(digits, "0")))
}

func msgCIDRRange(fam, text string, max int) string {
	return msgCIDRInvalid(fam, text, fmt.Sprintf("is out of range (%s lengths go from 0 to %d)", fam, max))
}

func msgCIDRInvalid(fam, text, why string) string {
	return fmt.Sprintf(`The %s prefix length %q %s; receivers return permerror for the whole record.`, fam, text, why)
}

// msgCIDRHostBits is about the address addr, written with its length as
// written, that has bits set beyond the prefix of pfx on the term named name.
func msgCIDRHostBits(written, name string, pfx netip.Prefix, addr netip.Addr) string {
	bits := pfx.Bits()
	return fmt.Sprintf(`%s has bits set beyond its /%d prefix: receivers compare only the first %d bits, so it means %s. Write %s:%s (or /%d if you meant the single address %s).`,
		written, bits, bits, pfx, name, pfx, addr.BitLen(), addr)
}

// msgCIDRWide is about the term t, whose prefix length bits is wide for an
// IPv4 (v4) or IPv6 address.
func msgCIDRWide(t *Term, bits int, v4 bool) string {
	fam, total := "IPv4", 32
	if !v4 {
		fam, total = "IPv6", 128
	}
	what := fmt.Sprintf("/%d covers 2^%d %s addresses", bits, total-bits, fam)
	if v4 {
		what = fmt.Sprintf("/%d covers %s IPv4 addresses", bits, groupDigits(fmt.Sprint(uint64(1)<<(32-bits))))
	}
	if bits == 0 {
		what = fmt.Sprintf("/0 covers every %s address on the internet: for %s clients it is as open as \"+all\"", fam, fam)
	}
	if t.Kind == KindA || t.Kind == KindMX {
		what = fmt.Sprintf("each address the lookup finds stands for its /%d network; %s", bits, what)
	}
	return fmt.Sprintf(`%q is very wide: %s, far more than any one sender uses. List only the networks your mail actually leaves from.`, t.Text, what)
}

// msgIPNonPublic is about pfx, which lies in the special-purpose range named
// cls.
func msgIPNonPublic(pfx netip.Prefix, cls string) string {
	return fmt.Sprintf(`%s is %s: mail reaching receivers over the internet never comes from it, so this term authorises nothing useful. Use the public address your mail leaves from (ask your provider, or look at the Received headers of a sent message).`, pfx, cls)
}

// msgIPDocumentation is about pfx, which lies in the documentation range
// named cls.
func msgIPDocumentation(pfx netip.Prefix, cls string) string {
	return fmt.Sprintf(`%s is %s, used in examples and never on the internet: it was probably copied from documentation. Replace it with the public address your mail leaves from.`, pfx, cls)
}

// classify names the special-purpose range a prefix lies in, and whether it
// is a documentation range.
func classify(pfx netip.Prefix) (string, bool) {
	for _, r := range specialRanges {
		if r.pfx.Bits() <= pfx.Bits() && r.pfx.Contains(pfx.Addr()) {
			return r.name, r.doc
		}
	}
	return "", false
}

var specialRanges = func() []struct {
	pfx  netip.Prefix
	name string
	doc  bool
} {
	list := []struct {
		p, name string
		doc     bool
	}{
		{"0.0.0.0/8", "in 0.0.0.0/8 (\"this network\", RFC 791)", false},
		{"10.0.0.0/8", "a private address (10.0.0.0/8, RFC 1918)", false},
		{"100.64.0.0/10", "shared carrier-grade NAT space (100.64.0.0/10, RFC 6598)", false},
		{"127.0.0.0/8", "a loopback address (127.0.0.0/8)", false},
		{"169.254.0.0/16", "a link-local address (169.254.0.0/16, RFC 3927)", false},
		{"172.16.0.0/12", "a private address (172.16.0.0/12, RFC 1918)", false},
		{"192.0.0.0/24", "IETF protocol assignment space (192.0.0.0/24, RFC 6890)", false},
		{"192.0.2.0/24", "a documentation address (TEST-NET-1, 192.0.2.0/24, RFC 5737)", true},
		{"192.168.0.0/16", "a private address (192.168.0.0/16, RFC 1918)", false},
		{"198.18.0.0/15", "benchmarking space (198.18.0.0/15, RFC 2544)", false},
		{"198.51.100.0/24", "a documentation address (TEST-NET-2, 198.51.100.0/24, RFC 5737)", true},
		{"203.0.113.0/24", "a documentation address (TEST-NET-3, 203.0.113.0/24, RFC 5737)", true},
		{"224.0.0.0/4", "a multicast address (224.0.0.0/4)", false},
		{"240.0.0.0/4", "reserved space (240.0.0.0/4)", false},
		{"::/128", "the unspecified address (::)", false},
		{"::1/128", "the loopback address (::1)", false},
		{"fc00::/7", "a unique local address (fc00::/7, RFC 4193)", false},
		{"fe80::/10", "a link-local address (fe80::/10)", false},
		{"ff00::/8", "a multicast address (ff00::/8)", false},
		{"2001:db8::/32", "a documentation address (2001:db8::/32, RFC 3849)", true},
		{"3fff::/20", "a documentation address (3fff::/20, RFC 9637)", true},
	}
	out := make([]struct {
		pfx  netip.Prefix
		name string
		doc  bool
	}, len(list))
	for i, e := range list {
		out[i].pfx = netip.MustParsePrefix(e.p)
		out[i].name = e.name
		out[i].doc = e.doc
	}
	return out
}()

// The record as a whole (spf.ptr.discouraged, spf.lookups.too_many,
// spf.term.unreachable, spf.all.*).

func msgPTRDiscouraged() string {
	return `"ptr" SHOULD NOT be published (RFC 7208 §5.5): it is slow, less reliable than other mechanisms when DNS errors occur, places a large burden on the .arpa name servers, and depends on reverse DNS that the sending network controls. List the sending networks with ip4/ip6, or use a or include.`
}

// msgLookupsTooMany is about the mechanism text, the nth that costs a lookup.
func msgLookupsTooMany(text string, n int) string {
	return fmt.Sprintf(`%q is the %dth term that costs a DNS lookup (include, a, mx, ptr, exists, redirect); receivers stop at %d and return permerror when evaluation reaches it, and each include adds the lookups of its own record on top. Remove lookups: replace a and mx with ip4/ip6 where the addresses are stable, and drop includes of services you no longer use.`, text, n, MaxLookups)
}

// msgRedirectTooMany is about the redirect text, the nth term that costs a
// lookup.
func msgRedirectTooMany(text string, n int) string {
	return fmt.Sprintf(`%q is the %dth term that costs a DNS lookup; receivers stop at %d and return permerror when evaluation reaches it, and the redirected record's own lookups count too. Remove lookups from this record.`, text, n, MaxLookups)
}

// msgTermUnreachable is about the mechanisms ts written after all.
func msgTermUnreachable(ts []*Term, all *Term) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = fmt.Sprintf("%q", t.Text)
	}
	verb := "comes after %q and is never evaluated"
	if len(names) > 1 {
		verb = "come after %q and are never evaluated"
	}
	return fmt.Sprintf(`%s `+verb+`: mechanisms are tried left to right and "all" always matches. Move %q to the end of the record.`, strings.Join(names, ", "), all.Text, all.Text)
}

func msgAllMissing() string {
	return `The record has neither "all" nor redirect, so a sender that matches no mechanism gets "neutral", as if it ended in "?all": SPF says nothing about forged mail. End the record with "-all" (or "~all" while you check that every legitimate sender is listed).`
}

// msgAllPass is about "+all", written with its qualifier when explicit.
func msgAllPass(explicit bool) string {
	if !explicit {
		return `"all" with no qualifier means "+all" (the qualifier defaults to "+"): any host on the internet passes SPF as this domain, and a forger's mail passes DMARC through SPF alignment. You probably meant "-all" or "~all".`
	}
	return `"+all" lets any host on the internet pass SPF as this domain, so SPF protects nothing and a forger's mail passes SPF (and DMARC through SPF alignment). Replace it with "-all" or "~all".`
}

func msgAllNeutral() string {
	return `"?all" gives other senders "neutral": SPF asserts nothing about them, which receivers treat like no policy, so it gives no protection against forgery. Use "~all" or "-all" once every legitimate sender is listed.`
}

func msgAllSoftfail() string {
	return `"~all" gives other senders "softfail": the host is probably not authorised. Receivers usually accept such mail but may mark it as suspicious; DMARC counts softfail as SPF not passing, and the domain's DMARC policy decides what happens. Move to "-all" when you are sure every sender is listed.`
}

func msgAllFail() string {
	return `"-all" gives other senders "fail": an explicit statement that they are not authorised. It does not reject mail by itself: each receiver decides (RFC 7208 §8.4 allows rejecting), and most defer to the domain's DMARC policy, which also lets mail that passes DKIM through. Forwarded mail fails SPF, so make sure your mail is DKIM-signed.`
}

// Field meanings.

// versionMeaning is the meaning of rec's version as written (text).
func versionMeaning(rec *Record, text string) string {
	if rec.SenderID {
		return fmt.Sprintf(`The version of a Sender ID record (RFC 4406, experimental) and the identities it was meant for (%s); SPF receivers ignore records that do not begin with "v=spf1".`, text[strings.IndexByte(text, '/')+1:])
	}
	if !rec.Selected {
		return fmt.Sprintf(`Meant as the SPF version tag, but receivers select only records that begin with exactly "v=spf1" followed by a space, so they ignore this record (as written: %q).`, text)
	}
	m := `Marks this TXT record as an SPF record, version 1 (the only version); receivers select TXT records that begin with "v=spf1" followed by a space or the end of the record.`
	if text != Version {
		m += ` Written with capitals: RFC 7208's grammar is case-insensitive (RFC 5234 §2.3) and receivers that follow it accept it, but §4.5 asks for exactly "v=spf1", so lowercase is the safe form.`
	}
	return m
}

// qualifierMeaning is the meaning of the qualifier written on t.
func qualifierMeaning(t *Term) string {
	if t.Kind.IsModifier() {
		return fmt.Sprintf("Qualifier %q on a modifier: modifiers take none, so receivers return permerror for the whole record (see the findings).", t.Text[:1])
	}
	return fmt.Sprintf("Qualifier %q: when the mechanism matches, the result is %q.", t.Qualifier.String(), t.Qualifier.Result())
}

// cidrMeaning is the meaning of the prefix length n (NoCIDR when invalid) of
// family fam, whose lengths go up to max, on a term of kind k.
func cidrMeaning(k Kind, n int, fam string, max int) string {
	if n == NoCIDR {
		return fmt.Sprintf("Invalid %s prefix length (0 to %d): see the findings.", fam, max)
	}
	switch k {
	case KindIP4, KindIP6:
		return fmt.Sprintf("Prefix length /%d: the first %d bits of the client's %s address are compared (%s).", n, n, fam, addressCount(max-n, fam))
	}
	return fmt.Sprintf("%s prefix length /%d: each %s address the lookup finds stands for its /%d network (%s), and %s clients in it match.", fam, n, fam, n, addressCount(max-n, fam), fam)
}

// domainMeaning is the meaning of the domain-spec spec, which has macros
// macros.
func domainMeaning(spec string, macros int) string {
	if macros == 0 {
		return fmt.Sprintf("The domain %s, used as written.", spec)
	}
	return fmt.Sprintf("A domain built at evaluation time: %d macro(s) are replaced with values from the message and connection, then the name is looked up (cut from the left to 253 bytes if longer).", macros)
}

// letterFieldMeaning is the meaning of the letter of macro m, as written.
func letterFieldMeaning(letter string, m MacroPart) string {
	return fmt.Sprintf("%q: %s%s.", letter, letterMeaning[m.Letter], map[bool]string{true: ", URL-escaped because the letter is uppercase"}[m.URLEscape])
}

func digitsMeaning(n int) string {
	return fmt.Sprintf("Keep only the rightmost %d part(s) of the value (after any reversal).", n)
}

func reverseMeaning() string {
	return "Reverse the order of the parts (192.0.2.3 becomes 3.2.0.192)."
}

func delimitersMeaning(delims string) string {
	return fmt.Sprintf("Split the value at any of %q instead of at dots; the parts are rejoined with \".\".", delims)
}

func nameMeaning(t *Term) string {
	switch t.Kind {
	case KindAll:
		return `Mechanism "all": always matches.`
	case KindInclude:
		return `Mechanism "include": matches when another domain's SPF record gives "pass".`
	case KindA:
		return `Mechanism "a": matches when the client's address is one of a domain's A or AAAA addresses.`
	case KindMX:
		return `Mechanism "mx": matches when the client is one of a domain's MX hosts.`
	case KindPTR:
		return `Mechanism "ptr": matches on the client's reverse DNS name (do not use).`
	case KindIP4:
		return `Mechanism "ip4": matches an IPv4 address or network.`
	case KindIP6:
		return `Mechanism "ip6": matches an IPv6 address or network.`
	case KindExists:
		return `Mechanism "exists": matches when a name has an A record.`
	case KindRedirect:
		return `Modifier "redirect": hands evaluation to another domain's record when no mechanism matches.`
	case KindExp:
		return `Modifier "exp": names a TXT record that explains a "fail" result.`
	}
	return fmt.Sprintf("Unknown modifier %q: receivers ignore it.", t.Name)
}

func addressCount(hostBits int, fam string) string {
	if hostBits == 0 {
		return "1 address"
	}
	if hostBits > 40 {
		return fmt.Sprintf("2^%d %s addresses", hostBits, fam)
	}
	n := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
	return fmt.Sprintf("%s addresses", groupDigits(n.String()))
}

func groupDigits(s string) string {
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func networkMeaning(t *Term) string {
	if t.placeholder {
		return "A placeholder copied from documentation (letters where the digits of an address belong), not an IPv4 address: put your sending server's public IPv4 address here."
	}
	if !t.Network.IsValid() && t.Addr.IsValid() {
		return fmt.Sprintf("The address %s; the prefix length after it is not valid: see the findings.", t.Addr)
	}
	if !t.Network.IsValid() {
		return "Not a valid address: see the findings."
	}
	if t.Network.Bits() == t.Addr.BitLen() {
		return fmt.Sprintf("The single address %s.", t.Network.Addr())
	}
	return fmt.Sprintf("The network %s (%s).", t.Network, addressCount(t.Addr.BitLen()-t.Network.Bits(), map[bool]string{true: "IPv4", false: "IPv6"}[t.Addr.Is4()]))
}

func target(t *Term, owner string) string {
	if t.HasDomainSpec && t.DomainSpec != "" {
		return t.DomainSpec
	}
	if owner != "" {
		return owner
	}
	return "the domain being checked"
}

// termMeaning says what the term t does, or what is wrong with it.
func termMeaning(rec *Record, t *Term, owner string) string {
	switch {
	case t.Kind == KindInvalid && t.gluedAll != "" && doubleQualifier(t):
		return fmt.Sprintf("Not a valid SPF term: %q has two qualifiers (see the findings).", t.Text)
	case t.Kind == KindInvalid && t.gluedAll != "":
		return fmt.Sprintf("Not a valid SPF term: %q was glued to the previous text with no space (see the findings).", t.gluedAll)
	case t.Kind == KindInvalid:
		return "Not a valid SPF term: receivers return permerror for the whole record (see the findings)."
	case t.gluedAll != "":
		before := strings.TrimSuffix(t.Text, t.gluedAll)
		return fmt.Sprintf(`Meant as %q followed by %q, but with no space between them receivers read the single term %q (see the findings).`, before, t.gluedAll, t.Text)
	}
	res := t.Qualifier.Result()
	cost := " Costs 1 DNS lookup (of the 10 allowed)."
	if t.Kind == KindMX {
		cost = " Costs 1 DNS lookup of the 10 allowed, plus an address lookup per MX host; more than 10 MX hosts make it a permerror."
	}
	switch t.Kind {
	case KindAll:
		switch t.Qualifier {
		case QualifierFail:
			return `Every sender not matched earlier gets "fail": it is not authorised. Receivers decide what to do (they may reject); DMARC policy governs when the domain has one.`
		case QualifierSoftfail:
			return `Every sender not matched earlier gets "softfail": probably not authorised. Receivers usually accept but may mark the mail; DMARC policy governs when the domain has one.`
		case QualifierNeutral:
			return `Every sender not matched earlier gets "neutral": SPF makes no assertion about them.`
		}
		return `Every sender not matched earlier gets "pass": anyone on the internet may send as this domain.`
	case KindInclude:
		return fmt.Sprintf(`Gives %q when %s's SPF record gives "pass" for the client; its fail, softfail or neutral mean no match here (its "-all" does not end this record), while a temperror, a permerror or no SPF record at all ends evaluation with temperror or permerror.%s The included record's own lookups count toward the same limit, so an include costs more than one lookup in total.`, res, t.DomainSpec, cost)
	case KindA:
		return fmt.Sprintf(`Gives %q when the client's address is one of %s's A (IPv4) or AAAA (IPv6) addresses%s.%s`, res, target(t, owner), cidrSuffix(t), cost)
	case KindMX:
		return fmt.Sprintf(`Gives %q when the client's address is an address of one of %s's MX hosts%s (the servers that receive its mail, which are not always the ones that send it).%s`, res, target(t, owner), cidrSuffix(t), cost)
	case KindPTR:
		return fmt.Sprintf(`Gives %q when the client's reverse DNS name, confirmed by a forward lookup, is %s or a name below it (a subdomain). Do not use: slow and unreliable (RFC 7208 §5.5).%s`, res, target(t, owner), cost)
	case KindIP4, KindIP6:
		if t.placeholder {
			return fmt.Sprintf(`Meant to authorise your mail server's IPv4 address, but %q is a documentation placeholder, not an address: as written it makes the whole record a permerror.`, spanText(rec, t.NetworkSpan))
		}
		if !t.Network.IsValid() && t.Addr.IsValid() {
			return fmt.Sprintf(`Meant to authorise %s, but its prefix length %q is not valid, so receivers return permerror for the whole record: see the findings.`, t.Addr, badCIDRText(rec, t))
		}
		if !t.Network.IsValid() {
			return fmt.Sprintf(`Meant to authorise an %s address, but %q is not one: see the findings.`, map[Kind]string{KindIP4: "IPv4", KindIP6: "IPv6"}[t.Kind], spanText(rec, t.NetworkSpan))
		}
		if t.Network.Bits() == t.Addr.BitLen() {
			return fmt.Sprintf(`Gives %q to the single address %s. No DNS lookup.`, res, t.Network.Addr())
		}
		fam := "IPv4"
		if t.Kind == KindIP6 {
			fam = "IPv6"
		}
		return fmt.Sprintf(`Gives %q to the %s network %s (%s). No DNS lookup.`, res, fam, t.Network, addressCount(t.Addr.BitLen()-t.Network.Bits(), fam))
	case KindExists:
		return fmt.Sprintf(`Gives %q when the name %s (after macro expansion) has an A record, whatever its address; used to build per-sender or per-address lookups.%s`, res, t.DomainSpec, cost)
	case KindRedirect:
		if rec.All() != nil {
			return fmt.Sprintf(`Would hand evaluation to %s's SPF record, but it is ignored because the record has "all" (RFC 7208 §6.1).`, t.DomainSpec)
		}
		return fmt.Sprintf(`When no mechanism matches, the result is whatever %s's SPF record gives (its "all" decides, and no record there is a permerror).%s`, t.DomainSpec, cost)
	case KindExp:
		return fmt.Sprintf(`When the result is "fail", receivers may fetch the TXT record at %s and show its text (an explanation string, which may use macros) in the rejection. Costs no lookup toward the limit.`, t.DomainSpec)
	}
	switch {
	case t.SyntaxError:
		return fmt.Sprintf("Unknown modifier %q, but its value is not a valid macro-string, so receivers return permerror for the whole record (see the findings).", t.Name)
	case toLower(t.Name) == "v":
		return `A second "v=spf1": receivers read it as an unknown modifier named "v" and ignore it (RFC 7208 §6).`
	}
	return fmt.Sprintf("Unknown modifier %q: receivers ignore it (RFC 7208 §6).", t.Name)
}

// badCIDRText is the prefix length of an ip4 or ip6 term whose address is
// valid but whose length is not, as written.
func badCIDRText(rec *Record, t *Term) string {
	if t.IP6CIDRSpan != (explain.Span{}) {
		return spanText(rec, t.IP6CIDRSpan)
	}
	return spanText(rec, t.IP4CIDRSpan)
}

func cidrSuffix(t *Term) string {
	var s []string
	if t.IP4CIDR != NoCIDR {
		s = append(s, fmt.Sprintf("IPv4 clients within /%d of an A address", t.IP4CIDR))
	}
	if t.IP6CIDR != NoCIDR {
		s = append(s, fmt.Sprintf("IPv6 clients within /%d of an AAAA address", t.IP6CIDR))
	}
	if len(s) == 0 {
		return ""
	}
	return " (" + strings.Join(s, "; ") + ")"
}

var letterMeaning = map[MacroLetter]string{
	MacroSender:       "the sender address (MAIL FROM, or postmaster@ the HELO name)",
	MacroLocalPart:    `the local part of the sender address (before the @; "postmaster" when the sender has none)`,
	MacroSenderDomain: "the domain of the sender address",
	MacroDomain:       "the domain whose record is being evaluated",
	MacroIP:           "the client's IP address (IPv4 dotted quad; IPv6 as 32 dot-separated hex nibbles)",
	MacroPTR:          "the client's validated reverse-DNS name, or \"unknown\" (do not use: extra lookups)",
	MacroIPVersion:    `"in-addr" for an IPv4 client, "ip6" for an IPv6 client`,
	MacroHelo:         "the HELO/EHLO name the client gave",
	MacroClientIP:     "the client's IP address in its usual text form (explanation text only)",
	MacroReceiver:     "the receiving host's name (explanation text only)",
	MacroTimestamp:    "the current time in seconds since 1970 (explanation text only)",
}

func macroMeaning(m MacroPart) string {
	switch m.Kind {
	case PartPercent:
		return `"%%": a literal "%".`
	case PartSpace:
		return `"%_": a space.`
	case PartURLSpace:
		return `"%-": a URL-encoded space, "%20".`
	}
	s := fmt.Sprintf("%%{%c}: %s", m.Letter, letterMeaning[m.Letter])
	var tr []string
	if m.Delimiters != "" {
		tr = append(tr, fmt.Sprintf("split at any of %q", m.Delimiters))
	} else if m.Reverse || m.HasDigits {
		tr = append(tr, "split at dots")
	}
	if m.Reverse {
		tr = append(tr, "reversed")
	}
	if m.HasDigits {
		tr = append(tr, fmt.Sprintf("keeping the rightmost %d part(s)", m.Digits))
	}
	if len(tr) > 0 {
		s += ", " + strings.Join(tr, ", ") + `, rejoined with "."`
	}
	if m.URLEscape {
		s += "; URL-escaped because the letter is uppercase"
	}
	return s + "."
}

// The summary.

// summary writes the one-sentence summary.
func summary(rec *Record, f *Facts, owner string, out *explain.Record) string {
	who := "this domain"
	if owner != "" {
		who = owner
	}
	if rec.SenderID {
		return fmt.Sprintf(`This is a Sender ID record (RFC 4406, experimental), not an SPF record: receivers that check SPF ignore it, so it gives %s no SPF policy; SPF needs its own record beginning with "v=spf1".`, who)
	}
	if !rec.Selected {
		s := fmt.Sprintf(`This is not a usable SPF record: it does not begin with "v=spf1" followed by a space, so receivers ignore it and %s has no SPF policy unless another record provides one`, who)
		if len(rec.Terms) == 0 {
			return s + "."
		}
		return s + `; with the version fixed: ` + lowerFirst(policySentence(rec, who, owner))
	}
	s := policySentence(rec, who, owner)
	if rec.PermError() {
		n := 0
		for _, fd := range out.Findings {
			if fd.Severity == explain.Error {
				n++
			}
		}
		return fmt.Sprintf("This record has %s, so receivers return permerror for every message and no mail from %s passes SPF; without the broken terms: %s", plural(n, "error"), who, lowerFirst(s))
	}
	if t := loopTerm(rec, owner); t != nil {
		return loopSentence(rec, t, who, owner)
	}
	if out.HasErrors() {
		return fmt.Sprintf("%s However, evaluation ends in permerror (see the errors).", s)
	}
	return s
}

// loopTerm returns the first include or redirect that evaluation reaches
// and that loops (Term.Loops), or nil.
func loopTerm(rec *Record, owner string) *Term {
	for _, t := range rec.Mechanisms() {
		switch {
		case t.Kind == KindAll:
			return nil
		case t.Kind == KindInclude && t.Loops(owner):
			return t
		}
	}
	if red := rec.Redirect(); red != nil && red.Loops(owner) {
		return red
	}
	return nil
}

// loopSentence says who passes before evaluation reaches the looping term t
// and that everyone else gets permerror.
func loopSentence(rec *Record, t *Term, who, owner string) string {
	rest := fmt.Sprintf("reaches %q, a loop that ends in permerror (see the errors).", t.Text)
	if auth, _ := authorised(rec, owner, t); len(auth) > 0 {
		return fmt.Sprintf("Mail from %s is authorised from %s; every other sender %s", who, joinList(auth), rest)
	}
	return fmt.Sprintf("No sender passes SPF for %s: evaluation %s", who, rest)
}

// policySentence says who is authorised and what happens to everyone else.
func policySentence(rec *Record, who, owner string) string {
	auth, others := authorised(rec, owner, nil)
	all, red := rec.All(), rec.Redirect()
	if red != nil && red.SyntaxError {
		red = nil // not among the terms a permerror record is described without
	}
	if len(auth) == 0 && others > 0 {
		n := "1 term gives another result"
		if others > 1 {
			n = fmt.Sprintf("%d terms give other results", others)
		}
		return fmt.Sprintf("For mail from %s, %s (see the fields); %s", who, n, defaultText(all, red))
	}
	if len(auth) == 0 {
		switch {
		case all != nil && all.Qualifier == QualifierFail:
			return fmt.Sprintf(`No host is authorised to send mail from %s: every sender fails (-all), so receivers may reject it, and DMARC decides.`, who)
		case all != nil && all.Qualifier == QualifierPass:
			return fmt.Sprintf(`Every host on the internet passes SPF for %s (+all): anyone may send as this domain.`, who)
		case all != nil:
			return fmt.Sprintf(`No host is listed for %s; every sender gets %s (%s), so SPF gives it no protection.`, who, all.Qualifier.Result(), all.Qualifier.String()+"all")
		case red != nil:
			return fmt.Sprintf(`Mail from %s is authorised by whatever %s's SPF record says (redirect).`, who, red.DomainSpec)
		}
		return fmt.Sprintf(`No host is listed for %s and there is no "all" or redirect, so every sender gets neutral: SPF neither authorises nor refuses anyone.`, who)
	}
	return fmt.Sprintf("Mail from %s is authorised from %s; %s", who, joinList(auth), defaultText(all, red))
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// authorised lists what the mechanisms before "all" (and before stop, when
// not nil) authorise, and counts those with another qualifier than "+".
func authorised(rec *Record, owner string, stop *Term) (auth []string, others int) {
	for _, t := range rec.Mechanisms() {
		if t.Kind == KindAll || t == stop {
			break
		}
		if t.SyntaxError {
			continue
		}
		if t.Qualifier != QualifierPass {
			others++
			continue
		}
		switch t.Kind {
		case KindIP4, KindIP6:
			if t.Network.IsValid() {
				if t.Network.Bits() == t.Addr.BitLen() {
					auth = append(auth, t.Network.Addr().String())
				} else {
					auth = append(auth, t.Network.String())
				}
			}
		case KindInclude:
			auth = append(auth, fmt.Sprintf("whatever %s authorises", t.DomainSpec))
		case KindA:
			auth = append(auth, fmt.Sprintf("the addresses of %s%s", target(t, owner), shortCIDR(t)))
		case KindMX:
			auth = append(auth, fmt.Sprintf("the MX hosts of %s%s", target(t, owner), shortCIDR(t)))
		case KindPTR:
			auth = append(auth, fmt.Sprintf("hosts whose reverse DNS is in %s", target(t, owner)))
		case KindExists:
			auth = append(auth, fmt.Sprintf("hosts for which %s exists", t.DomainSpec))
		}
	}
	auth = dedupe(auth)
	if len(auth) > 6 {
		n := len(auth) - 5
		auth = append(auth[:5], fmt.Sprintf("%d more", n))
	}
	if others > 0 {
		auth = append(auth, fmt.Sprintf("with %d term(s) giving other results", others))
		if len(auth) == 1 {
			return nil, others
		}
	}
	return auth, others
}

func shortCIDR(t *Term) string {
	switch {
	case t.IP4CIDR != NoCIDR && t.IP6CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv4 /%d and IPv6 /%d networks)", t.IP4CIDR, t.IP6CIDR)
	case t.IP4CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv4 /%d networks)", t.IP4CIDR)
	case t.IP6CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv6 /%d networks)", t.IP6CIDR)
	}
	return ""
}

func defaultText(all, red *Term) string {
	if all != nil {
		switch all.Qualifier {
		case QualifierFail:
			return `everything else fails (-all): receivers may reject it, and DMARC decides.`
		case QualifierSoftfail:
			return `everything else soft-fails (~all): receivers usually accept it but may mark it, and DMARC decides.`
		case QualifierNeutral:
			return `everything else is neutral (?all): SPF makes no claim about it.`
		}
		return `everyone else passes too (+all): anyone may send as this domain.`
	}
	if red != nil {
		return fmt.Sprintf(`everything else is decided by %s's SPF record (redirect).`, red.DomainSpec)
	}
	return `everything else is neutral (no "all" and no redirect), so forged mail is not refused.`
}

func dedupe(items []string) []string {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

func joinList(items []string) string {
	// "with N term(s) giving other results" is appended as a clause.
	var tail string
	if n := len(items); n > 0 && strings.HasPrefix(items[n-1], "with ") {
		tail = " (" + items[n-1] + ")"
		items = items[:n-1]
	}
	switch len(items) {
	case 0:
		return tail
	case 1:
		return items[0] + tail
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1] + tail
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
