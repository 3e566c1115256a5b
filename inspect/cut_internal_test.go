package inspect

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/inspect/spfcheck"
)

// TestSPFWalkCut: an SPF tree the walk did not fetch whole (spfcheck's
// bound on records) makes the report partial, with a "limit" error.
func TestSPFWalkCut(t *testing.T) {
	r := newReport("cut.example")
	r.SPF.fillTree(&spfcheck.Tree{Root: &spfcheck.Node{Domain: "cut.example"}, Problems: []spfcheck.Problem{
		{Code: spfcheck.CodeTreeWalkCut, Severity: "warning", Domain: "a.cut.example", Term: "include:c.cut.example", Message: "not followed"}}})
	r.collectErrors(&counter{seen: map[question]bool{}})
	if !r.Partial() || len(r.Errors) != 1 || r.Errors[0].Kind != "limit" || r.Errors[0].Name != "a.cut.example." {
		t.Errorf("partial %v, errors %+v", r.Partial(), r.Errors)
	}
	// The error says the term and the domain from the problem's data, not
	// the problem's message inside its own.
	if m := r.Errors[0].Message; !strings.Contains(m, `"include:c.cut.example" in the SPF record of a.cut.example`) {
		t.Errorf("message %q", m)
	}
}
