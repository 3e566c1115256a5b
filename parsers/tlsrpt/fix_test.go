package tlsrpt

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, records at
// _smtp._tls.example.com and the value their fixes make of them
// (explain.ApplyFixes and Explain again, until no fix applies; slots stay
// as written).
var fixCases = map[string][]explaintest.FixCase{
	CodeVersionMissing: {{"rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeVersionInvalid: {
		{"v=tlsrptv1; rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"},
		{"V=TLSRPTv1; rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"},
		{"v=TLSRPTv2; rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"},
		{"v=TLSRPTv1 rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"},
	},
	CodeVersionNotFirst: {
		{"rua=mailto:tls@example.com; v=TLSRPTv1", "v=TLSRPTv1; rua=mailto:tls@example.com"},
		{"rua=mailto:tls@example.com; v=TLSRPTv1; x=1", "v=TLSRPTv1; rua=mailto:tls@example.com; x=1"},
	},
	CodeVersionSpacing:  {{"v=TLSRPTv1 ; rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeRecordLeading:   {{" v=TLSRPTv1; rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}, {";v=TLSRPTv1; rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeRecordTrailing:  {{"v=TLSRPTv1; rua=mailto:tls@example.com  ", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeFieldWhitespace: {{"v=TLSRPTv1; rua = mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeFieldCase:       {{"v=TLSRPTv1; RUA=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeFieldDuplicate: {
		{"v=TLSRPTv1; rua=mailto:tls@example.com; rua=https://reports.example.com/", "v=TLSRPTv1; rua=mailto:tls@example.com, https://reports.example.com/"},
		{"v=TLSRPTv1; rua=mailto:tls@example.com; x=1; rua=https://reports.example.com/", "v=TLSRPTv1; rua=mailto:tls@example.com, https://reports.example.com/; x=1"},
		{"v=TLSRPTv1; rua=mailto:tls@example.com; v=TLSRPTv1", "v=TLSRPTv1; rua=mailto:tls@example.com"},
	},
	CodeSeparatorStray: {{"v=TLSRPTv1;; rua=mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeRUAMissing:     {{"v=TLSRPTv1", "v=TLSRPTv1; rua=mailto:{{report-address}}"}, {"v=TLSRPTv1; ", "v=TLSRPTv1; rua=mailto:{{report-address}}"}},
	CodeRUAEmpty:       {{"v=TLSRPTv1; rua=", "v=TLSRPTv1; rua=mailto:{{report-address}}"}},
	CodeURIEmpty: {
		{"v=TLSRPTv1; rua=mailto:tls@example.com,, https://reports.example.com/", "v=TLSRPTv1; rua=mailto:tls@example.com, https://reports.example.com/"},
		{"v=TLSRPTv1; rua=mailto:tls@example.com,", "v=TLSRPTv1; rua=mailto:tls@example.com"},
	},
	CodeURIBang:              {{"v=TLSRPTv1; rua=mailto:tls@example.com!10m", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeURIObfuscated:        {{"v=TLSRPTv1; rua=mailto:[email protected]", "v=TLSRPTv1; rua=mailto:{{report-address}}"}},
	CodeURISchemeMissing:     {{"v=TLSRPTv1; rua=tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeURISchemeUnsupported: {{"v=TLSRPTv1; rua=http://reports.example.com/tlsrpt", "v=TLSRPTv1; rua=https://reports.example.com/tlsrpt"}},
	CodeURIAddressInvalid:    {{"v=TLSRPTv1; rua=mailto://tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
	CodeURIHostInvalid: {
		{"v=TLSRPTv1; rua=https:reports.example.com/r", "v=TLSRPTv1; rua=https://reports.example.com/r"},
		{"v=TLSRPTv1; rua=https:/reports.example.com/r", "v=TLSRPTv1; rua=https://reports.example.com/r"},
	},
	CodeURIDuplicate: {{"v=TLSRPTv1; rua=mailto:tls@example.com, mailto:tls@example.com", "v=TLSRPTv1; rua=mailto:tls@example.com"}},
}

var owner = explain.Context{Owner: "_smtp._tls.example.com."}

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
