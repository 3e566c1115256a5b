package mx

// The English about records: field meanings and summaries. Finding
// messages are in messages.go.

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/hostname"
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
	return hostname.Trouble(hostname.Problem(strings.TrimPrefix(code, "mx.exchange.")), "sender")
}

// quoteValues quotes the whole values among hosts (a host name has no
// blanks and is never ".").
func quoteValues(hosts []string) []string {
	out := make([]string, len(hosts))
	for i, h := range hosts {
		out[i] = h
		if h == string(NullExchange) || strings.ContainsAny(h, " \t\r\n") {
			out[i] = q(h)
		}
	}
	return out
}

// joinMax lists at most max items, then says how many more there are.
func joinMax(items []string, max int) string {
	return joinShown(items[:min(len(items), max)], len(items))
}

// joinShown lists the items shown of total, then says how many more there are.
func joinShown(shown []string, total int) string {
	if total > len(shown) {
		shown = append(shown[:len(shown):len(shown)], itoa(total-len(shown))+" more")
	}
	return join(shown, "and")
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
	if o := hostname.NormalOrigin(s.ctx.Owner); o != "" && m.FQDN == o {
		base += " Here that host is the domain itself."
	}
	origin := hostname.NormalOrigin(s.ctx.Origin)
	switch {
	case Token(m.Exchange) == OriginName && m.FQDN != "":
		return "“@” stands for the zone's own name, here " + bare(m.FQDN) + ". " + base, refRelative
	case Token(m.Exchange) == OriginName:
		return "“@” stands for the zone's own name. " + base, refRelative
	case m.Relative && hostname.HasInnerDot(m.Exchange):
		return "Written without a trailing dot, so relative to the origin " + bare(origin) + ": it names " + host + ", probably not what was meant. " + base, refRelative
	case m.Relative:
		return "Written without a trailing dot, so relative to the origin " + bare(origin) + ": it names " + host + ". " + base, refRelative
	case !hostname.IsAbsolute(m.Exchange) && origin == "" && hostname.HasInnerDot(m.Exchange):
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
		return "Contradictory MX records: a null MX says " + domain + " accepts no mail, yet " + joinMax(quoteValues(hosts), 5) +
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
