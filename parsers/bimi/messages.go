package bimi

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from
// the finding's Args alone (codes.go documents each code's Args).

import (
	"strings"

	"github.com/mxplain/mxplain/internal/uri"
	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in AllCodes.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeVersionMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionMissing}},
	{Code: CodeVersionInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionInvalid}},
	{Code: CodeVersionNotFirst, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgVersionNotFirst}},
	{Code: CodeRecordLeading, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgRecordLeading}},
	{Code: CodeRecordMultiple, Rule: explain.Rule{Severity: explain.Error, Ref: refDiscover, Message: msgRecordMultiple}},
	{Code: CodeOwnerMismatch, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgOwnerMismatch}},
	{Code: CodeSelectorInvalid, Rule: explain.Rule{Severity: explain.Warning, Ref: refSelector, Message: msgSelectorInvalid}},
	{Code: CodeTagSyntax, Rule: explain.Rule{Severity: explain.Error, Ref: refTags, Message: msgTagSyntax}},
	{Code: CodeTagDuplicate, Rule: explain.Rule{Severity: explain.Error, Ref: refTags, Message: msgTagDuplicate}},
	{Code: CodeTagCase, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgTagCase}},
	{Code: CodeTagUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refRecord, Message: msgTagUnknown}},
	{Code: CodeSeparatorStray, Rule: explain.Rule{Severity: explain.Warning, Ref: refTags, Message: msgSeparatorStray}},
	{Code: CodeLocationMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgLocationMissing}},
	{Code: CodeLocationEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refIndic, Message: msgLocationEmpty}},
	{Code: CodeDeclined, Rule: explain.Rule{Severity: explain.Info, Ref: refDecline, Message: msgDeclined}},
	{Code: CodeLocationMultiple, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgLocationMultiple}},
	{Code: CodeLocationScheme, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgLocationScheme}},
	{Code: CodeLocationInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgLocationInvalid}},
	{Code: CodeLocationFormat, Rule: explain.Rule{Severity: explain.Error, Ref: refFormat, Message: msgLocationFormat}},
	{Code: CodeEvidenceAbsent, Rule: explain.Rule{Severity: explain.Info, Ref: refRecord, Message: msgEvidenceAbsent}},
	{Code: CodeEvidenceMultiple, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgLocationMultiple}},
	{Code: CodeEvidenceScheme, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgLocationScheme}},
	{Code: CodeEvidenceInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRecord, Message: msgLocationInvalid}},
	{Code: CodeLPSBoolean, Rule: explain.Rule{Severity: explain.Info, Ref: refLPS, Message: msgLPSBoolean}},
	{Code: CodeLPSPrefixes, Rule: explain.Rule{Severity: explain.Warning, Ref: refLPS12, Message: msgLPSPrefixes}},
	{Code: CodeLPSInvalid, Rule: explain.Rule{Severity: explain.Warning, Ref: refLPS, Message: msgLPSInvalid}},
	{Code: CodeAvatarInvalid, Rule: explain.Rule{Severity: explain.Warning, Ref: refRecord, Message: msgAvatarInvalid}},
})

func msgVersionMissing(a explain.Args) string {
	return "The record does not start with “v=BIMI1”: receivers discard TXT records at a BIMI name that do not (draft-10 §7.2 step 4), and show no logo from it. Start the record with “v=BIMI1;”."
}

func msgVersionInvalid(a explain.Args) string {
	t := a["tag"]
	if strings.HasPrefix(t, "v=BIMI1") && len(t) > len("v=BIMI1") {
		return q(t) + " runs the version into what follows: a “;” is missing after “v=BIMI1”. Receivers read the version as " + q(strings.TrimPrefix(t, "v=")) + " and discard the record. Write “v=BIMI1; ” before the next tag."
	}
	return q(t) + " is not “v=BIMI1”: the version must match precisely, case included, or receivers ignore the whole record (draft-10 §4.3). Write “v=BIMI1”."
}

func msgVersionNotFirst(a explain.Args) string {
	return q(a["tag"]) + " must be the first tag (draft-10 §4.3): receivers discard records that do not start with it. Move it to the start."
}

func msgRecordLeading(a explain.Args) string {
	return "The record starts with blanks before “v=BIMI1”. DKIM's tag syntax, which BIMI borrows, allows them, but the draft's record grammar starts with the v tag itself, and a receiver that checks that the record starts with “v=” discards it. Remove them."
}

func msgRecordMultiple(a explain.Args) string {
	return a["count"] + " BIMI records are published at this name: when more than one record starts with v=BIMI1, receivers stop and show no logo (draft-10 §7.2 step 9); they do not fall back to the organizational domain either. Keep one and delete the others."
}

func msgOwnerMismatch(a explain.Args) string {
	return "Receivers look for a BIMI record only at <selector>._bimi.<domain> (default._bimi.<domain> unless a BIMI-Selector header names another selector, draft-10 §4.3, §7.2); at " + strings.TrimSuffix(a["owner"], ".") + " it is never read."
}

func msgSelectorInvalid(a explain.Args) string {
	return "The selector " + q(a["selector"]) + " is not made of host-name labels (letters, digits and hyphens, separated by dots; draft-10 §4.4), so a BIMI-Selector header cannot name it and receivers never look it up. Rename it."
}

func msgTagSyntax(a explain.Args) string {
	return q(a["text"]) + " is not a tag=value pair with a tag name of letters, digits and “_” starting with a letter (RFC 6376 §3.2, which BIMI's syntax follows). Receivers must not fix syntax errors (draft-10 §4.3) and may reject the record. Remove it or fix it."
}

func msgTagDuplicate(a explain.Args) string {
	return "The tag " + q(a["name"]+"=") + " is written twice: a tag list with a duplicate tag is invalid as a whole (RFC 6376 §3.2), so receivers may reject the record. Keep one."
}

func msgTagCase(a explain.Args) string {
	return q(a["name"]+"=") + " is not " + q(a["want"]+"=") + ": tag names are case-sensitive and receivers must not fix capitalization (draft-10 §4.3), so they ignore it as an unknown tag. Write " + q(a["want"]+"=") + "."
}

func msgTagUnknown(a explain.Args) string {
	return q(a["name"]+"=") + " is not a tag the BIMI draft defines: receivers ignore it (draft-10 §4.3)."
}

func msgSeparatorStray(a explain.Args) string {
	return "An empty tag between two semicolons, which the tag syntax does not allow (only one “;” may end the record, RFC 6376 §3.2). Remove the extra “;”."
}

func msgLocationMissing(a explain.Args) string {
	return "The record has no l= tag, which is required (draft-10 §4.3): receivers treat it as an error and show no logo. Add “l=https://…/logo.svg”, or “l=;” with “a=;” to decline BIMI explicitly."
}

func msgLocationEmpty(a explain.Args) string {
	return "l= is empty but a= is not: that is no declination (which needs both empty, draft-10 §4.3.1), and without a valid l= indicator discovery fails and no logo is shown (§7.3 step 1). Put the logo's HTTPS URL in l=."
}

func msgDeclined(a explain.Args) string {
	return "l= and a= are both empty: the domain explicitly declines BIMI for this selector (draft-10 §4.3.1). Receivers show no logo for its mail and record bimi=declined (§7.5); unlike a missing record, this also stops them using the organizational domain's record."
}

func msgLocationMultiple(a explain.Args) string {
	return urlName(a["tag"]) + " holds a comma, so it reads as several URLs: the draft allows one only, and a comma inside a URI must be encoded as %2C (draft-10 §4.3). Receivers find no valid URL there. Keep one URL."
}

func msgLocationScheme(a explain.Args) string {
	s := a["scheme"]
	if s == "" {
		return q(a["uri"]) + " in " + urlName(a["tag"]) + " has no scheme: it must be an https: URL (draft-10 §4.3). Write " + q("https://"+strings.TrimPrefix(a["uri"], "//")) + " if that is where the file is."
	}
	return q(a["uri"]) + " in " + urlName(a["tag"]) + " uses " + s + ":, but HTTPS is the only transport BIMI allows (draft-10 §4.3): receivers will not fetch it. Serve the file over HTTPS and write its https: URL."
}

func msgLocationInvalid(a explain.Args) string {
	return q(a["uri"]) + " in " + urlName(a["tag"]) + " is not a usable URL: " + uri.Named(a["problem"]).Reason() + ". The URI must be https: with a fully qualified domain name (draft-10 §4.3)."
}

func msgLocationFormat(a explain.Args) string {
	return q(a["uri"]) + " ends in ." + a["suffix"] + ": the logo must be SVG (SVG Tiny PS, .svg or .svgz), and an l= URL ending in another image format's suffix is a permanent error for receivers (draft-10 §4.3.2). Publish the logo as SVG and point l= at it."
}

func msgEvidenceAbsent(a explain.Args) string {
	return "No mark certificate (a= is absent or empty): receivers that show logos only with evidence of the right to use the mark, as several large mailbox providers do, show none. A Verified Mark Certificate (VMC) or Common Mark Certificate (CMC) from a Mark Verifying Authority, published as a PEM file at an https: URL in a=, provides it (draft-10 §3.5, §4.3)."
}

func msgLPSBoolean(a explain.Args) string {
	if a["value"] == LPSOn {
		return "lps=true asks receivers to also look up a selector made from the sender's local-part (“news.letter+x@” becomes news-letter._bimi), as draft -10 §4.5 defines. Draft -12 changes lps= to a list of local-part prefixes: a receiver following it reads “true” as the prefix “true”, matching only local-parts that start with it; write “lps=” (empty) there to match every local-part."
	}
	return "lps=false is draft -10's default: no local-part selectors (draft-10 §4.3). Draft -12 reads lps= as a list of local-part prefixes, so a receiver following it would look up local-part selectors for local-parts starting with “false”; remove the tag to mean “no local-part selectors” under both."
}

func msgLPSPrefixes(a explain.Args) string {
	v := a["value"]
	what := "lps= with no value asks receivers to look up a selector made from every sender's local-part"
	if v != "" {
		what = q("lps="+v) + " asks receivers to look up a selector made from the sender's local-part when it starts with one of these prefixes"
	}
	return what + ", as the -12 draft (not yet published) defines it. The published draft -10 allows only lps=true or lps=false, so its receivers find the value not well-formed."
}

func msgLPSInvalid(a explain.Args) string {
	return q("lps="+a["value"]) + " is neither “true” nor “false” (draft -10) nor a list of local-part prefixes of letters, digits and “-” separated by commas (draft -12): receivers ignore it or treat the record as an error."
}

func msgAvatarInvalid(a explain.Args) string {
	return q("avp="+a["value"]) + " is not “personal” or “brand” (case-sensitive): receivers ignore it and apply brand, the default, or may treat the whole record as failing (draft-10 §4.3). Write “avp=brand” or “avp=personal”, or remove it."
}
