package tlsrpt

// Field meanings and summaries (the finding messages are in messages.go).

import (
	"slices"
	"strings"
)

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

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
		switch {
		case n == 0:
			return "Where reports go, but no URI here is one senders can deliver to, so " + domain + " receives no reports."
		case !r.IsTLSRPT:
			return "Where reports would go, but senders ignore the whole record (it does not begin with “v=TLSRPTv1;”), so " + domain + " receives none."
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
