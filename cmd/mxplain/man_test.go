package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers"
)

// TestManName: the manual's NAME line names every kind of record the
// registry holds (parsers.Kinds), as roff text.
func TestManName(t *testing.T) {
	var b bytes.Buffer
	writeMan(&b, "test")
	_, rest, _ := strings.Cut(b.String(), ".SH NAME\n")
	name, _, _ := strings.Cut(rest, "\n")
	for _, k := range parsers.Kinds() {
		if !strings.Contains(name, roff(k.Label)) {
			t.Errorf("NAME line %q lacks %s", name, k.Label)
		}
	}
}
