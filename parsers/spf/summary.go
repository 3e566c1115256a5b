package spf

// The one-sentence summary of a record: who is authorised, what happens to
// everyone else, and what a permerror or a loop does to that.

import (
	"fmt"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// summary writes the one-sentence summary.
func summary(rec *Record, f *Facts, owner string, out *explain.Record) string {
	who := "this domain"
	if owner != "" {
		who = owner
	}
	if rec.SenderID {
		return fmt.Sprintf(`This is a Sender ID record (RFC 4406, experimental), not an SPF record: receivers that check SPF ignore it, so it gives %s no SPF policy; SPF needs its own record beginning with "v=spf1".`, who)
	}
	if !rec.Selected {
		s := fmt.Sprintf(`This is not a usable SPF record: it does not begin with "v=spf1" followed by a space, so receivers ignore it and %s has no SPF policy unless another record provides one`, who)
		if len(rec.Terms) == 0 {
			return s + "."
		}
		return s + `; with the version fixed: ` + lowerFirst(policySentence(rec, who, owner))
	}
	s := policySentence(rec, who, owner)
	if rec.PermError() {
		n := 0
		for _, fd := range out.Findings {
			if fd.Severity == explain.Error {
				n++
			}
		}
		return fmt.Sprintf("This record has %s, so receivers return permerror for every message and no mail from %s passes SPF; without the broken terms: %s", plural(n, "error"), who, lowerFirst(s))
	}
	if t := loopTerm(rec, owner); t != nil {
		return loopSentence(rec, t, who, owner)
	}
	if out.HasErrors() {
		return fmt.Sprintf("%s However, evaluation ends in permerror (see the errors).", s)
	}
	return s
}

// loopTerm returns the first include or redirect that evaluation reaches
// and that loops (Term.Loops), or nil.
func loopTerm(rec *Record, owner string) *Term {
	for _, t := range rec.Mechanisms() {
		switch {
		case t.Kind == KindAll:
			return nil
		case t.Kind == KindInclude && t.Loops(owner):
			return t
		}
	}
	if red := rec.Redirect(); red != nil && red.Loops(owner) {
		return red
	}
	return nil
}

// loopSentence says who passes before evaluation reaches the looping term t
// and that everyone else gets permerror.
func loopSentence(rec *Record, t *Term, who, owner string) string {
	rest := fmt.Sprintf("reaches %q, a loop that ends in permerror (see the errors).", t.Text)
	if auth, _ := authorised(rec, owner, t); len(auth) > 0 {
		return fmt.Sprintf("Mail from %s is authorised from %s; every other sender %s", who, joinList(auth), rest)
	}
	return fmt.Sprintf("No sender passes SPF for %s: evaluation %s", who, rest)
}

// policySentence says who is authorised and what happens to everyone else.
func policySentence(rec *Record, who, owner string) string {
	auth, others := authorised(rec, owner, nil)
	all, red := rec.All(), rec.Redirect()
	if red != nil && red.SyntaxError {
		red = nil // not among the terms a permerror record is described without
	}
	if len(auth) == 0 && others > 0 {
		n := "1 term gives another result"
		if others > 1 {
			n = fmt.Sprintf("%d terms give other results", others)
		}
		return fmt.Sprintf("For mail from %s, %s (see the fields); %s", who, n, defaultText(all, red))
	}
	if len(auth) == 0 {
		switch {
		case all != nil && all.Qualifier == QualifierFail:
			return fmt.Sprintf(`No host is authorised to send mail from %s: every sender fails (-all), so receivers may reject it, and DMARC decides.`, who)
		case all != nil && all.Qualifier == QualifierPass:
			return fmt.Sprintf(`Every host on the internet passes SPF for %s (+all): anyone may send as this domain.`, who)
		case all != nil:
			return fmt.Sprintf(`No host is listed for %s; every sender gets %s (%s), so SPF gives it no protection.`, who, all.Qualifier.Result(), all.Qualifier.String()+"all")
		case red != nil:
			return fmt.Sprintf(`Mail from %s is authorised by whatever %s's SPF record says (redirect).`, who, red.DomainSpec)
		}
		return fmt.Sprintf(`No host is listed for %s and there is no "all" or redirect, so every sender gets neutral: SPF neither authorises nor refuses anyone.`, who)
	}
	return fmt.Sprintf("Mail from %s is authorised from %s; %s", who, joinList(auth), defaultText(all, red))
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// authorised lists what the mechanisms before "all" (and before stop, when
// not nil) authorise, and counts those with another qualifier than "+".
func authorised(rec *Record, owner string, stop *Term) (auth []string, others int) {
	for _, t := range rec.Mechanisms() {
		if t.Kind == KindAll || t == stop {
			break
		}
		if t.SyntaxError {
			continue
		}
		if t.Qualifier != QualifierPass {
			others++
			continue
		}
		switch t.Kind {
		case KindIP4, KindIP6:
			if t.Network.IsValid() {
				if t.Network.Bits() == t.Addr.BitLen() {
					auth = append(auth, t.Network.Addr().String())
				} else {
					auth = append(auth, t.Network.String())
				}
			}
		case KindInclude:
			auth = append(auth, fmt.Sprintf("whatever %s authorises", t.DomainSpec))
		case KindA:
			auth = append(auth, fmt.Sprintf("the addresses of %s%s", target(t, owner), shortCIDR(t)))
		case KindMX:
			auth = append(auth, fmt.Sprintf("the MX hosts of %s%s", target(t, owner), shortCIDR(t)))
		case KindPTR:
			auth = append(auth, fmt.Sprintf("hosts whose reverse DNS is in %s", target(t, owner)))
		case KindExists:
			auth = append(auth, fmt.Sprintf("hosts for which %s exists", t.DomainSpec))
		}
	}
	auth = dedupe(auth)
	if len(auth) > 6 {
		n := len(auth) - 5
		auth = append(auth[:5], fmt.Sprintf("%d more", n))
	}
	if others > 0 {
		auth = append(auth, fmt.Sprintf("with %d term(s) giving other results", others))
		if len(auth) == 1 {
			return nil, others
		}
	}
	return auth, others
}

func shortCIDR(t *Term) string {
	switch {
	case t.IP4CIDR != NoCIDR && t.IP6CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv4 /%d and IPv6 /%d networks)", t.IP4CIDR, t.IP6CIDR)
	case t.IP4CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv4 /%d networks)", t.IP4CIDR)
	case t.IP6CIDR != NoCIDR:
		return fmt.Sprintf(" (as IPv6 /%d networks)", t.IP6CIDR)
	}
	return ""
}

func defaultText(all, red *Term) string {
	if all != nil {
		switch all.Qualifier {
		case QualifierFail:
			return `everything else fails (-all): receivers may reject it, and DMARC decides.`
		case QualifierSoftfail:
			return `everything else soft-fails (~all): receivers usually accept it but may mark it, and DMARC decides.`
		case QualifierNeutral:
			return `everything else is neutral (?all): SPF makes no claim about it.`
		}
		return `everyone else passes too (+all): anyone may send as this domain.`
	}
	if red != nil {
		return fmt.Sprintf(`everything else is decided by %s's SPF record (redirect).`, red.DomainSpec)
	}
	return `everything else is neutral (no "all" and no redirect), so forged mail is not refused.`
}

func dedupe(items []string) []string {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

func joinList(items []string) string {
	// "with N term(s) giving other results" is appended as a clause.
	var tail string
	if n := len(items); n > 0 && strings.HasPrefix(items[n-1], "with ") {
		tail = " (" + items[n-1] + ")"
		items = items[:n-1]
	}
	switch len(items) {
	case 0:
		return tail
	case 1:
		return items[0] + tail
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1] + tail
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
