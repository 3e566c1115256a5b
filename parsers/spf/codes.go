package spf

import "github.com/mxplain/mxplain/parsers/explain"

// Finding codes. Each comment says when the code fires, its severity, the
// arguments its findings carry (explain.Finding.Args), from which
// messages.go writes the message, and the fix it carries (explain.Fix),
// if any. Integers in args are decimal; an argument whose value is empty
// is left out (explain.Rules.Finding). Explain keeps a fix only when it
// removes its finding and adds no error, with the fixes before it applied
// too (keepFixes); a slot ({{ipv4}}) stands where the right text is the
// owner's.
const (
	// CodeVersionMissing (error): no "v=spf1" anywhere; receivers do not see an SPF record.
	// Args: "word", the first word (absent when the record is empty).
	// Fix: insert "v=spf1 " at the start, unless the first word is quoted (zone-file quotes pasted in; no fix).
	CodeVersionMissing = "spf.version.missing"
	// CodeVersionInvalid (error): the first word is a misspelt version ("v=spf2", "spf1", "v=spf10").
	// Args: "version", the first word as written.
	// Fix: the first word becomes "v=spf1".
	CodeVersionInvalid = "spf.version.invalid"
	// CodeVersionSenderID (error): the first word is a Sender ID version ("v=spf2.0/mfrom,pra", "spf2.0/pra", RFC 4406), a record SPF receivers ignore.
	// Args: "version", the Sender ID version as written.
	// Fix: none: the record is Sender ID's, and whether the name needs an SPF record too is the owner's to say.
	CodeVersionSenderID = "spf.version.senderid"
	// CodeVersionGlued (error): "v=spf1" runs into the first term with no space ("v=spf1a", "v=spf1include:…").
	// Args: "term", the text "v=spf1" runs into.
	// Fix: insert a space after "v=spf1".
	CodeVersionGlued = "spf.version.glued"
	// CodeVersionLeadingSpace (error): whitespace before "v=spf1", so the value does not begin with it.
	// Args: "bytes", how many bytes of whitespace come first.
	// Fix: delete the whitespace.
	CodeVersionLeadingSpace = "spf.version.leading_space"
	// CodeVersionNotFirst (error): "v=spf1" appears, but after other text.
	// Args: "before", the text before "v=spf1".
	// Fix: move "v=spf1" (as written) to the start, the words before it after it.
	CodeVersionNotFirst = "spf.version.not_first"
	// CodeVersionRepeated (warning): a second "v=spf1" inside the record (two records pasted together); it is read as an ignored modifier.
	// No args.
	// Fix: when the text before it ends in its own "all" (two whole records pasted), the whole value becomes their Merge (the second's senders, never reached today, then pass); else delete the repeat and the blank before it, which changes no result.
	CodeVersionRepeated = "spf.version.repeated"

	// CodeRecordMultiple (error): more than one SPF record at one name (permerror, RFC 7208 §4.5); raised by callers with MultipleFinding.
	// No args.
	// Fix: none on the finding (it is about another record); Merge gives the one record.
	CodeRecordMultiple = "spf.record.multiple"
	// CodeRecordTooLong (warning): the record is over 450 bytes, the size RFC 7208 §3.4 advises for the whole answer.
	// Args: "bytes", the record's length.
	// Fix: none: what to shorten is the owner's choice.
	CodeRecordTooLong = "spf.record.too_long"
	// CodeRecordIllegalChar (error): a byte SPF does not allow: a tab or line break between terms, a control byte, or non-ASCII text (smart dashes, invisible characters).
	// Args: "offset", the byte offset in the value; "char", the character, or "byte", a byte that is not UTF-8 ("0xC3"); "after": "version" when it is whitespace right after "v=spf1" (receivers then ignore the record, RFC 7208 §4.5).
	// Fix: a space for whitespace, "-" for a typographic dash; delete a curly quotation mark, an invisible character, a control byte or a byte that is not UTF-8; none for other non-ASCII text.
	CodeRecordIllegalChar = "spf.record.illegal_char"

	// CodeTermEmpty (error): a qualifier with nothing after it ("- all").
	// Args: "term", the qualifier as written.
	// Fix: join the qualifier to the mechanism after it ("-all"), when that mechanism has no qualifier of its own.
	CodeTermEmpty = "spf.term.empty"
	// CodeTermUnreachable (warning): mechanisms after "all", which evaluation never reaches.
	// Args: "terms", the mechanisms after "all" as written, separated by spaces; "all", the "all" term.
	// Fix: delete them with their blanks, keeping the modifiers among them; no sender's result changes (to authorise them instead, move "all": the owner's choice).
	CodeTermUnreachable = "spf.term.unreachable"
	// CodeTermDuplicate (warning): a mechanism that costs a DNS lookup written again ("include:x … include:x"): it matches only what the first did not, so never, and spends lookups again.
	// Args: "term", the first repeat; "first", the term it repeats; "count", how many repeats there are; "kind", the term's Kind.
	// Fix: delete every repeat with the blank before it; no result changes.
	CodeTermDuplicate = "spf.term.duplicate"
	// CodeMechanismUnknown (error): a term that is not one of the eight mechanisms nor a modifier.
	// Args: "term"; "name", the text before any ":", "/" or "=".
	// Fix: the name suggestMechanism finds ("inlcude" → "include", "ipv4" → "ip4", "~al" → "~all"); "=" for the ":" of "redirect:"/"exp:"; delete a "," or ";" after the name; join a split-off "/n" to the ip4 or ip6 before it. None otherwise.
	CodeMechanismUnknown = "spf.mechanism.unknown"
	// CodeMechanismSyntax (error): a known mechanism with an argument it does not take ("-all:x", "ptr/24", "include:x/24", "ip4" with no address).
	// Args: "kind", "term", "name"; "argument", what follows the name; "reason": "no_address" when an ip4 or ip6 has ":" but no address; "qualifier" for all; "ip4_length" for a and mx when an IPv4 length was read.
	// Fix: delete what follows "all" or "ptr"; the dual lengths of a and mx in their order ("a/24//64"); join "ip4:"/"ip6:" to the address split off after it, else write a slot ("ip4:{{ipv4}}", "ip6:{{ipv6}}").
	CodeMechanismSyntax = "spf.mechanism.syntax"
	// CodeAllGlued (error): an "all" written onto the end of the previous term with no space ("ip4:192.0.2.1~all").
	// Args: "term", as receivers read it; "all", the qualifier and "all" glued to it; "name" and "domain" when receivers read it as a valid term.
	// Fix: insert a space before the "all"; for "+-all", delete the first qualifier.
	CodeAllGlued = "spf.all.glued"

	// CodeDomainMissing (error): include, exists, a:, mx:, ptr:, redirect= or exp= with no domain.
	// Args: "kind", "term", "name".
	// Fix: "a:" gets the slot {{host}}; "mx:" loses its ":" (the record's own domain); none for include, exists, ptr, redirect and exp, whose target is another party's.
	CodeDomainMissing = "spf.domain.missing"
	// CodeDomainInvalid (error): a domain-spec that does not end in a dot and a valid top-level label, or a macro (RFC 7208 §7.1).
	// Args: "name", the term's name; "domain", the domain-spec; "reason": "list" (a "," or ";" of terms written as a list), "dot_after_macro", "no_dot" or "top_label"; "label", the top-level label, for "top_label".
	// Fix: a space for each "," and ";" of a list; delete a "." after a macro, a CIDR length or a port; an IPv4 address under a mechanism becomes "ip4:" and the address. None for a name that only its owner knows.
	CodeDomainInvalid = "spf.domain.invalid"
	// CodeDomainBadName (error): a domain-spec that is valid SPF syntax but not a usable DNS name (empty label, label over 63 or name over 253 bytes, a "," or ";" of terms written as a list); receivers treat it as non-existent or permerror.
	// Args: "domain"; "reason": "list" (with "kind" and "name"), "too_long" (with "bytes", its length without the final dot), "empty_label" or "long_label" (with "label").
	// Fix: a space for each "," and ";" of a list; none otherwise.
	CodeDomainBadName = "spf.domain.bad_name"
	// CodeMacroInvalid (error): a malformed macro ("%(ir)", "%{x}", "%{d0}", lone "%").
	// Args: "macro", the bad text; "problem", a MacroProblem; "char", the character it is about, when there is one.
	// Fix: none.
	CodeMacroInvalid = "spf.macro.invalid"
	// CodeMacroExpOnly (error): %{c}, %{r} or %{t} outside explanation text.
	// Args: "macro"; "name", the term's name.
	// Fix: none.
	CodeMacroExpOnly = "spf.macro.exp_only"
	// CodeMacroPTR (warning): the %{p} macro, which RFC 7208 §7.3 says SHOULD NOT be published.
	// Args: "macro".
	// Fix: none.
	CodeMacroPTR = "spf.macro.ptr"

	// CodeIP4Invalid (error): an ip4 value that is not a dotted-quad IPv4 address.
	// Args: "address", as written; "reason": "port", "hostname" or "syntax".
	// Fix: delete a port or a trailing "," or ";"; strip leading zeros when that makes an address; a host name becomes "a:" and the name; else the slot {{ipv4}}.
	CodeIP4Invalid = "spf.ip4.invalid"
	// CodeIP4Placeholder (error): an ip4 value with letters where digits belong, copied from documentation ("abc.d.efg.h", "x.x.x.x").
	// Args: "address".
	// Fix: the slot {{ipv4}} in place of the address.
	CodeIP4Placeholder = "spf.ip4.placeholder"
	// CodeIP4IsIPv6 (error): an IPv6 address under ip4.
	// Args: "address"; "value", the address with its prefix length.
	// Fix: the name becomes "ip6".
	CodeIP4IsIPv6 = "spf.ip4.is_ipv6"
	// CodeIP6Invalid (error): an ip6 value that is not an IPv6 address.
	// Args: "address"; "zone", its zone index, when it has one.
	// Fix: delete the zone index; else the slot {{ipv6}}.
	CodeIP6Invalid = "spf.ip6.invalid"
	// CodeIP6IsIPv4 (error): an IPv4 address under ip6.
	// Args: "address"; "value", the address with its prefix length.
	// Fix: the name becomes "ip4".
	CodeIP6IsIPv4 = "spf.ip6.is_ipv4"
	// CodeIP6IPv4Mapped (warning): an IPv4-mapped IPv6 address under ip6, which IPv4 clients never match.
	// Args: "address"; "ipv4", the IPv4 address or network it stands for (absent when the prefix is wider than ::ffff:0:0/96).
	// Fix: the term becomes "ip4:" and the IPv4 network, when there is one.
	CodeIP6IPv4Mapped = "spf.ip6.ipv4_mapped"
	// CodeCIDRInvalid (error): a prefix length that is missing, out of range, has leading zeros, or is doubled on ip4/ip6.
	// Args: "reason": "two_single" ("a/24/64", with "ip4_length" and "ip6_length"), "dual" (a dual length on ip4 or ip6), "many" (more than one "/" on ip4 or ip6), "empty", "not_number", "leading_zero" or "range" (with "family", "IPv4" or "IPv6"); "length", the lengths as written, slashes included; "name" for "two_single", "dual" and "many".
	// Fix: "two_single": the IPv6 length gets its two slashes; "empty": delete the "/"; "leading_zero": strip the zeros; none for the other reasons.
	CodeCIDRInvalid = "spf.cidr.invalid"
	// CodeCIDRHostBits (warning): an address with bits set beyond its prefix length; it evaluates as the network.
	// Args: "value", the address and length as written; "name"; "network", what it means; "address", the address.
	// Fix: write the network ("198.51.100.0/24"): the same addresses as today.
	CodeCIDRHostBits = "spf.cidr.host_bits"
	// CodeCIDRWide (warning): a prefix shorter than /16 (IPv4) or /32 (IPv6), /0 included.
	// Args: "term", "kind"; "family", "IPv4" or "IPv6"; "length".
	// Fix: none: which networks send is the owner's to say.
	CodeCIDRWide = "spf.cidr.wide"
	// CodeIPNonPublic (warning): a private, loopback, link-local, shared, multicast or reserved address: mail from the internet never comes from it.
	// Args: "network"; "range", the special-purpose range it lies in (addresses.go).
	// Fix: none: the public address is the owner's to say.
	CodeIPNonPublic = "spf.ip.non_public"
	// CodeIPDocumentation (warning): an address reserved for documentation (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20).
	// Args: "network"; "range", the documentation range it lies in.
	// Fix: none: the real address is the owner's to say.
	CodeIPDocumentation = "spf.ip.documentation"
	// CodePTRDiscouraged (warning): the ptr mechanism, which SHOULD NOT be published (RFC 7208 §5.5).
	// No args.
	// Fix: delete the term; the hosts it matched no longer pass, as the message says.
	CodePTRDiscouraged = "spf.ptr.discouraged"

	// CodeAllPass (warning): "+all" (or bare "all"): anyone may send as the domain.
	// Args: "term".
	// Fix: the term becomes "~all" (defaultAll): other senders no longer pass.
	CodeAllPass = "spf.all.pass"
	// CodeAllNeutral (warning): "?all": no assertion about other senders.
	// No args.
	// Fix: the term becomes "~all" (defaultAll): other senders get softfail instead of neutral.
	CodeAllNeutral = "spf.all.neutral"
	// CodeAllSoftfail (info): "~all": other senders get softfail.
	// No args.
	// Fix: none.
	CodeAllSoftfail = "spf.all.softfail"
	// CodeAllFail (info): "-all": other senders get fail.
	// No args.
	// Fix: none.
	CodeAllFail = "spf.all.fail"
	// CodeAllMissing (warning): neither "all" nor redirect: unmatched senders get neutral.
	// No args.
	// Fix: append " ~all" (defaultAll) once no other finding has a fix (one may give the record its "all" or redirect); unmatched senders get softfail instead of neutral.
	CodeAllMissing = "spf.all.missing"

	// CodeRedirectIgnored (warning): a redirect in a record that has "all", which makes receivers ignore it (RFC 7208 §6.1).
	// Args: "term", the redirect; "all", the "all" term; "domain", the redirect's domain-spec.
	// Fix: delete the redirect; no result changes.
	CodeRedirectIgnored = "spf.redirect.ignored"
	// CodeRedirectNotLast (info): redirect is not the last term (RFC 7208 §6.1 SHOULD).
	// Args: "term".
	// Fix: move the redirect to the end.
	CodeRedirectNotLast = "spf.redirect.not_last"
	// CodeModifierDuplicate (error): redirect or exp appears twice (permerror, RFC 7208 §6).
	// Args: "name", the modifier ("redirect" or "exp"); "first", its first occurrence; "term", the repeat.
	// Fix: delete the repeat when it is the first written again (case aside); none when they differ.
	CodeModifierDuplicate = "spf.modifier.duplicate"
	// CodeModifierInvalidName (error): a name=value term whose name is not a valid modifier name ("=all", "1up=x").
	// Args: "term"; "name", the text before "=".
	// Fix: none.
	CodeModifierInvalidName = "spf.modifier.invalid_name"
	// CodeModifierQualifier (error): a qualifier in front of a modifier ("-redirect=…").
	// Args: "term"; "qualifier".
	// Fix: delete the qualifier.
	CodeModifierQualifier = "spf.modifier.qualifier"
	// CodeModifierMechanism (warning): a mechanism written with "=" ("include=…", "ip4=…"): it is an unknown modifier that receivers ignore, so the mechanism never takes effect.
	// Args: "term"; "name"; "value", the text after "=".
	// Fix: ":" for the "=" ("include:…"), so the mechanism takes effect as the message says; none for "all=".
	CodeModifierMechanism = "spf.modifier.mechanism_name"
	// CodeModifierUnknown (info): an unknown modifier, which receivers ignore (RFC 7208 §6).
	// Args: "term"; "name".
	// Fix: a misspelt redirect or exp ("redirct") becomes the modifier meant; none otherwise.
	CodeModifierUnknown = "spf.modifier.unknown"

	// CodeLookupsTooMany (error): more than 10 terms that cost DNS lookups; evaluation reaching the 11th returns permerror (RFC 7208 §4.6.4).
	// Args: "term", the 11th; "kind"; "count", its number among the lookup terms.
	// Fix: none: which lookups to drop is the owner's choice.
	CodeLookupsTooMany = "spf.lookups.too_many"
	// CodeIncludeSelf (error): an include whose target is the domain being evaluated (%{d}, or the record's own name) or the sender's domain where evaluation starts (%{o}): a loop that ends in permerror.
	// Args: "term"; "domain", its domain-spec; "loop": "domain" (%{d}), "sender" (%{o}), "owner" (the record's own name written out) or "owner_macro" (macros that expand to it), with "owner" for the last two.
	// Fix: none.
	CodeIncludeSelf = "spf.include.self"
	// CodeRedirectSelf (error): a redirect (one that applies: no "all") whose target is the domain being evaluated or the sender's domain, likewise a loop.
	// Args as spf.include.self.
	// Fix: none.
	CodeRedirectSelf = "spf.redirect.self"
)

// AllCodes lists every finding code of the package.
var AllCodes = []string{
	CodeVersionMissing, CodeVersionInvalid, CodeVersionSenderID, CodeVersionGlued, CodeVersionLeadingSpace,
	CodeVersionNotFirst, CodeVersionRepeated, CodeRecordMultiple, CodeRecordTooLong,
	CodeRecordIllegalChar, CodeTermEmpty, CodeTermUnreachable, CodeTermDuplicate, CodeMechanismUnknown,
	CodeMechanismSyntax, CodeAllGlued, CodeDomainMissing, CodeDomainInvalid, CodeDomainBadName,
	CodeMacroInvalid, CodeMacroExpOnly, CodeMacroPTR, CodeIP4Invalid, CodeIP4Placeholder,
	CodeIP4IsIPv6, CodeIP6Invalid, CodeIP6IsIPv4, CodeIP6IPv4Mapped, CodeCIDRInvalid,
	CodeCIDRHostBits, CodeCIDRWide, CodeIPNonPublic, CodeIPDocumentation, CodePTRDiscouraged,
	CodeAllPass, CodeAllNeutral, CodeAllSoftfail, CodeAllFail, CodeAllMissing,
	CodeRedirectIgnored, CodeRedirectNotLast, CodeModifierDuplicate, CodeModifierInvalidName,
	CodeModifierQualifier, CodeModifierMechanism, CodeModifierUnknown, CodeLookupsTooMany, CodeIncludeSelf,
	CodeRedirectSelf,
}

// Values of the "reason" arg, which says which case of its code a finding
// is, and of "loop" (spf.include.self, spf.redirect.self) and "after"
// (spf.record.illegal_char).
const (
	reasonList          = "list"            // a "," or ";": terms written as a list (spf.domain.invalid, spf.domain.bad_name)
	reasonDotAfterMacro = "dot_after_macro" // a lone "." after a macro (spf.domain.invalid)
	reasonNoDot         = "no_dot"          // no dot in the name (spf.domain.invalid)
	reasonTopLabel      = "top_label"       // a top-level label that is not one (spf.domain.invalid)
	reasonTooLong       = "too_long"        // a name over 253 bytes (spf.domain.bad_name)
	reasonEmptyLabel    = "empty_label"     // an empty label (spf.domain.bad_name)
	reasonLongLabel     = "long_label"      // a label over 63 bytes (spf.domain.bad_name)
	reasonPort          = "port"            // an address with a port (spf.ip4.invalid)
	reasonHostname      = "hostname"        // a host name (spf.ip4.invalid)
	reasonSyntax        = "syntax"          // not a dotted quad (spf.ip4.invalid)
	reasonTwoSingle     = "two_single"      // two single-slash lengths on a or mx (spf.cidr.invalid)
	reasonDual          = "dual"            // a dual length on ip4 or ip6 (spf.cidr.invalid)
	reasonMany          = "many"            // more than one "/" on ip4 or ip6 (spf.cidr.invalid)
	reasonEmpty         = "empty"           // a "/" with no number (spf.cidr.invalid)
	reasonNotNumber     = "not_number"      // a length that is not a number (spf.cidr.invalid)
	reasonLeadingZero   = "leading_zero"    // a length with a leading zero (spf.cidr.invalid)
	reasonRange         = "range"           // a length out of range (spf.cidr.invalid)
	reasonNoAddress     = "no_address"      // "ip4:" or "ip6:" with no address (spf.mechanism.syntax)
	loopArgDomain       = "domain"          // %{d} (spf.include.self, spf.redirect.self)
	loopArgSender       = "sender"          // %{o}
	loopArgOwner        = "owner"           // the record's own name written out
	loopArgOwnerMacro   = "owner_macro"     // macros that expand to the record's own name
	afterVersion        = "version"         // whitespace right after "v=spf1"
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
)

// termKindRef is the section that defines the kind of term ("kind") a
// finding is about.
func termKindRef(a explain.Args) string { return Kind(a["kind"]).Ref() }

// illegalCharRef: whitespace other than a space breaks the rule of §4.6.1,
// not §12's; right after the version, the selection of §4.5.
func illegalCharRef(a explain.Args) string {
	switch {
	case a["after"] == afterVersion:
		return refVersion
	case isSeparator(argRune(a, "char")):
		return refTerms
	}
	return refASCII
}
