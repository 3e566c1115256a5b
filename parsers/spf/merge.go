package spf

import "strings"

// allStrictness orders the qualifiers of "all" from the least strict.
var allStrictness = []Qualifier{QualifierPass, QualifierNeutral, QualifierSoftfail, QualifierFail}

// Merge is the one SPF record that authorises what the records values,
// published at one name, authorise: RFC 7208 §4.5 makes several a
// permerror, and people add a second record for a new provider.
//
// The merged record has "v=spf1", then the mechanisms of every record in
// order, each once (qualifier and case aside; the ones after a record's
// "all", never evaluated, left out), then one "all": the least strict of
// the records' ("~all" from "-all" and "~all"; a record with neither
// "all" nor redirect counts as "?all", RFC 7208 §4.7), the strictest that
// every record agrees with, so no sender gets a harsher result than one
// of the records gives it. A redirect is kept only when no record has "all" and
// the records name one redirect target; exp= and unknown modifiers come
// once each, redirect last.
//
// ok is false when the records cannot be merged faithfully: none given,
// one that is not a selected SPF record or has a syntax error, a
// mechanism with different qualifiers in two records, different exp= or
// redirect= targets, a redirect beside a record's "all" (the all would
// make it ignored), or more than 10 terms that cost a DNS lookup.
func Merge(values []string) (merged string, ok bool) {
	var mechs, mods []string
	index := map[string]Qualifier{} // a mechanism, qualifier aside, lowercased: its qualifier
	seenMod := map[string]bool{}
	var all *Term
	var redirect, exp *Term
	hasAll, neutral := false, false
	for _, v := range values {
		rec, _ := Parse(v)
		if !rec.Selected || rec.PermError() {
			return "", false
		}
		reached := true
		for i := range rec.Terms {
			t := &rec.Terms[i]
			switch {
			case t.Kind == KindAll && reached:
				reached, hasAll = false, true
				if all == nil || strictness(t.Qualifier) < strictness(all.Qualifier) {
					all = t
				}
			case t.Kind.IsMechanism() && reached:
				key := toLower(strings.TrimLeft(t.Text, "+-~?"))
				q, dup := index[key]
				switch {
				case !dup:
					index[key] = t.Qualifier
					mechs = append(mechs, t.Text)
				case q != t.Qualifier:
					return "", false
				}
			case t.Kind == KindRedirect:
				if redirect != nil && !strings.EqualFold(redirect.DomainSpec, t.DomainSpec) {
					return "", false
				}
				if redirect == nil {
					redirect = t
				}
			case t.Kind == KindExp:
				if exp != nil && !strings.EqualFold(exp.DomainSpec, t.DomainSpec) {
					return "", false
				}
				if exp == nil {
					exp = t
					mods = append(mods, t.Text)
				}
			case t.Kind == KindUnknownModifier && !seenMod[toLower(t.Text)]:
				seenMod[toLower(t.Text)] = true
				mods = append(mods, t.Text)
			}
		}
		if reached && rec.Redirect() == nil {
			neutral = true // no "all" and no redirect: neutral, RFC 7208 §4.7
		}
	}
	if len(values) == 0 || redirect != nil && hasAll {
		return "", false
	}
	terms := append([]string{Version}, mechs...)
	switch {
	case all != nil && neutral && strictness(all.Qualifier) > strictness(QualifierNeutral):
		terms = append(terms, QualifierNeutral.String()+"all")
	case all != nil:
		terms = append(terms, all.Text)
	}
	terms = append(terms, mods...)
	if redirect != nil {
		terms = append(terms, redirect.Text)
	}
	merged = strings.Join(terms, " ")
	if rec, _ := Parse(merged); rec.Lookups() > MaxLookups {
		return "", false
	}
	return merged, true
}

// strictness is the place of q in allStrictness.
func strictness(q Qualifier) int {
	for i, s := range allStrictness {
		if s == q {
			return i
		}
	}
	return 0
}
