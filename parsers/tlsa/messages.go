package tlsa

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from
// the finding's Args alone (codes.go documents each code's Args).

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in AllCodes.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeEmpty, Rule: explain.Rule{Severity: explain.Error, Ref: refPresentation, Message: msgEmpty}},
	{Code: CodeFieldsMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refPresentation, Message: msgFieldsMissing}},
	{Code: CodeFieldNumber, Rule: explain.Rule{Severity: explain.Error, Ref: refPresentation, Message: msgFieldNumber}},
	{Code: CodeFieldRange, Rule: explain.Rule{Severity: explain.Error, Ref: refPresentation, Message: msgFieldRange}},
	{Code: CodeUsageUnassigned, Rule: explain.Rule{Severity: explain.Error, Ref: refUsage, Message: msgUsageUnassigned}},
	{Code: CodeUsagePKIX, Rule: explain.Rule{Severity: explain.Error, Ref: refSMTPUsage, Message: msgUsagePKIX}},
	{Code: CodeUsagePrivate, Rule: explain.Rule{Severity: explain.Info, Ref: refPrivUsage, Message: msgPrivate("certificate usage", "PrivCert")}},
	{Code: CodeUsageTA, Rule: explain.Rule{Severity: explain.Info, Ref: refTA, Message: msgUsageTA}},
	{Code: CodeSelectorCert, Rule: explain.Rule{Severity: explain.Info, Ref: refEE, Message: msgSelectorCert}},
	{Code: CodeSelectorUnassigned, Rule: explain.Rule{Severity: explain.Error, Ref: refSelector, Message: msgSelectorUnassigned}},
	{Code: CodeSelectorPrivate, Rule: explain.Rule{Severity: explain.Info, Ref: refPrivSelector, Message: msgPrivate("selector", "PrivSel")}},
	{Code: CodeMatchingUnassigned, Rule: explain.Rule{Severity: explain.Error, Ref: refMatching, Message: msgMatchingUnassigned}},
	{Code: CodeMatchingPrivate, Rule: explain.Rule{Severity: explain.Info, Ref: refPrivMatching, Message: msgPrivate("matching type", "PrivMatch")}},
	{Code: CodeMatchingFull, Rule: explain.Rule{Severity: explain.Warning, Ref: refFull, Message: msgMatchingFull}},
	{Code: CodeDataHex, Rule: explain.Rule{Severity: explain.Error, Ref: refPresentation, Message: msgDataHex}},
	{Code: CodeDataOdd, Rule: explain.Rule{Severity: explain.Error, Ref: refPresentation, Message: msgDataOdd}},
	{Code: CodeDataLength, Rule: explain.Rule{Severity: explain.Error, Ref: refMatching, Message: msgDataLength}},
	{Code: CodeDataDER, Rule: explain.Rule{Severity: explain.Warning, Ref: refDER, Message: msgDataDER}},
	{Code: CodeOwnerLabels, Rule: explain.Rule{Severity: explain.Error, Ref: refOwner, Message: msgOwnerLabels}},
	{Code: CodeOwnerPort, Rule: explain.Rule{Severity: explain.Error, Ref: refOwner, Message: msgOwnerPort}},
	{Code: CodeOwnerProto, Rule: explain.Rule{Severity: explain.Error, Ref: refOwner, Message: msgOwnerProto}},
	{Code: CodeOwnerUDP, Rule: explain.Rule{Severity: explain.Warning, Ref: refSMTPOwner, Message: msgOwnerUDP}},
	{Code: CodeOwnerOtherPort, Rule: explain.Rule{Severity: explain.Info, Ref: refOwner, Message: msgOwnerOtherPort}},
	{Code: CodeSetDuplicate, Rule: explain.Rule{Severity: explain.Warning, Ref: refRRset, Message: msgSetDuplicate}},
})

// fieldName is a numeric field as prose names it.
func fieldName(field string) string {
	switch field {
	case "usage":
		return "certificate usage"
	case "matching_type":
		return "matching type"
	}
	return field
}

func msgEmpty(explain.Args) string {
	return "The record is empty. TLSA data is four fields: certificate usage, selector, matching type and the certificate association data in hex, such as “3 1 1 ” and the 64 hex digits of a SHA-256 digest (RFC 6698 §2.2)."
}

func msgFieldsMissing(a explain.Args) string {
	missing := strings.Split(a["missing"], "\n")
	for i, m := range missing {
		if m == "data" {
			missing[i] = "the certificate association data"
		} else {
			missing[i] = "the " + fieldName(m)
		}
	}
	return "The record has " + a["count"] + " of its four fields; " + strings.Join(missing, ", ") + " " + plural(len(missing), "is", "are") + " missing (RFC 6698 §2.2). Zone software rejects it and clients cannot use it. Write “usage selector matching-type data”, such as “3 1 1 ” and the SHA-256 digest of the server's public key."
}

func msgFieldNumber(a explain.Args) string {
	name := fieldName(a["field"])
	if num, ok := mnemonic(fieldIndex(a["field"]), a["text"]); ok {
		return q(a["text"]) + " is the name of the " + name + " " + num + ", but the record holds the number: each of the first three fields is an 8-bit unsigned integer in decimal (RFC 6698 §2.2), and zone software rejects a name there. Write " + q(num) + "."
	}
	return q(a["text"]) + " is not a number: the " + name + " is an 8-bit unsigned integer written in decimal (RFC 6698 §2.2). Zone software rejects the record."
}

func fieldIndex(field string) int {
	for i, f := range numberFields {
		if f == field {
			return i
		}
	}
	return -1
}

func msgFieldRange(a explain.Args) string {
	return "The " + fieldName(a["field"]) + " " + a["text"] + " is over 255: the field is one byte (RFC 6698 §2.2), so zone software rejects the record."
}

func msgUsageUnassigned(a explain.Args) string {
	return "Certificate usage " + a["usage"] + " is not assigned: only 0–3 (and 255 for private use) are (RFC 6698 §2.1.1, §7.2), and clients treat a record with another usage as unusable. For a mail server write 3 (DANE-EE), or 2 (DANE-TA) for a CA of your own."
}

func msgUsagePKIX(a explain.Args) string {
	name, role, wantName := "PKIX-TA", "CA", "DANE-TA"
	if a["usage"] == "1" {
		name, role, wantName = "PKIX-EE", "server", "DANE-EE"
	}
	port := "SMTP"
	if a["port"] != "" {
		port = "SMTP on port " + a["port"]
	}
	s := "Certificate usage " + a["usage"] + " (" + name + ") is not for " + port + ": a sending server cannot know which public CAs the receiving one trusts, so RFC 7672 §3.1.3 has SMTP clients treat TLSA records with usage 0 or 1 as unusable; if they are all the records there, senders authenticate nothing. " +
		"Write " + a["want"] + " (" + wantName + "): the selector, matching type and data stay as they are, because they, not the usage, say what the data is a digest of (the " + role + "'s certificate or key); " + wantName + " matches the same one without asking for PKIX validation as well."
	if a["usage"] == "0" {
		s += " The server must then send that CA's certificate in its chain (RFC 7671 §5.2), and a public CA as a trust anchor accepts any certificate it issues for the host."
	}
	return s
}

func msgPrivate(what, name string) func(explain.Args) string {
	return func(explain.Args) string {
		return "255 (" + name + ") is the " + what + " reserved for private use (RFC 6698 §7): only clients that share its private meaning can use the record; others treat it as unusable."
	}
}

func msgUsageTA(a explain.Args) string {
	s := "With DANE-TA(2) the server must send the trust anchor's certificate in its TLS chain: clients match the record against the chain the server sends, not against certificates they hold (RFC 7671 §5.2). Renew certificates before they expire, as with any CA; the host's name must be in the server's certificate."
	switch {
	case a["selector"] == "0" && a["matching"] == "0":
		s = "A “2 0 0” record holds the trust anchor's whole certificate, so the server need not send it (RFC 7671 §5.2); renew certificates before they expire, and the host's name must be in the server's certificate."
	case a["selector"] == "1":
		s += " With selector SPKI(1) only the anchor's key is pinned, not its constraints; RFC 7671 §5.2.1 has DANE-TA records use Cert(0)."
	}
	return s
}

func msgSelectorCert(explain.Args) string {
	return "DANE-EE with selector Cert(0) matches the whole certificate, so the record must change, in step with the server, every time the certificate is renewed, even with the same key. RFC 7671 §5.1 recommends “3 1 1”, a digest of the public key alone, which survives renewals that keep the key."
}

func msgSelectorUnassigned(a explain.Args) string {
	return "Selector " + a["selector"] + " is not assigned: only 0 (Cert) and 1 (SPKI), and 255 for private use (RFC 6698 §2.1.2, §7.3); clients treat the record as unusable. Write 1 for a digest of the public key."
}

func msgMatchingUnassigned(a explain.Args) string {
	return "Matching type " + a["matching"] + " is not assigned: only 0 (Full), 1 (SHA2-256) and 2 (SHA2-512), and 255 for private use (RFC 6698 §2.1.3, §7.4); clients treat the record as unusable. Write 1 with a SHA-256 digest."
}

func msgMatchingFull(a explain.Args) string {
	return "Matching type Full(0) puts the whole " + a["bytes"] + "-byte certificate or key in DNS, which RFC 7671 §10.1.2 does not recommend: answers that large are not reliably delivered over UDP, and a rollover publishes two. Publish its SHA-256 digest with matching type 1 instead; the server then sends the certificate in the TLS handshake, where the client checks the digest."
}

func msgDataHex(a explain.Args) string {
	if a["char"] == ":" {
		return "“:” is not a hex digit: the data is hex digits only, with blanks allowed between them (RFC 6698 §2.2), so zone software rejects the record. A fingerprint copied with colons between the bytes is written without them."
	}
	return q(a["char"]) + " is not a hex digit: the certificate association data is hex digits only, with blanks allowed between them (RFC 6698 §2.2), so zone software rejects the record."
}

func msgDataOdd(a explain.Args) string {
	return "The data has " + a["digits"] + " hex digits, an odd number: two digits make a byte, so one is missing or extra (RFC 6698 §2.2) and zone software rejects the record. Copy the digest again."
}

func msgDataLength(a explain.Args) string {
	alg := "SHA2-256"
	if a["matching"] == "2" {
		alg = "SHA2-512"
	}
	return "The data is " + a["bytes"] + " bytes, but matching type " + a["matching"] + " (" + alg + ") is a " + a["want"] + "-byte digest (" + itoa(2*atoi(a["want"])) + " hex digits, RFC 6698 §2.1.3): no digest a client computes equals it, so the record matches no server. Copy the whole digest, or check the matching type (1 for SHA-256, 2 for SHA-512)."
}

func msgDataDER(a explain.Args) string {
	var why string
	switch a["problem"] {
	case "tag":
		why = "it does not start with 30, the DER tag of a SEQUENCE"
	case "length":
		why = "the length after its first byte is not a DER length"
	case "short":
		why = "its header says " + a["declared"] + " bytes follow, more than the " + a["bytes"] + " there are: it was cut off"
	default:
		why = "its header says " + a["declared"] + " bytes follow, and more bytes come after them"
	}
	return "With matching type Full(0) the data is a DER certificate or SubjectPublicKeyInfo, each one ASN.1 SEQUENCE (RFC 5280 §4.1), but " + why + ". No server's certificate will match it; copy it again from the certificate."
}

func msgOwnerLabels(a explain.Args) string {
	return "A TLSA record is looked up at _<port>._<protocol>.<host> (RFC 6698 §3), such as _25._tcp.mx.example.com for SMTP to mx.example.com (RFC 7672 §2.2); at " + bare(a["owner"]) + " no client reads it. Publish it under the port and protocol labels of the server's name."
}

func msgOwnerPort(a explain.Args) string {
	switch l := strings.ToLower(a["label"]); {
	case l == "_tcp" || l == "_udp" || l == "_sctp":
		return "The name starts with " + a["label"] + " but has no port label before it: TLSA names are _<port>._<protocol>.<host> (RFC 6698 §3), such as _25._tcp.mx.example.com for SMTP. Add “_25.” in front."
	case !strings.HasPrefix(l, "_"):
		return q(a["label"]) + " is not a port label: the first label of a TLSA name is “_” and the port in decimal, such as _25 (RFC 6698 §3); without the underscore clients never look there."
	}
	return q(a["label"]) + " is not “_” and a port number (0–65535, in decimal with no leading zeros, RFC 6698 §3), so no client looks the record up there. SMTP uses _25."
}

func msgOwnerProto(a explain.Args) string {
	return q(a["label"]) + " is not a protocol label: the second label of a TLSA name is _tcp, _udp or _sctp (RFC 6698 §3); SMTP is _25._tcp.<host>."
}

func msgOwnerUDP(a explain.Args) string {
	return "SMTP runs over TCP, and senders look for TLSA records at _25._tcp.<host> (RFC 7672 §2.2), never under _" + a["proto"] + ": this record is not read. Publish it at _25._tcp."
}

func msgOwnerOtherPort(a explain.Args) string {
	s := "This record is for port " + a["port"] + ", not SMTP's 25: clients of that service apply RFC 6698 and RFC 7671's rules, not RFC 7672's for mail between servers (which look only at _25._tcp.<MX host>)."
	switch a["port"] {
	case "465", "587":
		s += " Port " + a["port"] + " is mail submission (RFC 8314), where RFC 7671's general rules apply and the PKIX usages 0 and 1 are allowed."
	}
	return s
}

func msgSetDuplicate(a explain.Args) string {
	return "The same record as number " + a["first"] + " at this name. An RRset holds each record once (RFC 2181 §5), so DNS servers keep one; several different TLSA records are normal during a key rollover (RFC 7671 §8.1), but this one adds nothing. Delete it."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
