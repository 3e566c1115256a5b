package parsers

import (
	"errors"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/parsers/bimi"
	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mtasts"
	"github.com/mxplain/mxplain/parsers/mx"
	"github.com/mxplain/mxplain/parsers/spf"
	"github.com/mxplain/mxplain/parsers/srv"
	"github.com/mxplain/mxplain/parsers/tlsa"
	"github.com/mxplain/mxplain/parsers/tlsrpt"
)

// kinds are the kinds of record mxplain explains, in the order front ends
// list them. Detection tries them in this order too (see detect). A new
// kind is one line here.
var kinds = []*explain.Kind{
	&mx.Kind,
	&spf.RecordKind,
	&dkim.Kind,
	&dmarc.Kind,
	&mtasts.RecordKind, &mtasts.PolicyKind,
	&tlsrpt.Kind,
	&bimi.Kind,
	&tlsa.Kind,
	&srv.Kind,
}

// Kinds returns the kinds of record mxplain explains, in the order front
// ends list them: detection, zone handling, every front end's type names
// and the engine's list of types come from it. The slice is a copy; the
// kinds are shared and must not be changed.
func Kinds() []*explain.Kind { return append([]*explain.Kind(nil), kinds...) }

// KindOf returns the kind of type t, or nil when t names none ("unknown",
// "other", or a type mxplain does not explain).
func KindOf(t explain.Type) *explain.Kind {
	for _, k := range kinds {
		if k.Type == t {
			return k
		}
	}
	return nil
}

// TypeNames are the names of the kinds' types, in the order of Kinds.
func TypeNames() []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k.Type)
	}
	return names
}

// ParseType reads the name of a kind's type, in any case ("SPF", "dmarc",
// "mta-sts-policy"), as every front end's --type or type= gives it: the
// names TypeNames lists, which the CLI completes and the API documents;
// a label ("MTA-STS policy") is for people, not a name. The error names
// the valid ones.
func ParseType(s string) (explain.Type, error) {
	for _, k := range kinds {
		if strings.EqualFold(s, string(k.Type)) {
			return k.Type, nil
		}
	}
	return "", errors.New("parsers: type " + strconv.Quote(s) + " is not one of " + strings.Join(TypeNames(), ", "))
}

// Domain returns the mail domain a record of kind k published at owner is
// for, and its selector when k has one: the owner itself for a kind
// without owner labels (MX, SPF), else the name after them
// ("_dmarc.example.com." is for "example.com.", "s1._domainkey.example.com."
// is selector "s1" of it). ok is false when owner is no name of k (a DKIM
// key outside _domainkey).
func Domain(k *explain.Kind, owner string) (domain, selector string, ok bool) {
	if len(k.OwnerLabels) == 0 {
		return owner, "", true
	}
	labels := dnsname.SplitDomainName(owner)
	i, ok := ownerAt(k, labels)
	if !ok {
		return "", "", false
	}
	domain = strings.Join(labels[i+len(k.OwnerLabels):], ".")
	if domain != "" && dnsname.IsFqdn(owner) {
		domain += "."
	}
	return domain, strings.Join(labels[:i], "."), true
}
