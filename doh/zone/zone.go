// Package zone answers DNS queries from RFC 1035 master files, the way an
// authoritative server would, with a resolver's CNAME following on top.
//
// A [Store] holds the records of one or more zones, read from master files
// (RFC 1035 §5: $ORIGIN, $TTL, relative and absolute owner names, several
// zones per file). Its zones' apexes are the owners of SOA records; records
// outside any SOA-rooted zone form zones whose apexes are their highest owner
// names. Within a zone, a name exists if it owns records or if it is an
// empty non-terminal, an ancestor of a name that does (RFC 8020 §2, RFC 4592
// §2.2.2): it is answered NOERROR with no data, not NXDOMAIN. Wildcards
// (RFC 4592 §3.3.1) are synthesized for names that do not exist. CNAMEs are
// followed (RFC 1034 §4.3.2 step 3a, RFC 6604) up to 16 links; a loop, a
// longer chain or one leaving the store (which an Overlay follows) is
// answered SERVFAIL, as a resolver would. Delegations (NS
// below an apex) to zones the store holds lead to them; names at or below
// a delegation to a zone it does not hold are outside its zones (REFUSED,
// or the end of a CNAME chain leaving the store), except the parent's NS
// and DS at the cut.
//
// A Store is a doh.Resolver ([Store.Query]), answers whole DNS messages for
// a server ([Store.Exchange]), and can be laid over live DNS ([Overlay]).
// This package does not import net/http, so it can be linked into wasm.
package zone

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

// Store holds zones in memory. The zero value is not usable: use [New] or
// [LoadDir]. Its methods are safe for concurrent use.
type Store struct {
	mu     sync.RWMutex
	names  map[string][]dns.RR // owner (lowercase FQDN) → its records
	apexes map[string]bool     // zone apexes
	exists map[string]string   // every existing name, ENTs included → its apex
}

// New returns an empty Store.
func New() *Store {
	return &Store{names: map[string][]dns.RR{}, apexes: map[string]bool{}, exists: map[string]string{}}
}

// LoadDir returns a Store with the records of every *.zone file in dir, read
// in name order. Errors name the file and line.
func LoadDir(dir string) (*Store, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.zone"))
	if err != nil {
		return nil, fmt.Errorf("zone: %w", err)
	}
	s := New()
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("zone: %w", err)
		}
		err = s.Load(f, file)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Load adds the records of the master file read from r; file names it in
// errors and is the base for $INCLUDE, which is not allowed. Relative names
// before any $ORIGIN are relative to the root. Nothing is added when an
// error is returned; the error wraps a *dns.ParseError with file and line.
func (s *Store) Load(r io.Reader, file string) error {
	zp := dns.NewZoneParser(r, ".", file)
	var rrs []dns.RR
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		rrs = append(rrs, rr)
	}
	if err := zp.Err(); err != nil {
		return fmt.Errorf("zone: %w", err)
	}
	s.Add(rrs...)
	return nil
}

// Parse returns a Store with the records of the master file text, as Load.
func Parse(text, file string) (*Store, error) {
	s := New()
	if err := s.Load(strings.NewReader(text), file); err != nil {
		return nil, err
	}
	return s, nil
}

// Add adds records (of class IN; owner names are made fully qualified).
// Duplicates are dropped.
func (s *Store) Add(rrs ...dns.RR) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rr := range rrs {
		if rr == nil {
			continue
		}
		rr = dns.Copy(rr)
		h := rr.Header()
		h.Name = dns.Fqdn(h.Name)
		owner := canonical(h.Name)
		if slices.ContainsFunc(s.names[owner], func(o dns.RR) bool { return dns.IsDuplicate(o, rr) }) {
			continue
		}
		s.names[owner] = append(s.names[owner], rr)
	}
	s.index()
}

// index recomputes apexes and existing names. Called with mu held.
func (s *Store) index() {
	s.apexes = map[string]bool{}
	for owner, rrs := range s.names {
		if slices.ContainsFunc(rrs, isType(dns.TypeSOA)) {
			s.apexes[owner] = true
		}
	}
	orphans := map[string]bool{}
	for owner := range s.names {
		if s.apexOf(owner) == "" {
			orphans[owner] = true
		}
	}
	for o := range orphans {
		highest := true
		for p := parent(o); o != "." && highest; p = parent(p) {
			highest = !orphans[p]
			if p == "." {
				break
			}
		}
		if highest {
			s.apexes[o] = true
		}
	}
	s.exists = map[string]string{}
	for owner := range s.names {
		apex := s.apexOf(owner)
		for name := owner; ; name = parent(name) {
			s.exists[name] = apex
			if name == apex || name == "." {
				break
			}
		}
	}
}

// apexOf returns the apex of the closest zone containing name, or "".
func (s *Store) apexOf(name string) string {
	for n := name; ; n = parent(n) {
		if s.apexes[n] {
			return n
		}
		if n == "." {
			return ""
		}
	}
}

// zoneOf returns the apex of the zone that answers (name, qtype), or ""
// when none of the store's does: name is in none, or at or below a
// delegation (NS records below the apex) to a zone the store does not
// hold, whose data is the child's (RFC 1034 §4.2.1, §4.3.2 step 3b: a
// referral). At the cut, the parent's NS and DS (RFC 4035 §2.4) are
// answered.
func (s *Store) zoneOf(name string, qtype uint16) string {
	apex := s.apexOf(name)
	for n := name; apex != "" && n != apex; n = parent(n) {
		cutData := n == name && (qtype == dns.TypeNS || qtype == dns.TypeDS)
		if !cutData && slices.ContainsFunc(s.names[n], isType(dns.TypeNS)) {
			return ""
		}
	}
	return apex
}

// canonical returns name's canonical form (doh.CanonicalName), by which
// the store keys names; an invalid name is returned as it is, and matches
// nothing.
func canonical(name string) string {
	c, _ := doh.CanonicalName(name)
	return c
}

func parent(name string) string {
	if name == "." {
		return "."
	}
	i, end := dns.NextLabel(name, 0)
	if end {
		return "."
	}
	return name[i:]
}

func isType(t uint16) func(dns.RR) bool {
	return func(rr dns.RR) bool { return rr.Header().Rrtype == t }
}

// Covers reports whether name is in one of the store's zones (at or below
// an apex, above any delegation to a zone the store does not hold), that
// is whether the store is authoritative for it.
func (s *Store) Covers(name string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.zoneOf(canonical(name), 0) != ""
}

// Apexes returns the apexes of the store's zones, sorted.
func (s *Store) Apexes() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.apexes))
	for a := range s.apexes {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Answer is the store's answer to one question.
type Answer struct {
	Rcode  int      // dns.RcodeSuccess, RcodeNameError, RcodeServerFailure (CNAME loop) or RcodeRefused (not in a zone)
	Answer []dns.RR // the CNAME chain, then the records of the type asked
	Ns     []dns.RR // for NXDOMAIN and no data: the zone's SOA (RFC 2308 §3)
	// Target is the last name of the CNAME chain; when Outside is true it is
	// in none of the store's zones, and a resolver would go on asking it
	// elsewhere.
	Target  string
	Outside bool
}

// Lookup answers the question (name, qtype) for class IN, with copies of
// the store's records. qtype
// dns.TypeANY returns every record of the name.
func (s *Store) Lookup(name string, qtype uint16) Answer {
	s.mu.RLock()
	defer s.mu.RUnlock()
	name = canonical(name)
	var a Answer
	seen := map[string]bool{}
	for i := 0; ; i++ {
		a.Target = name
		apex := s.zoneOf(name, qtype)
		if apex == "" {
			if i == 0 {
				a.Rcode = dns.RcodeRefused
			} else {
				a.Outside = true
			}
			return a
		}
		rrs, ok := s.records(name, apex)
		if !ok {
			a.Rcode = dns.RcodeNameError
			a.Ns = s.soa(apex)
			return a
		}
		if qtype != dns.TypeCNAME && qtype != dns.TypeANY {
			if i := slices.IndexFunc(rrs, isType(dns.TypeCNAME)); i >= 0 {
				c := rrs[i].(*dns.CNAME)
				a.Answer = append(a.Answer, dns.Copy(c))
				seen[name] = true
				next := canonical(c.Target)
				if seen[next] || len(seen) >= doh.MaxChain {
					a.Rcode = dns.RcodeServerFailure
					return a
				}
				name = next
				continue
			}
		}
		found := 0
		for _, rr := range rrs {
			if qtype == dns.TypeANY || rr.Header().Rrtype == qtype {
				a.Answer = append(a.Answer, dns.Copy(rr))
				found++
			}
		}
		if found == 0 {
			a.Ns = s.soa(apex) // no data, RFC 2308 §2.2
		}
		return a
	}
}

// records returns name's records, synthesized from a wildcard if name does
// not exist (RFC 4592 §3.3.1), and whether name exists or was synthesized.
func (s *Store) records(name, apex string) ([]dns.RR, bool) {
	if _, ok := s.exists[name]; ok {
		return s.names[name], true
	}
	// The closest encloser is the longest existing ancestor (RFC 4592 §3.3.1).
	ce := parent(name)
	for {
		if _, ok := s.exists[ce]; ok || ce == apex || ce == "." {
			break
		}
		ce = parent(ce)
	}
	wild, ok := s.names["*."+ce]
	if !ok || ce == "." && apex != "." {
		return nil, false
	}
	out := make([]dns.RR, len(wild))
	for i, rr := range wild {
		out[i] = dns.Copy(rr)
		out[i].Header().Name = name
	}
	return out, true
}

// soa returns the apex's SOA for a negative answer, its TTL lowered to the
// SOA MINIMUM field if that is smaller (RFC 2308 §3).
func (s *Store) soa(apex string) []dns.RR {
	for _, rr := range s.names[apex] {
		if soa, ok := rr.(*dns.SOA); ok {
			c := dns.Copy(soa).(*dns.SOA)
			c.Hdr.Ttl = min(c.Hdr.Ttl, c.Minttl)
			return []dns.RR{c}
		}
	}
	return nil
}

// Query answers like a resolver reading the store: it implements
// doh.Resolver. NOERROR and NXDOMAIN give a *doh.Result; SERVFAIL (CNAME
// loop, or a chain leaving the store, which an Overlay follows) and
// REFUSED (name in none of the zones) give a *doh.Error of kind
// doh.ErrRcode; an invalid name gives doh.ErrName. AD is never set.
func (s *Store) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	name, ok := doh.CanonicalName(name)
	if err := ctx.Err(); err != nil {
		kind := doh.ErrTransport
		if errors.Is(err, context.DeadlineExceeded) {
			kind = doh.ErrTimeout
		}
		return nil, &doh.Error{Kind: kind, Name: name, Type: qtype, Err: err}
	}
	if !ok {
		return nil, &doh.Error{Kind: doh.ErrName, Name: name, Type: qtype}
	}
	a := s.Lookup(name, qtype)
	return a.result(name, qtype)
}

func (a Answer) result(name string, qtype uint16) (*doh.Result, error) {
	if a.Outside {
		return nil, &doh.Error{Kind: doh.ErrRcode, Name: name, Type: qtype, Rcode: dns.RcodeServerFailure,
			Err: fmt.Errorf("zone: the CNAME chain leaves the zones at %s, which only an Overlay follows", a.Target)}
	}
	if a.Rcode != dns.RcodeSuccess && a.Rcode != dns.RcodeNameError {
		return nil, &doh.Error{Kind: doh.ErrRcode, Name: name, Type: qtype, Rcode: a.Rcode}
	}
	return &doh.Result{Name: name, Type: qtype, Rcode: a.Rcode, Answer: a.Answer, TTL: MinTTL(a.Answer)}, nil
}

// MinTTL returns the smallest TTL of rrs, 0 if there are none.
func MinTTL(rrs []dns.RR) uint32 {
	var ttl uint32
	for i, rr := range rrs {
		if t := rr.Header().Ttl; i == 0 || t < ttl {
			ttl = t
		}
	}
	return ttl
}

// Exchange answers a query message as an authoritative server (AA set,
// RA clear): one question of class IN with opcode QUERY, or FORMERR /
// NOTIMP / REFUSED. An EDNS(0) query gets an OPT record back (RFC 6891 §7),
// of version 0; a query of another EDNS version is answered BADVERS (RFC
// 6891 §6.1.3). Zone transfers (AXFR, RFC 5936; IXFR, RFC 1995) are
// REFUSED: the store answers questions, it does not hand out zones. A
// CNAME chain leaving the store is SERVFAIL (with the chain), as from a
// resolver that cannot follow it.
func (s *Store) Exchange(req *dns.Msg) *dns.Msg {
	m := new(dns.Msg)
	m.SetReply(req)
	m.RecursionAvailable = false
	opt := req.IsEdns0()
	if opt != nil {
		defer func() { m.SetEdns0(doh.UDPSize, opt.Do()) }()
	}
	switch {
	case opt != nil && opt.Version() != 0:
		m.Rcode = dns.RcodeBadVers
		return m
	case req.Opcode != dns.OpcodeQuery:
		m.Rcode = dns.RcodeNotImplemented
		return m
	case len(req.Question) != 1:
		m.Rcode = dns.RcodeFormatError
		return m
	case req.Question[0].Qclass != dns.ClassINET,
		req.Question[0].Qtype == dns.TypeAXFR, req.Question[0].Qtype == dns.TypeIXFR:
		m.Rcode = dns.RcodeRefused
		return m
	}
	a := s.Lookup(req.Question[0].Name, req.Question[0].Qtype)
	m.Rcode = a.Rcode
	if a.Outside {
		// A resolver that cannot follow the chain to its end: SERVFAIL,
		// not a CNAME alone, which a stub takes for no data.
		m.Rcode = dns.RcodeServerFailure
	}
	m.Authoritative = m.Rcode != dns.RcodeRefused && m.Rcode != dns.RcodeServerFailure
	m.Answer = a.Answer
	m.Ns = a.Ns
	return m
}

// Overlay answers names in Zones' zones from Zones and every other name from
// Upstream, so a zone file can be tried out over live DNS. A CNAME chain
// leaving the zones is followed through Upstream, as a resolver would.
type Overlay struct {
	Zones    *Store
	Upstream doh.Resolver
}

// Query implements doh.Resolver.
func (o Overlay) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	name = canonical(name)
	if !o.Zones.Covers(name) {
		return o.Upstream.Query(ctx, name, qtype)
	}
	if err := ctx.Err(); err != nil {
		return o.Zones.Query(ctx, name, qtype)
	}
	a := o.Zones.Lookup(name, qtype)
	if !a.Outside {
		return a.result(name, qtype)
	}
	up, err := o.Upstream.Query(ctx, a.Target, qtype)
	if err != nil {
		return nil, err // it names the chain's target
	}
	answer := append(slices.Clip(a.Answer), up.Answer...)
	return &doh.Result{Name: name, Type: qtype, Rcode: up.Rcode, Answer: answer, TTL: MinTTL(answer)}, nil
}
