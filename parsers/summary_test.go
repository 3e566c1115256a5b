package parsers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSummariesAreSentences: every record's summary, whatever the kind it
// is explained as and whether its owner is known, is a sentence: it starts
// with a capital letter, a digit or a quote, and ends with a full stop.
// The values are those of every record package's goldens, each explained
// as every kind.
func TestSummariesAreSentences(t *testing.T) {
	files, err := filepath.Glob("*/testdata/*.golden.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no goldens: %v", err)
	}
	var values []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rec struct{ Value string }
		if json.Unmarshal(b, &rec) == nil && rec.Value != "" {
			values = append(values, rec.Value)
		}
	}
	if len(values) < 50 {
		t.Fatalf("only %d values read from %d goldens", len(values), len(files))
	}
	for _, k := range Kinds() {
		for _, v := range values {
			for _, input := range []string{v, "example.com. IN TXT \"" + v + "\""} {
				ex, err := Explain(input, Options{Type: k.Type})
				if err != nil {
					continue
				}
				for _, r := range ex.Records {
					first, _ := utf8.DecodeRuneInString(r.Summary)
					last, _ := utf8.DecodeLastRuneInString(r.Summary)
					if !(unicode.IsUpper(first) || unicode.IsDigit(first) || first == '“' || first == '"') || last != '.' {
						t.Errorf("%s as %s: summary %q is not a sentence", input, k.Type, r.Summary)
					}
				}
			}
		}
	}
}
