package dmarc

import (
	"fmt"
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
		return fmt.Sprintf("Invalid policy %q: the whole policy falls back to p=none when rua holds a valid address, otherwise no DMARC "+
			"processing is applied.", val)
	}
	switch name {
	case "sp":
		return fmt.Sprintf("Policy for existing subdomains of %s without a DMARC record of their own (instead of p): ask receivers "+
			"to %s. %s", dom, policyWords(pol), orgOnly)
	case "np":
		return fmt.Sprintf("Policy for subdomains of %s that do not exist (NXDOMAIN): ask receivers to %s. %s RFC 7489 receivers "+
			"do not know np (it came from RFC 9091) and apply sp or p instead.", dom, policyWords(pol), orgOnly)
	}
	return fmt.Sprintf("Policy for %s (and its subdomains unless sp or np say otherwise): ask receivers to %s.", dom, policyWords(pol))
}

func meaningAlignment(name, val string) string {
	what := "a DKIM signature's domain (d=)"
	if name == "aspf" {
		what = "the SPF-authenticated domain (the envelope sender, MAIL FROM)"
	}
	switch Alignment(strings.ToLower(val)) {
	case AlignmentRelaxed:
		return fmt.Sprintf("Relaxed alignment: %s aligns with the From domain when both have the same organizational domain "+
			"(mail.example.com aligns with example.com). RFC 9989 receivers find the organizational domain with the DNS Tree "+
			"Walk; RFC 7489 receivers used the public suffix list.", what)
	case AlignmentStrict:
		return fmt.Sprintf("Strict alignment: %s must equal the From domain exactly (mail.example.com does not align with "+
			"example.com).", what)
	}
	return fmt.Sprintf("Invalid alignment mode %q: receivers use relaxed alignment.", val)
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
		return fmt.Sprintf("A bare address without mailto:, so not a URI; receivers skip it (write mailto:%s).", u.URI)
	case CodeURISizeInvalid:
		return fmt.Sprintf("%s reports to %s, with an invalid size suffix; receivers may skip it.", kind, u.URI)
	}
	if !u.Valid {
		return fmt.Sprintf("Unusable report destination %q: receivers skip it.", u.Text)
	}
	if u.Scheme == "mailto" {
		return fmt.Sprintf("%s reports are e-mailed to %s.", kind, u.Address)
	}
	return fmt.Sprintf("%s reports to %s (a %s: URI, which few receivers support).", kind, u.URI, u.Scheme)
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
		return fmt.Sprintf("Requests %s, but no destination is usable.", what)
	}
	return fmt.Sprintf("Requests %s, sent to %s.", what, strings.Join(dests, ", "))
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
	return fmt.Sprintf("Not a failure reporting option: %q.", string(o))
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
	return fmt.Sprintf("Invalid psd value %q: receivers use the default, u.", val)
}

func meaningT(val string) string {
	switch Testing(strings.ToLower(val)) {
	case TestingYes:
		return "Testing mode: asks receivers to apply one level below each policy, p, sp and np alike (quarantine instead of reject, " +
			"none instead of quarantine); a policy of none is unaffected."
	case TestingNo:
		return "Not testing: apply the policy as published (the default)."
	}
	return fmt.Sprintf("Invalid testing flag %q: receivers apply the policy as published.", val)
}

func meaningTag(name string, t *Tag, dom string) string {
	switch name {
	case "v":
		if t.Value == Version {
			return "DMARC version 1: marks this TXT record as a DMARC policy record; it must be the first tag."
		}
		return fmt.Sprintf("Should name DMARC version 1 but reads %q, so receivers ignore the whole record.", t.Value)
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
		return fmt.Sprintf("Removed by RFC 9989: RFC 7489's percentage (%s) of failing mail to which the policy is applied.", t.Value)
	case "rf":
		return fmt.Sprintf("Removed by RFC 9989: RFC 7489's failure report format (%s).", t.Value)
	case "ri":
		if _, err := strconv.ParseUint(t.Value, 10, 32); err != nil {
			return fmt.Sprintf("Removed by RFC 9989: RFC 7489's requested interval between aggregate reports, here %q (not a number of seconds).", t.Value)
		}
		return fmt.Sprintf("Removed by RFC 9989: RFC 7489's requested interval between aggregate reports (%s seconds).", t.Value)
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
		return fmt.Sprintf("Not a usable DMARC record: it starts with whitespace before v=DMARC1, so receivers discard it and %s gets no DMARC policy from it.", dom)
	}
	if !r.IsDMARC {
		return "Not a DMARC record: it does not start with v=DMARC1, so receivers ignore it."
	}
	if !r.PolicyUsable {
		return fmt.Sprintf("Receivers apply no DMARC processing to mail claiming to be from %s: the record has no valid policy and no valid rua address.", dom)
	}
	var s string
	eff := r.EffectivePolicy()
	switch {
	case r.PolicyFallback:
		s = fmt.Sprintf("With no valid policy, receivers treat the record as p=none and take no DMARC action on mail claiming to be from %s that fails DMARC", dom)
	case eff == PolicyNone:
		s = fmt.Sprintf("Receivers are asked to take no DMARC action on mail claiming to be from %s that fails DMARC (monitoring only)", dom)
	default:
		verb := string(eff)
		if a := r.Applied(eff); a != eff {
			verb = fmt.Sprintf("apply %s instead of %s (t=y testing mode) to", a, eff)
		}
		s = fmt.Sprintf("Receivers should %s mail claiming to be from %s that fails DMARC (neither aligned SPF nor aligned DKIM passes)", verb, dom)
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
		return fmt.Sprintf("%s instead of %s", a, pol)
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
