package bimi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// input is one golden case, testdata/<name>.input: a first line
// "owner: <name or nothing>", then the record value on the second.
type input struct{ name, owner, value string }

func readInputs(tb testing.TB) []input {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.input"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Fatal("no testdata/*.input files")
	}
	var out []input
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		head, value, ok := strings.Cut(string(b), "\n")
		if !ok || !strings.HasPrefix(head, "owner:") {
			tb.Fatalf("%s: want a first line \"owner: …\" and the value on the second", p)
		}
		out = append(out, input{strings.TrimSuffix(filepath.Base(p), ".input"),
			strings.TrimSpace(strings.TrimPrefix(head, "owner:")), strings.TrimSuffix(value, "\n")})
	}
	return out
}

// TestGolden pins how each case reads: summary, meanings, messages.
func TestGolden(t *testing.T) {
	for _, in := range readInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			rec := Explain(in.value, explain.Context{Owner: in.owner})
			if err := rec.CheckSpans(len(in.value)); err != nil {
				t.Fatal(err)
			}
			if err := rec.CheckTexts(in.value); err != nil {
				t.Fatal(err)
			}
			golden.JSON(t, filepath.Join("testdata", in.name+".golden.json"), rec)
		})
	}
	golden.JSON(t, filepath.Join("testdata", "multiple.golden.json"), MultipleFinding(explain.Span{0, 39}, 2))
}

// TestCodesCovered fails when a code is in no golden file, so that every
// message is read once.
func TestCodesCovered(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, code := range AllCodes {
		if !strings.Contains(all.String(), `"code": "`+code+`"`) {
			t.Errorf("no golden file shows %s: add a testdata/*.input case for it", code)
		}
	}
}

// TestRules checks that every code has a rule (severity, section,
// message) and that no rule is for another code.
func TestRules(t *testing.T) { explaintest.CheckRules(t, AllCodes, rules) }

// TestRendered checks that every finding in the goldens is what its code
// and Args alone render: the Args carry everything the message says.
func TestRendered(t *testing.T) {
	explaintest.CheckRendered(t, "bimi.", explaintest.RenderWith(rules), "testdata")
}
