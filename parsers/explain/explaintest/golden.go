package explaintest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
)

// CheckRecord checks what holds for every explained record: spans inside
// value, each field's text the bytes of value at its span, and Valid as
// the findings say (no error among them).
func CheckRecord(t testing.TB, rec explain.Record, value string) {
	t.Helper()
	if err := rec.CheckSpans(len(value)); err != nil {
		t.Fatalf("%q: %v", value, err)
	}
	if err := rec.CheckTexts(value); err != nil {
		t.Fatalf("%q: %v", value, err)
	}
	if rec.Valid == rec.HasErrors() {
		t.Fatalf("%q: valid %v with errors %v", value, rec.Valid, rec.HasErrors())
	}
}

// CheckStable checks that explainFn gives the same JSON twice for one input,
// as a fuzz target wants of a parser with no state.
func CheckStable[R any](t testing.TB, input string, explainFn func() R) {
	t.Helper()
	a, err := json.Marshal(explainFn())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(explainFn())
	if string(a) != string(b) {
		t.Fatalf("explaining %q differs between runs", input)
	}
}

// Input is one golden case of a record: testdata/<Name>.input, a first
// line "owner: <name or nothing>" and the record's value on the second.
type Input struct {
	Name  string
	Owner string
	Value string
}

// Inputs reads the testdata/*.input cases (for Golden, and as fuzz seeds).
func Inputs(t testing.TB) []Input {
	t.Helper()
	var out []Input
	for _, path := range golden.Files(t, "*.input") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		head, value, ok := strings.Cut(string(b), "\n")
		if !ok || !strings.HasPrefix(head, "owner:") {
			t.Fatalf("%s: want a first line \"owner: …\" and the value on the second", path)
		}
		out = append(out, Input{strings.TrimSuffix(filepath.Base(path), ".input"),
			strings.TrimSpace(strings.TrimPrefix(head, "owner:")), strings.TrimSuffix(value, "\n")})
	}
	return out
}

// Golden explains each of Inputs with explainFn, checks the record
// (CheckRecord) and its fixes (CheckFixes) and compares it with
// testdata/<name>.golden.json.
func Golden(t *testing.T, explainFn func(string, explain.Context) explain.Record) {
	t.Helper()
	for _, in := range Inputs(t) {
		t.Run(in.Name, func(t *testing.T) {
			ctx := explain.Context{Owner: in.Owner}
			rec := explainFn(in.Value, ctx)
			CheckRecord(t, rec, in.Value)
			CheckFixes(t, rec, in.Value, func(v string) explain.Record { return explainFn(v, ctx) })
			golden.JSON(t, filepath.Join("testdata", in.Name+".golden.json"), rec)
		})
	}
}

// GoldenSets explains each testdata/<name><ext> file as the records at one
// name ("# owner: " and "# origin: " lines set the context, every other
// line is one value) with explainSet, checks each record with check
// (CheckRecord, or a package's own that calls it) and compares the set
// with testdata/<name><suffix>.
func GoldenSets(t *testing.T, ext, suffix string, explainSet func([]string, explain.Context) []explain.Record,
	check func(testing.TB, explain.Record, string)) {
	t.Helper()
	for _, path := range golden.Files(t, "*"+ext) {
		name := strings.TrimSuffix(path, ext)
		t.Run(filepath.Base(name), func(t *testing.T) {
			ctx, values := readSet(t, path)
			recs := explainSet(values, ctx)
			for i, r := range recs {
				check(t, r, values[i])
			}
			golden.JSON(t, name+suffix, recs)
		})
	}
}

func readSet(t *testing.T, path string) (explain.Context, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ctx explain.Context
	var values []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if owner, ok := strings.CutPrefix(line, "# owner: "); ok {
			ctx.Owner = owner
		} else if origin, ok := strings.CutPrefix(line, "# origin: "); ok {
			ctx.Origin = origin
		} else {
			values = append(values, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ctx, values
}

// CheckCovered checks that every code in codes is in a golden file of
// testdata, so that each message is read there at least once.
func CheckCovered(t *testing.T, codes []string) {
	t.Helper()
	var all strings.Builder
	for _, path := range golden.Files(t, "*.golden.json") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, code := range codes {
		if !strings.Contains(all.String(), `"code": "`+code+`"`) {
			t.Errorf("no golden file shows %s: add a testdata case for it", code)
		}
	}
}

// Benchmark calls explainFn in b's loop and reports its allocations and
// the records explained per second, records being how many one call
// explains.
func Benchmark(b *testing.B, records int, explainFn func()) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		explainFn()
	}
	b.ReportMetric(float64(b.N*records)/b.Elapsed().Seconds(), "records/s")
}

// Fuzz fuzzes explainFn with every owner: no input panics, and
// CheckRecord, CheckStable and CheckFixes (a fix never makes a record
// worse) hold of what it explains. Inputs are cut to
// 1024 bytes: records are short, and the fuzzer's minimisation grows with
// the square of an input's length.
func Fuzz(f *testing.F, owners []string, explainFn func(string, explain.Context) explain.Record) {
	f.Fuzz(func(t *testing.T, value string) {
		value = value[:min(len(value), 1024)]
		for _, owner := range owners {
			run := func() explain.Record { return explainFn(value, explain.Context{Owner: owner}) }
			rec := run()
			CheckRecord(t, rec, value)
			CheckStable(t, value, run)
			CheckFixes(t, rec, value, func(v string) explain.Record { return explainFn(v, explain.Context{Owner: owner}) })
		}
	})
}
