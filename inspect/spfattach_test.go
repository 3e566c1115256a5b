package inspect_test

import (
	"context"
	"testing"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/parsers/explain"
)

// TestSPFErrorsOnRecords: an error of the SPF tree that names a term is a
// finding of the record that holds it, at the term, so that no view shows
// that record as valid; the error stays in Problems, marked AtTerm.
func TestSPFErrorsOnRecords(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	for _, domain := range []string{"loop.spf.test", "many.spf.test"} {
		r := inspect.Domain(context.Background(), srv.client(t), domain, inspect.Options{NoProbe: true})
		attached := 0
		for _, p := range r.SPF.Problems {
			if p.Severity != explain.Error || p.Term == "" {
				continue
			}
			if !p.AtTerm {
				t.Errorf("%s: %s at %q is not on its record", domain, p.Code, p.Term)
				continue
			}
			attached++
			rec := findRecord(r.SPF.Tree, p.Domain)
			if rec == nil {
				t.Fatalf("%s: no record of %s in the tree", domain, p.Domain)
			}
			if rec.Valid {
				t.Errorf("%s: the record of %s is valid with %s", domain, p.Domain, p.Code)
			}
			found := false
			for _, f := range rec.Findings {
				if f.Code == p.Code && f.Severity == explain.Error && rec.Value[f.Span[0]:f.Span[1]] == p.Term && f.Ref != "" {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: the record of %s has no %s finding at %q: %+v", domain, p.Domain, p.Code, p.Term, rec.Findings)
			}
		}
		if attached == 0 {
			t.Errorf("%s: no error at a term: %+v", domain, r.SPF.Problems)
		}
	}
}

func findRecord(n *inspect.SPFNode, domain string) *explain.Record {
	if n == nil {
		return nil
	}
	if n.Record != nil && n.Domain == domain {
		return n.Record
	}
	for _, c := range n.Children {
		if r := findRecord(c, domain); r != nil {
			return r
		}
	}
	return nil
}
