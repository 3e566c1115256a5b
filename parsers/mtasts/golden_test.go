package mtasts

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestGoldenRecords explains each testdata/*.record file, the records at
// one name ("# owner:" sets it), one value per line, as one set, and
// checks each record's fixes (explaintest.CheckFixes).
func TestGoldenRecords(t *testing.T) {
	explaintest.GoldenSets(t, ".record", ".record.golden.json", ExplainSet, func(t testing.TB, r explain.Record, value string) {
		checkRecord(t, r, value)
		explaintest.CheckFixes(t, r, value, func(v string) explain.Record { return Explain(v, explain.Context{Owner: r.Owner}) })
	})
}

// TestGoldenPolicies explains each testdata/*.policy file as a policy and
// checks its fixes.
func TestGoldenPolicies(t *testing.T) {
	for _, path := range golden.Files(t, "*.policy") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ctx := explain.Context{Owner: "mta-sts.example.com."}
			rec := ExplainPolicy(string(b), ctx)
			checkRecord(t, rec, string(b))
			explaintest.CheckFixes(t, rec, string(b), func(v string) explain.Record { return ExplainPolicy(v, ctx) })
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
// each message is read there at least once; a file over 64 KiB is not
// one (TestExplainPolicy has CodePolicyTooLarge).
func TestCodesCovered(t *testing.T) {
	explaintest.CheckCovered(t, slices.DeleteFunc(slices.Clone(allCodes), func(c string) bool { return c == CodePolicyTooLarge }))
}

// checkRecord checks what holds for every record: spans inside the value,
// field texts at their spans, Valid as the findings say, every finding's
// code in the table and its message from its code and Args.
func checkRecord(t testing.TB, r explain.Record, value string) {
	t.Helper()
	explaintest.CheckRecord(t, r, value)
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
