package tlsa

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// FuzzExplain checks that no input panics, every span stays inside the
// value, every field's text is the value's bytes at its span, the same
// input always gives the same output, and applying the fixes never makes
// a record worse; and the same of ExplainSet over the input's lines.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{
		"3 1 1 " + spkiSHA256, "2 0 1 " + certSHA256, "1 1 1 " + spkiSHA256, "3 0 0 " + certDER, "3 1 0 " + spkiDER,
		"", " ", "3", "3 1", "3 1 1", "3 1 1 (", "3 1 1 ( ab ; c\n cd )", "256 1 1 ab", "DANE-EE SPKI SHA-256 ab",
		"3 1 1 ab:cd", "3 1 1 abc", "3 1 1 ab\u00e9", "3 1 0 3082ffff00", "3 1 0 3080", "3 1 0 30", "255 255 255 00",
		"3 1 1 " + spkiSHA256 + "\n3 1 1 " + spkiSHA256, "0 5 993 imap.example.com.", "10 mail.example.com.",
	} {
		f.Add(s)
	}
	owners := []string{"", "_25._tcp.mx.example.com.", "_443._udp.example.com.", "mx.example.com."}
	f.Fuzz(func(t *testing.T, input string) {
		// A cut, not a test of the length (see parsers/mx's FuzzExplain).
		input = input[:min(len(input), 1024)]
		values := strings.Split(input, "\n")
		for _, owner := range owners {
			ctx := explain.Context{Owner: owner}
			run := func() explain.Record { return Explain(input, ctx) }
			rec := run()
			explaintest.CheckRecord(t, rec, input)
			explaintest.CheckStable(t, input, run)
			explaintest.CheckFixes(t, rec, input, func(v string) explain.Record { return Explain(v, ctx) })
			for i, r := range ExplainSet(values, ctx) {
				explaintest.CheckRecord(t, r, values[i])
			}
		}
	})
}
