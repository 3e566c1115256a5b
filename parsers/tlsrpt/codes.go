package tlsrpt

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
	// CodeVersionMissing (error): the record does not start with a v field
	// and has none; senders discard it (RFC 8460 §3).
	// Fix: insert "v=TLSRPTv1; " before the first field when the record has a rua field (in any case); none otherwise: a text with no rua is not known to be meant for TLS-RPT.
	CodeVersionMissing = "tls-rpt.version.missing"
	// CodeVersionInvalid (error): the first field is v (in any case) but not
	// exactly "v=TLSRPTv1" (another version, wrong case, a ";" missing
	// after it). Args: field, the field as written.
	// Fix: the field becomes "v=TLSRPTv1" when its value is TLSRPT in another case or with another number ("tlsrptv1", "TLSRPTv2": v1 is the only version); a ";" after "v=TLSRPTv1" when the next field follows it after a blank ("v=TLSRPTv1 rua=…"); none for another record's version ("v=DMARC1") or blanks around "=" (CodeFieldWhitespace has that fix).
	CodeVersionInvalid = "tls-rpt.version.invalid"
	// CodeVersionNotFirst (error): a v field that is not the first field.
	// Args: field.
	// Fix: move it to the front as "v=TLSRPTv1; " (the fields before it follow, in their order) when its value is one CodeVersionInvalid corrects; none for another value, or blanks around "=".
	CodeVersionNotFirst = "tls-rpt.version.not_first"
	// CodeVersionSpacing (warning): blanks between "v=TLSRPTv1" and its
	// ";": the grammar allows them, but §3 discards records that do not
	// begin with "v=TLSRPTv1;", so a sender reading that literally drops it.
	// Fix: delete the blanks before the ";".
	CodeVersionSpacing = "tls-rpt.version.spacing"
	// CodeRecordLeading (error): blanks or ";" before v=TLSRPTv1: the record
	// does not begin with it, and senders discard it.
	// Fix: delete the blanks and ";" before the first field.
	CodeRecordLeading = "tls-rpt.record.leading"
	// CodeRecordTrailing (warning): blanks at the end of the record with no
	// ";" before them, which the grammar does not allow (a strict sender
	// reads them as part of the last URI).
	// Fix: delete the blanks.
	CodeRecordTrailing = "tls-rpt.record.trailing"
	// CodeRecordMultiple (error): several TLS-RPT records at one name:
	// senders assume the domain does not implement TLS-RPT (RFC 8460 §3).
	// Built by MultipleFinding. Args: count.
	// Fix: none: which record to keep (or how to merge their rua lists) is the owner's choice.
	CodeRecordMultiple = "tls-rpt.record.multiple"
	// CodeOwnerMismatch (error): the record's owner is not
	// _smtp._tls.<domain>, where senders look. Args: owner.
	// Fix: none: the value may be right and its name is what is wrong, which no edit of the value corrects.
	CodeOwnerMismatch = "tls-rpt.owner.mismatch"

	// CodeFieldSyntax (error): a part between semicolons that is not
	// name=value: not the key/value pairs senders must accept. Args: text.
	// Fix: none: what the part was meant to say is unknown.
	CodeFieldSyntax = "tls-rpt.field.syntax"
	// CodeFieldWhitespace (error): blanks around "=" ("rua = mailto:…"),
	// which the grammar does not allow: %s"rua=" is one token. Args: name.
	// Fix: delete the blanks around "=".
	CodeFieldWhitespace = "tls-rpt.field.whitespace"
	// CodeFieldCase (error): "RUA=" or "V=" after the first field: names are
	// case-sensitive, so it is an unknown extension. Args: name, want.
	// Fix: write "rua" for "RUA" (any case) when the record has no rua of its own; none for "V" (a second version field is the owner's to delete, not rename) or when a rua is there (it would be a duplicate).
	CodeFieldCase = "tls-rpt.field.case"
	// CodeFieldDuplicate (warning): a field name written again; RFC 8460
	// does not say which one senders use. Args: name.
	// Fix: a repeat with the same value is deleted with the ";" before it; a second rua's URIs join the first rua's list (", " and them after its last URI), so no address is lost; none for another repeat, or one with blanks around "=".
	CodeFieldDuplicate = "tls-rpt.field.duplicate"
	// CodeSeparatorStray (warning): an empty part between semicolons
	// (";;"), which the grammar does not allow.
	// Fix: delete the extra ";".
	CodeSeparatorStray = "tls-rpt.separator.stray"
	// CodeExtensionUnknown (info): a well-formed field TLS-RPT does not
	// define; senders ignore it (RFC 8460 §3). Args: name.
	// Fix: none: senders ignore the field, and whether it is wanted is the owner's to say.
	CodeExtensionUnknown = "tls-rpt.extension.unknown"
	// CodeExtensionInvalid (warning): a field whose name or value the
	// grammar of tlsrpt-extension does not allow. Args: name, part
	// ("name", "value" or "empty").
	// Fix: none: what the extension's name or value should be is its author's.
	CodeExtensionInvalid = "tls-rpt.extension.invalid"

	// CodeRUAMissing (error): a TLS-RPT record without rua=, which is
	// required: no reports.
	// Fix: append "; rua=mailto:{{report-address}}" ("rua=…" after a final ";"): the address is the owner's; none when a part is no name=value (it may be the rua meant: tls-rpt.field.syntax).
	CodeRUAMissing = "tls-rpt.rua.missing"
	// CodeRUAEmpty (error): rua= with no URI at all: no reports.
	// Fix: write "mailto:{{report-address}}" as its value.
	CodeRUAEmpty = "tls-rpt.rua.empty"
	// CodeURIEmpty (warning): an empty entry between commas in rua=.
	// Fix: delete the extra ",".
	CodeURIEmpty = "tls-rpt.uri.empty"
	// CodeURIInvalid (error): not a URI (RFC 3986). Args: uri, problem (an
	// internal/uri Problem name).
	// Fix: none: what the URI should be is unknown.
	CodeURIInvalid = "tls-rpt.uri.invalid"
	// CodeURIBang (error): a "!" in the URI, which RFC 8460 §3 says must be
	// encoded; DMARC's "!10m" size limit does not exist in TLS-RPT. Args:
	// uri, suffix (from the "!" on).
	// Fix: delete a DMARC size limit ("!10m": digits and an optional k, m, g or t); none for another "!" (whether the server reads "%21" as the "!" meant is the server's).
	CodeURIBang = "tls-rpt.uri.bang"
	// CodeURIObfuscated (error): "[email protected]", what web-page
	// address obfuscation shows instead of an address. Args: uri.
	// Fix: the URI becomes "mailto:{{report-address}}": the real address is not in the text.
	CodeURIObfuscated = "tls-rpt.uri.obfuscated"
	// CodeURISchemeMissing (error): no scheme ("reports@example.com"
	// without "mailto:"). Args: uri.
	// Fix: insert "mailto:" before an address with "@"; none for a URI without one (which https: URL it meant is unknown).
	CodeURISchemeMissing = "tls-rpt.uri.scheme_missing"
	// CodeURISchemeUnsupported (error): a scheme other than mailto: and
	// https:; senders deliver nothing there. Args: uri, scheme.
	// Fix: write "https" for "http"; none for another scheme.
	CodeURISchemeUnsupported = "tls-rpt.uri.scheme_unsupported"
	// CodeURIAddressInvalid (error): a mailto: URI whose address is not
	// one. Args: uri, problem.
	// Fix: delete the "//" of "mailto://"; none for another problem: the address is the owner's.
	CodeURIAddressInvalid = "tls-rpt.uri.address_invalid"
	// CodeURIHostInvalid (error): an https: URI with no usable host. Args:
	// uri, problem.
	// Fix: insert the "//" missing after "https:" ("https:reports.example.com/"); none for another problem.
	CodeURIHostInvalid = "tls-rpt.uri.host_invalid"
	// CodeURIDuplicate (warning): the same URI twice in rua=. Args: uri.
	// Fix: delete the repeat and the "," before it.
	CodeURIDuplicate = "tls-rpt.uri.duplicate"
)

// Sections cited.
const (
	refRecord    = "RFC 8460 §3"   // the _smtp._tls record and its grammar
	refMailto    = "RFC 8460 §5.3" // reports by e-mail
	refHTTPS     = "RFC 8460 §5.4" // reports by HTTPS POST
	refURI       = "RFC 3986 §2"   // URI characters
	refMailtoURI = "RFC 6068 §2"   // mailto: syntax
)

// AllCodes lists every finding code this package can produce.
var AllCodes = []string{
	CodeVersionMissing, CodeVersionInvalid, CodeVersionNotFirst, CodeVersionSpacing,
	CodeRecordLeading, CodeRecordTrailing, CodeRecordMultiple, CodeOwnerMismatch,
	CodeFieldSyntax, CodeFieldWhitespace, CodeFieldCase, CodeFieldDuplicate, CodeSeparatorStray,
	CodeExtensionUnknown, CodeExtensionInvalid, CodeRUAMissing, CodeRUAEmpty,
	CodeURIEmpty, CodeURIInvalid, CodeURIBang, CodeURIObfuscated, CodeURISchemeMissing,
	CodeURISchemeUnsupported, CodeURIAddressInvalid, CodeURIHostInvalid, CodeURIDuplicate,
}

// finding builds a finding from its code, span and Args by the code's
// rule (messages.go).
func finding(code string, span explain.Span, args explain.Args) explain.Finding {
	return rules.Finding(code, span, args)
}

// MultipleFinding is the finding a caller adds to each of n TLS-RPT
// records found at one name (n > 1); span is the record's span in the
// caller's input.
func MultipleFinding(span explain.Span, n int) explain.Finding {
	return finding(CodeRecordMultiple, span, explain.Args{"count": strconv.Itoa(n)})
}
