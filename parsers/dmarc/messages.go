package dmarc

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from the
// finding's Args alone (codes.go documents each code's Args).

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in AllCodes: its severity, the section
// it cites and its message.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeVersionMissing, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgVersionMissing}},
	{Code: CodeVersionInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgVersionInvalid}},
	{Code: CodeVersionNotFirst, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgVersionNotFirst}},
	{Code: CodeRecordWhitespace, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.10", Message: msgLeadingSpace}},
	{Code: CodeRecordIllegalChar, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.8", Message: msgIllegalChar}},
	{Code: CodeRecordMultiple, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.10", Message: msgMultiple}},
	{Code: CodeRecordNoPolicy, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.10.1", Message: msgNoPolicy}},

	{Code: CodeTagDuplicate, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 6376 §3.2", Message: msgDuplicate}},
	{Code: CodeTagUnknown, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.7", Message: msgUnknown}},
	{Code: CodeTagCase, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 6376 §3.2", Message: msgTagCase}},
	{Code: CodeTagEmpty, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.8", Message: msgEmpty}},
	{Code: CodeTagSyntax, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.8", Message: msgTagSyntax}},
	{Code: CodeSeparatorStray, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §4.8", Message: msgStraySep}},

	{Code: CodePMissing, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.10.1", Message: msgPMissing}},
	{Code: CodePNotSecond, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 7489 §6.4", Message: msgPNotSecond}},
	{Code: CodePInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.10.1", Message: msgPolicyInvalid}},
	{Code: CodePNone, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §3.2.12", Message: msgPNone}},
	{Code: CodeSPInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.10.1", Message: msgPolicyInvalid}},
	{Code: CodeSPWeaker, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.7", Message: msgSPWeaker}},
	{Code: CodeNPInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.10.1", Message: msgPolicyInvalid}},
	{Code: CodeNPWeaker, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.7", Message: msgNPWeaker}},
	{Code: CodeADKIMInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgAlignmentInvalid}},
	{Code: CodeASPFInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgAlignmentInvalid}},
	{Code: CodeFOInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgFOInvalid}},
	{Code: CodeFORedundant, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.8", Message: msgFORedundant}},
	{Code: CodeFOWithoutRUF, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §4.7", Message: msgFOWithoutRUF}},
	{Code: CodePSDInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgPSDInvalid}},
	{Code: CodePSDYes, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §4.7", Message: msgPSDYes}},
	{Code: CodeTInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgTInvalid}},
	{Code: CodeTTesting, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §4.7", Message: msgTesting}},

	{Code: CodeRUAMissing, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.7", Message: msgRUAMissing}},
	{Code: CodeRUFPresent, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §10.2", Message: msgRUFPresent}},

	{Code: CodeURIObfuscated, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.7", Message: msgObfuscated}},
	{Code: CodeURISchemeMissing, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.6", Message: msgSchemeMissing}},
	{Code: CodeURISchemeUnsupported, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.7", Message: msgSchemeUnsupported}},
	{Code: CodeURIInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.8", Message: msgURIInvalid}},
	{Code: CodeURIAddressInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.6", Message: msgAddressInvalid}},
	{Code: CodeURISizeInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: "RFC 9989 §4.8", Message: msgSizeInvalid}},
	{Code: CodeURISizeObsolete, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §4.8", Message: msgSizeObsolete}},
	{Code: CodeURIEmpty, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.8", Message: msgURIEmpty}},
	{Code: CodeURIMany, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 7489 §6.2", Message: msgURIMany}},
	{Code: CodeURIDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §4.7", Message: msgURIDuplicate}},
	{Code: CodeURIExternal, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 9989 §11.6", Message: msgExternal}},

	{Code: CodePctRemoved, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §A.6", Message: msgPct}},
	{Code: CodeRFRemoved, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §C.5.2", Message: msgRF}},
	{Code: CodeRIRemoved, Rule: explain.Rule{Severity: explain.Warning, Ref: "RFC 9989 §C.5.2", Message: msgRI}},
})

// Message writes the message of a finding of code from its Args, as the
// package's findings have it; "" for a code that is not the package's.
func Message(code string, args explain.Args) string { return rules.Message(code, args) }

// flag is a yes-or-no argument: "true", or "" (left out) for no.
func flag(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// lines splits a list argument, one item a line, into its items.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func msgMultiple(a explain.Args) string {
	n := a["count"]
	return n + " DMARC records are published at this name: receivers discard them all and apply no DMARC policy " +
		"(RFC 9989 §4.10; RFC 7489 receivers do the same). Merge them into one TXT record that starts with v=DMARC1 and delete the others."
}

// msgLeadingSpace is about the n bytes of whitespace the record starts with.
func msgLeadingSpace(a explain.Args) string {
	n := a["length"]
	return "The record starts with " + n + ` byte(s) of whitespace before "v=DMARC1": a DMARC record must start with the ` +
		"v tag itself (RFC 9989 §4.8), and receivers discard records that do not (§4.10), so this one gives the domain no DMARC " +
		"policy. Delete the leading whitespace."
}

// msgIllegalChar is about the bytes bad at offset at: a run of control
// bytes or one non-ASCII character.
func msgIllegalChar(a explain.Args) string {
	bad, at := a["text"], a["offset"]
	r, _ := utf8.DecodeRuneInString(bad)
	var what string
	switch {
	case strings.Trim(bad, "\r\n") == "":
		what = "a line break, usually left by pasting a wrapped record into a DNS panel"
	case bad[0] < 0x80:
		what = "the control byte(s) " + strconv.Quote(bad)
	case r == '\u00a0':
		what = "a no-break space (U+00A0), copied from a web page or word processor where a plain space belongs"
	case r == '\u201c' || r == '\u201d' || r == '\u2018' || r == '\u2019':
		what = "the curly quotation mark " + strconv.QuoteRune(r) + " (" + "U+" + numtext.UpperHex(uint64(r), 4) + "), copied from formatted text; the DNS panel adds any quoting itself"
	case r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060':
		what = "the invisible character " + "U+" + numtext.UpperHex(uint64(r), 4) + ", usually carried over by copy and paste"
	case r == utf8.RuneError && len(bad) == 1:
		what = "the byte 0x" + numtext.UpperHex(uint64(bad[0]), 2) + ", which is not ASCII"
	default:
		what = strconv.QuoteRune(r) + " (" + "U+" + numtext.UpperHex(uint64(r), 4) + "), which is not ASCII"
	}
	return "Byte " + at + " is " + what + ": a DMARC record holds only printable ASCII characters, spaces and tabs (RFC 9989 §4.8), " +
		"so receivers that follow the grammar discard the tag it is in (before a tag name, it spoils that tag). Delete it and " +
		"retype what it replaced."
}

func msgStraySep(explain.Args) string {
	return "Empty tag between semicolons (\";;\" or a leading \";\"): the DMARC ABNF does not allow it, though most receivers skip it. " +
		"Remove the extra \";\"."
}

func msgVersionMissing(a explain.Args) string {
	s := "This is not a DMARC record: it has no v=DMARC1 tag, so receivers ignore it (RFC 9989 §4.7). A DMARC record must start with \"v=DMARC1;\"."
	switch a["looks_like"] {
	case "spf":
		s += " This text is an SPF record: publish it as TXT at the domain itself, not at _dmarc."
	case "dkim":
		s += " It looks like a DKIM public key (k=, p=MI…): " + otherRecords["dkim1"].place + "."
	}
	return s
}

// otherRecords names records of other kinds by their v= value (lower-cased)
// and says where they belong, for one pasted at _dmarc.
var otherRecords = map[string]struct{ kind, place string }{
	"dkim1":    {"a DKIM key record", "DKIM keys belong at <selector>._domainkey.<domain> (RFC 6376 §3.6.2.1), not at _dmarc"},
	"tlsrptv1": {"a TLS-RPT record", "SMTP TLS reporting (TLS-RPT) records belong at _smtp._tls.<domain> (RFC 8460 §3), not at _dmarc"},
	"stsv1":    {"an MTA-STS record", "MTA-STS records belong at _mta-sts.<domain> (RFC 8461 §3.1), not at _dmarc"},
	"bimi1":    {"a BIMI record", "BIMI records belong at default._bimi.<domain> (or another selector), not at _dmarc"},
}

// msgVersionNotFirst is about a v tag after other tags (args "tag") or
// after other text (args "before").
func msgVersionNotFirst(a explain.Args) string {
	if before := a["before"]; before != "" {
		return msgTextBeforeVersion(before)
	}
	text := a["tag"]
	return strconv.Quote(text) + " is not the first tag: RFC 9989 requires v=DMARC1 to come first and receivers ignore the whole record " +
		`otherwise. Move it to the start: "v=DMARC1; p=…".`
}

func msgTextBeforeVersion(before string) string {
	return "The record starts with " + strconv.Quote(before) + " before v=DMARC1: RFC 9989 requires v=DMARC1 to come first and receivers ignore " +
		"the whole record otherwise. Remove what precedes it."
}

func msgVersionInvalid(a explain.Args) string {
	val := a["value"]
	switch {
	case strings.EqualFold(val, Version):
		return "The version is written " + strconv.Quote(val) + ` but must be exactly "DMARC1" (it is case-sensitive); receivers ignore the whole ` +
			"record. Write v=DMARC1."
	case len(val) > len(Version) && strings.EqualFold(val[:len(Version)], Version) && val[len(Version)] == ',':
		return "The version reads " + strconv.Quote(val) + `: tags are separated by ";", not ",", so the rest was read as part of the ` +
			`version and receivers ignore the whole record. Write "v=DMARC1; p=…; rua=…".`
	case len(val) > len(Version) && strings.EqualFold(val[:len(Version)], Version) && isWSP(val[len(Version)]):
		return "The version reads " + strconv.Quote(val) + `: a ";" is missing after v=DMARC1, so the rest was read as part of the version and ` +
			`receivers ignore the whole record. Separate tags with ";": "v=DMARC1; p=…".`
	case otherRecords[strings.ToLower(val)].kind != "":
		o := otherRecords[strings.ToLower(val)]
		return "This is " + o.kind + " (v=" + val + "), not a DMARC record; receivers ignore it here. " + o.place + "; at _dmarc publish a record " +
			`starting "v=DMARC1;".`
	case strings.HasPrefix(strings.ToLower(val), "spf1"):
		return "This is an SPF record (v=spf1), not a DMARC record; receivers ignore it here. Publish SPF as a TXT record at the " +
			"domain itself, and at _dmarc publish a record starting \"v=DMARC1;\"."
	}
	return "The version " + strconv.Quote(val) + ` is not "DMARC1", the only DMARC version; receivers ignore the whole record. Write v=DMARC1.`
}

func msgTagSyntax(a explain.Args) string {
	text := a["text"]
	if !strings.Contains(text, "=") {
		return strconv.Quote(text) + ` is not a tag=value pair (it has no "="); receivers ignore it. Write it as tag=value (e.g. p=reject) ` +
			"or remove it."
	}
	return strconv.Quote(text) + " does not start with a tag name made of letters; receivers ignore it. Write it as tag=value (e.g. p=reject) " +
		"or remove it."
}

func msgDuplicate(a explain.Args) string {
	name, first := a["tag"], a["first"]
	return "The tag " + strconv.Quote(name) + " appears more than once (first as " + strconv.Quote(first) + "). DMARC uses DKIM's tag-value syntax, under which a repeated " +
		"tag makes the whole record invalid (RFC 6376 §3.2); receivers differ, many keep the first (as this explanation does). " +
		"Keep a single " + strings.ToLower(name) + " tag."
}

func msgUnknown(a explain.Args) string {
	name := a["tag"]
	s := strconv.Quote(name) + " is not a DMARC tag; receivers ignore it (RFC 9989 §4.7)."
	if c := closestTag(strings.ToLower(name)); c != "" {
		s += " Did you mean " + strconv.Quote(c) + "?"
	} else {
		s += " Remove it."
	}
	return s
}

// closestTag returns a known tag within one edit of name, or "".
func closestTag(name string) string {
	for _, t := range []string{"p", "sp", "np", "adkim", "aspf", "rua", "ruf", "fo", "psd", "pct"} {
		if len(name) > 1 && oneEdit(name, t) {
			return t
		}
	}
	return ""
}

// oneEdit reports whether a and b differ by one insertion, deletion,
// substitution or swap of neighbours.
func oneEdit(a, b string) bool {
	if a == b || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case len(a) > len(b):
		return a[i+1:] == b[i:]
	}
	return a[i:] == b[i+1:]
}

func msgTagCase(a explain.Args) string {
	name := a["tag"]
	lower := strings.ToLower(name)
	return "Tag names are case-sensitive (RFC 6376 §3.2): " + strconv.Quote(name) + " is not " + strconv.Quote(lower) + ", and strict receivers ignore it as an unknown tag " +
		"(this explanation reads it as " + strconv.Quote(lower) + "). Write " + strconv.Quote(lower) + "."
}

var tagDefaults = map[string]string{
	"adkim": "relaxed alignment", "aspf": "relaxed alignment", "fo": "fo=0", "psd": "psd=u", "t": "t=n",
	"rua": "no aggregate reports", "ruf": "no failure reports", "pct": "nothing: pct is removed", "rf": "nothing: rf is removed",
	"ri": "nothing: ri is removed", "v": "none: the record is not DMARC",
}

func msgEmpty(a explain.Args) string {
	name := a["tag"]
	return "The " + name + " tag has no value; receivers ignore it and its default applies (" + tagDefaults[name] + "). Give it a value or remove it."
}

// sepHint says where a ";" seems to be missing in a tag value, or "".
func sepHint(val string) string {
	for i := 1; i < len(val); i++ {
		if val[i] != ' ' && val[i] != '\t' && val[i] != ',' {
			continue
		}
		rest := strings.TrimLeft(val[i:], " \t,")
		if eq := strings.IndexByte(rest, '='); eq > 0 && isAlpha(strings.TrimSpace(rest[:eq])) {
			return ` A ";" seems to be missing before ` + strconv.Quote(strings.TrimSpace(rest[:eq])+"=") + ": tags are separated by semicolons."
		}
	}
	return ""
}

func msgPolicyInvalid(a explain.Args) string {
	name, val, validRUA := a["tag"], a["value"], a["valid_rua"] == "true"
	var s string
	if val == "" {
		s = name + "= has no value; it must be none, quarantine or reject."
	} else {
		s = name + "=" + val + " is not a valid policy: the value must be none, quarantine or reject."
	}
	s += sepHint(val)
	if name != "p" {
		s += " An invalid " + name + " invalidates the whole policy, not only the subdomain one."
	}
	if validRUA {
		s += " Because rua holds a valid address, RFC 9989 receivers act as if the record said p=none and take no action on failing mail (§4.10.1)."
	} else {
		s += " With no valid rua address either, receivers apply no DMARC processing to this domain's mail at all (§4.10.1)."
	}
	return s
}

func msgAlignmentInvalid(a explain.Args) string {
	name, val := a["tag"], a["value"]
	return name + "=" + val + " is not valid: use r (relaxed) or s (strict). Receivers ignore it and use the default, relaxed alignment." + sepHint(val)
}

func msgPSDInvalid(a explain.Args) string {
	val := a["value"]
	return "psd=" + val + " is not valid: use y, n or u. Receivers ignore it and use the default, u (the DNS Tree Walk decides " +
		"the organizational domain)." + sepHint(val)
}

func msgTInvalid(a explain.Args) string {
	val := a["value"]
	return "t=" + val + " is not valid: use y (testing) or n. Receivers ignore it and apply the policy as published (t=n)." + sepHint(val)
}

// msgFOInvalid is about fo=val, where names (quoted) are not options.
func msgFOInvalid(a explain.Args) string {
	val, names := a["value"], lines(a["options"])
	what := strings.Join(names, ", ") + " is not an option"
	if len(names) > 1 {
		what = strings.Join(names, ", ") + " are not options"
	}
	return "fo=" + val + " is not a valid option list (" + what + "): fo takes 0 or 1 and optionally d and s, separated by colons " +
		"(e.g. fo=1 or fo=0:d:s). Receivers ignore it and use fo=0." + sepHint(val)
}

// msgFORedundant is about the option opt of fo=val, which is 0 next to 1
// (zeroWithOne) or a repetition.
func msgFORedundant(a explain.Args) string {
	val, opt, zeroWithOne := a["value"], a["option"], a["zero_with_one"] == "true"
	strict := "so a strict RFC 9989 parser may discard the tag and use the default, fo=0 (§4.8)"
	if zeroWithOne {
		return "fo=" + val + " asks for both 0 and 1: 1 (a report when any mechanism fails to give an aligned pass) already " +
			"covers every message 0 (when all of them fail) would report, so the 0 adds nothing. RFC 7489 allowed the combination " +
			"and its report generators read it as fo=1; RFC 9989 makes 0 and 1 mutually exclusive, " + strict + ". Remove the 0."
	}
	return strconv.Quote(opt) + " appears more than once in fo=" + val + ": repeating an option changes nothing, and RFC 9989 allows each " +
		"option once, " + strict + ". Remove the repetition."
}

func msgPct(a explain.Args) string {
	val := a["value"]
	n, err := strconv.Atoi(a["percent"])
	ok := err == nil
	s := "pct was removed by RFC 9989 (Appendix A.6); RFC 9989 receivers ignore it and apply the policy to all failing mail."
	switch {
	case !ok:
		return s + " Its value " + strconv.Quote(val) + " is not even an integer from 0 to 100 (RFC 7489 §6.3). Remove it."
	case n == 100:
		return s + " pct=100 was RFC 7489's default and changes nothing: remove it."
	case n == 0:
		return s + " RFC 7489 receivers still read it: pct=0 asks them to apply the policy to no failing mail (reject falls back to " +
			"quarantine, quarantine to normal handling), and some mailing lists and providers treat it as a signal to rewrite the From " +
			"header. RFC 9989 replaces pct=0 with t=y: write t=y instead."
	}
	return s + " RFC 7489 receivers still apply the policy to only about " + strconv.Itoa(n) + "% of failing mail and give the rest the next " +
		"weaker treatment (quarantine instead of reject, normal handling instead of quarantine); their sampling was found to be " +
		"inaccurate. Remove pct (use t=y while testing)."
}

func msgRF(a explain.Args) string {
	val := a["value"]
	s := "rf (failure report format) was removed by RFC 9989 and is ignored; RFC 7489 defined only \"afrf\", its default. Remove it."
	if !strings.EqualFold(val, "afrf") {
		s += " RFC 7489 receivers should ignore rf=" + val + " and may ignore the whole record (RFC 7489 §6.3)."
	}
	return s
}

func msgRI(a explain.Args) string {
	val, n := a["value"], a["seconds"]
	if n == "" {
		return "ri (requested interval between aggregate reports) was removed by RFC 9989 and is ignored; its value " + strconv.Quote(val) + " " +
			"is not a number of seconds either. Remove it."
	}
	return "ri (requested interval between aggregate reports, here " + n + " seconds) was removed by RFC 9989 and is ignored; " +
		"RFC 7489 receivers sent daily reports whatever it said and honoured other intervals only on a best-effort basis. Remove it."
}

func msgPMissing(a explain.Args) string {
	validRUA := a["valid_rua"] == "true"
	s := "The record has no p tag. RFC 7489 made p required; RFC 9989 treats a record without p as p=none (no action on failing mail) "
	if validRUA {
		s += "because rua holds a valid address (§4.10.1)."
	} else {
		s += "only when rua holds a valid address, and here it does not, so receivers apply no DMARC processing at all (§4.10.1)."
	}
	return s + " Add p=none to monitor, or p=quarantine or p=reject to ask receivers to act on failing mail."
}

func msgNoPolicy(a explain.Args) string {
	what := "a valid p, sp or np"
	if a["missing"] == "p" {
		what = "a p tag"
	}
	return "Receivers apply no DMARC processing to this domain's mail: the record lacks " + what + " and has no valid rua address " +
		"(RFC 9989 §4.10.1). Publish a valid p=none, p=quarantine or p=reject."
}

func msgPNone(a explain.Args) string {
	hasRUA := a["rua"] == "true"
	s := "p=none is monitoring mode (RFC 9989 §3.2.12): the owner expresses no preference, so receivers take no DMARC action on " +
		"mail that fails DMARC and mail forged in this domain's name is not held back because of DMARC; the owner only collects reports. Once the reports show that all legitimate mail passes, " +
		"move to p=quarantine, then p=reject."
	if !hasRUA {
		s += " Without rua no reports arrive either, so this record has almost no effect."
	}
	return s
}

func msgSPWeaker(a explain.Args) string {
	sp, p := a["sp"], a["p"]
	return "sp=" + sp + " is weaker than p=" + p + ": receivers are asked to apply " + sp + " instead of " + p + " to failing mail claiming to be " +
		"from existing subdomains, so subdomains are easier to spoof than the domain itself. Remove sp to inherit p=" + p + ", unless a " +
		"subdomain really sends mail that cannot pass DMARC yet."
}

func msgNPWeaker(a explain.Args) string {
	np, from, base := a["np"], a["from"], a["base"]
	return "np=" + np + " is weaker than the policy for existing names (" + from + "=" + base + "): receivers are asked to apply " + np + " to failing " +
		"mail claiming to be from subdomains that do not exist at all, which no legitimate sender uses. Set np=reject or remove np."
}

func msgRUAMissing(a explain.Args) string {
	if a["rua"] == "true" {
		return "rua holds no usable address, so no aggregate reports will arrive and you cannot see who sends mail as your domain. " +
			"Fix the addresses noted in the other findings, e.g. rua=mailto:dmarc-reports@your-domain."
	}
	return "No rua tag: receivers send no aggregate reports (RFC 9989 §4.7), so you cannot see who sends mail as your domain or " +
		"whether your own mail passes. Add rua=mailto:dmarc-reports@your-domain (or your reporting service's address)."
}

func msgRUFPresent(explain.Args) string {
	return "ruf requests failure reports, with details (possibly content) of individual failing messages. Many large receivers never " +
		"send them for privacy reasons (RFC 9989 §10.2), so expect few; the address receives personal data and must be protected (§11.6)."
}

func msgFOWithoutRUF(explain.Args) string {
	return "fo chooses when failure reports are sent, but there is no ruf tag, so no failure reports are requested and fo has no " +
		"effect (RFC 9989 §4.7). Remove fo, or add ruf=mailto:… if you want failure reports."
}

func msgPNotSecond(explain.Args) string {
	return "p is not the tag right after v=DMARC1. RFC 9989 allows the tags in any order (§4.8), but RFC 7489's grammar " +
		"(§6.4) put p directly after v, so a receiver that parses by that grammar may not find it. Most accept any order; " +
		"moving p to second place costs nothing: \"v=DMARC1; p=…; rua=…\"."
}

// msgTesting explains t=y; "lowers" lists the policies it lowers, as
// "sp=reject", one a line, none when every policy is none.
func msgTesting(a explain.Args) string {
	lowered, pct := lines(a["lowers"]), a["pct"] == "true"
	s := "t=y is testing mode (RFC 9989 §4.7): it asks receivers not to apply the policies as published (p, sp and np alike) but " +
		"one level below them (quarantine instead of reject, none instead of quarantine) and may trigger special handling such as " +
		"From-header rewriting by mailing lists; reports are not affected."
	if len(lowered) == 0 {
		s += " With every policy at none it changes nothing."
	} else {
		s += " Here it lowers " + strings.Join(lowered, ", ") + "."
	}
	s += " RFC 7489 receivers do not know t and apply the policy in full"
	if pct {
		s += " (they read pct instead)"
	}
	return s + ". Remove t=y when testing is done."
}

func msgPSDYes(explain.Args) string {
	return "psd=y declares this domain a public suffix domain, such as a TLD or a registry's zone (RFC 9989 §3.2.15): receivers then " +
		"treat each name directly below it as a separate organizational domain, so its subdomains do not align with each other. Only a " +
		"public suffix operator should publish it; an ordinary domain should remove it (or write psd=n to say it is its own " +
		"organizational domain). RFC 7489 receivers do not know psd and ignore it."
}

func msgURIDuplicate(a explain.Args) string {
	tag, text := a["tag"], a["uri"]
	return strconv.Quote(text) + " names a destination the " + tag + " list already holds; receivers may send each report there twice. " +
		"Remove the repetition."
}

func msgURIMany(a explain.Args) string {
	tag := a["tag"]
	return "The " + tag + " list holds more than two addresses. RFC 9989 asks receivers to send each report to every one " +
		"(§C.7), but RFC 7489 receivers need support only two and may skip the rest (RFC 7489 §6.2): put the addresses that " +
		"matter most first."
}

func msgURIEmpty(a explain.Args) string {
	tag := a["tag"]
	return "Empty entry in the " + tag + " list (a stray comma); receivers skip it. Remove the extra comma."
}

// humanSize writes n bytes as "10 MiB (10485760 bytes)".
func humanSize(text string, n uint64) string {
	units := map[byte]string{'k': "KiB", 'm': "MiB", 'g': "GiB", 't': "TiB"}
	last := strings.ToLower(text[len(text)-1:])[0]
	if u, ok := units[last]; ok {
		return text[:len(text)-1] + " " + u + " (" + strconv.FormatUint(n, 10) + " bytes)"
	}
	return strconv.FormatUint(n, 10) + " bytes"
}

func msgSizeInvalid(a explain.Args) string {
	tag, s := a["tag"], a["size"]
	if sizeSyntax(s) {
		return `"!` + s + `" in ` + tag + " is too large to be a size limit (over 2^64 bytes). Receivers may discard the whole URI. " +
			"Remove the suffix (RFC 9989 reporters ignore size limits anyway) or write a sensible one such as !10m (10 megabytes)."
	}
	return strconv.Quote(s) + ` after "!" in ` + tag + " is not a size limit: the obsolete size suffix is digits with an optional k, m, g or t " +
		"(e.g. !10m, a 10-megabyte limit). Receivers may discard the whole URI. Remove the suffix (RFC 9989 reporters ignore size " +
		"limits anyway) or write a valid one."
}

func msgSizeObsolete(a explain.Args) string {
	s := a["size"]
	n, _ := strconv.ParseUint(a["bytes"], 10, 64)
	limit := "send no report larger than that to this address"
	if n == 0 {
		limit = "can send no report at all to this address"
	}
	return "!" + s + " is an obsolete report size limit of " + humanSize(s, n) + "; units are powers of two (RFC 7489 §6.4). RFC 7489 receivers " +
		limit + "; RFC 9989 reporters ignore the limit. Keeping or removing it is harmless."
}

func msgObfuscated(a explain.Args) string {
	tag, uri := a["tag"], a["uri"]
	return "The " + tag + " address " + strconv.Quote(uri) + ` is not an e-mail address: "[email protected]" is the text that Cloudflare's (and similar) ` +
		"e-mail address obfuscation shows on a web page in place of a real address, so this record was copied from such a page. " +
		"Receivers cannot send reports to it. Put your real reporting address there, e.g. " + tag + "=mailto:dmarc-reports@your-domain."
}

// msgURIInvalid is about the uri in tag, whose bytes bad are not allowed
// for the reason why.
func msgURIInvalid(a explain.Args) string {
	tag, uri, bad, why := a["tag"], a["uri"], a["text"], uriProblem(a["problem"])
	var what string
	switch why {
	case uriNonASCII:
		what = strconv.Quote(bad) + " is not ASCII, and a URI holds only ASCII characters (RFC 3986 §2; RFC 9989 §4.8 allows no others). " +
			"Write a domain in its ASCII form (xn--…) and percent-encode other characters as UTF-8 bytes (%C3%A9 for é)"
	case uriBadPercent:
		what = strconv.Quote(bad) + ` is not a percent-encoding: "%" must be followed by two hexadecimal digits (RFC 3986 §2.1). ` +
			`Write a literal "%" as %25`
	case uriBang:
		what = "it has a \"!\" inside it; RFC 9989 §4.8 requires a \"!\" in a report URI to be written %21, since \"!\" starts the " +
			"obsolete size suffix"
	case uriFragment:
		what = "it has a second \"#\"; a URI has at most one fragment (RFC 3986 §3.5)"
	case uriBracket:
		what = strconv.Quote(bad) + " may appear only around an IP address in a URI's host (RFC 3986 §3.2.2); elsewhere it must be " +
			"percent-encoded"
	default:
		what = strconv.Quote(bad) + " is not allowed in a URI (RFC 3986 §2) and must be percent-encoded"
		if bad == " " {
			what = "it contains a space, which a URI cannot hold (RFC 3986 §2); separate several addresses with commas"
		}
	}
	return strconv.Quote(uri) + " in " + tag + " is not a valid URI: " + what + ". Receivers cannot use it and send no reports there; it does not count as " +
		"a valid rua address either, which matters when the policy is missing or invalid (RFC 9989 §4.10.1)."
}

func msgSchemeMissing(a explain.Args) string {
	tag, uri := a["tag"], a["uri"]
	return strconv.Quote(uri) + " in " + tag + " has no URI scheme: report destinations are URIs, so an e-mail address must be written " + tag + "=mailto:" + uri + ". " +
		"Receivers ignore the entry as written."
}

func msgNotURI(tag, uri string) string {
	return strconv.Quote(uri) + " in " + tag + " is neither a URI (it has no scheme such as mailto:) nor an e-mail address; receivers ignore it. " +
		"Write mailto: followed by the reporting address."
}

func msgSchemeUnsupported(a explain.Args) string {
	tag, scheme := a["tag"], a["scheme"]
	return "This " + tag + " destination uses " + scheme + ":, but receivers need only support mailto: and ignore schemes they do not " +
		"support (RFC 9989 §4.7); in practice hardly any send reports another way. Use a mailto: address."
}

// msgAddressInvalid is about a URI that is not an address (no "address"
// in args) or a mailto: URI whose address is not one.
func msgAddressInvalid(a explain.Args) string {
	tag, addr := a["tag"], a["address"]
	if a["problem"] == "" {
		return msgNotURI(tag, a["uri"])
	}
	why := addressWords(a)
	return "The " + tag + " address " + strconv.Quote(addr) + " is not a valid e-mail address: " + why + ". Receivers cannot deliver reports to it; correct it " +
		"(e.g. " + tag + "=mailto:dmarc-reports@your-domain)."
}

// addressWords says what addressProblem found wrong with an address.
func addressWords(a explain.Args) string {
	switch a["problem"] {
	case "empty":
		return "there is no address after \"mailto:\""
	case "slashes":
		return "\"mailto:\" is followed by the address itself, with no \"//\" (RFC 6068), so reports would go to an address starting with \"//\""
	case "no_at":
		return "it has no \"@\""
	case "no_local_part":
		return "nothing comes before the \"@\""
	case "local_part_chars":
		return "the part before the \"@\" contains characters an address cannot have unquoted"
	case "no_domain":
		return "nothing comes after the \"@\""
	case "domain_no_dot":
		return "the domain " + strconv.Quote(a["domain"]) + " has no dot"
	case "domain_length":
		return "the domain is longer than 253 characters"
	case "domain_empty_label":
		return "the domain " + strconv.Quote(a["domain"]) + " has an empty label"
	case "label_length":
		return "a label of the domain is longer than 63 characters"
	case "label_hyphen":
		return "the label " + strconv.Quote(a["label"]) + " starts or ends with a hyphen"
	}
	return "the domain " + strconv.Quote(a["domain"]) + " contains " + strconv.Quote(a["char"]) // "domain_char"
}

func msgExternal(a explain.Args) string {
	tag, domain, dest := a["tag"], a["domain"], a["host"]
	return "The " + tag + " address is at " + dest + ", outside " + domain + "'s organizational domain: receivers send reports there only if " + dest + " " +
		`authorises it with a TXT record starting "v=DMARC1" at ` + domain + "._report._dmarc." + dest + " (RFC 9990 §3, RFC 9989 §11.6); otherwise " +
		"they skip this address. Reporting services publish it for their customers; make sure it exists."
}
