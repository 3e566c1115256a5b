package dmarc

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestGolden pins how each testdata/*.input case reads.
func TestGolden(t *testing.T) {
	explaintest.Golden(t, Explain)
	t.Run("multiple", func(t *testing.T) {
		golden.JSON(t, filepath.Join("testdata", "multiple.golden.json"), MultipleFinding(explain.Span{0, 20}, 2))
	})
}

// TestCodesCovered fails when a code constant is missing from AllCodes or
// appears in no golden file.
func TestCodesCovered(t *testing.T) {
	src, err := os.ReadFile("codes.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := regexp.MustCompile(`(?m)^\s+Code\w+\s+=\s+"(dmarc\.[a-z_.]+)"`).FindAllStringSubmatch(string(src), -1)
	listed := map[string]bool{}
	for _, c := range AllCodes {
		listed[c] = true
	}
	if len(declared) != len(AllCodes) {
		t.Errorf("codes.go declares %d codes, AllCodes lists %d", len(declared), len(AllCodes))
	}
	for _, d := range declared {
		if !listed[d[1]] {
			t.Errorf("%s is not in AllCodes", d[1])
		}
	}
	explaintest.CheckCovered(t, AllCodes)
}

// TestSeed pins the seed document's record: both report URIs are named as
// web-page e-mail obfuscation.
func TestSeed(t *testing.T) {
	const seed = "v=DMARC1; p=quarantine; rua=mailto:[email protected]; ruf=mailto:[email protected]; fo=1"
	rec := Explain(seed, explain.Context{Owner: "_dmarc.example.com."})
	if err := rec.CheckTexts(seed); err != nil {
		t.Fatal(err)
	}
	var spans []string
	for _, f := range rec.Findings {
		if f.Code == CodeURIObfuscated {
			spans = append(spans, seed[f.Span[0]:f.Span[1]])
			if !strings.Contains(f.Message, "obfuscation") || !strings.Contains(f.Message, "mailto:dmarc-reports@your-domain") {
				t.Errorf("message does not name the problem and the fix: %s", f.Message)
			}
		}
	}
	want := []string{"mailto:[email protected]", "mailto:[email protected]"}
	if strings.Join(spans, "|") != strings.Join(want, "|") {
		t.Errorf("obfuscated findings on %q, want %q", spans, want)
	}
	if rec.Valid {
		t.Error("record with obfuscated report addresses is valid")
	}
}

func TestParse(t *testing.T) {
	tests := map[string]struct {
		value   string
		policy  Policy
		sp, np  Policy
		eff     Policy
		rua     []string
		isDMARC bool
		codes   []string
	}{
		"reject": {value: "v=DMARC1; p=reject; rua=mailto:d@example.com", policy: PolicyReject, eff: PolicyReject,
			rua: []string{"d@example.com"}, isDMARC: true},
		"case-insensitive value": {value: "v=DMARC1;p=Quarantine;rua=mailto:d@example.com", policy: PolicyQuarantine,
			eff: PolicyQuarantine, rua: []string{"d@example.com"}, isDMARC: true},
		"sp np": {value: "v=DMARC1; p=reject; sp=quarantine; np=reject; rua=mailto:d@example.com", policy: PolicyReject,
			sp: PolicyQuarantine, np: PolicyReject, eff: PolicyReject, rua: []string{"d@example.com"}, isDMARC: true,
			codes: []string{CodeSPWeaker}},
		"fallback to none": {value: "v=DMARC1; p=bogus; rua=mailto:d@example.com", eff: PolicyNone,
			rua: []string{"d@example.com"}, isDMARC: true, codes: []string{CodePInvalid}},
		"no processing": {value: "v=DMARC1; p=bogus", isDMARC: true,
			codes: []string{CodePInvalid, CodeRecordNoPolicy, CodeRUAMissing}},
		"not dmarc": {value: "v=DMARC2; p=reject", policy: PolicyReject, codes: []string{CodeVersionInvalid}},
		"first duplicate wins": {value: "v=DMARC1; p=none; p=reject; rua=mailto:d@example.com", policy: PolicyNone,
			eff: PolicyNone, rua: []string{"d@example.com"}, isDMARC: true, codes: []string{CodeTagDuplicate, CodePNone}},
		"invalid duplicate reported once": {value: "v=DMARC1; p=reject; p=bogus; rua=mailto:d@example.com; rua=nope",
			policy: PolicyReject, eff: PolicyReject, rua: []string{"d@example.com"}, isDMARC: true,
			codes: []string{CodeTagDuplicate, CodeTagDuplicate}},
		"leading semicolon": {value: ";v=DMARC1; p=reject", policy: PolicyReject,
			codes: []string{CodeSeparatorStray, CodeVersionNotFirst}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, fs := Parse(tc.value)
			if r.Policy != tc.policy || r.SubdomainPolicy != tc.sp || r.NonexistentPolicy != tc.np {
				t.Errorf("policies = %q %q %q, want %q %q %q", r.Policy, r.SubdomainPolicy, r.NonexistentPolicy, tc.policy, tc.sp, tc.np)
			}
			if got := r.EffectivePolicy(); got != tc.eff {
				t.Errorf("EffectivePolicy() = %q, want %q", got, tc.eff)
			}
			if r.IsDMARC != tc.isDMARC {
				t.Errorf("IsDMARC = %v, want %v", r.IsDMARC, tc.isDMARC)
			}
			var rua []string
			for _, u := range ValidURIs(r.RUA) {
				rua = append(rua, u.Address)
			}
			if strings.Join(rua, ",") != strings.Join(tc.rua, ",") {
				t.Errorf("rua = %q, want %q", rua, tc.rua)
			}
			var codes []string
			for _, f := range fs {
				codes = append(codes, f.Code)
			}
			sort.Strings(codes)
			want := append([]string(nil), tc.codes...)
			sort.Strings(want)
			if strings.Join(codes, " ") != strings.Join(want, " ") {
				t.Errorf("codes = %q, want %q", codes, want)
			}
		})
	}
}

func TestSize(t *testing.T) {
	tests := map[string]struct {
		in   string
		want uint64
		ok   bool
	}{
		"bytes": {"500", 500, true}, "kilo": {"1k", 1 << 10, true}, "mega": {"10m", 10 << 20, true},
		"giga": {"2g", 2 << 30, true}, "tera": {"1t", 1 << 40, true}, "upper": {"10M", 10 << 20, true},
		"empty": {"", 0, false}, "unit only": {"m", 0, false}, "bad unit": {"10x", 0, false},
		"overflow": {"99999999999999999999", 0, false}, "shift overflow": {"99999999999t", 0, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := parseSize(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("parseSize(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func FuzzExplain(f *testing.F) {
	for _, in := range explaintest.Inputs(f) {
		f.Add(in.Value, in.Owner)
	}
	f.Fuzz(func(t *testing.T, value, owner string) {
		ctx := explain.Context{Owner: owner}
		a := Explain(value, ctx)
		if err := a.CheckSpans(len(value)); err != nil {
			t.Fatal(err)
		}
		if err := a.CheckTexts(value); err != nil {
			t.Fatal(err)
		}
		b := Explain(value, ctx)
		ja, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		jb, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		if string(ja) != string(jb) {
			t.Fatalf("two runs differ:\n%s\n%s", ja, jb)
		}
		if a.Valid == a.HasErrors() {
			t.Fatal("Valid out of step with the findings")
		}
		// A proposal never makes a record worse.
		explaintest.CheckFixes(t, a, value, func(v string) explain.Record { return Explain(v, ctx) })
	})
}

func BenchmarkExplain(b *testing.B) {
	const v = "v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=r; rua=mailto:dmarc@example.com,mailto:re+abc@dmarc.postmarkapp.com!10m; ruf=mailto:forensic@example.com; fo=1:d"
	ctx := explain.Context{Owner: "_dmarc.example.com."}
	explaintest.Benchmark(b, 1, func() { Explain(v, ctx) })
}
