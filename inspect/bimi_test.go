package inspect_test

import (
	"errors"
	"testing"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/parsers/bimi"
)

// bimiDMARCCodes are the findings that say DMARC keeps the logo hidden.
var bimiDMARCCodes = []string{inspect.CodeBIMIDMARCAbsent, inspect.CodeBIMIDMARCNone, inspect.CodeBIMIDMARCSubdomainNone, inspect.CodeBIMIDMARCPct}

// The checks of the BIMI cases of TestDomain (testdata/bimi.zone).

func checkBIMIEligible(t *testing.T, r *inspect.Report) {
	b := r.BIMI
	if b.Selector != "default" || len(b.Steps) != 1 || b.Steps[0].Name != "default._bimi.bimi.test." || b.Source != "domain" {
		t.Fatalf("bimi = %+v", b)
	}
	if !b.Eligible || b.Logo != "https://bimi.test/logo.svg" || b.Evidence != "https://bimi.test/vmc.pem" || b.Declined {
		t.Errorf("bimi = %+v", b)
	}
	if st := partStatus(r, "bimi"); st.Status != inspect.StatusOK || st.Label != "BIMI" {
		t.Errorf("part %+v", st)
	}
}

func checkBIMIFallback(t *testing.T, r *inspect.Report) {
	b := r.BIMI
	if len(b.Steps) != 2 || b.Steps[1].Name != "default._bimi.bimi.test." || b.Source != "organizational" || !b.Eligible {
		t.Errorf("bimi = %+v", b)
	}
}

func checkBIMISelector(t *testing.T, r *inspect.Report) {
	b := r.BIMI
	if b.Selector != "brand" || b.Steps[0].Name != "brand._bimi.bimi.test." || b.Logo != "https://bimi.test/brand.svg" || !b.Eligible {
		t.Errorf("bimi = %+v", b)
	}
}

func checkBIMIDeclined(t *testing.T, r *inspect.Report) {
	b := r.BIMI
	if !b.Declined || b.Eligible || len(b.Steps) != 1 || b.Record == nil {
		t.Errorf("bimi = %+v", b)
	}
}

func checkBIMITwice(t *testing.T, r *inspect.Report) {
	b := r.BIMI
	if b.Record != nil || b.Eligible || len(b.Steps) != 1 || len(b.Steps[0].Records) != 2 {
		t.Fatalf("bimi = %+v", b)
	}
	for _, rec := range b.Steps[0].Records {
		if rec.Valid {
			t.Errorf("%q is valid, want %s", rec.Value, bimi.CodeRecordMultiple)
		}
	}
}

func checkBIMIBlocked(t *testing.T, r *inspect.Report) {
	if r.BIMI.Record == nil || r.BIMI.Eligible {
		t.Errorf("bimi = %+v", r.BIMI)
	}
	if st := partStatus(r, "bimi"); st.Status != inspect.StatusError {
		t.Errorf("part %+v", st)
	}
}

func TestBIMISelector(t *testing.T) {
	for sel, want := range map[string]string{"default": "default", "Brand": "brand", "spring.2026": "spring.2026", "bücher": "xn--bcher-kva"} {
		got, err := inspect.BIMISelector(sel, "example.com")
		if err != nil || got != want {
			t.Errorf("BIMISelector(%q) = %q, %v; want %q", sel, got, err, want)
		}
	}
	for _, sel := range []string{"", "a_b", ".a", "a.", " a", "a b", "a..b"} {
		if _, err := inspect.BIMISelector(sel, "example.com"); !errors.Is(err, inspect.ErrDomain) {
			t.Errorf("BIMISelector(%q): %v, want ErrDomain", sel, err)
		}
	}
}
