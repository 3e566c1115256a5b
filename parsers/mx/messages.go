package mx

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from the
// finding's Args alone (codes.go documents each code's Args).

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/hostname"
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in allCodes: its severity, the section
// it cites and its message.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refRDATA, Message: msgEmpty}},
	{Code: CodePreferenceMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRDATA, Message: msgPreferenceMissing}},
	{Code: CodePreferenceInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refRDATA, Message: msgPreferenceInvalid}},
	{Code: CodePreferenceRange, Rule: explain.Rule{Severity: explain.Error, Ref: refRDATA, Message: msgPreferenceRange}},
	{Code: CodeFieldsSwapped, Rule: explain.Rule{Severity: explain.Error, Ref: refRDATA, Message: msgFieldsSwapped}},
	{Code: CodeExchangeMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refRDATA, Message: msgExchangeMissing}},
	{Code: CodeExtra, Rule: explain.Rule{Severity: explain.Error, Ref: refRDATA, Message: msgExtra}},

	{Code: CodeNull, Rule: explain.Rule{Severity: explain.Info, Ref: refNull, Message: msgNull}},
	{Code: CodeNullPreference, Rule: explain.Rule{Severity: explain.Warning, Ref: refNull, Message: msgNullPreference}},

	{Code: CodeExchangeIP, Rule: explain.Rule{Severity: explain.Error, Ref: refExchange, Message: msgIP}},
	{Code: CodeExchangeURL, Rule: explain.Rule{Severity: explain.Error, Ref: refExchange, Message: msgURL}},
	{Code: CodeExchangeMailbox, Rule: explain.Rule{Severity: explain.Error, Ref: refExchange, Message: msgMailbox}},
	{Code: CodeExchangeInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refHostname, Message: msgInvalid}},
	{Code: CodeExchangeEscape, Rule: explain.Rule{Severity: explain.Error, Ref: refEscape, Message: msgEscape}},
	{Code: CodeExchangeHostname, Rule: explain.Rule{Severity: explain.Warning, RefFor: hostnameRef, Message: msgHostname}},
	{Code: CodeExchangeIDN, Rule: explain.Rule{Severity: explain.Error, Ref: refHostname, Message: msgIDN}},

	{Code: CodeExchangeEmptyLabel, Rule: explain.Rule{Severity: explain.Error, Ref: refLength, Message: msgEmptyLabel}},
	{Code: CodeExchangeLabelLength, Rule: explain.Rule{Severity: explain.Error, Ref: refLength, Message: msgLabelLength}},
	{Code: CodeExchangeNameLength, Rule: explain.Rule{Severity: explain.Error, Ref: refLength, Message: msgNameLength}},
	{Code: CodeExchangeRelative, Rule: explain.Rule{Severity: explain.Warning, Ref: refRelative, Message: msgRelative}},
	{Code: CodeExchangeDoubled, Rule: explain.Rule{Severity: explain.Warning, Ref: refRelative, Message: msgDoubled}},
	{Code: CodeExchangeSingleLabel, Rule: explain.Rule{Severity: explain.Warning, Ref: refFQDN, Message: msgSingleLabel}},
	{Code: CodeExchangeLocalhost, Rule: explain.Rule{Severity: explain.Error, Ref: refExchange, Message: msgLocalhost}},
	{Code: CodeExchangeSpecialUse, Rule: explain.Rule{Severity: explain.Error, Ref: refExchange, Message: msgSpecialUse}},
	{Code: CodeExchangePrivate, Rule: explain.Rule{Severity: explain.Warning, Ref: refExchange, Message: msgPrivate}},
	{Code: CodeExchangeOwner, Rule: explain.Rule{Severity: explain.Info, Ref: refExchange, Message: msgOwner}},

	{Code: CodeSetNullMixed, Rule: explain.Rule{Severity: explain.Error, Ref: refNull, Message: msgNullMixed}},
	{Code: CodeSetDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refOrder, Message: msgDuplicate}},
	{Code: CodeSetLoadSharing, Rule: explain.Rule{Severity: explain.Info, Ref: refOrder, Message: msgLoadSharing}},
	{Code: CodeSetSingle, Rule: explain.Rule{Severity: explain.Info, Ref: refRetry, Message: msgSingle}},
	{Code: CodeSetTooMany, Rule: explain.Rule{Severity: explain.Warning, Ref: refOrder, Message: msgTooMany}},
})

// Message writes the message of a finding of code from its Args, as the
// package's findings have it; "" for a code that is not the package's.
func Message(code string, args explain.Args) string { return rules.Message(code, args) }

// hostnameRef cites the rule a name breaks: a label's first and last
// character (args "label"), or the characters of a host name.
func hostnameRef(a explain.Args) string {
	if a["label"] != "" {
		return refSyntax
	}
	return refHostname
}

// listArgs are the first max of items, one a line, as args "hosts", and
// how many there are in all, as "count": what listed renders.
func listArgs(items []string, max int) explain.Args {
	return explain.Args{"hosts": strings.Join(items[:min(len(items), max)], "\n"), "count": strconv.Itoa(len(items))}
}

// listed names the hosts of listArgs, then says how many more there are.
func listed(a explain.Args) string {
	n, _ := strconv.Atoi(a["count"])
	return joinShown(quoteValues(lines(a["hosts"])), n)
}

// lines splits a list argument into its items.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// exampleHost is a host name to suggest in messages: mail.<domain>.
func exampleHost(domain string) string {
	return "mail." + orDefault(domain, "example.com")
}

// exampleMX is the record to suggest: "10 mail.example.com.".
func exampleMX(host string) string { return "10 " + host + "." }

func msgEmpty(explain.Args) string {
	return "The MX value is empty: it needs a preference number and a host name, such as “10 mail.example.com.”."
}

func msgPreferenceMissing(a explain.Args) string {
	first := a["exchange"]
	if Token(first) == NullExchange {
		return "“.” alone looks like a null MX without its preference: write “0 .” to say the domain accepts no mail (RFC 7505 §3)."
	}
	return q(first) + " stands where the preference number belongs: an MX value is a preference followed by a host name, such as " +
		q("10 "+first) + ". Add the number in front (0 to 65535; lower numbers are tried first), or, if your DNS panel has a separate Priority field, put it there."
}

func msgPreferenceInvalid(a explain.Args) string {
	s := a["preference"]
	msg := "The preference " + q(s) + " is not a whole number: write a number from 0 to 65535 before the host name, such as " +
		q("10 mail.example.com.") + " (lower numbers are tried first)."
	if strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "'") {
		msg += " Remove the quotes: unlike a TXT value, an MX value is not quoted."
	}
	return msg
}

func msgPreferenceRange(a explain.Args) string {
	s := a["preference"]
	return "The preference " + s + " is outside 0–65535: it is a 16-bit number in the record. Use a smaller one; only the order of the numbers matters, not their size."
}

func msgFieldsSwapped(a explain.Args) string {
	name, num := a["exchange"], a["preference"]
	return "The host name and the preference are swapped: an MX value is the preference first, then the host. Write " + q(num+" "+name) + "."
}

func msgExchangeMissing(a explain.Args) string {
	pref := a["preference"]
	if pref == "" {
		return "There is no host name: an MX value is a preference followed by a host name, such as “10 mail.example.com.”."
	}
	s := "The preference " + pref + " is not followed by a host name: add the mail server's name, such as " + q(pref+" mail.example.com.") + "."
	if n, err := strconv.ParseUint(pref, 10, 16); err == nil && uint16(n) == NullPreference {
		s += " If you meant that the domain accepts no mail, write the null MX “0 .” (RFC 7505)."
	}
	return s
}

func msgExtra(a explain.Args) string {
	extra := a["extra"]
	if strings.HasPrefix(extra, ";") {
		return "Extra text after the host name: " + q(extra) + ". In zone files “;” starts a comment, but a DNS panel stores it as part of the value, which then is not a valid MX. Remove it."
	}
	return "Extra text after the host name: " + q(extra) + ". An MX record holds one preference and one host; to list several hosts, publish one MX record per host, each with its own preference."
}

func msgNull(a explain.Args) string {
	return "Null MX: " + orDefault(a["domain"], "this domain") + " accepts no mail. Senders that find it fail at once " +
		"(reply code 556, status 5.1.10, RFC 7505 §4.1) instead of queueing the message and retrying for days, as they would " +
		"against addresses with no mail server behind them (without MX they fall back to the domain's A/AAAA records, the implicit MX of RFC 5321 §5.1). " +
		"Do not publish it for a domain you send mail from: receivers may reject mail whose return address has a null MX (RFC 7505 §4.2)."
}

func msgNullPreference(a explain.Args) string {
	return "The exchange “.” makes this look like a null MX, but its preference is " + a["preference"] +
		": RFC 7505 §3 defines the null MX as preference 0 with exchange “.”. Senders that look for that exact form take this for an ordinary MX " +
		"whose host “.” has no address, so mail still fails, but perhaps only after retries and with a less clear error. Write “0 .”."
}

// msgIP is about an exchange that is an address (args "address") or an
// all-numeric name (no "address").
func msgIP(args explain.Args) string {
	host, example := args["exchange"], exampleHost(args["domain"])
	a, err := ipaddr.ParseAddr(args["address"])
	if err != nil {
		return msgNumeric(host, example)
	}
	kind, rr := "an IPv4 address", "A"
	if a.Is6() && !a.Is4In6() {
		kind, rr = "an IPv6 address", "AAAA"
	}
	if strings.HasPrefix(host, "[") {
		kind = "an address literal (the form used inside e-mail addresses)"
	}
	s := q(host) + " is " + kind + ", but an MX names a host, never an address: the exchange MUST be a domain name that has address records (RFC 5321 §5.1). " +
		"Senders look it up as a name, find nothing and cannot deliver."
	if a.IsLoopback() || a.IsUnspecified() {
		return s + " Nor would " + a.String() + " help as an address: it means each sender's own machine. Point the MX at the host name of your real mail server" +
			", or, if the domain should accept no mail, publish the null MX “0 .” (RFC 7505)."
	}
	return s + " Publish an " + rr + " record for a name, such as " + q(example+". "+rr+" "+a.Unmap().String()) +
		", and point the MX at that name: " + q(exampleMX(example)) + "."
}

func msgNumeric(host, example string) string {
	return q(host) + " is all numbers, like an IP address (and not a complete one), but an MX names a host, never an address (RFC 5321 §5.1). " +
		"Senders look it up as a name, find nothing and cannot deliver. Publish an A record for a name, such as " + q(example) +
		", and point the MX at that name: " + q(exampleMX(example)) + "."
}

func msgURL(a explain.Args) string {
	written, host := a["exchange"], a["host"]
	var parts []string
	port := false
	for _, p := range lines(a["parts"]) {
		parts = append(parts, "a "+p)
		port = port || p == "port"
	}
	s := q(written) + " has " + join(parts, "and") + ", but an MX holds only a host name. "
	if port {
		s += "There is no way to choose a port: senders always connect to port 25 (SMTP). "
	}
	if host == "" {
		return s + "Write only the mail server's host name, such as “mail.example.com.”."
	}
	return s + "Write only the host name: " + q(strings.TrimSuffix(host, ".")+".") + "."
}

func msgMailbox(a explain.Args) string {
	written, host := a["exchange"], a["host"]
	s := q(written) + " is an e-mail address, but an MX names the host that receives mail for the domain. "
	if host == "" {
		return s + "Write the mail server's host name, such as “mail.example.com.”."
	}
	return s + "Write only a host name (the part after “@” would be " + q(strings.TrimSuffix(host, ".")+".") + ", if that host runs the mail server)."
}

func msgInvalid(a explain.Args) string {
	name, char := a["exchange"], a["char"]
	why := ""
	switch char {
	case "\"", "'":
		why = " Remove the quotes."
	case "*":
		why = " A wildcard is not a host: name the real mail server."
	case ",", ";":
		why = " To list several hosts, publish one MX record per host."
	case "[":
		why = " Brackets belong around address literals in e-mail addresses, never in DNS."
	}
	c := char
	if char == "." {
		c = "an escaped dot “\\.” inside a label"
	} else if len(char) == 1 && (char[0] < 0x21 || char[0] == 0x7f) {
		c = "byte 0x" + strings.ToLower(numtext.UpperHex(uint64(char[0]), 2))
	} else {
		c = q(char)
	}
	return q(name) + " holds " + c + ", which no host name can contain: host names use only letters, digits and hyphens, with dots between labels (RFC 5321 §2.3.5). " +
		"Senders cannot deliver to it." + why
}

// msgHostname is about a label with a hyphen at an end (args "label") or
// an underscore in the name.
func msgHostname(a explain.Args) string {
	if l := a["label"]; l != "" {
		return msgHyphen(l)
	}
	name := a["exchange"]
	return q(name) + " holds “_”: DNS can store it, but it is not valid in a host name (letters, digits and hyphens only, RFC 5321 §2.3.5), and some senders refuse it. " +
		"Use a host name without underscores, such as " + q(strings.ReplaceAll(name, "_", "-")) + "."
}

func msgHyphen(l string) string { return hostname.HyphenMessage(l, "senders", refSyntax) }

func msgEscape(a explain.Args) string { return hostname.EscapeMessage(a["exchange"], a["escape"]) }

func msgIDN(a explain.Args) string { return hostname.IDNMessage(a["exchange"], "senders") }

func msgEmptyLabel(a explain.Args) string { return hostname.EmptyLabelMessage(a["exchange"]) }

func msgLabelLength(a explain.Args) string {
	return hostname.LabelLengthMessage(a["label"], a["length"])
}

func msgNameLength(a explain.Args) string {
	return hostname.NameLengthMessage(a["length"], a["origin"])
}

func msgRelative(a explain.Args) string {
	written, origin, fqdn := a["exchange"], a["origin"], a["name"]
	s := q(written) + " has no trailing dot, so in zone-file text it is relative to the origin " + bare(origin) +
		" and becomes " + q(fqdn) + " (RFC 1035 §5.1). "
	if strings.HasSuffix("."+hostname.LowerASCII(written)+".", "."+origin) {
		return s + "That name most likely does not exist. Add the trailing dot: " + q(written+".") + ". (A single label such as “mail” is the intended relative form.)"
	}
	return s + "If you meant the host " + q(written) + " itself, add the trailing dot: " + q(written+".") +
		"; if you did mean a host under " + bare(origin) + ", nothing needs to change."
}

func msgDoubled(a explain.Args) string {
	written, meant := a["exchange"], a["meant"]
	return q(written) + " ends in the domain twice: the mark of a name entered without its trailing dot, which the zone file " +
		"or DNS panel then completed with the domain (RFC 1035 §5.1). Senders look up this name, which most likely does not " +
		"exist, so mail cannot be delivered. Where the record is published, write " + q(meant) + " with its trailing dot (or, " +
		"in a zone file, only the part before the domain)."
}

func msgSingleLabel(a explain.Args) string {
	name, domain := a["exchange"], a["domain"]
	full := name + "." + orDefault(domain, "example.com")
	return q(name) + " is a single label with no dot: as a full name it would be a top-level domain, not a host, and SMTP allows only fully qualified names (RFC 5321 §2.3.5). " +
		"Some DNS panels append your domain, others store it as written. Write the full name, such as " + q(full+".") + "."
}

func msgLocalhost(a explain.Args) string {
	return q(a["exchange"]) + " names each sender's own machine: every sender would try to deliver this domain's mail to itself, and the mail loops or bounces. " +
		"If the domain should accept no mail, publish the null MX “0 .” instead (RFC 7505); otherwise name your real mail server."
}

func msgSpecialUse(a explain.Args) string {
	name, tld := a["exchange"], a["tld"]
	why := map[string]string{
		"invalid": "reserved so that it never exists (RFC 6761)",
		"test":    "reserved for testing and never delegated in the public DNS (RFC 6761)",
		"example": "reserved for documentation and never delegated in the public DNS (RFC 6761)",
		"local":   "reserved for multicast DNS inside one local network (RFC 6762)",
	}[tld]
	return q(name) + " is under “." + tld + "”, " + why + ": no sender on the Internet can find this host, so no mail arrives. Name a host under a real, public domain."
}

func msgPrivate(a explain.Args) string {
	name, suffix := a["exchange"], a["suffix"]
	return q(name) + " is under “." + suffix + "”, reserved for private networks: senders on the Internet cannot resolve it, so only mail from inside your network can arrive. " +
		"Name a public host, unless this record is served only inside your network."
}

func msgOwner(a explain.Args) string {
	return "The exchange is " + a["domain"] + " itself: its own A/AAAA records receive the mail, so that host must run an SMTP server on port 25. " +
		"That is fine. Without any MX, senders would use the same addresses (the implicit MX of RFC 5321 §5.1), but an explicit MX says so and leaves room for backups."
}

func msgNullMixed(a explain.Args) string {
	return "A null MX (“0 .”) is published together with other MX records (" + listed(a) + "): RFC 7505 §3 says a domain with a null MX MUST NOT publish any other MX. " +
		"Senders disagree on what the mix means: some fail every message to " + orDefault(a["domain"], "the domain") + ", others skip the “.” and deliver. " +
		"Keep either the null MX (no mail) or the real hosts, not both."
}

func msgDuplicate(a explain.Args) string {
	host, pref, firstPref := a["host"], a["preference"], a["first_preference"]
	if pref == firstPref {
		return host + " is listed twice with preference " + pref +
			": a DNS record set holds each record once, so this copy adds nothing (and some DNS panels refuse it). Remove it."
	}
	return host + " is already listed with preference " + firstPref + "; listing it again at " + pref +
		" adds no backup: a host that did not answer at one preference will not answer at another. Remove this record, or point it at a different host."
}

func msgLoadSharing(a explain.Args) string {
	return "All " + a["count"] + " records have preference " + a["preference"] + ", so senders pick among " + listed(a) +
		" at random (RFC 5321 §5.1 requires randomising equal preferences), spreading the load; each host is the others' backup."
}

func msgSingle(a explain.Args) string {
	return "Only one mail host is listed, so there is no backup: when " + a["host"] + " does not answer, senders keep the mail queued and retry, " +
		"typically for 4–5 days (RFC 5321 §4.5.4.1), rather than deliver elsewhere. That is fine for hosted mail services, whose one name stands for many servers."
}

func msgTooMany(a explain.Args) string {
	return a["count"] + " MX records: senders may limit how many hosts they try for one delivery (RFC 5321 §5.1 allows a configurable limit and asks that at least two be tried; " +
		"Postfix, for one, stops after 5 addresses by default), so the last ones may never be used, and a long answer may not fit a plain UDP DNS reply. " +
		"Keep a few hosts; give one host several addresses if it needs them."
}
