package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// TestWriteExplanation: the streamed JSON is byte for byte the encoder's,
// on the parsers' golden inputs, the lint zones and hostile text.
func TestWriteExplanation(t *testing.T) {
	inputs := map[string]string{
		"hostile":   "v=spf1 ip4:192.0.2.1" + hostile + " -all <script>&",
		"one field": "10 mx.example.com.",
	}
	for _, glob := range []string{"../../parsers/testdata/input/*.txt", filepath.Join(lintZones, "*.zone")} {
		files, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs[f] = string(b)
		}
	}
	if len(inputs) < 10 {
		t.Fatalf("only %d inputs: golden inputs not found", len(inputs))
	}
	check := func(t *testing.T, ex explain.Explanation) {
		var old, streamed bytes.Buffer
		enc := json.NewEncoder(&old)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ex); err != nil {
			t.Fatal(err)
		}
		if err := writeExplanation(&streamed, ex); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(old.Bytes(), streamed.Bytes()) {
			i := 0
			for i < min(old.Len(), streamed.Len()) && old.Bytes()[i] == streamed.Bytes()[i] {
				i++
			}
			t.Errorf("streamed JSON differs at byte %d:\nencoder:  %q\nstreamed: %q", i, old.Bytes()[max(0, i-40):min(old.Len(), i+40)], streamed.Bytes()[max(0, i-40):min(streamed.Len(), i+40)])
		}
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			ex, _ := parsers.Explain(in, parsers.Options{}) // with no record, the empty explanation
			check(t, ex)
		})
	}
	t.Run("no records", func(t *testing.T) { check(t, explain.Explanation{Input: "", Records: []explain.Record{}}) })
	t.Run("nil records", func(t *testing.T) { check(t, explain.Explanation{Input: "x"}) })
}
