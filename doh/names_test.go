package doh_test

import (
	"fmt"
	"testing"

	"github.com/mxplain/mxplain/doh"
)

func TestCanonicalName(t *testing.T) {
	tests := map[string]struct {
		in, want string
		ok       bool
	}{
		"plain":             {"Example.COM", "example.com.", true},
		"root":              {".", ".", true},
		"empty is the root": {"", ".", true},
		"at sign":           {"user@A.test", `user\@a.test.`, true},
		"escaped at":        {`user\@a.test.`, `user\@a.test.`, true},
		"decimal at":        {`user\064a.test`, `user\@a.test.`, true},
		"space (%_)":        {"a b.test", `a\ b.test.`, true},
		"specials":          {`x(y);"z".test`, `x\(y\)\;\"z\".test.`, true},
		"escaped dot":       {`a\.b.test`, `a\.b.test.`, true},
		"decimal letter":    {`\065.test`, "a.test.", true},
		// RFC 4343 §3: only ASCII letters fold; other octets stay as they are.
		"non-ascii":            {"CAFÉ.test", `caf\195\137.test.`, true},
		"empty label":          {"a..b", "a..b", false},
		"long label":           {fmt.Sprintf("%063d%s", 0, "x.test"), fmt.Sprintf("%063d%s", 0, "x.test"), false},
		"escape over 255":      {`\256.test`, `\256.test`, false},
		"escape of two digits": {`a\12.test`, `a\12.test`, false},
		"trailing backslash":   {`test\`, `test\`, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := doh.CanonicalName(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("CanonicalName(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestEqualNames(t *testing.T) {
	tests := map[string]struct {
		a, b string
		want bool
	}{
		"case":            {"EXAMPLE.com", "example.COM.", true},
		"escape and raw":  {`user\@a.test.`, "user@A.TEST", true},
		"decimal escape":  {`a\032b.test`, "a b.test.", true},
		"escaped dot":     {`a\.b.test`, "a.b.test", false},
		"non-ascii case":  {"É.test", "é.test", false},
		"different":       {"a.test", "b.test", false},
		"invalid":         {"a..b", "a..b", false},
		"escape over 255": {`\256.test`, `\000.test`, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := doh.EqualNames(tc.a, tc.b); got != tc.want {
				t.Errorf("EqualNames(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// FuzzCanonicalName: the canonical form is a fixed point, equal to the name
// it came from, and EqualNames agrees with comparing canonical forms.
func FuzzCanonicalName(f *testing.F) {
	for _, s := range []string{"example.com", `user\@a.test.`, "a b", `\065\.x`, "CAFÉ.", "a..b", `\256`, `x\`, "."} {
		f.Add(s, "EXAMPLE.com.")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ca, okA := doh.CanonicalName(a)
		if !okA {
			if ca != a || doh.EqualNames(a, a) {
				t.Fatalf("invalid %q: CanonicalName gave %q, EqualNames(a, a) %v", a, ca, doh.EqualNames(a, a))
			}
			return
		}
		if again, ok := doh.CanonicalName(ca); !ok || again != ca {
			t.Fatalf("CanonicalName(%q) = %q, then %q, %v", a, ca, again, ok)
		}
		if !doh.EqualNames(a, ca) {
			t.Fatalf("%q is not equal to its canonical form %q", a, ca)
		}
		cb, okB := doh.CanonicalName(b)
		if eq := doh.EqualNames(a, b); eq != (okB && ca == cb) {
			t.Fatalf("EqualNames(%q, %q) = %v, canonical forms %q and %q", a, b, eq, ca, cb)
		}
	})
}

func ExampleEqualNames() {
	// The name an SPF macro expands to (RFC 7208 §7.4), as sent and as
	// miekg/dns prints it back from the answer.
	fmt.Println(doh.EqualNames("user@Example.com", `user\@example.com.`))
	name, _ := doh.CanonicalName("user@Example.com")
	fmt.Println(name)
	// Output:
	// true
	// user\@example.com.
}
