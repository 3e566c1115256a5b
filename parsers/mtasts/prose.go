package mtasts

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Every sentence the package writes: finding messages (from a code and its
// Args), field meanings and summaries.

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// noPolicy is what senders do with a record or policy they cannot use.
const noPolicy = "senders that support MTA-STS treat the domain as having no MTA-STS policy (a policy they cached earlier still applies until its max_age runs out)"

// message renders the message of a finding from its code and args.
func message(code string, a explain.Args) string {
	switch code {
	case CodeRecordEmpty:
		return "The record is empty: an MTA-STS record is " + q("v=STSv1; id=<id>;") + ", with an id of 1 to 32 letters and digits that you change whenever the policy changes."
	case CodeRecordWhitespace:
		return fmt.Sprintf("The record starts with %s blank(s) before “v=STSv1”: it must begin with the version itself, and senders discard records that do not begin with “v=STSv1;” (RFC 8461 §3.1): %s. Delete the leading blanks.", a["count"], noPolicy)
	case CodeRecordTrailing:
		return "Blanks after the last field, with no “;” after them: the ABNF allows blanks only around a “;”. Most senders trim them, a strict parser rejects the record. Delete them (or end the record with “;”)."
	case CodeRecordMultiple:
		return fmt.Sprintf("%s records beginning with “v=STSv1;” are published at this name: when there is not exactly one, senders use none of them (RFC 8461 §3.1): %s. Keep one record and delete the others.", a["count"], noPolicy)
	case CodeRecordOwner:
		return fmt.Sprintf("Senders look for the MTA-STS record only at _mta-sts.<domain> (RFC 8461 §3.1); at %s it is never read. Publish it at _mta-sts.%s.", strings.TrimSuffix(a["owner"], "."), strings.TrimSuffix(a["owner"], "."))
	case CodeVersionMissing:
		return "There is no v=STSv1 field: an MTA-STS record must begin with “v=STSv1;”, and senders discard records that do not (RFC 8461 §3.1). Write " + q("v=STSv1; id=<id>;") + "."
	case CodeVersionNotFirst:
		return q(a["field"]) + " is not the first field: the record must begin with “v=STSv1;” and senders discard records that do not (RFC 8461 §3.1). Move it to the start."
	case CodeVersionInvalid:
		return q(a["field"]) + " is not “v=STSv1”: " + versionProblem(a["value"]) + " Senders discard records that do not begin with “v=STSv1;” (RFC 8461 §3.1)."
	case CodeVersionSpacing:
		return "Blanks between “v=STSv1” and its “;”: the ABNF allows them, but RFC 8461 §3.1 keeps only records that begin with “v=STSv1;”, and senders that test for that prefix discard this one. Write “v=STSv1;” with nothing in between."
	case CodeIDMissing:
		return "There is no id field, which is required (RFC 8461 §3.1), so the record is invalid: " + noPolicy + ". Add one, such as " + q("id=20240101T000000") + "."
	case CodeIDInvalid:
		if a["char"] == "" {
			return "The id is empty: it must be 1 to 32 letters and digits (RFC 8461 §3.1), or senders treat the record as invalid."
		}
		return fmt.Sprintf("The id %s holds %s: an id is 1 to 32 letters (A–Z, a–z) and digits only (RFC 8461 §3.1), so senders treat the record as invalid. Remove the other characters, as in %s.", q(a["id"]), q(a["char"]), q(alnumOnly(a["id"])))
	case CodeIDTooLong:
		return fmt.Sprintf("The id is %s characters long, more than the 32 the syntax allows (RFC 8461 §3.1): senders treat the record as invalid. Use a shorter one, such as a date and time (20240101T000000 is 15).", a["length"])
	case CodeFieldSyntax:
		if a["problem"] == "blank" {
			return q(a["field"]) + " has blanks inside it: a field is name=value with no blanks around the “=” or in the value, and fields are separated by “;” (RFC 8461 §3.1), so senders treat the record as invalid."
		}
		return q(a["field"]) + " is not a name=value field (RFC 8461 §3.1), so senders treat the record as invalid. Fields are separated by “;”."
	case CodeFieldChar:
		return fmt.Sprintf("Byte %s is %s: an MTA-STS record must be US-ASCII with no control characters (RFC 8461 §3.1), usually a sign of text copied from a web page or a word processor. Senders treat the record as invalid; retype the field.", a["offset"], describeChar(a["char"]))
	case CodeFieldEmpty:
		return "An empty field between two “;”: the ABNF has one “;” between fields (RFC 8461 §3.1). Most senders skip it, a strict parser rejects the record. Remove the extra “;”."
	case CodeFieldCase:
		return fmt.Sprintf("Field names are case-sensitive (RFC 8461 §3.1): senders read %s as an unknown extension, not as %s. Write it in lower case.", q(a["name"]+"="), q(a["want"]+"="))
	case CodeFieldDuplicate:
		return fmt.Sprintf("A second %s field: senders use the first one and ignore this one (RFC 8461 §3.2). Remove it.", q(a["name"]))
	case CodeExtensionInvalid:
		return q(a["field"]) + " breaks the syntax of an extension field: " + extensionProblem(a["problem"]) + " A record that breaks the syntax is invalid (RFC 8461 §3.1): " + noPolicy + "."
	case CodeExtensionUnknown:
		return fmt.Sprintf("%s is an extension field: RFC 8461 defines only v and id, and senders ignore fields they do not know (§3.2).", q(a["name"]))

	case CodePolicyEmpty:
		return "The policy file is empty. It needs “version: STSv1”, “mode:”, “max_age:” and one “mx:” line per MX host pattern, each on its own line (RFC 8461 §3.2)."
	case CodePolicyBOM:
		return "The file starts with a byte order mark (U+FEFF), which some editors add to UTF-8 files: senders then read the first key as “\ufeffversion”, not “version”. Save the file as UTF-8 without a BOM (or as plain ASCII)."
	case CodePolicyTooLarge:
		return fmt.Sprintf("The policy is %s bytes: senders may stop reading at 64 KiB, the limit RFC 8461 §3.3 suggests, and then use no policy. A policy is a few lines; remove what is not needed.", a["bytes"])
	case CodeLineSyntax:
		if a["problem"] == "no_colon" {
			return q(a["line"]) + " is not a “key: value” line (RFC 8461 §3.2): a strict sender rejects the whole policy. Write the key, a colon and the value, one pair per line."
		}
		return q(a["line"]) + " does not start with a key: a key is a letter or digit followed by at most 31 letters, digits, “_”, “-” or “.” (RFC 8461 §3.2), so a strict sender rejects the whole policy."
	case CodeLineBlank:
		return "An empty line: the policy's syntax has none (RFC 8461 §3.2). Most senders skip it, a strict one rejects the policy. Remove it."
	case CodeLineWhitespace:
		if a["where"] == "colon" {
			return fmt.Sprintf("Blanks between %s and its colon: the syntax has the colon right after the key (RFC 8461 §3.2). mxplain reads the line as most senders do; a strict one rejects the policy. Write %s.", q(a["key"]), q(a["key"]+":"))
		}
		return fmt.Sprintf("The line starts with blanks: the syntax has the key at the start of the line (RFC 8461 §3.2). mxplain reads %s as most senders do; a strict one rejects the policy. Delete them.", q(a["key"]))
	case CodeLineChar:
		return fmt.Sprintf("Byte %s is %s, which a policy line may not hold (RFC 8461 §3.2: printable characters, UTF-8, spaces and tabs): senders reject the policy. Save the file with plain LF or CRLF line ends and retype the line.", a["offset"], describeChar(a["char"]))
	case CodeKeyCase:
		return fmt.Sprintf("Keys are case-sensitive (RFC 8461 §3.2): senders read %s as an unknown key and ignore the line. Write %s.", q(a["key"]), q(a["want"]))
	case CodeKeyMisspelled:
		return fmt.Sprintf("%s is not a key senders know, so they ignore the line: the key is %s (RFC 8461 §3.2).", q(a["key"]), q(a["want"]))
	case CodeKeyUnknown:
		return fmt.Sprintf("%s is not defined by RFC 8461: senders ignore keys they do not know (§3.2).", q(a["key"]))
	case CodeKeyDuplicate:
		return fmt.Sprintf("A second %s line: senders use the first one (%s) and ignore this one (%s) (RFC 8461 §3.2). Keep one.", q(a["key"]), q(a["first"]), q(a["value"]))
	case CodeVersionMissingPolicy:
		return "There is no “version: STSv1” line, which is required (RFC 8461 §3.2): senders reject the policy."
	case CodeVersionInvalidPolicy:
		return fmt.Sprintf("The version %s is not “STSv1”, the only one (RFC 8461 §3.2; it is case-sensitive): senders reject the policy.", q(a["value"]))
	case CodeModeMissing:
		return "There is no “mode:” line, which is required (RFC 8461 §3.2): senders reject the policy. Write “mode: testing” while you check that every MX host has a valid certificate, then “mode: enforce”."
	case CodeModeInvalid:
		return fmt.Sprintf("The mode %s is not “enforce”, “testing” or “none” (RFC 8461 §3.2; they are case-sensitive): senders reject the policy.", q(a["value"]))
	case CodeModeTesting:
		return "Mode testing: senders that support MTA-STS check the MX hosts and their certificates, and those that implement TLS-RPT (RFC 8460) report failures to the addresses in the domain's _smtp._tls record, but mail is delivered as though the checks had passed (RFC 8461 §5). It protects no mail yet; switch to enforce once the reports show no failures."
	case CodeModeNone:
		return "Mode none: senders treat the domain as having no active policy and drop one they cached (RFC 8461 §5). This is the way to withdraw MTA-STS: publish it with a short max_age and a new id, and remove the record and the file only after every earlier policy's max_age has passed (§8.3)."
	case CodeMaxAgeMissing:
		return "There is no “max_age:” line, which is required (RFC 8461 §3.2): senders reject the policy. Write the seconds senders may cache it, such as “max_age: 604800” (a week) or more."
	case CodeMaxAgeInvalid:
		return fmt.Sprintf("max_age %s is not a number of seconds: it must be 1 to 10 digits (RFC 8461 §3.2), so senders reject the policy. Write, for example, “max_age: 604800” (a week).", q(a["value"]))
	case CodeMaxAgeRange:
		return fmt.Sprintf("max_age %s is more than 31557600 seconds (one year), the most RFC 8461 §3.2 allows: senders may reject the policy. Write 31557600 or less.", a["value"])
	case CodeMaxAgeShort:
		return fmt.Sprintf("max_age is %s: senders cache the policy for at most that long after they fetch it. A sender that writes to the domain less often than that never has the policy cached when it delivers, so each delivery rests on a fresh fetch, which an attacker who can block it (or the _mta-sts lookup) suppresses to make the domain look as if it had no policy (RFC 8461 §10.2); senders also fetch it again that often. RFC 8461 §3.2 expects weeks or more, such as 1209600 (two weeks).", a["duration"])
	case CodeMaxAgeLow:
		return fmt.Sprintf("max_age is %s: fine while you try the %s mode out, but RFC 8461 §3.2 expects weeks or more once it is stable: a sender that visits less often than the policy lasts fetches it afresh each time, a chance for an attacker to block the fetch (§10.2).", a["duration"], a["mode"])
	case CodeMXMissing:
		return "There is no “mx:” line: a policy whose mode is not none must name at least one MX host pattern (RFC 8461 §3.2), or senders reject it. Add one “mx:” line per MX host (or “*.” and a domain)."
	case CodeMXInvalid:
		return q(a["value"]) + " is no mx pattern: " + patternProblem(a["problem"]) + " A pattern is a host name (mail.example.com) or “*.” and a domain (*.example.com) (RFC 8461 §3.2); senders reject the policy."
	case CodeMXList:
		return q(a["value"]) + " names several hosts on one line: each mx pattern needs its own “mx:” line (RFC 8461 §3.2), and senders reject the policy as written."
	case CodeMXIDN:
		return q(a["value"]) + " holds non-ASCII letters: an mx pattern must be the A-label (the “xn--” form) of an internationalised name, not the Unicode U-label (RFC 8461 §3.2), and matches no MX host as written. Write the A-label, which your registrar or any IDN converter shows."
	case CodeMXTrailingDot:
		return q(a["value"]) + " ends in a dot, which the syntax of an mx pattern does not have (RFC 8461 §3.2, a Domain of RFC 5321): senders that compare it with the MX host name as written may never match it. Remove the final dot."
	case CodeMXPublicSuffix:
		return fmt.Sprintf("%s covers every host one label under %s, a public suffix: anyone who registers a name there and gets a certificate for it passes this policy (RFC 8461 §10.4). Name your own MX hosts.", q(a["value"]), q(a["suffix"]))
	case CodeMXDuplicate:
		return q(a["value"]) + " is listed again: it adds nothing. Remove the repeated line."
	}
	return code
}

func versionProblem(v string) string {
	switch {
	case strings.EqualFold(strings.TrimSpace(v), Version):
		return "the version is case-sensitive (" + q("STSv1") + ") and takes no blanks."
	case v == "":
		return "the version is empty."
	}
	return "STSv1 is the only version."
}

func extensionProblem(p string) string {
	switch p {
	case "name_length":
		return "its name is longer than 32 characters."
	case "empty":
		return "its value is empty."
	case "value":
		return "its value holds “=”, which an extension value may not."
	}
	return "its name must start with a letter or digit and hold only letters, digits, “_”, “-” and “.”."
}

func patternProblem(p string) string {
	switch p {
	case "empty":
		return "the value is empty."
	case "wildcard":
		return "“*” may only be the whole leftmost label, followed by a dot (RFC 8461 §4.1)."
	case "ip":
		return "it is an IP address; policies name MX hosts, which are names."
	case "url":
		return "it is a URL, an address or a host with a port, not a host name."
	case "empty_label":
		return "it has two dots in a row or starts with a dot."
	case "label_length":
		return "a label is longer than 63 characters."
	case "name_length":
		return "it is longer than 253 characters."
	}
	return "a label holds a character other than letters, digits and “-”, or starts or ends with “-”."
}

// describeChar names a byte or character that does not belong in a field.
func describeChar(c string) string {
	switch {
	case c == "\r":
		return "a carriage return (CR) with no line feed after it"
	case c == "\u00a0":
		return "a no-break space (U+00A0)"
	case len(c) == 1 && c[0] >= 0x80:
		return fmt.Sprintf("the byte 0x%02X, which is not UTF-8", c[0])
	case len(c) == 1:
		return fmt.Sprintf("the control byte 0x%02X", c[0])
	}
	r := []rune(c)[0]
	return fmt.Sprintf("%s (U+%04X), which is not ASCII", q(c), r)
}

func alnumOnly(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isAlnum(s[i]) {
			b.WriteByte(s[i])
		}
	}
	if b.Len() == 0 {
		return "20240101T000000"
	}
	return b.String()[:min(b.Len(), maxIDLen)]
}

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
		return fmt.Sprintf("about %.1f days (%s)", float64(n)/day, s)
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
	return fmt.Sprintf("MTA-STS record for %s: senders that support MTA-STS fetch its policy from %s, and fetch it again whenever the id (%s) changes.", d, url, *facts.ID)
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
		return fmt.Sprintf("Allowed MX hosts: any name one label under %s (such as mail.%s), but neither %s itself nor names two labels under it; the MX host's certificate must be valid for its name.", rest, rest, rest)
	}
	return fmt.Sprintf("Allowed MX host: %s; its certificate must be valid for that name.", name)
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
		return fmt.Sprintf("Enforce: senders that support MTA-STS deliver mail for %s only over authenticated TLS to MX hosts matching %s, and cache this policy for %s.", d, hosts, age)
	case ModeTesting:
		return fmt.Sprintf("Testing: senders that support MTA-STS check that the MX hosts match %s and have valid certificates and report failures, but deliver anyway; they cache this policy for %s.", hosts, age)
	}
	return fmt.Sprintf("None: %s withdraws MTA-STS; senders treat it as having no policy, and cache this for %s.", d, age)
}
