package dmarc

import (
	"strconv"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Finding codes. Each is stable; the comment says when it fires and with which
// severity, and the Args its message is written from (none when it says
// none; values are text, lists one item a line, yes-or-no arguments "true"
// or left out). Severities, sections and messages are in messages.go.
const (
	// CodeVersionMissing (error): no v=DMARC1 tag at all; receivers ignore the
	// record (RFC 9989 §4.7).
	// Args: "looks_like": "spf" or "dkim" when the value looks like one.
	// Fix: insert "v=DMARC1; " at the start when the value holds a DMARC
	// tag; none for a value that looks like another record (looks_like) or
	// holds "DMARC1" somewhere (its version is there, mangled: the other
	// findings say how), or holds no DMARC tag at all.
	CodeVersionMissing = "dmarc.version.missing"
	// CodeVersionInvalid (error): the v tag's value is not exactly "DMARC1"
	// (wrong case, another version, a missing ";" after it).
	// Args: "value": the v tag's value.
	// Fix: write DMARC1 for DMARC1 in another case or one edit from it
	// ("DMARC", "DMARC2": RFC 9989 keeps the one version); for DMARC1 run
	// into the next tags ("DMARC1 p=reject", "DMARC1, p=reject"), DMARC1 and
	// a ";" before each tag; none for another record's version or other
	// words, which are not ours to guess.
	CodeVersionInvalid = "dmarc.version.invalid"
	// CodeVersionNotFirst (error): a v tag is present but is not the first tag.
	// Args: "tag", the v tag as written, when other tags come first; or
	// "before", the text before it.
	// Fix: for "tag", the tags before it rewritten after it ("p=reject;
	// v=DMARC1" becomes "v=DMARC1; p=reject"), when its value is DMARC1 in
	// any case; for "before", delete the text before it.
	CodeVersionNotFirst = "dmarc.version.not_first"
	// CodeRecordWhitespace (error): the record starts with whitespace, so it
	// does not start with the v tag and receivers discard it (RFC 9989 §4.10
	// step 2, the ABNF of §4.8).
	// Args: "length": the bytes of whitespace.
	// Fix: delete the leading whitespace.
	CodeRecordWhitespace = "dmarc.record.whitespace"
	// CodeRecordIllegalChar (error): a line break, other control byte or
	// non-ASCII character (a no-break space, a curly quote) outside the
	// report URIs, which the ABNF allows nowhere (RFC 9989 §4.8): receivers
	// that follow it discard the tag the character is in.
	// Args: "text", the bytes; "offset", where they start in the value.
	// Fix: delete the bytes; a space instead when they are a line break or
	// a Unicode space (a no-break space) before a tag ("p=reject;⏎rua=…"),
	// where a blank separated two tags.
	CodeRecordIllegalChar = "dmarc.record.illegal_char"
	// CodeRecordMultiple (error): more than one DMARC record at one name; all
	// are discarded (RFC 9989 §4.10). Built by MultipleFinding for callers that
	// see all the records at a name.
	// Args: "count": the records at the name.
	// Fix: none here: merging records is the parsers package's plan (record.plan.merge).
	CodeRecordMultiple = "dmarc.record.multiple"
	// CodeRecordNoPolicy (error): no valid p (or an invalid sp/np) and no valid
	// rua URI, so receivers apply no DMARC processing at all (RFC 9989 §4.10.1).
	// Args: "missing": "p" when there is no p tag.
	// Fix: none of its own: the fixes of dmarc.p.missing / dmarc.p.invalid clear it.
	CodeRecordNoPolicy = "dmarc.record.no_policy"

	// CodeTagDuplicate (error): a tag appears more than once; RFC 6376 §3.2
	// makes the whole tag-list invalid.
	// Args: "tag", the name as written; "first", the first occurrence's text.
	// Fix: delete the repeat and the ";" before it (receivers that keep one keep the first).
	CodeTagDuplicate = "dmarc.tag.duplicate"
	// CodeTagUnknown (warning): a tag DMARC does not define; receivers ignore it.
	// Args: "tag" as written.
	// Fix: the tag meant ("ruaa" becomes "rua") when exactly one DMARC tag
	// is one edit away and the record does not hold it already; none when
	// two are ("xp": sp or np?) or the one is pct, which RFC 9989 removed.
	CodeTagUnknown = "dmarc.tag.unknown"
	// CodeTagCase (warning): a known tag written in upper case; tag names are
	// case-sensitive (RFC 6376 §3.2).
	// Args: "tag" as written.
	// Fix: the tag name lower-cased.
	CodeTagCase = "dmarc.tag.case"
	// CodeTagEmpty (warning): a tag with an empty value; it is ignored and its
	// default applies.
	// Args: "tag", lower-cased.
	// Fix: delete the tag and the ";" before it (its default applies
	// either way); none on a repeated tag, whose dmarc.tag.duplicate fix
	// deletes it.
	CodeTagEmpty = "dmarc.tag.empty"
	// CodeTagSyntax (warning): a part between semicolons that is not tag=value
	// (no "=", or a tag name that is not letters); receivers ignore it.
	// Args: "text": the part as written.
	// Fix: none: what the part meant is not always clear.
	CodeTagSyntax = "dmarc.tag.syntax"
	// CodeSeparatorStray (info): an empty part between semicolons (";;" or a
	// leading ";"), not allowed by the ABNF but tolerated by most parsers.
	// Fix: delete the extra ";".
	CodeSeparatorStray = "dmarc.separator.stray"

	// CodePMissing (warning): no p tag; RFC 9989 receivers treat the record as
	// p=none when rua holds a valid URI.
	// Args: "valid_rua": "true" when rua holds a valid URI.
	// Fix: insert "; p=none" after the v tag: what RFC 9989 receivers read
	// a record without p as (§4.10.1); it also clears dmarc.record.no_policy.
	CodePMissing = "dmarc.p.missing"
	// CodePNotSecond (info): p is present but not right after v. RFC 9989
	// allows any order; RFC 7489's grammar (§6.4) put p second.
	// Fix: none: any order is valid in RFC 9989.
	CodePNotSecond = "dmarc.p.not_second"
	// CodePInvalid (error): p is not none, quarantine or reject.
	// Args: "tag" ("p"); "value"; "valid_rua": "true" when rua holds a valid URI.
	// Fix: a ";" after the policy when one is missing before the next tag ("p=reject rua=…"); the nearest policy when the value is one edit from one or a prefix of one ("nonee", "rej"), else p=none (what RFC 9989 receivers apply with a valid rua, §4.10.1); none for a value of several words.
	CodePInvalid = "dmarc.p.invalid"
	// CodePNone (info): p=none, monitoring only.
	// Args: "rua": "true" when a rua tag lists URIs.
	// Fix: none: moving to enforcement takes stages (the planned dmarc.plan.enforce).
	CodePNone = "dmarc.p.none"
	// CodeSPInvalid (error): sp is not none, quarantine or reject.
	// Args: as CodePInvalid's, with "tag" "sp".
	// Fix: as dmarc.p.invalid's, but no p=none fallback: which policy subdomains get is the owner's choice.
	CodeSPInvalid = "dmarc.sp.invalid"
	// CodeSPWeaker (warning): sp is weaker than p.
	// Args: "sp" and "p", the two policies.
	// Fix: none: a weaker sp may be intended.
	CodeSPWeaker = "dmarc.sp.weaker"
	// CodeNPInvalid (error): np is not none, quarantine or reject.
	// Args: as CodePInvalid's, with "tag" "np".
	// Fix: as dmarc.sp.invalid.
	CodeNPInvalid = "dmarc.np.invalid"
	// CodeNPWeaker (warning): the policy for non-existent subdomains is weaker
	// than the one for existing names.
	// Args: "np"; "base", the policy for existing names; "from", the tag it
	// comes from ("p" or "sp").
	// Fix: none: the owner's choice.
	CodeNPWeaker = "dmarc.np.weaker"
	// CodeADKIMInvalid (error): adkim is not r or s; the default r applies.
	// Args: "tag" ("adkim"); "value".
	// Fix: the ";" missing after a valid first word ("adkim=s aspf=s");
	// none for a value of several words; s or r for a value that spells or
	// begins "strict" or "relaxed"; else delete the tag, which leaves
	// receivers on the default r they use now (RFC 9989 §4.8).
	CodeADKIMInvalid = "dmarc.adkim.invalid"
	// CodeASPFInvalid (error): aspf is not r or s; the default r applies.
	// Args: "tag" ("aspf"); "value".
	// Fix: as dmarc.adkim.invalid.
	CodeASPFInvalid = "dmarc.aspf.invalid"
	// CodeFOInvalid (error): fo is not a valid option list.
	// Args: "value"; "options", those that are not options, each quoted
	// as a Go string, one a line.
	// Fix: the ";" missing after a valid first word ("fo=1 rua=…"); else
	// the options that are options, joined by ":" (options separated by ","
	// or blanks count: "fo=1,d" becomes "fo=1:d"); else, when none is,
	// delete the tag (receivers use fo=0 either way); none when an option
	// holds words or "=".
	CodeFOInvalid = "dmarc.fo.invalid"
	// CodeFORedundant (warning): an fo option written twice, or 0 next to 1
	// (which covers every case 0 does): RFC 7489 allowed it, RFC 9989's
	// grammar does not, so a strict parser may discard the tag.
	// Args: "value"; "option", the one redundant; "zero_with_one": "true"
	// when it is a 0 next to a 1.
	// Fix: delete the redundant option and the ":" before it (after it,
	// for the first).
	CodeFORedundant = "dmarc.fo.redundant"
	// CodeFOWithoutRUF (info): fo without ruf has no effect.
	// Fix: none: adding ruf or dropping fo is the owner's choice.
	CodeFOWithoutRUF = "dmarc.fo.without_ruf"
	// CodePSDInvalid (error): psd is not y, n or u.
	// Args: "value".
	// Fix: the ";" missing after a valid first word; none for a value of
	// several words; else delete the tag, which leaves receivers on the
	// default u they use now (RFC 9989 §4.8): whether the domain is a
	// public suffix is its operator's to say.
	CodePSDInvalid = "dmarc.psd.invalid"
	// CodePSDYes (info): psd=y declares the domain a public suffix domain.
	// Fix: none: correct for a public suffix operator.
	CodePSDYes = "dmarc.psd.y"
	// CodeTInvalid (error): t is not y or n.
	// Args: "value".
	// Fix: as dmarc.psd.invalid's, the default being n: t=y would lower
	// the policy, which is the owner's choice.
	CodeTInvalid = "dmarc.t.invalid"
	// CodeTTesting (info): t=y, testing mode: one level below the policy.
	// Args: "lowers", the policies t=y lowers ("sp=reject"), one a line;
	// "pct": "true" when a pct tag is present.
	// Fix: none: testing is a stage of a rollout.
	CodeTTesting = "dmarc.t.testing"

	// CodeRUAMissing (warning): no rua tag (or no usable rua URI): no
	// aggregate reports.
	// Args: "rua": "true" when a rua tag is present (with no usable URI).
	// Fix: with no rua tag, append "; rua=mailto:{{report-address}}" after
	// the last tag; none when a rua tag holds no usable URI: the fixes of
	// its URIs' findings (or of dmarc.tag.empty) correct it.
	CodeRUAMissing = "dmarc.rua.missing"
	// CodeRUFPresent (info): failure reports requested; few receivers send them.
	// Fix: none: nothing is wrong.
	CodeRUFPresent = "dmarc.ruf.present"

	// CodeURIObfuscated (error): the address reads "[email protected]", the
	// text web-page e-mail obfuscation shows in place of a real address.
	// Args: "tag" ("rua" or "ruf"); "uri".
	// Fix: "mailto:{{report-address}}" in place of the URI.
	CodeURIObfuscated = "dmarc.uri.obfuscated"
	// CodeURISchemeMissing (error): a bare address without "mailto:".
	// Args: "tag"; "uri".
	// Fix: insert "mailto:" before the address.
	CodeURISchemeMissing = "dmarc.uri.scheme_missing"
	// CodeURISchemeUnsupported (warning): a scheme other than mailto:;
	// receivers that do not support it ignore the URI.
	// Args: "tag"; "scheme", lower-cased.
	// Fix: none: the mailto: address is the owner's to say.
	CodeURISchemeUnsupported = "dmarc.uri.scheme_unsupported"
	// CodeURIInvalid (error): not a URI (RFC 3986): a character a URI cannot
	// hold (non-ASCII, a space), a "%" not followed by two hex digits, a
	// second "#".
	// Args: "tag"; "uri"; "text", the bytes at fault; "problem": "non_ascii",
	// "char", "percent", "bang", "fragment" or "bracket".
	// Fix: for "bang", %21 for the "!" (RFC 9989 §4.8 says it MUST be
	// encoded); for blanks before another URI ("mailto:a@… mailto:b@…"), a
	// "," in their place. None otherwise: percent-encoding would make a URI
	// of what was meant no more than before: a non-ASCII character may be
	// copy-paste damage or a domain's U-label, whose A-label (xn--…) the
	// owner should write; a space or "<" inside an address, a bare "%", a
	// second "#" or a "[" leave the address unclear.
	CodeURIInvalid = "dmarc.uri.invalid"
	// CodeURIAddressInvalid (error): a mailto: URI whose address is not a
	// valid e-mail address.
	// Args: "tag"; and "uri", for a text that is not a URI, or
	// "address" and "problem" ("empty", "slashes", "no_at", "no_local_part",
	// "local_part_chars", "no_domain", "domain_no_dot", "domain_length",
	// "domain_empty_label", "label_length", "label_hyphen", "domain_char"),
	// with the "domain", "label" or "char" it is about.
	// Fix: none: the real address is the owner's to say.
	CodeURIAddressInvalid = "dmarc.uri.address_invalid"
	// CodeURISizeInvalid (error): a "!" suffix that is not digits with an
	// optional k, m, g or t.
	// Args: "tag"; "size", the text after "!".
	// Fix: delete the suffix (RFC 9989 reporters ignore size limits).
	CodeURISizeInvalid = "dmarc.uri.size_invalid"
	// CodeURISizeObsolete (info): a valid "!size" suffix, obsolete in RFC
	// 9989 and ignored by its reporters.
	// Args: "size", the text after "!"; "bytes", the limit.
	// Fix: none: harmless.
	CodeURISizeObsolete = "dmarc.uri.size_obsolete"
	// CodeURIEmpty (warning): an empty entry in a URI list (stray comma).
	// Args: "tag".
	// Fix: delete the extra comma.
	CodeURIEmpty = "dmarc.uri.empty"
	// CodeURIMany (info): more than two usable URIs in rua or ruf; RFC 7489
	// receivers need send reports to only two (RFC 7489 §6.2), RFC 9989
	// ones to each (§4.6). On the third and later URIs.
	// Args: "tag".
	// Fix: none: which addresses matter most is the owner's choice.
	CodeURIMany = "dmarc.uri.many"
	// CodeURIDuplicate (warning): a URI that names the same destination as
	// an earlier one of the same list.
	// Args: "tag"; "uri" as written.
	// Fix: delete the repeat and the "," before it.
	CodeURIDuplicate = "dmarc.uri.duplicate"
	// CodeURIExternal (info): reports go to a domain outside the owner's
	// organizational domain, which must authorise them.
	// Args: "tag"; "domain", the owner's; "host", the destination's.
	// Fix: none: the authorisation record is the other domain's.
	CodeURIExternal = "dmarc.uri.external"

	// CodePctRemoved (warning): pct, removed by RFC 9989.
	// Args: "value"; "percent", when it is a number from 0 to 100.
	// Fix: delete the tag when it is pct=100 (RFC 7489's default) or not a
	// number from 0 to 100 (which RFC 7489 receivers ignore), the same as
	// no pct to every receiver; none for 0 to 99, a stage of the
	// enforcement plan (dmarc.plan.enforce).
	CodePctRemoved = "dmarc.pct.removed"
	// CodeRFRemoved (warning): rf, removed by RFC 9989.
	// Args: "value".
	// Fix: delete the tag (and the ";" before it).
	CodeRFRemoved = "dmarc.rf.removed"
	// CodeRIRemoved (warning): ri, removed by RFC 9989.
	// Args: "value"; "seconds", when it is a number of seconds.
	// Fix: delete the tag (and the ";" before it).
	CodeRIRemoved = "dmarc.ri.removed"
)

// AllCodes lists every finding code this package can produce.
var AllCodes = []string{
	CodeVersionMissing, CodeVersionInvalid, CodeVersionNotFirst, CodeRecordWhitespace, CodeRecordIllegalChar,
	CodeRecordMultiple, CodeRecordNoPolicy,
	CodeTagDuplicate, CodeTagUnknown, CodeTagCase, CodeTagEmpty, CodeTagSyntax, CodeSeparatorStray,
	CodePMissing, CodePNotSecond, CodePInvalid, CodePNone, CodeSPInvalid, CodeSPWeaker, CodeNPInvalid, CodeNPWeaker,
	CodeADKIMInvalid, CodeASPFInvalid, CodeFOInvalid, CodeFORedundant, CodeFOWithoutRUF, CodePSDInvalid, CodePSDYes,
	CodeTInvalid, CodeTTesting, CodeRUAMissing, CodeRUFPresent,
	CodeURIObfuscated, CodeURIInvalid, CodeURISchemeMissing, CodeURISchemeUnsupported, CodeURIAddressInvalid,
	CodeURISizeInvalid, CodeURISizeObsolete, CodeURIEmpty, CodeURIMany, CodeURIDuplicate, CodeURIExternal,
	CodePctRemoved, CodeRFRemoved, CodeRIRemoved,
}

// MultipleFinding is the finding a caller adds to each of n DMARC records
// found at one name (n > 1); span is the record's span in the caller's input.
func MultipleFinding(span explain.Span, n int) explain.Finding {
	return rules.Finding(CodeRecordMultiple, span, explain.Args{"count": strconv.Itoa(n)})
}
