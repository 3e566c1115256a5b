package srv

// Finding codes. Each is stable: programs and the page key on them. The
// comment says when the code fires and with which severity, the Args its
// message is written from (values are text), and the fix its findings
// carry (explain.Fix), or why none. ExplainSet keeps a fix only when it
// clears its finding and adds no error (explain.KeepFixes). Severities,
// sections and messages are in messages.go.
const (
	// CodeEmpty (error): the value is empty or only blanks.
	// Fix: none: what to publish is the owner's.
	CodeEmpty = "srv.empty"
	// CodeFieldMissing (error): fewer than four words; an SRV value is
	// priority, weight, port and target (RFC 2782).
	// Args: "missing", the first field not there ("weight", "port",
	// "target"); "count", how many words there are.
	// Fix: with the three numbers read, append the slot {{host}} (with a
	// trailing dot in zone-file text); none otherwise: which numbers were
	// left out is not known.
	CodeFieldMissing = "srv.field.missing"
	// CodeNumberInvalid (error): the priority, weight or port is not a
	// whole number.
	// Args: "field" ("priority", "weight", "port"); "value" as written.
	// Fix: none: the number meant is the owner's.
	CodeNumberInvalid = "srv.number.invalid"
	// CodeNumberRange (error): the priority, weight or port is a number
	// outside 0–65535.
	// Args: "field"; "value" as written.
	// Fix: none: the number meant is the owner's.
	CodeNumberRange = "srv.number.range"
	// CodeExtra (error): words after the target.
	// Args: "extra", the words after it.
	// Fix: delete them and the blanks before them, unless one is a host
	// name (which needs a record of its own; none then).
	CodeExtra = "srv.extra"

	// CodeOwnerLabels (error): the owner does not start with the service
	// and protocol labels "_<service>._<proto>", so no client looks it up.
	// Args: "owner"; "meant", the name with the underscores, when its first
	// labels are a mail service and tcp without them ("imaps.tcp.example.com").
	// Fix: none: the owner name is not part of the value.
	CodeOwnerLabels = "srv.owner.labels"
	// CodeServiceUnknown (info): the service label is none mail clients
	// look up (_sip, _xmpp-client, …): the record is explained as SRV
	// data alone.
	// Args: "service", "proto", without their "_".
	// Fix: none: nothing is wrong.
	CodeServiceUnknown = "srv.service.unknown"
	// CodeProtoNotTCP (warning): a mail service under another protocol
	// than "_tcp" ("_udp"): every one of them runs over TCP, and clients
	// look up only _tcp.
	// Args: "service", "proto"; "meant", the _tcp name.
	// Fix: none: the owner name is not part of the value.
	CodeProtoNotTCP = "srv.proto.not_tcp"

	// CodeNotOffered (info): the target ".": the service is decidedly not
	// offered at the domain (RFC 2782; RFC 6186 §3.4).
	// Left out when the set also has other records (CodeSetNotOfferedMixed).
	// Args: "service", "domain", when known.
	// Fix: none: nothing is wrong.
	CodeNotOffered = "srv.target.not_offered"
	// CodeNotOfferedFields (info): target "." with numbers other than the
	// conventional "0 0 0" (RFC 6186 §3.4's examples).
	// Args: "fields", the three numbers as written.
	// Fix: the three numbers become "0 0 0".
	CodeNotOfferedFields = "srv.target.not_offered_fields"

	// CodePortMismatch (warning): the port is another mail service's
	// standard port (_imaps on 143, _submission on 465, …).
	// Args: "service"; "port" as written; "standard", the service's port;
	// "other", the service whose port it is.
	// Fix: the service's standard port.
	CodePortMismatch = "srv.port.mismatch"
	// CodePortRelay (warning): _submission or _submissions on port 25,
	// SMTP's port for relay between servers (RFC 6409 §3.1).
	// Args: "service", "port", "standard".
	// Fix: the service's standard port.
	CodePortRelay = "srv.port.relay"
	// CodePortNonstandard (info): a port no standard names for the service.
	// Args: "service", "port", "standard".
	// Fix: none: a server may well listen there.
	CodePortNonstandard = "srv.port.nonstandard"
	// CodeStartTLS (info): _submission, STARTTLS on 587: RFC 8314 §3.3 asks
	// for implicit TLS (_submissions, 465) next to it.
	// Args: "service", "implicit", "domain".
	// Fix: none: the other record is to be added, which no edit of this one does.
	CodeStartTLS = "srv.tls.starttls"
	// CodeCleartext (warning): _imap or _pop3, whose server may accept a
	// cleartext session: RFC 8314 §4.5.2 and §5.1 prefer _imaps, _pop3s.
	// Args: "service", "implicit", "domain".
	// Fix: none: the implicit-TLS record is to be added.
	CodeCleartext = "srv.tls.cleartext"

	// The target's host-name checks, as MX checks its exchange
	// (internal/hostname; the Args are MX's, "target" for "exchange").
	CodeTargetIP          = "srv.target.ip"           // error; fix: the slot {{host}}
	CodeTargetURL         = "srv.target.url"          // error; fix: the host name alone, or {{host}}
	CodeTargetMailbox     = "srv.target.mailbox"      // error; fix: {{host}}
	CodeTargetInvalid     = "srv.target.invalid"      // error; fix: what wraps the name deleted, "," between labels "."
	CodeTargetEscape      = "srv.target.escape"       // error; fix: none
	CodeTargetHostname    = "srv.target.hostname"     // warning; fix: none
	CodeTargetIDN         = "srv.target.idn"          // error; fix: none
	CodeTargetEmptyLabel  = "srv.target.empty_label"  // error; fix: the extra dots deleted
	CodeTargetLabelLength = "srv.target.label_length" // error; fix: none
	CodeTargetNameLength  = "srv.target.name_length"  // error; fix: none
	CodeTargetRelative    = "srv.target.relative"     // warning; fix: the trailing dot
	CodeTargetDoubled     = "srv.target.doubled"      // warning; fix: the doubled domain deleted
	CodeTargetSingleLabel = "srv.target.single_label" // warning; fix: "." and the domain appended
	CodeTargetLocalhost   = "srv.target.localhost"    // error; fix: {{host}}
	CodeTargetSpecialUse  = "srv.target.special_use"  // error; fix: {{host}}
	CodeTargetPrivate     = "srv.target.private"      // warning; fix: none
	CodeTargetOwner       = "srv.target.owner"        // info: the domain itself; fix: none

	// CodeSetNotOfferedMixed (warning): a "." next to other records at one
	// owner: RFC 2782 gives "." meaning only as the one record.
	// Args: "count", the number of records; "service".
	// Fix: none: which to delete is the owner's choice.
	CodeSetNotOfferedMixed = "srv.set.not_offered_mixed"
	// CodeSetDuplicate (warning): the same target and port as an earlier
	// usable record of the set; on the later one.
	// Args: "target", "port".
	// Fix: none: the record is to be deleted.
	CodeSetDuplicate = "srv.set.duplicate"
	// CodeWeightZero (info): weight 0 among records of the same priority
	// with weights above 0: RFC 2782 gives it a very small chance.
	// Args: "target", "priority".
	// Fix: none: a rarely used server may be what was meant.
	CodeWeightZero = "srv.weight.zero"
)

// allCodes lists every code above; a test checks each appears in a golden file.
var allCodes = []string{
	CodeEmpty, CodeFieldMissing, CodeNumberInvalid, CodeNumberRange, CodeExtra,
	CodeOwnerLabels, CodeServiceUnknown, CodeProtoNotTCP,
	CodeNotOffered, CodeNotOfferedFields,
	CodePortMismatch, CodePortRelay, CodePortNonstandard, CodeStartTLS, CodeCleartext,
	CodeTargetIP, CodeTargetURL, CodeTargetMailbox, CodeTargetInvalid, CodeTargetEscape,
	CodeTargetHostname, CodeTargetIDN, CodeTargetEmptyLabel, CodeTargetLabelLength,
	CodeTargetNameLength, CodeTargetRelative, CodeTargetDoubled, CodeTargetSingleLabel,
	CodeTargetLocalhost, CodeTargetSpecialUse, CodeTargetPrivate, CodeTargetOwner,
	CodeSetNotOfferedMixed, CodeSetDuplicate, CodeWeightZero,
}
