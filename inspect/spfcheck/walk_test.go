package spfcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/internal/golden"
)

func loadStore(t testing.TB) *zone.Store {
	t.Helper()
	s, err := zone.LoadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// treeText renders a Tree for golden files: one line per node with its
// spends, then the totals, networks and problems.
func treeText(tr *Tree) string {
	var b strings.Builder
	var node func(n *Node, depth int)
	node = func(n *Node, depth int) {
		ind := strings.Repeat("  ", depth)
		fmt.Fprintf(&b, "%s%s", ind, n.Domain)
		if n.Via != "" {
			fmt.Fprintf(&b, "  (via %s)", n.Via)
		}
		b.WriteByte('\n')
		for _, v := range n.Values {
			fmt.Fprintf(&b, "%s  record %q\n", ind, v)
		}
		if n.Error != "" {
			fmt.Fprintf(&b, "%s  error: %s\n", ind, n.Error)
		}
		for _, s := range n.Spends {
			void := ""
			if s.Void {
				void = " (void)"
			}
			fmt.Fprintf(&b, "%s  lookup %d: %s%s\n", ind, s.Lookup, s.Term, void)
		}
		for _, c := range n.Children {
			node(c, depth+1)
		}
	}
	node(tr.Root, 0)
	fmt.Fprintf(&b, "\nDNS lookups: %d, void lookups: %d\n", tr.DNSLookups, tr.VoidLookups)
	fmt.Fprintf(&b, "networks:")
	for _, p := range tr.Networks {
		fmt.Fprintf(&b, " %s", p)
	}
	b.WriteString("\n")
	for _, p := range tr.Problems {
		fmt.Fprintf(&b, "\n%s %s [%s %q]\n  %s\n", p.Severity, p.Code, p.Domain, p.Term, p.Message)
	}
	return b.String()
}

func problemCodes(tr *Tree) []string {
	var cs []string
	for _, p := range tr.Problems {
		cs = append(cs, p.Code)
	}
	return cs
}

func TestWalk(t *testing.T) {
	store := loadStore(t)
	tests := map[string]struct {
		domain   string
		lookups  int
		voids    int
		codes    []string
		networks []string // when not nil: exactly these
		term     string   // the term named by the first problem
	}{
		"tree": {domain: "tree.example", lookups: 6, codes: nil, networks: []string{
			"192.0.2.0/24", "198.51.100.1/32", "198.51.100.10/32", "198.51.100.11/32",
			"203.0.113.0/28", "203.0.113.128/25", "2001:db8::1/128", "2001:db8::11/128", "2001:db8:1::/48"}},
		"loop":         {domain: "loop.example", lookups: 2, codes: []string{CodeTreeIncludeLoop}, term: "include:loop.example"},
		"include %{d}": {domain: "dself.loop.example", lookups: 1, codes: []string{CodeTreeIncludeLoop}, term: "include:%{d}"},
		"redirect %{d}": {domain: "rself.loop.example", lookups: 1, codes: []string{CodeTreeIncludeLoop}, term: "redirect=%{d}",
			networks: []string{"192.0.2.3/32"}},
		"escaped self":       {domain: "esc.loop.example", lookups: 1, codes: []string{CodeTreeIncludeLoop}, term: `include:\101SC.Loop.example`},
		"include %{o} below": {domain: "oself.loop.example", lookups: 2, codes: []string{CodeTreeIncludeLoop}, term: "include:%{o}"},
		"domain macros followed": {domain: "static.loop.example", lookups: 2, voids: 1,
			networks: []string{"192.0.2.4/32"}},
		"no record": {domain: "norecord.example", lookups: 2, voids: 1, codes: []string{CodeTreeIncludeNone, CodeTreeIncludeNone}, term: "include:missing.norecord.example"},
		"11 lookups": {domain: "many.example", lookups: 11, codes: []string{CodeTreeLookupsExceeded}, term: "exists:%{i}._e.many.example",
			networks: []string{"192.0.2.1/32", "192.0.2.11/32", "192.0.2.12/32", "192.0.2.13/32", "192.0.2.14/32", "192.0.2.15/32", "192.0.2.16/32"}},
		"void lookups": {domain: "void.example", lookups: 4, voids: 3, codes: []string{CodeTreeVoidExceeded}, term: "exists:gone3.void.example",
			networks: []string{"192.0.2.0/24"}},
		"redirect":         {domain: "redirect.example", lookups: 3, networks: []string{"192.0.2.1/32", "198.51.100.7/32", "198.51.100.25/32"}},
		"depth 4":          {domain: "deep.example", lookups: 5, networks: []string{"192.0.2.0/28", "192.0.2.16/28", "192.0.2.32/28", "192.0.2.48/28", "2001:db8:2::/48"}},
		"no spf":           {domain: "broken.example", codes: []string{CodeTreeRecordNone}},
		"nxdomain":         {domain: "nothing.broken.example", codes: []string{CodeTreeRecordNone}},
		"several":          {domain: "multi.broken.example", codes: []string{CodeTreeRecordMultiple}},
		"syntax":           {domain: "syntax.broken.example", codes: []string{CodeTreeRecordInvalid}},
		"mx too many":      {domain: "mxmany.broken.example", lookups: 1, codes: []string{CodeTreeMXTooMany}, term: "mx"},
		"macro include":    {domain: "macro.broken.example", lookups: 1, codes: []string{CodeTreeMacroSkipped}, networks: []string{"192.0.2.0/28"}},
		"redirect none":    {domain: "redir.broken.example", lookups: 1, voids: 1, codes: []string{CodeTreeRedirectNone}, term: "redirect=_nothing.broken.example"},
		"temperror":        {domain: "tempfail.broken.example", lookups: 1, codes: []string{CodeTreeTemperror}, term: "include:loop1.broken.example"},
		"invalid domain":   {domain: "[192.0.2.1]", codes: []string{CodeTreeDomainInvalid}},
		"root temperror":   {domain: "loop1.broken.example", codes: []string{CodeTreeTemperror}},
		"outside the zone": {domain: "example.org", codes: []string{CodeTreeTemperror}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tr := Walk(context.Background(), store, tc.domain)
			if tr.DNSLookups != tc.lookups || tr.VoidLookups != tc.voids {
				t.Errorf("lookups %d, void %d; want %d, %d", tr.DNSLookups, tr.VoidLookups, tc.lookups, tc.voids)
			}
			if got := problemCodes(tr); !slices.Equal(got, tc.codes) {
				t.Errorf("problems %v, want %v\n%s", got, tc.codes, treeText(tr))
			}
			if tc.term != "" && (len(tr.Problems) == 0 || tr.Problems[0].Term != tc.term) {
				t.Errorf("first problem names %q, want %q", tr.Problems[0].Term, tc.term)
			}
			if tc.networks != nil {
				var got []string
				for _, p := range tr.Networks {
					got = append(got, p.String())
				}
				if !slices.Equal(got, tc.networks) {
					t.Errorf("networks %v, want %v", got, tc.networks)
				}
			}
			for _, p := range tr.Problems {
				if p.Message == "" || p.Severity == "" {
					t.Errorf("problem %s has no message or severity", p.Code)
				}
			}
			golden.Check(t, "testdata/walk/"+strings.ReplaceAll(name, " ", "-")+".golden", []byte(treeText(tr)))
		})
	}
}

// TestWalkJSON checks that the Tree marshals with lists, never null.
func TestWalkJSON(t *testing.T) {
	tr := Walk(context.Background(), loadStore(t), "norecord.example")
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"values", "spends", "children", "networks", "problems"} {
		if strings.Contains(string(b), `"`+f+`":null`) {
			t.Errorf("JSON has %s null: %s", f, b)
		}
	}
	if tr.Root.Record == nil || tr.Root.Record.Owner != "norecord.example." {
		t.Errorf("root record not explained with its owner: %+v", tr.Root.Record)
	}
}

// TestWalkDeterministic walks the same trees many times concurrently: the
// result must not depend on the order answers arrive in.
func TestWalkDeterministic(t *testing.T) {
	store := loadStore(t)
	for _, d := range []string{"tree.example", "many.example", "void.example", "deep.example"} {
		want := treeText(Walk(context.Background(), latency{store, time.Millisecond, nil}, d))
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got := treeText(Walk(context.Background(), latency{store, time.Millisecond, nil}, d)); got != want {
					t.Errorf("%s: walk differs:\n%s\nwant:\n%s", d, got, want)
				}
			}()
		}
		wg.Wait()
	}
}

// TestWalkCountsLikeCheck compares Walk's lookup count with Check's for a
// client that matches nothing, which spends every lookup.
func TestWalkCountsLikeCheck(t *testing.T) {
	store := loadStore(t)
	ip := netip.MustParseAddr("233.252.0.1")
	for _, d := range []string{"tree.example", "deep.example", "redirect.example", "norecord.example", "void.example", "loop.example"} {
		tr := Walk(context.Background(), store, d)
		ev := Check(context.Background(), store, Query{IP: ip, Domain: d, Sender: "x@" + d, Helo: "mail." + d})
		// Check stops at the first permerror; Walk goes on counting.
		if ev.Result != ResultPermerror && (ev.DNSLookups != tr.DNSLookups || ev.VoidLookups != tr.VoidLookups) {
			t.Errorf("%s: Check spent %d lookups (%d void), Walk counted %d (%d void)", d, ev.DNSLookups, ev.VoidLookups, tr.DNSLookups, tr.VoidLookups)
		}
		if ev.Result == ResultPermerror && len(tr.Problems) == 0 {
			t.Errorf("%s: Check gives permerror (%s) but Walk sees no problem", d, ev.Problem)
		}
	}
}

// latency is a resolver that answers after a delay and counts queries.
type latency struct {
	r       doh.Resolver
	d       time.Duration
	queries *countQueries
}

type countQueries struct {
	mu sync.Mutex
	n  int
}

func (l latency) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	if l.queries != nil {
		l.queries.mu.Lock()
		l.queries.n++
		l.queries.mu.Unlock()
	}
	select {
	case <-time.After(l.d):
	case <-ctx.Done():
		return nil, &doh.Error{Kind: doh.ErrTimeout, Name: name, Type: qtype, Err: ctx.Err()}
	}
	return l.r.Query(ctx, name, qtype)
}

// BenchmarkWalk walks a tree of depth 4 (the root and three nested
// includes) through a resolver adding 50 ms to every answer. Children are
// fetched as soon as their parent answers, so a walk takes about 4 × 50 ms.
func BenchmarkWalk(b *testing.B) {
	store := loadStore(b)
	q := &countQueries{}
	r := latency{store, 50 * time.Millisecond, q}
	start := time.Now()
	for b.Loop() {
		tr := Walk(context.Background(), r, "deep.example")
		if len(tr.Problems) != 0 {
			b.Fatal(tr.Problems)
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/walk")
	b.ReportMetric(float64(q.n)/float64(b.N), "queries/walk")
}

// TestWalkCut: a record the walk does not fetch because it had fetched as
// many as it does, reached within the 10 lookups, is a problem (the tree
// is partial), not a silent gap.
func TestWalkCut(t *testing.T) {
	tr := walk(context.Background(), loadStore(t), "cut.example", 3)
	if got := problemCodes(tr); !slices.Equal(got, []string{CodeTreeWalkCut}) {
		t.Errorf("problems %v, want %s\n%s", got, CodeTreeWalkCut, treeText(tr))
	}
	if tr := Walk(context.Background(), loadStore(t), "cut.example"); len(tr.Problems) != 0 {
		t.Errorf("with the real bound: %v", problemCodes(tr))
	}
}
