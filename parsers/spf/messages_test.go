package spf

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestCodeTables checks that every code has a severity, a section (or a
// rule picking one from the args) and a message renderer, and that the
// tables hold no code AllCodes lacks.
func TestCodeTables(t *testing.T) {
	all := map[string]bool{}
	for _, c := range AllCodes {
		all[c] = true
		spec, ok := codeSpecs[c]
		switch {
		case !ok:
			t.Errorf("%s has no codeSpecs entry", c)
		case spec.severity != explain.Error && spec.severity != explain.Warning && spec.severity != explain.Info:
			t.Errorf("%s severity = %q", c, spec.severity)
		case (spec.ref == "") == (spec.refOf == nil):
			t.Errorf("%s has ref %q and refOf %v: want exactly one", c, spec.ref, spec.refOf != nil)
		}
		if messages[c] == nil {
			t.Errorf("%s has no message renderer", c)
		}
	}
	for c := range codeSpecs {
		if !all[c] {
			t.Errorf("codeSpecs has %s, which AllCodes lacks", c)
		}
	}
	for c := range messages {
		if !all[c] {
			t.Errorf("messages has %s, which AllCodes lacks", c)
		}
	}
}

// TestMessagesFromArgs renders every SPF finding in the golden files of
// this package, of parsers (zone text and pasted input) and of inspect (live
// reports) from its code and args alone, and checks that it reads as the
// golden file says: no message depends on anything but its args. Every code
// must be met at least once.
func TestMessagesFromArgs(t *testing.T) {
	seen := map[string]bool{}
	explaintest.CheckRendered(t, "spf.", func(code string, args explain.Args) explain.Finding {
		if messages[code] == nil {
			return explain.Finding{} // spfcheck's spf.tree.* and spf.check.*
		}
		seen[code] = true
		return newFinding(code, explain.Span{}, args)
	}, "testdata", "../testdata", "../../inspect/testdata/golden")
	if missing := missingCodes(seen); len(missing) > 0 {
		t.Errorf("codes met in no golden file: %v", missing)
	}
}
