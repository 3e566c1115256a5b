package dmarc

import "github.com/mxplain/mxplain/parsers/explain"

// Finding codes. Each is stable; the comment says when it fires and with which
// severity.
const (
	// CodeVersionMissing (error): no v=DMARC1 tag at all; receivers ignore the
	// record (RFC 9989 §4.7).
	CodeVersionMissing = "dmarc.version.missing"
	// CodeVersionInvalid (error): the v tag's value is not exactly "DMARC1"
	// (wrong case, another version, a missing ";" after it).
	CodeVersionInvalid = "dmarc.version.invalid"
	// CodeVersionNotFirst (error): a v tag is present but is not the first tag.
	CodeVersionNotFirst = "dmarc.version.not_first"
	// CodeRecordWhitespace (error): the record starts with whitespace, so it
	// does not start with the v tag and receivers discard it (RFC 9989 §4.10
	// step 2, the ABNF of §4.8).
	CodeRecordWhitespace = "dmarc.record.whitespace"
	// CodeRecordIllegalChar (error): a line break, other control byte or
	// non-ASCII character (a no-break space, a curly quote) outside the
	// report URIs, which the ABNF allows nowhere (RFC 9989 §4.8): receivers
	// that follow it discard the tag the character is in.
	CodeRecordIllegalChar = "dmarc.record.illegal_char"
	// CodeRecordMultiple (error): more than one DMARC record at one name; all
	// are discarded (RFC 9989 §4.10). Built by MultipleFinding for callers that
	// see all the records at a name.
	CodeRecordMultiple = "dmarc.record.multiple"
	// CodeRecordNoPolicy (error): no valid p (or an invalid sp/np) and no valid
	// rua URI, so receivers apply no DMARC processing at all (RFC 9989 §4.10.1).
	CodeRecordNoPolicy = "dmarc.record.no_policy"

	// CodeTagDuplicate (error): a tag appears more than once; RFC 6376 §3.2
	// makes the whole tag-list invalid.
	CodeTagDuplicate = "dmarc.tag.duplicate"
	// CodeTagUnknown (warning): a tag DMARC does not define; receivers ignore it.
	CodeTagUnknown = "dmarc.tag.unknown"
	// CodeTagCase (warning): a known tag written in upper case; tag names are
	// case-sensitive (RFC 6376 §3.2).
	CodeTagCase = "dmarc.tag.case"
	// CodeTagEmpty (warning): a tag with an empty value; it is ignored and its
	// default applies.
	CodeTagEmpty = "dmarc.tag.empty"
	// CodeTagSyntax (warning): a part between semicolons that is not tag=value
	// (no "=", or a tag name that is not letters); receivers ignore it.
	CodeTagSyntax = "dmarc.tag.syntax"
	// CodeSeparatorStray (info): an empty part between semicolons (";;" or a
	// leading ";"), not allowed by the ABNF but tolerated by most parsers.
	CodeSeparatorStray = "dmarc.separator.stray"

	// CodePMissing (warning): no p tag; RFC 9989 receivers treat the record as
	// p=none when rua holds a valid URI.
	CodePMissing = "dmarc.p.missing"
	// CodePNotSecond (info): p is present but not right after v. RFC 9989
	// allows any order; RFC 7489's grammar (§6.4) put p second.
	CodePNotSecond = "dmarc.p.not_second"
	// CodePInvalid (error): p is not none, quarantine or reject.
	CodePInvalid = "dmarc.p.invalid"
	// CodePNone (info): p=none, monitoring only.
	CodePNone = "dmarc.p.none"
	// CodeSPInvalid (error): sp is not none, quarantine or reject.
	CodeSPInvalid = "dmarc.sp.invalid"
	// CodeSPWeaker (warning): sp is weaker than p.
	CodeSPWeaker = "dmarc.sp.weaker"
	// CodeNPInvalid (error): np is not none, quarantine or reject.
	CodeNPInvalid = "dmarc.np.invalid"
	// CodeNPWeaker (warning): the policy for non-existent subdomains is weaker
	// than the one for existing names.
	CodeNPWeaker = "dmarc.np.weaker"
	// CodeADKIMInvalid (error): adkim is not r or s; the default r applies.
	CodeADKIMInvalid = "dmarc.adkim.invalid"
	// CodeASPFInvalid (error): aspf is not r or s; the default r applies.
	CodeASPFInvalid = "dmarc.aspf.invalid"
	// CodeFOInvalid (error): fo is not a valid option list.
	CodeFOInvalid = "dmarc.fo.invalid"
	// CodeFORedundant (warning): an fo option written twice, or 0 next to 1
	// (which covers every case 0 does): RFC 7489 allowed it, RFC 9989's
	// grammar does not, so a strict parser may discard the tag.
	CodeFORedundant = "dmarc.fo.redundant"
	// CodeFOWithoutRUF (info): fo without ruf has no effect.
	CodeFOWithoutRUF = "dmarc.fo.without_ruf"
	// CodePSDInvalid (error): psd is not y, n or u.
	CodePSDInvalid = "dmarc.psd.invalid"
	// CodePSDYes (info): psd=y declares the domain a public suffix domain.
	CodePSDYes = "dmarc.psd.y"
	// CodeTInvalid (error): t is not y or n.
	CodeTInvalid = "dmarc.t.invalid"
	// CodeTTesting (info): t=y, testing mode: one level below the policy.
	CodeTTesting = "dmarc.t.testing"

	// CodeRUAMissing (warning): no rua tag (or no usable rua URI): no
	// aggregate reports.
	CodeRUAMissing = "dmarc.rua.missing"
	// CodeRUFPresent (info): failure reports requested; few receivers send them.
	CodeRUFPresent = "dmarc.ruf.present"

	// CodeURIObfuscated (error): the address reads "[email protected]", the
	// text web-page e-mail obfuscation shows in place of a real address.
	CodeURIObfuscated = "dmarc.uri.obfuscated"
	// CodeURISchemeMissing (error): a bare address without "mailto:".
	CodeURISchemeMissing = "dmarc.uri.scheme_missing"
	// CodeURISchemeUnsupported (warning): a scheme other than mailto:;
	// receivers that do not support it ignore the URI.
	CodeURISchemeUnsupported = "dmarc.uri.scheme_unsupported"
	// CodeURIInvalid (error): not a URI (RFC 3986): a character a URI cannot
	// hold (non-ASCII, a space), a "%" not followed by two hex digits, a
	// second "#".
	CodeURIInvalid = "dmarc.uri.invalid"
	// CodeURIAddressInvalid (error): a mailto: URI whose address is not a
	// valid e-mail address.
	CodeURIAddressInvalid = "dmarc.uri.address_invalid"
	// CodeURISizeInvalid (error): a "!" suffix that is not digits with an
	// optional k, m, g or t.
	CodeURISizeInvalid = "dmarc.uri.size_invalid"
	// CodeURISizeObsolete (info): a valid "!size" suffix, obsolete in RFC
	// 9989 and ignored by its reporters.
	CodeURISizeObsolete = "dmarc.uri.size_obsolete"
	// CodeURIEmpty (warning): an empty entry in a URI list (stray comma).
	CodeURIEmpty = "dmarc.uri.empty"
	// CodeURIMany (info): more than two usable URIs in rua or ruf; RFC 7489
	// receivers need send reports to only two (RFC 7489 §6.2), RFC 9989
	// ones to each (§4.6). On the third and later URIs.
	CodeURIMany = "dmarc.uri.many"
	// CodeURIDuplicate (warning): a URI that names the same destination as
	// an earlier one of the same list.
	CodeURIDuplicate = "dmarc.uri.duplicate"
	// CodeURIExternal (info): reports go to a domain outside the owner's
	// organizational domain, which must authorise them.
	CodeURIExternal = "dmarc.uri.external"

	// CodePctRemoved (warning): pct, removed by RFC 9989.
	CodePctRemoved = "dmarc.pct.removed"
	// CodeRFRemoved (warning): rf, removed by RFC 9989.
	CodeRFRemoved = "dmarc.rf.removed"
	// CodeRIRemoved (warning): ri, removed by RFC 9989.
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
	return explain.Finding{Severity: explain.Error, Code: CodeRecordMultiple, Span: span, Ref: "RFC 9989 §4.10",
		Message: msgMultiple(n)}
}
