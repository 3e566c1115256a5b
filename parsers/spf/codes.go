package spf

// Finding codes. Each comment says when the code fires and its severity.
const (
	// CodeVersionMissing (error): no "v=spf1" anywhere; receivers do not see an SPF record.
	CodeVersionMissing = "spf.version.missing"
	// CodeVersionInvalid (error): the first word is a misspelt version ("v=spf2", "spf1", "v=spf10").
	CodeVersionInvalid = "spf.version.invalid"
	// CodeVersionSenderID (error): the first word is a Sender ID version ("v=spf2.0/mfrom,pra", "spf2.0/pra", RFC 4406), a record SPF receivers ignore.
	CodeVersionSenderID = "spf.version.senderid"
	// CodeVersionGlued (error): "v=spf1" runs into the first term with no space ("v=spf1a", "v=spf1include:…").
	CodeVersionGlued = "spf.version.glued"
	// CodeVersionLeadingSpace (error): whitespace before "v=spf1", so the value does not begin with it.
	CodeVersionLeadingSpace = "spf.version.leading_space"
	// CodeVersionNotFirst (error): "v=spf1" appears, but after other text.
	CodeVersionNotFirst = "spf.version.not_first"
	// CodeVersionRepeated (warning): a second "v=spf1" inside the record (two records pasted together); it is read as an ignored modifier.
	CodeVersionRepeated = "spf.version.repeated"

	// CodeRecordMultiple (error): more than one SPF record at one name (permerror, RFC 7208 §4.5); raised by callers with MultipleFinding.
	CodeRecordMultiple = "spf.record.multiple"
	// CodeRecordTooLong (warning): the record is over 450 bytes, the size RFC 7208 §3.4 advises for the whole answer.
	CodeRecordTooLong = "spf.record.too_long"
	// CodeRecordIllegalChar (error): a byte SPF does not allow: a tab or line break between terms, a control byte, or non-ASCII text (smart dashes, invisible characters).
	CodeRecordIllegalChar = "spf.record.illegal_char"

	// CodeTermEmpty (error): a qualifier with nothing after it ("- all").
	CodeTermEmpty = "spf.term.empty"
	// CodeTermUnreachable (warning): mechanisms after "all", which evaluation never reaches.
	CodeTermUnreachable = "spf.term.unreachable"
	// CodeTermDuplicate (warning): a mechanism that costs a DNS lookup written again ("include:x … include:x"): it matches only what the first did not, so never, and spends lookups again.
	CodeTermDuplicate = "spf.term.duplicate"
	// CodeMechanismUnknown (error): a term that is not one of the eight mechanisms nor a modifier.
	CodeMechanismUnknown = "spf.mechanism.unknown"
	// CodeMechanismSyntax (error): a known mechanism with an argument it does not take ("-all:x", "ptr/24", "include:x/24", "ip4" with no address).
	CodeMechanismSyntax = "spf.mechanism.syntax"
	// CodeAllGlued (error): an "all" written onto the end of the previous term with no space ("ip4:192.0.2.1~all").
	CodeAllGlued = "spf.all.glued"

	// CodeDomainMissing (error): include, exists, a:, mx:, ptr:, redirect= or exp= with no domain.
	CodeDomainMissing = "spf.domain.missing"
	// CodeDomainInvalid (error): a domain-spec that does not end in a dot and a valid top-level label, or a macro (RFC 7208 §7.1).
	CodeDomainInvalid = "spf.domain.invalid"
	// CodeDomainBadName (error): a domain-spec that is valid SPF syntax but not a usable DNS name (empty label, label over 63 or name over 253 bytes, a "," or ";" of terms written as a list); receivers treat it as non-existent or permerror.
	CodeDomainBadName = "spf.domain.bad_name"
	// CodeMacroInvalid (error): a malformed macro ("%(ir)", "%{x}", "%{d0}", lone "%").
	CodeMacroInvalid = "spf.macro.invalid"
	// CodeMacroExpOnly (error): %{c}, %{r} or %{t} outside explanation text.
	CodeMacroExpOnly = "spf.macro.exp_only"
	// CodeMacroPTR (warning): the %{p} macro, which RFC 7208 §7.3 says SHOULD NOT be published.
	CodeMacroPTR = "spf.macro.ptr"

	// CodeIP4Invalid (error): an ip4 value that is not a dotted-quad IPv4 address.
	CodeIP4Invalid = "spf.ip4.invalid"
	// CodeIP4Placeholder (error): an ip4 value with letters where digits belong, copied from documentation ("abc.d.efg.h", "x.x.x.x").
	CodeIP4Placeholder = "spf.ip4.placeholder"
	// CodeIP4IsIPv6 (error): an IPv6 address under ip4.
	CodeIP4IsIPv6 = "spf.ip4.is_ipv6"
	// CodeIP6Invalid (error): an ip6 value that is not an IPv6 address.
	CodeIP6Invalid = "spf.ip6.invalid"
	// CodeIP6IsIPv4 (error): an IPv4 address under ip6.
	CodeIP6IsIPv4 = "spf.ip6.is_ipv4"
	// CodeIP6IPv4Mapped (warning): an IPv4-mapped IPv6 address under ip6, which IPv4 clients never match.
	CodeIP6IPv4Mapped = "spf.ip6.ipv4_mapped"
	// CodeCIDRInvalid (error): a prefix length that is missing, out of range, has leading zeros, or is doubled on ip4/ip6.
	CodeCIDRInvalid = "spf.cidr.invalid"
	// CodeCIDRHostBits (warning): an address with bits set beyond its prefix length; it evaluates as the network.
	CodeCIDRHostBits = "spf.cidr.host_bits"
	// CodeCIDRWide (warning): a prefix shorter than /16 (IPv4) or /32 (IPv6), /0 included.
	CodeCIDRWide = "spf.cidr.wide"
	// CodeIPNonPublic (warning): a private, loopback, link-local, shared, multicast or reserved address: mail from the internet never comes from it.
	CodeIPNonPublic = "spf.ip.non_public"
	// CodeIPDocumentation (warning): an address reserved for documentation (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20).
	CodeIPDocumentation = "spf.ip.documentation"
	// CodePTRDiscouraged (warning): the ptr mechanism, which SHOULD NOT be published (RFC 7208 §5.5).
	CodePTRDiscouraged = "spf.ptr.discouraged"

	// CodeAllPass (warning): "+all" (or bare "all"): anyone may send as the domain.
	CodeAllPass = "spf.all.pass"
	// CodeAllNeutral (warning): "?all": no assertion about other senders.
	CodeAllNeutral = "spf.all.neutral"
	// CodeAllSoftfail (info): "~all": other senders get softfail.
	CodeAllSoftfail = "spf.all.softfail"
	// CodeAllFail (info): "-all": other senders get fail.
	CodeAllFail = "spf.all.fail"
	// CodeAllMissing (warning): neither "all" nor redirect: unmatched senders get neutral.
	CodeAllMissing = "spf.all.missing"

	// CodeRedirectIgnored (warning): a redirect in a record that has "all", which makes receivers ignore it (RFC 7208 §6.1).
	CodeRedirectIgnored = "spf.redirect.ignored"
	// CodeRedirectNotLast (info): redirect is not the last term (RFC 7208 §6.1 SHOULD).
	CodeRedirectNotLast = "spf.redirect.not_last"
	// CodeModifierDuplicate (error): redirect or exp appears twice (permerror, RFC 7208 §6).
	CodeModifierDuplicate = "spf.modifier.duplicate"
	// CodeModifierInvalidName (error): a name=value term whose name is not a valid modifier name ("=all", "1up=x").
	CodeModifierInvalidName = "spf.modifier.invalid_name"
	// CodeModifierQualifier (error): a qualifier in front of a modifier ("-redirect=…").
	CodeModifierQualifier = "spf.modifier.qualifier"
	// CodeModifierMechanism (warning): a mechanism written with "=" ("include=…", "ip4=…"): it is an unknown modifier that receivers ignore, so the mechanism never takes effect.
	CodeModifierMechanism = "spf.modifier.mechanism_name"
	// CodeModifierUnknown (info): an unknown modifier, which receivers ignore (RFC 7208 §6).
	CodeModifierUnknown = "spf.modifier.unknown"

	// CodeLookupsTooMany (error): more than 10 terms that cost DNS lookups; evaluation reaching the 11th returns permerror (RFC 7208 §4.6.4).
	CodeLookupsTooMany = "spf.lookups.too_many"
	// CodeIncludeSelf (error): an include whose target is the domain being evaluated (%{d}, or the record's own name) or the sender's domain where evaluation starts (%{o}): a loop that ends in permerror.
	CodeIncludeSelf = "spf.include.self"
	// CodeRedirectSelf (error): a redirect (one that applies: no "all") whose target is the domain being evaluated or the sender's domain, likewise a loop.
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
