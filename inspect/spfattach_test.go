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

// TestSPFProviders: a record under another organizational domain than the
// one looked up is marked as its provider's; the domain's own are not.
func TestSPFProviders(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	for domain, want := range map[string]map[string]string{
		// news.corp.test includes _spf.corp.test, …: all corp.test's own.
		"news.corp.test": {"news.corp.test": "", "_spf.corp.test": "", "_spf2.corp.test": "", "_spf3.corp.test": ""},
		// bücher.test includes corp.test's records: corp.test provides them.
		"bücher.test": {"xn--bcher-kva.test": "", "_spf.corp.test": "corp.test", "_spf2.corp.test": "corp.test"},
	} {
		r := inspect.Domain(context.Background(), srv.client(t), domain, inspect.Options{NoProbe: true})
		got := map[string]string{}
		var walk func(*inspect.SPFNode)
		walk = func(n *inspect.SPFNode) {
			got[n.Domain] = n.Provider
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(r.SPF.Tree)
		for d, p := range want {
			if g, ok := got[d]; !ok || g != p {
				t.Errorf("%s: the record of %s: provider %q (in the tree: %v), want %q", domain, d, g, ok, p)
			}
		}
	}
}
