package parsers

import (
	"strings"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Types of mail records that mxplain recognises but does not explain yet.
const (
	TypeMTASTS explain.Type = "mta-sts" // _mta-sts TXT v=STSv1, RFC 8461 §3.1
	TypeTLSRPT explain.Type = "tls-rpt" // _smtp._tls TXT v=TLSRPTv1, RFC 8460 §3
	TypeBIMI   explain.Type = "bimi"    // default._bimi TXT v=BIMI1, draft-brand-indicators-for-message-identification
)

// detect decides what kind of record a value is, from (strongest first) its
// RR type, an explicit version tag at the start of the value, the owner name,
// and the shape of the value.
func detect(owner string, rrtype uint16, value string) explain.Type {
	switch rrtype {
	case dns.TypeMX:
		return explain.TypeMX
	case dns.TypeSPF:
		return explain.TypeSPF
	case 0, dns.TypeTXT:
	default:
		return explain.TypeOther
	}
	v := strings.ToLower(strings.TrimSpace(value))
	if t, ok := typeFromVersion(v); ok {
		return t
	}
	if t := typeFromOwner(owner); t != "" {
		return t
	}
	switch {
	case strings.Contains(v, "v=spf1"), strings.HasPrefix(v, "spf1 "), strings.HasPrefix(v, "v=spf"):
		return explain.TypeSPF
	case strings.Contains(v, "v=dmarc"):
		return explain.TypeDMARC
	case strings.Contains(v, "v=dkim"):
		return explain.TypeDKIM
	case rrtype == 0 && isMXValue(v):
		return explain.TypeMX
	}
	if tags := tagNames(v); tags["p"] != "" || tags["k"] != "" {
		switch tags["p"] {
		case "none", "quarantine", "reject":
			return explain.TypeDMARC // a DMARC policy that lost its v=DMARC1
		}
		if tags["k"] != "" || len(tags["p"]) > 20 || tags["p"] == "=" {
			return explain.TypeDKIM // a key record without v=DKIM1, which is optional
		}
	}
	if isOtherTXT(v) {
		return explain.TypeOther
	}
	return explain.TypeUnknown
}

// typeFromVersion reads the version tag a lower-cased value starts with
// ("v=spf1", "v = DMARC1;"), near misses included, so that a record with a
// typo in its version is explained as what it meant to be.
func typeFromVersion(v string) (explain.Type, bool) {
	name, rest, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) != "v" {
		return "", false
	}
	version := strings.TrimLeft(rest, " \t")
	switch {
	case strings.HasPrefix(version, "spf2"):
		return explain.TypeOther, true // Sender ID (RFC 4406, historic), not SPF
	case strings.HasPrefix(version, "spf"):
		return explain.TypeSPF, true
	case strings.HasPrefix(version, "dmarc"):
		return explain.TypeDMARC, true
	case strings.HasPrefix(version, "dkim"):
		return explain.TypeDKIM, true
	case strings.HasPrefix(version, "sts"):
		return TypeMTASTS, true
	case strings.HasPrefix(version, "tlsrpt"):
		return TypeTLSRPT, true
	case strings.HasPrefix(version, "bimi"):
		return TypeBIMI, true
	}
	return "", false
}

// typeFromOwner reads the record type its owner name implies: receivers look
// for DMARC at _dmarc.<domain>, for DKIM keys at <selector>._domainkey.<domain>.
func typeFromOwner(owner string) explain.Type {
	labels := dns.SplitDomainName(strings.ToLower(owner))
	if len(labels) == 0 {
		return ""
	}
	switch labels[0] {
	case "_dmarc":
		return explain.TypeDMARC
	case "_mta-sts":
		return TypeMTASTS
	}
	for i, l := range labels {
		switch {
		case l == "_domainkey" && i > 0:
			return explain.TypeDKIM
		case l == "_bimi" && i > 0:
			return TypeBIMI
		case l == "_tls" && i > 0 && labels[i-1] == "_smtp":
			return TypeTLSRPT
		}
	}
	return ""
}

// isMXValue reports whether v has the shape of MX data: a preference, blanks,
// and one more word ("10 mail.example.com."), or the two swapped
// ("mail.example.com. 10"), which parsers/mx explains as a mistake.
func isMXValue(v string) bool {
	words := strings.Fields(v)
	return len(words) == 2 && (ascii.IsDigits(words[0]) ||
		ascii.IsDigits(words[1]) && strings.Contains(words[0], "."))
}

// isOtherTXT recognises TXT values that are not mail records: site
// verification tokens ("google-site-verification=…", "MS=ms1234") and the
// like, a single word with a name before "=" or ":".
func isOtherTXT(v string) bool {
	i := strings.IndexAny(v, "=:")
	if i <= 0 || i == len(v)-1 || strings.ContainsAny(v, " \t") {
		return false
	}
	for j := 0; j < i; j++ {
		c := v[j]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || j > 0 && (c == '.' || c == '_' || c == '-')) {
			return false
		}
	}
	return true
}

// tagNames reads a "tag=value; tag=value" list loosely, for detection only.
func tagNames(v string) map[string]string {
	tags := map[string]string{}
	for _, part := range strings.Split(v, ";") {
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if value == "" {
			value = "="
		}
		tags[strings.TrimSpace(name)] = value
	}
	return tags
}
