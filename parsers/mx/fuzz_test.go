package mx

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/fuzzing"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestMain gives the fuzzer's minimisation of one input a few seconds, not
// a minute (see internal/fuzzing).
func TestMain(m *testing.M) { fuzzing.Main(m) }

// FuzzExplain checks that no input panics, every span stays inside its value,
// every field's text is the value's bytes at its span (explain.CheckTexts),
// and the same input always gives the same output. The input is one value, or
// several separated by newlines for ExplainSet, cut to maxFuzzInput.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{
		"10 mail.example.com.", "0 .", "10 .", "", " ", "10", "0", ".", "@", "10 @", "mail.example.com. 10",
		"ten mail.example.com.", "70000 mail.example.com.", "-1 x.", "10 192.0.2.1", "10 [192.0.2.1]",
		"10 [IPv6:2001:db8::1]:25", "10 smtp://mail.example.com:25/x", "10 postmaster@example.com",
		"10 mail_server.example.com.", "10 -a-.example.com.", "10 mail..example.com.", `10 a\.b\065\`,
		"10 mail.bücher.de.", "10 localhost", "10 mx.example.test.", "10 mx.corp.internal.", "10 mail",
		"1 aspmx.l.google.com.\n5 alt1.aspmx.l.google.com.\n5 alt2.aspmx.l.google.com.\n10 alt3.aspmx.l.google.com.\n10 alt4.aspmx.l.google.com.",
		"0 .\n10 mail.example.com.", "10 a.example.com.\n10 A.example.com.\n20 a.example.com.",
		"10 " + strings.Repeat("a", 64) + ".example.com.", "10 " + strings.Repeat("abc.", 70),
		`10 m\999il.example.com.`, `10 backup\1.example.com.`, `10 a\046b.`, `10 \\.`, "10 mail.example.com.\n20 \\",
	} {
		f.Add(s)
	}
	ctxs := []explain.Context{{}, {Owner: "example.com."}, {Owner: "example.com.", Origin: "example.com."}, {Origin: "."}}
	f.Fuzz(func(t *testing.T, input string) {
		// A cut, not a test of the length: a branch taken only by long
		// inputs would be new coverage, kept and then minimised for a
		// minute, one byte past the limit.
		input = input[:min(len(input), maxFuzzInput)]
		values := strings.Split(input, "\n")
		for _, ctx := range ctxs {
			one := Explain(input, ctx)
			if err := one.CheckSpans(len(input)); err != nil {
				t.Fatalf("Explain(%q): %v", input, err)
			}
			if err := one.CheckTexts(input); err != nil {
				t.Fatalf("Explain(%q): %v", input, err)
			}
			explaintest.CheckFixes(t, one, input, func(v string) explain.Record { return Explain(v, ctx) })
			if a, b := marshal(t, one), marshal(t, Explain(input, ctx)); a != b {
				t.Fatalf("Explain(%q) differs between runs:\n%s\n%s", input, a, b)
			}
			set := ExplainSet(values, ctx)
			if len(set) != len(values) {
				t.Fatalf("ExplainSet gave %d records for %d values", len(set), len(values))
			}
			for i, r := range set {
				if err := r.CheckSpans(len(values[i])); err != nil {
					t.Fatalf("ExplainSet value %d %q: %v", i, values[i], err)
				}
				if err := r.CheckTexts(values[i]); err != nil {
					t.Fatalf("ExplainSet value %d %q: %v", i, values[i], err)
				}
			}
			if a, b := marshal(t, set), marshal(t, ExplainSet(values, ctx)); a != b {
				t.Fatalf("ExplainSet(%q) differs between runs", input)
			}
		}
	})
}

// maxFuzzInput bounds what FuzzExplain explains: MX values are short, and
// the fuzzer minimises each new input it keeps with tries that grow with
// the square of its length, so long ones stall it.
const maxFuzzInput = 512

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
