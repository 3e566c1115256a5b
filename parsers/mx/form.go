package mx

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Form is the record builder's form for a domain's MX records: its mail
// servers in the order senders try them, or a null MX.
var Form = explain.Form{
	Type: explain.TypeMX,
	Fields: []explain.FormField{
		{Name: "host", Label: "Mail servers, first tried first", Input: explain.InputList, Ref: "RFC 5321 §5.1",
			Help:        "A host name each (never an address), optionally after its preference: \"10 mx1.example.com\". Without one, they get 10, 20, … in the order written; hosts of equal preference share the load.",
			Placeholder: "10 mail.example.com"},
		{Name: "null", Label: "This domain receives no mail (null MX)", Input: explain.InputFlag, Ref: "RFC 7505 §3",
			Help: "Publishes \"0 .\": senders give up at once instead of trying the domain's own address. The hosts above are then not published."},
	},
	Build: buildMX,
}

// buildMX writes one MX value per host, fully qualified; "0 ." alone for
// a null MX; the host slot when no host is given. A host with a character
// no host name has (a blank, ";", a quote) is left out, with an error.
func buildMX(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	if v.On("null") {
		return []string{"0 ."}, nil
	}
	var out []string
	var errs []explain.FieldError
	for i, h := range v.List("host") {
		pref := strconv.Itoa(10 * (i + 1))
		if p, name, ok := strings.Cut(h, " "); ok && isNumber(p) {
			pref, h = p, strings.TrimSpace(name)
		}
		if bad := strings.IndexAny(h, " ;()\"\\@/:"); bad >= 0 || h == "" {
			errs = append(errs, explain.FieldError{Field: "host", Message: strconv.Quote(h) + " is not a host name: an MX record names a host such as mail.example.com, after an optional preference (RFC 5321 §5.1)."})
			continue
		}
		if !strings.HasSuffix(h, ".") {
			h += "."
		}
		out = append(out, pref+" "+h)
	}
	if len(out) == 0 {
		out = []string{"10 " + explain.SlotText("host") + "."}
	}
	return out, errs
}

func isNumber(s string) bool {
	_, err := strconv.ParseUint(s, 10, 16)
	return err == nil
}
