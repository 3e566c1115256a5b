package srv

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from the
// finding's Args alone (codes.go documents each code's Args).

import (
	"strings"

	"github.com/mxplain/mxplain/internal/hostname"
	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in allCodes.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgEmpty}},
	{Code: CodeFieldMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgFieldMissing}},
	{Code: CodeNumberInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgNumberInvalid}},
	{Code: CodeNumberRange, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgNumberRange}},
	{Code: CodeExtra, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgExtra}},

	{Code: CodeOwnerLabels, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgOwnerLabels}},
	{Code: CodeServiceUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refLabels, Message: msgServiceUnknown}},
	{Code: CodeProtoNotTCP, Rule: explain.Rule{Severity: explain.Warning, Ref: refLabels, Message: msgProtoNotTCP}},

	{Code: CodeNotOffered, Rule: explain.Rule{Severity: explain.Info, Ref: refNotOffered, Message: msgNotOffered}},
	{Code: CodeNotOfferedFields, Rule: explain.Rule{Severity: explain.Info, Ref: refNotOffered, Message: msgNotOfferedFields}},

	{Code: CodePortMismatch, Rule: explain.Rule{Severity: explain.Warning, RefFor: portRef, Message: msgPortMismatch}},
	{Code: CodePortRelay, Rule: explain.Rule{Severity: explain.Warning, Ref: refRelay, Message: msgPortRelay}},
	{Code: CodePortNonstandard, Rule: explain.Rule{Severity: explain.Info, RefFor: portRef, Message: msgPortNonstandard}},
	{Code: CodeStartTLS, Rule: explain.Rule{Severity: explain.Info, Ref: refBoth, Message: msgStartTLS}},
	{Code: CodeCleartext, Rule: explain.Rule{Severity: explain.Warning, Ref: refPrefer, Message: msgCleartext}},

	{Code: CodeTargetIP, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgIP}},
	{Code: CodeTargetURL, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgURL}},
	{Code: CodeTargetMailbox, Rule: explain.Rule{Severity: explain.Error, Ref: refSRV, Message: msgMailbox}},
	{Code: CodeTargetInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refHostname, Message: msgInvalid}},
	{Code: CodeTargetEscape, Rule: explain.Rule{Severity: explain.Error, Ref: refZone, Message: msgEscape}},
	{Code: CodeTargetHostname, Rule: explain.Rule{Severity: explain.Warning, Ref: refHostname, Message: msgHostname}},
	{Code: CodeTargetIDN, Rule: explain.Rule{Severity: explain.Error, Ref: refHostname, Message: msgIDN}},
	{Code: CodeTargetEmptyLabel, Rule: explain.Rule{Severity: explain.Error, Ref: refLength, Message: msgEmptyLabel}},
	{Code: CodeTargetLabelLength, Rule: explain.Rule{Severity: explain.Error, Ref: refLength, Message: msgLabelLength}},
	{Code: CodeTargetNameLength, Rule: explain.Rule{Severity: explain.Error, Ref: refLength, Message: msgNameLength}},
	{Code: CodeTargetRelative, Rule: explain.Rule{Severity: explain.Warning, Ref: refZone, Message: msgRelative}},
	{Code: CodeTargetDoubled, Rule: explain.Rule{Severity: explain.Warning, Ref: refZone, Message: msgDoubled}},
	{Code: CodeTargetSingleLabel, Rule: explain.Rule{Severity: explain.Warning, Ref: refSRV, Message: msgSingleLabel}},
	{Code: CodeTargetLocalhost, Rule: explain.Rule{Severity: explain.Error, Ref: refSpecialUse, Message: msgLocalhost}},
	{Code: CodeTargetSpecialUse, Rule: explain.Rule{Severity: explain.Error, Ref: refSpecialUse, Message: msgSpecialUse}},
	{Code: CodeTargetPrivate, Rule: explain.Rule{Severity: explain.Warning, Ref: refSRV, Message: msgPrivate}},
	{Code: CodeTargetOwner, Rule: explain.Rule{Severity: explain.Info, Ref: refSRV, Message: msgOwner}},

	{Code: CodeSetNotOfferedMixed, Rule: explain.Rule{Severity: explain.Warning, Ref: refNotOffered, Message: msgNotOfferedMixed}},
	{Code: CodeSetDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refSRV, Message: msgDuplicate}},
	{Code: CodeWeightZero, Rule: explain.Rule{Severity: explain.Info, Ref: refSRV, Message: msgWeightZero}},
})

// Message writes the message of a finding of code from its Args, as the
// package's findings have it; "" for a code that is not the package's.
func Message(code string, args explain.Args) string { return rules.Message(code, args) }

// portRef cites where the service's port is registered.
func portRef(a explain.Args) string {
	if k := LookupService(a["service"]); k != nil {
		return k.PortRef
	}
	return refSRV
}

// label is a service's owner label for prose: "_imaps._tcp".
func label(service string) string { return "_" + service + "._tcp" }

// about names a service for prose: "IMAP with implicit TLS (_imaps._tcp)".
func about(service string) string {
	k := LookupService(service)
	if k == nil {
		if service == "" {
			return "the service"
		}
		return "the service _" + service
	}
	switch k.TLS {
	case TLSStartTLS:
		return k.Protocol + " with STARTTLS (" + label(k.Name) + ")"
	case TLSImplicit:
		if k.Mail {
			return k.Protocol + " with implicit TLS (" + label(k.Name) + ")"
		}
	}
	return k.Protocol + " (" + label(k.Name) + ")"
}

func msgEmpty(explain.Args) string {
	return "The SRV value is empty: it needs a priority, a weight, a port and a host name, such as “0 1 993 imap.example.com.”."
}

func msgFieldMissing(a explain.Args) string {
	return "The " + a["missing"] + " is missing: an SRV value is four fields, priority, weight, port and target host, in that order, such as “0 1 993 imap.example.com.”. " +
		"If your DNS panel has separate boxes for priority, weight and port, the value box holds only what is left of them."
}

func msgNumberInvalid(a explain.Args) string {
	return "The " + a["field"] + " " + q(a["value"]) + " is not a whole number: SRV's priority, weight and port are numbers from 0 to 65535, in that order before the host name, such as “0 1 993 imap.example.com.”."
}

func msgNumberRange(a explain.Args) string {
	return "The " + a["field"] + " " + a["value"] + " is outside 0–65535: it is a 16-bit number in the record."
}

func msgExtra(a explain.Args) string {
	extra := a["extra"]
	if strings.HasPrefix(extra, ";") {
		return "Extra text after the host name: " + q(extra) + ". In zone files “;” starts a comment, but a DNS panel stores it as part of the value, which then is not a valid SRV. Remove it."
	}
	return "Extra text after the host name: " + q(extra) + ". An SRV record names one host; for several servers, publish one SRV record per host at the same name."
}

func msgOwnerLabels(a explain.Args) string {
	s := "Mail clients look SRV records up at _<service>._<protocol>.<domain>, such as _imaps._tcp.example.com (RFC 2782, RFC 6186 §3), and " + a["owner"] +
		" does not start with two labels that begin with “_”: no client finds this record."
	if m := a["meant"]; m != "" {
		return s + " Publish it at " + m + "."
	}
	return s
}

func msgServiceUnknown(a explain.Args) string {
	return "_" + a["service"] + "._" + a["proto"] + " is not one of the services mail clients look up (_submissions, _submission, _imaps, _imap, _pop3s, _pop3, RFC 6186 and RFC 8314; _autodiscover): " +
		"the fields are explained as SRV data, without what the service expects of them."
}

func msgProtoNotTCP(a explain.Args) string {
	return "_" + a["service"] + " is published under “_" + a["proto"] + "”, but " + a["service"] +
		" runs over TCP and clients look it up only under _tcp (RFC 6186 §3). Publish it at " + a["meant"] + "."
}

func msgNotOffered(a explain.Args) string {
	return "The target “.” says " + about(a["service"]) + " is decidedly not offered at " + orDefault(a["domain"], "this domain") +
		" (RFC 2782): clients that find it must not try the service there, and use the domain's other SRV records instead (RFC 6186 §3.4). " +
		"It is the way to say so, rather than publishing nothing, which leaves clients guessing host names."
}

func msgNotOfferedFields(a explain.Args) string {
	return "A “.” record is conventionally written “0 0 0 .” (RFC 6186 §3.4): priority, weight and port mean nothing when no service is offered, so " +
		q(a["fields"]) + " only raises the question what they were meant for."
}

func msgPortMismatch(a explain.Args) string {
	svc, other := a["service"], a["other"]
	return "Port " + a["port"] + " is " + about(other) + "'s, but this is " + about(svc) + ", whose port is " + a["standard"] +
		". A client connects to the port the record names and speaks " + tlsWay(svc) + "; a server on port " + a["port"] + " expects " + tlsWay(other) +
		", so the connection fails. Write " + a["standard"] + ", unless the server really runs " + svc + " on " + a["port"] + "."
}

// tlsWay says how a service's client starts: "TLS at once" or "cleartext, then STARTTLS".
func tlsWay(service string) string {
	if k := LookupService(service); k != nil && k.TLS == TLSStartTLS {
		return "cleartext first, then STARTTLS"
	}
	return "TLS at once"
}

func msgPortRelay(a explain.Args) string {
	return "Port 25 is SMTP's port for relay between mail servers, not for submission from mail clients: RFC 6409 §3.1 gives submission port 587, RFC 8314 §7.3 port 465 for implicit TLS. " +
		"Many networks block outgoing port 25, and servers there may not accept authentication. Write " + a["standard"] + "."
}

func msgPortNonstandard(a explain.Args) string {
	return "Port " + a["port"] + " is not " + about(a["service"]) + "'s standard port " + a["standard"] + ": clients connect where the record says, so this works if the server listens there; " +
		"networks that allow only standard ports will block it."
}

func msgStartTLS(a explain.Args) string {
	return "_submission (port 587) starts in cleartext and upgrades with STARTTLS. RFC 8314 §3.3 asks servers to offer implicit TLS on port 465 too, and §4.5.2 to advertise it in preference: " +
		"publish " + label(a["implicit"]) + "." + orDefault(a["domain"], "<domain>") + " as well, such as “0 1 465 " + exampleHost(a["domain"]) + ".”."
}

func msgCleartext(a explain.Args) string {
	svc, imp := a["service"], a["implicit"]
	return "_" + svc + " names a server that starts in cleartext and may require STARTTLS (RFC 6186), or may not: a client set up from it can send the password unencrypted. " +
		"RFC 8314 §5.1 has clients ignore such services when one with TLS is advertised, and warn the user when they cannot; §4.5.2 asks providers to advertise implicit TLS in preference. " +
		"Publish " + label(imp) + "." + orDefault(a["domain"], "<domain>") + " (port " + portOf(imp) + "), and either give this record a higher priority number or make it “0 0 0 .”."
}

func portOf(service string) string {
	if k := LookupService(service); k != nil {
		return itoa(int(k.Port))
	}
	return ""
}

// msgIP is about a target that is an address (args "address") or an
// all-numeric name.
func msgIP(a explain.Args) string {
	return q(a["target"]) + " is an IP address (or all numbers), but an SRV target is the domain name of a host with address records (RFC 2782): clients look it up as a name and find nothing. " +
		"Publish an A or AAAA record for a name, such as " + q(exampleHost(a["domain"])) + ", and name that host here."
}

func msgURL(a explain.Args) string {
	s := q(a["target"]) + " is written like a URL, but an SRV target is a host name alone: the port has its own field."
	if h := a["host"]; h != "" {
		return s + " Write " + q(strings.TrimSuffix(h, ".")+".") + "."
	}
	return s
}

func msgMailbox(a explain.Args) string {
	return q(a["target"]) + " is an e-mail address, but an SRV target is the host name of the server clients connect to."
}

func msgInvalid(a explain.Args) string {
	return q(a["target"]) + " holds " + q(a["char"]) + ", which no host name can contain: letters, digits and hyphens only, with dots between labels (RFC 1123 §2.1). Clients cannot connect to it."
}

// msgHostname is about a label with a hyphen at an end (args "label") or
// an underscore.
func msgHostname(a explain.Args) string {
	if l := a["label"]; l != "" {
		return hostname.HyphenMessage(l, "clients", refHostname)
	}
	return q(a["target"]) + " holds “_”: DNS can store it, but it is not valid in a host name (RFC 1123 §2.1), and the server's TLS certificate cannot name it for clients to check."
}

func msgEscape(a explain.Args) string { return hostname.EscapeMessage(a["target"], a["escape"]) }
func msgIDN(a explain.Args) string    { return hostname.IDNMessage(a["target"], "clients") }
func msgEmptyLabel(a explain.Args) string {
	return hostname.EmptyLabelMessage(a["target"])
}
func msgLabelLength(a explain.Args) string {
	return hostname.LabelLengthMessage(a["label"], a["length"])
}
func msgNameLength(a explain.Args) string {
	return hostname.NameLengthMessage(a["length"], a["origin"])
}

func msgRelative(a explain.Args) string {
	return q(a["target"]) + " has no trailing dot, so in zone-file text it is relative to the origin and becomes " + q(a["name"]) +
		" (RFC 1035 §5.1), most likely no host. Add the trailing dot: " + q(a["target"]+".") + "."
}

func msgDoubled(a explain.Args) string {
	return q(a["target"]) + " ends in the domain twice: the mark of a name entered without its trailing dot, which the DNS panel then completed with the domain (RFC 1035 §5.1). Write " + q(a["meant"]) + "."
}

func msgSingleLabel(a explain.Args) string {
	full := a["target"] + "." + orDefault(a["domain"], "example.com")
	return q(a["target"]) + " is a single label with no dot: as a full name it would be a top-level domain, not a host. Write the full name, such as " + q(full+".") + "."
}

func msgLocalhost(a explain.Args) string {
	return q(a["target"]) + " names each client's own machine: the client would connect to itself. Name the real server, or write “0 0 0 .” if the service is not offered."
}

func msgSpecialUse(a explain.Args) string {
	return q(a["target"]) + " is under “." + a["tld"] + "”, a name reserved never to resolve on the public Internet (RFC 6761, RFC 6762 for .local): no client outside can reach it."
}

func msgPrivate(a explain.Args) string {
	return q(a["target"]) + " is under “." + a["suffix"] + "”, reserved for private networks: only clients inside your network can resolve it."
}

func msgOwner(a explain.Args) string {
	return "The target is " + a["domain"] + " itself: clients connect to the domain's own A/AAAA addresses. That is fine if the server runs there."
}

func msgNotOfferedMixed(a explain.Args) string {
	return "A “.” (service not offered) is published with other records for " + about(a["service"]) + " (" + a["count"] +
		" in all): RFC 2782 gives “.” its meaning only as the one record at its name, so clients either skip it and use the others, or take the service for not offered. Keep the “.” or the servers, not both."
}

func msgDuplicate(a explain.Args) string {
	return a["target"] + " port " + a["port"] + " is already listed: this record adds no other server to try. Remove it."
}

func msgWeightZero(a explain.Args) string {
	return "Weight 0 next to records of the same priority " + a["priority"] + " with weights above 0: RFC 2782 gives it a very small chance of being chosen, so " +
		a["target"] + " takes almost no connections until the others fail. Give it a weight above 0 to share the load; leave 0 if it is meant as a spare."
}
