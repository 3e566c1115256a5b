package mtasts

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// recordFixCases are, for each code of the TXT record whose findings
// carry a fix, records at _mta-sts.example.com and the value their fixes
// make of them (explain.ApplyFixes and Explain again, until no fix
// applies; slots stay as written).
var recordFixCases = map[string][]explaintest.FixCase{
	CodeRecordWhitespace: {{" v=STSv1; id=1", "v=STSv1; id=1"}},
	CodeRecordTrailing:   {{"v=STSv1; id=1 ", "v=STSv1; id=1"}},
	CodeVersionMissing:   {{"id=20240101", "v=STSv1; id=20240101"}},
	CodeVersionNotFirst:  {{"id=20240101; v=STSv1", "v=STSv1; id=20240101"}},
	CodeVersionInvalid: {
		{"v=stsv1; id=1", "v=STSv1; id=1"}, {"V=STSv1; id=1", "v=STSv1; id=1"}, {"v=STSv2; id=1", "v=STSv1; id=1"},
	},
	CodeVersionSpacing: {{"v=STSv1 ; id=1", "v=STSv1; id=1"}},
	CodeIDMissing:      {{"v=STSv1;", "v=STSv1; id={{policy-id}}"}, {"v=STSv1", "v=STSv1; id={{policy-id}}"}},
	CodeIDInvalid: {
		{"v=STSv1; id=2024-01-01", "v=STSv1; id=20240101"}, {"v=STSv1; id=", "v=STSv1; id={{policy-id}}"},
		{"v=STSv1; id=--", "v=STSv1; id={{policy-id}}"},
	},
	CodeIDTooLong: {{"v=STSv1; id=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "v=STSv1; id={{policy-id}}"}},
	CodeFieldSyntax: {
		{"v=STSv1; id = 1", "v=STSv1; id=1"}, {"v=STSv1 id=1", "v=STSv1; id=1"},
	},
	CodeFieldChar:      {{"v=STSv1;\u00a0id=1", "v=STSv1;id=1"}, {"v=STSv1; id=1\x00", "v=STSv1; id=1"}},
	CodeFieldEmpty:     {{"v=STSv1;; id=1", "v=STSv1; id=1"}},
	CodeFieldCase:      {{"v=STSv1; ID=1", "v=STSv1; id=1"}},
	CodeFieldDuplicate: {{"v=STSv1; id=1; id=1", "v=STSv1; id=1"}, {"v=STSv1; id=1; v=STSv1", "v=STSv1; id=1"}},
}

var recordOwner = explain.Context{Owner: "_mta-sts.example.com."}

// TestRecordFixes checks the value the fixes make of each record fix case.
func TestRecordFixes(t *testing.T) {
	explaintest.CheckFixCases(t, recordFixCases, func(v string) explain.Record { return Explain(v, recordOwner) })
}

// TestRecordFixesInGoldens checks that every record code with fix cases
// shows a fix in a golden file, and that no other code does.
func TestRecordFixesInGoldens(t *testing.T) {
	explaintest.CheckFixesShown(t, recordFixCases, explaintest.SetRecords(t, ".record", ExplainSet))
}
