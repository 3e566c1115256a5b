package mx

// All the English this package produces: finding messages, field meanings and
// summaries, built from data in one place.

import (
	"fmt"
	"github.com/mxplain/mxplain/internal/dnstext"
	"net/netip"
	"strconv"
	"strings"
)

// Sections cited in Refs.
const (
	refRDATA    = "RFC 1035 §3.3.9" // MX RDATA: 16-bit preference, exchange name
	refLength   = "RFC 1035 §2.3.4" // size limits: labels 63, names 255 octets
	refRelative = "RFC 1035 §5.1"   // relative names in master files
	refEscape   = "RFC 1035 §5.1"   // \X and \DDD escapes in master files
	refExchange = "RFC 5321 §5.1"   // the exchange must be a name with address records
	refOrder    = "RFC 5321 §5.1"   // preference ordering, randomised ties
	refHostname = "RFC 5321 §2.3.5" // letters, digits and hyphens
	refFQDN     = "RFC 5321 §2.3.5" // only fully qualified names
	refSyntax   = "RFC 5321 §4.1.2" // sub-domain = Let-dig [Ldh-str]
	refRetry    = "RFC 5321 §4.5.4.1"
	refNull     = "RFC 7505 §3"
)

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// bare is a name for prose: no trailing dot.
func bare(fqdn string) string {
	if fqdn == "." {
		return fqdn
	}
	return strings.TrimSuffix(fqdn, ".")
}

func orDefault(domain, def string) string {
	if domain == "" {
		return def
	}
	return domain
}

// exampleMX is the record to suggest: "10 mail.example.com.".
func exampleMX(host string) string { return "10 " + host + "." }

func msgEmpty() string {
	return "The MX value is empty: it needs a preference number and a host name, such as “10 mail.example.com.”."
}

func msgPreferenceMissing(first string) string {
	if Token(first) == NullExchange {
		return "“.” alone looks like a null MX without its preference: write “0 .” to say the domain accepts no mail (RFC 7505 §3)."
	}
	return q(first) + " stands where the preference number belongs: an MX value is a preference followed by a host name, such as " +
		q("10 "+first) + ". Add the number in front (0 to 65535; lower numbers are tried first), or, if your DNS panel has a separate Priority field, put it there."
}

func msgPreferenceInvalid(s string) string {
	msg := "The preference " + q(s) + " is not a whole number: write a number from 0 to 65535 before the host name, such as " +
		q("10 mail.example.com.") + " (lower numbers are tried first)."
	if strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "'") {
		msg += " Remove the quotes: unlike a TXT value, an MX value is not quoted."
	}
	return msg
}

func msgPreferenceRange(s string) string {
	return "The preference " + s + " is outside 0–65535: it is a 16-bit number in the record. Use a smaller one; only the order of the numbers matters, not their size."
}

func msgFieldsSwapped(name, num string) string {
	return "The host name and the preference are swapped: an MX value is the preference first, then the host. Write " + q(num+" "+name) + "."
}

func msgExchangeMissing(m *MX) string {
	if !m.HasPreference {
		return "There is no host name: an MX value is a preference followed by a host name, such as “10 mail.example.com.”."
	}
	s := "The preference " + m.PreferenceText + " is not followed by a host name: add the mail server's name, such as " + q(m.PreferenceText+" mail.example.com.") + "."
	if m.Preference == 0 {
		s += " If you meant that the domain accepts no mail, write the null MX “0 .” (RFC 7505)."
	}
	return s
}

func msgExtra(extra string) string {
	if strings.HasPrefix(extra, ";") {
		return "Extra text after the host name: " + q(extra) + ". In zone files “;” starts a comment, but a DNS panel stores it as part of the value, which then is not a valid MX. Remove it."
	}
	return "Extra text after the host name: " + q(extra) + ". An MX record holds one preference and one host; to list several hosts, publish one MX record per host, each with its own preference."
}

func msgNull(domain string) string {
	return "Null MX: " + orDefault(domain, "this domain") + " accepts no mail. Senders that find it fail at once " +
		"(reply code 556, status 5.1.10, RFC 7505 §4.1) instead of queueing the message and retrying for days, as they would " +
		"against addresses with no mail server behind them (without MX they fall back to the domain's A/AAAA records, the implicit MX of RFC 5321 §5.1). " +
		"Do not publish it for a domain you send mail from: receivers may reject mail whose return address has a null MX (RFC 7505 §4.2)."
}

func msgNullPreference(m *MX) string {
	return "The exchange “.” makes this look like a null MX, but its preference is " + m.PreferenceText +
		": RFC 7505 §3 defines the null MX as preference 0 with exchange “.”. Senders that look for that exact form take this for an ordinary MX " +
		"whose host “.” has no address, so mail still fails, but perhaps only after retries and with a less clear error. Write “0 .”."
}

func msgIP(host string, a netip.Addr, literal bool, example string) string {
	kind, rr := "an IPv4 address", "A"
	if a.Is6() && !a.Is4In6() {
		kind, rr = "an IPv6 address", "AAAA"
	}
	if literal {
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

func msgURL(written, host string, scheme, port, path bool) string {
	var parts []string
	if scheme {
		parts = append(parts, "a scheme")
	}
	if port {
		parts = append(parts, "a port")
	}
	if path {
		parts = append(parts, "a path")
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

func msgMailbox(written, host string) string {
	s := q(written) + " is an e-mail address, but an MX names the host that receives mail for the domain. "
	if host == "" {
		return s + "Write the mail server's host name, such as “mail.example.com.”."
	}
	return s + "Write only a host name (the part after “@” would be " + q(strings.TrimSuffix(host, ".")+".") + ", if that host runs the mail server)."
}

func msgInvalid(name, char string) string {
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
		c = fmt.Sprintf("byte 0x%02x", char[0])
	} else {
		c = q(char)
	}
	return q(name) + " holds " + c + ", which no host name can contain: host names use only letters, digits and hyphens, with dots between labels (RFC 5321 §2.3.5). " +
		"Senders cannot deliver to it." + why
}

func msgUnderscore(name string) string {
	return q(name) + " holds “_”: DNS can store it, but it is not valid in a host name (letters, digits and hyphens only, RFC 5321 §2.3.5), and some senders refuse it. " +
		"Use a host name without underscores, such as " + q(strings.ReplaceAll(name, "_", "-")) + "."
}

func msgHyphen(l string) string {
	return "The label " + q(l) + " starts or ends with a hyphen: DNS can store it, but it is not valid in a host name (a label begins and ends with a letter or digit, RFC 5321 §4.1.2), and some senders refuse it. Rename the host."
}

func msgEscape(name string, e *dnstext.Error) string {
	var what string
	switch e.Kind {
	case dnstext.DecimalRange:
		what = e.Text + " is no byte: a \\DDD escape stands for one byte, 000 to 255"
	case dnstext.DecimalShort:
		what = e.Text + " is not an escape: after a backslash a digit starts a three-digit byte value (\\DDD)"
	default:
		what = "it ends in a backslash that escapes nothing"
	}
	return q(name) + " has a bad escape: " + what + ", so zone software rejects the name. A host name needs no escapes at all: write it with letters, digits, hyphens and dots only."
}

func msgIDN(name string) string {
	return q(name) + " holds non-ASCII characters: the DNS holds internationalised names in their ASCII form (the A-label, starting “xn--”), and senders look up that form, so this name as written matches nothing. Write the A-label form, which your registrar or any IDN converter shows."
}

func msgEmptyLabel(name string) string {
	return q(name) + " has an empty label (two dots in a row, or a dot at the start): that is not a valid domain name. Remove the extra dot."
}

func msgLabelLength(l string, n int) string {
	if len(l) > 24 {
		l = l[:20] + "…"
	}
	return "The label " + q(l) + " is " + strconv.Itoa(n) + " bytes long; DNS allows at most 63 per label (RFC 1035 §2.3.4). Shorten it."
}

func msgNameLength(name string, wire int, relative bool) string {
	s := "The name is " + strconv.Itoa(wire) + " bytes long in DNS form"
	if relative {
		s += " once the origin is appended"
	}
	return s + "; at most 255 are allowed (253 characters written without the final dot, RFC 1035 §2.3.4). Use a shorter host name."
}

func msgRelative(written, origin, fqdn string) string {
	s := q(written) + " has no trailing dot, so in zone-file text it is relative to the origin " + bare(origin) +
		" and becomes " + q(fqdn) + " (RFC 1035 §5.1). "
	if strings.HasSuffix("."+lowerASCII(written)+".", "."+origin) {
		return s + "That name most likely does not exist. Add the trailing dot: " + q(written+".") + ". (A single label such as “mail” is the intended relative form.)"
	}
	return s + "If you meant the host " + q(written) + " itself, add the trailing dot: " + q(written+".") +
		"; if you did mean a host under " + bare(origin) + ", nothing needs to change."
}

func msgDoubled(written, meant string) string {
	return q(written) + " ends in the domain twice: the mark of a name entered without its trailing dot, which the zone file " +
		"or DNS panel then completed with the domain (RFC 1035 §5.1). Senders look up this name, which most likely does not " +
		"exist, so mail cannot be delivered. Where the record is published, write " + q(meant) + " with its trailing dot (or, " +
		"in a zone file, only the part before the domain)."
}

func msgSingleLabel(name, domain string) string {
	full := name + "." + orDefault(domain, "example.com")
	return q(name) + " is a single label with no dot: as a full name it would be a top-level domain, not a host, and SMTP allows only fully qualified names (RFC 5321 §2.3.5). " +
		"Some DNS panels append your domain, others store it as written. Write the full name, such as " + q(full+".") + "."
}

func msgLocalhost(name string) string {
	return q(name) + " names each sender's own machine: every sender would try to deliver this domain's mail to itself, and the mail loops or bounces. " +
		"If the domain should accept no mail, publish the null MX “0 .” instead (RFC 7505); otherwise name your real mail server."
}

func msgSpecialUse(name, tld string) string {
	why := map[string]string{
		"invalid": "reserved so that it never exists (RFC 6761)",
		"test":    "reserved for testing and never delegated in the public DNS (RFC 6761)",
		"example": "reserved for documentation and never delegated in the public DNS (RFC 6761)",
		"local":   "reserved for multicast DNS inside one local network (RFC 6762)",
	}[tld]
	return q(name) + " is under “." + tld + "”, " + why + ": no sender on the Internet can find this host, so no mail arrives. Name a host under a real, public domain."
}

func msgPrivate(name, suffix string) string {
	return q(name) + " is under “." + suffix + "”, reserved for private networks: senders on the Internet cannot resolve it, so only mail from inside your network can arrive. " +
		"Name a public host, unless this record is served only inside your network."
}

func msgOwner(domain string) string {
	return "The exchange is " + domain + " itself: its own A/AAAA records receive the mail, so that host must run an SMTP server on port 25. " +
		"That is fine. Without any MX, senders would use the same addresses (the implicit MX of RFC 5321 §5.1), but an explicit MX says so and leaves room for backups."
}

func msgNullMixed(domain string, hosts []string) string {
	return "A null MX (“0 .”) is published together with other MX records (" + joinMax(hosts, 5) + "): RFC 7505 §3 says a domain with a null MX MUST NOT publish any other MX. " +
		"Senders disagree on what the mix means: some fail every message to " + orDefault(domain, "the domain") + ", others skip the “.” and deliver. " +
		"Keep either the null MX (no mail) or the real hosts, not both."
}

func msgDuplicate(host string, pref, firstPref uint16) string {
	if pref == firstPref {
		return host + " is listed twice with preference " + strconv.Itoa(int(pref)) +
			": a DNS record set holds each record once, so this copy adds nothing (and some DNS panels refuse it). Remove it."
	}
	return host + " is already listed with preference " + strconv.Itoa(int(firstPref)) + "; listing it again at " + strconv.Itoa(int(pref)) +
		" adds no backup: a host that did not answer at one preference will not answer at another. Remove this record, or point it at a different host."
}

func msgLoadSharing(hosts []string, pref uint16) string {
	return "All " + strconv.Itoa(len(hosts)) + " records have preference " + strconv.Itoa(int(pref)) + ", so senders pick among " + joinMax(hosts, MaxUseful) +
		" at random (RFC 5321 §5.1 requires randomising equal preferences), spreading the load; each host is the others' backup."
}

func msgSingle(host string) string {
	return "Only one mail host is listed, so there is no backup: when " + host + " does not answer, senders keep the mail queued and retry, " +
		"typically for 4–5 days (RFC 5321 §4.5.4.1), rather than deliver elsewhere. That is fine for hosted mail services, whose one name stands for many servers."
}

func msgTooMany(n int) string {
	return strconv.Itoa(n) + " MX records: senders may limit how many hosts they try for one delivery (RFC 5321 §5.1 allows a configurable limit and asks that at least two be tried; " +
		"Postfix, for one, stops after 5 addresses by default), so the last ones may never be used, and a long answer may not fit a plain UDP DNS reply. " +
		"Keep a few hosts; give one host several addresses if it needs them."
}

// reason says in a few words why a record does not work, for its summary.
func reason(code string, m *MX) string {
	switch code {
	case CodeEmpty:
		return "it is empty"
	case CodePreferenceMissing:
		return "it has no preference number before the host name"
	case CodePreferenceInvalid:
		return "its preference " + q(m.PreferenceText) + " is not a whole number"
	case CodePreferenceRange:
		return "its preference " + m.PreferenceText + " is outside 0–65535"
	case CodeFieldsSwapped:
		return "its host name and preference are in the wrong order"
	case CodeExchangeMissing:
		return "it has no host name"
	case CodeExtra:
		return "it has extra text after the host name"
	}
	return "its exchange " + q(m.Exchange) + " " + exchangeProblem(code)
}

// exchangeProblem says in a few words what is wrong with an exchange.
func exchangeProblem(code string) string {
	switch code {
	case CodeExchangeIP:
		return "is an address, not a host name"
	case CodeExchangeURL:
		return "is written like a URL, not a bare host name"
	case CodeExchangeMailbox:
		return "is an e-mail address, not a host name"
	case CodeExchangeIDN:
		return "is not written in its ASCII (xn--) form"
	case CodeExchangeEmptyLabel:
		return "has an empty label"
	case CodeExchangeEscape:
		return "has a bad escape"
	case CodeExchangeLabelLength, CodeExchangeNameLength:
		return "is too long for the DNS"
	case CodeExchangeLocalhost:
		return "is localhost, each sender's own machine"
	case CodeExchangeSpecialUse:
		return "is under a reserved name that no sender can resolve"
	}
	return "is not a valid host name"
}

// joinMax lists at most max items, then says how many more there are.
func joinMax(items []string, max int) string {
	if len(items) <= max {
		return join(items, "and")
	}
	return join(append(items[:max:max], itoa(len(items)-max)+" more"), "and")
}

// join lists items as "a", "a and b", "a, b and c".
func join(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

var ordinals = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}

func ordinal(n int) string {
	if n >= 1 && n <= len(ordinals) {
		return ordinals[n-1]
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// preferenceMeaning says what this preference does within the set.
func (s *set) preferenceMeaning(e *entry) string {
	m := e.m
	p := m.PreferenceText
	switch {
	case !m.HasPreference:
		return q(p) + " is not a usable preference: it must be a whole number from 0 to 65535; lower numbers are tried first."
	case m.Null && m.Preference == NullPreference:
		return "0, the preference RFC 7505 §3 requires for a null MX; with no mail host there is nothing to order."
	case m.Null:
		return "RFC 7505 §3 requires 0 here for a null MX; with " + p + " this is not the standard null MX."
	case e.dupOf >= 0:
		return "Lower numbers are tried first; this host is already listed with preference " +
			itoa(int(s.entries[e.dupOf].m.Preference)) + ", so " + p + " changes nothing."
	case e.rank == 0:
		return "Lower numbers are tried first; " + p + " orders nothing while this record does not work."
	}
	const lower = "Lower numbers are tried first; "
	level := s.levels[e.rank-1]
	switch {
	case s.routes == 1:
		return lower + "as the only mail host listed, " + p + " orders nothing: any number from 0 to 65535 would work the same."
	case len(s.levels) == 1:
		return lower + "all " + itoa(len(level)) + " hosts share " + p + ", so senders pick among them at random for each delivery, spreading the load (RFC 5321 §5.1)."
	}
	tie := ""
	switch others := s.others(level, e.m, 5); {
	case len(level) == 2:
		tie = ", picking at random between it and " + others[0] + " to spread the load"
	case len(level) > 6:
		tie = ", picking at random among it and " + itoa(len(level)-1) + " other hosts with the same preference to spread the load"
	case len(level) > 2:
		tie = ", picking at random among it, " + join(others, "and") + " to spread the load"
	}
	if e.rank == 1 {
		return lower + p + " is the lowest here, so senders try this host first" + tie + "."
	}
	lowerPrefs := s.levels[:e.rank-1]
	pref := func(l []int) string { return itoa(int(s.entries[l[0]].m.Preference)) }
	var after string
	if len(lowerPrefs) > 5 {
		after = itoa(len(lowerPrefs)) + " lower preferences (" + pref(lowerPrefs[0]) + " to " + pref(lowerPrefs[len(lowerPrefs)-1]) + ")"
	} else {
		var before []string
		for _, l := range lowerPrefs {
			before = append(before, pref(l))
		}
		after = join(before, "and")
	}
	return lower + p + " comes after " + after + ", so senders try this host only when the hosts with lower numbers do not answer" + tie + "."
}

// others are at most max hosts of a level other than m.
func (s *set) others(level []int, m *MX, max int) []string {
	var hs []string
	for _, j := range level {
		if len(hs) == max {
			break
		}
		if o := s.entries[j].m; o != m {
			hs = append(hs, hostName(o))
		}
	}
	return hs
}

// exchangeMeaning says what the exchange names and how senders use it.
func (s *set) exchangeMeaning(e *entry) (string, string) {
	m := e.m
	domain := orDefault(s.domain, "the domain")
	if m.Null {
		if m.HasPreference && m.Preference == NullPreference {
			return "“.” is the DNS root, not a host: with preference 0 this is the null MX, saying " + domain + " accepts no mail (RFC 7505 §3).", refNull
		}
		return "“.” is the DNS root, not a host: it stands for “no mail server” only in the null MX “0 .” (RFC 7505 §3).", refNull
	}
	if f := exchangeError(e.findings); f != nil {
		return "Meant as the host that receives mail for " + domain + ", but senders cannot use it: " + q(m.Exchange) + " " + exchangeProblem(f.Code) + ".", f.Ref
	}
	host := hostName(m)
	base := "The host that receives mail for " + domain + ": senders look up the A and AAAA records of " + host +
		" and connect to it on port 25. It must be a host name with address records of its own, not an IP address and not a CNAME alias (RFC 5321 §5.1, RFC 2181 §10.3)."
	if o := normalOrigin(s.ctx.Owner); o != "" && m.FQDN == o {
		base += " Here that host is the domain itself."
	}
	origin := normalOrigin(s.ctx.Origin)
	switch {
	case Token(m.Exchange) == OriginName && m.FQDN != "":
		return "“@” stands for the zone's own name, here " + bare(m.FQDN) + ". " + base, refRelative
	case Token(m.Exchange) == OriginName:
		return "“@” stands for the zone's own name. " + base, refRelative
	case m.Relative && hasInnerDot(m.Exchange):
		return "Written without a trailing dot, so relative to the origin " + bare(origin) + ": it names " + host + ", probably not what was meant. " + base, refRelative
	case m.Relative:
		return "Written without a trailing dot, so relative to the origin " + bare(origin) + ": it names " + host + ". " + base, refRelative
	case !isAbsolute(m.Exchange) && origin == "" && hasInnerDot(m.Exchange):
		return "Written without a trailing dot, which most DNS panels read as the full name " + host +
			" (in zone-file text it would be relative to the zone's origin). " + base, refExchange
	}
	return base, refExchange
}

// summary is the record's one sentence.
func (s *set) summary(e *entry) string {
	m := e.m
	domain := orDefault(s.domain, "this domain")
	if f := firstError(e.findings); f != nil {
		return "This MX record does not work: " + reason(f.Code, m) + "."
	}
	if s.mixed {
		hosts := s.hostNames
		return "Contradictory MX records: a null MX says " + domain + " accepts no mail, yet " + joinMax(hosts, 5) +
			" " + plural(len(hosts), "is", "are") + " listed too, which RFC 7505 §3 forbids."
	}
	if m.Null {
		if m.Preference == NullPreference {
			return "Null MX: " + domain + " accepts no mail, so senders fail at once instead of queueing and retrying."
		}
		return "Meant as a null MX (" + domain + " accepts no mail), but with preference " + m.PreferenceText + " instead of 0 not every sender will recognise it."
	}
	order := s.order(domain)
	if e.dupOf >= 0 {
		return "Adds nothing, " + hostName(m) + " being listed already: " + order
	}
	level := s.levels[e.rank-1]
	switch {
	case len(s.levels) == 1 && len(level) == 1:
		return upperFirst(order)
	case len(s.levels) == 1:
		return "One of " + itoa(len(level)) + " equal choices: " + order
	case len(level) == 1:
		return upperFirst(ordinal(e.rank)) + " choice: " + order
	}
	return "One of " + itoa(len(level)) + " equal " + ordinal(e.rank) + " choices: " + order
}

// order is the delivery order of the whole set, as one clause starting in
// lower case and ending with a full stop. It names at most MaxUseful hosts.
func (s *set) order(domain string) string {
	if s.orderText != "" {
		return s.orderText
	}
	var b strings.Builder
	b.WriteString("mail for " + domain + " goes ")
	if len(s.levels) > 1 {
		b.WriteString("first ")
	}
	named, routes := 0, 0
	for _, level := range s.levels {
		routes += len(level)
	}
	for k, level := range s.levels {
		if named >= MaxUseful {
			b.WriteString("; after them, " + itoa(routes-named) + " more hosts")
			break
		}
		if k > 0 {
			switch len(s.levels[k-1]) {
			case 1:
				b.WriteString("; if it does not answer, ")
			case 2:
				b.WriteString("; if neither answers, ")
			default:
				b.WriteString("; if none of them answers, ")
			}
		}
		pref := itoa(int(s.entries[level[0]].m.Preference))
		b.WriteString("to " + hostName(s.entries[level[0]].m) + " (")
		if k == 0 {
			b.WriteString("preference ")
		}
		b.WriteString(pref + ")")
		if len(level) > 1 {
			var rest []string
			for _, j := range level[1:] {
				rest = append(rest, hostName(s.entries[j].m)+" ("+pref+")")
			}
			b.WriteString(", sharing load equally with " + joinMax(rest, 5))
		}
		named += len(level)
	}
	if s.unusable > 0 {
		b.WriteString("; " + itoa(s.unusable) + " other listed " + plural(s.unusable, "record does", "records do") + " not work")
	}
	b.WriteString(".")
	s.orderText = b.String()
	return s.orderText
}

func itoa(n int) string { return strconv.Itoa(n) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func upperFirst(s string) string {
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
