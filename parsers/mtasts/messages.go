package mtasts

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from the
// finding's Args alone (codes.go documents each code's Args).

import (
	"strings"

	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in allCodes: its severity, the
// section it cites and its message, written from the finding's Args alone.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeRecordEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRecordEmpty}},
	{Code: CodeRecordWhitespace, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRecordWhitespace}},
	{Code: CodeRecordTrailing, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgRecordTrailing}},
	{Code: CodeRecordMultiple, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRecordMultiple}},
	{Code: CodeRecordOwner, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgRecordOwner}},
	{Code: CodeVersionMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionMissing}},
	{Code: CodeVersionNotFirst, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionNotFirst}},
	{Code: CodeVersionInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionInvalid}},
	{Code: CodeVersionSpacing, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgVersionSpacing}},
	{Code: CodeIDMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgIDMissing}},
	{Code: CodeIDInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgIDInvalid}},
	{Code: CodeIDTooLong, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgIDTooLong}},
	{Code: CodeFieldSyntax, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgFieldSyntax}},
	{Code: CodeFieldChar, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgFieldChar}},
	{Code: CodeFieldEmpty, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgFieldEmpty}},
	{Code: CodeFieldCase, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgFieldCase}},
	{Code: CodeFieldDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refParsers, Message: msgFieldDuplicate}},
	{Code: CodeExtensionInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgExtensionInvalid}},
	{Code: CodeExtensionUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refParsers, Message: msgExtensionUnknown}},
	{Code: CodePolicyEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgPolicyEmpty}},
	{Code: CodePolicyBOM, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgPolicyBOM}},
	{Code: CodePolicyTooLarge, Rule: explain.Rule{Severity: explain.Warning, Ref: refFetching, Message: msgPolicyTooLarge}},
	{Code: CodeLineSyntax, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgLineSyntax}},
	{Code: CodeLineBlank, Rule: explain.Rule{Severity: explain.Warning, Ref: refPolicy, Message: msgLineBlank}},
	{Code: CodeLineWhitespace, Rule: explain.Rule{Severity: explain.Warning, Ref: refPolicy, Message: msgLineWhitespace}},
	{Code: CodeLineChar, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgLineChar}},
	{Code: CodeKeyCase, Rule: explain.Rule{Severity: explain.Warning, Ref: refPolicy, Message: msgKeyCase}},
	{Code: CodeKeyMisspelled, Rule: explain.Rule{Severity: explain.Warning, Ref: refPolicy, Message: msgKeyMisspelled}},
	{Code: CodeKeyUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refParsers, Message: msgKeyUnknown}},
	{Code: CodeKeyDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refParsers, Message: msgKeyDuplicate}},
	{Code: CodeVersionMissingPolicy, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgVersionMissingPolicy}},
	{Code: CodeVersionInvalidPolicy, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgVersionInvalidPolicy}},
	{Code: CodeModeMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgModeMissing}},
	{Code: CodeModeInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgModeInvalid}},
	{Code: CodeModeTesting, Rule: explain.Rule{Severity: explain.Info, Ref: refModes, Message: msgModeTesting}},
	{Code: CodeModeNone, Rule: explain.Rule{Severity: explain.Info, Ref: refRemoving, Message: msgModeNone}},
	{Code: CodeMaxAgeMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgMaxAgeMissing}},
	{Code: CodeMaxAgeInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgMaxAgeInvalid}},
	{Code: CodeMaxAgeRange, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgMaxAgeRange}},
	{Code: CodeMaxAgeShort, Rule: explain.Rule{Severity: explain.Warning, Ref: refDiscover, Message: msgMaxAgeShort}},
	{Code: CodeMaxAgeLow, Rule: explain.Rule{Severity: explain.Info, Ref: refPolicy, Message: msgMaxAgeLow}},
	{Code: CodeMXMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgMXMissing}},
	{Code: CodeMXInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgMXInvalid}},
	{Code: CodeMXList, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgMXList}},
	{Code: CodeMXIDN, Rule: explain.Rule{Severity: explain.Error, Ref: refPolicy, Message: msgMXIDN}},
	{Code: CodeMXTrailingDot, Rule: explain.Rule{Severity: explain.Warning, Ref: refPolicy, Message: msgMXTrailingDot}},
	{Code: CodeMXPublicSuffix, Rule: explain.Rule{Severity: explain.Warning, Ref: refWeak, Message: msgMXPublicSuffix}},
	{Code: CodeMXDuplicate, Rule: explain.Rule{Severity: explain.Info, Ref: refPolicy, Message: msgMXDuplicate}},
})

// Message writes the message of a finding of code from its args, as the
// parser does; "" for a code this package does not have.
func Message(code string, args explain.Args) string { return rules.Message(code, args) }

func msgRecordEmpty(explain.Args) string {
	return "The record is empty: an MTA-STS record is " + q("v=STSv1; id=<id>;") + ", with an id of 1 to 32 letters and digits that you change whenever the policy changes."
}

func msgRecordWhitespace(a explain.Args) string {
	return "The record starts with " + a["count"] + " blank(s) before “v=STSv1”: it must begin with the version itself, and senders discard records that do not begin with “v=STSv1;” (RFC 8461 §3.1): " + noPolicy + ". Delete the leading blanks."
}

func msgRecordTrailing(explain.Args) string {
	return "Blanks after the last field, with no “;” after them: the ABNF allows blanks only around a “;”. Most senders trim them, a strict parser rejects the record. Delete them (or end the record with “;”)."
}

func msgRecordMultiple(a explain.Args) string {
	return a["count"] + " records beginning with “v=STSv1;” are published at this name: when there is not exactly one, senders use none of them (RFC 8461 §3.1): " + noPolicy + ". Keep one record and delete the others."
}

func msgRecordOwner(a explain.Args) string {
	return "Senders look for the MTA-STS record only at _mta-sts.<domain> (RFC 8461 §3.1); at " + strings.TrimSuffix(a["owner"], ".") + " it is never read. Publish it at _mta-sts." + strings.TrimSuffix(a["owner"], ".") + "."
}

func msgVersionMissing(explain.Args) string {
	return "There is no v=STSv1 field: an MTA-STS record must begin with “v=STSv1;”, and senders discard records that do not (RFC 8461 §3.1). Write " + q("v=STSv1; id=<id>;") + "."
}

func msgVersionNotFirst(a explain.Args) string {
	return q(a["field"]) + " is not the first field: the record must begin with “v=STSv1;” and senders discard records that do not (RFC 8461 §3.1). Move it to the start."
}

func msgVersionInvalid(a explain.Args) string {
	return q(a["field"]) + " is not “v=STSv1”: " + versionProblem(a["value"]) + " Senders discard records that do not begin with “v=STSv1;” (RFC 8461 §3.1)."
}

func msgVersionSpacing(explain.Args) string {
	return "Blanks between “v=STSv1” and its “;”: the ABNF allows them, but RFC 8461 §3.1 keeps only records that begin with “v=STSv1;”, and senders that test for that prefix discard this one. Write “v=STSv1;” with nothing in between."
}

func msgIDMissing(explain.Args) string {
	return "There is no id field, which is required (RFC 8461 §3.1), so the record is invalid: " + noPolicy + ". Add one, such as " + q("id=20240101T000000") + "."
}

func msgIDInvalid(a explain.Args) string {
	if a["char"] == "" {
		return "The id is empty: it must be 1 to 32 letters and digits (RFC 8461 §3.1), or senders treat the record as invalid."
	}
	return "The id " + q(a["id"]) + " holds " + q(a["char"]) + ": an id is 1 to 32 letters (A–Z, a–z) and digits only (RFC 8461 §3.1), so senders treat the record as invalid. Remove the other characters, as in " + q(alnumOnly(a["id"])) + "."
}

func msgIDTooLong(a explain.Args) string {
	return "The id is " + a["length"] + " characters long, more than the 32 the syntax allows (RFC 8461 §3.1): senders treat the record as invalid. Use a shorter one, such as a date and time (20240101T000000 is 15)."
}

func msgFieldSyntax(a explain.Args) string {
	if a["problem"] == "blank" {
		return q(a["field"]) + " has blanks inside it: a field is name=value with no blanks around the “=” or in the value, and fields are separated by “;” (RFC 8461 §3.1), so senders treat the record as invalid."
	}
	return q(a["field"]) + " is not a name=value field (RFC 8461 §3.1), so senders treat the record as invalid. Fields are separated by “;”."
}

func msgFieldChar(a explain.Args) string {
	return "Byte " + a["offset"] + " is " + describeChar(a["char"]) + ": an MTA-STS record must be US-ASCII with no control characters (RFC 8461 §3.1), usually a sign of text copied from a web page or a word processor. Senders treat the record as invalid; retype the field."
}

func msgFieldEmpty(explain.Args) string {
	return "An empty field between two “;”: the ABNF has one “;” between fields (RFC 8461 §3.1). Most senders skip it, a strict parser rejects the record. Remove the extra “;”."
}

func msgFieldCase(a explain.Args) string {
	return "Field names are case-sensitive (RFC 8461 §3.1): senders read " + q(a["name"]+"=") + " as an unknown extension, not as " + q(a["want"]+"=") + ". Write it in lower case."
}

func msgFieldDuplicate(a explain.Args) string {
	return "A second " + q(a["name"]) + " field: senders use the first one and ignore this one (RFC 8461 §3.2). Remove it."
}

func msgExtensionInvalid(a explain.Args) string {
	return q(a["field"]) + " breaks the syntax of an extension field: " + extensionProblem(a["problem"]) + " A record that breaks the syntax is invalid (RFC 8461 §3.1): " + noPolicy + "."
}

func msgExtensionUnknown(a explain.Args) string {
	return q(a["name"]) + " is an extension field: RFC 8461 defines only v and id, and senders ignore fields they do not know (§3.2)."
}

func msgPolicyEmpty(explain.Args) string {
	return "The policy file is empty. It needs “version: STSv1”, “mode:”, “max_age:” and one “mx:” line per MX host pattern, each on its own line (RFC 8461 §3.2)."
}

func msgPolicyBOM(explain.Args) string {
	return "The file starts with a byte order mark (U+FEFF), which some editors add to UTF-8 files: senders then read the first key as “\ufeffversion”, not “version”. Save the file as UTF-8 without a BOM (or as plain ASCII)."
}

func msgPolicyTooLarge(a explain.Args) string {
	return "The policy is " + a["bytes"] + " bytes: senders may stop reading at 64 KiB, the limit RFC 8461 §3.3 suggests, and then use no policy. A policy is a few lines; remove what is not needed."
}

func msgLineSyntax(a explain.Args) string {
	if a["problem"] == "no_colon" {
		return q(a["line"]) + " is not a “key: value” line (RFC 8461 §3.2): a strict sender rejects the whole policy. Write the key, a colon and the value, one pair per line."
	}
	return q(a["line"]) + " does not start with a key: a key is a letter or digit followed by at most 31 letters, digits, “_”, “-” or “.” (RFC 8461 §3.2), so a strict sender rejects the whole policy."
}

func msgLineBlank(explain.Args) string {
	return "An empty line: the policy's syntax has none (RFC 8461 §3.2). Most senders skip it, a strict one rejects the policy. Remove it."
}

func msgLineWhitespace(a explain.Args) string {
	if a["where"] == "colon" {
		return "Blanks between " + q(a["key"]) + " and its colon: the syntax has the colon right after the key (RFC 8461 §3.2). mxplain reads the line as most senders do; a strict one rejects the policy. Write " + q(a["key"]+":") + "."
	}
	return "The line starts with blanks: the syntax has the key at the start of the line (RFC 8461 §3.2). mxplain reads " + q(a["key"]) + " as most senders do; a strict one rejects the policy. Delete them."
}

func msgLineChar(a explain.Args) string {
	return "Byte " + a["offset"] + " is " + describeChar(a["char"]) + ", which a policy line may not hold (RFC 8461 §3.2: printable characters, UTF-8, spaces and tabs): senders reject the policy. Save the file with plain LF or CRLF line ends and retype the line."
}

func msgKeyCase(a explain.Args) string {
	return "Keys are case-sensitive (RFC 8461 §3.2): senders read " + q(a["key"]) + " as an unknown key and ignore the line. Write " + q(a["want"]) + "."
}

func msgKeyMisspelled(a explain.Args) string {
	return q(a["key"]) + " is not a key senders know, so they ignore the line: the key is " + q(a["want"]) + " (RFC 8461 §3.2)."
}

func msgKeyUnknown(a explain.Args) string {
	return q(a["key"]) + " is not defined by RFC 8461: senders ignore keys they do not know (§3.2)."
}

func msgKeyDuplicate(a explain.Args) string {
	return "A second " + q(a["key"]) + " line: senders use the first one (" + q(a["first"]) + ") and ignore this one (" + q(a["value"]) + ") (RFC 8461 §3.2). Keep one."
}

func msgVersionMissingPolicy(explain.Args) string {
	return "There is no “version: STSv1” line, which is required (RFC 8461 §3.2): senders reject the policy."
}

func msgVersionInvalidPolicy(a explain.Args) string {
	return "The version " + q(a["value"]) + " is not “STSv1”, the only one (RFC 8461 §3.2; it is case-sensitive): senders reject the policy."
}

func msgModeMissing(explain.Args) string {
	return "There is no “mode:” line, which is required (RFC 8461 §3.2): senders reject the policy. Write “mode: testing” while you check that every MX host has a valid certificate, then “mode: enforce”."
}

func msgModeInvalid(a explain.Args) string {
	return "The mode " + q(a["value"]) + " is not “enforce”, “testing” or “none” (RFC 8461 §3.2; they are case-sensitive): senders reject the policy."
}

func msgModeTesting(explain.Args) string {
	return "Mode testing: senders that support MTA-STS check the MX hosts and their certificates, and those that implement TLS-RPT (RFC 8460) report failures to the addresses in the domain's _smtp._tls record, but mail is delivered as though the checks had passed (RFC 8461 §5). It protects no mail yet; switch to enforce once the reports show no failures."
}

func msgModeNone(explain.Args) string {
	return "Mode none: senders treat the domain as having no active policy and drop one they cached (RFC 8461 §5). This is the way to withdraw MTA-STS: publish it with a short max_age and a new id, and remove the record and the file only after every earlier policy's max_age has passed (§8.3)."
}

func msgMaxAgeMissing(explain.Args) string {
	return "There is no “max_age:” line, which is required (RFC 8461 §3.2): senders reject the policy. Write the seconds senders may cache it, such as “max_age: 604800” (a week) or more."
}

func msgMaxAgeInvalid(a explain.Args) string {
	return "max_age " + q(a["value"]) + " is not a number of seconds: it must be 1 to 10 digits (RFC 8461 §3.2), so senders reject the policy. Write, for example, “max_age: 604800” (a week)."
}

func msgMaxAgeRange(a explain.Args) string {
	return "max_age " + a["value"] + " is more than 31557600 seconds (one year), the most RFC 8461 §3.2 allows: senders may reject the policy. Write 31557600 or less."
}

func msgMaxAgeShort(a explain.Args) string {
	return "max_age is " + a["duration"] + ": senders cache the policy for at most that long after they fetch it. A sender that writes to the domain less often than that never has the policy cached when it delivers, so each delivery rests on a fresh fetch, which an attacker who can block it (or the _mta-sts lookup) suppresses to make the domain look as if it had no policy (RFC 8461 §10.2); senders also fetch it again that often. RFC 8461 §3.2 expects weeks or more, such as 1209600 (two weeks)."
}

func msgMaxAgeLow(a explain.Args) string {
	return "max_age is " + a["duration"] + ", shorter than the weeks RFC 8461 §3.2 expects: a sender that writes to the domain less often than that has no cached policy when it delivers, so its delivery rests on a fresh fetch, which an attacker can block (§10.2). A short max_age suits the first days of a policy in " + a["mode"] + " mode; once it is stable, raise it to weeks or more (1209600 is two weeks)."
}

func msgMXMissing(explain.Args) string {
	return "There is no “mx:” line: a policy whose mode is not none must name at least one MX host pattern (RFC 8461 §3.2), or senders reject it. Add one “mx:” line per MX host (or “*.” and a domain)."
}

func msgMXInvalid(a explain.Args) string {
	return q(a["value"]) + " is no mx pattern: " + patternProblem(a["problem"]) + " A pattern is a host name (mail.example.com) or “*.” and a domain (*.example.com) (RFC 8461 §3.2); senders reject the policy."
}

func msgMXList(a explain.Args) string {
	return q(a["value"]) + " names several hosts on one line: each mx pattern needs its own “mx:” line (RFC 8461 §3.2), and senders reject the policy as written."
}

func msgMXIDN(a explain.Args) string {
	return q(a["value"]) + " holds non-ASCII letters: an mx pattern must be the A-label (the “xn--” form) of an internationalised name, not the Unicode U-label (RFC 8461 §3.2), and matches no MX host as written. Write the A-label, which your registrar or any IDN converter shows."
}

func msgMXTrailingDot(a explain.Args) string {
	return q(a["value"]) + " ends in a dot, which the syntax of an mx pattern does not have (RFC 8461 §3.2, a Domain of RFC 5321): senders that compare it with the MX host name as written may never match it. Remove the final dot."
}

func msgMXPublicSuffix(a explain.Args) string {
	return q(a["value"]) + " covers every host one label under " + q(a["suffix"]) + ", a public suffix: anyone who registers a name there and gets a certificate for it passes this policy (RFC 8461 §10.4). Name your own MX hosts."
}

func msgMXDuplicate(a explain.Args) string {
	return q(a["value"]) + " is listed again: it adds nothing. Remove the repeated line."
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
		return "the byte 0x" + numtext.UpperHex(uint64(c[0]), 2) + ", which is not UTF-8"
	case len(c) == 1:
		return "the control byte 0x" + numtext.UpperHex(uint64(c[0]), 2)
	}
	r := []rune(c)[0]
	return q(c) + " (" + "U+" + numtext.UpperHex(uint64(r), 4) + "), which is not ASCII"
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
