package mtasts

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestGoldenRecords explains each testdata/*.record file, the records at
// one name ("# owner:" sets it), one value per line, as one set.
func TestGoldenRecords(t *testing.T) {
	for _, path := range glob(t, "*.record") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var ctx explain.Context
			var values []string
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if owner, ok := strings.CutPrefix(sc.Text(), "# owner: "); ok {
					ctx.Owner = owner
					continue
				}
				values = append(values, sc.Text())
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			recs := ExplainSet(values, ctx)
			for i, r := range recs {
				checkRecord(t, r, values[i])
			}
			golden.JSON(t, strings.TrimSuffix(path, ".record")+".record.golden.json", recs)
		})
	}
}

// TestGoldenPolicies explains each testdata/*.policy file as a policy.
func TestGoldenPolicies(t *testing.T) {
	for _, path := range glob(t, "*.policy") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rec := ExplainPolicy(string(b), explain.Context{Owner: "mta-sts.example.com."})
			checkRecord(t, rec, string(b))
			golden.JSON(t, strings.TrimSuffix(path, ".policy")+".policy.golden.json", rec)
		})
	}
}

// TestRendered checks that every finding in the golden files is what its
// code and Args alone render: Args carry everything a message says.
func TestRendered(t *testing.T) {
	explaintest.CheckRendered(t, "mta-sts.", explaintest.RenderWith(rules), "testdata", "../../inspect/testdata/golden")
}

// TestCodesCovered checks that every code appears in a golden file, so
// each message is read there at least once.
func TestCodesCovered(t *testing.T) {
	var all strings.Builder
	for _, path := range glob(t, "*.golden.json") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, code := range allCodes {
		if code == CodePolicyTooLarge {
			continue // a file over 64 KiB: TestExplainPolicy has it
		}
		if !strings.Contains(all.String(), `"code": "`+code+`"`) {
			t.Errorf("no golden file has %s", code)
		}
	}
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no testdata/%s", pattern)
	}
	return paths
}

// checkRecord checks what holds for every record: spans inside the value,
// field texts at their spans, Valid as the findings say, every finding's
// code in the table and its message from its code and Args.
func checkRecord(t testing.TB, r explain.Record, value string) {
	t.Helper()
	if err := r.CheckSpans(len(value)); err != nil {
		t.Fatalf("%q: %v", value, err)
	}
	if err := r.CheckTexts(value); err != nil {
		t.Fatalf("%q: %v", value, err)
	}
	if r.Valid == r.HasErrors() {
		t.Fatalf("%q: valid %v with errors %v", value, r.Valid, r.HasErrors())
	}
	for _, f := range r.Findings {
		if _, ok := rules[f.Code]; !ok {
			t.Fatalf("%q: finding %s has no rule", value, f.Code)
		}
		if want := newFinding(f.Code, f.Span, f.Args); f.Message != want.Message || f.Severity != want.Severity {
			t.Fatalf("%q: finding %s is not rendered from its code and args", value, f.Code)
		}
	}
	if r.Summary == "" {
		t.Fatalf("%q: no summary", value)
	}
}

// TestRules checks that every code has its severity, section and message
// in rules, and that rules holds no other code.
func TestRules(t *testing.T) { explaintest.CheckRules(t, allCodes, rules) }

// TestReasons checks that every error code has a reason for summaries.
func TestReasons(t *testing.T) {
	for code, r := range rules {
		if r.Severity == explain.Error && reasons[code] == "" {
			t.Errorf("error %s has no reason", code)
		}
	}
}
