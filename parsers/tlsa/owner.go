package tlsa

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/dnsname"
)

// Owner is a TLSA record's name read as RFC 6698 §3 builds it:
// _<port>._<proto>.<host>.
type Owner struct {
	// Port is the port the record is for (25 for SMTP, RFC 7672 §2.2), -1
	// when the first label is no _<port>.
	Port int
	// Proto is the protocol label without its "_" ("tcp"), "" when there
	// is none.
	Proto string
	// Host is the name of the server, with its trailing dot when the owner
	// has one ("mx.example.com."); "" when the owner is not a TLSA name.
	Host string
}

// ownerCheck is what is wrong with an owner name, as a finding code and
// the label it is about; code "" when nothing is.
type ownerCheck struct {
	code, label string
}

// ParseOwner reads owner ("_25._tcp.mx.example.com."). ok is false when
// owner does not have the two prefix labels of RFC 6698 §3 before a host
// name; Port is then -1 when the port label was not read.
func ParseOwner(owner string) (o Owner, ok bool) {
	o, c := readOwner(owner)
	return o, c.code == ""
}

func readOwner(owner string) (Owner, ownerCheck) {
	o := Owner{Port: -1}
	labels := dnsname.SplitDomainName(owner)
	if len(labels) < 3 || !strings.HasPrefix(labels[0], "_") && !strings.HasPrefix(labels[1], "_") {
		return o, ownerCheck{CodeOwnerLabels, ""}
	}
	o.Host = strings.Join(labels[2:], ".")
	if dnsname.IsFqdn(owner) {
		o.Host += "."
	}
	port, proto := labels[0], labels[1]
	// The port in decimal, "with no leading zeros" (RFC 6698 §3).
	digits, under := strings.CutPrefix(port, "_")
	p, err := strconv.ParseUint(digits, 10, 16)
	if !under || err != nil || !ascii.IsDigits(digits) || digits[0] == '0' && len(digits) > 1 {
		return o, ownerCheck{CodeOwnerPort, port}
	}
	o.Port = int(p)
	switch p := strings.ToLower(proto); p {
	case "_tcp", "_udp", "_sctp":
		o.Proto = p[1:]
	default:
		return o, ownerCheck{CodeOwnerProto, proto}
	}
	return o, ownerCheck{}
}
