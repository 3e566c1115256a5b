package tlsrpt

// All the English this package produces: finding messages (from a code
// and its Args), field meanings and summaries, in one place.

import (
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/uri"
	"github.com/mxplain/mxplain/parsers/explain"
)

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// message renders the message of a finding from its code and Args.
func message(code string, a explain.Args) string {
	switch code {
	case CodeVersionMissing:
		return "The record does not start with “v=TLSRPTv1”: senders keep only records that begin with “v=TLSRPTv1;” (RFC 8460 §3) and ignore this one, so the domain gets no TLS reports. Start the record with “v=TLSRPTv1;”."
	case CodeVersionInvalid:
		f := a["field"]
		switch {
		case strings.HasPrefix(f, "v=TLSRPTv1") && len(f) > len("v=TLSRPTv1"):
			return q(f) + " runs the version into what follows: a “;” is missing after “v=TLSRPTv1”. Senders read the version as " + q(strings.TrimPrefix(f, "v=")) + ", which is not TLSRPTv1, and ignore the record. Write “v=TLSRPTv1; ” before the next field."
		case strings.EqualFold(f, "v="+Version):
			return q(f) + " is not written exactly “v=TLSRPTv1”: the version is case-sensitive (%s\"v=TLSRPTv1\" in RFC 8460 §3), and senders ignore a record that does not begin with it. Write “v=TLSRPTv1”."
		}
		return q(f) + " is not “v=TLSRPTv1”, the only version RFC 8460 defines: senders ignore the record. Write “v=TLSRPTv1”."
	case CodeVersionNotFirst:
		return q(a["field"]) + " must be the very first field: senders keep only records that begin with “v=TLSRPTv1;” (RFC 8460 §3). Move it to the start."
	case CodeVersionSpacing:
		return "Blanks stand between “v=TLSRPTv1” and its “;”. The grammar allows them, but RFC 8460 §3 also says that records which do not begin with “v=TLSRPTv1;” are discarded, and senders that check that prefix drop this record. Write “v=TLSRPTv1;” with nothing in between."
	case CodeRecordLeading:
		return "Something comes before “v=TLSRPTv1” (blanks or “;”): the record must begin with it (RFC 8460 §3), so senders discard this one. Remove what comes first."
	case CodeRecordTrailing:
		return "The record ends in blanks with no “;” before them, which the grammar of RFC 8460 §3 does not allow: a strict sender reads them as part of the last URI. Remove them."
	case CodeRecordMultiple:
		return a["count"] + " TLS-RPT records are published at this name: when there is not exactly one record starting with “v=TLSRPTv1;”, senders must assume the domain does not implement TLS-RPT (RFC 8460 §3) and send no reports. Merge them into one record (rua= takes several URIs, separated by commas) and delete the others."
	case CodeOwnerMismatch:
		return "Senders look for a TLS-RPT record only at _smtp._tls.<domain> (RFC 8460 §3); at " + strings.TrimSuffix(a["owner"], ".") + " it is never read. Publish it at _smtp._tls. followed by the domain that receives the mail."
	case CodeFieldSyntax:
		return q(a["text"]) + " is not a name=value field. RFC 8460 §3 asks senders to accept records made of valid key/value pairs separated by semicolons; one that is not may be discarded whole. Remove it, or write it as name=value."
	case CodeFieldWhitespace:
		return "Blanks stand around the “=” of " + a["name"] + ": the grammar of RFC 8460 §3 allows blanks only around “;” and “,”, so a strict sender does not read " + q(a["name"]+"=") + " here. Remove them."
	case CodeFieldCase:
		return q(a["name"]+"=") + " is not " + q(a["want"]+"=") + ": field names are case-sensitive (%s\"" + a["want"] + "=\" in RFC 8460 §3), so senders take it for an unknown extension and ignore it. Write " + q(a["want"]+"=") + "."
	case CodeFieldDuplicate:
		return q(a["name"]+"=") + " is written again. RFC 8460 does not say which of the two senders use, so some will use only one. Write the field once; rua= takes several URIs separated by commas."
	case CodeSeparatorStray:
		return "An empty field between two semicolons, which the grammar of RFC 8460 §3 does not allow (only one “;” may end the record). Remove the extra “;”."
	case CodeExtensionUnknown:
		if a["name"] == "ruf" {
			return "“ruf=” is DMARC's tag for failure reports; TLS-RPT has no such field, only rua=, and senders ignore it. Put every report destination in rua=."
		}
		return q(a["name"]+"=") + " is not a field RFC 8460 defines: senders ignore it as an extension (RFC 8460 §3). Check its spelling if you meant rua=."
	case CodeExtensionInvalid:
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
	case CodeRUAMissing:
		return "The record has no rua= field, which RFC 8460 §3 requires: without it senders do not know where to send reports. Add one, such as “rua=mailto:tls-reports@example.com”."
	case CodeRUAEmpty:
		return "rua= is empty: RFC 8460 §3 requires at least one URI there, so senders have nowhere to send reports. Add one, such as “rua=mailto:tls-reports@example.com”."
	case CodeURIEmpty:
		return "An empty report destination: rua= lists one or more URIs separated by commas, with nothing empty in between (RFC 8460 §3). Remove the extra comma, or add the URI."
	case CodeURIInvalid:
		return q(a["uri"]) + " is not a URI: " + uri.Named(a["problem"]).Reason() + ". Senders cannot send reports to it; percent-encode the character or fix the URI."
	case CodeURIBang:
		if s := strings.TrimPrefix(a["suffix"], "!"); isSize(s) {
			return q(a["suffix"]) + " looks like DMARC's report size limit, which TLS-RPT does not have: RFC 8460 §3 requires a “!” in a URI to be percent-encoded, so senders read " + q(a["uri"]) + " whole and cannot deliver to it. Remove " + q(a["suffix"]) + "."
		}
		return q(a["uri"]) + " holds “!”, which RFC 8460 §3 requires to be percent-encoded (%21) in a report URI, as are “,” and “;”. Encode it."
	case CodeURIObfuscated:
		return q(a["uri"]) + " is what a web page's e-mail address protection shows instead of an address; it was copied from such a page, not from the DNS panel. Write the real address, such as “mailto:tls-reports@example.com”."
	case CodeURISchemeMissing:
		if strings.Contains(a["uri"], "@") {
			return q(a["uri"]) + " is an address without its scheme: rua= holds URIs (RFC 8460 §3). Write " + q("mailto:"+a["uri"]) + "."
		}
		return q(a["uri"]) + " is not a URI: it has no scheme. rua= holds mailto: or https: URIs (RFC 8460 §3), such as “mailto:tls-reports@example.com” or “https://reports.example.com/tlsrpt”."
	case CodeURISchemeUnsupported:
		if strings.EqualFold(a["scheme"], "http") {
			return q(a["uri"]) + " uses http:, but TLS-RPT reports go only to mailto: and https: URIs (RFC 8460 §3): senders send nothing to it. Use https:."
		}
		return q(a["uri"]) + " uses the scheme " + q(a["scheme"]+":") + "; RFC 8460 §3 supports only mailto: and https:, so senders send nothing to it."
	case CodeURIAddressInvalid:
		return q(a["uri"]) + " names no address senders can mail: " + uri.Named(a["problem"]).Reason() + ". Write “mailto:” followed by the address, such as “mailto:tls-reports@example.com”."
	case CodeURIHostInvalid:
		return q(a["uri"]) + " has no host senders can POST reports to: " + uri.Named(a["problem"]).Reason() + ". Write the URL as “https://reports.example.com/path”."
	case CodeURIDuplicate:
		return q(a["uri"]) + " is listed twice in rua=: senders may send each report to it twice. List it once."
	}
	return code
}

// isSize reports whether s reads like DMARC's size limit: digits and an
// optional unit.
func isSize(s string) bool {
	s = strings.TrimRight(s, "kmgtKMGT")
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// meaning says what one field means.
func meaning(r *Record, f *Field, i int, domain string) string {
	switch {
	case !f.HasEquals:
		return "Not a name=value field; see the finding."
	case i == 0 && f.Name == "v":
		if r.IsTLSRPT {
			return "The version: this is a TLS-RPT policy record, version 1 (RFC 8460 §3). It must come first, exactly as “v=TLSRPTv1”."
		}
		return "Meant as the version, but not exactly “v=TLSRPTv1” at the start of the record, so senders ignore the record."
	case f.Name == "rua" && f.Spaced:
		return "Meant as the report destinations, but with blanks around “=”, which strict senders do not read as rua=."
	case f.Name == "rua" && f.Duplicate:
		return "Report destinations again; RFC 8460 does not say which rua= senders use."
	case f.Name == "rua":
		n := 0
		for _, u := range f.URIs {
			if u.Valid {
				n++
			}
		}
		if n == 0 {
			return "Where reports go, but no URI here is one senders can deliver to, so " + domain + " receives no reports."
		}
		return "Where reports go: senders that support TLS-RPT send one aggregate report a day (covering 00:00–24:00 UTC, RFC 8460 §4.1) on the TLS sessions they made, or failed to make, to the mail servers of " + domain + ". Senders may deliver each report to every destination listed, or to one only (RFC 8460 §3)."
	case strings.EqualFold(f.Name, "rua") || strings.EqualFold(f.Name, "v"):
		return "Not " + strings.ToLower(f.Name) + "= (names are case-sensitive): an unknown extension, ignored."
	}
	return "An extension field RFC 8460 does not define; senders ignore it (RFC 8460 §3)."
}

// uriMeaning says what one rua URI means.
func uriMeaning(u URI) (string, string) {
	if !u.Valid {
		return "Not a destination senders can deliver reports to; see the finding.", refRecord
	}
	if u.Scheme == SchemeMailto {
		return "Reports by e-mail to " + strings.Join(u.Addresses, ", ") + ": a multipart/report message with the JSON report attached (application/tlsrpt+gzip, or +json uncompressed), DKIM-signed by the sender, and delivered even when TLS to that address's own servers fails (RFC 8460 §5.3).", refMailto
	}
	return "Reports by HTTPS POST to " + u.Text + " (application/tlsrpt+gzip, or +json uncompressed); the server must answer with a success code such as 200 or 201, and senders may ignore errors in its certificate (RFC 8460 §3, §5.4).", refHTTPS
}

// summary is the one-sentence summary of the record.
func summary(r *Record, domain string) string {
	if !r.IsTLSRPT {
		return "This is not a usable TLS-RPT record (it does not begin with “v=TLSRPTv1;”): senders ignore it, and " + domain + " receives no TLS reports."
	}
	var mail, web []string
	for _, u := range r.Valid() {
		if u.Scheme == SchemeMailto {
			mail = append(mail, u.Addresses...)
		} else {
			web = append(web, u.Text)
		}
	}
	mail, web = unique(mail), unique(web)
	if len(mail)+len(web) == 0 {
		return "This TLS-RPT record names no destination senders can deliver to, so " + domain + " receives no TLS reports."
	}
	var to []string
	if len(mail) > 0 {
		to = append(to, "by e-mail to "+strings.Join(mail, ", "))
	}
	if len(web) > 0 {
		to = append(to, "by HTTPS POST to "+strings.Join(web, ", "))
	}
	return "Senders that support TLS-RPT send " + domain + " a daily report on the TLS connections they made to its mail servers (how many succeeded, and why others failed: STARTTLS, certificate, MTA-STS or DANE policy errors) " + strings.Join(to, " and ") + "."
}

// unique returns list without its repeated entries, in order.
func unique(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
