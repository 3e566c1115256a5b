package mtasts

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Every sentence the package writes: finding messages (from a code and its
// Args), field meanings and summaries.

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// noPolicy is what senders do with a record or policy they cannot use.
const noPolicy = "senders that support MTA-STS treat the domain as having no MTA-STS policy (a policy they cached earlier still applies until its max_age runs out)"

// duration says n seconds for people: "7 days (604800 s)".
func duration(n int64) string {
	s := strconv.FormatInt(n, 10) + " s"
	unit := func(n, size int64, one, many string) string {
		if n/size == 1 {
			return "1 " + one
		}
		return strconv.FormatInt(n/size, 10) + " " + many
	}
	switch {
	case n == MaxAgeLimit:
		return "one year (" + s + ")"
	case n >= day && n%day == 0:
		return unit(n, day, "day", "days") + " (" + s + ")"
	case n >= 3600 && n%3600 == 0:
		return unit(n, 3600, "hour", "hours") + " (" + s + ")"
	case n >= 60 && n%60 == 0:
		return unit(n, 60, "minute", "minutes") + " (" + s + ")"
	case n >= day:
		return "about " + numtext.OneDecimal(uint64(n), day) + " days (" + s + ")"
	case n == 1:
		return "1 second"
	}
	return strconv.FormatInt(n, 10) + " seconds"
}

// orThis is domain, or "this domain" when it is not known.
func orThis(domain string) string {
	if domain == "" {
		return "this domain"
	}
	return domain
}

func meaningRecordField(f *field, domain string) string {
	switch {
	case !f.eq:
		return "Not a name=value field: the record is invalid for senders."
	case f.key == fieldVersion:
		return "The version: STSv1, the only one. The record must begin with “v=STSv1;”; senders discard TXT records at this name that do not."
	case f.key == fieldID:
		return "The policy's id, " + q(f.value) + ": senders that cached the policy compare it with this id and fetch the policy file again only when it changes (RFC 8461 §3.1, §5.1). Change it every time you change the file, after the new file is served (§8.1); it has no order, any new string of letters and digits will do."
	case strings.EqualFold(f.key, fieldID) || strings.EqualFold(f.key, fieldVersion):
		return "Read as an unknown extension: field names are case-sensitive."
	}
	return "An extension field: RFC 8461 defines none besides v and id, so senders ignore it."
}

func recordSummary(rec *explain.Record, facts *RecordFacts, domain string) string {
	d := orThis(domain)
	if !rec.Valid {
		return "Not a usable MTA-STS record (" + reason(rec) + "): " + strings.Replace(noPolicy, "the domain", d, 1) + "."
	}
	url := "https://mta-sts.<domain>" + WellKnownPath
	if domain != "" {
		url = PolicyURL(domain)
	}
	return "MTA-STS record for " + d + ": senders that support MTA-STS fetch its policy from " + url + ", and fetch it again whenever the id (" + *facts.ID + ") changes."
}

// reasons say, for a summary, why senders do not use a record or a policy,
// by the code of its first error.
var reasons = map[string]string{
	CodeRecordEmpty:          "it is empty",
	CodeRecordWhitespace:     "it does not begin with v=STSv1",
	CodeRecordMultiple:       "there is more than one at this name",
	CodeRecordOwner:          "it is not at _mta-sts.<domain>",
	CodeVersionMissing:       "it has no v=STSv1",
	CodeVersionNotFirst:      "it does not begin with v=STSv1",
	CodeVersionInvalid:       "it does not begin with v=STSv1",
	CodeIDMissing:            "it has no id",
	CodeIDInvalid:            "its id is not letters and digits",
	CodeIDTooLong:            "its id is longer than 32 characters",
	CodeFieldSyntax:          "a field is not name=value",
	CodeFieldChar:            "it holds a character that is not US-ASCII",
	CodeExtensionInvalid:     "an extension field breaks the syntax",
	CodeLineSyntax:           "a line is not key: value",
	CodeLineChar:             "a line holds a control character",
	CodePolicyEmpty:          "it is empty",
	CodePolicyBOM:            "it starts with a byte order mark",
	CodeVersionMissingPolicy: "it has no version line",
	CodeVersionInvalidPolicy: "its version is not STSv1",
	CodeModeMissing:          "it has no mode",
	CodeModeInvalid:          "its mode is not enforce, testing or none",
	CodeMaxAgeMissing:        "it has no max_age",
	CodeMaxAgeInvalid:        "its max_age is not a number",
	CodeMaxAgeRange:          "its max_age is over one year",
	CodeMXMissing:            "it names no mx host",
	CodeMXInvalid:            "an mx pattern is not a host name",
	CodeMXList:               "an mx line names several hosts",
	CodeMXIDN:                "an mx pattern is not in its A-label form",
}

// reason is why senders do not use rec: its first error (every error
// code has a reason; TestReasons checks it).
func reason(rec *explain.Record) string {
	for _, f := range rec.Findings {
		if f.Severity == explain.Error {
			return reasons[f.Code]
		}
	}
	return ""
}

func refLine(l *policyLine) string {
	switch {
	case l.use == useKnown && l.key == KeyMode:
		return refModes
	case l.use == useKnown && l.key == KeyMX:
		return refMatching
	}
	return refPolicy
}

func meaningPolicyLine(l *policyLine, facts *PolicyFacts) string {
	switch l.use {
	case useBroken:
		return "Not a “key: value” line: a strict sender rejects the whole policy."
	case useIgnored:
		return "A key senders do not know: they ignore this line."
	case useDuplicate:
		return "Repeated: senders use the first " + q(l.key+":") + " line and ignore this one."
	}
	switch l.key {
	case KeyVersion:
		return "The policy format: STSv1, the only version."
	case KeyMode:
		return meaningMode(Mode(l.val))
	case KeyMaxAge:
		if facts.MaxAge == nil || *facts.MaxAge > MaxAgeLimit {
			return "How long senders may cache the policy, in seconds: at most 31557600 (one year)."
		}
		return "Senders cache this policy for up to " + duration(*facts.MaxAge) + " after they fetch it, and apply it even when the policy cannot be fetched again in that time (RFC 8461 §3.3); they should refresh it before then."
	}
	return meaningPattern(l.val)
}

func meaningMode(m Mode) string {
	switch m {
	case ModeEnforce:
		return "Enforce: senders that support MTA-STS deliver only to MX hosts that match an mx pattern, over TLS with a certificate valid for the host; when none passes they keep the mail queued and retry, never falling back to plaintext."
	case ModeTesting:
		return "Testing: senders check the MX hosts and their certificates and report failures (through TLS-RPT, RFC 8460), but deliver as though the checks had passed."
	case ModeNone:
		return "None: senders treat the domain as having no active policy; it withdraws MTA-STS (RFC 8461 §8.3)."
	}
	return "Not a mode: it must be enforce, testing or none."
}

func meaningPattern(p string) string {
	name := strings.TrimSuffix(p, ".")
	if rest, ok := strings.CutPrefix(name, "*."); ok {
		return "Allowed MX hosts: any name one label under " + rest + " (such as mail." + rest + "), but neither " + rest + " itself nor names two labels under it; the MX host's certificate must be valid for its name."
	}
	return "Allowed MX host: " + name + "; its certificate must be valid for that name."
}

func policySummary(rec *explain.Record, facts *PolicyFacts, domain string) string {
	d := orThis(domain)
	if !rec.Valid {
		return "Senders reject this MTA-STS policy (" + reason(rec) + "): they deliver mail for " + d + " as though it had no MTA-STS policy (a policy they cached earlier still applies until its max_age runs out)."
	}
	age := duration(*facts.MaxAge)
	hosts := strings.Join(facts.MX, ", ")
	switch Mode(*facts.Mode) {
	case ModeEnforce:
		return "Enforce: senders that support MTA-STS deliver mail for " + d + " only over authenticated TLS to MX hosts matching " + hosts + ", and cache this policy for " + age + "."
	case ModeTesting:
		return "Testing: senders that support MTA-STS check that the MX hosts match " + hosts + " and have valid certificates and report failures, but deliver anyway; they cache this policy for " + age + "."
	}
	return "None: " + d + " withdraws MTA-STS; senders treat it as having no policy, and cache this for " + age + "."
}
