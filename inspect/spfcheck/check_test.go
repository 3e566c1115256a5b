package spfcheck

import (
	"context"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/spf"
)

type checkCase struct {
	ip, domain, sender string
	receiver           string
	now                time.Time
	result             Result
	code               string
	exp                string
	lookups, voids     int
	steps              []string // "depth term match result" of every step, when not nil
	note               string   // a substring of the deciding step's note
	problem            string   // a substring of Problem
}

var checkCases = map[string]checkCase{
	"ip4 pass": {ip: "192.0.2.7", domain: "check.example", result: ResultPass,
		steps: []string{"0 ip4:192.0.2.0/24 true pass"}, note: "192.0.2.7 is in 192.0.2.0/24"},
	"ip6 pass": {ip: "2001:db8::5", domain: "check.example", result: ResultPass,
		note: "2001:db8::5 is in 2001:db8::/32"},
	"ipv4-mapped is ipv4": {ip: "::ffff:192.0.2.7", domain: "check.example", result: ResultPass,
		note: "192.0.2.7 is in 192.0.2.0/24"},
	"include pass": {ip: "203.0.113.9", domain: "check.example", result: ResultPass, lookups: 2,
		steps: []string{
			"0 ip4:192.0.2.0/24 false ",
			"0 ip6:2001:db8::/32 false ",
			"0 include:_spf.check.example true pass",
			"1 a:out.check.example/30 true pass",
		}},
	"mx pass": {ip: "198.51.100.25", domain: "check.example", result: ResultPass, lookups: 3,
		note: "198.51.100.25 is in 198.51.100.25/32 (an address of mail.check.example, MX of check.example)"},
	"exists pass": {ip: "233.0.0.2", domain: "check.example", sender: "bob@check.example", result: ResultPass, lookups: 4,
		note: "2.0.0.233.bob._allow.check.example has an A record"},
	"fail with exp": {ip: "198.51.100.99", domain: "check.example", sender: "alice@check.example",
		receiver: "mx.receiver.example", now: time.Unix(1764201600, 0),
		result: ResultFail, lookups: 4, voids: 1,
		exp: "198.51.100.99 is not one of check.example's senders (checked by mx.receiver.example at 1764201600, sender alice@check.example)",
		steps: []string{
			"0 ip4:192.0.2.0/24 false ",
			"0 ip6:2001:db8::/32 false ",
			"0 include:_spf.check.example false fail",
			"1 a:out.check.example/30 false ",
			"1 -all true fail",
			"0 mx false ",
			"0 exists:%{ir}.%{l1r-}._allow.check.example false ",
			"0 -all true fail",
		}},
	"exp without receiver or time": {ip: "198.51.100.99", domain: "check.example", result: ResultFail, lookups: 4, voids: 1,
		exp: "198.51.100.99 is not one of check.example's senders (checked by unknown at 0, sender postmaster@mail.client.example)"},
	"exp with two TXT records": {ip: "192.0.2.1", domain: "twoexp.check.example", result: ResultFail,
		note: "no explanation: _two.check.example has 2 TXT records"},
	"exp with a bad macro": {ip: "192.0.2.1", domain: "badexp.check.example", result: ResultFail,
		note: `no explanation: the TXT record of _bad.check.example is not a valid explanation string`},
	"exp with no TXT record": {ip: "192.0.2.1", domain: "noexp.check.example", result: ResultFail,
		note: "no explanation: _none.check.example has no TXT record"},
	"softfail":     {ip: "192.0.2.1", domain: "soft.check.example", result: ResultSoftfail},
	"neutral":      {ip: "192.0.2.2", domain: "neutral.check.example", result: ResultNeutral, note: "192.0.2.2 is not in 192.0.2.1/32"},
	"redirect":     {ip: "198.51.100.25", domain: "redirect.example", result: ResultPass, lookups: 3},
	"none":         {ip: "192.0.2.1", domain: "nothing.broken.example", result: ResultNone, code: CodeCheckRecordNone},
	"no spf":       {ip: "192.0.2.1", domain: "broken.example", result: ResultNone, code: CodeCheckRecordNone},
	"bad domain":   {ip: "192.0.2.1", domain: "[192.0.2.1]", result: ResultNone, code: CodeCheckDomainInvalid},
	"no ip":        {ip: "", domain: "check.example", result: ResultNone, code: CodeCheckIPMissing},
	"single label": {ip: "192.0.2.1", domain: "localhost", result: ResultNone, code: CodeCheckDomainInvalid},
	"several":      {ip: "192.0.2.1", domain: "multi.broken.example", result: ResultPermerror, code: CodeCheckRecordMultiple},
	"syntax":       {ip: "192.0.2.1", domain: "syntax.broken.example", result: ResultPermerror, code: CodeCheckRecordInvalid},
	"11 lookups": {ip: "233.252.0.1", domain: "many.example", result: ResultPermerror, code: CodeCheckLookupsExceeded, lookups: 11,
		note: "lookup 11 of 10 allowed"},
	"void lookups": {ip: "233.252.0.1", domain: "void.example", result: ResultPermerror, code: CodeCheckVoidExceeded, lookups: 4, voids: 3,
		note: "void lookup (3 of 2 allowed)"},
	"mx too many":   {ip: "233.252.0.1", domain: "mxmany.broken.example", result: ResultPermerror, code: CodeCheckMXTooMany, lookups: 1},
	"include none":  {ip: "233.252.0.1", domain: "norecord.example", result: ResultPermerror, code: CodeCheckIncludeNone, lookups: 1, voids: 1},
	"redirect none": {ip: "233.252.0.1", domain: "redir.broken.example", result: ResultPermerror, code: CodeCheckRedirectNone, lookups: 1, voids: 1},
	"loop": {ip: "233.252.0.1", domain: "loop.example", result: ResultPermerror, code: CodeCheckLookupsExceeded, lookups: 11,
		problem: "the records include each other in a loop (loop.example → _a.loop.example → loop.example)"},
	"temperror": {ip: "233.252.0.1", domain: "tempfail.broken.example", result: ResultTemperror, code: CodeCheckTemperror, lookups: 1},
}

func stepString(s Step) string {
	return strings.Join([]string{itoa(s.Depth), s.Term, boolString(s.Match), string(s.Result)}, " ")
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func runCheck(t *testing.T, r doh.Resolver, tc checkCase) *Evaluation {
	t.Helper()
	var ip netip.Addr
	if tc.ip != "" {
		ip = netip.MustParseAddr(tc.ip)
	}
	return Check(context.Background(), r, Query{IP: ip, Domain: tc.domain, Sender: tc.sender, Helo: "mail.client.example", Receiver: tc.receiver, Now: tc.now})
}

func TestCheck(t *testing.T) {
	store := loadStore(t)
	for name, tc := range checkCases {
		t.Run(name, func(t *testing.T) {
			ev := runCheck(t, store, tc)
			if ev.Result != tc.result || ev.Code != tc.code {
				t.Fatalf("result %s (%s: %s), want %s (%s)\npath: %s", ev.Result, ev.Code, ev.Problem, tc.result, tc.code, pathString(ev.Path))
			}
			if (ev.Problem == "") != (tc.code == "") {
				t.Errorf("problem %q with code %q", ev.Problem, ev.Code)
			}
			if ev.Explanation != tc.exp {
				t.Errorf("explanation %q, want %q", ev.Explanation, tc.exp)
			}
			if ev.DNSLookups != tc.lookups || ev.VoidLookups != tc.voids {
				t.Errorf("lookups %d (void %d), want %d (%d)\npath: %s", ev.DNSLookups, ev.VoidLookups, tc.lookups, tc.voids, pathString(ev.Path))
			}
			if tc.steps != nil {
				var got []string
				for _, s := range ev.Path {
					got = append(got, stepString(s))
				}
				if strings.Join(got, "\n") != strings.Join(tc.steps, "\n") {
					t.Errorf("path:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.steps, "\n"))
				}
			}
			if !strings.Contains(ev.Problem, tc.problem) {
				t.Errorf("problem %q does not say %q", ev.Problem, tc.problem)
			}
			if tc.note != "" {
				if len(ev.Path) == 0 || !strings.Contains(ev.Path[len(ev.Path)-1].Note, tc.note) {
					t.Errorf("last step's note does not say %q\npath: %s", tc.note, pathString(ev.Path))
				}
			}
			if _, err := json.Marshal(ev); err != nil {
				t.Error(err)
			}
		})
	}
}

// failing answers with a timeout for one name and passes the rest on.
type failing struct {
	r    doh.Resolver
	name string
}

func (f failing) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	if strings.EqualFold(dns.Fqdn(name), dns.Fqdn(f.name)) {
		return nil, &doh.Error{Kind: doh.ErrTimeout, Name: name, Type: qtype, Err: context.DeadlineExceeded}
	}
	return f.r.Query(ctx, name, qtype)
}

func TestCheckTimeout(t *testing.T) {
	store := loadStore(t)
	ip := netip.MustParseAddr("233.252.0.1")
	t.Run("a lookup times out", func(t *testing.T) {
		ev := Check(context.Background(), failing{store, "slow.check.example"}, Query{IP: ip, Domain: "timeout.check.example"})
		if ev.Result != ResultTemperror || ev.Code != CodeCheckTemperror || !strings.Contains(ev.Problem, "timed out") {
			t.Errorf("got %s (%s): %s", ev.Result, ev.Code, ev.Problem)
		}
	})
	t.Run("the context ends", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		ev := Check(ctx, latency{store, time.Hour, nil}, Query{IP: ip, Domain: "check.example"})
		if ev.Result != ResultTemperror || ev.Code != CodeCheckTemperror {
			t.Errorf("got %s (%s): %s", ev.Result, ev.Code, ev.Problem)
		}
	})
	t.Run("the context has ended", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		ev := Check(ctx, store, Query{IP: ip, Domain: "check.example"})
		tr := Walk(ctx, store, "tree.example")
		if ev.Result != ResultTemperror || len(tr.Problems) != 1 || tr.Problems[0].Code != CodeTreeTemperror {
			t.Errorf("check %s, walk %v", ev.Result, tr.Problems)
		}
	})
}

// TestCodesCovered fails when a code constant fires in no test case.
func TestCodesCovered(t *testing.T) {
	store := loadStore(t)
	seen := map[string]bool{}
	for _, tc := range checkCases {
		seen[runCheck(t, store, tc).Code] = true
	}
	for _, d := range []string{"tree.example", "loop.example", "norecord.example", "many.example", "void.example",
		"broken.example", "multi.broken.example", "syntax.broken.example", "mxmany.broken.example",
		"macro.broken.example", "redir.broken.example", "tempfail.broken.example", "[192.0.2.1]"} {
		for _, p := range Walk(context.Background(), store, d).Problems {
			seen[p.Code] = true
		}
	}
	for _, p := range walk(context.Background(), store, "cut.example", 3).Problems { // TestWalkCut
		seen[p.Code] = true
	}
	for _, c := range AllCodes {
		if !seen[c] {
			t.Errorf("code %s fires in no test case", c)
		}
	}
}

// BenchmarkCheck evaluates a realistic policy (ip4, ip6, an include, mx,
// exists with macros, exp) for a client that fails, the longest path, from
// an in-memory zone.
func BenchmarkCheck(b *testing.B) {
	store := loadStore(b)
	q := Query{IP: netip.MustParseAddr("198.51.100.99"), Domain: "check.example", Sender: "alice@check.example"}
	for b.Loop() {
		if ev := Check(context.Background(), store, q); ev.Result != ResultFail {
			b.Fatal(ev.Result)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// TestCheckNoHelo: with no HELO name, %{h} expands to nothing; the step
// says so rather than only that the name it built is not valid.
func TestCheckNoHelo(t *testing.T) {
	ev := Check(context.Background(), loadStore(t), Query{IP: netip.MustParseAddr("192.0.2.1"), Domain: "helo.check.example"})
	if ev.Result != ResultFail || len(ev.Path) != 2 {
		t.Fatalf("result %s, path %s", ev.Result, pathString(ev.Path))
	}
	if n := ev.Path[0].Note; !strings.Contains(n, "%{h} is empty: no HELO name was given") {
		t.Errorf("note %q does not say %%{h} is empty", n)
	}
}

// TestSyntaxErrorNamesFinding checks that a record's syntax error is
// pointed at by its bytes and finding code, not retold: the message of
// spf's finding is not nested in Check's problem, Walk's problem or the
// node's error (the record's own findings say it).
func TestSyntaxErrorNamesFinding(t *testing.T) {
	const domain, bad = "syntax.broken.example", "v=spf1 ip4:192.0.2.300 -all"
	store := loadStore(t)
	_, findings := spf.Parse(bad)
	if len(findings) == 0 || findings[0].Code != spf.CodeIP4Invalid {
		t.Fatalf("findings of %q: %+v", bad, findings)
	}
	msg := findings[0].Message
	ev := Check(context.Background(), store, Query{IP: netip.MustParseAddr("192.0.2.1"), Domain: domain})
	tr := Walk(context.Background(), store, domain)
	if len(tr.Problems) != 1 {
		t.Fatalf("problems %+v", tr.Problems)
	}
	for what, s := range map[string]string{"check": ev.Problem, "walk": tr.Problems[0].Message, "node": tr.Root.Error} {
		if !strings.Contains(s, `"192.0.2.300"`) || !strings.Contains(s, spf.CodeIP4Invalid) || strings.Contains(s, msg) {
			t.Errorf("%s says %q: want the bytes and %s, not the finding's message", what, s, spf.CodeIP4Invalid)
		}
	}
}

// TestTreeRef: every code of the tree cites its section of RFC 7208.
func TestTreeRef(t *testing.T) {
	for _, c := range AllCodes {
		if strings.HasPrefix(c, "spf.tree.") && !strings.HasPrefix(TreeRef(c), "RFC 7208 §") {
			t.Errorf("%s: TreeRef %q", c, TreeRef(c))
		}
	}
	if TreeRef(CodeCheckIPMissing) != "" {
		t.Error("a check code has a tree ref")
	}
}
