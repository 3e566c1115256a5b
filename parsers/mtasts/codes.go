package mtasts

import "github.com/mxplain/mxplain/parsers/explain"

// Finding codes of the TXT record (RFC 8461 §3.1). Each is stable; the
// comment says when it fires, its severity and its Args, and the fix its
// findings carry (explain.Fix), or why none. Explain and ExplainPolicy
// keep a fix only when it clears its finding and adds no error
// (explain.KeepFixes).
const (
	// CodeRecordEmpty (error): the value is empty or only blanks.
	// Fix: none: nothing was written to correct; what to publish is the owner's.
	CodeRecordEmpty = "mta-sts.record.empty"
	// CodeRecordWhitespace (error): the value starts with blanks, so it does
	// not begin with "v=STSv1;" and senders discard it. Args: count.
	// Fix: delete the blanks.
	CodeRecordWhitespace = "mta-sts.record.whitespace"
	// CodeRecordTrailing (warning): blanks after the last field with no ";"
	// after them, which the ABNF does not allow (most senders trim them).
	// Fix: delete the blanks.
	CodeRecordTrailing = "mta-sts.record.trailing_whitespace"
	// CodeRecordMultiple (error): more than one record beginning with
	// "v=STSv1;" at one name: senders use none of them. Args: count.
	// Fix: none: which record to keep (the one with the current id) is the owner's to say.
	CodeRecordMultiple = "mta-sts.record.multiple"
	// CodeRecordOwner (error): the record is published at a name other than
	// _mta-sts.<domain>, where senders never look. Args: owner.
	// Fix: none: the value may be right and its name is what is wrong, which no edit of the value corrects.
	CodeRecordOwner = "mta-sts.record.owner"

	// CodeVersionMissing (error): no v field at all.
	// Fix: insert "v=STSv1; " before the first field when the record has an id field (in any case); none otherwise: a text with no id is not known to be meant for MTA-STS.
	CodeVersionMissing = "mta-sts.version.missing"
	// CodeVersionNotFirst (error): a v field that is not the first field.
	// Args: field.
	// Fix: move it to the front as "v=STSv1; " (the fields before it follow, in their order) when its value is one CodeVersionInvalid corrects; none for another value.
	CodeVersionNotFirst = "mta-sts.version.not_first"
	// CodeVersionInvalid (error): the first field is v but not exactly
	// "v=STSv1" (case, another version, blanks). Args: field, value.
	// Fix: the field becomes "v=STSv1" when its value is STS in another case or with another number ("stsv1", "STSv2": STSv1 is the only version); none for another value.
	CodeVersionInvalid = "mta-sts.version.invalid"
	// CodeVersionSpacing (warning): "v=STSv1" followed by blanks before its
	// ";": the ABNF allows it, but §3.1 keeps records that begin with
	// "v=STSv1;" and senders that test that prefix discard this one.
	// Fix: delete the blanks before the ";".
	CodeVersionSpacing = "mta-sts.version.spacing"

	// CodeIDMissing (error): no id field.
	// Fix: append "; id={{policy-id}}" ("id=…" after a final ";"): the id is the owner's to choose, and it must change whenever the policy does (§3.1); none when a field that could not be read may be the id.
	CodeIDMissing = "mta-sts.id.missing"
	// CodeIDInvalid (error): the id is empty or holds a character other than
	// a letter or digit. Args: id, char (the first bad one; "" when empty).
	// Fix: the id without what is not a letter or digit ("2024-01-01" → "20240101"); the slot {{policy-id}} when nothing is left, or more than 32 characters, or the id is empty.
	CodeIDInvalid = "mta-sts.id.invalid"
	// CodeIDTooLong (error): the id is longer than 32 characters. Args: id,
	// length.
	// Fix: the slot {{policy-id}} in place of the id: cutting it would be an id the owner did not choose.
	CodeIDTooLong = "mta-sts.id.too_long"

	// CodeFieldSyntax (error): a field that is not name=value: no "=", or
	// blanks around its "=". Args: field, problem ("no_equals", "blank").
	// Fix: delete the blanks around "=" ("id = 1" → "id=1"); a ";" after the first word of the value when a field follows it after a blank ("v=STSv1 id=1"); none for a part with no "=" or blanks inside its name.
	CodeFieldSyntax = "mta-sts.field.syntax"
	// CodeFieldChar (error): a field holds a control byte or a character
	// that is not US-ASCII. Args: field, char, offset.
	// Fix: delete the character (a no-break space, a control byte or a letter that is not ASCII); the record is ASCII (§3.1).
	CodeFieldChar = "mta-sts.field.char"
	// CodeFieldEmpty (warning): an empty field between two ";" (or a
	// leading ";"): not in the ABNF; most senders skip it.
	// Fix: delete the extra ";".
	CodeFieldEmpty = "mta-sts.field.empty"
	// CodeFieldCase (warning): "ID=" or "V=": field names are
	// case-sensitive, so senders read it as an unknown extension. Args:
	// field, name, want.
	// Fix: write "id" for "ID" when the record has no id field of its own; none for "V" (a second version field is the owner's to delete) or when an id is there.
	CodeFieldCase = "mta-sts.field.case"
	// CodeFieldDuplicate (warning): a field name written again; senders use
	// the first and ignore this one (§3.2). Args: name.
	// Fix: delete a repeat of the same value with the ";" before it; none for another value: which id is the current one is the owner's to say.
	CodeFieldDuplicate = "mta-sts.field.duplicate"

	// CodeExtensionInvalid (error): an extension field whose name or value
	// breaks the ABNF (§3.1): the record is invalid. Args: field, problem
	// ("name", "name_length", "value", "empty").
	// Fix: none: what the extension's name or value should be is its author's.
	CodeExtensionInvalid = "mta-sts.extension.invalid"
	// CodeExtensionUnknown (info): an extension field; none is defined, so
	// senders ignore it. Args: name.
	// Fix: none: senders ignore the field, and whether it is wanted is the owner's to say.
	CodeExtensionUnknown = "mta-sts.extension.unknown"
)

// Finding codes of the policy file (RFC 8461 §3.2), with their fixes as
// above: spans are offsets into the file.
const (
	// CodePolicyEmpty (error): the policy file is empty or only blanks.
	// Fix: none: what the policy says (its mode, its hosts, how long it is cached) is the owner's.
	CodePolicyEmpty = "mta-sts.policy.empty"
	// CodePolicyBOM (error): the file starts with a UTF-8 byte order mark,
	// so its first key is not "version".
	// Fix: delete the byte order mark.
	CodePolicyBOM = "mta-sts.policy.bom"
	// CodePolicyTooLarge (warning): the file is larger than 64 KiB, the size
	// cap §3.3 suggests to senders. Args: bytes.
	// Fix: none: what to cut is the owner's choice.
	CodePolicyTooLarge = "mta-sts.policy.too_large"

	// CodeLineSyntax (error): a line that is not "key: value": no ":", or a
	// key that is not a field name. Args: line, problem ("no_colon",
	// "key").
	// Fix: ": " in place of the "=" or blanks between a key of the RFC and its value ("mode=enforce", "mode enforce"); none for another line (what it meant is unknown).
	CodeLineSyntax = "mta-sts.policy.line.syntax"
	// CodeLineBlank (warning): an empty line; the ABNF has none, most
	// senders skip it.
	// Fix: delete the line.
	CodeLineBlank = "mta-sts.policy.line.blank"
	// CodeLineWhitespace (warning): blanks before the key or between the key
	// and its ":"; not in the ABNF, read here as most senders read it.
	// Args: key, where ("start", "colon").
	// Fix: delete the blanks.
	CodeLineWhitespace = "mta-sts.policy.line.whitespace"
	// CodeLineChar (error): a control byte (a lone CR included) or bytes
	// that are not UTF-8 in a line. Args: char, offset.
	// Fix: a lone CR with more of the line after it becomes the file's line end (CRLF when its first line ends so, else LF); another byte (a CR at the end of a line among them) is deleted.
	CodeLineChar = "mta-sts.policy.line.char"

	// CodeKeyCase (warning): a known key in the wrong case ("Mode"): keys
	// are case-sensitive, so senders ignore the line. Args: key, want.
	// Fix: the key as the RFC writes it, unless the file has a line with that key (but mx) already: it would be a duplicate.
	CodeKeyCase = "mta-sts.policy.key.case"
	// CodeKeyMisspelled (warning): a key that looks like a known one
	// ("max-age", "maxage"); senders ignore it. Args: key, want.
	// Fix: as mta-sts.policy.key.case.
	CodeKeyMisspelled = "mta-sts.policy.key.misspelled"
	// CodeKeyUnknown (info): a key the RFC does not define; senders ignore
	// it. Args: key.
	// Fix: none: senders ignore it, and whether it is wanted is the owner's to say.
	CodeKeyUnknown = "mta-sts.policy.key.unknown"
	// CodeKeyDuplicate (warning): version, mode or max_age written again;
	// senders use the first and ignore this one (§3.2). Args: key, value,
	// first (the value used).
	// Fix: delete the line when its value is the first one's; none for another value: which one is meant is the owner's to say.
	CodeKeyDuplicate = "mta-sts.policy.key.duplicate"

	// CodeVersionMissingPolicy (error): no "version" line.
	// Fix: insert the line "version: STSv1" first (after a byte order mark); none when a line could not be read or has a known key written wrong (it may be the version line: its own finding has the fix).
	CodeVersionMissingPolicy = "mta-sts.policy.version.missing"
	// CodeVersionInvalidPolicy (error): version is not exactly "STSv1".
	// Args: value.
	// Fix: "STSv1" when the value is STS in another case or with another number ("stsv1", "STSv2"); none for another value.
	CodeVersionInvalidPolicy = "mta-sts.policy.version.invalid"

	// CodeModeMissing (error): no "mode" line.
	// Fix: none: which mode is the owner's choice (testing first, then enforce, §5).
	CodeModeMissing = "mta-sts.policy.mode.missing"
	// CodeModeInvalid (error): mode is not enforce, testing or none. Args:
	// value.
	// Fix: the mode the value is in another case, a prefix of, or starts with ("Enforce", "test", "enforced"); none for another value.
	CodeModeInvalid = "mta-sts.policy.mode.invalid"
	// CodeModeTesting (info): mode testing: failures are reported, mail is
	// delivered anyway (§5).
	// Fix: none: testing is a mode to pass through on the way to enforce, and when to move on is the owner's choice.
	CodeModeTesting = "mta-sts.policy.mode.testing"
	// CodeModeNone (info): mode none: the domain withdraws MTA-STS (§5,
	// §8.3).
	// Fix: none: nothing is wrong.
	CodeModeNone = "mta-sts.policy.mode.none"

	// CodeMaxAgeMissing (error): no "max_age" line.
	// Fix: none: how long senders cache the policy is the owner's choice.
	CodeMaxAgeMissing = "mta-sts.policy.max_age.missing"
	// CodeMaxAgeInvalid (error): max_age is not 1 to 10 digits. Args: value.
	// Fix: the digits when the value is digits with thousands separators ("604,800", "604_800"); none for another value.
	CodeMaxAgeInvalid = "mta-sts.policy.max_age.invalid"
	// CodeMaxAgeRange (error): max_age is over 31557600 (one year). Args:
	// value.
	// Fix: 31557600, the largest max_age.
	CodeMaxAgeRange = "mta-sts.policy.max_age.range"
	// CodeMaxAgeShort (warning): mode enforce with max_age under a day.
	// Args: seconds, duration.
	// Fix: none: how long senders cache the policy is the owner's choice.
	CodeMaxAgeShort = "mta-sts.policy.max_age.short"
	// CodeMaxAgeLow (info): mode enforce with max_age under a week, or mode
	// testing under a day; §3.2 expects weeks or more. Args: seconds,
	// duration, mode.
	// Fix: none: as mta-sts.policy.max_age.short.
	CodeMaxAgeLow = "mta-sts.policy.max_age.low"

	// CodeMXMissing (error): no "mx" line and mode is not none.
	// Fix: append the line "mx: {{host}}" (after a line end, when the file does not end with one): the hosts are the owner's; none when a line could not be read or has a known key written wrong.
	CodeMXMissing = "mta-sts.policy.mx.missing"
	// CodeMXInvalid (error): an mx value that is neither a host name nor
	// "*." and a domain. Args: value, problem ("empty", "wildcard", "ip",
	// "url", "label", "empty_label", "label_length", "name_length").
	// Fix: the slot {{host}} for an empty value, an IP address or an e-mail address; the host name of a URL ("smtp://mail.example.com:25/" → "mail.example.com"); the name without its empty labels ("mail..example.com"); each only when it is a pattern; none for a misplaced "*" or a label or name too long.
	CodeMXInvalid = "mta-sts.policy.mx.invalid"
	// CodeMXList (error): several names on one mx line; each needs its own
	// "mx:" line (§3.2). Args: value.
	// Fix: one "mx:" line per name, when each is a pattern.
	CodeMXList = "mta-sts.policy.mx.list"
	// CodeMXIDN (error): an mx value with non-ASCII letters; it must be the
	// A-label (§3.2). Args: value.
	// Fix: none: the A-label is the name as registered, which mxplain does not compute.
	CodeMXIDN = "mta-sts.policy.mx.idn"
	// CodeMXTrailingDot (warning): an mx value ending in ".": not in the
	// syntax (RFC 5321 Domain). Args: value.
	// Fix: delete the dot.
	CodeMXTrailingDot = "mta-sts.policy.mx.trailing_dot"
	// CodeMXPublicSuffix (warning): a wildcard right under a public suffix
	// ("*.com"): any host there qualifies (§10.4). Args: value, suffix.
	// Fix: none: which hosts the policy names is the owner's to say.
	CodeMXPublicSuffix = "mta-sts.policy.mx.public_suffix"
	// CodeMXDuplicate (info): the same pattern twice. Args: value.
	// Fix: delete the line.
	CodeMXDuplicate = "mta-sts.policy.mx.duplicate"
)

// Sections cited in Refs.
const (
	refRecord   = "RFC 8461 §3.1"
	refPolicy   = "RFC 8461 §3.2"
	refParsers  = "RFC 8461 §3.2" // the paragraph after the ABNF: unknown fields, duplicates
	refFetching = "RFC 8461 §3.3"
	refMatching = "RFC 8461 §4.1"
	refModes    = "RFC 8461 §5"
	refRemoving = "RFC 8461 §8.3"
	refWeak     = "RFC 8461 §10.4"
	refDiscover = "RFC 8461 §10.2"
)

// newFinding builds the finding of code at span from args (messages.go).
func newFinding(code string, span explain.Span, args explain.Args) explain.Finding {
	return rules.Finding(code, span, args)
}

// allCodes lists every code above.
var allCodes = []string{
	CodeRecordEmpty,
	CodeRecordWhitespace,
	CodeRecordTrailing,
	CodeRecordMultiple,
	CodeRecordOwner,
	CodeVersionMissing,
	CodeVersionNotFirst,
	CodeVersionInvalid,
	CodeVersionSpacing,
	CodeIDMissing,
	CodeIDInvalid,
	CodeIDTooLong,
	CodeFieldSyntax,
	CodeFieldChar,
	CodeFieldEmpty,
	CodeFieldCase,
	CodeFieldDuplicate,
	CodeExtensionInvalid,
	CodeExtensionUnknown,
	CodePolicyEmpty,
	CodePolicyBOM,
	CodePolicyTooLarge,
	CodeLineSyntax,
	CodeLineBlank,
	CodeLineWhitespace,
	CodeLineChar,
	CodeKeyCase,
	CodeKeyMisspelled,
	CodeKeyUnknown,
	CodeKeyDuplicate,
	CodeVersionMissingPolicy,
	CodeVersionInvalidPolicy,
	CodeModeMissing,
	CodeModeInvalid,
	CodeModeTesting,
	CodeModeNone,
	CodeMaxAgeMissing,
	CodeMaxAgeInvalid,
	CodeMaxAgeRange,
	CodeMaxAgeShort,
	CodeMaxAgeLow,
	CodeMXMissing,
	CodeMXInvalid,
	CodeMXList,
	CodeMXIDN,
	CodeMXTrailingDot,
	CodeMXPublicSuffix,
	CodeMXDuplicate,
}

// MultipleFinding is the error each of n records beginning with "v=STSv1;"
// at one name gets (n > 1); span is the record's span in the caller's
// input. ExplainSet adds it; inspect, which reads the records itself, too.
func MultipleFinding(span explain.Span, n int) explain.Finding {
	return newFinding(CodeRecordMultiple, span, explain.Args{"count": itoa(n)})
}
