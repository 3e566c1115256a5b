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
	CodeVersionMissing: {
		{"p=reject; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{" p=none; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
	},
	CodeVersionInvalid: {
		{"v=dmarc1; p=reject; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC2; p=reject; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1 p=reject; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1, p=reject, rua=mailto:a@example.com,mailto:b@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com"},
	},
	CodeVersionNotFirst: {
		{"p=reject; v=DMARC1; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"; v=DMARC1; p=reject; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
	},
	CodeRecordWhitespace: {{" v=DMARC1; p=none; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"}},
	CodeRecordIllegalChar: {
		{"v=DMARC1; p=reject;\r\nrua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1;\u00a0p=reject; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=rej\nect; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=reject\u200b; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
	},
	CodeSeparatorStray: {{"v=DMARC1;; p=reject; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodeTagDuplicate:   {{"v=DMARC1; p=reject; p=none; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodeTagUnknown:     {{"v=DMARC1; p=reject; ruaa=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodeTagCase:        {{"v=DMARC1; P=reject; RUA=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodeTagEmpty:       {{"v=DMARC1; p=reject; ruf=; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodePMissing: {
		{"v=DMARC1; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
		{"v=DMARC1", "v=DMARC1; p=none; rua=mailto:{{report-address}}"},
	},
	CodePInvalid: {
		{"v=DMARC1; p=nonee; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
		{"v=DMARC1; p=rej", "v=DMARC1; p=reject; rua=mailto:{{report-address}}"},
		{"v=DMARC1; p=reject rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=block; rua=mailto:a@example.com", "v=DMARC1; p=none; rua=mailto:a@example.com"},
	},
	CodeSPInvalid: {{"v=DMARC1; p=reject; sp=quarantin; rua=mailto:a@example.com", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:a@example.com"}},
	CodeNPInvalid: {{"v=DMARC1; p=reject; np=rejet; rua=mailto:a@example.com", "v=DMARC1; p=reject; np=reject; rua=mailto:a@example.com"}},
	CodeADKIMInvalid: {
		{"v=DMARC1; p=reject; adkim=strict; rua=mailto:a@example.com", "v=DMARC1; p=reject; adkim=s; rua=mailto:a@example.com"},
		{"v=DMARC1; p=reject; adkim=relaxed; rua=mailto:a@example.com", "v=DMARC1; p=reject; adkim=r; rua=mailto:a@example.com"},
		{"v=DMARC1; p=reject; adkim=1; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=reject; adkim=s aspf=s; rua=mailto:a@example.com", "v=DMARC1; p=reject; adkim=s; aspf=s; rua=mailto:a@example.com"},
	},
	CodeASPFInvalid: {
		{"v=DMARC1; p=reject; aspf=Strict; rua=mailto:a@example.com", "v=DMARC1; p=reject; aspf=s; rua=mailto:a@example.com"},
		{"v=DMARC1; p=reject; aspf=x; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
	},
	CodeFOInvalid: {
		{"v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=1:x:d", "v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=1:d"},
		{"v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=1,d", "v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=1:d"},
		{"v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=all", "v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com"},
		{"v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=1 rua=mailto:a@example.com", "v=DMARC1; p=reject; ruf=mailto:f@example.com; fo=1; rua=mailto:a@example.com"},
	},
	CodeFORedundant: {
		{"v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=0:1:d:d", "v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=1:d"},
		{"v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=1:0", "v=DMARC1; p=reject; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=1"},
	},
	CodePSDInvalid: {{"v=DMARC1; p=reject; psd=maybe; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodeTInvalid: {
		{"v=DMARC1; p=reject; t=yes; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=reject; t=y rua=mailto:a@example.com", "v=DMARC1; p=reject; t=y; rua=mailto:a@example.com"},
	},
	CodeRUAMissing: {
		{"v=DMARC1; p=reject", "v=DMARC1; p=reject; rua=mailto:{{report-address}}"},
		{"v=DMARC1; p=reject; ", "v=DMARC1; p=reject; rua=mailto:{{report-address}}; "},
	},
	CodeURIObfuscated:    {{"v=DMARC1; p=reject; rua=mailto:[email protected]", "v=DMARC1; p=reject; rua=mailto:{{report-address}}"}},
	CodeURISchemeMissing: {{"v=DMARC1; p=none; rua=dmarc@example.com", "v=DMARC1; p=none; rua=mailto:dmarc@example.com"}},
	CodeURIInvalid: {
		{"v=DMARC1; p=reject; rua=mailto:dmarc!ops@example.com!10m", "v=DMARC1; p=reject; rua=mailto:dmarc%21ops@example.com!10m"},
		{"v=DMARC1; p=reject; rua=mailto:a@example.com mailto:b@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com"},
	},
	CodeURISizeInvalid: {{"v=DMARC1; p=reject; rua=mailto:a@example.com!10x", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodeURIEmpty: {
		{"v=DMARC1; p=reject; rua=mailto:a@example.com,,mailto:b@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com"},
		{"v=DMARC1; p=reject; rua=mailto:a@example.com,", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
	},
	CodeURIDuplicate: {{"v=DMARC1; p=reject; rua=mailto:a@example.com, mailto:b@example.com, mailto:a@EXAMPLE.com", "v=DMARC1; p=reject; rua=mailto:a@example.com, mailto:b@example.com"}},
	CodePctRemoved: {
		{"v=DMARC1; p=reject; pct=100; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
		{"v=DMARC1; p=reject; pct=150; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
	},
	CodeRFRemoved: {{"v=DMARC1; p=reject; rf=afrf; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
	CodeRIRemoved: {{"v=DMARC1; p=reject; ri=86400; rua=mailto:a@example.com", "v=DMARC1; p=reject; rua=mailto:a@example.com"}},
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
