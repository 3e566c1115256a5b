package bimi

import (
	"strconv"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Finding codes. Each is stable; the comment says when it fires and which
// Args it carries, and the fix its findings carry (explain.Fix), or why
// none. Explain keeps a fix only when it clears its finding and adds no
// error (explain.KeepFixes). Severity, section and message come from the
// rules of messages.go.
const (
	// CodeVersionMissing (error): no v tag; receivers discard the record
	// (draft-10 §7.2 step 4).
	// Fix: insert "v=BIMI1; " before the first tag when the record has an l tag (in any case); none otherwise: a text with no l is not known to be meant for BIMI.
	CodeVersionMissing = "bimi.version.missing"
	// CodeVersionInvalid (error): the first tag is v (in any case) but not
	// exactly v=BIMI1. Args: tag, as written.
	// Fix: the tag becomes "v=BIMI1" when its value is BIMI in another case or with another number ("bimi1", "BIMI2": BIMI1 is the only version); a ";" after "v=BIMI1" when the next tag follows it after a blank ("v=BIMI1 l=…"); none for another value.
	CodeVersionInvalid = "bimi.version.invalid"
	// CodeVersionNotFirst (error): v=… is not the first tag. Args: tag.
	// Fix: move it to the front as "v=BIMI1; " (the tags before it follow, in their order) when its value is one CodeVersionInvalid corrects; none for another value.
	CodeVersionNotFirst = "bimi.version.not_first"
	// CodeRecordLeading (warning): blanks before v=: DKIM's tag syntax
	// allows them, the draft's record grammar does not.
	// Fix: delete the blanks.
	CodeRecordLeading = "bimi.record.leading"
	// CodeRecordMultiple (error): several BIMI records at one name:
	// receivers show no logo (draft-10 §7.2 step 9). Built by
	// MultipleFinding. Args: count.
	// Fix: none: which record to keep is the owner's choice.
	CodeRecordMultiple = "bimi.record.multiple"
	// CodeOwnerMismatch (error): the owner is not <selector>._bimi.<domain>.
	// Args: owner.
	// Fix: none: the value may be right and its name is what is wrong, which no edit of the value corrects.
	CodeOwnerMismatch = "bimi.owner.mismatch"
	// CodeSelectorInvalid (warning): the selector is not made of host-name
	// labels (draft-10 §4.4: selector = sub-domain *("." sub-domain)), so
	// no BIMI-Selector header can name it. Args: selector.
	// Fix: none: the selector is named in the owner's BIMI-Selector headers too; renaming it is theirs to do.
	CodeSelectorInvalid = "bimi.selector.invalid"

	// CodeTagSyntax (error): a part that is not tag=value with a valid tag
	// name (RFC 6376 §3.2). Args: text.
	// Fix: none: what the part was meant to say is unknown.
	CodeTagSyntax = "bimi.tag.syntax"
	// CodeTagDuplicate (error): a tag written twice, which makes the tag
	// list invalid (RFC 6376 §3.2). Args: name.
	// Fix: delete a repeat of the same value with the ";" before it; none for another value: which one is meant is the owner's to say.
	CodeTagDuplicate = "bimi.tag.duplicate"
	// CodeTagCase (warning): a tag of the draft in the wrong case ("L=");
	// receivers must not fix it and ignore it as unknown. Args: name, want.
	// Fix: the tag name lower-cased ("L" → "l"), unless the record has that tag already (it would be a duplicate) or it is "V" (a second version tag is the owner's to delete).
	CodeTagCase = "bimi.tag.case"
	// CodeTagUnknown (info): a tag the draft does not define; ignored.
	// Args: name.
	// Fix: none: receivers ignore it, and whether it is wanted is the owner's to say.
	CodeTagUnknown = "bimi.tag.unknown"
	// CodeSeparatorStray (warning): an empty part between semicolons.
	// Fix: delete the extra ";".
	CodeSeparatorStray = "bimi.separator.stray"

	// CodeLocationMissing (error): no l tag, which is required.
	// Fix: append "; l={{logo-url}}" ("l=…" after a final ";"): the logo's URL is the owner's; none when an "L" tag is there (bimi.tag.case's fix names it l) or a part is no tag=value (it may be the l meant).
	CodeLocationMissing = "bimi.l.missing"
	// CodeLocationEmpty (error): l= is empty but a= is not: no declination,
	// and no logo either (draft-10 §7.3 step 1).
	// Fix: write the slot {{logo-url}} as its value: a= names a mark certificate, so a logo is meant (emptying a= as well, to decline, is the other way, the owner's choice).
	CodeLocationEmpty = "bimi.l.empty"
	// CodeDeclined (info): l= and a= both empty: the domain declines BIMI
	// for this selector (draft-10 §4.3.1).
	// Fix: none: nothing is wrong.
	CodeDeclined = "bimi.declined"
	// CodeLocationMultiple (error): a "," in l=: several URLs, where the
	// draft allows one (commas in a URI must be encoded). Args: tag, uri.
	// Fix: none: which URL to keep (or a "," to encode as %2C) is the owner's to say.
	CodeLocationMultiple = "bimi.l.multiple"
	// CodeLocationScheme (error): l= is not an https: URI. Args: tag, uri,
	// scheme ("" when none).
	// Fix: "http" becomes "https"; a URL with no scheme ("example.com/logo.svg") gets "https://" ("https:" before "//"); none for another scheme.
	CodeLocationScheme = "bimi.l.scheme"
	// CodeLocationInvalid (error): l= is not a URI with a domain name.
	// Args: tag, uri, problem (an internal/uri Problem name).
	// Fix: none: what the URL should be is unknown.
	CodeLocationInvalid = "bimi.l.invalid"
	// CodeLocationFormat (error): l= ends in the suffix of an image format
	// other than SVG: a permanent error (draft-10 §4.3.2). Args: tag, uri,
	// suffix.
	// Fix: the slot {{logo-url}} in place of the URL: an SVG Tiny PS version of the logo is a new file, the owner's to make and publish.
	CodeLocationFormat = "bimi.l.format"

	// CodeEvidenceAbsent (info): a logo without a= (or with it empty): no
	// mark certificate.
	// Fix: none: a mark certificate comes from a certification authority, and whether to get one is the owner's choice.
	CodeEvidenceAbsent = "bimi.a.absent"
	// CodeEvidenceMultiple (error): a "," in a=. Args: tag, uri.
	// Fix: none: which URL to keep is the owner's to say.
	CodeEvidenceMultiple = "bimi.a.multiple"
	// CodeEvidenceScheme (error): a= is not an https: URI. Args: tag, uri,
	// scheme.
	// Fix: as bimi.l.scheme.
	CodeEvidenceScheme = "bimi.a.scheme"
	// CodeEvidenceInvalid (error): a= is not a URI with a domain name.
	// Args: tag, uri, problem.
	// Fix: none: what the URL should be is unknown.
	CodeEvidenceInvalid = "bimi.a.invalid"

	// CodeLPSBoolean (info): lps=true or lps=false, as draft -10 defines
	// it; draft -12 reads lps= as local-part prefixes. Args: value.
	// Fix: none: the value is what draft -10 defines.
	CodeLPSBoolean = "bimi.lps.boolean"
	// CodeLPSPrefixes (warning): lps= empty or a list of prefixes, which
	// only draft -12 defines; draft -10 receivers expect true or false.
	// Args: value.
	// Fix: none: the value is what draft -12 defines; which draft the owner's receivers follow is theirs to find out.
	CodeLPSPrefixes = "bimi.lps.prefixes"
	// CodeLPSInvalid (warning): lps= is neither true/false (draft -10) nor
	// a prefix list (draft -12). Args: value.
	// Fix: none: what the value meant is unknown ("True" is no error of case: it is a prefix list of draft -12, bimi.lps.prefixes).
	CodeLPSInvalid = "bimi.lps.invalid"
	// CodeAvatarInvalid (warning): avp= is not personal or brand: ignored
	// (brand applies), or the record failed (draft-10 §4.3). Args: value.
	// Fix: brand or personal in lower case when the value is one of them in another case ("Brand"); none for another value.
	CodeAvatarInvalid = "bimi.avp.invalid"
)

// Sections cited: the published draft -10, and the -12 source for lps=.
const (
	draft       = "draft-brand-indicators-for-message-identification-10"
	refRecord   = draft + " §4.3"   // the assertion record and its tags
	refDecline  = draft + " §4.3.1" // declination to publish
	refFormat   = draft + " §4.3.2" // SVG only
	refSelector = draft + " §4.4"
	refLPS      = draft + " §4.5" // local-part selectors, lps=true
	refLPS12    = "draft-brand-indicators-for-message-identification-12 §4.5"
	refDiscover = draft + " §7.2" // assertion record discovery
	refIndic    = draft + " §7.3" // indicator discovery
	refTags     = "RFC 6376 §3.2" // tag=value lists
)

// locationCodes and evidenceCodes name the URL problems of l= and a=.
var (
	locationCodes = map[string]string{"multiple": CodeLocationMultiple, "scheme": CodeLocationScheme, "invalid": CodeLocationInvalid}
	evidenceCodes = map[string]string{"multiple": CodeEvidenceMultiple, "scheme": CodeEvidenceScheme, "invalid": CodeEvidenceInvalid}
)

// AllCodes lists every finding code this package can produce.
var AllCodes = []string{
	CodeVersionMissing, CodeVersionInvalid, CodeVersionNotFirst, CodeRecordLeading, CodeRecordMultiple,
	CodeOwnerMismatch, CodeSelectorInvalid,
	CodeTagSyntax, CodeTagDuplicate, CodeTagCase, CodeTagUnknown, CodeSeparatorStray,
	CodeLocationMissing, CodeLocationEmpty, CodeDeclined, CodeLocationMultiple, CodeLocationScheme,
	CodeLocationInvalid, CodeLocationFormat,
	CodeEvidenceAbsent, CodeEvidenceMultiple, CodeEvidenceScheme, CodeEvidenceInvalid,
	CodeLPSBoolean, CodeLPSPrefixes, CodeLPSInvalid, CodeAvatarInvalid,
}

// finding builds a finding from its code, span and Args by the code's
// rule (messages.go).
func finding(code string, span explain.Span, args explain.Args) explain.Finding {
	return rules.Finding(code, span, args)
}

// MultipleFinding is the finding a caller adds to each of n BIMI records
// found at one name (n > 1); span is the record's span in the caller's
// input.
func MultipleFinding(span explain.Span, n int) explain.Finding {
	return finding(CodeRecordMultiple, span, explain.Args{"count": strconv.Itoa(n)})
}
