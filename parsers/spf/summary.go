package spf

// The one-sentence summary of a record: who is authorised, what happens to
// everyone else, and what a permerror or a loop does to that.

import (
	"strconv"
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
		return "This is a Sender ID record (RFC 4406, experimental), not an SPF record: receivers that check SPF ignore it, so it gives " + who + ` no SPF policy; SPF needs its own record beginning with "v=spf1".`
	}
	if !rec.Selected {
		s := `This is not a usable SPF record: it does not begin with "v=spf1" followed by a space, so receivers ignore it and ` + who + " has no SPF policy unless another record provides one"
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
		return "This record has " + plural(n, "error") + ", so receivers return permerror for every message and no mail from " + who + " passes SPF; without the broken terms: " + lowerFirst(s)
	}
	if t := loopTerm(rec, owner); t != nil {
		return loopSentence(rec, t, who, owner)
	}
	if out.HasErrors() {
		return s + " However, evaluation ends in permerror (see the errors)."
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
	rest := "reaches " + strconv.Quote(t.Text) + ", a loop that ends in permerror (see the errors)."
	if auth, _ := authorised(rec, owner, t); len(auth) > 0 {
		return "Mail from " + who + " is authorised from " + joinList(auth) + "; every other sender " + rest
	}
	return "No sender passes SPF for " + who + ": evaluation " + rest
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
			n = strconv.Itoa(others) + " terms give other results"
		}
		return "For mail from " + who + ", " + n + " (see the fields); " + defaultText(all, red)
	}
	if len(auth) == 0 {
		switch {
		case all != nil && all.Qualifier == QualifierFail:
			return "No host is authorised to send mail from " + who + ": every sender fails (-all), so receivers may reject it, and DMARC decides."
		case all != nil && all.Qualifier == QualifierPass:
			return "Every host on the internet passes SPF for " + who + " (+all): anyone may send as this domain."
		case all != nil:
			return "No host is listed for " + who + "; every sender gets " + all.Qualifier.Result() + " (" + (all.Qualifier.String() + "all") + "), so SPF gives it no protection."
		case red != nil:
			return "Mail from " + who + " is authorised by whatever " + red.DomainSpec + "'s SPF record says (redirect)."
		}
		return "No host is listed for " + who + ` and there is no "all" or redirect, so every sender gets neutral: SPF neither authorises nor refuses anyone.`
	}
	return "Mail from " + who + " is authorised from " + joinList(auth) + "; " + defaultText(all, red)
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
			auth = append(auth, "whatever "+t.DomainSpec+" authorises")
		case KindA:
			auth = append(auth, "the addresses of "+target(t, owner)+shortCIDR(t))
		case KindMX:
			auth = append(auth, "the MX hosts of "+target(t, owner)+shortCIDR(t))
		case KindPTR:
			auth = append(auth, "hosts whose reverse DNS is in "+target(t, owner))
		case KindExists:
			auth = append(auth, "hosts for which "+t.DomainSpec+" exists")
		}
	}
	auth = dedupe(auth)
	if len(auth) > 6 {
		n := len(auth) - 5
		auth = append(auth[:5], strconv.Itoa(n)+" more")
	}
	if others > 0 {
		auth = append(auth, "with "+strconv.Itoa(others)+" term(s) giving other results")
		if len(auth) == 1 {
			return nil, others
		}
	}
	return auth, others
}

func shortCIDR(t *Term) string {
	switch {
	case t.IP4CIDR != NoCIDR && t.IP6CIDR != NoCIDR:
		return " (as IPv4 /" + strconv.Itoa(t.IP4CIDR) + " and IPv6 /" + strconv.Itoa(t.IP6CIDR) + " networks)"
	case t.IP4CIDR != NoCIDR:
		return " (as IPv4 /" + strconv.Itoa(t.IP4CIDR) + " networks)"
	case t.IP6CIDR != NoCIDR:
		return " (as IPv6 /" + strconv.Itoa(t.IP6CIDR) + " networks)"
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
		return "everything else is decided by " + red.DomainSpec + "'s SPF record (redirect)."
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
	return strconv.Itoa(n) + " " + word + "s"
}
