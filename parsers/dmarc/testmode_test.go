package dmarc

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestTestingMode pins that t=y lowers every policy, p, sp and np alike, by
// one level (RFC 9989 §4.7: "the Domain Owner Assessment Policy declared in
// the "p", "sp", and/or "np" tags"), and that the summary and the t=y
// finding say so for the policies it changes.
func TestTestingMode(t *testing.T) {
	tests := map[string]struct {
		value      string
		p, sp, np  Policy // applied to failing mail
		summary    []string
		notSummary []string
		says       []string // in the dmarc.t.testing message
		notSays    []string
	}{
		"reject": {value: "v=DMARC1; p=reject; t=y", p: PolicyQuarantine, sp: PolicyQuarantine, np: PolicyQuarantine,
			summary: []string{"apply quarantine instead of reject"}},
		"sp and np lowered too": {value: "v=DMARC1; p=reject; sp=quarantine; np=reject; t=y",
			p: PolicyQuarantine, sp: PolicyNone, np: PolicyQuarantine,
			summary:    []string{"subdomains: none instead of quarantine", "non-existent subdomains: quarantine instead of reject"},
			notSummary: []string{"subdomains: quarantine;"}},
		"p=none, sp=reject": {value: "v=DMARC1; p=none; sp=reject; t=y", p: PolicyNone, sp: PolicyQuarantine, np: PolicyQuarantine,
			summary: []string{"subdomains: quarantine instead of reject"},
			says:    []string{"sp=reject"}, notSays: []string{"changes nothing"}},
		"all none": {value: "v=DMARC1; p=none; t=y", p: PolicyNone, sp: PolicyNone, np: PolicyNone,
			says: []string{"changes nothing"}, notSummary: []string{"instead of"}},
		"t=n": {value: "v=DMARC1; p=reject; sp=quarantine; t=n", p: PolicyReject, sp: PolicyQuarantine, np: PolicyQuarantine,
			notSummary: []string{"instead of"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, _ := Parse(tc.value)
			got := [3]Policy{r.Applied(r.EffectivePolicy()), r.Applied(r.EffectiveSubdomainPolicy()), r.Applied(r.EffectiveNonexistentPolicy())}
			if want := [3]Policy{tc.p, tc.sp, tc.np}; got != want {
				t.Errorf("applied p, sp, np = %q, want %q", got, want)
			}
			rec := Explain(tc.value, explain.Context{})
			checkText(t, "summary", rec.Summary, tc.summary, tc.notSummary)
			var msg string
			for _, f := range rec.Findings {
				if f.Code == CodeTTesting {
					msg = f.Message
				}
			}
			checkText(t, "t=y finding", msg, tc.says, tc.notSays)
		})
	}
}

// checkText fails unless text holds every string of has and none of hasNot.
func checkText(t *testing.T, what, text string, has, hasNot []string) {
	t.Helper()
	for _, s := range has {
		if !strings.Contains(text, s) {
			t.Errorf("%s %q lacks %q", what, text, s)
		}
	}
	for _, s := range hasNot {
		if strings.Contains(text, s) {
			t.Errorf("%s %q has %q", what, text, s)
		}
	}
}
