package dmarc

import (
	"strings"
	"testing"
)

// TestURIListFindingsBounded pins that a destination repeated many times,
// or a long list, gives one finding, not one per entry.
func TestURIListFindingsBounded(t *testing.T) {
	for name, list := range map[string]string{
		"repeated": strings.Repeat("mailto:a@example.com,", 1000) + "mailto:a@example.com",
		"long":     "mailto:a@example.com,mailto:b@example.com,mailto:c@example.com,mailto:d@example.com,mailto:e@example.com",
	} {
		t.Run(name, func(t *testing.T) {
			_, fs := Parse("v=DMARC1; p=reject; rua=" + list)
			n := map[string]int{}
			for _, f := range fs {
				n[f.Code]++
			}
			if n[CodeURIDuplicate] > 1 || n[CodeURIMany] > 1 {
				t.Errorf("%d %s and %d %s findings, want at most one each", n[CodeURIDuplicate], CodeURIDuplicate, n[CodeURIMany], CodeURIMany)
			}
		})
	}
}
