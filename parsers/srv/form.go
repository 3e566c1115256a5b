package srv

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Form is the record builder's form for one mail client service. The
// builder's own selector box is the service label before "._tcp"
// (Kind.Selector), starting at "_submissions"; the port defaults to that
// service's.
var Form = explain.Form{
	Type: explain.TypeSRV,
	Fields: []explain.FormField{
		{Name: "host", Label: "Server host name", Input: explain.InputText, Ref: refSRV,
			Help:        "The host clients connect to (never an address); its TLS certificate must name it. The service label goes in the Service box: _submissions, _submission, _imaps, _imap, _pop3s, _pop3 or _autodiscover.",
			Placeholder: "mail.example.com"},
		{Name: "port", Label: "Port", Input: explain.InputNumber, Ref: "RFC 8314 §7",
			Help: "Empty: the service's standard port (465 _submissions, 587 _submission, 993 _imaps, 143 _imap, 995 _pop3s, 110 _pop3, 443 _autodiscover)."},
		{Name: "priority", Label: "Priority", Input: explain.InputNumber, Ref: refPriority, Default: "0",
			Help: "Lower is tried first; across services, the lower one is the domain's preferred (RFC 6186 §3.4)."},
		{Name: "weight", Label: "Weight", Input: explain.InputNumber, Ref: refSRV, Default: "1",
			Help: "Shares connections among records of the same priority, in proportion."},
		{Name: "none", Label: "This service is not offered", Input: explain.InputFlag, Ref: refNotOffered,
			Help: "Publishes “0 0 0 .”: clients then do not try the service at this domain."},
	},
	Build:               buildSRV,
	SelectorDefault:     "_submissions",
	SelectorLabel:       "Service",
	SelectorPlaceholder: "_imaps",
}

// buildSRV writes the one SRV value the form says; the host slot when no
// host is given. A host or number that cannot be used is left out, with
// an error.
func buildSRV(v explain.FormValues, _ string) ([]string, []explain.FieldError) {
	if v.On("none") {
		return []string{"0 0 0 ."}, nil
	}
	var errs []explain.FieldError
	num := func(name, def string) string {
		s := v.Get(name)
		if s == "" {
			return def
		}
		if _, err := strconv.ParseUint(s, 10, 16); err != nil {
			errs = append(errs, explain.FieldError{Field: name, Message: strconv.Quote(s) + " is not a number from 0 to 65535 (RFC 2782)."})
			return def
		}
		return s
	}
	// The port defaults to the service's; for a service whose port is
	// unknown (and there is no slot for one), it must be given.
	port := "0"
	switch k := LookupService(strings.TrimPrefix(v.Get("selector"), "_")); {
	case v.Get("port") != "":
		port = num("port", port)
	case k != nil:
		port = itoa(int(k.Port))
	default:
		errs = append(errs, explain.FieldError{Field: "port", Message: "Give the port: the service " + strconv.Quote(v.Get("selector")) + " is none whose standard port mxplain knows."})
	}
	host := v.Get("host")
	if bad := strings.IndexAny(host, " ;()\"\\@/:"); bad >= 0 || host == "" {
		if host != "" {
			errs = append(errs, explain.FieldError{Field: "host", Message: strconv.Quote(host) + " is not a host name: an SRV record names a host such as mail.example.com (RFC 2782)."})
		}
		host = explain.SlotText("host")
	}
	if !strings.HasSuffix(host, ".") {
		host += "."
	}
	return []string{num("priority", "0") + " " + num("weight", "1") + " " + port + " " + host}, errs
}
