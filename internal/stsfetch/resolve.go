package stsfetch

import (
	"context"
	"net/netip"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
)

// CheckResolved asks r for the A and AAAA records of host and returns an
// Error of kind "refused" when one of its addresses is not public
// (CheckAddr), or of kind "transport" when a query fails or host has no
// address. It is for a fetcher that cannot see the address it connects to
// (the Worker's: the Workers runtime's fetch resolves the name again, so a
// name that changes its answers between the two — DNS rebinding — is not
// caught here; the native Fetcher checks the address it dials instead).
func CheckResolved(ctx context.Context, r doh.Resolver, host string) error {
	qtypes := []uint16{dns.TypeA, dns.TypeAAAA}
	results := make([]*doh.Result, len(qtypes))
	errs := make([]error, len(qtypes))
	var wg sync.WaitGroup
	for i, qt := range qtypes {
		wg.Go(func() { results[i], errs[i] = r.Query(ctx, host, qt) })
	}
	wg.Wait()
	n := 0
	for i, res := range results {
		if errs[i] != nil {
			return newError(KindTransport, errs[i], "%s: cannot check its %s addresses", host, dns.TypeToString[qtypes[i]])
		}
		for _, rr := range res.Answer {
			var a netip.Addr
			switch rr := rr.(type) {
			case *dns.A:
				a, _ = netip.AddrFromSlice(rr.A.To4())
			case *dns.AAAA:
				a, _ = netip.AddrFromSlice(rr.AAAA)
			default:
				continue
			}
			if why := notPublicAddr(a, false); why != "" {
				return newError(KindRefused, nil, "%s resolves to %s, %s", host, a, why)
			}
			n++
		}
	}
	if n == 0 {
		return newError(KindTransport, nil, "%s has no address (no A or AAAA record)", host)
	}
	return nil
}
