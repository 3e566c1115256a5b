package spf

import (
	"errors"
	"testing"

	"github.com/mxplain/mxplain/internal/ipaddr"
)

func mustAddr(t *testing.T, s string) ipaddr.Addr {
	t.Helper()
	a, err := ipaddr.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The examples of RFC 7208 §7.4.
func TestExpandMacroRFCExamples(t *testing.T) {
	v4 := MacroVars{Sender: "strong-bad@email.example.com", LocalPart: "strong-bad", SenderDomain: "email.example.com",
		Domain: "email.example.com", IP: mustAddr(t, "192.0.2.3"), PTRName: "mx.example.org"}
	v6 := v4
	v6.IP = mustAddr(t, "2001:db8::cb01")
	tests := map[string]struct {
		vars MacroVars
		spec string
		want string
	}{
		"s":           {v4, "%{s}", "strong-bad@email.example.com"},
		"o":           {v4, "%{o}", "email.example.com"},
		"d":           {v4, "%{d}", "email.example.com"},
		"d4":          {v4, "%{d4}", "email.example.com"},
		"d3":          {v4, "%{d3}", "email.example.com"},
		"d2":          {v4, "%{d2}", "example.com"},
		"d1":          {v4, "%{d1}", "com"},
		"dr":          {v4, "%{dr}", "com.example.email"},
		"d2r":         {v4, "%{d2r}", "example.email"},
		"l":           {v4, "%{l}", "strong-bad"},
		"l-":          {v4, "%{l-}", "strong.bad"},
		"lr":          {v4, "%{lr}", "strong-bad"},
		"lr-":         {v4, "%{lr-}", "bad.strong"},
		"l1r-":        {v4, "%{l1r-}", "strong"},
		"ir v":        {v4, "%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"},
		"lr- lp":      {v4, "%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"},
		"lr- ir":      {v4, "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"},
		"ir l1r-":     {v4, "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"},
		"trusted":     {v4, "%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"},
		"ipv6":        {v6, "%{ir}.%{v}._spf.%{d2}", "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com"},
		"escapes":     {v4, "a%%b%_c%-d", "a%b c%20d"},
		"p":           {v4, "%{p}", "mx.example.org"},
		"p unknown":   {MacroVars{}, "%{p}", "unknown"},
		"upper":       {MacroVars{LocalPart: "~jack&jill=up-a_b3.c"}, "%{L}", "~jack%26jill%3Dup-a_b3.c"},
		"mapped v4":   {MacroVars{IP: mustAddr(t, "::ffff:192.0.2.3")}, "%{i}.%{v}", "192.0.2.3.in-addr"},
		"digits big":  {v4, "%{d200}", "email.example.com"},
		"multi delim": {MacroVars{LocalPart: "foo-bar+zip+quux"}, "%{l2r+-}", "bar.foo"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ExpandMacro(tc.spec, tc.vars, false)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("ExpandMacro(%q) = %q, want %q", tc.spec, got, tc.want)
			}
		})
	}
}

func TestExpandMacroExpText(t *testing.T) {
	v := MacroVars{IP: mustAddr(t, "2001:db8::cb01"), ReceivingHost: "mx.example.net", Timestamp: 1700000000, Sender: "a b@example.com"}
	got, err := ExpandMacro("%{c} via %{r} at %{t} for %{S}", v, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := "2001:db8::cb01 via mx.example.net at 1700000000 for a%20b%40example.com"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, _ := ExpandMacro("%{r}", MacroVars{}, true); got != "unknown" {
		t.Errorf("%%{r} with no host = %q, want unknown", got)
	}
}

func TestExpandMacroErrors(t *testing.T) {
	for _, spec := range []string{"%{c}", "%{r}.x", "%{t}", "%(ir)", "%", "%{x}", "%{d0}", "%{d", "%{}", "%{d2q}", "a b"} {
		t.Run(spec, func(t *testing.T) {
			_, err := ExpandMacro(spec, MacroVars{}, false)
			if !errors.Is(err, ErrMacro) {
				t.Errorf("ExpandMacro(%q) error = %v, want ErrMacro", spec, err)
			}
			var me *MacroError
			if !errors.As(err, &me) {
				t.Errorf("error %v does not wrap *MacroError", err)
			}
		})
	}
}

func TestTruncateDomain(t *testing.T) {
	long := ""
	for len(long) < 300 {
		long += "label.example."
	}
	long += "com"
	got := TruncateDomain(long)
	if len(got) > 253 || got[len(got)-3:] != "com" || got[0] == '.' {
		t.Errorf("TruncateDomain gave %d bytes: %q", len(got), got)
	}
	if TruncateDomain("example.com") != "example.com" {
		t.Error("short name changed")
	}
}

// FuzzParseMacroString checks the macro parser: no panic, every part inside
// the string, each part's text the bytes at its offsets and the parts in
// order without gaps up to the error (or the end), an error's offsets inside
// the string, and ExpandMacro failing exactly when parsing does.
func FuzzParseMacroString(f *testing.F) {
	for _, s := range []string{"%{ir}.%{v}._spf.%{d2}", "%{l2r+-}", "a%%b%_c%-d", "%{d0}", "%{x}", "%(ir)", "%", "%{", "exp %{c} at %{t}", "%{D200r.}"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, expText bool) {
		parts, err := ParseMacroString(s, expText)
		end := 0
		for _, p := range parts {
			if p.Start != end || p.End < p.Start || p.End > len(s) || s[p.Start:p.End] != p.Text {
				t.Fatalf("part %+v of %q: not the bytes at its offsets after %d", p, s, end)
			}
			end = p.End
		}
		var me *MacroError
		switch {
		case err == nil && end != len(s):
			t.Fatalf("parts of %q end at %d without an error", s, end)
		case err != nil && (!errors.As(err, &me) || me.Start < end || me.End < me.Start || me.End > len(s)):
			t.Fatalf("error %v of %q after part end %d", err, s, end)
		}
		if _, xerr := ExpandMacro(s, MacroVars{Domain: "example.com"}, expText); (xerr == nil) != (err == nil) || xerr != nil && !errors.Is(xerr, ErrMacro) {
			t.Fatalf("ExpandMacro(%q) error %v, ParseMacroString error %v", s, xerr, err)
		}
	})
}
