package inspect

import (
	"context"
	"fmt"
	"net/netip"
	"sort"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mx"
)

// MX is where the domain's mail goes (RFC 5321 §5.1).
type MX struct {
	Name string `json:"name"` // the name queried, fully qualified
	// Alias is the CNAME chain when the domain itself is an alias; senders
	// use the name it ends at (RFC 5321 §5.1).
	Alias   []string         `json:"alias,omitempty"`
	Records []explain.Record `json:"records"` // each MX record, explained as one set
	// Hosts are the exchanges in delivery order (lowest preference first)
	// with their addresses; for an implicit MX, the domain itself.
	Hosts    []MXHost `json:"hosts"`
	NullMX   bool     `json:"null_mx"`  // "0 .": the domain accepts no mail (RFC 7505)
	Implicit bool     `json:"implicit"` // no MX records: the domain's own addresses receive (RFC 5321 §5.1)
	NXDomain bool     `json:"nxdomain"` // the domain does not exist
	// Unresolved is the number of exchanges past the maxExchanges most
	// preferred ones: they are not in Hosts and were not looked up.
	Unresolved int       `json:"unresolved,omitempty"`
	Error      *DNSError `json:"error,omitempty"`
}

// MXHost is one exchange and what its name resolves to.
type MXHost struct {
	Preference int          `json:"preference"`
	Exchange   string       `json:"exchange"`  // fully qualified, in canonical form (doh.CanonicalName)
	Addresses  []netip.Addr `json:"addresses"` // A then AAAA, each sorted (doh.Result.Records)
	// Alias is the CNAME chain when the exchange is an alias (RFC 2181
	// §10.3 forbids it).
	Alias    []string   `json:"alias,omitempty"`
	NXDomain bool       `json:"nxdomain"`
	Implicit bool       `json:"implicit,omitempty"` // the domain itself, for lack of MX records
	Errors   []DNSError `json:"errors"`
}

// mxPart is the MX records of the domain and the addresses of their
// exchanges.
var mxPart = part{
	verdict: mxVerdict,
	name:    "mx", label: "MX", title: "Mail exchangers", section: "mx",
	atOnce: func(*lookup) int { return 1 },
	start: func(l *lookup) func(*Report) {
		mx := lookupMX(l.ctx, l.r, l.domain)
		return func(rep *Report) { rep.MX = mx; rep.NXDomain = mx.NXDomain }
	},
	errors: func(r *Report) []DNSError {
		var errs []DNSError
		if r.MX.Error != nil {
			errs = append(errs, *r.MX.Error)
		}
		for _, h := range r.MX.Hosts {
			errs = append(errs, h.Errors...)
		}
		if r.MX.Unresolved > 0 {
			errs = append(errs, DNSError{Part: "mx", Name: r.MX.Name, Type: "MX", Kind: "limit",
				Message: fmt.Sprintf("inspect: %d of the %d MX exchanges of %s were not looked up: a report resolves the %d most preferred", r.MX.Unresolved, r.MX.Unresolved+len(r.MX.Hosts), r.MX.Name, maxExchanges)})
		}
		return errs
	},
	records: func(r *Report) []explain.Record { return r.MX.Records },
}

// maxExchanges bounds the exchanges resolved: senders use no more
// (mx.MaxUseful) and each costs two queries.
const maxExchanges = mx.MaxUseful

// exchanges reads an MX answer (not NXDOMAIN): the exchanges in delivery
// order, lowest preference first and each once (the domain itself, marked
// implicit, when there is no MX record), the records' values as written
// ("10 mail.example.com."), and whether one is a null MX ("0 ."), which
// is no exchange.
func exchanges(res *doh.Result) (hosts []MXHost, values []string, null bool) {
	hosts = []MXHost{}
	for _, rr := range res.Records() {
		if m, ok := rr.(*dns.MX); ok {
			values = append(values, fmt.Sprintf("%d %s", m.Preference, m.Mx))
			if m.Mx == "." {
				null = true
				continue
			}
			hosts = append(hosts, MXHost{Preference: int(m.Preference), Exchange: canonicalName(m.Mx)})
		}
	}
	if len(values) == 0 {
		return []MXHost{{Exchange: canonicalName(res.Target()), Implicit: true}}, nil, false
	}
	sort.SliceStable(hosts, func(i, j int) bool { return hosts[i].Preference < hosts[j].Preference })
	return dedupeHosts(hosts), values, null
}

func lookupMX(ctx context.Context, r doh.Resolver, name string) MX {
	fqdn := dns.Fqdn(name)
	out := MX{Name: fqdn, Records: []explain.Record{}, Hosts: []MXHost{}}
	res, err := r.Query(ctx, fqdn, dns.TypeMX)
	if err != nil {
		out.Error = dnsError("mx", fqdn, dns.TypeMX, err)
		return out
	}
	if res.NXDomain() {
		out.NXDomain = true
		return out
	}
	out.Alias = res.CNAMEs()
	var values []string
	out.Hosts, values, out.NullMX = exchanges(res)
	if len(values) > 0 {
		ctx := explain.Context{Owner: fqdn}
		out.Records = mx.ExplainSet(values, ctx)
		for i := range out.Records {
			mx.Kind.Propose(&out.Records[i], ctx)
			ttl := res.TTL
			out.Records[i].TTL = &ttl
			out.Records[i].RRType = "MX"
		}
	} else {
		out.Implicit = true
	}
	if len(out.Hosts) > maxExchanges {
		out.Unresolved = len(out.Hosts) - maxExchanges
		out.Hosts = out.Hosts[:maxExchanges]
	}
	var wg sync.WaitGroup
	for i := range out.Hosts {
		wg.Add(1)
		go func(h *MXHost) {
			defer wg.Done()
			resolveHost(ctx, r, h)
		}(&out.Hosts[i])
	}
	wg.Wait()
	return out
}

func dedupeHosts(hs []MXHost) []MXHost {
	seen := map[string]bool{}
	out := hs[:0]
	for _, h := range hs {
		if !seen[h.Exchange] {
			seen[h.Exchange] = true
			out = append(out, h)
		}
	}
	return out
}

// resolveHost asks for the exchange's A and AAAA records at the same time.
func resolveHost(ctx context.Context, r doh.Resolver, h *MXHost) {
	a := resolveAddresses(ctx, r, "mx", h.Exchange)
	h.Addresses, h.Alias, h.NXDomain, h.Errors = a.Addresses, a.Alias, a.NXDomain, a.Errors
}

// addresses is what a host name resolves to.
type addresses struct {
	Addresses []netip.Addr // A then AAAA, each sorted (doh.Result.Records)
	Alias     []string     // the CNAME chain, when the name is an alias
	NXDomain  bool         // the name does not exist (and no address came)
	Errors    []DNSError   // the failed queries, of part
}

// resolveAddresses asks for name's A and AAAA records at the same time,
// for part.
func resolveAddresses(ctx context.Context, r doh.Resolver, part, name string) addresses {
	types := []uint16{dns.TypeA, dns.TypeAAAA}
	results := make([]*doh.Result, len(types))
	errs := make([]error, len(types))
	var wg sync.WaitGroup
	for i, t := range types {
		wg.Go(func() { results[i], errs[i] = r.Query(ctx, name, t) })
	}
	wg.Wait()
	out := addresses{Addresses: []netip.Addr{}, Errors: []DNSError{}}
	nx := 0
	for i, res := range results {
		if errs[i] != nil {
			out.Errors = append(out.Errors, *dnsError(part, name, types[i], errs[i]))
			continue
		}
		if res.NXDomain() {
			nx++
		}
		if c := res.CNAMEs(); len(c) > 0 && out.Alias == nil {
			out.Alias = c
		}
		for _, rr := range res.Records() {
			switch a := rr.(type) {
			case *dns.A:
				if ip, ok := netip.AddrFromSlice(a.A.To4()); ok {
					out.Addresses = append(out.Addresses, ip)
				}
			case *dns.AAAA:
				if ip, ok := netip.AddrFromSlice(a.AAAA); ok {
					out.Addresses = append(out.Addresses, ip)
				}
			}
		}
	}
	out.NXDomain = nx > 0 && len(out.Addresses) == 0
	return out
}

// usable reports whether senders can connect to the host: it has an
// address.
func (h MXHost) usable() bool { return len(h.Addresses) > 0 }
