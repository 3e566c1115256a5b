package spf

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// goldenOwner is the owner every golden case is explained with.
const goldenOwner = "example.com."

func goldenInputs(t testing.TB) map[string]string {
	t.Helper()
	paths, err := filepath.Glob("testdata/*.spf")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no testdata/*.spf inputs")
	}
	in := make(map[string]string, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in[strings.TrimSuffix(filepath.Base(p), ".spf")] = string(b)
	}
	return in
}

// TestGolden explains every testdata/*.spf input, checks its fixes
// (explaintest.CheckFixes) and compares the result with
// testdata/*.golden.json; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	used := map[string]bool{}
	for name, value := range goldenInputs(t) {
		t.Run(name, func(t *testing.T) {
			rec := Explain(value, explain.Context{Owner: goldenOwner})
			if err := rec.CheckSpans(len(value)); err != nil {
				t.Fatal(err)
			}
			if err := rec.CheckTexts(value); err != nil {
				t.Fatal(err)
			}
			explaintest.CheckFixes(t, rec, value, func(v string) explain.Record { return Explain(v, explain.Context{Owner: goldenOwner}) })
			for _, f := range rec.Findings {
				used[f.Code] = true
			}
			golden.JSON(t, filepath.Join("testdata", name+".golden.json"),
				explain.Explanation{Input: value, Records: []explain.Record{rec}})
		})
	}
	// The caller raises spf.record.multiple; cover it through its helper.
	used[MultipleFinding(explain.Span{0, 1}).Code] = true
	if missing := missingCodes(used); len(missing) > 0 {
		t.Errorf("finding codes in no golden output: %v", missing)
	}
}

// missingCodes lists, sorted, the codes of AllCodes that seen lacks.
func missingCodes(seen map[string]bool) []string {
	var missing []string
	for _, c := range AllCodes {
		if !seen[c] {
			missing = append(missing, c)
		}
	}
	sort.Strings(missing)
	return missing
}

func TestCodesDeclaredOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range AllCodes {
		if seen[c] {
			t.Errorf("code %s listed twice", c)
		}
		seen[c] = true
		if !strings.HasPrefix(c, "spf.") || strings.ToLower(c) != c {
			t.Errorf("code %s is not lowercase spf.<subject>.<problem>", c)
		}
	}
}

func TestMultipleFinding(t *testing.T) {
	f := MultipleFinding(explain.Span{3, 9})
	if f.Severity != explain.Error || f.Code != CodeRecordMultiple || f.Span != (explain.Span{3, 9}) || f.Message == "" {
		t.Errorf("MultipleFinding = %+v", f)
	}
}

func TestFacts(t *testing.T) {
	tests := map[string]struct {
		value    string
		lookups  int
		all      string
		redirect string
		def      string
	}{
		"seed":     {"v=spf1 ip4:abc.d.efg.h include:_spf.google.com -all", 1, "-all", "", "fail"},
		"redirect": {"v=spf1 mx redirect=_spf.example.net", 2, "", "_spf.example.net", "redirect"},
		"ignored":  {"v=spf1 mx redirect=_spf.example.net ~all", 1, "~all", "", "softfail"},
		"bare":     {"v=spf1 ip4:192.0.2.1", 0, "", "", "neutral"},
		"case":     {"v=spf1 A -ALL", 1, "-all", "", "fail"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{})
			if err := rec.CheckTexts(tc.value); err != nil {
				t.Fatal(err)
			}
			f := rec.Facts.(*Facts)
			if f.DNSLookups != tc.lookups {
				t.Errorf("dns_lookups = %d, want %d", f.DNSLookups, tc.lookups)
			}
			if got := deref(f.All); got != tc.all {
				t.Errorf("all = %q, want %q", got, tc.all)
			}
			if got := deref(f.Redirect); got != tc.redirect {
				t.Errorf("redirect = %q, want %q", got, tc.redirect)
			}
			if f.DefaultResult != tc.def {
				t.Errorf("default_result = %q, want %q", f.DefaultResult, tc.def)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestJSONListsNeverNull(t *testing.T) {
	b, err := json.Marshal(Explain("", explain.Context{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"fields":null`, `"findings":null`, `"includes":null`} {
		if strings.Contains(string(b), k) {
			t.Errorf("JSON has %s: %s", k, b)
		}
	}
}

func FuzzExplain(f *testing.F) {
	for _, v := range goldenInputs(f) {
		f.Add(v)
	}
	for _, v := range syntaxCases {
		f.Add(v.record)
	}
	f.Fuzz(func(t *testing.T, v string) {
		done := make(chan explain.Record, 1)
		go func() { done <- Explain(v, explain.Context{Owner: "example.com."}) }()
		var a explain.Record
		select {
		case a = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Explain(%q) did not return within 10s", v)
		}
		if err := a.CheckSpans(len(v)); err != nil {
			t.Fatal(err)
		}
		if err := a.CheckTexts(v); err != nil {
			t.Fatal(err)
		}
		b := Explain(v, explain.Context{Owner: "example.com."})
		ja, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("two runs differ:\n%s\n%s", ja, jb)
		}
		for _, f := range a.Findings {
			if got := Message(f.Code, f.Args); got != f.Message {
				t.Fatalf("%s: its args %v render %q, not its message %q", f.Code, f.Args, got, f.Message)
			}
		}
		if a.Valid == a.HasErrors() {
			t.Fatalf("valid = %v with errors = %v", a.Valid, a.HasErrors())
		}
		rec, _ := Parse(v)
		if rec.PermError() && a.Valid {
			t.Fatal("permerror record explained as valid")
		}
		explaintest.CheckFixes(t, a, v, func(v string) explain.Record { return Explain(v, explain.Context{Owner: "example.com."}) })
	})
}

func BenchmarkExplain(b *testing.B) {
	const v = "v=spf1 mx a:mail.example.com ip4:198.51.100.0/24 ip6:2001:db8::/32 include:_spf.google.com include:spf.protection.outlook.com include:sendgrid.net exists:%{ir}.%{v}._spf.%{d2} -all"
	explaintest.Benchmark(b, 1, func() { Explain(v, explain.Context{Owner: "example.com."}) })
}

// TestFieldMeanings pins what a field's meaning says where the wrong
// meaning would mislead: name is the field's name among the fields and their
// children (the first such field), want a phrase its meaning holds and
// notWant one it must not.
func TestFieldMeanings(t *testing.T) {
	tests := map[string]struct {
		value, name, want, notWant string
	}{
		"ip4 prefix too long": {value: "v=spf1 ip4:192.0.2.1/33 -all", name: "ip4",
			want: `prefix length "/33" is not valid`, notWant: "is not one"},
		"ip4 prefix empty": {value: "v=spf1 ip4:192.0.2.1/ -all", name: "network",
			want: "The address 192.0.2.1", notWant: "Not a valid address"},
		"ip4 dual prefix": {value: "v=spf1 ip4:192.0.2.1//64 -all", name: "ip4",
			want: `prefix length "//64" is not valid`, notWant: "is not one"},
		"ip6 prefix too long": {value: "v=spf1 ip6:2001:db8::1/129 -all", name: "network",
			want: "The address 2001:db8::1", notWant: "Not a valid address"},
		"ptr names a subdomain, not a suffix": {value: "v=spf1 ptr:example.com -all", name: "ptr",
			want: "example.com or a name below it", notWant: "ends in"},
		"two qualifiers before all": {value: "v=spf1 mx +-all", name: "-all",
			want: "two qualifiers", notWant: "glued"},
		"l without a local part": {value: "v=spf1 exists:%{l}._spf.example.com -all", name: "macro-letter",
			want: `"postmaster" when the sender has none`},
		"version in capitals":  {value: "V=SPF1 -all", name: "version", want: "lowercase is the safe form"},
		"version in lowercase": {value: "v=spf1 -all", name: "version", want: "version 1", notWant: "capitals"},
		"ip4 address invalid": {value: "v=spf1 ip4:192.0.2.256/24 -all", name: "ip4",
			want: `"192.0.2.256" is not one`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{})
			f := findField(rec.Fields, tc.name)
			if f == nil {
				t.Fatalf("no %q field in %q", tc.name, tc.value)
			}
			if !strings.Contains(f.Meaning, tc.want) {
				t.Errorf("%s meaning = %q, want it to say %q", tc.name, f.Meaning, tc.want)
			}
			if tc.notWant != "" && strings.Contains(f.Meaning, tc.notWant) {
				t.Errorf("%s meaning = %q, must not say %q", tc.name, f.Meaning, tc.notWant)
			}
		})
	}
}

func findField(fs []explain.Field, name string) *explain.Field {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
		if f := findField(fs[i].Children, name); f != nil {
			return f
		}
	}
	return nil
}

// TestSummaries pins what a summary must (and must not) say: a permerror
// record is described "without the broken terms", so a broken redirect is
// not in it; terms whose qualifier is not "+" authorise no one, but the
// summary must not say every sender gets the default result when they give
// some another one.
func TestSummaries(t *testing.T) {
	tests := map[string]struct{ value, want, notWant string }{
		"redirect with no domain":   {"v=spf1 redirect=", "no \"all\" or redirect", "whatever 's"},
		"redirect with a CIDR":      {"v=spf1 a redirect=x.example/24", "everything else is neutral", "x.example/24"},
		"redirect kept":             {"v=spf1 a/33 redirect=_spf.example.net", "whatever _spf.example.net's SPF record says", ""},
		"softfail term before -all": {"v=spf1 ~ip4:192.0.2.1 -all", "1 term gives another result", "every sender fails"},
		"fail term before ~all":     {"v=spf1 -ip4:192.0.2.1 ~all", "1 term gives another result", "every sender gets"},
		"neutral include, no all":   {"v=spf1 ?include:_spf.example.net", "1 term gives another result", "every sender gets neutral"},
		"two terms before redirect": {"v=spf1 -a ~mx redirect=_spf.example.net", "2 terms give other results", "authorised by whatever"},
		"pass term alongside":       {"v=spf1 ip4:192.0.2.1 ~ip4:192.0.2.2 -all", "192.0.2.1 (with 1 term(s) giving other results)", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := Explain(tc.value, explain.Context{}).Summary
			if !strings.Contains(s, tc.want) || tc.notWant != "" && strings.Contains(s, tc.notWant) {
				t.Errorf("summary = %q, want %q and not %q", s, tc.want, tc.notWant)
			}
		})
	}
}
