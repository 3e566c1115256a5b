package inspect

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestPartStatus checks the rule that makes a part's status, in its order:
// an error finding anywhere about the part, a failed query it needed, no
// record, a warning.
func TestPartStatus(t *testing.T) {
	rec := func(sevs ...explain.Severity) explain.Record {
		r := explain.Record{Type: "mx", Valid: true}
		for _, s := range sevs {
			r.Add(explain.Finding{Severity: s, Code: "mx.test"})
		}
		return r
	}
	failed := DNSError{Part: "mx", Name: "example.test.", Type: "MX", Kind: "timeout"}
	tests := map[string]struct {
		records  []explain.Record
		findings []Finding
		errors   []DNSError
		want     PartStatus
	}{
		"ok":                   {records: []explain.Record{rec(explain.Info)}, want: PartStatus{Status: StatusOK}},
		"warning on a record":  {records: []explain.Record{rec(explain.Warning, explain.Warning)}, want: PartStatus{Status: StatusWarning, Warnings: 2}},
		"error on a record":    {records: []explain.Record{rec(explain.Warning), rec(explain.Error)}, want: PartStatus{Status: StatusError, Errors: 1, Warnings: 1}},
		"error in the report":  {records: []explain.Record{rec()}, findings: []Finding{{Severity: explain.Error, Part: "mx"}}, want: PartStatus{Status: StatusError, Errors: 1}},
		"another part's error": {records: []explain.Record{rec()}, findings: []Finding{{Severity: explain.Error, Part: "spf"}}, want: PartStatus{Status: StatusOK}},
		"missing":              {want: PartStatus{Status: StatusMissing}},
		"missing with a warning": {findings: []Finding{{Severity: explain.Warning, Part: "mx"}},
			want: PartStatus{Status: StatusMissing, Warnings: 1}},
		"partial":                 {records: []explain.Record{rec(explain.Warning)}, errors: []DNSError{failed}, want: PartStatus{Status: StatusPartial, Warnings: 1}},
		"partial beats missing":   {errors: []DNSError{failed}, want: PartStatus{Status: StatusPartial}},
		"error beats partial":     {records: []explain.Record{rec(explain.Error)}, errors: []DNSError{failed}, want: PartStatus{Status: StatusError, Errors: 1}},
		"optional probe is whole": {records: []explain.Record{rec()}, errors: []DNSError{{Part: "mx", Kind: "timeout", Optional: true}}, want: PartStatus{Status: StatusOK}},
		"another part failed":     {records: []explain.Record{rec()}, errors: []DNSError{{Part: "dkim", Kind: "timeout"}}, want: PartStatus{Status: StatusOK}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newReport("example.test")
			r.MX.Records = tc.records
			r.Findings = append(r.Findings, tc.findings...)
			r.Errors = append(r.Errors, tc.errors...)
			want := tc.want
			want.Part, want.Label, want.Title, want.Section = "mx", mxPart.label, mxPart.title, "mx"
			if got := mxPart.status(r); got != want {
				t.Errorf("status = %+v, want %+v", got, want)
			}
		})
	}
}

// TestPartStatusProblems checks that the SPF tree's problems, which are on
// no record, count for the SPF part.
func TestPartStatusProblems(t *testing.T) {
	r := newReport("example.test")
	r.SPF.Tree = &SPFNode{Domain: "example.test", Record: &explain.Record{Type: "spf", Valid: true}}
	r.SPF.Problems = []SPFProblem{{Severity: explain.Error, Code: "spf.tree.lookups_exceeded"}, {Severity: explain.Warning, Code: "spf.tree.x"}}
	got := spfPart.status(r)
	if got.Status != StatusError || got.Errors != 1 || got.Warnings != 1 {
		t.Errorf("spf status = %+v, want error with 1 error and 1 warning", got)
	}
	if !r.HasErrors() {
		t.Error("HasErrors is false with an error problem")
	}
}

// TestPartsNamed keeps every part named, labelled and titled, once.
func TestPartsNamed(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range parts {
		if p.name == "" || p.label == "" || p.title == "" || p.start == nil || p.atOnce == nil || p.errors == nil || p.records == nil {
			t.Errorf("part %+v lacks a field", p)
		}
		if seen[p.name] {
			t.Errorf("part %q twice", p.name)
		}
		seen[p.name] = true
	}
}

// TestPartSections keeps every part's section the JSON key of one field of
// Report, a field no other part names.
func TestPartSections(t *testing.T) {
	keys := map[string]bool{}
	for f := range reflect.TypeFor[Report]().Fields() {
		keys[strings.Split(f.Tag.Get("json"), ",")[0]] = true
	}
	seen := map[string]string{}
	for _, p := range parts {
		if !keys[p.section] {
			t.Errorf("part %s: section %q is no key of the report", p.name, p.section)
		}
		if q, ok := seen[p.section]; ok {
			t.Errorf("parts %s and %s have section %q", q, p.name, p.section)
		}
		seen[p.section] = p.name
	}
}

// slowResolver answers nothing, after a while, whatever the context says.
type slowResolver struct{ d time.Duration }

func (s slowResolver) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	time.Sleep(s.d)
	return nil, doh.ErrTimeout
}

// TestProgressAfterReturn checks that Options.Progress is never called once
// Domain has returned, though parts cut at the deadline still run, and that
// the parts not done are said so.
func TestProgressAfterReturn(t *testing.T) {
	var mu sync.Mutex
	returned, late := false, 0
	var last Progress
	opts := Options{NoProbe: true, Selectors: []string{"s1"}, Timeout: 20 * time.Millisecond, Progress: func(p Progress) {
		mu.Lock()
		defer mu.Unlock()
		if returned {
			late++
		}
		last = p
	}}
	r := Domain(context.Background(), slowResolver{400 * time.Millisecond}, "example.test", opts)
	mu.Lock()
	returned = true
	mu.Unlock()
	time.Sleep(900 * time.Millisecond) // the parts' queries end and more start
	mu.Lock()
	defer mu.Unlock()
	if late > 0 {
		t.Errorf("%d progress calls after Domain returned", late)
	}
	if len(last.Pending) == 0 || len(last.Parts) != len(parts) || last.Parts[0].Done {
		t.Errorf("last progress before the cut: %+v", last)
	}
	for _, p := range r.Parts {
		if p.Status != StatusPartial {
			t.Errorf("part %s is %s after the deadline, want partial", p.Part, p.Status)
		}
	}
}
