package spfcheck

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/internal/spfsuite"
	"github.com/mxplain/mxplain/internal/testshared"
)

// The RFC 7208 test suite (internal/spfsuite) is read in place from
// ../shared; the test is SKIPPED, saying so, when ../shared is not beside
// the repository.

// memResolver is a doh.Resolver answering from a suite's zonedata the way
// the suite's reference driver (pyspf's testspf.py) does: names absent from
// zonedata do not exist (NXDOMAIN); a TIMEOUT entry makes every query for
// the name time out unless a record of the queried type comes before it;
// type SPF records are also served as TXT when the name has no TXT entry
// (the suite's "auto-magic duplication"); CNAMEs are followed, a loop is a
// SERVFAIL.
type memResolver struct {
	names   map[string][]spfsuite.Entry // lowercased, fully qualified
	queries int
}

func (m *memResolver) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	m.queries++
	q := strings.ToLower(dns.Fqdn(name))
	res := &doh.Result{Name: q, Type: qtype, Rcode: dns.RcodeSuccess}
	seen := map[string]bool{}
	for {
		if seen[q] {
			return nil, &doh.Error{Kind: doh.ErrRcode, Name: name, Type: qtype, Rcode: dns.RcodeServerFailure}
		}
		seen[q] = true
		entries, ok := m.names[q]
		if !ok {
			res.Rcode = dns.RcodeNameError
			return res, nil
		}
		found := false
		var cname *dns.CNAME
		for _, e := range entries {
			if e.Timeout {
				if !found {
					return nil, &doh.Error{Kind: doh.ErrTimeout, Name: name, Type: qtype, Err: context.DeadlineExceeded}
				}
				break
			}
			h := e.RR.Header()
			if h.Rrtype == qtype {
				found = true
				res.Answer = append(res.Answer, e.RR)
			} else if c, ok := e.RR.(*dns.CNAME); ok && qtype != dns.TypeCNAME {
				cname = c
			}
		}
		if found || cname == nil {
			return res, nil
		}
		res.Answer = append(res.Answer, cname)
		q = strings.ToLower(dns.Fqdn(cname.Target))
	}
}

func loadZoneData(t *testing.T, sc spfsuite.Scenario) *memResolver {
	t.Helper()
	names, err := sc.Zone()
	if err != nil {
		t.Fatal(err)
	}
	return &memResolver{names: names}
}

func readSuite(t *testing.T) []spfsuite.Scenario {
	t.Helper()
	all, err := spfsuite.Read(testshared.Path(t, spfsuite.Path))
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// TestRFC7208Suite runs every test of the RFC 7208 test suite through Check.
func TestRFC7208Suite(t *testing.T) {
	scenarios := readSuite(t)
	passed, failed := 0, 0
	for _, sc := range scenarios {
		for _, name := range sc.Names() {
			tc := sc.Tests[name]
			ok := t.Run(sc.Description+"/"+name, func(t *testing.T) {
				r := loadZoneData(t, sc)
				ip, err := netip.ParseAddr(tc.Host)
				if err != nil {
					t.Fatalf("host %q: %v", tc.Host, err)
				}
				ev := Check(context.Background(), r, Query{IP: ip, Sender: tc.MailFrom, Helo: tc.Helo})
				problems, notes := tc.Verify(name, string(ev.Result), ev.Explanation)
				for _, n := range notes {
					t.Log(n)
				}
				for _, p := range problems {
					t.Errorf("%s\nproblem: %s\npath: %s", p, ev.Problem, pathString(ev.Path))
				}
			})
			if ok {
				passed++
			} else {
				failed++
			}
		}
	}
	t.Logf("rfc7208-tests: %d passed, %d failed", passed, failed)
	fmt.Printf("rfc7208-tests: %d passed, %d failed\n", passed, failed)
}

func pathString(p []Step) string {
	var b strings.Builder
	for _, s := range p {
		fmt.Fprintf(&b, "\n  %s[%d] %s match=%v result=%s: %s", s.Domain, s.Depth, s.Term, s.Match, s.Result, s.Note)
	}
	return b.String()
}
