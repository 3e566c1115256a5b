package bimi

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, records at
// default._bimi.example.com and the value their fixes make of them
// (explain.ApplyFixes and Explain again, until no fix applies; slots stay
// as written).
var fixCases = map[string][]explaintest.FixCase{
	CodeVersionMissing: {{"l=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"}},
	CodeVersionInvalid: {
		{"v=bimi1; l=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"},
		{"V=BIMI1; l=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"},
		{"v=BIMI1 l=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"},
	},
	CodeVersionNotFirst: {{"l=https://example.com/logo.svg; v=BIMI1", "v=BIMI1; l=https://example.com/logo.svg"}},
	CodeRecordLeading:   {{" v=BIMI1; l=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"}},
	CodeTagDuplicate: {
		{"v=BIMI1; l=https://example.com/logo.svg; l=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"},
	},
	CodeTagCase:         {{"v=BIMI1; L=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"}},
	CodeSeparatorStray:  {{"v=BIMI1;; l=https://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"}},
	CodeLocationMissing: {{"v=BIMI1; a=https://example.com/vmc.pem", "v=BIMI1; a=https://example.com/vmc.pem; l={{logo-url}}"}, {"v=BIMI1;", "v=BIMI1; l={{logo-url}}"}},
	CodeLocationEmpty:   {{"v=BIMI1; l=; a=https://example.com/vmc.pem", "v=BIMI1; l={{logo-url}}; a=https://example.com/vmc.pem"}},
	CodeLocationScheme: {
		{"v=BIMI1; l=http://example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"},
		{"v=BIMI1; l=example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"},
		{"v=BIMI1; l=//example.com/logo.svg", "v=BIMI1; l=https://example.com/logo.svg"},
	},
	CodeLocationFormat: {{"v=BIMI1; l=https://example.com/logo.png", "v=BIMI1; l={{logo-url}}"}},
	CodeEvidenceScheme: {{"v=BIMI1; l=https://example.com/logo.svg; a=http://example.com/vmc.pem", "v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem"}},
	CodeAvatarInvalid:  {{"v=BIMI1; l=https://example.com/logo.svg; avp=Brand", "v=BIMI1; l=https://example.com/logo.svg; avp=brand"}},
}

var owner = explain.Context{Owner: "default._bimi.example.com."}

// TestFixes checks the value the fixes make of each fix case.
func TestFixes(t *testing.T) {
	explaintest.CheckFixCases(t, fixCases, func(v string) explain.Record { return Explain(v, owner) })
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
