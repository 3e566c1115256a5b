package tlsrpt

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from
// the finding's Args alone (codes.go documents each code's Args).

import (
	"strings"

	"github.com/mxplain/mxplain/internal/uri"
	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in AllCodes.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeVersionMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionMissing}},
	{Code: CodeVersionInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionInvalid}},
	{Code: CodeVersionNotFirst, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionNotFirst}},
	{Code: CodeVersionSpacing, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgVersionSpacing}},
	{Code: CodeRecordLeading, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRecordLeading}},
	{Code: CodeRecordTrailing, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgRecordTrailing}},
	{Code: CodeRecordMultiple, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRecordMultiple}},
	{Code: CodeOwnerMismatch, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgOwnerMismatch}},
	{Code: CodeFieldSyntax, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgFieldSyntax}},
	{Code: CodeFieldWhitespace, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgFieldWhitespace}},
	{Code: CodeFieldCase, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgFieldCase}},
	{Code: CodeFieldDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgFieldDuplicate}},
	{Code: CodeSeparatorStray, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgSeparatorStray}},
	{Code: CodeExtensionUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refRecord, Message: msgExtensionUnknown}},
	{Code: CodeExtensionInvalid, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgExtensionInvalid}},
	{Code: CodeRUAMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRUAMissing}},
	{Code: CodeRUAEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRUAEmpty}},
	{Code: CodeURIEmpty, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgURIEmpty}},
	{Code: CodeURIInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refURI, Message: msgURIInvalid}},
	{Code: CodeURIBang, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgURIBang}},
	{Code: CodeURIObfuscated, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgURIObfuscated}},
	{Code: CodeURISchemeMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgURISchemeMissing}},
	{Code: CodeURISchemeUnsupported, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgURISchemeUnsupported}},
	{Code: CodeURIAddressInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refMailtoURI, Message: msgURIAddressInvalid}},
	{Code: CodeURIHostInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refHTTPS, Message: msgURIHostInvalid}},
	{Code: CodeURIDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgURIDuplicate}},
})

func msgVersionMissing(a explain.Args) string {
	return "The record does not start with “v=TLSRPTv1”: senders keep only records that begin with “v=TLSRPTv1;” (RFC 8460 §3) and ignore this one, so the domain gets no TLS reports. Start the record with “v=TLSRPTv1;”."
}

func msgVersionInvalid(a explain.Args) string {
	f := a["field"]
	switch {
	case strings.HasPrefix(f, "v=TLSRPTv1") && len(f) > len("v=TLSRPTv1"):
		return q(f) + " runs the version into what follows: a “;” is missing after “v=TLSRPTv1”. Senders read the version as " + q(strings.TrimPrefix(f, "v=")) + ", which is not TLSRPTv1, and ignore the record. Write “v=TLSRPTv1; ” before the next field."
	case strings.EqualFold(f, "v="+Version):
		return q(f) + " is not written exactly “v=TLSRPTv1”: the version is case-sensitive (%s\"v=TLSRPTv1\" in RFC 8460 §3), and senders ignore a record that does not begin with it. Write “v=TLSRPTv1”."
	}
	return q(f) + " is not “v=TLSRPTv1”, the only version RFC 8460 defines: senders ignore the record. Write “v=TLSRPTv1”."
}

func msgVersionNotFirst(a explain.Args) string {
	return q(a["field"]) + " must be the very first field: senders keep only records that begin with “v=TLSRPTv1;” (RFC 8460 §3). Move it to the start."
}

func msgVersionSpacing(a explain.Args) string {
	return "Blanks stand between “v=TLSRPTv1” and its “;”. The grammar allows them, but RFC 8460 §3 also says that records which do not begin with “v=TLSRPTv1;” are discarded, and senders that check that prefix drop this record. Write “v=TLSRPTv1;” with nothing in between."
}

func msgRecordLeading(a explain.Args) string {
	return "Something comes before “v=TLSRPTv1” (blanks or “;”): the record must begin with it (RFC 8460 §3), so senders discard this one. Remove what comes first."
}

func msgRecordTrailing(a explain.Args) string {
	return "The record ends in blanks with no “;” before them, which the grammar of RFC 8460 §3 does not allow: a strict sender reads them as part of the last URI. Remove them."
}

func msgRecordMultiple(a explain.Args) string {
	return a["count"] + " TLS-RPT records are published at this name: when there is not exactly one record starting with “v=TLSRPTv1;”, senders must assume the domain does not implement TLS-RPT (RFC 8460 §3) and send no reports. Merge them into one record (rua= takes several URIs, separated by commas) and delete the others."
}

func msgOwnerMismatch(a explain.Args) string {
	return "Senders look for a TLS-RPT record only at _smtp._tls.<domain> (RFC 8460 §3); at " + strings.TrimSuffix(a["owner"], ".") + " it is never read. Publish it at _smtp._tls. followed by the domain that receives the mail."
}

func msgFieldSyntax(a explain.Args) string {
	return q(a["text"]) + " is not a name=value field. RFC 8460 §3 asks senders to accept records made of valid key/value pairs separated by semicolons; one that is not may be discarded whole. Remove it, or write it as name=value."
}

func msgFieldWhitespace(a explain.Args) string {
	return "Blanks stand around the “=” of " + a["name"] + ": the grammar of RFC 8460 §3 allows blanks only around “;” and “,”, so a strict sender does not read " + q(a["name"]+"=") + " here. Remove them."
}

func msgFieldCase(a explain.Args) string {
	return q(a["name"]+"=") + " is not " + q(a["want"]+"=") + ": field names are case-sensitive (%s\"" + a["want"] + "=\" in RFC 8460 §3), so senders take it for an unknown extension and ignore it. Write " + q(a["want"]+"=") + "."
}

func msgFieldDuplicate(a explain.Args) string {
	return q(a["name"]+"=") + " is written again. RFC 8460 does not say which of the two senders use, so some will use only one. Write the field once; rua= takes several URIs separated by commas."
}

func msgSeparatorStray(a explain.Args) string {
	return "An empty field between two semicolons, which the grammar of RFC 8460 §3 does not allow (only one “;” may end the record). Remove the extra “;”."
}

func msgExtensionUnknown(a explain.Args) string {
	if a["name"] == "ruf" {
		return "“ruf=” is DMARC's tag for failure reports; TLS-RPT has no such field, only rua=, and senders ignore it. Put every report destination in rua=."
	}
	return q(a["name"]+"=") + " is not a field RFC 8460 defines: senders ignore it as an extension (RFC 8460 §3). Check its spelling if you meant rua=."
}

func msgExtensionInvalid(a explain.Args) string {
	what := "its name"
	switch a["part"] {
	case "value":
		what = "its value holds a blank, “=”, a control or a non-ASCII character"
	case "empty":
		what = "its value is empty"
	default:
		what = "its name does not start with a letter or digit, holds a character other than letters, digits, “_”, “-” and “.”, or is longer than 32 characters"
	}
	return "The extension " + q(a["name"]) + " is not well-formed: " + what + " (tlsrpt-extension, RFC 8460 §3). Senders that follow the grammar strictly may discard the record; remove the field or fix it."
}

func msgRUAMissing(a explain.Args) string {
	return "The record has no rua= field, which RFC 8460 §3 requires: without it senders do not know where to send reports. Add one, such as “rua=mailto:tls-reports@example.com”."
}

func msgRUAEmpty(a explain.Args) string {
	return "rua= is empty: RFC 8460 §3 requires at least one URI there, so senders have nowhere to send reports. Add one, such as “rua=mailto:tls-reports@example.com”."
}

func msgURIEmpty(a explain.Args) string {
	return "An empty report destination: rua= lists one or more URIs separated by commas, with nothing empty in between (RFC 8460 §3). Remove the extra comma, or add the URI."
}

func msgURIInvalid(a explain.Args) string {
	return q(a["uri"]) + " is not a URI: " + uri.Named(a["problem"]).Reason() + ". Senders cannot send reports to it; percent-encode the character or fix the URI."
}

func msgURIBang(a explain.Args) string {
	if s := strings.TrimPrefix(a["suffix"], "!"); isSize(s) {
		return q(a["suffix"]) + " looks like DMARC's report size limit, which TLS-RPT does not have: RFC 8460 §3 requires a “!” in a URI to be percent-encoded, so senders read " + q(a["uri"]) + " whole and cannot deliver to it. Remove " + q(a["suffix"]) + "."
	}
	return q(a["uri"]) + " holds “!”, which RFC 8460 §3 requires to be percent-encoded (%21) in a report URI, as are “,” and “;”. Encode it."
}

func msgURIObfuscated(a explain.Args) string {
	return q(a["uri"]) + " is what a web page's e-mail address protection shows instead of an address; it was copied from such a page, not from the DNS panel. Write the real address, such as “mailto:tls-reports@example.com”."
}

func msgURISchemeMissing(a explain.Args) string {
	if strings.Contains(a["uri"], "@") {
		return q(a["uri"]) + " is an address without its scheme: rua= holds URIs (RFC 8460 §3). Write " + q("mailto:"+a["uri"]) + "."
	}
	return q(a["uri"]) + " is not a URI: it has no scheme. rua= holds mailto: or https: URIs (RFC 8460 §3), such as “mailto:tls-reports@example.com” or “https://reports.example.com/tlsrpt”."
}

func msgURISchemeUnsupported(a explain.Args) string {
	if strings.EqualFold(a["scheme"], "http") {
		return q(a["uri"]) + " uses http:, but TLS-RPT reports go only to mailto: and https: URIs (RFC 8460 §3): senders send nothing to it. Use https:."
	}
	return q(a["uri"]) + " uses the scheme " + q(a["scheme"]+":") + "; RFC 8460 §3 supports only mailto: and https:, so senders send nothing to it."
}

func msgURIAddressInvalid(a explain.Args) string {
	return q(a["uri"]) + " names no address senders can mail: " + uri.Named(a["problem"]).Reason() + ". Write “mailto:” followed by the address, such as “mailto:tls-reports@example.com”."
}

func msgURIHostInvalid(a explain.Args) string {
	return q(a["uri"]) + " has no host senders can POST reports to: " + uri.Named(a["problem"]).Reason() + ". Write the URL as “https://reports.example.com/path”."
}

func msgURIDuplicate(a explain.Args) string {
	return q(a["uri"]) + " is listed twice in rua=: senders may send each report to it twice. List it once."
}
