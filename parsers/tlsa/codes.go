package tlsa

import "github.com/mxplain/mxplain/parsers/explain"

// Finding codes. Each is stable; the comment says when it fires and which
// Args it carries (values are text, lists one item a line), and the fix its
// findings carry (explain.Fix), or why none. Explain keeps a fix only when
// it clears its finding and adds no error (explain.KeepFixes). Severity,
// section and message come from the rules of messages.go.
const (
	// CodeEmpty (error): the value is empty or only blanks.
	// Fix: none: what to publish is the owner's.
	CodeEmpty = "tlsa.empty"
	// CodeFieldsMissing (error): fewer than the four fields of RFC 6698
	// §2.2. Args: count, the words read; missing, the fields not there
	// ("matching_type", "data"), one a line.
	// Fix: none: the digest is the server's, which no edit computes.
	CodeFieldsMissing = "tlsa.fields.missing"
	// CodeFieldNumber (error): a usage, selector or matching type that is
	// not a decimal number. Args: field ("usage", "selector",
	// "matching_type"), text.
	// Fix: the number of an RFC 7218 acronym written in its place ("DANE-EE" → "3", "SPKI" → "1", "SHA-256" → "1"); none for another word.
	CodeFieldNumber = "tlsa.field.number"
	// CodeFieldRange (error): a usage, selector or matching type over 255,
	// which its one byte cannot hold. Args: field, text.
	// Fix: none: which value was meant is unknown.
	CodeFieldRange = "tlsa.field.range"

	// CodeUsageUnassigned (error): a certificate usage of 4–254, which no
	// client knows. Args: usage.
	// Fix: none: which usage was meant is unknown.
	CodeUsageUnassigned = "tlsa.usage.unassigned"
	// CodeUsagePKIX (error): PKIX-TA(0) or PKIX-EE(1) for SMTP (port 25, or
	// no owner given): SMTP clients treat these as unusable (RFC 7672
	// §3.1.3). Args: usage, want (the DANE usage of the same role), port
	// (when the owner gave one).
	// Fix: the usage becomes DANE-TA(2) for PKIX-TA(0) and DANE-EE(3) for PKIX-EE(1); the data stays, since the selector and matching type, not the usage, say what it is a digest of.
	CodeUsagePKIX = "tlsa.usage.pkix"
	// CodeUsagePrivate (info): PrivCert(255), for private use (RFC 6698
	// §7.2): only clients that share the private meaning use it.
	// Fix: none: nothing is wrong for those who agreed on it.
	CodeUsagePrivate = "tlsa.usage.private"
	// CodeUsageTA (info): DANE-TA(2): the server must send the trust
	// anchor's certificate in its chain (RFC 7671 §5.2). Args: selector,
	// matching (as written).
	// Fix: none: the chain is the server's configuration, not the record.
	CodeUsageTA = "tlsa.usage.dane_ta"
	// CodeSelectorCert (info): DANE-EE(3) with Cert(0): the record changes
	// with every certificate, even one renewed with the same key; SPKI(1)
	// is the recommended form (RFC 7671 §5.1).
	// Fix: for "3 0 0" with a whole certificate in the data, "1 1" and the SHA-256 of the certificate's SubjectPublicKeyInfo in place of the selector, matching type and data (the key the certificate holds, so the same server matches); none for a digest, which no edit turns back into the key.
	CodeSelectorCert = "tlsa.selector.cert"
	// CodeSelectorUnassigned (error): a selector other than 0, 1 and 255.
	// Args: selector.
	// Fix: none: which selector was meant is unknown.
	CodeSelectorUnassigned = "tlsa.selector.unassigned"
	// CodeSelectorPrivate (info): PrivSel(255) (RFC 6698 §7.3).
	// Fix: none: nothing is wrong for those who agreed on it.
	CodeSelectorPrivate = "tlsa.selector.private"
	// CodeMatchingUnassigned (error): a matching type other than 0, 1, 2
	// and 255. Args: matching.
	// Fix: none: which type was meant is unknown.
	CodeMatchingUnassigned = "tlsa.matching.unassigned"
	// CodeMatchingPrivate (info): PrivMatch(255) (RFC 6698 §7.4).
	// Fix: none: nothing is wrong for those who agreed on it.
	CodeMatchingPrivate = "tlsa.matching.private"
	// CodeMatchingFull (warning): Full(0), the whole certificate or key in
	// the record: NOT RECOMMENDED (RFC 7671 §10.1.2), too large for DNS
	// over UDP. Args: bytes, the data's length.
	// Fix: "1" and the SHA-256 of the data in place of the matching type and the data, when the data is a well-formed DER SEQUENCE (a digest of the same bytes matches the same certificate or key).
	CodeMatchingFull = "tlsa.matching.full"

	// CodeDataHex (error): a character in the association data that is no
	// hex digit (RFC 6698 §2.2); its span is that character. Args: char.
	// Fix: delete the colons, when colons are all that is not hex ("AB:CD:…", as openssl prints a fingerprint); none otherwise.
	CodeDataHex = "tlsa.data.hex"
	// CodeDataOdd (error): an odd number of hex digits, which no bytes
	// are. Args: digits.
	// Fix: none: which digit is missing or extra is unknown.
	CodeDataOdd = "tlsa.data.odd"
	// CodeDataLength (error): a digest of the wrong length for its
	// matching type (32 bytes for SHA2-256, 64 for SHA2-512, RFC 6698
	// §2.1.3). Args: bytes, want, matching.
	// Fix: none: the digest is computed from the server's certificate, which the record does not hold.
	CodeDataLength = "tlsa.data.length"
	// CodeDataDER (warning): Full(0) data that is not one DER SEQUENCE
	// spanning it (a certificate or SubjectPublicKeyInfo is, RFC 5280
	// §4.1). Args: problem ("tag", "length", "short", "long"), bytes,
	// declared (the length its header says, when read).
	// Fix: none: what was cut off or added is unknown.
	CodeDataDER = "tlsa.data.der"

	// CodeOwnerLabels (error): the owner does not start with the port and
	// protocol labels of RFC 6698 §3 before a host name. Args: owner.
	// Fix: none: the value may be right and its name is what is wrong, which no edit of the value corrects.
	CodeOwnerLabels = "tlsa.owner.labels"
	// CodeOwnerPort (error): the first label is not "_" and a port number
	// (0–65535, no leading zeros). Args: owner, label.
	// Fix: none: the name is not in the value.
	CodeOwnerPort = "tlsa.owner.port"
	// CodeOwnerProto (error): the second label is not _tcp, _udp or
	// _sctp. Args: owner, label.
	// Fix: none: the name is not in the value.
	CodeOwnerProto = "tlsa.owner.proto"
	// CodeOwnerUDP (warning): a TLSA record for port 25 over _udp or
	// _sctp: SMTP runs over TCP, and senders look at _25._tcp (RFC 7672
	// §2.2). Args: owner, proto.
	// Fix: none: the name is not in the value.
	CodeOwnerUDP = "tlsa.owner.not_tcp"
	// CodeOwnerOtherPort (info): a port other than 25: DANE for that
	// service under RFC 7671's general rules, not SMTP's of RFC 7672.
	// Args: port, host.
	// Fix: none: nothing is wrong.
	CodeOwnerOtherPort = "tlsa.owner.other_port"

	// CodeSetDuplicate (warning): the same usage, selector, matching type
	// and data as an earlier record at the name: one RRset holds no
	// duplicates (RFC 2181 §5), so servers keep one. On the later record.
	// Args: first, the 1-based place of the earlier record.
	// Fix: none: the record is to be deleted, which no edit of its value does.
	CodeSetDuplicate = "tlsa.set.duplicate"
)

// Sections cited.
const (
	refUsage        = "RFC 6698 §2.1.1"
	refSelector     = "RFC 6698 §2.1.2"
	refMatching     = "RFC 6698 §2.1.3"
	refData         = "RFC 6698 §2.1.4"
	refPresentation = "RFC 6698 §2.2"
	refOwner        = "RFC 6698 §3"
	refPrivUsage    = "RFC 6698 §7.2"
	refPrivSelector = "RFC 6698 §7.3"
	refPrivMatching = "RFC 6698 §7.4"
	refEE           = "RFC 7671 §5.1"
	refTA           = "RFC 7671 §5.2"
	refRollover     = "RFC 7671 §8.1"
	refFull         = "RFC 7671 §10.1.2"
	refSMTPOwner    = "RFC 7672 §2.2"
	refSMTPEE       = "RFC 7672 §3.1.1"
	refSMTPTA       = "RFC 7672 §3.1.2"
	refSMTPUsage    = "RFC 7672 §3.1.3"
	refDER          = "RFC 5280 §4.1"
	refRRset        = "RFC 2181 §5"
)

// AllCodes lists every finding code this package can produce.
var AllCodes = []string{
	CodeEmpty, CodeFieldsMissing, CodeFieldNumber, CodeFieldRange,
	CodeUsageUnassigned, CodeUsagePKIX, CodeUsagePrivate, CodeUsageTA,
	CodeSelectorCert, CodeSelectorUnassigned, CodeSelectorPrivate,
	CodeMatchingUnassigned, CodeMatchingPrivate, CodeMatchingFull,
	CodeDataHex, CodeDataOdd, CodeDataLength, CodeDataDER,
	CodeOwnerLabels, CodeOwnerPort, CodeOwnerProto, CodeOwnerUDP, CodeOwnerOtherPort,
	CodeSetDuplicate,
}

// finding builds a finding from its code, span and Args by the code's
// rule (messages.go).
func finding(code string, span explain.Span, args explain.Args) explain.Finding {
	return rules.Finding(code, span, args)
}
