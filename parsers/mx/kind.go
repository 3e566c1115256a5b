package mx

import (
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Kind describes MX records for the registry in parsers: the MX RR type
// alone makes a record MX data, and the MX records of one name are
// explained together, as one delivery order.
var Kind = explain.Kind{
	Type:          explain.TypeMX,
	Label:         "MX",
	Title:         "Mail exchangers",
	Ref:           "RFC 5321",
	Looks:         "MX data is a preference and a host name (10 mail.example.com.)",
	RRTypes:       []uint16{rrtype.MX},
	RRTypeImplies: []uint16{rrtype.MX},
	RRTypeMeaning: "Mail exchanger: a host that accepts mail for the owner name, with a preference.",
	OwnerRef:      "RFC 5321 §5.1",
	OwnerMeaning: func(fqdn string) string {
		owner := strings.TrimSuffix(fqdn, ".")
		return "Published at " + owner + ": where mail addressed to …@" + owner + " is delivered."
	},
	Detect:     detect,
	Explain:    Explain,
	ExplainSet: ExplainSet,
}

// detect says a bare value resembles MX data when it has its shape: a
// preference, blanks, and one more word ("10 mail.example.com."), or the
// two swapped ("mail.example.com. 10"), which Explain names as a mistake.
func detect(v string) explain.Likeness {
	words := strings.Fields(v)
	if len(words) == 2 && (ascii.IsDigits(words[0]) ||
		ascii.IsDigits(words[1]) && strings.Contains(words[0], ".")) {
		return explain.Resembles
	}
	return explain.Not
}
