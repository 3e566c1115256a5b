package dkim

import (
	"encoding/json"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

func FuzzExplain(f *testing.F) {
	for _, file := range caseFiles(f) {
		owner, value := readCase(f, file)
		f.Add(value, owner)
	}
	f.Add("v=DKIM1; p=MIIB;;;", "")
	f.Add("p=\xff\xfe (…) ...", "x._domainkey.")
	f.Add("=;=;h=:;t=::;s=", "._domainkey.")
	f.Fuzz(func(t *testing.T, value, owner string) {
		ctx := explain.Context{Owner: owner}
		rec := Explain(value, ctx)
		if err := rec.CheckSpans(len(value)); err != nil {
			t.Fatal(err)
		}
		if err := rec.CheckTexts(value); err != nil {
			t.Fatal(err)
		}
		if rec.Valid == rec.HasErrors() {
			t.Fatalf("valid = %v with findings %v", rec.Valid, rec.Findings)
		}
		a, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(Explain(value, ctx))
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Fatalf("two runs differ:\n%s\n%s", a, b)
		}
		// A proposal never makes a record worse.
		explaintest.CheckFixes(t, rec, value, func(v string) explain.Record { return Explain(v, ctx) })
	})
}
