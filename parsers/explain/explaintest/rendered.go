package explaintest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// CheckRendered checks that every finding whose code starts with prefix in
// the JSON files under dirs (golden files, searched recursively) is what
// render makes of its code and Args alone: the same severity, reference and
// message. A record package passes its own constructor as render, so the
// check proves that a finding's Args carry everything its message says. A
// finding render returns no code for is not the package's (spfcheck's
// spf.tree.* problems share spf's prefix) and is passed over. A directory
// that holds no finding of the package fails the test: the check would
// prove nothing there.
func CheckRendered(t *testing.T, prefix string, render func(code string, args explain.Args) explain.Finding, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		n := 0
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var v any
			if json.Unmarshal(b, &v) != nil {
				return nil // not a golden file of records
			}
			for _, f := range findings(v, prefix) {
				got := render(f.Code, f.Args)
				if got.Code == "" {
					continue
				}
				n++
				if got.Severity != f.Severity || got.Ref != f.Ref || got.Message != f.Message {
					t.Errorf("%s: %s with args %v renders\n%s %s %q\nnot\n%s %s %q", path, f.Code, f.Args,
						got.Severity, got.Ref, got.Message, f.Severity, f.Ref, f.Message)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("no %s… finding in the JSON files under %s", prefix, dir)
		}
	}
}

// RenderWith renders with rules, for CheckRendered: a code with no rule
// renders as no finding, which CheckRendered passes over (another
// package's code under the same prefix: spfcheck's spf.tree.*); CheckRules
// is what proves every code has a rule.
func RenderWith(rules explain.Rules) func(code string, args explain.Args) explain.Finding {
	return func(code string, args explain.Args) explain.Finding {
		if _, ok := rules[code]; !ok {
			return explain.Finding{}
		}
		return rules.Finding(code, explain.Span{}, args)
	}
}

// CheckRules checks that every code in codes has a rule with a severity, a
// section (or a RefFor that picks one) and a message, and that rules holds
// no other code.
func CheckRules(t *testing.T, codes []string, rules explain.Rules) {
	t.Helper()
	listed := map[string]bool{}
	for _, code := range codes {
		listed[code] = true
		r, ok := rules[code]
		switch {
		case !ok:
			t.Errorf("%s has no rule", code)
		case r.Severity != explain.Error && r.Severity != explain.Warning && r.Severity != explain.Info:
			t.Errorf("%s has severity %q", code, r.Severity)
		case r.Ref == "" && r.RefFor == nil:
			t.Errorf("%s cites no section", code)
		case r.Message == nil:
			t.Errorf("%s has no message", code)
		}
	}
	for code := range rules {
		if !listed[code] {
			t.Errorf("rules has %s, which the codes lack", code)
		}
	}
}

// findings are the objects in v, at any depth, that read as findings with
// a code starting with prefix.
func findings(v any, prefix string) []explain.Finding {
	var out []explain.Finding
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			out = append(out, findings(x, prefix)...)
		}
	case map[string]any:
		if code, ok := v["code"].(string); ok && strings.HasPrefix(code, prefix) {
			if _, ok := v["message"].(string); ok {
				b, _ := json.Marshal(v)
				var f explain.Finding
				if json.Unmarshal(b, &f) == nil {
					return append(out, f)
				}
			}
		}
		for _, x := range v {
			out = append(out, findings(x, prefix)...)
		}
	}
	return out
}
