package inspect_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/inspect/spfcheck"
	"github.com/mxplain/mxplain/internal/golden"
)

// TestCuts: what a report cannot follow (a CNAME loop, a chain longer than
// doh.MaxChain) or does not look up (MX exchanges past the most preferred)
// is a finding naming the limit and an error, and the report is partial:
// never "no address" or "no SPF record". Through the fixture server, which
// answers SERVFAIL for loops and long chains as resolvers do, and through a
// hostile one that sends them whole with NOERROR.
func TestCuts(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	servers := map[string]func(testing.TB) *doh.Client{
		"servfail": srv.client,
		"hostile":  func(tb testing.TB) *doh.Client { return hostileClient(tb, false) },
	}
	tests := map[string]struct {
		domain string
		code   string // the finding of the cut (hostile server; "" for SERVFAIL's)
		kind   string // the kind of the cut's error (hostile server)
		absent []string
		check  func(t *testing.T, r *inspect.Report)
		always bool // the finding comes with either server
		// noGolden: the report is too large to read as a golden file (1000
		// MX records explained are 800 KB); check pins what matters.
		noGolden bool
	}{
		"long cname chain at an exchange": {domain: "longmx.cut.test", code: inspect.CodeDNSCNAMEChainCut, kind: "cname",
			absent: []string{inspect.CodeMXExchangeNoAddress, inspect.CodeMXNoUsable}},
		"cname loop at an spf include": {domain: "loopspf.cut.test", code: inspect.CodeDNSCNAMELoop, kind: "cname",
			check: func(t *testing.T, r *inspect.Report) {
				for _, p := range r.SPF.Problems {
					if p.Code == spfcheck.CodeTreeIncludeNone {
						t.Errorf("the loop is read as no SPF record: %s", p.Message)
					}
				}
			}},
		"1000 mx": {domain: "manymx.cut.test", code: inspect.CodeMXHostsCut, kind: "limit", always: true, noGolden: true,
			check: func(t *testing.T, r *inspect.Report) {
				if len(r.MX.Hosts) != 10 || r.MX.Unresolved != 990 || r.MX.Hosts[0].Exchange != "h0000.hosts.cut.test." {
					t.Errorf("%d hosts, %d unresolved, first %+v", len(r.MX.Hosts), r.MX.Unresolved, r.MX.Hosts[0])
				}
			}},
	}
	for sname, client := range servers {
		for name, tc := range tests {
			t.Run(sname+"/"+name, func(t *testing.T) {
				r := inspect.Domain(context.Background(), client(t), tc.domain, inspect.Options{NoProbe: true})
				if !r.Partial() {
					t.Errorf("report not partial; errors %+v", r.Errors)
				}
				codes := map[string]bool{}
				for _, f := range r.Findings {
					codes[f.Code] = true
				}
				for _, c := range tc.absent {
					if codes[c] {
						t.Errorf("finding %s: the cut is read as absence", c)
					}
				}
				if sname == "hostile" || tc.always {
					if !codes[tc.code] {
						t.Errorf("no %s finding: %s", tc.code, dump(r.Findings))
					}
					if !slices.ContainsFunc(r.Errors, func(e inspect.DNSError) bool { return e.Kind == tc.kind && !e.Optional }) {
						t.Errorf("no %s error: %+v", tc.kind, r.Errors)
					}
				}
				if tc.check != nil {
					tc.check(t, r)
				}
				if sname == "hostile" && !tc.noGolden {
					r.ElapsedMS = 0
					golden.JSON(t, filepath.Join("testdata", "golden", "cut-"+fileName(name)+".golden.json"), trim(jsonValue(t, r)))
				}
			})
		}
	}
}

// jsonValue is v as encoding/json decodes its JSON into an any.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
