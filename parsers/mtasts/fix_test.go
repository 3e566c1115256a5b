package mtasts

import (
	"os"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
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

// policyFixCases are the same for the codes of the policy file, each a
// file at mta-sts.example.com; head is its lines but one.
var policyFixCases = map[string][]explaintest.FixCase{
	CodePolicyBOM:  {{"\ufeff" + policy(head...), policy(head...)}},
	CodeLineBlank:  {{"version: STSv1\n\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n", policy(head...)}},
	CodeLineSyntax: {{policy("version: STSv1", "mode=enforce", "mx: mail.example.com", "max_age: 604800"), policy(head...)}},
	CodeLineChar:   {{"version: STSv1\rmode: enforce\nmx: mail.example.com\nmax_age: 604800\n", policy(head...)}, {policy("version: STSv1", "mode: enforce", "mx: mail.example.com\x00", "max_age: 604800"), policy(head...)}},
	CodeLineWhitespace: {
		{policy(" version: STSv1", "mode : enforce", "mx: mail.example.com", "max_age: 604800"), policy(head...)},
	},
	CodeKeyCase: {{policy("Version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 604800"), policy(head...)}},
	CodeKeyMisspelled: {
		{policy("version: STSv1", "mode: enforce", "mx: mail.example.com", "max-age: 604800"), policy(head...)},
	},
	CodeKeyDuplicate:         {{policy(append(head, "mode: enforce")...), policy(head...)}},
	CodeVersionMissingPolicy: {{policy(head[1:]...), policy(head...)}},
	CodeVersionInvalidPolicy: {{policy("version: stsv1", "mode: enforce", "mx: mail.example.com", "max_age: 604800"), policy(head...)}},
	CodeModeInvalid: {
		{policy("version: STSv1", "mode: Enforce", "mx: mail.example.com", "max_age: 604800"), policy(head...)},
		{policy("version: STSv1", "mode: test", "mx: mail.example.com", "max_age: 604800"), policy("version: STSv1", "mode: testing", "mx: mail.example.com", "max_age: 604800")},
	},
	CodeMaxAgeInvalid: {{policy("version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 604,800"), policy(head...)}},
	CodeMaxAgeRange:   {{policy("version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 99999999"), policy("version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 31557600")}},
	CodeMXMissing: {
		{policy("version: STSv1", "mode: enforce", "max_age: 604800"), policy("version: STSv1", "mode: enforce", "max_age: 604800", "mx: {{host}}")},
		{"version: STSv1\r\nmode: enforce\r\nmax_age: 604800", "version: STSv1\r\nmode: enforce\r\nmax_age: 604800\r\nmx: {{host}}\r\n"},
	},
	CodeMXInvalid: {
		{policy("version: STSv1", "mode: enforce", "mx: 192.0.2.25", "max_age: 604800"), policy("version: STSv1", "mode: enforce", "mx: {{host}}", "max_age: 604800")},
		{policy("version: STSv1", "mode: enforce", "mx: smtp://mail.example.com:25/", "max_age: 604800"), policy(head...)},
		{policy("version: STSv1", "mode: enforce", "mx: mail..example.com", "max_age: 604800"), policy(head...)},
		{policy("version: STSv1", "mode: enforce", "mx:", "max_age: 604800"), policy("version: STSv1", "mode: enforce", "mx: {{host}}", "max_age: 604800")},
	},
	CodeMXList: {
		{policy("version: STSv1", "mode: enforce", "mx: mail.example.com, backup.example.com", "max_age: 604800"),
			policy("version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: backup.example.com", "max_age: 604800")},
	},
	CodeMXTrailingDot: {{policy("version: STSv1", "mode: enforce", "mx: mail.example.com.", "max_age: 604800"), policy(head...)}},
	CodeMXDuplicate:   {{policy(append(head, "mx: mail.example.com")...), policy(head...)}},
}

// head is a policy file the fix cases break one line of.
var head = []string{"version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 604800"}

var policyOwner = explain.Context{Owner: "mta-sts.example.com."}

// TestPolicyFixes checks the file the fixes make of each policy fix case.
func TestPolicyFixes(t *testing.T) {
	explaintest.CheckFixCases(t, policyFixCases, func(v string) explain.Record { return ExplainPolicy(v, policyOwner) })
}

// TestPolicyFixesInGoldens checks that every policy code with fix cases
// shows a fix in a golden file, and that no other code does.
func TestPolicyFixesInGoldens(t *testing.T) {
	var recs []explain.Record
	for _, path := range golden.Files(t, "*.policy") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, ExplainPolicy(string(b), policyOwner))
	}
	explaintest.CheckFixesShown(t, policyFixCases, recs)
}
