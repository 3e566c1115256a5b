package inspect_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/golden"
)

// TestGolden freezes each fixture's report, read from the zone files in
// memory, in testdata/golden/: the report's own data and findings in full,
// and of each explained record its summary and findings (the parsers' own
// golden files cover fields and facts). Refresh with -update and read the
// diff: these files are the spec of the report's wording.
func TestGolden(t *testing.T) {
	store, err := zone.LoadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := inspect.Domain(context.Background(), store, tc.domain, tc.opts)
			r.ElapsedMS = 0
			golden.JSON(t, filepath.Join("testdata", "golden", fileName(name)+".golden.json"), trim(jsonValue(t, r)))
		})
	}
}

// trim drops the parts of explained records that the parsers' golden files
// already cover, and the wording of spfcheck's problems, which its own tests
// cover (their codes stay).
func trim(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if code, _ := x["code"].(string); strings.HasPrefix(code, "spf.tree.") || strings.HasPrefix(code, "spf.check.") {
			delete(x, "message")
		}
		delete(x, "note")    // check_host() path notes: spfcheck's wording
		delete(x, "problem") // likewise
		if _, isRecord := x["fields"]; isRecord {
			return map[string]any{"type": x["type"], "owner": x["owner"], "value": x["value"], "summary": x["summary"],
				"valid": x["valid"], "findings": x["findings"]}
		}
		for k, e := range x {
			x[k] = trim(e)
		}
	case []any:
		for i, e := range x {
			x[i] = trim(e)
		}
	}
	return v
}

// fileName turns a case name into a file name: letters and digits, words
// joined by "-".
func fileName(name string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), "-")
}

// TestMarkdown freezes how the report reads as Markdown (inspect.Markdown)
// for a few fixtures: a domain with errors, an SPF policy over 10 lookups
// with its plan, MTA-STS hosts not covered, and one without errors.
// Refresh with -update.
func TestMarkdown(t *testing.T) {
	store, err := zone.LoadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"realistic subdomain", "spf over 10 lookups", "mta-sts mx not covered", "null mx with spf senders", "nxdomain"} {
		tc, ok := cases[name]
		if !ok {
			t.Fatalf("no case %q", name)
		}
		t.Run(name, func(t *testing.T) {
			r := inspect.Domain(context.Background(), store, tc.domain, tc.opts)
			md := inspect.Markdown(r)
			golden.Check(t, filepath.Join("testdata", "golden", fileName(name)+".golden.md"), []byte(md))
			if inspect.Markdown(r) != md {
				t.Error("the same report gives another text")
			}
		})
	}
}
