package inspect_test

import (
	"context"
	"strings"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
)

// validating stands for a validating resolver in front of the zone
// server, which never sets AD: answers whose names (the name asked and
// every CNAME target) are all in a signed zone carry AD, and every answer
// from a bogus zone is SERVFAIL but its DS (the parent's), as a
// validating resolver answers. The real thing, Knot signed zones behind
// Unbound, is tested in e2e/realdns; this is for the report's logic on
// each AD combination.
type validating struct {
	c      *doh.Client
	signed []string // apexes, fully qualified
	bogus  []string
}

func (v validating) Queries() int { return v.c.Queries() }

func (v validating) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	if qtype != dns.TypeDS && under(name, v.bogus) {
		return nil, &doh.Error{Kind: doh.ErrRcode, Name: name, Type: qtype, Rcode: dns.RcodeServerFailure}
	}
	res, err := v.c.Query(ctx, name, qtype)
	if err != nil {
		return res, err
	}
	cp := *res // the client's answers are shared: never change one
	cp.AD = under(name, v.signed)
	for _, n := range res.CNAMEs() {
		cp.AD = cp.AD && under(n, v.signed)
	}
	return &cp, nil
}

// under reports whether name is one of apexes or below one.
func under(name string, apexes []string) bool {
	name = strings.ToLower(dns.Fqdn(name))
	for _, a := range apexes {
		if dns.IsSubDomain(a, name) {
			return true
		}
	}
	return false
}
