package zone_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
)

func load(t *testing.T) *zone.Store {
	t.Helper()
	s, err := zone.LoadDir("../testdata")
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	return s
}

// rrStrings renders records as zone text, tabs collapsed to spaces.
func rrStrings(rrs []dns.RR) []string {
	var out []string
	for _, rr := range rrs {
		out = append(out, strings.Join(strings.Fields(rr.String()), " "))
	}
	return out
}

func TestLookup(t *testing.T) {
	s := load(t)
	tests := map[string]struct {
		name    string
		qtype   uint16
		rcode   int
		answer  []string
		soa     bool // SOA in the authority section
		outside bool
	}{
		"records": {name: "mail.example.com", qtype: dns.TypeA, rcode: dns.RcodeSuccess,
			answer: []string{"mail.example.com. 300 IN A 192.0.2.1"}},
		"case insensitive": {name: "MAIL.Example.COM.", qtype: dns.TypeA, rcode: dns.RcodeSuccess,
			answer: []string{"mail.example.com. 300 IN A 192.0.2.1"}},
		"mixed case owner": {name: "mixed.case.example.com", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess,
			answer: []string{`Mixed.Case.example.com. 300 IN TXT "case"`}},
		"two records": {name: "example.com", qtype: dns.TypeMX, rcode: dns.RcodeSuccess,
			answer: []string{"example.com. 300 IN MX 10 mail.example.com.", "example.com. 300 IN MX 20 mail2.example.net."}},
		"no data":              {name: "mail.example.com", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess, soa: true},
		"nxdomain":             {name: "nope.example.com", qtype: dns.TypeA, rcode: dns.RcodeNameError, soa: true},
		"empty non-terminal":   {name: "b.c.example.com", qtype: dns.TypeA, rcode: dns.RcodeSuccess, soa: true},
		"empty non-terminal 2": {name: "c.example.com", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess, soa: true},
		"below a leaf":         {name: "x.a.b.c.example.com", qtype: dns.TypeA, rcode: dns.RcodeNameError, soa: true},
		"cname chain": {name: "www.example.com", qtype: dns.TypeA, rcode: dns.RcodeSuccess,
			answer: []string{"www.example.com. 300 IN CNAME web.example.com.", "web.example.com. 300 IN CNAME host.example.com.", "host.example.com. 300 IN A 192.0.2.10"}},
		"cname asked": {name: "www.example.com", qtype: dns.TypeCNAME, rcode: dns.RcodeSuccess,
			answer: []string{"www.example.com. 300 IN CNAME web.example.com."}},
		"cname chain no data": {name: "www.example.com", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess, soa: true,
			answer: []string{"www.example.com. 300 IN CNAME web.example.com.", "web.example.com. 300 IN CNAME host.example.com."}},
		"cname to nxdomain": {name: "dangling.example.com", qtype: dns.TypeA, rcode: dns.RcodeNameError, soa: true,
			answer: []string{"dangling.example.com. 300 IN CNAME nothere.example.com."}},
		"cname loop": {name: "loop1.example.com", qtype: dns.TypeA, rcode: dns.RcodeServerFailure,
			answer: []string{"loop1.example.com. 300 IN CNAME loop2.example.com.", "loop2.example.com. 300 IN CNAME loop1.example.com."}},
		"cname outside": {name: "out.example.com", qtype: dns.TypeA, rcode: dns.RcodeSuccess, outside: true,
			answer: []string{"out.example.com. 300 IN CNAME target.example.net."}},
		"wildcard": {name: "anything.wild.example.com", qtype: dns.TypeA, rcode: dns.RcodeSuccess,
			answer: []string{"anything.wild.example.com. 300 IN A 192.0.2.30"}},
		"wildcard deeper": {name: "a.b.wild.example.com", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess,
			answer: []string{`a.b.wild.example.com. 300 IN TXT "wildcard"`}},
		"wildcard no data":             {name: "anything.wild.example.com", qtype: dns.TypeMX, rcode: dns.RcodeSuccess, soa: true},
		"existing name beats wildcard": {name: "exists.wild.example.com", qtype: dns.TypeA, rcode: dns.RcodeSuccess, soa: true},
		"wildcard parent is ent":       {name: "wild.example.com", qtype: dns.TypeA, rcode: dns.RcodeSuccess, soa: true},
		"second zone in file": {name: "example.org", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess,
			answer: []string{`example.org. 300 IN TXT "v=spf1 -all"`}}, // $TTL 300 still applies},
		"zone without soa": {name: "nosoa.test", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess,
			answer: []string{`nosoa.test. 60 IN TXT "hello" "world"`}},
		"zone without soa nxdomain": {name: "x.nosoa.test", qtype: dns.TypeTXT, rcode: dns.RcodeNameError},
		"not in a zone":             {name: "example.net", qtype: dns.TypeA, rcode: dns.RcodeRefused},
		"any": {name: "mail.example.com", qtype: dns.TypeANY, rcode: dns.RcodeSuccess,
			answer: []string{"mail.example.com. 300 IN A 192.0.2.1", "mail.example.com. 600 IN AAAA 2001:db8::1"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			a := s.Lookup(tc.name, tc.qtype)
			if a.Rcode != tc.rcode {
				t.Errorf("rcode = %s, want %s", dns.RcodeToString[a.Rcode], dns.RcodeToString[tc.rcode])
			}
			if got := rrStrings(a.Answer); !slices.Equal(got, tc.answer) {
				t.Errorf("answer =\n%q\nwant\n%q", got, tc.answer)
			}
			if got := len(a.Ns) == 1 && a.Ns[0].Header().Rrtype == dns.TypeSOA; got != tc.soa {
				t.Errorf("SOA in authority = %v, want %v (%v)", got, tc.soa, a.Ns)
			}
			if a.Outside != tc.outside {
				t.Errorf("Outside = %v, want %v", a.Outside, tc.outside)
			}
		})
	}
}

func TestNegativeTTL(t *testing.T) {
	s := load(t)
	a := s.Lookup("nope.example.com", dns.TypeA)
	if len(a.Ns) != 1 || a.Ns[0].Header().Ttl != 60 {
		t.Fatalf("authority = %v, want the SOA with TTL min(300, 60) = 60", a.Ns)
	}
}

func TestLoadErrors(t *testing.T) {
	f, err := os.Open("../testdata/bad.zone.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	err = zone.New().Load(f, "bad.zone.txt")
	var pe *dns.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("Load error = %v, want a *dns.ParseError", err)
	}
	if !strings.Contains(err.Error(), "bad.zone.txt") || !strings.Contains(err.Error(), "line: 3") {
		t.Errorf("error %q does not name file and line 3", err)
	}
	if !strings.HasPrefix(err.Error(), "zone: ") {
		t.Errorf("error %q lacks the package prefix", err)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.zone"), []byte("bad.test. IN A 1.2.3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := zone.LoadDir(dir); err == nil || !strings.Contains(err.Error(), "x.zone") {
		t.Errorf("LoadDir error = %v, want one naming x.zone", err)
	}
}

func TestApexesAndCovers(t *testing.T) {
	s := load(t)
	want := []string{"example.com.", "example.org.", "nosoa.test."}
	if got := s.Apexes(); !slices.Equal(got, want) {
		t.Errorf("Apexes = %q, want %q", got, want)
	}
	for name, want := range map[string]bool{
		"example.com": true, "x.y.example.com.": true, "nosoa.test": true,
		"example.net": false, "com": false, "test.": false,
	} {
		if got := s.Covers(name); got != want {
			t.Errorf("Covers(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestQuery(t *testing.T) {
	s := load(t)
	ctx := context.Background()
	r, err := s.Query(ctx, "example.com", dns.TypeTXT)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.TXT(); !slices.Equal(got, []string{"v=spf1 include:_spf.example.com -all"}) {
		t.Errorf("TXT = %q", got)
	}
	if r, err := s.Query(ctx, "nope.example.com", dns.TypeTXT); err != nil || !r.NXDomain() || !r.Void() {
		t.Errorf("nope: %+v, %v; want NXDOMAIN", r, err)
	}
	if r, err := s.Query(ctx, "b.c.example.com", dns.TypeTXT); err != nil || !r.NoData() || r.NXDomain() {
		t.Errorf("ENT: %+v, %v; want no data", r, err)
	}
	_, err = s.Query(ctx, "loop1.example.com", dns.TypeA)
	var e *doh.Error
	if !errors.As(err, &e) || !errors.Is(err, doh.ErrRcode) || e.Rcode != dns.RcodeServerFailure || !e.Temporary() {
		t.Errorf("loop: %v, want temporary SERVFAIL", err)
	}
	_, err = s.Query(ctx, "example.net", dns.TypeA)
	if !errors.As(err, &e) || e.Rcode != dns.RcodeRefused || e.Temporary() {
		t.Errorf("outside: %v, want permanent REFUSED", err)
	}
	// A chain leaving the store cannot be followed: what is at its end is
	// unknown, not absent (no data would say "no record").
	_, err = s.Query(ctx, "out.example.com", dns.TypeA)
	if !errors.As(err, &e) || e.Rcode != dns.RcodeServerFailure || !strings.Contains(err.Error(), "target.example.net") {
		t.Errorf("chain leaving the store: %v, want SERVFAIL naming its end", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Query(cctx, "example.com", dns.TypeA); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestExchange(t *testing.T) {
	s := load(t)
	q := doh.NewQuery("mail.example.com", dns.TypeA)
	m := s.Exchange(q)
	if !m.Response || !m.Authoritative || m.RecursionAvailable || m.Rcode != dns.RcodeSuccess || len(m.Answer) != 1 {
		t.Errorf("answer: %v", m)
	}
	// The client's query has AD set and DO clear: a zone's answer is not
	// validated (AD clear, RFC 4035 §3.1.6) and echoes DO (clear).
	if opt := m.IsEdns0(); opt == nil || opt.Do() || m.AuthenticatedData {
		t.Errorf("answer has no OPT, or DO or AD set: %v", m)
	}
	q.IsEdns0().SetDo()
	if opt := s.Exchange(q).IsEdns0(); opt == nil || !opt.Do() {
		t.Errorf("answer to a query with DO lacks OPT with DO: %v", opt)
	}
	q = doh.NewQuery("mail.example.com", dns.TypeA)
	q.Question = append(q.Question, q.Question[0])
	if m := s.Exchange(q); m.Rcode != dns.RcodeFormatError {
		t.Errorf("two questions: rcode %s", dns.RcodeToString[m.Rcode])
	}
	q = doh.NewQuery("example.net", dns.TypeA)
	if m := s.Exchange(q); m.Rcode != dns.RcodeRefused || m.Authoritative {
		t.Errorf("outside: %v", m)
	}
	q = doh.NewQuery("out.example.com", dns.TypeA)
	if m := s.Exchange(q); m.Rcode != dns.RcodeServerFailure || len(m.Answer) != 1 {
		t.Errorf("chain leaving the store: %v, want SERVFAIL with the chain", m)
	}
	q = doh.NewQuery("example.com", dns.TypeA)
	q.Question[0].Qclass = dns.ClassCHAOS
	if m := s.Exchange(q); m.Rcode != dns.RcodeRefused {
		t.Errorf("class CH: %v", m)
	}
	q = doh.NewQuery("example.com", dns.TypeA)
	q.Opcode = dns.OpcodeStatus
	if m := s.Exchange(q); m.Rcode != dns.RcodeNotImplemented {
		t.Errorf("opcode STATUS: %v", m)
	}
}

// upstream is a doh.Resolver answering from a map, counting queries.
type upstream struct {
	answers map[string]string // name → A address
	asked   []string
}

func (u *upstream) Query(_ context.Context, name string, qtype uint16) (*doh.Result, error) {
	u.asked = append(u.asked, name)
	addr, ok := u.answers[name]
	if !ok {
		return &doh.Result{Name: name, Type: qtype, Rcode: dns.RcodeNameError}, nil
	}
	rr, err := dns.NewRR(name + " 30 IN A " + addr)
	if err != nil {
		return nil, err
	}
	return &doh.Result{Name: name, Type: qtype, Answer: []dns.RR{rr}, AD: true, TTL: 30}, nil
}

func TestOverlay(t *testing.T) {
	up := &upstream{answers: map[string]string{"target.example.net.": "198.51.100.1", "example.net.": "198.51.100.2"}}
	o := zone.Overlay{Zones: load(t), Upstream: up}
	ctx := context.Background()
	tests := map[string]struct {
		name   string
		rcode  int
		answer []string
		asked  []string
	}{
		"from zone":         {name: "mail.example.com", answer: []string{"mail.example.com. 300 IN A 192.0.2.1"}},
		"zone nxdomain":     {name: "nope.example.com", rcode: dns.RcodeNameError},
		"from upstream":     {name: "example.net", answer: []string{"example.net. 30 IN A 198.51.100.2"}, asked: []string{"example.net."}},
		"upstream nxdomain": {name: "nope.example.net", rcode: dns.RcodeNameError, asked: []string{"nope.example.net."}},
		"cname leaving the zone": {name: "out.example.com",
			answer: []string{"out.example.com. 300 IN CNAME target.example.net.", "target.example.net. 30 IN A 198.51.100.1"},
			asked:  []string{"target.example.net."}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			up.asked = nil
			r, err := o.Query(ctx, tc.name, dns.TypeA)
			if err != nil {
				t.Fatal(err)
			}
			if r.Rcode != tc.rcode {
				t.Errorf("rcode = %d, want %d", r.Rcode, tc.rcode)
			}
			if got := rrStrings(r.Answer); !slices.Equal(got, tc.answer) {
				t.Errorf("answer = %q, want %q", got, tc.answer)
			}
			if !slices.Equal(up.asked, tc.asked) {
				t.Errorf("upstream asked %q, want %q", up.asked, tc.asked)
			}
			if want := tc.name == "example.net"; r.AD != want {
				t.Errorf("AD = %v, want %v (only answers wholly from upstream keep it)", r.AD, want)
			}
		})
	}
}

func ExampleStore_Lookup() {
	s, err := zone.Parse(`
$ORIGIN example.com.
@     3600 IN SOA ns hostmaster 1 3600 600 86400 300
@     3600 IN MX  10 mail
mail  3600 IN A   192.0.2.1
www   3600 IN CNAME mail
`, "example.zone")
	if err != nil {
		panic(err)
	}
	for _, q := range []struct {
		name  string
		qtype uint16
	}{{"www.example.com", dns.TypeA}, {"example.com", dns.TypeTXT}, {"nope.example.com", dns.TypeA}} {
		a := s.Lookup(q.name, q.qtype)
		fmt.Println(q.name, dns.TypeToString[q.qtype], dns.RcodeToString[a.Rcode], len(a.Answer), "records")
	}
	// Output:
	// www.example.com A NOERROR 2 records
	// example.com TXT NOERROR 0 records
	// nope.example.com A NXDOMAIN 0 records
}

func TestApexWithoutSOA(t *testing.T) {
	s, err := zone.Parse(`
b.a.test. 1 IN TXT "x"
a.test.   1 IN TXT "y"
c.test.   1 IN TXT "z"
d.c.test. 1 IN TXT "w"
e.f.test. 1 IN TXT "v"
.         1 IN TXT "root"
`, "x.zone")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Apexes(), []string{"."}; !slices.Equal(got, want) {
		t.Errorf("Apexes = %q, want %q", got, want)
	}
	s, err = zone.Parse("b.a.test. 1 IN TXT \"x\"\na.test. 1 IN TXT \"y\"\nd.c.test. 1 IN TXT \"w\"\n", "y.zone")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Apexes(), []string{"a.test.", "d.c.test."}; !slices.Equal(got, want) {
		t.Errorf("Apexes = %q, want %q", got, want)
	}
}

// Owners holding octets that are escaped in presentation form (SPF macro
// expansions, RFC 7208 §7.3, §7.4) are found however the name is spelled,
// in every way the store is asked (issue 10).
func TestCanonicalNames(t *testing.T) {
	s, err := zone.Parse(`
$ORIGIN Example.
@            IN SOA ns h 1 2 3 4 60
User\@Mail   IN TXT "at sign"
a\032b       IN CNAME Target
target       IN TXT "via cname"
`, "canonical.zone")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range []struct{ name, want string }{
		{"user@mail.example", "at sign"},
		{`USER\@MAIL.EXAMPLE.`, "at sign"},
		{`user\064mail.example`, "at sign"},
		{"a b.example", "via cname"},
		{`A\ B.example`, "via cname"},
	} {
		r, err := s.Query(ctx, q.name, dns.TypeTXT)
		if err != nil || !slices.Equal(r.TXT(), []string{q.want}) {
			t.Errorf("Query(%q) = %v, %v; want %q", q.name, r, err, q.want)
		}
		if !s.Covers(q.name) {
			t.Errorf("Covers(%q) = false", q.name)
		}
		o := zone.Overlay{Zones: s, Upstream: &upstream{}}
		if r, err := o.Query(ctx, q.name, dns.TypeTXT); err != nil || !slices.Equal(r.TXT(), []string{q.want}) {
			t.Errorf("Overlay.Query(%q) = %v, %v; want %q", q.name, r, err, q.want)
		}
	}
}

// Names at or below a delegation (NS records below an apex) to a zone the
// store does not hold are in none of its zones: their data is the child's,
// which the store does not have (RFC 1034 §4.2.1, §4.3.2 step 3b). They are
// not NXDOMAIN nor no data; the parent's NS and DS at the cut are answered.
func TestDelegation(t *testing.T) {
	s, err := zone.Parse(`$ORIGIN parent.test.
@        300 IN SOA ns hostmaster 1 3600 600 86400 300
@        300 IN NS  ns
ns       300 IN A   192.0.2.53
child    300 IN NS  ns.elsewhere.example.
ns.child 300 IN A   192.0.2.54
alias    300 IN CNAME www.child
`, "parent.zone")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		name    string
		qtype   uint16
		rcode   int
		answer  int
		outside bool
	}{
		"below the cut":      {name: "x.child.parent.test", qtype: dns.TypeTXT, rcode: dns.RcodeRefused},
		"glue":               {name: "ns.child.parent.test", qtype: dns.TypeA, rcode: dns.RcodeRefused},
		"at the cut":         {name: "child.parent.test", qtype: dns.TypeMX, rcode: dns.RcodeRefused},
		"ns at the cut":      {name: "child.parent.test", qtype: dns.TypeNS, rcode: dns.RcodeSuccess, answer: 1},
		"cname into the cut": {name: "alias.parent.test", qtype: dns.TypeTXT, rcode: dns.RcodeSuccess, answer: 1, outside: true},
		"parent data":        {name: "ns.parent.test", qtype: dns.TypeA, rcode: dns.RcodeSuccess, answer: 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			a := s.Lookup(tc.name, tc.qtype)
			if a.Rcode != tc.rcode || len(a.Answer) != tc.answer || a.Outside != tc.outside {
				t.Errorf("rcode %d, answer %q, outside %v; want %d, %d records, %v", a.Rcode, rrStrings(a.Answer), a.Outside, tc.rcode, tc.answer, tc.outside)
			}
		})
	}
	if s.Covers("x.child.parent.test") || !s.Covers("ns.parent.test") {
		t.Errorf("Covers: the store holds parent.test but not child.parent.test")
	}
}
