package inspect_test

import (
	"slices"
	"testing"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
	"github.com/mxplain/mxplain/parsers/tlsrpt"
)

// The checks of the TLS-RPT cases of TestDomain (testdata/tlsrpt.zone).

func checkTLSRPT(t *testing.T, r *inspect.Report) {
	tr := r.TLSRPT
	if tr.Name != "_smtp._tls.tlsrpt.test." || tr.Record == nil || len(tr.Records) != 1 || tr.Error != nil {
		t.Fatalf("tls_rpt = %+v", tr)
	}
	if !slices.Equal(tr.Mailto, []string{"tls-reports@tlsrpt.test"}) || !slices.Equal(tr.HTTPS, []string{"https://reports.tlsrpt.test/v1/tlsrpt"}) {
		t.Errorf("reports go to %q and %q", tr.Mailto, tr.HTTPS)
	}
	if st := partStatus(r, "tls-rpt"); st.Status != inspect.StatusOK || st.Label != "TLS-RPT" {
		t.Errorf("part %+v", st)
	}
}

func checkNoTLSRPT(t *testing.T, r *inspect.Report) {
	if r.TLSRPT.Record != nil || len(r.TLSRPT.Records) != 0 {
		t.Errorf("tls_rpt = %+v", r.TLSRPT)
	}
	if st := partStatus(r, "tls-rpt"); st.Status != inspect.StatusMissing || st.Warnings != 1 {
		t.Errorf("part %+v, want missing with the finding's warning", st)
	}
}

func checkTwoTLSRPT(t *testing.T, r *inspect.Report) {
	tr := r.TLSRPT
	if tr.Record != nil || len(tr.Records) != 3 || len(tr.Mailto) != 0 {
		t.Fatalf("tls_rpt = %+v", tr)
	}
	if multiple := explaintest.Carrying(tr.Records, tlsrpt.CodeRecordMultiple); multiple != 2 {
		t.Errorf("%d records say %s, want the 2 that start with v=TLSRPTv1", multiple, tlsrpt.CodeRecordMultiple)
	}
	if st := partStatus(r, "tls-rpt"); st.Status != inspect.StatusError {
		t.Errorf("part %+v", st)
	}
}

func partStatus(r *inspect.Report, name string) inspect.PartStatus {
	for _, p := range r.Parts {
		if p.Part == name {
			return p
		}
	}
	return inspect.PartStatus{}
}
