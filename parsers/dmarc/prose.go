package dmarc

import (
	"strconv"
	"strings"
)

// The English about records: field meanings and summaries. Finding
// messages are in messages.go.

// Field meanings.

func policyWords(p Policy) string {
	switch p {
	case PolicyNone:
		return "take no DMARC action on mail that fails DMARC (monitoring only)"
	case PolicyQuarantine:
		return "treat mail that fails DMARC as suspicious (typically deliver it to spam); each receiver still decides under its local policy"
	case PolicyReject:
		return "reject mail that fails DMARC, normally during the SMTP transaction; each receiver may still accept it under its local policy"
	}
	return ""
}

// orgOnly says when sp and np count (RFC 9989 §4.10.1, and the note under
// sp in §4.7).
const orgOnly = "It counts only when this record is published at an organizational domain (psd=n makes it one) or a " +
	"public suffix domain: a record at a subdomain of one governs only that exact name, through p, and names below it " +
	"follow the organizational domain's record (RFC 9989 §4.10)."

func meaningPolicy(name, val string, dom string) string {
	pol, ok := parsePolicy(val)
	if !ok {
		return "Invalid policy " + strconv.Quote(val) + ": the whole policy falls back to p=none when rua holds a valid address, otherwise no DMARC " +
			"processing is applied."
	}
	switch name {
	case "sp":
		return "Policy for existing subdomains of " + dom + " without a DMARC record of their own (instead of p): ask receivers " +
			"to " + policyWords(pol) + ". " + orgOnly
	case "np":
		return "Policy for subdomains of " + dom + " that do not exist (NXDOMAIN): ask receivers to " + policyWords(pol) + ". " + orgOnly + " RFC 7489 receivers " +
			"do not know np (it came from RFC 9091) and apply sp or p instead."
	}
	return "Policy for " + dom + " (and its subdomains unless sp or np say otherwise): ask receivers to " + policyWords(pol) + "."
}

func meaningAlignment(name, val string) string {
	what := "a DKIM signature's domain (d=)"
	if name == "aspf" {
		what = "the SPF-authenticated domain (the envelope sender, MAIL FROM)"
	}
	switch Alignment(strings.ToLower(val)) {
	case AlignmentRelaxed:
		return "Relaxed alignment: " + what + " aligns with the From domain when both have the same organizational domain " +
			"(mail.example.com aligns with example.com). RFC 9989 receivers find the organizational domain with the DNS Tree " +
			"Walk; RFC 7489 receivers used the public suffix list."
	case AlignmentStrict:
		return "Strict alignment: " + what + " must equal the From domain exactly (mail.example.com does not align with " +
			"example.com)."
	}
	return "Invalid alignment mode " + strconv.Quote(val) + ": receivers use relaxed alignment."
}

func uriDest(u URI) string {
	if u.Scheme == "mailto" {
		return u.Address
	}
	return u.URI
}

func meaningURI(tag string, u URI) string {
	kind := "Aggregate"
	if tag == "ruf" {
		kind = "Failure"
	}
	switch u.Problem {
	case CodeURIObfuscated:
		return "Not an address: \"[email protected]\" is what web-page e-mail obfuscation shows instead of the real address; receivers skip it."
	case CodeURISchemeMissing:
		return "A bare address without mailto:, so not a URI; receivers skip it (write mailto:" + u.URI + ")."
	case CodeURISizeInvalid:
		return kind + " reports to " + u.URI + ", with an invalid size suffix; receivers may skip it."
	}
	if !u.Valid {
		return "Unusable report destination " + strconv.Quote(u.Text) + ": receivers skip it."
	}
	if u.Scheme == "mailto" {
		return kind + " reports are e-mailed to " + u.Address + "."
	}
	return kind + " reports to " + u.URI + " (a " + u.Scheme + ": URI, which few receivers support)."
}

func meaningURIs(tag string, us []URI) string {
	var dests []string
	for _, u := range ValidURIs(us) {
		dests = append(dests, uriDest(u))
	}
	what := "aggregate reports (daily summaries of DMARC results per sending source, RFC 9990)"
	if tag == "ruf" {
		what = "failure reports (details of individual messages that fail, RFC 9991)"
	}
	if len(us) == 0 {
		return "Empty list: no " + strings.SplitN(what, " (", 2)[0] + " are requested."
	}
	if len(dests) == 0 {
		return "Requests " + what + ", but no destination is usable."
	}
	return "Requests " + what + ", sent to " + strings.Join(dests, ", ") + "."
}

var foMeanings = map[FailureOption]string{
	FailureAll:  "send a failure report when all mechanisms fail to give an aligned pass (the default)",
	FailureAny:  "send a failure report when any mechanism fails to give an aligned pass",
	FailureDKIM: "send a DKIM failure report for any signature that fails, aligned or not (RFC 6651)",
	FailureSPF:  "send an SPF failure report whenever SPF fails, aligned or not (RFC 6652)",
}

func meaningFO(o FailureOption) string {
	if m, ok := foMeanings[o]; ok {
		return strings.ToUpper(m[:1]) + m[1:] + "."
	}
	return "Not a failure reporting option: " + strconv.Quote(string(o)) + "."
}

func meaningPSD(val string) string {
	switch PSD(strings.ToLower(val)) {
	case PSDYes:
		return "This domain is a public suffix domain (like a TLD): names directly below it are separate organizational domains."
	case PSDNo:
		return "This domain is not a public suffix domain; it is the organizational domain for itself and its subdomains (the DNS Tree Walk stops here)."
	case PSDUnknown:
		return "Not a public suffix domain; it may or may not be an organizational domain: the DNS Tree Walk decides (the default)."
	}
	return "Invalid psd value " + strconv.Quote(val) + ": receivers use the default, u."
}

func meaningT(val string) string {
	switch Testing(strings.ToLower(val)) {
	case TestingYes:
		return "Testing mode: asks receivers to apply one level below each policy, p, sp and np alike (quarantine instead of reject, " +
			"none instead of quarantine); a policy of none is unaffected."
	case TestingNo:
		return "Not testing: apply the policy as published (the default)."
	}
	return "Invalid testing flag " + strconv.Quote(val) + ": receivers apply the policy as published."
}

func meaningTag(name string, t *Tag, dom string) string {
	switch name {
	case "v":
		if t.Value == Version {
			return "DMARC version 1: marks this TXT record as a DMARC policy record; it must be the first tag."
		}
		return "Should name DMARC version 1 but reads " + strconv.Quote(t.Value) + ", so receivers ignore the whole record."
	case "p", "sp", "np":
		return meaningPolicy(name, t.Value, dom)
	case "adkim", "aspf":
		return meaningAlignment(name, t.Value)
	case "rua", "ruf":
		return meaningURIs(name, t.URIs)
	case "fo":
		var ms []string
		for _, o := range t.Options {
			if m, ok := foMeanings[o]; ok {
				ms = append(ms, m)
			}
		}
		if len(ms) == 0 {
			return "Failure reporting options, none valid: receivers use fo=0."
		}
		return "Failure reporting options: " + strings.Join(ms, "; ") + ". They apply only with ruf, and report generators may choose not to follow them."
	case "psd":
		return meaningPSD(t.Value)
	case "t":
		return meaningT(t.Value)
	case "pct":
		return "Removed by RFC 9989: RFC 7489's percentage (" + t.Value + ") of failing mail to which the policy is applied."
	case "rf":
		return "Removed by RFC 9989: RFC 7489's failure report format (" + t.Value + ")."
	case "ri":
		if _, err := strconv.ParseUint(t.Value, 10, 32); err != nil {
			return "Removed by RFC 9989: RFC 7489's requested interval between aggregate reports, here " + strconv.Quote(t.Value) + " (not a number of seconds)."
		}
		return "Removed by RFC 9989: RFC 7489's requested interval between aggregate reports (" + t.Value + " seconds)."
	}
	return "Not a DMARC tag: receivers ignore it."
}

// Summaries.

func addrList(us []URI) string {
	var ds []string
	for _, u := range ValidURIs(us) {
		ds = append(ds, uriDest(u))
	}
	return strings.Join(ds, ", ")
}

func summary(r *Record, dom string) string {
	if r.leading && r.Version == Version {
		return "Not a usable DMARC record: it starts with whitespace before v=DMARC1, so receivers discard it and " + dom + " gets no DMARC policy from it."
	}
	if !r.IsDMARC {
		return "Not a DMARC record: it does not start with v=DMARC1, so receivers ignore it."
	}
	if !r.PolicyUsable {
		return "Receivers apply no DMARC processing to mail claiming to be from " + dom + ": the record has no valid policy and no valid rua address."
	}
	var s string
	eff := r.EffectivePolicy()
	switch {
	case r.PolicyFallback:
		s = "With no valid policy, receivers treat the record as p=none and take no DMARC action on mail claiming to be from " + dom + " that fails DMARC"
	case eff == PolicyNone:
		s = "Receivers are asked to take no DMARC action on mail claiming to be from " + dom + " that fails DMARC (monitoring only)"
	default:
		verb := string(eff)
		if a := r.Applied(eff); a != eff {
			verb = "apply " + string(a) + " instead of " + string(eff) + " (t=y testing mode) to"
		}
		s = "Receivers should " + verb + " mail claiming to be from " + dom + " that fails DMARC (neither aligned SPF nor aligned DKIM passes)"
	}
	if !r.PolicyFallback {
		if sp := r.EffectiveSubdomainPolicy(); sp != eff {
			s += "; subdomains: " + appliedWords(r, sp)
		}
		if np := r.EffectiveNonexistentPolicy(); np != r.EffectiveSubdomainPolicy() {
			s += "; non-existent subdomains: " + appliedWords(r, np)
		}
	}
	if obfuscated(r.RUA) || obfuscated(r.RUF) {
		return s + "; the report addresses read \"[email protected]\" (web-page e-mail obfuscation, not a real address), so no reports can arrive."
	}
	if a := addrList(r.RUA); a != "" {
		s += "; aggregate reports go to " + a
	} else if r.Lookup("rua") != nil {
		s += "; no usable aggregate report address is given"
	} else {
		s += "; no aggregate reports are requested"
	}
	return s + "."
}

// appliedWords names pol as receivers apply it: "quarantine instead of
// reject" when t=y lowers it.
func appliedWords(r *Record, pol Policy) string {
	if a := r.Applied(pol); a != pol {
		return string(a) + " instead of " + string(pol)
	}
	return string(pol)
}

func obfuscated(us []URI) bool {
	for _, u := range us {
		if u.Problem == CodeURIObfuscated {
			return true
		}
	}
	return false
}
