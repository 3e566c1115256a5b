package srv

// The English about records: field meanings and summaries. Finding
// messages are in messages.go.

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/hostname"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Sections cited in Refs.
const (
	refSRV        = "RFC 2782"        // the SRV RR: priority, weight, port, target; the selection order
	refLabels     = "RFC 6186 §3"     // the mail service labels, under _tcp
	refNotOffered = "RFC 6186 §3.4"   // "." : the service is not offered; priorities across services
	refPriority   = "RFC 6186 §3.4"   // lower priority preferred
	refRelay      = "RFC 6409 §3.1"   // submission is port 587, not 25
	refBoth       = "RFC 8314 §3.3"   // offer STARTTLS on 587 and implicit TLS on 465
	refPrefer     = "RFC 8314 §4.5.2" // advertise implicit TLS in preference
	refHostname   = "RFC 1123 §2.1"   // host name syntax
	refLength     = "RFC 1035 §2.3.4" // labels 63, names 255 octets
	refZone       = "RFC 1035 §5.1"   // relative names and escapes in master files
	refSpecialUse = "RFC 6761"        // localhost, .invalid, .test, .example
)

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

func itoa(n int) string { return strconv.Itoa(n) }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// exampleHost is a host name to suggest: mail.<domain>.
func exampleHost(domain string) string { return "mail." + orDefault(domain, "example.com") }

// bare is a name for prose: no trailing dot.
func bare(fqdn string) string {
	if fqdn == "." {
		return fqdn
	}
	return strings.TrimSuffix(fqdn, ".")
}

// OwnerMeaning says what an owner name means for an SRV record, for the
// owner field of zone text.
func OwnerMeaning(fqdn string) string {
	o, ok := ParseOwner(fqdn)
	if !ok {
		return ""
	}
	domain := bare(o.Domain)
	switch {
	case o.Known == nil:
		return "Published at " + bare(fqdn) + ": the service _" + o.Service + " over _" + o.Proto + " of " + domain + " (RFC 2782); not one mail clients look up."
	case !o.Known.Mail:
		return "Published at " + bare(fqdn) + ": where Outlook and other Exchange clients find the Autodiscover service of " + domain +
			", over HTTPS. This is no RFC: Microsoft's “Autodiscover for Exchange” documentation defines it, and clients try it after the autodiscover host names."
	}
	return "Published at " + bare(fqdn) + ": where mail clients set up for …@" + domain + " find its " + about(o.Known.Name) + " server (" + o.Known.Ref + ")."
}

// unused says a number of a "." record means nothing: "Priority 10: …".
func unused(name, text string) string {
	return name + " " + text + ": meaningless with the target “.”, and conventionally 0."
}

func (s *set) priorityMeaning(e *entry) string {
	m := e.s
	switch {
	case !m.HasPriority:
		return "The priority: a number from 0 to 65535, lower tried first (RFC 2782)."
	case m.NotOffered:
		return unused("Priority", m.PriorityText)
	}
	return "Priority " + m.PriorityText + ": clients try the records of the lowest priority first and move to a higher number only when none of those answers (RFC 2782). " +
		"RFC 6186 §3.4 lets a domain rank services this way too: IMAP at a lower number than POP3 says IMAP is preferred."
}

func (s *set) weightMeaning(e *entry) string {
	m := e.s
	switch {
	case !m.HasWeight:
		return "The weight: a number from 0 to 65535 that shares connections among records of the same priority (RFC 2782)."
	case m.NotOffered:
		return unused("Weight", m.WeightText)
	}
	if e.peers > 1 && m.Weight == 0 && e.chance == 0 {
		return "Weight 0: among the " + itoa(e.peers) + " records of priority " + m.PriorityText +
			", clients pick one at random in proportion to the weights (RFC 2782); weight 0 next to weights above 0 is picked only rarely."
	}
	if e.peers > 1 {
		return "Weight " + m.WeightText + ": among the " + itoa(e.peers) + " records of priority " + m.PriorityText +
			", clients pick one at random in proportion to the weights (RFC 2782), so this one is tried first about " + itoa(e.chance) + "% of the time."
	}
	return "Weight " + m.WeightText + ": shares connections among records of the same priority, in proportion (RFC 2782); with no other record at priority " +
		m.PriorityText + " it changes nothing. RFC 2782 asks for 0 when there is no choice to make; mail providers often write 1."
}

func (s *set) portMeaning(e *entry) string {
	m := e.s
	switch {
	case !m.HasPort:
		return "The port the client connects to, 0 to 65535 (RFC 2782)."
	case m.NotOffered:
		return unused("Port", m.PortText)
	}
	k := m.Owner.Known
	if k == nil {
		return "Port " + m.PortText + ": the TCP or UDP port the client connects to on the target (RFC 2782)."
	}
	std := "its standard port (" + k.PortRef + ")"
	if m.Port != k.Port {
		std = "not its standard port " + itoa(int(k.Port))
	}
	return "Port " + m.PortText + ": the client connects to the target on this port for " + about(k.Name) + ", " + std + "."
}

func (s *set) targetMeaning(e *entry) (string, string) {
	m := e.s
	if m.NotOffered {
		return "“.” is the DNS root, not a host: as an SRV target it says the service is decidedly not offered at this domain (RFC 2782, RFC 6186 §3.4).", refNotOffered
	}
	if f := targetError(e.findings); f != nil {
		return "Meant as the server clients connect to, but they cannot use it: " + q(m.Target) + " " +
			hostname.Trouble(hostname.Problem(strings.TrimPrefix(f.Code, "srv.target.")), "client") + ".", f.Ref
	}
	base := "The host clients connect to: they look up its A and AAAA records (it must have them and be no CNAME alias, RFC 2782)"
	if k := m.Owner.Known; k != nil && k.Mail {
		base += " and check that the server's TLS certificate names " + hostName(m) + " (RFC 6186 §4, RFC 8314 §5.1)"
	}
	base += "."
	switch {
	case m.Relative:
		return "Written without a trailing dot, so relative to the origin: it names " + hostName(m) + ". " + base, refZone
	case m.Target == hostname.OriginName:
		return "“@” stands for the zone's own name, here " + hostName(m) + ". " + base, refZone
	}
	return base, refSRV
}

// hostName is a target for prose: the FQDN without its dot, or as written.
func hostName(m *SRV) string {
	if m.FQDN != "" {
		return bare(m.FQDN)
	}
	return m.Target
}

// reason says in a few words why a record does not work, for its summary.
func reason(f *explain.Finding, m *SRV) string {
	switch f.Code {
	case CodeEmpty:
		return "it is empty"
	case CodeFieldMissing:
		return "it has no " + f.Args["missing"]
	case CodeNumberInvalid:
		return "its " + f.Args["field"] + " " + q(f.Args["value"]) + " is not a whole number"
	case CodeNumberRange:
		return "its " + f.Args["field"] + " " + f.Args["value"] + " is outside 0–65535"
	case CodeExtra:
		return "it has extra text after the host name"
	case CodeOwnerLabels:
		return "no client looks for it at " + f.Args["owner"]
	}
	return "its target " + q(m.Target) + " " + hostname.Trouble(hostname.Problem(strings.TrimPrefix(f.Code, "srv.target.")), "client")
}

// summary is the record's one sentence.
func (s *set) summary(e *entry) string {
	m := e.s
	if f := firstError(e.findings); f != nil {
		return "This SRV record does not work: " + reason(f, m) + "."
	}
	svc := about(m.Owner.Service)
	domain := orDefault(domainOf(m), "this domain")
	if m.NotOffered {
		return strings.ToUpper(svc[:1]) + svc[1:] + " is decidedly not offered at " + domain + "."
	}
	where := hostName(m) + " port " + m.PortText
	if len(s.order) > 1 && e.rank > 0 {
		return "Clients find " + svc + " for " + domain + " at " + where + ", " + place(e) + " of " + itoa(len(s.order)) + " records in the order a client tries them: " + s.orderText() + "."
	}
	return "Clients find " + svc + " for " + domain + " at " + where + "."
}

// place names the record's place in the try order.
func place(e *entry) string {
	if e.peers > 1 {
		return "at priority level " + itoa(e.rank) + " with " + itoa(e.peers-1) + " other" + plural(e.peers-1)
	}
	return "at priority level " + itoa(e.rank)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// orderText is the set's try order: "mx1:993 (priority 0, weight 60%) or …, then …".
func (s *set) orderText() string {
	var levels []string
	for _, level := range s.levels {
		var hs []string
		for _, i := range level {
			e := &s.entries[i]
			h := hostName(e.s) + ":" + e.s.PortText
			if len(level) > 1 {
				h += " (" + itoa(e.chance) + "%)"
			}
			hs = append(hs, h)
		}
		levels = append(levels, strings.Join(hs, " or "))
	}
	return strings.Join(levels, ", then ")
}
