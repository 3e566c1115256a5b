package tlsrpt

import (
	"strconv"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Finding codes. Each is stable; the comment says when it fires and which
// Args it carries. Severity, section and message come from the rules of
// messages.go.
const (
	// CodeVersionMissing (error): the record does not start with a v field
	// and has none; senders discard it (RFC 8460 §3).
	CodeVersionMissing = "tls-rpt.version.missing"
	// CodeVersionInvalid (error): the first field is v (in any case) but not
	// exactly "v=TLSRPTv1" (another version, wrong case, a ";" missing
	// after it). Args: field, the field as written.
	CodeVersionInvalid = "tls-rpt.version.invalid"
	// CodeVersionNotFirst (error): a v field that is not the first field.
	// Args: field.
	CodeVersionNotFirst = "tls-rpt.version.not_first"
	// CodeVersionSpacing (warning): blanks between "v=TLSRPTv1" and its
	// ";": the grammar allows them, but §3 discards records that do not
	// begin with "v=TLSRPTv1;", so a sender reading that literally drops it.
	CodeVersionSpacing = "tls-rpt.version.spacing"
	// CodeRecordLeading (error): blanks or ";" before v=TLSRPTv1: the record
	// does not begin with it, and senders discard it.
	CodeRecordLeading = "tls-rpt.record.leading"
	// CodeRecordTrailing (warning): blanks at the end of the record with no
	// ";" before them, which the grammar does not allow (a strict sender
	// reads them as part of the last URI).
	CodeRecordTrailing = "tls-rpt.record.trailing"
	// CodeRecordMultiple (error): several TLS-RPT records at one name:
	// senders assume the domain does not implement TLS-RPT (RFC 8460 §3).
	// Built by MultipleFinding. Args: count.
	CodeRecordMultiple = "tls-rpt.record.multiple"
	// CodeOwnerMismatch (error): the record's owner is not
	// _smtp._tls.<domain>, where senders look. Args: owner.
	CodeOwnerMismatch = "tls-rpt.owner.mismatch"

	// CodeFieldSyntax (error): a part between semicolons that is not
	// name=value: not the key/value pairs senders must accept. Args: text.
	CodeFieldSyntax = "tls-rpt.field.syntax"
	// CodeFieldWhitespace (error): blanks around "=" ("rua = mailto:…"),
	// which the grammar does not allow: %s"rua=" is one token. Args: name.
	CodeFieldWhitespace = "tls-rpt.field.whitespace"
	// CodeFieldCase (error): "RUA=" or "V=" after the first field: names are
	// case-sensitive, so it is an unknown extension. Args: name, want.
	CodeFieldCase = "tls-rpt.field.case"
	// CodeFieldDuplicate (warning): a field name written again; RFC 8460
	// does not say which one senders use. Args: name.
	CodeFieldDuplicate = "tls-rpt.field.duplicate"
	// CodeSeparatorStray (warning): an empty part between semicolons
	// (";;"), which the grammar does not allow.
	CodeSeparatorStray = "tls-rpt.separator.stray"
	// CodeExtensionUnknown (info): a well-formed field TLS-RPT does not
	// define; senders ignore it (RFC 8460 §3). Args: name.
	CodeExtensionUnknown = "tls-rpt.extension.unknown"
	// CodeExtensionInvalid (warning): a field whose name or value the
	// grammar of tlsrpt-extension does not allow. Args: name, part
	// ("name", "value" or "empty").
	CodeExtensionInvalid = "tls-rpt.extension.invalid"

	// CodeRUAMissing (error): a TLS-RPT record without rua=, which is
	// required: no reports.
	CodeRUAMissing = "tls-rpt.rua.missing"
	// CodeRUAEmpty (error): rua= with no URI at all: no reports.
	CodeRUAEmpty = "tls-rpt.rua.empty"
	// CodeURIEmpty (warning): an empty entry between commas in rua=.
	CodeURIEmpty = "tls-rpt.uri.empty"
	// CodeURIInvalid (error): not a URI (RFC 3986). Args: uri, problem (an
	// internal/uri Problem name).
	CodeURIInvalid = "tls-rpt.uri.invalid"
	// CodeURIBang (error): a "!" in the URI, which RFC 8460 §3 says must be
	// encoded; DMARC's "!10m" size limit does not exist in TLS-RPT. Args:
	// uri, suffix (from the "!" on).
	CodeURIBang = "tls-rpt.uri.bang"
	// CodeURIObfuscated (error): "[email protected]", what web-page
	// address obfuscation shows instead of an address. Args: uri.
	CodeURIObfuscated = "tls-rpt.uri.obfuscated"
	// CodeURISchemeMissing (error): no scheme ("reports@example.com"
	// without "mailto:"). Args: uri.
	CodeURISchemeMissing = "tls-rpt.uri.scheme_missing"
	// CodeURISchemeUnsupported (error): a scheme other than mailto: and
	// https:; senders deliver nothing there. Args: uri, scheme.
	CodeURISchemeUnsupported = "tls-rpt.uri.scheme_unsupported"
	// CodeURIAddressInvalid (error): a mailto: URI whose address is not
	// one. Args: uri, problem.
	CodeURIAddressInvalid = "tls-rpt.uri.address_invalid"
	// CodeURIHostInvalid (error): an https: URI with no usable host. Args:
	// uri, problem.
	CodeURIHostInvalid = "tls-rpt.uri.host_invalid"
	// CodeURIDuplicate (warning): the same URI twice in rua=. Args: uri.
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
