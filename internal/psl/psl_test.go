package psl

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/net/publicsuffix"
)

// names are, for every rule of the list, the names that test it: the rule
// itself, a name under it, one two labels under it (a wildcard's "*" a
// real label), and the parent of an exception.
func names() []string {
	var out []string
	for rule := range tree() {
		base := strings.TrimPrefix(rule, "*.")
		out = append(out, base, "x."+base, "y.x."+base)
		if i := strings.IndexByte(base, '.'); i >= 0 {
			out = append(out, base[i+1:])
		}
	}
	return append(out, "", "com", "example", "example.example", "a.b.c.d.e", "-.com", "xn--p1ai", "президент.рф", ".", "a.", ".a", "a..b", "www.ck", "a.www.ck", "b.ck", "ck", "0.0.0.0", "192.0.2.1", "::1", "1.2.3.4.5")
}

// TestLikeXNet: for every rule of the list, and the edge cases, the same
// answers as x/net/publicsuffix (the list rules.go is generated from).
func TestLikeXNet(t *testing.T) {
	if !strings.HasPrefix(rules, "# ") || len(tree()) < 5000 {
		t.Fatalf("rules is not the list: %.100q", rules)
	}
	if lines := strings.Count(rules, "\n") - 1; len(tree()) != lines {
		t.Fatalf("the tree has %d names, rules %d lines: a line was read twice or not at all", len(tree()), lines)
	}
	for _, name := range names() {
		checkLikeXNet(t, name)
	}
}

// checkLikeXNet compares both functions' answers for name with x/net's.
func checkLikeXNet(t *testing.T, name string) {
	t.Helper()
	gotS, gotI := PublicSuffix(name)
	wantS, wantI := publicsuffix.PublicSuffix(name)
	if gotS != wantS || gotI != wantI {
		t.Errorf("PublicSuffix(%q) = %q, %v; x/net: %q, %v", name, gotS, gotI, wantS, wantI)
	}
	got, gerr := EffectiveTLDPlusOne(name)
	want, werr := publicsuffix.EffectiveTLDPlusOne(name)
	if got != want || (gerr == nil) != (werr == nil) {
		t.Errorf("EffectiveTLDPlusOne(%q) = %q, %v; x/net: %q, %v", name, got, gerr, want, werr)
	}
}

// TestRules: rules of each kind, and the sections.
func TestRules(t *testing.T) {
	for name, want := range map[string]struct {
		suffix string
		icann  bool
	}{
		"example.com":        {"com", true},
		"a.example.co.uk":    {"co.uk", true},
		"foo.blogspot.com":   {"blogspot.com", false}, // private section
		"a.b.ck":             {"b.ck", true},          // *.ck
		"a.www.ck":           {"ck", true},            // !www.ck
		"example.invalidtld": {"invalidtld", false},   // the default rule "*"
	} {
		if s, icann := PublicSuffix(name); s != want.suffix || icann != want.icann {
			t.Errorf("PublicSuffix(%q) = %q, %v; want %q, %v", name, s, icann, want.suffix, want.icann)
		}
	}
}

func FuzzPublicSuffix(f *testing.F) {
	for _, n := range []string{"example.com", "a.www.ck", "x.y.kawasaki.jp", "city.kawasaki.jp", "..", "a.b.c"} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, name string) {
		checkLikeXNet(t, name)
	})
}

func BenchmarkPublicSuffix(b *testing.B) {
	b.Run("psl", func(b *testing.B) {
		for b.Loop() {
			PublicSuffix("mail.example.co.uk")
		}
	})
	b.Run("x/net", func(b *testing.B) {
		for b.Loop() {
			publicsuffix.PublicSuffix("mail.example.co.uk")
		}
	})
}

// BenchmarkReadTree: what the first use of the list costs.
func BenchmarkReadTree(b *testing.B) {
	for b.Loop() {
		readTree()
	}
}

// TestRulesCurrent: rules.go is what ./gen writes from the x/net that
// go.mod names, so that updating x/net without go generate fails here.
func TestRulesCurrent(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs natively: it needs the go command")
	}
	out := filepath.Join(t.TempDir(), "rules.go")
	if b, err := exec.Command("go", "run", "./gen", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	current, err := os.ReadFile("rules.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, current) {
		t.Error("rules.go is not what ./gen writes from x/net's list: run go generate ./internal/psl")
	}
}
