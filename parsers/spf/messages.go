package spf

// The findings' rules: one table of every code's severity, section and
// message, each message written from the finding's args alone (codes.go
// says what each code's args are), so that a program holding a finding's
// code and args can render it again with Message.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in AllCodes: its severity and the
// section it cites (findings take them from here, never from where they
// are found), and its message, written from the finding's args alone.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeVersionMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refVersion, Message: msgVersionMissing}},
	{Code: CodeVersionInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refVersion, Message: msgVersionInvalid}},
	{Code: CodeVersionSenderID, Rule: explain.Rule{Severity: explain.Error, Ref: refVersion, Message: msgVersionSenderID}},
	{Code: CodeVersionGlued, Rule: explain.Rule{Severity: explain.Error, Ref: refVersion, Message: msgVersionGlued}},
	{Code: CodeVersionLeadingSpace, Rule: explain.Rule{Severity: explain.Error, Ref: refVersion, Message: msgVersionLeadingSpace}},
	{Code: CodeVersionNotFirst, Rule: explain.Rule{Severity: explain.Error, Ref: refVersion, Message: msgVersionNotFirst}},
	{Code: CodeVersionRepeated, Rule: explain.Rule{Severity: explain.Warning, Ref: refVersion, Message: msgVersionRepeated}},
	{Code: CodeRecordMultiple, Rule: explain.Rule{Severity: explain.Error, Ref: refVersion, Message: msgRecordMultiple}},
	{Code: CodeRecordTooLong, Rule: explain.Rule{Severity: explain.Warning, Ref: refSize, Message: msgRecordTooLong}},
	{Code: CodeRecordIllegalChar, Rule: explain.Rule{Severity: explain.Error, RefFor: illegalCharRef, Message: msgIllegalChar}},
	{Code: CodeTermEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refQualifier, Message: msgTermEmpty}},
	{Code: CodeTermUnreachable, Rule: explain.Rule{Severity: explain.Warning, Ref: refQualifier, Message: msgTermUnreachable}},
	{Code: CodeTermDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refLimits, Message: msgTermDuplicate}},
	{Code: CodeMechanismUnknown, Rule: explain.Rule{Severity: explain.Error, Ref: refTerms, Message: msgMechanismUnknown}},
	{Code: CodeMechanismSyntax, Rule: explain.Rule{Severity: explain.Error, RefFor: termKindRef, Message: msgMechanismSyntax}},
	{Code: CodeAllGlued, Rule: explain.Rule{Severity: explain.Error, Ref: refTerms, Message: msgAllGlued}},
	{Code: CodeDomainMissing, Rule: explain.Rule{Severity: explain.Error, RefFor: termKindRef, Message: msgDomainMissing}},
	{Code: CodeDomainInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refMacros, Message: msgDomainInvalid}},
	{Code: CodeDomainBadName, Rule: explain.Rule{Severity: explain.Error, Ref: refDomainSpec, Message: msgDomainBadName}},
	{Code: CodeMacroInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refMacros, Message: msgMacroInvalid}},
	{Code: CodeMacroExpOnly, Rule: explain.Rule{Severity: explain.Error, Ref: refMacroExp, Message: msgMacroExpOnly}},
	{Code: CodeMacroPTR, Rule: explain.Rule{Severity: explain.Warning, Ref: refMacroPTR, Message: msgMacroPTR}},
	{Code: CodeIP4Invalid, Rule: explain.Rule{Severity: explain.Error, Ref: refIP, Message: msgIP4Invalid}},
	{Code: CodeIP4Placeholder, Rule: explain.Rule{Severity: explain.Error, Ref: refIP, Message: msgIP4Placeholder}},
	{Code: CodeIP4IsIPv6, Rule: explain.Rule{Severity: explain.Error, Ref: refIP, Message: msgIP4IsIPv6}},
	{Code: CodeIP6Invalid, Rule: explain.Rule{Severity: explain.Error, Ref: refIP, Message: msgIP6Invalid}},
	{Code: CodeIP6IsIPv4, Rule: explain.Rule{Severity: explain.Error, Ref: refIP, Message: msgIP6IsIPv4}},
	{Code: CodeIP6IPv4Mapped, Rule: explain.Rule{Severity: explain.Warning, Ref: refMechanisms, Message: msgIP6IPv4Mapped}},
	{Code: CodeCIDRInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refIP, Message: msgCIDRInvalid}},
	{Code: CodeCIDRHostBits, Rule: explain.Rule{Severity: explain.Warning, Ref: refIP, Message: msgCIDRHostBits}},
	{Code: CodeCIDRWide, Rule: explain.Rule{Severity: explain.Warning, Ref: refMechanisms, Message: msgCIDRWide}},
	{Code: CodeIPNonPublic, Rule: explain.Rule{Severity: explain.Warning, Ref: refIP, Message: msgIPNonPublic}},
	{Code: CodeIPDocumentation, Rule: explain.Rule{Severity: explain.Warning, Ref: refIP, Message: msgIPDocumentation}},
	{Code: CodePTRDiscouraged, Rule: explain.Rule{Severity: explain.Warning, Ref: refPTR, Message: msgPTRDiscouraged}},
	{Code: CodeAllPass, Rule: explain.Rule{Severity: explain.Warning, Ref: refAll, Message: msgAllPass}},
	{Code: CodeAllNeutral, Rule: explain.Rule{Severity: explain.Warning, Ref: refAll, Message: msgAllNeutral}},
	{Code: CodeAllSoftfail, Rule: explain.Rule{Severity: explain.Info, Ref: refAll, Message: msgAllSoftfail}},
	{Code: CodeAllFail, Rule: explain.Rule{Severity: explain.Info, Ref: refAll, Message: msgAllFail}},
	{Code: CodeAllMissing, Rule: explain.Rule{Severity: explain.Warning, Ref: refDefault, Message: msgAllMissing}},
	{Code: CodeRedirectIgnored, Rule: explain.Rule{Severity: explain.Warning, Ref: refRedirect, Message: msgRedirectIgnored}},
	{Code: CodeRedirectNotLast, Rule: explain.Rule{Severity: explain.Info, Ref: refRedirect, Message: msgRedirectNotLast}},
	{Code: CodeModifierDuplicate, Rule: explain.Rule{Severity: explain.Error, Ref: refModifiers, Message: msgModifierDuplicate}},
	{Code: CodeModifierInvalidName, Rule: explain.Rule{Severity: explain.Error, Ref: refModifiers, Message: msgModifierInvalidName}},
	{Code: CodeModifierQualifier, Rule: explain.Rule{Severity: explain.Error, Ref: refModifiers, Message: msgModifierQualifier}},
	{Code: CodeModifierMechanism, Rule: explain.Rule{Severity: explain.Warning, Ref: refModifiers, Message: msgModifierMechanism}},
	{Code: CodeModifierUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refModifiers, Message: msgModifierUnknown}},
	{Code: CodeLookupsTooMany, Rule: explain.Rule{Severity: explain.Error, Ref: refLimits, Message: msgLookupsTooMany}},
	{Code: CodeIncludeSelf, Rule: explain.Rule{Severity: explain.Error, Ref: refLimits, Message: msgIncludeSelf}},
	{Code: CodeRedirectSelf, Rule: explain.Rule{Severity: explain.Error, Ref: refLimits, Message: msgRedirectSelf}},
})

// Message writes the message of a finding of code from its args, as
// Explain does; "" for a code that is not the package's.
func Message(code string, args explain.Args) string { return rules.Message(code, args) }

// argInt is the integer arg key, 0 when absent.
func argInt(a explain.Args, key string) int {
	n, _ := strconv.Atoi(a[key])
	return n
}

// argRune is the first character of arg key, utf8.RuneError when absent.
func argRune(a explain.Args, key string) rune {
	r, _ := utf8.DecodeRuneInString(a[key])
	return r
}

// Illegal bytes (spf.record.illegal_char).

var separatorNames = map[rune]string{'\t': "a tab", '\r': "a carriage return", '\n': "a line break",
	'\v': "a vertical tab", '\f': "a form feed", '\u00a0': "a no-break space (U+00A0)"}

func msgIllegalChar(a explain.Args) string {
	i := argInt(a, "offset")
	if b, ok := a["byte"]; ok {
		return "Byte " + strconv.Itoa(i) + " (" + b + ") is not ASCII; SPF records are restricted to 7-bit ASCII, so receivers return permerror. Remove it."
	}
	r := argRune(a, "char")
	switch {
	case a["after"] == afterVersion:
		return `"v=spf1" is followed by ` + separatorNames[r] + `, not a space: receivers select only TXT records that begin with "v=spf1" followed by a space or the end of the record, so they ignore this one and the domain has no SPF policy (result none) unless another record provides one. Replace it with a space.`
	case isSeparator(r):
		return "Byte " + strconv.Itoa(i) + " is " + separatorNames[r] + ": terms must be separated by plain spaces only, so receivers return permerror. Replace it with a space (check that the DNS panel did not keep a line break from a pasted record)."
	case r == '\u2013' || r == '\u2014' || r == '\u2212':
		return "Byte " + strconv.Itoa(i) + " is " + strconv.QuoteRune(r) + " (" + "U+" + numtext.UpperHex(uint64(r), 4) + `), a typographic dash that a word processor or web page put where the ASCII hyphen-minus "-" belongs; SPF records are ASCII only, so receivers return permerror. Retype it as "-".`
	case r == '\u201c' || r == '\u201d' || r == '\u2018' || r == '\u2019':
		return "Byte " + strconv.Itoa(i) + " is the curly quotation mark " + strconv.QuoteRune(r) + " (" + "U+" + numtext.UpperHex(uint64(r), 4) + "), copied from formatted text; SPF records are ASCII only, so receivers return permerror. Remove it (the DNS panel adds any quoting itself)."
	case r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060':
		return "Bytes " + strconv.Itoa(i) + " to " + strconv.Itoa(i+utf8.RuneLen(r)) + " are the invisible character " + "U+" + numtext.UpperHex(uint64(r), 4) + ", usually carried over by copy and paste; SPF records are ASCII only, so receivers return permerror. Delete it and retype the term by hand."
	case r < 0x80:
		return "Byte " + strconv.Itoa(i) + " is the control byte 0x" + numtext.UpperHex(uint64(r), 2) + "; SPF records may hold only visible ASCII characters and spaces, so receivers return permerror. Remove it."
	}
	return "Byte " + strconv.Itoa(i) + " starts the non-ASCII character " + strconv.QuoteRune(r) + " (" + "U+" + numtext.UpperHex(uint64(r), 4) + "); SPF records are restricted to ASCII, so receivers return permerror. Remove it or write the name in its ASCII (xn--) form."
}

// The version, and the record as receivers select and fetch it (spf.version.*,
// spf.record.multiple, spf.record.too_long).

func msgVersionMissing(a explain.Args) string {
	first, ok := a["word"]
	if !ok {
		return `The record is empty: an SPF record starts with "v=spf1". Publish for example "v=spf1 -all" for a domain that sends no mail.`
	}
	s := `The record does not start with "v=spf1", so receivers do not treat it as an SPF record. Put "v=spf1" and a space at the very beginning.`
	if strings.HasPrefix(first, `"`) {
		s += ` The quotation marks are zone-file syntax around the text, not part of the record: enter the text without them, unless your DNS panel asks for them.`
	}
	return s
}

func msgVersionLeadingSpace(a explain.Args) string {
	return "The record begins with " + strconv.Itoa(argInt(a, "bytes")) + ` byte(s) of whitespace before "v=spf1"; receivers select only TXT records that begin with exactly "v=spf1", so they do not see this one and the domain has no SPF policy. Delete the leading whitespace.`
}

// msgVersionInvalid is about a first word meant as the version: "v=spf1"
// followed by digits ("v=spf10"), or a typo.
func msgVersionInvalid(a explain.Args) string {
	text := a["version"]
	low := toLower(text)
	switch {
	case strings.HasPrefix(low, Version) && ascii.IsDigits(low[len(Version):]):
		return strconv.Quote(text) + ` is not the SPF version: the version is exactly "v=spf1" followed by a space, so receivers ignore this record. Write "v=spf1".`
	case low == "spf1" || low == "spf":
		return strconv.Quote(text) + ` lacks the "v=": the version is exactly "v=spf1", so receivers ignore this record. Write "v=spf1".`
	}
	return strconv.Quote(text) + ` is not the SPF version: the only version is "v=spf1" (RFC 7208 has no other), so receivers ignore this record. Write "v=spf1".`
}

func msgVersionSenderID(a explain.Args) string {
	return strconv.Quote(a["version"]) + ` is the version of a Sender ID record (RFC 4406, an experimental protocol that RFC 6686 concluded), not of SPF: receivers that check SPF (RFC 7208) select only records beginning with "v=spf1" and ignore this one, so it gives the domain no SPF policy, and hardly any receiver still reads Sender ID. Delete it, and publish SPF as its own record starting with "v=spf1" (the mechanisms after the version can usually be kept as they are).`
}

func msgVersionGlued(a explain.Args) string {
	tail := a["term"]
	return `"v=spf1" runs straight into ` + strconv.Quote(tail) + ` with no space, so the record does not begin with "v=spf1" followed by a space and receivers ignore it. Insert a space: "v=spf1 ` + tail + `". (TXT strings are joined without spaces, RFC 7208 §3.3, so a record split as "v=spf1" "` + tail + `" has the same problem.)`
}

func msgVersionNotFirst(a explain.Args) string {
	return `"v=spf1" must be the first thing in the record, but ` + strconv.Quote(a["before"]) + ` comes before it, so receivers ignore the record. Move "v=spf1" to the beginning.`
}

func msgVersionRepeated(explain.Args) string {
	return `A second "v=spf1" inside the record: two records were probably pasted into one. Receivers read it as an unknown modifier named "v" and ignore it, so the terms after it belong to this record. Merge the two into one record with a single "v=spf1" at the start and one "all" at the end.`
}

func msgRecordMultiple(explain.Args) string {
	return `This name publishes more than one SPF record ("v=spf1 …" TXT record); receivers then return permerror and no mail passes SPF. Merge them into a single record: one "v=spf1", every mechanism once, one "all" at the end.`
}

func msgRecordTooLong(a explain.Args) string {
	return "The record is " + strconv.Itoa(argInt(a, "bytes")) + " bytes. RFC 7208 §3.4 advises keeping the whole DNS answer (the name plus every TXT record there) under 450 bytes so it fits one UDP packet; larger answers need TCP or EDNS0, and some receivers then fail to fetch the record. Each TXT string also holds at most 255 bytes, so a record this long must be split into several strings. Shorten it: replace lists of ip4/ip6 terms with a network prefix or move them behind an include."
}

// Terms (spf.term.*, spf.mechanism.*, spf.all.glued).

func msgTermEmpty(a explain.Args) string {
	tok := a["term"]
	return strconv.Quote(tok) + ` stands alone: a qualifier must be written directly before its mechanism, with no space (for example "` + tok + `all"). Remove the space after it.`
}

// doubleQualifier reports whether the "all" glued to term follows nothing
// but qualifiers ("+-all").
func doubleQualifier(term, all string) bool {
	return strings.Trim(strings.TrimSuffix(term, all), "+-~?") == ""
}

func msgAllGlued(a explain.Args) string {
	term, all := a["term"], a["all"]
	before := strings.TrimSuffix(term, all)
	what := "receivers return permerror for the whole record"
	if name, ok := a["name"]; ok {
		what = "receivers read it as " + name + " " + strconv.Quote(a["domain"]) + ", a name that has no SPF record, so evaluation ends in permerror"
	}
	if doubleQualifier(term, all) {
		return strconv.Quote(term) + " has two qualifiers, " + strconv.Quote(before) + " and " + strconv.Quote(all[:1]) + ": a mechanism takes one, so " + what + `, and the record has no "all" of its own. Keep one: ` + strconv.Quote(all) + "."
	}
	return strconv.Quote(all) + " is glued to " + strconv.Quote(before) + " with no space between them: " + what + `, and the record has no "all" of its own. Insert a space: "` + before + " " + all + `".`
}

func msgMechanismUnknown(a explain.Args) string {
	tok, name := a["term"], a["name"]
	j := len(name)
	if tok != "" && strings.IndexByte("+-~?", tok[0]) >= 0 {
		j++
	}
	low := toLower(name)
	hint := ""
	switch {
	case (low == "redirect" || low == "exp") && j < len(tok) && tok[j] == ':':
		hint = " " + low + ` is a modifier and takes "=", not ":": write "` + name + "=" + tok[j+1:] + `".`
	case low == "v" || strings.HasPrefix(low, "spf"):
		hint = ` It looks like a second version tag; a record has "v=spf1" once, at the start.`
	case strings.HasSuffix(low, ",") || strings.HasSuffix(low, ";"):
		hint = " Terms are separated by spaces only: remove the " + strconv.Quote(low[len(low)-1:]) + "."
	case name == "" && strings.HasPrefix(tok, "/"):
		return strconv.Quote(tok) + ` is not an SPF term: a prefix length follows its address with no space in between (for example "ip4:192.0.2.0/24"), so receivers return permerror for the whole record. Remove the space before it.`
	case name == "":
		return strconv.Quote(tok) + " is not an SPF term: nothing names a mechanism before the " + strconv.Quote(tok[:1]) + ", so receivers return permerror for the whole record. Remove the space before it, or write the mechanism's name."
	case isAddress(tok):
		return strconv.Quote(tok) + ` is an address standing alone, not an SPF term, so receivers return permerror for the whole record. Write it after its mechanism with no space between them ("ip4:192.0.2.1", "ip6:2001:db8::1"): a space after "ip4:" splits the two.`
	case name == tok && strings.Contains(tok, ".") && validTopLabel(tok[strings.LastIndexByte(tok, '.')+1:]):
		hint = ` It is a domain standing alone, perhaps split off by a space after "include:" or "a:": write the mechanism and the domain with no space between them ("include:` + tok + `").`
	default:
		if s := suggestMechanism(low); s != "" {
			hint = " Did you mean " + strconv.Quote(s) + "?"
		}
	}
	return strconv.Quote(name) + " is not an SPF mechanism (all, include, a, mx, ptr, ip4, ip6, exists) nor a modifier (name=value), so receivers return permerror for the whole record." + hint
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

// msgMechanismSyntax is about an argument that the mechanism of kind "kind"
// does not take, or an ip4 or ip6 with no address.
func msgMechanismSyntax(a explain.Args) string {
	kind, tok, name, rest := Kind(a["kind"]), a["term"], a["name"], a["argument"]
	switch kind {
	case KindAll:
		return `"all" takes no argument, but ` + strconv.Quote(rest) + ` follows it, so receivers return permerror for the whole record. Write just "` + a["qualifier"] + `all".`
	case KindInclude, KindExists:
		return strconv.Quote(name) + ` must be followed by ":" and a domain and takes no CIDR length, so receivers return permerror for the whole record.`
	case KindA, KindMX:
		return msgAfterName(name, rest, a["ip4_length"])
	case KindPTR:
		return `"ptr" takes no CIDR length, but ` + strconv.Quote(rest) + " follows it, so receivers return permerror for the whole record. Remove " + strconv.Quote(rest) + "."
	}
	switch {
	case a["reason"] != reasonNoAddress:
		return strconv.Quote(tok) + ` needs ":" and an address (for example "` + name + ":" + map[Kind]string{KindIP4: "192.0.2.0/24", KindIP6: "2001:db8::/32"}[kind] + `"), so receivers return permerror for the whole record.`
	case kind == KindIP4:
		return `"ip4:" has no address, so receivers return permerror for the whole record. Write an IPv4 address such as "ip4:192.0.2.1" or a network such as "ip4:192.0.2.0/24".`
	}
	return `"ip6:" has no address, so receivers return permerror for the whole record. Write an IPv6 address or network such as "ip6:2001:db8::/32".`
}

// msgAfterName is about rest, which cannot follow the name of an a or mx
// term; v4 is the IPv4 length read after it, "" when none.
func msgAfterName(name, rest, v4 string) string {
	if fixed, ok := dualCIDRFix(rest, v4); ok {
		what := "The IPv4 length comes first"
		if !strings.HasPrefix(rest, "//") {
			what = "The IPv6 length needs two slashes"
		}
		return what + `: write "` + name + fixed + `", not "` + name + rest + "/" + v4 + `"; as written, receivers return permerror for the whole record.`
	}
	return strconv.Quote(rest) + " cannot follow " + strconv.Quote(name) + `: after the name come an optional ":domain" and optional CIDR lengths "/n" (IPv4) and "//n" (IPv6), so receivers return permerror for the whole record.`
}

// msgDomainMissing is about a term whose domain is missing after ":" or "=".
func msgDomainMissing(a explain.Args) string {
	tok, name := a["term"], a["name"]
	switch Kind(a["kind"]) {
	case KindInclude, KindExists:
		return strconv.Quote(tok) + ` needs a domain after ":" (for example "` + name + `:_spf.example.com"), so receivers return permerror for the whole record.`
	case KindA, KindMX:
		if Kind(a["kind"]) == KindMX {
			return strconv.Quote(tok) + ` has ":" but no domain, so receivers return permerror for the whole record. Drop the ":" to mean the record's own domain, or write the domain after it.`
		}
		return strconv.Quote(tok) + ` has ":" but no domain, so receivers return permerror for the whole record. Write the name of the host after ":", or drop the ":" to mean the record's own domain.`
	case KindPTR:
		return strconv.Quote(tok) + ` has ":" but no domain, so receivers return permerror for the whole record.`
	}
	return strconv.Quote(tok) + ` has no domain after "=", so receivers return permerror for the whole record. Write the domain (for example "` + toLower(name) + `=_spf.example.com") or remove the term.`
}

// Modifiers (spf.modifier.*, spf.redirect.*).

func msgModifierInvalidName(a explain.Args) string {
	if a["name"] == "" {
		return strconv.Quote(a["term"]) + ` has nothing before "=": a modifier is name=value, so receivers return permerror for the whole record. Remove the "=" or write the modifier's name.`
	}
	return strconv.Quote(a["name"]) + ` is not a valid modifier name: a name starts with a letter and holds only letters, digits, "-", "_" and "." (RFC 7208 §12), so receivers return permerror for the whole record.`
}

func msgModifierQualifier(a explain.Args) string {
	q := a["qualifier"]
	return "Modifiers take no qualifier, but " + strconv.Quote(a["term"]) + " starts with " + strconv.Quote(q) + ", so receivers return permerror for the whole record. Remove the " + strconv.Quote(q) + "."
}

// msgModifierMechanism is about a mechanism's name written with "=".
func msgModifierMechanism(a explain.Args) string {
	term, low := a["term"], toLower(a["name"])
	if low == "all" {
		return strconv.Quote(term) + ` names the mechanism "all" but uses "=": the grammar reads name=value as a modifier (RFC 7208 §12), an unknown one, which receivers ignore, so this "all" never takes effect. "all" takes no value: write "-all" (or "~all").`
	}
	return strconv.Quote(term) + " names the mechanism " + strconv.Quote(low) + ` but uses "=": the grammar reads name=value as a modifier (RFC 7208 §12), an unknown one, which receivers ignore, so this ` + low + ` never takes effect. Write "` + a["name"] + ":" + a["value"] + `".`
}

func msgModifierUnknown(a explain.Args) string {
	term, name := a["term"], a["name"]
	switch toLower(name) {
	case "default":
		return strconv.Quote(term) + ` is the "default" modifier of pre-standard SPF drafts; RFC 7208 does not define it and receivers ignore it. Use an "all" mechanism (for example "-all") to set the result for other senders.`
	case "ra", "rp", "rr":
		return strconv.Quote(term) + " is a modifier of the SPF reporting extension (RFC 6652), which few receivers support; receivers that do not know it ignore it (RFC 7208 §6)."
	}
	if known := meantModifier(toLower(name)); known != "" {
		return strconv.Quote(term) + ` is not a modifier RFC 7208 defines, so receivers ignore it (RFC 7208 §6) and it has no effect. Did you mean "` + known + `="? As written, this record has no ` + known + "."
	}
	return strconv.Quote(term) + " is not a modifier RFC 7208 defines (redirect, exp); receivers ignore unknown modifiers (RFC 7208 §6), so it has no effect on SPF results."
}

func msgModifierDuplicate(a explain.Args) string {
	return a["name"] + " appears twice (first as " + strconv.Quote(a["first"]) + ", again as " + strconv.Quote(a["term"]) + "); the modifier may appear once only, so receivers return permerror for the whole record. Keep one."
}

func msgRedirectIgnored(a explain.Args) string {
	return strconv.Quote(a["term"]) + " is ignored because the record has " + strconv.Quote(a["all"]) + `: a redirect applies only when no mechanism matches and there is no "all" anywhere in the record. Delete the redirect, which changes the result for no sender; or, to hand the decision to ` + a["domain"] + `, delete "all" instead.`
}

func msgRedirectNotLast(a explain.Args) string {
	return strconv.Quote(a["term"]) + " is not the last term; it still applies only after every mechanism fails to match, but RFC 7208 §6.1 says it SHOULD be written last, for clarity."
}

// The record as a whole (spf.ptr.discouraged, spf.lookups.too_many,
// spf.term.unreachable, spf.all.*).

func msgPTRDiscouraged(explain.Args) string {
	return `"ptr" SHOULD NOT be published (RFC 7208 §5.5): it is slow, less reliable than other mechanisms when DNS errors occur, places a large burden on the .arpa name servers, and depends on reverse DNS that the sending network controls. Delete it, after listing the hosts it matched by reverse DNS with ip4/ip6 (or a or include): without it, they no longer pass.`
}

// msgLookupsTooMany is about the term that costs the 11th lookup.
func msgLookupsTooMany(a explain.Args) string {
	text, n := a["term"], argInt(a, "count")
	if Kind(a["kind"]) == KindRedirect {
		return strconv.Quote(text) + " is the " + strconv.Itoa(n) + "th term that costs a DNS lookup; receivers stop at " + strconv.Itoa(MaxLookups) + " and return permerror when evaluation reaches it, and the redirected record's own lookups count too. Remove lookups from this record."
	}
	return strconv.Quote(text) + " is the " + strconv.Itoa(n) + "th term that costs a DNS lookup (include, a, mx, ptr, exists, redirect); receivers stop at " + strconv.Itoa(MaxLookups) + " and return permerror when evaluation reaches it, and each include adds the lookups of its own record on top. Remove lookups: replace a and mx with ip4/ip6 where the addresses are stable, and drop includes of services you no longer use."
}

// msgTermUnreachable is about the mechanisms written after "all".
func msgTermUnreachable(a explain.Args) string {
	terms := strings.Fields(a["terms"])
	names := make([]string, len(terms))
	for i, t := range terms {
		names[i] = strconv.Quote(t)
	}
	all := strconv.Quote(a["all"])
	verb := " comes after " + all + " and is never evaluated"
	if len(names) > 1 {
		verb = " come after " + all + " and are never evaluated"
	}
	return strings.Join(names, ", ") + verb + `: mechanisms are tried left to right and "all" always matches. Delete them, which changes the result for no sender; or, if the senders they name should pass, move ` + all + " to the end of the record."
}

func msgAllMissing(explain.Args) string {
	return `The record has neither "all" nor redirect, so a sender that matches no mechanism gets "neutral", as if it ended in "?all": SPF says nothing about forged mail. End the record with "-all" (or "~all" while you check that every legitimate sender is listed).`
}

// msgAllPass is about "+all", or "all" with no qualifier.
func msgAllPass(a explain.Args) string {
	if !strings.HasPrefix(a["term"], "+") {
		return `"all" with no qualifier means "+all" (the qualifier defaults to "+"): any host on the internet passes SPF as this domain, and a forger's mail passes DMARC through SPF alignment. You probably meant "~all" (other senders then get softfail, no longer pass) or "-all".`
	}
	return `"+all" lets any host on the internet pass SPF as this domain, so SPF protects nothing and a forger's mail passes SPF (and DMARC through SPF alignment). Replace it with "~all" (other senders then get softfail, no longer pass), or "-all" once you are sure every sender is listed.`
}

func msgAllNeutral(explain.Args) string {
	return `"?all" gives other senders "neutral": SPF asserts nothing about them, which receivers treat like no policy, so it gives no protection against forgery. Write "~all" (other senders then get softfail, which receivers usually accept and may mark), and "-all" once every legitimate sender is listed.`
}

func msgAllSoftfail(explain.Args) string {
	return `"~all" gives other senders "softfail": the host is probably not authorised. Receivers usually accept such mail but may mark it as suspicious; DMARC counts softfail as SPF not passing, and the domain's DMARC policy decides what happens. Move to "-all" when you are sure every sender is listed.`
}

func msgAllFail(explain.Args) string {
	return `"-all" gives other senders "fail": an explicit statement that they are not authorised. It does not reject mail by itself: each receiver decides (RFC 7208 §8.4 allows rejecting), and most defer to the domain's DMARC policy, which also lets mail that passes DKIM through. Forwarded mail fails SPF, so make sure your mail is DKIM-signed.`
}
