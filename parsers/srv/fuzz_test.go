package srv

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

// FuzzExplain checks that no input panics, every span stays inside its
// value, every field's text is the value's bytes at its span, a fix never
// makes a record worse, and the same input always gives the same output.
// The input is one value, or several separated by newlines for ExplainSet,
// cut to maxFuzzInput.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{
		"0 1 993 imap.example.com.", "0 0 0 .", "10 1 143 .", "", " ", "0", "0 1", "0 1 993", "0 1 993 @",
		"0 1 99300 imap.example.com.", "-1 1 993 x.", "0 one 993 x.", "0 1 993 192.0.2.1", "0 1 993 [192.0.2.1]",
		"0 1 993 imaps://imap.example.com:993/x", "0 1 993 me@example.com", "0 1 993 imap_1.example.com.",
		`0 1 993 a\.b\065\`, "0 1 993 imap.bücher.de.", "0 1 993 localhost", "0 1 993 imap", "0 1 993 imap.example.com. ; x",
		"0 0 0 .\n0 1 993 imap.example.com.", "0 1 993 a.example.com.\n0 1 993 A.example.com.\n0 0 993 b.example.com.",
		"0 1 993 " + strings.Repeat("abc.", 70), "mail.example.com. 10", "3 1 1 abcdef", "{{host}}",
	} {
		f.Add(s)
	}
	ctxs := []explain.Context{{}, {Owner: imaps}, {Owner: submission, Origin: "example.com."}, {Owner: "_x._udp.example.com."},
		{Owner: "example.com."}, {Owner: imap, Origin: "."}}
	f.Fuzz(func(t *testing.T, input string) {
		input = input[:min(len(input), maxFuzzInput)]
		values := strings.Split(input, "\n")
		for _, ctx := range ctxs {
			one := Explain(input, ctx)
			explaintest.CheckRecord(t, one, input)
			explaintest.CheckFixes(t, one, input, func(v string) explain.Record { return Explain(v, ctx) })
			if a, b := marshal(t, one), marshal(t, Explain(input, ctx)); a != b {
				t.Fatalf("Explain(%q) differs between runs:\n%s\n%s", input, a, b)
			}
			set := ExplainSet(values, ctx)
			if len(set) != len(values) {
				t.Fatalf("ExplainSet gave %d records for %d values", len(set), len(values))
			}
			for i, r := range set {
				explaintest.CheckRecord(t, r, values[i])
			}
			if a, b := marshal(t, set), marshal(t, ExplainSet(values, ctx)); a != b {
				t.Fatalf("ExplainSet(%q) differs between runs", input)
			}
		}
	})
}

// maxFuzzInput bounds what FuzzExplain explains: SRV values are short.
const maxFuzzInput = 512

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
