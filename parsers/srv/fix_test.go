package srv

import (
	"maps"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// fixCases are, for each code whose findings carry a fix, values at
// _imaps._tcp.example.com (or the owner the case names) as a DNS panel
// holds them and the value their fixes make of them; zoneFixCases the
// same in zone-file text with origin example.com.
var (
	fixCases = map[string][]explaintest.FixCase{
		CodeFieldMissing:      {{"0 1 993", "0 1 993 {{host}}"}},
		CodeExtra:             {{"0 1 993 imap.example.com. ; main", "0 1 993 imap.example.com."}},
		CodeNotOfferedFields:  {{"10 1 993 .", "0 0 0 ."}},
		CodePortMismatch:      {{"0 1 143 imap.example.com.", "0 1 993 imap.example.com."}},
		CodeTargetIP:          {{"0 1 993 192.0.2.1", "0 1 993 {{host}}"}},
		CodeTargetURL:         {{"0 1 993 imaps://imap.example.com:993", "0 1 993 imap.example.com"}},
		CodeTargetMailbox:     {{"0 1 993 me@example.com", "0 1 993 {{host}}"}},
		CodeTargetInvalid:     {{`0 1 993 "imap.example.com."`, "0 1 993 imap.example.com."}},
		CodeTargetEmptyLabel:  {{"0 1 993 imap..example.com.", "0 1 993 imap.example.com."}},
		CodeTargetDoubled:     {{"0 1 993 imap.example.com.example.com.", "0 1 993 imap.example.com."}},
		CodeTargetSingleLabel: {{"0 1 993 imap", "0 1 993 imap.example.com"}},
		CodeTargetLocalhost:   {{"0 1 993 localhost.", "0 1 993 {{host}}."}},
		CodeTargetSpecialUse:  {{"0 1 993 imap.example.test.", "0 1 993 {{host}}."}},
	}
	submissionFixCases = map[string][]explaintest.FixCase{
		CodePortRelay: {{"0 1 25 smtp.example.com.", "0 1 587 smtp.example.com."}},
	}
	zoneFixCases = map[string][]explaintest.FixCase{
		CodeTargetRelative: {{"0 1 993 imap.example.com", "0 1 993 imap.example.com."}},
	}
)

// TestFixes checks the value the fixes make of each fix case, and that
// the corrected value no longer carries the finding.
func TestFixes(t *testing.T) {
	explaintest.CheckFixCases(t, fixCases, func(v string) explain.Record { return Explain(v, at(imaps)) })
	explaintest.CheckFixCases(t, submissionFixCases, func(v string) explain.Record { return Explain(v, at(submission)) })
	explaintest.CheckFixCases(t, zoneFixCases, func(v string) explain.Record { return Explain(v, zoneAt(imaps)) })
}

// TestFixesInGoldens checks that every code with fix cases shows a fix
// in a golden file, and that no other code does.
func TestFixesInGoldens(t *testing.T) {
	all := maps.Clone(fixCases)
	maps.Copy(all, submissionFixCases)
	maps.Copy(all, zoneFixCases)
	explaintest.CheckFixesShown(t, all, explaintest.SetRecords(t, ".srv", ExplainSet))
}
