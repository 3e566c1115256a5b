package tlsa

// Field meanings and summaries (the finding messages are in messages.go).

import (
	"strconv"

	"github.com/mxplain/mxplain/parsers/explain"
)

func itoa(n int) string { return strconv.Itoa(n) }

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// fields are the record's four fields, those that were written.
func fields(r *Record, smtp bool) []explain.Field {
	var out []explain.Field
	add := func(n Number, name, meaning, ref string) {
		if n.Text != "" {
			out = append(out, explain.Field{Span: n.Span, Text: n.Text, Name: name, Value: n.Text, Meaning: meaning, Ref: ref})
		}
	}
	add(r.Usage, "usage", usageMeaning(r.Usage, smtp), usageRef(r.Usage, smtp))
	add(r.Selector, "selector", selectorMeaning(r.Selector), refSelector)
	add(r.MatchingType, "matching_type", matchingMeaning(r), refMatching)
	if r.DataText != "" {
		out = append(out, explain.Field{Span: r.DataSpan, Text: r.DataText, Name: "data", Value: r.DataText,
			Meaning: dataMeaning(r), Ref: refData})
	}
	return out
}

// usageRef is the section of a usage: RFC 7672's for the four known
// usages in SMTP, RFC 6698's otherwise.
func usageRef(n Number, smtp bool) string {
	switch {
	case !n.OK || !smtp:
		return refUsage
	case Usage(n.Value) == UsageDANEEE:
		return refSMTPEE
	case Usage(n.Value) == UsageDANETA:
		return refSMTPTA
	case Usage(n.Value) <= UsagePKIXEE:
		return refSMTPUsage
	}
	return refUsage
}

func usageMeaning(n Number, smtp bool) string {
	if !n.OK {
		return "Meant as the certificate usage, but not a number from 0 to 255; see the finding."
	}
	switch Usage(n.Value) {
	case UsagePKIXTA:
		if smtp {
			return "Certificate usage 0, PKIX-TA: a public CA that must be in the server's chain, which must also pass ordinary PKIX validation. SMTP senders do not use this usage (RFC 7672 §3.1.3)."
		}
		return "Certificate usage 0, PKIX-TA: the data matches a CA certificate in the server's chain, and the chain must also pass the client's ordinary PKIX validation against its trusted CAs (RFC 6698 §2.1.1)."
	case UsagePKIXEE:
		if smtp {
			return "Certificate usage 1, PKIX-EE: the server's own certificate, which must also pass ordinary PKIX validation. SMTP senders do not use this usage (RFC 7672 §3.1.3)."
		}
		return "Certificate usage 1, PKIX-EE: the data matches the server's own certificate, which must also pass the client's ordinary PKIX validation (RFC 6698 §2.1.1)."
	case UsageDANETA:
		return "Certificate usage 2, DANE-TA: the data matches a trust anchor of the domain's own (its CA, or an intermediate) that the server's chain leads to; no public CA is needed, but the server's certificate must carry the name the client looks up (RFC 7671 §5.2)."
	case UsageDANEEE:
		return "Certificate usage 3, DANE-EE: the data matches the server's own certificate or key, and that is all a client checks: not the names in the certificate, not its expiry date (RFC 7671 §5.1)."
	case UsagePrivate:
		return "Certificate usage 255, PrivCert: reserved for private use (RFC 6698 §7.2); only clients that share its meaning use the record."
	}
	return "Certificate usage " + n.Text + ", which IANA has not assigned: clients know only 0–3 and treat the record as unusable."
}

func selectorMeaning(n Number) string {
	if !n.OK {
		return "Meant as the selector, but not a number from 0 to 255; see the finding."
	}
	switch Selector(n.Value) {
	case SelectorCert:
		return "Selector 0, Cert: the data is about the whole certificate (its DER encoding), so it changes whenever the certificate does, even when renewed with the same key."
	case SelectorSPKI:
		return "Selector 1, SPKI: the data is about the certificate's public key (its DER SubjectPublicKeyInfo), so it stays the same across renewals that keep the key."
	case SelectorPrivate:
		return "Selector 255, PrivSel: reserved for private use (RFC 6698 §7.3)."
	}
	return "Selector " + n.Text + ", which IANA has not assigned: clients know only 0 and 1 and treat the record as unusable."
}

func matchingMeaning(r *Record) string {
	n := r.MatchingType
	if !n.OK {
		return "Meant as the matching type, but not a number from 0 to 255; see the finding."
	}
	what := "the selected content"
	switch {
	case r.Selector.OK && Selector(r.Selector.Value) == SelectorCert:
		what = "the certificate"
	case r.Selector.OK && Selector(r.Selector.Value) == SelectorSPKI:
		what = "the public key"
	}
	switch MatchingType(n.Value) {
	case MatchingFull:
		return "Matching type 0, Full: the data is " + what + " itself, in full, not a digest of it."
	case MatchingSHA256:
		return "Matching type 1, SHA2-256: the data is the SHA-256 digest of " + what + ", 32 bytes; every DANE client supports it."
	case MatchingSHA512:
		return "Matching type 2, SHA2-512: the data is the SHA-512 digest of " + what + ", 64 bytes."
	case MatchingPrivate:
		return "Matching type 255, PrivMatch: reserved for private use (RFC 6698 §7.4)."
	}
	return "Matching type " + n.Text + ", which IANA has not assigned: clients know only 0–2 and treat the record as unusable."
}

func dataMeaning(r *Record) string {
	if !r.DataOK {
		return "The certificate association data, meant as hex; see the finding."
	}
	s := "The certificate association data: " + itoa(len(r.Data)) + " bytes in hex (blanks between the digits are allowed, RFC 6698 §2.2)"
	if r.MatchingType.OK {
		switch MatchingType(r.MatchingType.Value) {
		case MatchingSHA256, MatchingSHA512:
			return s + ", the digest a client compares with the one it computes from what the server sends."
		case MatchingFull:
			return s + ", compared byte for byte with what the server sends."
		}
	}
	return s + "."
}

// summary is the record's one sentence.
func summary(r *Record, o Owner, f *Facts) string {
	where := "a TLS server"
	switch {
	case o.Host != "" && o.Port >= 0:
		where = bare(o.Host) + " port " + itoa(o.Port)
		if o.Port == 25 {
			where = "SMTP to " + bare(o.Host) + " (port 25)"
		}
		if o.Proto != "tcp" {
			where += " over " + o.Proto
		}
	case f.SMTP:
		where = "an SMTP server"
	}
	if !f.Usable || f.Usage == nil || f.Selector == nil || f.MatchingType == nil {
		return "A TLSA record for " + where + " that clients cannot use as it is: see the findings."
	}
	name := f.UsageName + " " + f.SelectorName + " " + f.MatchingTypeName
	what := "certificate"
	if *f.Selector == int(SelectorSPKI) {
		what = "public key"
	}
	how := "the SHA-256 digest of its " + what
	switch MatchingType(*f.MatchingType) {
	case MatchingFull:
		how = "its " + what + ", in full,"
	case MatchingSHA512:
		how = "the SHA-512 digest of its " + what
	}
	switch Usage(*f.Usage) {
	case UsageDANEEE:
		return "A " + name + " TLSA record for " + where + ": a client that validates the zone with DNSSEC requires TLS and accepts the server only when " + how + " matches this record; names and dates in the certificate are not checked (RFC 7671 §5.1)."
	case UsageDANETA:
		return "A " + name + " TLSA record for " + where + ": a client that validates the zone with DNSSEC requires TLS and accepts the server only when the chain it sends includes a trust anchor whose " + what + " matches this record and the server's certificate carries the host's name (RFC 7671 §5.2)."
	}
	return "A " + name + " TLSA record for " + where + ", used by clients that validate the zone with DNSSEC (RFC 6698 §4.1)."
}
