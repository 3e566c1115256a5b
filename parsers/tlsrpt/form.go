package tlsrpt

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Form is the record builder's form for a TLS-RPT record: where senders
// send their reports of failed TLS connections.
var Form = explain.Form{
	Type: Type,
	Fields: []explain.FormField{
		{Name: "rua", Label: "Where reports go", Input: explain.InputList, Ref: "RFC 8460 §3",
			Help:        "A mail address, or an https: URL that accepts reports by POST. Senders send a daily report of the TLS connections to your MX hosts that failed.",
			Placeholder: "tls-reports@example.com"},
	},
	Build: buildTLSRPT,
}

// buildTLSRPT writes the record with each destination as a URI: an
// address becomes mailto:, an https: URL stays; the report-address slot
// when none is given (rua is required).
func buildTLSRPT(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	uris := v.List("rua")
	if len(uris) == 0 {
		uris = []string{explain.SlotText("report-address")}
	}
	for i, u := range uris {
		if !strings.HasPrefix(strings.ToLower(u), "https:") {
			uris[i] = "mailto:" + explain.TrimPrefixFold(u, "mailto:")
		}
	}
	return []string{"v=TLSRPTv1; rua=" + strings.Join(uris, ",")}, nil
}
