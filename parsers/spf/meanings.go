package spf

// The meanings of the fields Explain lays out (explain.go): what each term,
// its parts and its macros do, specific to the values written.

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// versionMeaning is the meaning of rec's version as written (text).
func versionMeaning(rec *Record, text string) string {
	if rec.SenderID {
		return "The version of a Sender ID record (RFC 4406, experimental) and the identities it was meant for (" + text[strings.IndexByte(text, '/')+1:] + `); SPF receivers ignore records that do not begin with "v=spf1".`
	}
	if !rec.Selected {
		return `Meant as the SPF version tag, but receivers select only records that begin with exactly "v=spf1" followed by a space, so they ignore this record (as written: ` + strconv.Quote(text) + ")."
	}
	m := `Marks this TXT record as an SPF record, version 1 (the only version); receivers select TXT records that begin with "v=spf1" followed by a space or the end of the record.`
	if text != Version {
		m += ` Written with capitals: RFC 7208's grammar is case-insensitive (RFC 5234 §2.3) and receivers that follow it accept it, but §4.5 asks for exactly "v=spf1", so lowercase is the safe form.`
	}
	return m
}

// qualifierMeaning is the meaning of the qualifier written on t.
func qualifierMeaning(t *Term) string {
	if t.Kind.IsModifier() {
		return "Qualifier " + strconv.Quote(t.Text[:1]) + " on a modifier: modifiers take none, so receivers return permerror for the whole record (see the findings)."
	}
	return "Qualifier " + strconv.Quote(t.Qualifier.String()) + ": when the mechanism matches, the result is " + strconv.Quote(t.Qualifier.Result()) + "."
}

// cidrMeaning is the meaning of the prefix length n (NoCIDR when invalid) of
// family fam, whose lengths go up to max, on a term of kind k.
func cidrMeaning(k Kind, n int, fam string, max int) string {
	if n == NoCIDR {
		return "Invalid " + fam + " prefix length (0 to " + strconv.Itoa(max) + "): see the findings."
	}
	switch k {
	case KindIP4, KindIP6:
		return "Prefix length /" + strconv.Itoa(n) + ": the first " + strconv.Itoa(n) + " bits of the client's " + fam + " address are compared (" + addressCount(max-n, fam) + ")."
	}
	return fam + " prefix length /" + strconv.Itoa(n) + ": each " + fam + " address the lookup finds stands for its /" + strconv.Itoa(n) + " network (" + addressCount(max-n, fam) + "), and " + fam + " clients in it match."
}

// domainMeaning is the meaning of the domain-spec spec, which has macros
// macros.
func domainMeaning(spec string, macros int) string {
	if macros == 0 {
		return "The domain " + spec + ", used as written."
	}
	return "A domain built at evaluation time: " + strconv.Itoa(macros) + " macro(s) are replaced with values from the message and connection, then the name is looked up (cut from the left to 253 bytes if longer)."
}

// letterFieldMeaning is the meaning of the letter of macro m, as written.
func letterFieldMeaning(letter string, m MacroPart) string {
	return strconv.Quote(letter) + ": " + letterMeaning[m.Letter] + map[bool]string{true: ", URL-escaped because the letter is uppercase"}[m.URLEscape] + "."
}

func digitsMeaning(n int) string {
	return "Keep only the rightmost " + strconv.Itoa(n) + " part(s) of the value (after any reversal)."
}

func reverseMeaning() string {
	return "Reverse the order of the parts (192.0.2.3 becomes 3.2.0.192)."
}

func delimitersMeaning(delims string) string {
	return "Split the value at any of " + strconv.Quote(delims) + ` instead of at dots; the parts are rejoined with ".".`
}

func nameMeaning(t *Term) string {
	switch t.Kind {
	case KindAll:
		return `Mechanism "all": always matches.`
	case KindInclude:
		return `Mechanism "include": matches when another domain's SPF record gives "pass".`
	case KindA:
		return `Mechanism "a": matches when the client's address is one of a domain's A or AAAA addresses.`
	case KindMX:
		return `Mechanism "mx": matches when the client is one of a domain's MX hosts.`
	case KindPTR:
		return `Mechanism "ptr": matches on the client's reverse DNS name (do not use).`
	case KindIP4:
		return `Mechanism "ip4": matches an IPv4 address or network.`
	case KindIP6:
		return `Mechanism "ip6": matches an IPv6 address or network.`
	case KindExists:
		return `Mechanism "exists": matches when a name has an A record.`
	case KindRedirect:
		return `Modifier "redirect": hands evaluation to another domain's record when no mechanism matches.`
	case KindExp:
		return `Modifier "exp": names a TXT record that explains a "fail" result.`
	}
	return "Unknown modifier " + strconv.Quote(t.Name) + ": receivers ignore it."
}

func networkMeaning(t *Term) string {
	if t.placeholder {
		return "A placeholder copied from documentation (letters where the digits of an address belong), not an IPv4 address: put your sending server's public IPv4 address here."
	}
	if !t.Network.IsValid() && t.Addr.IsValid() {
		return "The address " + t.Addr.String() + "; the prefix length after it is not valid: see the findings."
	}
	if !t.Network.IsValid() {
		return "Not a valid address: see the findings."
	}
	if t.Network.Bits() == t.Addr.BitLen() {
		return "The single address " + t.Network.Addr().String() + "."
	}
	return "The network " + t.Network.String() + " (" + addressCount(t.Addr.BitLen()-t.Network.Bits(), map[bool]string{true: "IPv4", false: "IPv6"}[t.Addr.Is4()]) + ")."
}

func target(t *Term, owner string) string {
	if t.HasDomainSpec && t.DomainSpec != "" {
		return t.DomainSpec
	}
	if owner != "" {
		return owner
	}
	return "the domain being checked"
}

// termMeaning says what the term t does, or what is wrong with it.
func termMeaning(rec *Record, t *Term, owner string) string {
	switch {
	case t.Kind == KindInvalid && t.gluedAll != "" && doubleQualifier(t.Text, t.gluedAll):
		return "Not a valid SPF term: " + strconv.Quote(t.Text) + " has two qualifiers (see the findings)."
	case t.Kind == KindInvalid && t.gluedAll != "":
		return "Not a valid SPF term: " + strconv.Quote(t.gluedAll) + " was glued to the previous text with no space (see the findings)."
	case t.Kind == KindInvalid:
		return "Not a valid SPF term: receivers return permerror for the whole record (see the findings)."
	case t.gluedAll != "":
		before := strings.TrimSuffix(t.Text, t.gluedAll)
		return "Meant as " + strconv.Quote(before) + " followed by " + strconv.Quote(t.gluedAll) + ", but with no space between them receivers read the single term " + strconv.Quote(t.Text) + " (see the findings)."
	}
	res := t.Qualifier.Result()
	cost := " Costs 1 DNS lookup (of the 10 allowed)."
	if t.Kind == KindMX {
		cost = " Costs 1 DNS lookup of the 10 allowed, plus an address lookup per MX host; more than 10 MX hosts make it a permerror."
	}
	switch t.Kind {
	case KindAll:
		switch t.Qualifier {
		case QualifierFail:
			return `Every sender not matched earlier gets "fail": it is not authorised. Receivers decide what to do (they may reject); DMARC policy governs when the domain has one.`
		case QualifierSoftfail:
			return `Every sender not matched earlier gets "softfail": probably not authorised. Receivers usually accept but may mark the mail; DMARC policy governs when the domain has one.`
		case QualifierNeutral:
			return `Every sender not matched earlier gets "neutral": SPF makes no assertion about them.`
		}
		return `Every sender not matched earlier gets "pass": anyone on the internet may send as this domain.`
	case KindInclude:
		return "Gives " + strconv.Quote(res) + " when " + t.DomainSpec + `'s SPF record gives "pass" for the client; its fail, softfail or neutral mean no match here (its "-all" does not end this record), while a temperror, a permerror or no SPF record at all ends evaluation with temperror or permerror.` + cost + " The included record's own lookups count toward the same limit, so an include costs more than one lookup in total."
	case KindA:
		return "Gives " + strconv.Quote(res) + " when the client's address is one of " + target(t, owner) + "'s A (IPv4) or AAAA (IPv6) addresses" + cidrSuffix(t) + "." + cost
	case KindMX:
		return "Gives " + strconv.Quote(res) + " when the client's address is an address of one of " + target(t, owner) + "'s MX hosts" + cidrSuffix(t) + " (the servers that receive its mail, which are not always the ones that send it)." + cost
	case KindPTR:
		return "Gives " + strconv.Quote(res) + " when the client's reverse DNS name, confirmed by a forward lookup, is " + target(t, owner) + " or a name below it (a subdomain). Do not use: slow and unreliable (RFC 7208 §5.5)." + cost
	case KindIP4, KindIP6:
		if t.placeholder {
			return "Meant to authorise your mail server's IPv4 address, but " + strconv.Quote(spanText(rec, t.NetworkSpan)) + " is a documentation placeholder, not an address: as written it makes the whole record a permerror."
		}
		if !t.Network.IsValid() && t.Addr.IsValid() {
			return "Meant to authorise " + t.Addr.String() + ", but its prefix length " + strconv.Quote(badCIDRText(rec, t)) + " is not valid, so receivers return permerror for the whole record: see the findings."
		}
		if !t.Network.IsValid() {
			return "Meant to authorise an " + map[Kind]string{KindIP4: "IPv4", KindIP6: "IPv6"}[t.Kind] + " address, but " + strconv.Quote(spanText(rec, t.NetworkSpan)) + " is not one: see the findings."
		}
		if t.Network.Bits() == t.Addr.BitLen() {
			return "Gives " + strconv.Quote(res) + " to the single address " + t.Network.Addr().String() + ". No DNS lookup."
		}
		fam := "IPv4"
		if t.Kind == KindIP6 {
			fam = "IPv6"
		}
		return "Gives " + strconv.Quote(res) + " to the " + fam + " network " + t.Network.String() + " (" + addressCount(t.Addr.BitLen()-t.Network.Bits(), fam) + "). No DNS lookup."
	case KindExists:
		return "Gives " + strconv.Quote(res) + " when the name " + t.DomainSpec + " (after macro expansion) has an A record, whatever its address; used to build per-sender or per-address lookups." + cost
	case KindRedirect:
		if rec.All() != nil {
			return "Would hand evaluation to " + t.DomainSpec + `'s SPF record, but it is ignored because the record has "all" (RFC 7208 §6.1).`
		}
		return "When no mechanism matches, the result is whatever " + t.DomainSpec + `'s SPF record gives (its "all" decides, and no record there is a permerror).` + cost
	case KindExp:
		return `When the result is "fail", receivers may fetch the TXT record at ` + t.DomainSpec + " and show its text (an explanation string, which may use macros) in the rejection. Costs no lookup toward the limit."
	}
	switch {
	case t.SyntaxError:
		return "Unknown modifier " + strconv.Quote(t.Name) + ", but its value is not a valid macro-string, so receivers return permerror for the whole record (see the findings)."
	case toLower(t.Name) == "v":
		return `A second "v=spf1": receivers read it as an unknown modifier named "v" and ignore it (RFC 7208 §6).`
	}
	return "Unknown modifier " + strconv.Quote(t.Name) + ": receivers ignore it (RFC 7208 §6)."
}

// badCIDRText is the prefix length of an ip4 or ip6 term whose address is
// valid but whose length is not, as written.
func badCIDRText(rec *Record, t *Term) string {
	if t.IP6CIDRSpan != (explain.Span{}) {
		return spanText(rec, t.IP6CIDRSpan)
	}
	return spanText(rec, t.IP4CIDRSpan)
}

func cidrSuffix(t *Term) string {
	var s []string
	if t.IP4CIDR != NoCIDR {
		s = append(s, "IPv4 clients within /"+strconv.Itoa(t.IP4CIDR)+" of an A address")
	}
	if t.IP6CIDR != NoCIDR {
		s = append(s, "IPv6 clients within /"+strconv.Itoa(t.IP6CIDR)+" of an AAAA address")
	}
	if len(s) == 0 {
		return ""
	}
	return " (" + strings.Join(s, "; ") + ")"
}

var letterMeaning = map[MacroLetter]string{
	MacroSender:       "the sender address (MAIL FROM, or postmaster@ the HELO name)",
	MacroLocalPart:    `the local part of the sender address (before the @; "postmaster" when the sender has none)`,
	MacroSenderDomain: "the domain of the sender address",
	MacroDomain:       "the domain whose record is being evaluated",
	MacroIP:           "the client's IP address (IPv4 dotted quad; IPv6 as 32 dot-separated hex nibbles)",
	MacroPTR:          "the client's validated reverse-DNS name, or \"unknown\" (do not use: extra lookups)",
	MacroIPVersion:    `"in-addr" for an IPv4 client, "ip6" for an IPv6 client`,
	MacroHelo:         "the HELO/EHLO name the client gave",
	MacroClientIP:     "the client's IP address in its usual text form (explanation text only)",
	MacroReceiver:     "the receiving host's name (explanation text only)",
	MacroTimestamp:    "the current time in seconds since 1970 (explanation text only)",
}

func macroMeaning(m MacroPart) string {
	switch m.Kind {
	case PartPercent:
		return `"%%": a literal "%".`
	case PartSpace:
		return `"%_": a space.`
	case PartURLSpace:
		return `"%-": a URL-encoded space, "%20".`
	}
	s := "%{" + string(rune(m.Letter)) + "}: " + letterMeaning[m.Letter]
	var tr []string
	if m.Delimiters != "" {
		tr = append(tr, "split at any of "+strconv.Quote(m.Delimiters))
	} else if m.Reverse || m.HasDigits {
		tr = append(tr, "split at dots")
	}
	if m.Reverse {
		tr = append(tr, "reversed")
	}
	if m.HasDigits {
		tr = append(tr, "keeping the rightmost "+strconv.Itoa(m.Digits)+" part(s)")
	}
	if len(tr) > 0 {
		s += ", " + strings.Join(tr, ", ") + `, rejoined with "."`
	}
	if m.URLEscape {
		s += "; URL-escaped because the letter is uppercase"
	}
	return s + "."
}
