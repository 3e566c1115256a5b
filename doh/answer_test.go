package doh_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

func newClient(t *testing.T, respond func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error)) (*doh.Client, *fakeTransport) {
	t.Helper()
	ft := &fakeTransport{t: t, respond: respond}
	c, err := doh.New(doh.Cloudflare, doh.Options{Transport: ft})
	if err != nil {
		t.Fatal(err)
	}
	return c, ft
}

// Names an SPF macro expands to (RFC 7208 §7.3, §7.4) hold octets that
// miekg/dns escapes when it prints the answer's question: they are the same
// names (issue 10).
func TestSpecialNames(t *testing.T) {
	for _, name := range []string{"user@a.test", "a b.test", `x(y);"z".test`, "USER@A.test", `user\@a.test`, "caf\xc3\xa9.test"} {
		t.Run(name, func(t *testing.T) {
			c, ft := newClient(t, func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
				return answer(t, q, func(m *dns.Msg) {
					rr := mustRR(t, `x. 60 IN TXT "found"`)
					rr.Header().Name = m.Question[0].Name
					m.Answer = []dns.RR{rr}
				}), nil
			})
			r, err := c.Query(context.Background(), name, dns.TypeTXT)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := doh.CanonicalName(name)
			if !slices.Equal(r.TXT(), []string{"found"}) || r.Name != want {
				t.Errorf("result %q for %q, want [found] for %q", r.TXT(), r.Name, want)
			}
			// The same name spelled otherwise is a cache hit.
			if _, err := c.Query(context.Background(), strings.ToUpper(want), dns.TypeTXT); err != nil || len(ft.urls) != 1 {
				t.Errorf("second spelling: %v, %d requests", err, len(ft.urls))
			}
		})
	}
}

// RFC 8484 §5.1: the time an answer spent in HTTP caches (Age) is taken off
// its TTLs, never below 0.
func TestAge(t *testing.T) {
	for age, want := range map[string][]uint32{
		"":            {300, 100},
		"0":           {300, 100},
		"120":         {180, 0},
		"99999999999": {0, 0}, // RFC 9111 §1.2.2: as large as can be
		"-5":          {300, 100},
		"+3":          {300, 100},
		"x":           {300, 100},
	} {
		t.Run(age, func(t *testing.T) {
			c, _ := newClient(t, func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
				r := answer(t, q, func(m *dns.Msg) {
					m.Answer = []dns.RR{mustRR(t, `example.com. 300 IN TXT "a"`), mustRR(t, `example.com. 100 IN TXT "b"`)}
				})
				r.Age = age
				return r, nil
			})
			r, err := c.Query(context.Background(), "example.com", dns.TypeTXT)
			if err != nil {
				t.Fatal(err)
			}
			var ttls []uint32
			for _, rr := range r.Answer {
				ttls = append(ttls, rr.Header().Ttl)
			}
			if r.TTL != slices.Min(want) || !slices.Equal(ttls, want) {
				t.Errorf("TTL %d, answer TTLs %v; want %d, %v", r.TTL, ttls, slices.Min(want), want)
			}
		})
	}
}

func TestTruncated(t *testing.T) {
	c, _ := newClient(t, func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
		return answer(t, q, func(m *dns.Msg) {
			m.Truncated = true
			m.Answer = []dns.RR{mustRR(t, `example.com. 300 IN TXT "part"`)}
		}), nil
	})
	_, err := c.Query(context.Background(), "example.com", dns.TypeTXT)
	if !errors.Is(err, doh.ErrTruncated) || !doh.IsTemporary(err) {
		t.Errorf("error %v, want a temporary ErrTruncated", err)
	}
}

func TestRedirectStatus(t *testing.T) {
	for name, respond := range map[string]func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error){
		"301": func(*testing.T, *dns.Msg) (*doh.HTTPResponse, error) {
			return &doh.HTTPResponse{Status: 301, Location: "http://elsewhere.example/dns-query"}, nil
		},
		"hidden (a browser's opaque redirect)": func(*testing.T, *dns.Msg) (*doh.HTTPResponse, error) {
			return nil, errors.Join(errors.New("fetch: opaque redirect"), doh.ErrRedirect)
		},
	} {
		t.Run(name, func(t *testing.T) {
			c, ft := newClient(t, respond)
			_, err := c.Query(context.Background(), "example.com", dns.TypeTXT)
			if !errors.Is(err, doh.ErrRedirect) || doh.IsTemporary(err) || len(ft.urls) != 1 {
				t.Errorf("error %v after %d requests, want one permanent ErrRedirect", err, len(ft.urls))
			}
			if name == "301" && !strings.Contains(err.Error(), "301") || !strings.Contains(err.Error(), "redirect") {
				t.Errorf("error %q does not say what happened", err)
			}
		})
	}
}

// Records come in one order whatever order the resolver sent (issue 10).
func TestRecordsOrder(t *testing.T) {
	tests := map[string]struct {
		qtype  uint16
		answer []string
		want   []string
	}{
		"mx by preference then exchange": {dns.TypeMX, []string{
			"x. 1 IN MX 20 b.example.", "x. 1 IN MX 10 z.example.", "x. 1 IN MX 20 A.example.", "x. 1 IN MX 10 c.example.",
		}, []string{"10 c.example.", "10 z.example.", "20 A.example.", "20 b.example."}},
		"txt by rdata": {dns.TypeTXT, []string{`x. 1 IN TXT "v=spf1 -all"`, `x. 1 IN TXT "google-site"`, `x. 1 IN TXT "a" "b"`},
			[]string{`"a" "b"`, `"google-site"`, `"v=spf1 -all"`}},
		"any by type then rdata": {dns.TypeANY, []string{`x. 1 IN TXT "b"`, "x. 1 IN A 192.0.2.2", `x. 1 IN TXT "a"`, "x. 1 IN A 192.0.2.1"},
			[]string{"192.0.2.1", "192.0.2.2", `"a"`, `"b"`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var rrs []dns.RR
			for _, s := range tc.answer {
				rrs = append(rrs, mustRR(t, s))
			}
			reversed := slices.Clone(rrs)
			slices.Reverse(reversed)
			for _, perm := range [][]dns.RR{rrs, reversed} {
				r := &doh.Result{Name: "x.", Type: tc.qtype, Answer: perm}
				var got []string
				for _, rr := range r.Records() {
					got = append(got, strings.TrimPrefix(rr.String(), rr.Header().String()))
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("Records() %q, want %q", got, tc.want)
				}
			}
		})
	}
}

// Records of another class than IN answer another question (RFC 1035
// §3.2.4): they are not the records asked for, nor links of the chain.
func TestOtherClass(t *testing.T) {
	for name, answer := range map[string][]string{
		"record":   {`x. 60 CH TXT "v=spf1 +all"`, `x. 60 IN TXT "v=spf1 -all"`},
		"in chain": {`x. 60 CH CNAME y.`, `y. 60 IN TXT "v=spf1 +all"`, `x. 60 IN TXT "v=spf1 -all"`},
	} {
		t.Run(name, func(t *testing.T) {
			var rrs []dns.RR
			for _, s := range answer {
				rrs = append(rrs, mustRR(t, s))
			}
			r := &doh.Result{Name: "x.", Type: dns.TypeTXT, Answer: rrs}
			if got := r.TXT(); !slices.Equal(got, []string{"v=spf1 -all"}) || r.Target() != "x." {
				t.Errorf("TXT() %q at %s, want [v=spf1 -all] at x.", got, r.Target())
			}
		})
	}
}

// An NXDOMAIN answer that holds records of the type asked at the end of
// its chain says the name both does and does not exist (RFC 6604 §3: the
// RCODE is about the chain's last name): it is malformed, not an answer
// whose records some callers would use and others would take for absent.
func TestNXDomainWithRecords(t *testing.T) {
	c, _ := newClient(t, func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
		return answer(t, q, func(m *dns.Msg) {
			m.Rcode = dns.RcodeNameError
			m.Answer = []dns.RR{mustRR(t, `example.com. 300 IN TXT "v=spf1 -all"`)}
		}), nil
	})
	if r, err := c.Query(context.Background(), "example.com", dns.TypeTXT); !errors.Is(err, doh.ErrMalformed) || !doh.IsTemporary(err) {
		t.Errorf("%v, %v; want a temporary ErrMalformed", r, err)
	}
	// A chain to a name that does not exist is a plain NXDOMAIN.
	c, _ = newClient(t, func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
		return answer(t, q, func(m *dns.Msg) {
			m.Rcode = dns.RcodeNameError
			m.Answer = []dns.RR{mustRR(t, `example.com. 300 IN CNAME gone.example.net.`)}
		}), nil
	})
	if r, err := c.Query(context.Background(), "example.com", dns.TypeTXT); err != nil || !r.NXDomain() || r.Target() != "gone.example.net." {
		t.Errorf("%v, %v; want NXDOMAIN at gone.example.net.", r, err)
	}
}

// RCODE 16 in a message is BADVERS (RFC 6891 §9); BADSIG, its other name,
// is only for TSIG records (RFC 8945).
func TestBadVersName(t *testing.T) {
	err := &doh.Error{Kind: doh.ErrRcode, Name: "example.com.", Type: dns.TypeTXT, Rcode: dns.RcodeBadVers}
	if !strings.Contains(err.Error(), "BADVERS") {
		t.Errorf("%q does not say BADVERS", err)
	}
}

// RFC 2181 §8: a TTL with the most significant bit set is taken as 0.
func TestTTLHighBit(t *testing.T) {
	c, _ := newClient(t, func(t *testing.T, q *dns.Msg) (*doh.HTTPResponse, error) {
		return answer(t, q, func(m *dns.Msg) {
			m.Answer = []dns.RR{mustRR(t, `example.com. 2147483648 IN TXT "a"`), mustRR(t, `example.com. 2147483647 IN TXT "b"`)}
		}), nil
	})
	r, err := c.Query(context.Background(), "example.com", dns.TypeTXT)
	if err != nil {
		t.Fatal(err)
	}
	if r.Answer[0].Header().Ttl != 0 || r.Answer[1].Header().Ttl != 1<<31-1 || r.TTL != 0 {
		t.Errorf("TTLs %d, %d, TTL %d; want 0, 2147483647, 0", r.Answer[0].Header().Ttl, r.Answer[1].Header().Ttl, r.TTL)
	}
}
