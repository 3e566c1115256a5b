package dmarc

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, records and the
// value their fixes make of them (explain.ApplyFixes and Explain again,
// until no fix applies; slots stay as written).
var fixCases = map[string][]explaintest.FixCase{
	CodeRecordWhitespace: {{" v=DMARC1; p=none; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"}},
	CodeSeparatorStray:   {{"v=DMARC1;; p=reject", "v=DMARC1; p=reject"}},
	CodeTagDuplicate:     {{"v=DMARC1; p=reject; p=none; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodePInvalid: {
		{"v=DMARC1; p=nonee; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
		{"v=DMARC1; p=rej", "v=DMARC1; p=reject"},
		{"v=DMARC1; p=reject rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=block; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
	},
	CodeSPInvalid:        {{"v=DMARC1; p=reject; sp=quarantin", "v=DMARC1; p=reject; sp=quarantine"}},
	CodeNPInvalid:        {{"v=DMARC1; p=reject; np=rejet", "v=DMARC1; p=reject; np=reject"}},
	CodeURISchemeMissing: {{"v=DMARC1; p=none; rua=dmarc@example.com", "v=DMARC1; p=none; rua=mailto:dmarc@example.com"}},
}

// TestFixes checks the value the fixes make of each fix case.
func TestFixes(t *testing.T) {
	explaintest.CheckFixCases(t, fixCases, func(v string) explain.Record { return Explain(v, explain.Context{}) })
}

// TestFixesInGoldens checks that every code with fix cases shows a fix
// in a golden file, and that no other code does.
func TestFixesInGoldens(t *testing.T) {
	var recs []explain.Record
	for _, in := range explaintest.Inputs(t) {
		recs = append(recs, Explain(in.Value, explain.Context{Owner: in.Owner}))
	}
	explaintest.CheckFixesShown(t, fixCases, recs)
}
