package bimi

// Tag meanings and summaries (the finding messages are in messages.go).

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// urlName is what a URL tag holds, for messages.
func urlName(tag string) string {
	if tag == "a" {
		return "a= (the mark certificate)"
	}
	return "l= (the logo)"
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
		case r.LocationOK && !r.ShowsLogo():
			return "Where the logo would be, but receivers do not use this record (see the findings), so they show no logo from it.", refRecord
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
		if domain == "" {
			return "The domain declines BIMI" + sel + ": receivers show no logo for its mail."
		}
		return domain + " declines BIMI" + sel + ": receivers show no logo for its mail."
	case !r.LocationOK:
		return "This BIMI record" + sel + " gives no logo URL receivers can use, so they show no logo for " + who + "."
	case r.EvidenceOK:
		return "Receivers that support BIMI may show the logo at " + r.Location + " next to mail from " + who + sel + " that passes DMARC, with the mark certificate at " + r.Evidence + " as evidence, once they have checked both, and only while the domain's DMARC policy is quarantine or reject."
	}
	return "Receivers that support BIMI may show the logo at " + r.Location + " next to mail from " + who + sel + " that passes DMARC, only while the domain's DMARC policy is quarantine or reject; with no mark certificate (a=), many show none."
}
