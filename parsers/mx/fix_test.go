package mx

import (
	"maps"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, values at
// example.com as a DNS panel holds them and the value their fixes make of
// them; zoneFixCases the same in zone-file text with origin example.com.
var (
	fixCases = map[string][]explaintest.FixCase{
		CodePreferenceMissing: {{"mail.example.com.", "10 mail.example.com."}, {".", "0 ."}},
		CodePreferenceInvalid: {{"10.5 mail.example.com.", "10 mail.example.com."}, {`"10 mail.example.com."`, "10 mail.example.com."}},
		CodeFieldsSwapped:     {{"mail.example.com.\t10", "10\tmail.example.com."}},
		CodeExchangeMissing:   {{"10", "10 {{host}}"}},
		CodeExtra: {
			{"10 mail.example.com. ; primary", "10 mail.example.com."},
			{"10 mail.example.com. 25", "10 mail.example.com."},
		},
		CodeNullPreference: {{"10 .", "0 ."}},
		CodeExchangeIP: {
			{"10 192.0.2.1", "10 {{host}}"}, {"10 [192.0.2.1]", "10 {{host}}"}, {"10 192.0.2.1.", "10 {{host}}."},
			{"10 2001:db8::25", "10 {{host}}"},
		},
		CodeExchangeURL: {
			{"10 smtp://mail.example.com:25/", "10 mail.example.com"}, {"10 mail.example.com.:25", "10 mail.example.com."},
			{"10 https://", "10 {{host}}"},
		},
		CodeExchangeMailbox:     {{"10 postmaster@example.com", "10 {{host}}"}},
		CodeExchangeInvalid:     {{`10 "mail.example.com."`, "10 mail.example.com."}, {"10 mail,example.com.", "10 mail.example.com."}, {"10 mail.example.com,", "10 mail.example.com"}},
		CodeExchangeEmptyLabel:  {{"10 mail..example.com.", "10 mail.example.com."}, {"10 .mail.example.com", "10 mail.example.com"}},
		CodeExchangeDoubled:     {{"10 Mail.Example.com.example.com.", "10 Mail.Example.com."}},
		CodeExchangeSingleLabel: {{"10 mail", "10 mail.example.com"}},
		CodeExchangeLocalhost:   {{"10 localhost.", "10 {{host}}."}},
		CodeExchangeSpecialUse:  {{"10 mx.example.test", "10 {{host}}"}, {"10 printer.local.", "10 {{host}}."}},
	}
	zoneFixCases = map[string][]explaintest.FixCase{
		CodeExchangeRelative: {{"10 mail.example.com", "10 mail.example.com."}},
		CodeExchangeIP:       {{"10 192.0.2.1", "10 {{host}}."}},
		CodeExchangeMissing:  {{"10", "10 {{host}}."}},
	}
)

// TestFixes checks the value the fixes make of each fix case.
func TestFixes(t *testing.T) {
	explaintest.CheckFixCases(t, fixCases, func(v string) explain.Record { return Explain(v, panel) })
	explaintest.CheckFixCases(t, zoneFixCases, func(v string) explain.Record { return Explain(v, zone) })
}

// TestFixesInGoldens checks that every code with fix cases shows a fix
// in a golden file, and that no other code does.
func TestFixesInGoldens(t *testing.T) {
	all := maps.Clone(fixCases)
	maps.Copy(all, zoneFixCases)
	explaintest.CheckFixesShown(t, all, explaintest.SetRecords(t, ".mx", ExplainSet))
}
