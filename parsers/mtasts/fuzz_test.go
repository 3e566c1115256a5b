package mtasts

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// maxFuzzInput bounds what the fuzz targets explain: records and
// policies are short, and the fuzzer's minimisation grows with the square
// of an input's length.
const maxFuzzInput = 1024

// FuzzRecord checks that no record value panics, every span stays inside
// it, every field's text is the value at its span, the findings are
// rendered from their codes and Args, applying the fixes never makes the
// record worse (explaintest.CheckFixes), and the same input gives the
// same output. Lines of the input are also explained as one set.
func FuzzRecord(f *testing.F) {
	for _, s := range []string{
		"v=STSv1; id=20160831085700Z;", "v=STSv1;id=1", " v=STSv1; id=1", "v=stsv1; id=1", "id=1; v=STSv1",
		"v=STSv1; id=2016-08-31", "v=STSv1; id=", "v=STSv1;; id=1;", "v=STSv1 ; id=1 ", "v=STSv1; ID=1; id=2; id=3",
		"v=STSv1; id = 1", "v=STSv1; id=1; x", "v=STSv1; id=1; _x=a=b", "v=STSv1; id=1é", "v=STSv1;\u00a0id=1", "",
		";", "=", "v=", "v=STSv1\nv=STSv1; id=2", "v=STSv1; id=1\nv=STSv1; id=1",
		"id=1", "v=STSv1 id=1", "v=STSv1; id=1; id=1", "v=STSv1; id=--", "v=STSv1; id=; ID=2",
	} {
		f.Add(s)
	}
	ctxs := []explain.Context{{}, {Owner: "_mta-sts.example.com."}, {Owner: "example.com."}}
	f.Fuzz(func(t *testing.T, input string) {
		input = input[:min(len(input), maxFuzzInput)]
		for _, ctx := range ctxs {
			rec := Explain(input, ctx)
			checkRecord(t, rec, input)
			explaintest.CheckFixes(t, rec, input, func(v string) explain.Record { return Explain(v, ctx) })
			explaintest.CheckStable(t, input, func() explain.Record { return Explain(input, ctx) })
			values := strings.Split(input, "\n")
			for i, r := range ExplainSet(values, ctx) {
				checkRecord(t, r, values[i])
			}
		}
	})
}

// FuzzPolicy checks the same of policy files.
func FuzzPolicy(f *testing.F) {
	for _, s := range []string{
		"version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\n",
		"version: STSv1\r\nmode: testing\r\nmx: a.example\r\nmax_age: 86400\r\n", "version: STSv1\nmode: none\nmax_age: 1",
		"\ufeffversion: STSv1", "Version: STSv1\nmode : enforce\n\n max-age: 1\nmx: a, b\nmx: a.*.b\nmx: 1.2.3.4\nmx: bücher.de\nmx: *.com\nmx: x.\n",
		"version: STSv1\rmode: enforce", "mx:", ":", "\n\n", "max_age: 99999999999", "mx: [::1]\nmx: a:25\nmx: *", "x\x00: y\xff",
		"mode=enforce\nmx: smtp://a.example:25/\nmx: a..b\nmx:\nmx: a, b\nmax_age: 604,800\nmax_age: 99999999\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		input = input[:min(len(input), maxFuzzInput)]
		for _, ctx := range []explain.Context{{}, {Owner: "mta-sts.example.com."}} {
			rec := ExplainPolicy(input, ctx)
			checkRecord(t, rec, input)
			explaintest.CheckFixes(t, rec, input, func(v string) explain.Record { return ExplainPolicy(v, ctx) })
			explaintest.CheckStable(t, input, func() explain.Record { return ExplainPolicy(input, ctx) })
		}
		isPolicy(input)
	})
}
