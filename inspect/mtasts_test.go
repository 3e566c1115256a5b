package inspect_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
	"github.com/mxplain/mxplain/parsers/mtasts"
)

// The checks of the MTA-STS cases of TestDomain (testdata/mtasts.zone).

// policies is the fake PolicyFetcher of the cases: the policy file each
// domain serves (a string), or the error fetching it gives.
var policies = fetcher{
	"sts.test":           "version: STSv1\r\nmode: enforce\r\nmx: mx1.sts.test\r\nmx: *.mail.sts.test\r\nmax_age: 1209600\r\n",
	"sts-uncovered.test": "version: STSv1\nmode: enforce\nmx: mx1.sts.test\nmax_age: 604800\n",
	"sts-testing.test":   "version: STSv1\nmode: testing\nmx: mx1.sts.test\nmx: *.sts-testing.test\nmax_age: 86400\n",
	"sts-nopolicy.test":  fetchErr{"tls", "stsfetch: the certificate of mta-sts.sts-nopolicy.test is for another name"},
	"sts-norecord.test":  "version: STSv1\nmode: enforce\nmx: mx1.sts.test\nmax_age: 604800\n",
	"sts-twice.test":     "version: STSv1\nmode: enforce\nmx: mx1.sts.test\nmax_age: 604800\n",
	"sts-delegated.test": "version: STSv1\nmode: none\nmax_age: 86400\n",
	"nothing.test":       fetchErr{"transport", "stsfetch: no such host"},
	"news.corp.test":     fetchErr{"transport", "stsfetch: no such host"},
}

type fetcher map[string]any

func (f fetcher) FetchPolicy(ctx context.Context, domain string) (*inspect.PolicyFile, error) {
	switch p := f[domain].(type) {
	case string:
		return &inspect.PolicyFile{URL: mtasts.PolicyURL(domain), ContentType: "text/plain", Body: p}, nil
	case error:
		return nil, p
	}
	<-ctx.Done() // a policy host that never answers
	return nil, ctx.Err()
}

// fetchErr is a fetch error with its kind, as stsfetch's are.
type fetchErr struct{ kind, msg string }

func (e fetchErr) Error() string { return e.msg }
func (e fetchErr) Kind() string  { return e.kind }

func checkSTS(t *testing.T, r *inspect.Report) {
	m := r.MTASTS
	if m.Name != "_mta-sts.sts.test." || m.Record == nil || len(m.Records) != 1 || m.Policy == nil || !m.Policy.Valid {
		t.Fatalf("mta_sts = %+v", m)
	}
	if m.PolicyURL != "https://mta-sts.sts.test/.well-known/mta-sts.txt" || m.ContentType != "text/plain" || m.FetchError != nil {
		t.Errorf("policy fetched from %s as %s, error %v", m.PolicyURL, m.ContentType, m.FetchError)
	}
	want := []inspect.STSHost{{Exchange: "mx1.sts.test.", Pattern: "mx1.sts.test", Covered: true},
		{Exchange: "a.mail.sts.test.", Pattern: "*.mail.sts.test", Covered: true}}
	if !slices.Equal(m.Hosts, want) {
		t.Errorf("hosts %+v, want %+v", m.Hosts, want)
	}
	if st := partStatus(r, "mta-sts"); st.Status != inspect.StatusOK || st.Label != "MTA-STS" {
		t.Errorf("part %+v", st)
	}
}

func checkSTSUnfetched(t *testing.T, r *inspect.Report) {
	m := r.MTASTS
	if m.Record == nil || m.Policy != nil || m.FetchError == nil || m.FetchError.Kind != "unavailable" || !m.FetchError.Optional {
		t.Fatalf("mta_sts = %+v, want the record and an optional unavailable fetch", m)
	}
	// Not fetching here is no fault of the domain (no error, the report
	// whole), but the policy is unknown: the part is partial, not ok.
	if st := partStatus(r, "mta-sts"); st.Status != inspect.StatusPartial || st.Errors != 0 || r.Partial() {
		t.Errorf("part %+v, report partial %v: want the part partial, no error, the report whole", st, r.Partial())
	}
}

func checkSTSUncovered(t *testing.T, r *inspect.Report) {
	want := []inspect.STSHost{{Exchange: "mx1.sts.test.", Pattern: "mx1.sts.test", Covered: true},
		{Exchange: "backup.mx.example.net.", Covered: false}}
	if !slices.Equal(r.MTASTS.Hosts, want) {
		t.Errorf("hosts %+v, want %+v", r.MTASTS.Hosts, want)
	}
	f := finding(r, inspect.CodeSTSMXNotCovered)
	if f == nil || f.Name != "sts-uncovered.test." || f.Part != "mta-sts" || f.Args["exchanges"] != "backup.mx.example.net" || f.Args["count"] != "1" {
		t.Errorf("finding %+v", f)
	}
	if st := partStatus(r, "mta-sts"); st.Status != inspect.StatusError {
		t.Errorf("part %+v", st)
	}
}

func checkSTSTesting(t *testing.T, r *inspect.Report) {
	if len(r.MTASTS.Hosts) != 2 || r.MTASTS.Hosts[1].Covered {
		t.Errorf("hosts %+v: *.sts-testing.test does not cover a.b.sts-testing.test", r.MTASTS.Hosts)
	}
	if st := partStatus(r, "mta-sts"); st.Status != inspect.StatusWarning {
		t.Errorf("part %+v", st)
	}
}

func checkSTSNoPolicy(t *testing.T, r *inspect.Report) {
	m := r.MTASTS
	if m.Policy != nil || m.FetchError == nil || m.FetchError.Kind != "tls" || m.FetchError.Name != m.PolicyURL {
		t.Fatalf("mta_sts = %+v", m)
	}
	if r.Partial() {
		t.Errorf("a policy host at fault leaves the report whole: %+v", r.Errors)
	}
}

func checkSTSNoRecord(t *testing.T, r *inspect.Report) {
	m := r.MTASTS
	if m.Record != nil || len(m.Records) != 0 || m.Policy == nil || len(m.Hosts) != 1 {
		t.Fatalf("mta_sts = %+v", m)
	}
}

func checkSTSTwice(t *testing.T, r *inspect.Report) {
	m := r.MTASTS
	if m.Record != nil || len(m.Records) != 3 {
		t.Fatalf("mta_sts = %+v", m)
	}
	if multiple := explaintest.Carrying(m.Records, mtasts.CodeRecordMultiple); multiple != 2 {
		t.Errorf("%d records say %s, want the 2 that begin with v=STSv1;", multiple, mtasts.CodeRecordMultiple)
	}
}

func checkSTSDelegated(t *testing.T, r *inspect.Report) {
	m := r.MTASTS
	if m.Record == nil || !slices.Equal(m.Alias, []string{"_mta-sts.provider.sts.test."}) {
		t.Errorf("record %v alias %v, want the provider's record through the CNAME", m.Record, m.Alias)
	}
	if len(m.Hosts) != 0 {
		t.Errorf("hosts %+v: mode none checks none", m.Hosts)
	}
}

func checkNoSTS(t *testing.T, r *inspect.Report) {
	m := r.MTASTS
	if m.Record != nil || len(m.Records) != 0 || m.Policy != nil || m.FetchError != nil || m.Error != nil {
		t.Errorf("mta_sts = %+v: no record, and the failed fetch is no error to speak of", m)
	}
	if st := partStatus(r, "mta-sts"); st.Status != inspect.StatusMissing {
		t.Errorf("part %+v", st)
	}
}

func finding(r *inspect.Report, code string) *inspect.Finding {
	for i := range r.Findings {
		if r.Findings[i].Code == code {
			return &r.Findings[i]
		}
	}
	return nil
}

// TestPolicyFetchWait checks that a policy host that never answers holds
// the report up only while the record says there is a policy: with no
// record the fetch gives up early (and says nothing), with one the report's
// deadline cuts it.
func TestPolicyFetchWait(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	hang := fetcher{}
	r := inspect.Domain(context.Background(), srv.client(t), "sts-norecord.test", inspect.Options{NoProbe: true, Policy: hang})
	if r.MTASTS.FetchError != nil || r.MTASTS.Policy != nil || r.ElapsedMS > 5000 {
		t.Errorf("no record: fetch error %+v after %.0f ms", r.MTASTS.FetchError, r.ElapsedMS)
	}
	r = inspect.Domain(context.Background(), srv.client(t), "sts.test", inspect.Options{NoProbe: true, Policy: hang, Timeout: 500 * time.Millisecond})
	if e := r.MTASTS.FetchError; e == nil || e.Kind != "timeout" || finding(r, inspect.CodeSTSRecordWithoutPolicy) == nil {
		t.Errorf("record, policy host silent: fetch error %+v", e)
	}
}
