package bimi

// All the English this package produces: finding messages (from a code
// and its Args), tag meanings and summaries, in one place.

import (
	"strings"

	"github.com/mxplain/mxplain/internal/uri"
	"github.com/mxplain/mxplain/parsers/explain"
)

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// urlName is what a URL tag holds, for messages.
func urlName(tag string) string {
	if tag == "a" {
		return "a= (the mark certificate)"
	}
	return "l= (the logo)"
}

// message renders the message of a finding from its code and Args.
func message(code string, a explain.Args) string {
	switch code {
	case CodeVersionMissing:
		return "The record does not start with “v=BIMI1”: receivers discard TXT records at a BIMI name that do not (draft-10 §7.2 step 4), and show no logo from it. Start the record with “v=BIMI1;”."
	case CodeVersionInvalid:
		t := a["tag"]
		if strings.HasPrefix(t, "v=BIMI1") && len(t) > len("v=BIMI1") {
			return q(t) + " runs the version into what follows: a “;” is missing after “v=BIMI1”. Receivers read the version as " + q(strings.TrimPrefix(t, "v=")) + " and discard the record. Write “v=BIMI1; ” before the next tag."
		}
		return q(t) + " is not “v=BIMI1”: the version must match precisely, case included, or receivers ignore the whole record (draft-10 §4.3). Write “v=BIMI1”."
	case CodeVersionNotFirst:
		return q(a["tag"]) + " must be the first tag (draft-10 §4.3): receivers discard records that do not start with it. Move it to the start."
	case CodeRecordLeading:
		return "The record starts with blanks before “v=BIMI1”. DKIM's tag syntax, which BIMI borrows, allows them, but the draft's record grammar starts with the v tag itself, and a receiver that checks that the record starts with “v=” discards it. Remove them."
	case CodeRecordMultiple:
		return a["count"] + " BIMI records are published at this name: when more than one record starts with v=BIMI1, receivers stop and show no logo (draft-10 §7.2 step 9); they do not fall back to the organizational domain either. Keep one and delete the others."
	case CodeOwnerMismatch:
		return "Receivers look for a BIMI record only at <selector>._bimi.<domain> (default._bimi.<domain> unless a BIMI-Selector header names another selector, draft-10 §4.3, §7.2); at " + strings.TrimSuffix(a["owner"], ".") + " it is never read."
	case CodeSelectorInvalid:
		return "The selector " + q(a["selector"]) + " is not made of host-name labels (letters, digits and hyphens, separated by dots; draft-10 §4.4), so a BIMI-Selector header cannot name it and receivers never look it up. Rename it."
	case CodeTagSyntax:
		return q(a["text"]) + " is not a tag=value pair with a tag name of letters, digits and “_” starting with a letter (RFC 6376 §3.2, which BIMI's syntax follows). Receivers must not fix syntax errors (draft-10 §4.3) and may reject the record. Remove it or fix it."
	case CodeTagDuplicate:
		return "The tag " + q(a["name"]+"=") + " is written twice: a tag list with a duplicate tag is invalid as a whole (RFC 6376 §3.2), so receivers may reject the record. Keep one."
	case CodeTagCase:
		return q(a["name"]+"=") + " is not " + q(a["want"]+"=") + ": tag names are case-sensitive and receivers must not fix capitalization (draft-10 §4.3), so they ignore it as an unknown tag. Write " + q(a["want"]+"=") + "."
	case CodeTagUnknown:
		return q(a["name"]+"=") + " is not a tag the BIMI draft defines: receivers ignore it (draft-10 §4.3)."
	case CodeSeparatorStray:
		return "An empty tag between two semicolons, which the tag syntax does not allow (only one “;” may end the record, RFC 6376 §3.2). Remove the extra “;”."
	case CodeLocationMissing:
		return "The record has no l= tag, which is required (draft-10 §4.3): receivers treat it as an error and show no logo. Add “l=https://…/logo.svg”, or “l=;” with “a=;” to decline BIMI explicitly."
	case CodeLocationEmpty:
		return "l= is empty but a= is not: that is no declination (which needs both empty, draft-10 §4.3.1), and without a valid l= indicator discovery fails and no logo is shown (§7.3 step 1). Put the logo's HTTPS URL in l=."
	case CodeDeclined:
		return "l= and a= are both empty: the domain explicitly declines BIMI for this selector (draft-10 §4.3.1). Receivers show no logo for its mail and record bimi=declined (§7.5); unlike a missing record, this also stops them using the organizational domain's record."
	case CodeLocationMultiple, CodeEvidenceMultiple:
		return urlName(a["tag"]) + " holds a comma, so it reads as several URLs: the draft allows one only, and a comma inside a URI must be encoded as %2C (draft-10 §4.3). Receivers find no valid URL there. Keep one URL."
	case CodeLocationScheme, CodeEvidenceScheme:
		s := a["scheme"]
		if s == "" {
			return q(a["uri"]) + " in " + urlName(a["tag"]) + " has no scheme: it must be an https: URL (draft-10 §4.3). Write " + q("https://"+strings.TrimPrefix(a["uri"], "//")) + " if that is where the file is."
		}
		return q(a["uri"]) + " in " + urlName(a["tag"]) + " uses " + s + ":, but HTTPS is the only transport BIMI allows (draft-10 §4.3): receivers will not fetch it. Serve the file over HTTPS and write its https: URL."
	case CodeLocationInvalid, CodeEvidenceInvalid:
		return q(a["uri"]) + " in " + urlName(a["tag"]) + " is not a usable URL: " + uri.Named(a["problem"]).Reason() + ". The URI must be https: with a fully qualified domain name (draft-10 §4.3)."
	case CodeLocationFormat:
		return q(a["uri"]) + " ends in ." + a["suffix"] + ": the logo must be SVG (SVG Tiny PS, .svg or .svgz), and an l= URL ending in another image format's suffix is a permanent error for receivers (draft-10 §4.3.2). Publish the logo as SVG and point l= at it."
	case CodeEvidenceAbsent:
		return "No mark certificate (a= is absent or empty): receivers that show logos only with evidence of the right to use the mark, as several large mailbox providers do, show none. A Verified Mark Certificate (VMC) or Common Mark Certificate (CMC) from a Mark Verifying Authority, published as a PEM file at an https: URL in a=, provides it (draft-10 §3.5, §4.3)."
	case CodeLPSBoolean:
		if a["value"] == LPSOn {
			return "lps=true asks receivers to also look up a selector made from the sender's local-part (“news.letter+x@” becomes news-letter._bimi), as draft -10 §4.5 defines. Draft -12 changes lps= to a list of local-part prefixes: a receiver following it reads “true” as the prefix “true”, matching only local-parts that start with it; write “lps=” (empty) there to match every local-part."
		}
		return "lps=false is draft -10's default: no local-part selectors (draft-10 §4.3). Draft -12 reads lps= as a list of local-part prefixes, so a receiver following it would look up local-part selectors for local-parts starting with “false”; remove the tag to mean “no local-part selectors” under both."
	case CodeLPSPrefixes:
		v := a["value"]
		what := "lps= with no value asks receivers to look up a selector made from every sender's local-part"
		if v != "" {
			what = q("lps="+v) + " asks receivers to look up a selector made from the sender's local-part when it starts with one of these prefixes"
		}
		return what + ", as the -12 draft (not yet published) defines it. The published draft -10 allows only lps=true or lps=false, so its receivers find the value not well-formed."
	case CodeLPSInvalid:
		return q("lps="+a["value"]) + " is neither “true” nor “false” (draft -10) nor a list of local-part prefixes of letters, digits and “-” separated by commas (draft -12): receivers ignore it or treat the record as an error."
	case CodeAvatarInvalid:
		return q("avp="+a["value"]) + " is not “personal” or “brand” (case-sensitive): receivers ignore it and apply brand, the default, or may treat the whole record as failing (draft-10 §4.3). Write “avp=brand” or “avp=personal”, or remove it."
	}
	return code
}

// meaning says what one tag means, and the section defining it.
func meaning(r *Record, t *Tag, i int) (string, string) {
	switch {
	case !t.HasEquals:
		return "Not a tag=value pair; see the finding.", refTags
	case t.Duplicate:
		return "The tag " + t.Name + "= again, which makes the tag list invalid.", refTags
	case i == 0 && t.Name == "v":
		if r.IsBIMI {
			return "The version: this is a BIMI assertion record. It must come first, exactly as “v=BIMI1”.", refRecord
		}
		return "Meant as the version, but not exactly “v=BIMI1”, so receivers ignore the record.", refRecord
	case t.Name == "l":
		switch {
		case t.Value == "":
			return "Empty: no logo for this selector.", refDecline
		case r.LocationOK:
			return "Where the logo is: an SVG file receivers fetch over HTTPS, check (SVG Tiny PS, size; against the mark certificate when there is one) and may show next to mail from the domain that passes DMARC. mxplain does not fetch it.", refRecord
		}
		return "Meant as the logo's location, but not a URL receivers fetch; see the finding.", refRecord
	case t.Name == "a":
		switch {
		case t.Value == "":
			return "Empty: no mark certificate is published.", refRecord
		case r.EvidenceOK:
			return "Where the mark certificate is: a PEM file (a Verified or Common Mark Certificate) that proves the right to use the logo and carries it; receivers that validate evidence check the logo against it. mxplain does not fetch it.", refRecord
		}
		return "Meant as the mark certificate's location, but not a URL receivers fetch; see the finding.", refRecord
	case t.Name == "lps":
		switch {
		case t.Value == LPSOn:
			return "Local-part selectors on (draft -10): receivers also look up <local-part>._bimi.<domain>, the local-part normalized (“+tag” removed, “.” and “_” made “-”), and use that record when it exists.", refLPS
		case t.Value == LPSOff:
			return "Local-part selectors off (draft -10; the default).", refLPS
		case r.Prefixes != nil || t.Value == "":
			return "Local-part selectors for the local-parts that start with one of the listed prefixes, or every local-part when none is listed (draft -12 only).", refLPS12
		}
		return "Meant as local-part selectors, but not a value either draft defines.", refLPS
	case t.Name == "avp":
		if r.Avatar == AvatarPersonal && t.Value == string(AvatarPersonal) {
			return "Avatar preference: where the receiver has a personal avatar for the sender, show it instead of the logo.", refRecord
		}
		if t.Value == string(AvatarBrand) {
			return "Avatar preference: show the logo even where the receiver has a personal avatar for the sender (the default).", refRecord
		}
		return "Meant as the avatar preference, but neither “brand” nor “personal”: brand applies.", refRecord
	}
	return "A tag the BIMI draft does not define; receivers ignore it.", refRecord
}

// summary is the one-sentence summary of the record for the domain and
// selector named ("example.com", "default"; "" when unknown).
func summary(r *Record, domain, selector string) string {
	who := "this domain"
	if domain != "" {
		who = domain
	}
	sel := ""
	if selector != "" {
		sel = " (selector " + selector + ")"
	}
	switch {
	case !r.IsBIMI:
		return "This is not a usable BIMI record (it does not start with “v=BIMI1”): receivers discard it, and show no logo from it."
	case r.BadSyntax:
		return "This BIMI record" + sel + " has an invalid tag list (a part that is no tag=value, or a tag written twice): receivers must not fix it and may reject it, showing no logo for " + who + "."
	case r.Declined:
		return who + " declines BIMI" + sel + ": receivers show no logo for its mail."
	case !r.LocationOK:
		return "This BIMI record" + sel + " gives no logo URL receivers can use, so they show no logo for " + who + "."
	case r.EvidenceOK:
		return "Receivers that support BIMI may show the logo at " + r.Location + " next to mail from " + who + sel + " that passes DMARC, with the mark certificate at " + r.Evidence + " as evidence, once they have checked both, and only while the domain's DMARC policy is quarantine or reject."
	}
	return "Receivers that support BIMI may show the logo at " + r.Location + " next to mail from " + who + sel + " that passes DMARC, only while the domain's DMARC policy is quarantine or reject; with no mark certificate (a=), many show none."
}
