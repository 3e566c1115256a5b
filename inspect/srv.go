package inspect

import (
	"cmp"
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/srv"
)

// Finding codes of the SRV part (see codes.go for the others).
const (
	// CodeSRVNone (info): no SRV record for any mail client service: a
	// client set up from the address alone cannot find the servers (RFC
	// 6186 §3), and its user types them in.
	CodeSRVNone = "report.srv.none"
	// CodeSRVTargetNoAddress (warning): an offered service's target has no
	// A or AAAA record (or does not exist): clients cannot connect to it.
	CodeSRVTargetNoAddress = "report.srv.target_no_address"
	// CodeSRVForeignTarget (info): a target outside the domain, named by
	// SRV answers that were not DNSSEC-validated: clients should ask the
	// user before they connect to it (RFC 8314 §5.1). Once per target;
	// Args "services" lists the services naming it.
	CodeSRVForeignTarget = "report.srv.foreign_target"
	// CodeSRVNoImplicitTLS (warning): submission (or mailbox access) is
	// announced only with STARTTLS: RFC 8314 §3.3 asks for implicit TLS
	// (_submissions on 465, _imaps on 993, _pop3s on 995), which no
	// attacker can strip.
	CodeSRVNoImplicitTLS = "report.srv.no_implicit_tls"
)

// maxSRVTargets bounds the targets whose addresses the report asks: two
// queries each, out of the budget.
const maxSRVTargets = 3

// SRV is what the domain announces to mail clients with SRV records (RFC
// 6186, RFC 8314 §5.1): every service asked, and the servers a client
// tries to send and to read mail, in the order it tries them.
type SRV struct {
	// Services are the names asked, in srv.Services' order.
	Services []SRVService `json:"services"`
	// Submit are the offered submission servers, and Read the offered
	// IMAP and POP3 servers, in the order a client tries them: lowest
	// priority first across the services (RFC 6186 §3.4), implicit TLS
	// before STARTTLS at equal priority (RFC 8314 §3.3), then the larger
	// weight (RFC 2782 picks among equals at random, by weight).
	Submit []SRVServer `json:"submit"`
	Read   []SRVServer `json:"read"`
}

// SRVService is one service's SRV records.
type SRVService struct {
	Service string `json:"service"` // "_imaps._tcp"
	Name    string `json:"name"`    // _imaps._tcp.<domain>.
	// Records explains each record, as one set.
	Records []explain.Record `json:"records"`
	// NotOffered is true when a record's target is ".": the service is
	// decidedly not offered (RFC 6186 §3.4).
	NotOffered bool `json:"not_offered"`
	// Validated is true when the resolver validated the answer (AD).
	Validated bool      `json:"validated"`
	Error     *DNSError `json:"error,omitempty"`
}

// SRVServer is one server a client may use, from one SRV record.
type SRVServer struct {
	Service  string `json:"service"`  // "_imaps._tcp"
	Protocol string `json:"protocol"` // "IMAP", "POP3", "SMTP submission"
	TLS      string `json:"tls"`      // "implicit" or "starttls"
	Priority int    `json:"priority"`
	Weight   int    `json:"weight"`
	Port     int    `json:"port"`
	Target   string `json:"target"` // fully qualified, canonical
	// Addresses are the target's A then AAAA records; NXDomain is true when
	// it does not exist. Resolved is false for a target past the
	// maxSRVTargets first ones, which were not looked up.
	Addresses []netip.Addr `json:"addresses"`
	NXDomain  bool         `json:"nxdomain"`
	Resolved  bool         `json:"resolved"`
	Errors    []DNSError   `json:"errors"`
	// Says is the server in a few words, for front ends:
	// "imap.example.com:993 (IMAP, implicit TLS)".
	Says string `json:"says"`
}

// srvPart is the SRV records mail clients look up.
var srvPart = part{
	verdict: srvVerdict, optional: true,
	name: "srv", label: "SRV", title: "Mail client services", section: "srv",
	atOnce: func(*lookup) int { return len(srv.Services) },
	start: func(l *lookup) func(*Report) {
		s := lookupSRV(l.ctx, l.r, l.domain)
		return func(rep *Report) { rep.SRV = s }
	},
	errors: func(r *Report) []DNSError {
		var errs []DNSError
		for _, s := range r.SRV.Services {
			if s.Error != nil {
				errs = append(errs, *s.Error)
			}
		}
		for _, s := range slices.Concat(r.SRV.Submit, r.SRV.Read) {
			errs = append(errs, s.Errors...)
		}
		return errs
	},
	records: func(r *Report) []explain.Record {
		var out []explain.Record
		for _, s := range r.SRV.Services {
			out = append(out, s.Records...)
		}
		return out
	},
	findings: srvFindings,
	rules: explain.Rules{
		CodeSRVNone:            {Severity: explain.Info, Ref: "RFC 6186 §3", Message: msgSRVNone},
		CodeSRVTargetNoAddress: {Severity: explain.Warning, Ref: "RFC 2782", Message: msgSRVTargetNoAddress},
		CodeSRVForeignTarget:   {Severity: explain.Info, Ref: "RFC 8314 §5.1", Message: msgSRVForeignTarget},
		CodeSRVNoImplicitTLS:   {Severity: explain.Warning, Ref: "RFC 8314 §3.3", Message: msgSRVNoImplicitTLS},
	},
}

// lookupSRV asks every service's SRV records at once, then the addresses
// of the offered targets.
func lookupSRV(ctx context.Context, r doh.Resolver, domain string) SRV {
	out := SRV{Services: make([]SRVService, len(srv.Services)), Submit: []SRVServer{}, Read: []SRVServer{}}
	answers := make([]*doh.Result, len(srv.Services))
	var wg sync.WaitGroup
	for i, svc := range srv.Services {
		name := svc.Label() + "." + domain + "."
		out.Services[i] = SRVService{Service: svc.Label(), Name: name, Records: []explain.Record{}}
		wg.Go(func() {
			res, err := r.Query(ctx, name, dns.TypeSRV)
			if err != nil {
				out.Services[i].Error = dnsError("srv", name, dns.TypeSRV, err)
				return
			}
			answers[i] = res
		})
	}
	wg.Wait()
	for i, res := range answers {
		if res == nil {
			continue
		}
		s, svc := &out.Services[i], srv.Services[i]
		s.Validated = res.AD
		var values []string
		var rrs []*dns.SRV
		for _, rr := range res.Records() {
			if v, ok := rr.(*dns.SRV); ok {
				rrs = append(rrs, v)
				values = append(values, fmt.Sprintf("%d %d %d %s", v.Priority, v.Weight, v.Port, v.Target))
			}
		}
		s.Records = explainSet(&srv.Kind, values, s.Name, "SRV", res.TTL)
		for _, v := range rrs {
			if v.Target == "." {
				s.NotOffered = true
				continue
			}
			server := SRVServer{Service: svc.Label(), Protocol: svc.Protocol, TLS: string(svc.TLS), Priority: int(v.Priority),
				Weight: int(v.Weight), Port: int(v.Port), Target: canonicalName(v.Target), Addresses: []netip.Addr{}, Errors: []DNSError{}}
			switch svc.Role {
			case srv.RoleSubmit:
				out.Submit = append(out.Submit, server)
			case srv.RoleRead:
				out.Read = append(out.Read, server)
			}
		}
	}
	for _, list := range [][]SRVServer{out.Submit, out.Read} {
		slices.SortStableFunc(list, func(a, b SRVServer) int {
			return cmp.Or(cmp.Compare(a.Priority, b.Priority), cmp.Compare(tlsRank(a.TLS), tlsRank(b.TLS)), cmp.Compare(b.Weight, a.Weight))
		})
	}
	dropOfferedPartner(&out)
	resolveTargets(ctx, r, out.Submit, out.Read)
	for _, l := range [][]SRVServer{out.Submit, out.Read} {
		for i := range l {
			l[i].Says = serverLine(l[i])
		}
	}
	return out
}

// dropOfferedPartner removes srv.tls.starttls from the records of a
// STARTTLS service whose implicit-TLS partner the domain offers too: the
// record alone cannot know, and its advice (publish _submissions as well)
// is then done.
func dropOfferedPartner(out *SRV) {
	offered := map[string]bool{}
	for _, sv := range slices.Concat(out.Submit, out.Read) {
		offered[sv.Service] = true
	}
	for i, svc := range srv.Services {
		if svc.Implicit == "" || !offered[srv.LookupService(svc.Implicit).Label()] {
			continue
		}
		for j := range out.Services[i].Records {
			rec := &out.Services[i].Records[j]
			rec.Findings = slices.DeleteFunc(rec.Findings, func(f explain.Finding) bool { return f.Code == srv.CodeStartTLS })
		}
	}
}

// tlsRank puts implicit TLS first.
func tlsRank(tls string) int {
	if tls == string(srv.TLSImplicit) {
		return 0
	}
	return 1
}

// resolveTargets asks the addresses of the first maxSRVTargets distinct
// targets of the servers, at once, and fills every server of each.
func resolveTargets(ctx context.Context, r doh.Resolver, lists ...[]SRVServer) {
	var targets []string
	for _, l := range lists {
		for _, s := range l {
			if !slices.Contains(targets, s.Target) && len(targets) < maxSRVTargets {
				targets = append(targets, s.Target)
			}
		}
	}
	found := make([]addresses, len(targets))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Go(func() { found[i] = resolveAddresses(ctx, r, "srv", t) })
	}
	wg.Wait()
	reported := map[string]bool{} // a target's failed queries are listed once
	for _, l := range lists {
		for i := range l {
			j := slices.Index(targets, l[i].Target)
			if j < 0 {
				continue
			}
			a := found[j]
			l[i].Resolved, l[i].Addresses, l[i].NXDomain = true, a.Addresses, a.NXDomain
			if !reported[l[i].Target] {
				reported[l[i].Target] = true
				l[i].Errors = a.Errors
			}
		}
	}
}

// explainSet explains the values of kind k at owner as the records of one
// answer of RR type rrtype with ttl: together when the kind has
// ExplainSet, else one by one, each with its proposed fix.
func explainSet(k *explain.Kind, values []string, owner, rrtype string, ttl uint32) []explain.Record {
	ctx := explain.Context{Owner: owner}
	var recs []explain.Record
	if k.ExplainSet != nil {
		recs = k.ExplainSet(values, ctx)
	} else {
		for _, v := range values {
			recs = append(recs, k.Explain(v, ctx))
		}
	}
	for i := range recs {
		k.Propose(&recs[i], ctx)
		recs[i].TTL, recs[i].RRType = &ttl, rrtype
	}
	if recs == nil {
		recs = []explain.Record{}
	}
	return recs
}

func srvFindings(r *Report) []Finding {
	s := &r.SRV
	var out []Finding
	offered := len(s.Submit)+len(s.Read) > 0
	anyRecord := slices.ContainsFunc(s.Services, func(v SRVService) bool { return len(v.Records) > 0 })
	failed := slices.ContainsFunc(s.Services, func(v SRVService) bool { return v.Error != nil })
	if !anyRecord && !failed {
		out = append(out, render(CodeSRVNone, r.Domain+".", args("domain", r.Domain)))
	}
	validated := map[string]bool{}
	for _, v := range s.Services {
		validated[v.Service] = v.Validated
	}
	warned := map[string]bool{}
	var foreign []string                     // targets outside the domain, from answers not validated
	foreignServices := map[string][]string{} // each one's services
	for _, sv := range slices.Concat(s.Submit, s.Read) {
		if sv.Resolved && len(sv.Addresses) == 0 && len(sv.Errors) == 0 && !warned[sv.Target] {
			warned[sv.Target] = true
			out = append(out, render(CodeSRVTargetNoAddress, sv.Target, args("service", sv.Service, "target", bare(sv.Target),
				"nxdomain", strconv.FormatBool(sv.NXDomain))))
		}
		if !validated[sv.Service] && !dns.IsSubDomain(r.Domain+".", sv.Target) {
			if foreignServices[sv.Target] == nil {
				foreign = append(foreign, sv.Target)
			}
			if !slices.Contains(foreignServices[sv.Target], sv.Service) {
				foreignServices[sv.Target] = append(foreignServices[sv.Target], sv.Service)
			}
		}
	}
	for _, t := range foreign {
		out = append(out, render(CodeSRVForeignTarget, t, args("domain", r.Domain, "services", strings.Join(foreignServices[t], ", "), "target", bare(t))))
	}
	if offered {
		for _, role := range []struct {
			servers        []SRVServer
			what, implicit string
		}{
			{s.Submit, "submission", "_submissions._tcp on port 465"},
			{s.Read, "mailbox access", "_imaps._tcp on port 993 (or _pop3s._tcp on 995)"},
		} {
			if len(role.servers) > 0 && !slices.ContainsFunc(role.servers, func(v SRVServer) bool { return v.TLS == string(srv.TLSImplicit) }) {
				out = append(out, render(CodeSRVNoImplicitTLS, r.Domain+".", args("domain", r.Domain, "what", role.what, "implicit", role.implicit)))
			}
		}
	}
	return out
}

func srvVerdict(r *Report) string {
	s := &r.SRV
	if len(s.Submit)+len(s.Read) == 0 {
		if slices.ContainsFunc(s.Services, func(v SRVService) bool { return v.NotOffered }) {
			return "Announces that it offers no mail client service"
		}
		return "No SRV records: clients are set up by hand"
	}
	var parts []string
	if len(s.Submit) > 0 {
		parts = append(parts, "sending through "+serverLine(s.Submit[0]))
	}
	if len(s.Read) > 0 {
		parts = append(parts, "reading through "+serverLine(s.Read[0]))
	}
	return "Clients find " + strings.Join(parts, ", ")
}

// serverLine is "imap.example.com:993 (IMAP, implicit TLS)".
func serverLine(s SRVServer) string {
	tls := "implicit TLS"
	if s.TLS != string(srv.TLSImplicit) {
		tls = "STARTTLS"
	}
	return fmt.Sprintf("%s:%d (%s, %s)", bare(s.Target), s.Port, s.Protocol, tls)
}

func msgSRVNone(a explain.Args) string {
	return fmt.Sprintf("%s publishes no SRV records for mail clients (_submissions._tcp, _imaps._tcp, …): a client set up from an address at it alone cannot find its servers (RFC 6186 §3), so each user types them in. If the domain's users read mail, publish them, such as _submissions._tcp.%s. SRV 0 1 465 smtp.%s. and _imaps._tcp.%s. SRV 0 1 993 imap.%s.",
		a["domain"], a["domain"], a["domain"], a["domain"], a["domain"])
}

func msgSRVTargetNoAddress(a explain.Args) string {
	what := "has no A or AAAA record"
	if a["nxdomain"] == "true" {
		what = "does not exist (NXDOMAIN)"
	}
	return fmt.Sprintf("%s, the target of %s, %s: clients that follow the record cannot connect. Give it an address, or point the record at the server's real name.", a["target"], a["service"], what)
}

func msgSRVForeignTarget(a explain.Args) string {
	return fmt.Sprintf("The SRV records %s of %s point outside the domain, at %s, and their answers are not DNSSEC-validated: clients should ask the user before connecting to it (RFC 8314 §5.1), since a forged answer would send their passwords elsewhere. Signing %s lets clients trust them.",
		a["services"], a["domain"], a["target"], a["domain"])
}

func msgSRVNoImplicitTLS(a explain.Args) string {
	return fmt.Sprintf("%s announces %s only with STARTTLS, which an attacker on the path can strip before the client authenticates: RFC 8314 §3.3 prefers implicit TLS. Offer and publish %s.", a["domain"], a["what"], a["implicit"])
}
