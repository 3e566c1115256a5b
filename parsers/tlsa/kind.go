package tlsa

import (
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Kind describes TLSA records for the registry in parsers. The TLSA RR
// type alone makes a record TLSA data. Its name is _<port>._<proto>.<host>:
// OwnerLabels is the protocol label "_tcp" with the port label as its
// "selector", so that parsers.Domain of _25._tcp.mx.example.com. is the
// host, mx.example.com., selector "_25". Explain checks the owner itself
// (ChecksOwner), the port and protocol labels included, so that _udp or
// _465 is explained, not just called the wrong name.
var Kind = explain.Kind{
	Type:          Type,
	Label:         "TLSA",
	Title:         "DANE TLSA record",
	Ref:           "RFC 6698",
	Looks:         "TLSA data is three numbers and hex (3 1 1 followed by a SHA-256 digest)",
	RRTypes:       []uint16{rrtype.TLSA},
	RRTypeImplies: []uint16{rrtype.TLSA},
	RRTypeMeaning: "TLS certificate association (DANE): the certificate or public key the TLS server at the owner name's port and host presents.",
	OwnerLabels:   []string{"_tcp"},
	Selector:      true,
	OwnerRef:      refOwner,
	OwnerMeaning:  ownerMeaning,
	ChecksOwner:   true,
	Detect:        detect,
	Explain:       Explain,
	ExplainSet:    ExplainSet,
}

// ownerMeaning says what an owner _<port>._<proto>.<host> means; "" for
// another name (the generic sentence, and the finding says what is wrong).
func ownerMeaning(fqdn string) string {
	o, ok := ParseOwner(fqdn)
	switch {
	case !ok:
		return ""
	case o.Port == 25 && o.Proto == "tcp":
		return "The name SMTP senders look up before delivering to " + bare(o.Host) + ": _25._tcp. (SMTP's port and protocol) before the MX host's name (RFC 7672 §2.2)."
	}
	return "The TLSA name of " + bare(o.Host) + " for port " + itoa(o.Port) + " over " + o.Proto + " (RFC 6698 §3)."
}

// detect says a bare value resembles TLSA data when it has its shape: three
// small numbers and then data that is mostly hex and holds no dot. An MX
// value ("10 mail.example.com.") has two words; an SRV value ("0 5 993
// imap.example.com.") ends in a host name, with dots.
func detect(v string) explain.Likeness {
	words := strings.Fields(strings.NewReplacer("(", " ", ")", " ").Replace(v))
	if len(words) < 4 {
		return explain.Not
	}
	for _, w := range words[:3] {
		if !ascii.IsDigits(w) || len(w) > 3 {
			return explain.Not
		}
	}
	data := strings.ReplaceAll(strings.Join(words[3:], ""), ":", "") // a fingerprint's colons, which Explain names
	hex := 0
	for i := 0; i < len(data); i++ {
		if hexVal(data[i]) >= 0 {
			hex++
		}
	}
	if strings.Contains(data, ".") || hex < 4 || 4*hex < 3*len(data) {
		return explain.Not
	}
	return explain.Resembles
}
