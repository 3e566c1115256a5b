package spf

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// TestRules checks that every code has its severity, section and message
// in rules, and that rules holds no other code.
func TestRules(t *testing.T) { explaintest.CheckRules(t, AllCodes, rules) }

// TestMessagesFromArgs renders every SPF finding in the golden files of
// this package, of parsers (zone text and pasted input) and of inspect (live
// reports) from its code and args alone, and checks that it reads as the
// golden file says: no message depends on anything but its args. Every code
// must be met at least once.
func TestMessagesFromArgs(t *testing.T) {
	seen := map[string]bool{}
	render := explaintest.RenderWith(rules) // no finding for spfcheck's spf.tree.* and spf.check.*
	explaintest.CheckRendered(t, "spf.", func(code string, args explain.Args) explain.Finding {
		seen[code] = true
		return render(code, args)
	}, "testdata", "../testdata", "../../inspect/testdata/golden")
	if missing := missingCodes(seen); len(missing) > 0 {
		t.Errorf("codes met in no golden file: %v", missing)
	}
}
