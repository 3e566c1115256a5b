package dmarc

import (
	"slices"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestEnforcePlan checks which records get the plan to p=reject and the
// record each of its steps publishes.
func TestEnforcePlan(t *testing.T) {
	tests := []struct {
		value string
		want  []string // the steps' values; nil for no plan
	}{
		{"v=DMARC1; p=none; rua=mailto:d@example.com", []string{
			"v=DMARC1; p=none; rua=mailto:d@example.com",
			"v=DMARC1; p=quarantine; rua=mailto:d@example.com",
			"v=DMARC1; p=reject; rua=mailto:d@example.com",
		}},
		// Without reports, the first step adds them; the other tags stay.
		{"v=DMARC1; p=none; adkim=s", []string{
			"v=DMARC1; p=none; rua=mailto:{{report-address}}; adkim=s",
			"v=DMARC1; p=none; rua=mailto:{{report-address}}; adkim=s",
			"v=DMARC1; p=quarantine; rua=mailto:{{report-address}}; adkim=s",
			"v=DMARC1; p=reject; rua=mailto:{{report-address}}; adkim=s",
		}},
		// Quarantine in testing: first quarantine applied fully, then reject.
		{"v=DMARC1; p=quarantine; pct=25; t=y; rua=mailto:d@example.com", []string{
			"v=DMARC1; p=quarantine; rua=mailto:d@example.com",
			"v=DMARC1; p=reject; rua=mailto:d@example.com",
		}},
		{"v=DMARC1; p=quarantine; rua=mailto:d@example.com", []string{"v=DMARC1; p=reject; rua=mailto:d@example.com"}},
		{"v=DMARC1; p=reject; pct=50; rua=mailto:d@example.com", []string{"v=DMARC1; p=reject; rua=mailto:d@example.com"}},
		{"v=DMARC1; p=reject; rua=mailto:d@example.com", nil},
		{"v=DMARC1; p=reject", nil},
		{"v=DMARC1; p=nonee; rua=mailto:d@example.com", nil}, // the fix comes first
		{"v=spf1 -all", nil},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			rec := Explain(tt.value, explain.Context{Owner: "_dmarc.example.com."})
			var got []string
			for _, p := range rec.Plans {
				if p.Code != PlanEnforce {
					continue
				}
				for _, s := range p.Steps {
					if s.Text == "" {
						t.Errorf("a step without text")
					}
					got = append(got, s.Value)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("steps\n got %q\nwant %q", got, tt.want)
			}
			// Every step's record is a DMARC record with no error.
			for _, v := range got {
				for _, f := range Explain(explain.FillSlots(v), explain.Context{Owner: "_dmarc.example.com."}).Findings {
					if f.Severity == explain.Error {
						t.Errorf("step %q: %s: %s", v, f.Code, f.Message)
					}
				}
			}
		})
	}
}
