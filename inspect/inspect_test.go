package inspect_test

import (
	"context"
	"encoding/json"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/inspect/spfcheck"
	"github.com/mxplain/mxplain/parsers/srv"
)

// cases are the fixture domains of testdata/*.zone, each with the report
// codes it must give and checks of its data.
var cases = map[string]struct {
	domain string
	opts   inspect.Options
	codes  []string // report findings that must be there
	absent []string // report findings that must not
	check  func(t *testing.T, r *inspect.Report)
	// signed and bogus are the zones a validating resolver validates and
	// fails (see validating); without either, no answer carries AD.
	signed, bogus []string
	// partial is true for a report whose queries fail on purpose.
	partial bool
}{
	"realistic subdomain": {
		domain: "news.corp.test",
		opts:   inspect.Options{Selectors: []string{"news2024a", "news2024b", "news2024c"}},
		codes:  []string{inspect.CodeDMARCInherited},
		absent: []string{inspect.CodeDMARCReportUnauthorized, inspect.CodeMXNotInSPF, inspect.CodeDMARCAbsent, inspect.CodeDMARCLegacyDiffers},
		check: func(t *testing.T, r *inspect.Report) {
			if len(r.MX.Hosts) != 2 || r.MX.Hosts[0].Exchange != "mx1.mail.example.net." || len(r.MX.Hosts[0].Addresses) != 2 {
				t.Errorf("mx hosts = %+v", r.MX.Hosts)
			}
			if r.DMARC.PolicyDomain != "corp.test" || r.DMARC.OrganizationalDomain != "corp.test" || r.DMARC.Source != "organizational" || r.DMARC.Policy != "reject" {
				t.Errorf("dmarc = %s %s %s %s", r.DMARC.PolicyDomain, r.DMARC.OrganizationalDomain, r.DMARC.Source, r.DMARC.Policy)
			}
			if r.DMARC.Record == nil || !strings.HasPrefix(r.DMARC.Record.Value, "v=DMARC1; p=reject") {
				t.Errorf("dmarc record = %+v", r.DMARC.Record)
			}
			if got := len(r.DMARC.Walk); got != 3 {
				t.Errorf("walk has %d steps, want 3 (news.corp.test, corp.test, test)", got)
			}
			if len(r.DMARC.Reports) != 1 || !r.DMARC.Reports[0].Authorized || r.DMARC.Reports[0].Name != "corp.test._report._dmarc.reports.test." {
				t.Errorf("report authorisations = %+v", r.DMARC.Reports)
			}
			for _, s := range []string{"news2024a", "news2024b", "news2024c"} {
				if rec, ok := r.DKIM[s]; !ok || !rec.Valid {
					t.Errorf("dkim[%s] = %+v, %v", s, rec, ok)
				}
			}
			if len(r.DKIMSelectors) != 3+len(inspect.CommonSelectors) {
				t.Errorf("%d selectors looked up", len(r.DKIMSelectors))
			}
			if r.SPF.DNSLookups != 3 || r.SPF.Tree == nil || len(r.SPF.Networks) != 4 {
				t.Errorf("spf: %d lookups, networks %v", r.SPF.DNSLookups, r.SPF.Networks)
			}
			if r.Queries > inspect.MaxQueries || r.Queries < 30 {
				t.Errorf("%d queries", r.Queries)
			}
		},
	},
	"spf check path": {
		domain: "news.corp.test",
		opts:   inspect.Options{NoProbe: true, IP: netip.MustParseAddr("203.0.113.7")},
		check: func(t *testing.T, r *inspect.Report) {
			if r.SPF.Result != string(spfcheck.ResultSoftfail) && r.SPF.Result != string(spfcheck.ResultPass) {
				t.Errorf("spf result %q", r.SPF.Result)
			}
			if r.SPF.Check == nil || len(r.SPF.Check.Path) == 0 {
				t.Errorf("no check path: %+v", r.SPF.Check)
			}
		},
	},
	"null mx with spf senders": {
		domain: "nullmx.test",
		codes:  []string{inspect.CodeNullMXSPFPermits, inspect.CodeDMARCReportUnauthorized, inspect.CodeDKIMNoneFound},
		check: func(t *testing.T, r *inspect.Report) {
			if !r.MX.NullMX || len(r.MX.Hosts) != 0 {
				t.Errorf("null mx = %v, hosts %+v", r.MX.NullMX, r.MX.Hosts)
			}
			if r.DMARC.Source != "domain" || r.DMARC.Policy != "reject" {
				t.Errorf("dmarc source %q policy %q", r.DMARC.Source, r.DMARC.Policy)
			}
		},
	},
	"implicit mx, no spf, enforcing dmarc": {
		domain: "nomx.test",
		codes:  []string{inspect.CodeMXImplicit, inspect.CodeDMARCNoSPFNoDKIM},
		check: func(t *testing.T, r *inspect.Report) {
			if !r.MX.Implicit || len(r.MX.Hosts) != 1 || r.MX.Hosts[0].Addresses[0].String() != "192.0.2.50" {
				t.Errorf("implicit mx: %+v", r.MX)
			}
		},
	},
	"nothing for mail": {
		domain: "nothing.test",
		codes:  []string{inspect.CodeMXNone, inspect.CodeDMARCAbsent},
		check: func(t *testing.T, r *inspect.Report) {
			if r.DMARC.PolicyDomain != "" || r.DMARC.Record != nil || r.DMARC.OrganizationalDomain != "nothing.test" {
				t.Errorf("dmarc: %+v", r.DMARC)
			}
		},
	},
	"alias exchange, spf -all with p=none, revoked key": {
		domain: "alias.test",
		codes: []string{inspect.CodeMXExchangeCNAME, inspect.CodeMXExchangeNoAddress, inspect.CodeDMARCMonitorSPFFail,
			inspect.CodeDKIMAllRevoked},
		absent: []string{inspect.CodeMXNoUsable},
		check: func(t *testing.T, r *inspect.Report) {
			if len(r.MX.Hosts) != 2 || len(r.MX.Hosts[0].Alias) == 0 {
				t.Errorf("hosts: %+v", r.MX.Hosts)
			}
		},
	},
	"no usable exchange": {
		domain: "deadmx.test",
		opts:   inspect.Options{NoProbe: true},
		codes:  []string{inspect.CodeMXNoUsable, inspect.CodeMXExchangeNoAddress},
		check: func(t *testing.T, r *inspect.Report) {
			if len(r.MX.Hosts) != 2 || !r.MX.Hosts[0].NXDomain || r.MX.Hosts[1].NXDomain {
				t.Errorf("hosts: %+v", r.MX.Hosts)
			}
		},
	},
	"spf include loop": {
		domain: "loop.spf.test",
		opts:   inspect.Options{NoProbe: true},
		check: func(t *testing.T, r *inspect.Report) {
			wantProblem(t, r, spfcheck.CodeTreeIncludeLoop)
		},
	},
	"spf void lookups": {
		domain: "void.spf.test",
		opts:   inspect.Options{NoProbe: true},
		check: func(t *testing.T, r *inspect.Report) {
			wantProblem(t, r, spfcheck.CodeTreeVoidExceeded)
			if r.SPF.VoidLookups != 3 {
				t.Errorf("%d void lookups, want 3", r.SPF.VoidLookups)
			}
		},
	},
	"spf over 10 lookups": {
		domain: "many.spf.test",
		opts:   inspect.Options{NoProbe: true, IP: netip.MustParseAddr("192.0.2.15")},
		check: func(t *testing.T, r *inspect.Report) {
			wantProblem(t, r, spfcheck.CodeTreeLookupsExceeded)
			if r.SPF.DNSLookups != 11 {
				t.Errorf("%d lookups, want 11", r.SPF.DNSLookups)
			}
			if r.SPF.Result != string(spfcheck.ResultPermerror) {
				t.Errorf("check_host() = %q, want permerror", r.SPF.Result)
			}
			if !r.HasErrors() {
				t.Error("HasErrors() is false")
			}
		},
	},
	"nxdomain": {
		domain: "missing.test",
		opts:   inspect.Options{Selectors: []string{"s2025"}, NoProbe: true},
		codes:  []string{inspect.CodeDomainNXDomain, inspect.CodeDKIMSelectorMissing},
		absent: []string{inspect.CodeDMARCAbsent, inspect.CodeDKIMNoneFound},
		check: func(t *testing.T, r *inspect.Report) {
			if !r.NXDomain || !r.MX.NXDomain {
				t.Error("not NXDOMAIN")
			}
		},
	},
	"dmarc record between domain and organizational domain": {
		domain: "a.b.deep.test",
		codes:  []string{inspect.CodeDMARCInherited, inspect.CodeDMARCIgnoredRecord, inspect.CodeMXNotInSPF},
		check: func(t *testing.T, r *inspect.Report) {
			if r.DMARC.PolicyDomain != "deep.test" || r.DMARC.Policy != "reject" {
				t.Errorf("policy domain %q policy %q, want deep.test reject (sp=)", r.DMARC.PolicyDomain, r.DMARC.Policy)
			}
		},
	},
	"nonexistent subdomain": {
		domain: "ghost.deep.test",
		opts:   inspect.Options{NoProbe: true},
		codes:  []string{inspect.CodeDomainNXDomain, inspect.CodeDMARCInherited},
		absent: []string{inspect.CodeDMARCNoSPFNoDKIM},
		check: func(t *testing.T, r *inspect.Report) {
			if r.DMARC.PolicyDomain != "deep.test" || r.DMARC.Policy != "quarantine" {
				t.Errorf("policy domain %q policy %q, want deep.test quarantine (np=)", r.DMARC.PolicyDomain, r.DMARC.Policy)
			}
		},
	},
	"public suffix domain policy": {
		domain: "giant.psd.test",
		codes:  []string{inspect.CodeDMARCInherited, inspect.CodeDMARCLegacyDiffers},
		check: func(t *testing.T, r *inspect.Report) {
			if r.DMARC.Source != "psd" || r.DMARC.PolicyDomain != "psd.test" || r.DMARC.OrganizationalDomain != "giant.psd.test" {
				t.Errorf("dmarc: source %q policy domain %q org %q", r.DMARC.Source, r.DMARC.PolicyDomain, r.DMARC.OrganizationalDomain)
			}
			if !r.DMARC.Walk[len(r.DMARC.Walk)-1].AfterStop {
				t.Error("_dmarc.test should be after the psd=y stop")
			}
		},
	},
	"internationalized name": {
		domain: "Bücher.test.",
		opts:   inspect.Options{NoProbe: true},
		check: func(t *testing.T, r *inspect.Report) {
			if r.Domain != "xn--bcher-kva.test" || r.DMARC.Policy != "quarantine" {
				t.Errorf("domain %q policy %q", r.Domain, r.DMARC.Policy)
			}
		},
	},
	"ip literal": {
		domain: "192.0.2.1",
		check: func(t *testing.T, r *inspect.Report) {
			if r.Error == "" || r.Queries != 0 {
				t.Errorf("error %q, %d queries", r.Error, r.Queries)
			}
		},
	},

	// TLS-RPT and BIMI: the checks are in tlsrpt_test.go and bimi_test.go.
	"tls-rpt with mta-sts":            {domain: "tlsrpt.test", absent: []string{inspect.CodeTLSRPTMissingForSTS, inspect.CodeTLSRPTMissingForDANE}, check: checkTLSRPT},
	"tls-rpt missing, mta-sts record": {domain: "sts-only.test", codes: []string{inspect.CodeTLSRPTMissingForSTS}, check: checkNoTLSRPT},
	"dnssec validated, dane for one host of two": {
		domain: "signed.test", signed: []string{"signed.test.", "signedmail.net."},
		codes:  []string{inspect.CodeDNSSECValidated, inspect.CodeDANESomeHosts, inspect.CodeDANENotChecked, inspect.CodeDANEWithMTASTS},
		absent: []string{inspect.CodeTLSRPTMissingForDANE, inspect.CodeSRVForeignTarget, inspect.CodeSRVNone, inspect.CodeSRVNoImplicitTLS},
		check: func(t *testing.T, r *inspect.Report) {
			if r.DNSSEC.Status != inspect.DNSSECValidated || r.DNSSEC.DS != 1 {
				t.Errorf("dnssec = %+v", r.DNSSEC)
			}
			if len(r.DANE.Hosts) != 2 || r.DANE.Hosts[0].Status != inspect.DANEProtected || r.DANE.Hosts[1].Status != inspect.DANENone || r.DANE.Protected != 1 {
				t.Errorf("dane = %+v", r.DANE)
			}
			if len(r.SRV.Submit) != 2 || r.SRV.Submit[0].Target != "smtp.signedmail.net." || r.SRV.Submit[0].Port != 465 || len(r.SRV.Submit[0].Addresses) != 1 || r.SRV.Submit[1].Port != 587 {
				t.Errorf("submit = %+v", r.SRV.Submit)
			}
			if got := r.Path[2].Says[0]; got != "TLS: required, with an authenticated certificate, by DANE for 1 of 2 MX hosts." {
				t.Errorf("the TLS step says %q", got)
			}
			// _submissions is offered: _submission's record is not told to add it.
			for _, s := range r.SRV.Services {
				for _, rec := range s.Records {
					for _, f := range rec.Findings {
						if f.Code == srv.CodeStartTLS {
							t.Errorf("%s: %s, though _submissions._tcp is offered", s.Service, f.Code)
						}
					}
				}
			}
			if len(r.SRV.Read) != 1 || r.SRV.Read[0].Service != "_imaps._tcp" {
				t.Errorf("read = %+v", r.SRV.Read)
			}
			for _, p := range r.Parts {
				want := inspect.SectionValidated
				if p.Part == "dmarc" {
					want = inspect.SectionPartly // _dmarc.test. is not in a signed zone
				}
				if p.DNSSEC != want {
					t.Errorf("part %s: dnssec %q, want %q", p.Part, p.DNSSEC, want)
				}
			}
		},
	},
	"dane available": {domain: "avail.test", signed: []string{"avail.test.", "signedmail.net."}, codes: []string{inspect.CodeDANEAvailable, inspect.CodeDNSSECValidated}},
	"dane unusable":  {domain: "unusable.test", signed: []string{"unusable.test.", "signedmail.net."}, codes: []string{inspect.CodeDANEUnusable}},
	"dane mx not validated": {domain: "plainmx.test", signed: []string{"signedmail.net."}, codes: []string{inspect.CodeDANEMXUnvalidated, inspect.CodeDNSSECUnsigned},
		absent: []string{inspect.CodeDANEUnvalidated}},
	"dane address not validated": {domain: "addr.test", signed: []string{"addr.test.", "signedmail.net."}, codes: []string{inspect.CodeDANEAddressUnvalidated, inspect.CodeDANECNAME}},
	"dnssec not validated":       {domain: "novalidate.test", codes: []string{inspect.CodeDNSSECUnvalidated, inspect.CodeDANEUnvalidated}},
	"dnssec island":              {domain: "island.test", codes: []string{inspect.CodeDNSSECNoDS}},
	"dnssec bogus":               {domain: "bogus.test", bogus: []string{"bogus.test."}, codes: []string{inspect.CodeDNSSECBogus}, partial: true},
	"srv starttls only, target without address": {domain: "clients.test",
		codes: []string{inspect.CodeSRVNoImplicitTLS, inspect.CodeSRVTargetNoAddress, inspect.CodeSRVForeignTarget},
		check: func(t *testing.T, r *inspect.Report) {
			if s := r.SRV.Services[3]; s.Service != "_submission._tcp" || len(s.Records) != 1 || len(s.Records[0].Findings) == 0 || s.Records[0].Findings[0].Code != srv.CodeStartTLS {
				t.Errorf("_submission alone keeps %s: %+v", srv.CodeStartTLS, s)
			}
		}},
	"dane without tls-rpt":              {domain: "dane-only.test", codes: []string{inspect.CodeTLSRPTMissingForDANE}, absent: []string{inspect.CodeTLSRPTMissingForSTS}},
	"two tls-rpt records":               {domain: "two-tlsrpt.test", codes: []string{inspect.CodeTLSRPTMissingForSTS}, check: checkTwoTLSRPT},
	"bimi at enforcement":               {domain: "bimi.test", absent: bimiDMARCCodes, check: checkBIMIEligible},
	"bimi of the organizational domain": {domain: "shop.bimi.test", codes: []string{inspect.CodeBIMIOrganizational}, absent: bimiDMARCCodes, check: checkBIMIFallback},
	"bimi selector":                     {domain: "bimi.test", opts: inspect.Options{BIMISelector: "brand"}, check: checkBIMISelector},
	"bimi declined":                     {domain: "quiet.bimi.test", absent: append([]string{inspect.CodeBIMIOrganizational}, bimiDMARCCodes...), check: checkBIMIDeclined},
	"two bimi records":                  {domain: "twice.bimi.test", absent: []string{inspect.CodeBIMIOrganizational}, check: checkBIMITwice},
	"bimi with p=none":                  {domain: "strict.bimi-monitor.test", codes: []string{inspect.CodeBIMIOrganizational, inspect.CodeBIMIDMARCNone}, check: checkBIMIBlocked},
	"bimi with sp=none and pct":         {domain: "bimi-sp.test", codes: []string{inspect.CodeBIMIDMARCSubdomainNone, inspect.CodeBIMIDMARCPct, inspect.CodeBIMIDMARCTesting}, check: checkBIMIBlocked},
	"bimi without dmarc":                {domain: "bimi-nodmarc.test", codes: []string{inspect.CodeBIMIDMARCAbsent}, check: checkBIMIBlocked},

	// MTA-STS: the checks are in mtasts_test.go.
	"mta-sts":                       {domain: "sts.test", opts: inspect.Options{Policy: policies}, codes: []string{inspect.CodeSTSID}, absent: stsCross, check: checkSTS},
	"mta-sts not fetched":           {domain: "sts.test", codes: []string{inspect.CodeSTSID}, absent: stsCross, check: checkSTSUnfetched},
	"mta-sts mx not covered":        {domain: "sts-uncovered.test", opts: inspect.Options{Policy: policies}, codes: []string{inspect.CodeSTSMXNotCovered}, check: checkSTSUncovered},
	"mta-sts testing":               {domain: "sts-testing.test", opts: inspect.Options{Policy: policies}, codes: []string{inspect.CodeSTSMXNotCoveredTesting, inspect.CodeSTSTestingNoTLSRPT}, check: checkSTSTesting},
	"mta-sts policy not fetchable":  {domain: "sts-nopolicy.test", opts: inspect.Options{Policy: policies}, codes: []string{inspect.CodeSTSRecordWithoutPolicy}, check: checkSTSNoPolicy},
	"mta-sts policy without record": {domain: "sts-norecord.test", opts: inspect.Options{Policy: policies}, codes: []string{inspect.CodeSTSPolicyWithoutRecord}, absent: []string{inspect.CodeSTSID, inspect.CodeSTSMXNotCovered}, check: checkSTSNoRecord},
	"two mta-sts records":           {domain: "sts-twice.test", opts: inspect.Options{Policy: policies}, codes: []string{inspect.CodeSTSPolicyWithoutRecord}, absent: []string{inspect.CodeSTSID}, check: checkSTSTwice},
	"mta-sts delegated":             {domain: "sts-delegated.test", opts: inspect.Options{Policy: policies}, codes: []string{inspect.CodeSTSID}, absent: stsCross, check: checkSTSDelegated},
	"no mta-sts":                    {domain: "nothing.test", opts: inspect.Options{Policy: policies}, absent: append([]string{inspect.CodeSTSID}, stsCross...), check: checkNoSTS},
}

// stsCross are the MTA-STS findings of a domain with something missing.
var stsCross = []string{inspect.CodeSTSMXNotCovered, inspect.CodeSTSMXNotCoveredTesting, inspect.CodeSTSRecordWithoutPolicy,
	inspect.CodeSTSPolicyWithoutRecord, inspect.CodeSTSTestingNoTLSRPT}

func TestDomain(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	seen := map[string]bool{}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var res doh.Resolver = srv.client(t)
			if len(tc.signed)+len(tc.bogus) > 0 {
				res = validating{srv.client(t), tc.signed, tc.bogus}
			}
			r := inspect.Domain(context.Background(), res, tc.domain, tc.opts)
			codes := map[string]bool{}
			for _, f := range r.Findings {
				codes[f.Code] = true
				seen[f.Code] = true
				if f.Message == "" || f.Ref == "" || f.Part == "" {
					t.Errorf("finding %s lacks message, ref or part", f.Code)
				}
			}
			// Report findings about a record's own bytes are the record's.
			if r.DMARC.Record != nil {
				for _, f := range r.DMARC.Record.Findings {
					if strings.HasPrefix(f.Code, "report.") {
						codes[f.Code], seen[f.Code] = true, true
					}
				}
			}
			// One validity rule: the report has errors iff a part is in
			// error, iff its checklist line is; a record with an error
			// finding is not valid.
			partError := false
			if len(r.Verdicts) != len(r.Parts) {
				t.Errorf("%d verdicts for %d parts", len(r.Verdicts), len(r.Parts))
			}
			for i, p := range r.Parts {
				partError = partError || p.Status == inspect.StatusError
				if i < len(r.Verdicts) && (r.Verdicts[i].Status == inspect.VerdictError) != (p.Status == inspect.StatusError) {
					t.Errorf("verdict %+v for part %+v", r.Verdicts[i], p)
				}
				for _, rec := range r.PartRecords(p.Part) {
					if rec.Valid && rec.HasErrors() {
						t.Errorf("%s record %q is valid with an error finding", p.Part, rec.Value)
					}
				}
			}
			if partError != r.HasErrors() {
				t.Errorf("HasErrors %v, parts %+v", r.HasErrors(), r.Parts)
			}
			for _, c := range tc.codes {
				if !codes[c] {
					t.Errorf("no %s finding; findings: %s", c, dump(r.Findings))
				}
			}
			for _, c := range tc.absent {
				if codes[c] {
					t.Errorf("unexpected %s finding", c)
				}
			}
			if r.Error == "" && r.Partial() != tc.partial {
				t.Errorf("partial report: %+v", r.Errors)
			}
			if r.Queries > inspect.MaxQueries {
				t.Errorf("%d queries, over %d", r.Queries, inspect.MaxQueries)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
			if _, err := json.Marshal(r); err != nil {
				t.Errorf("json: %v", err)
			}
		})
	}
	t.Run("every code", func(t *testing.T) {
		cuts := []string{inspect.CodeMXHostsCut, inspect.CodeDNSCNAMELoop, inspect.CodeDNSCNAMEChainCut} // partial reports: TestCuts
		for _, c := range inspect.AllCodes {
			if !seen[c] && !slices.Contains(cuts, c) {
				t.Errorf("no fixture gives %s", c)
			}
		}
	})
}

// TestJSONContract checks the fields programs rely on (the brief's lookup
// contract).
func TestJSONContract(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	r := inspect.Domain(context.Background(), srv.client(t), "news.corp.test",
		inspect.Options{Selectors: []string{"news2024a"}, NoProbe: true, IP: netip.MustParseAddr("192.0.2.1")})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	get := func(path string) any {
		var v any = m
		for _, k := range strings.Split(path, ".") {
			obj, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = obj[k]
		}
		return v
	}
	for _, p := range []string{"queries", "spf.dns_lookups", "spf.void_lookups", "spf.result", "dmarc.policy_domain",
		"dmarc.record.summary", "mx.hosts", "dkim.news2024a.fields", "findings", "errors", "parts"} {
		if get(p) == nil {
			t.Errorf("%s missing from %s", p, b)
		}
	}
	var order []string
	for _, p := range m["parts"].([]any) {
		p := p.(map[string]any)
		order = append(order, p["part"].(string))
		for _, k := range []string{"label", "title", "status", "errors", "warnings"} {
			if p[k] == nil {
				t.Errorf("parts: %s lacks %s", p["part"], k)
			}
		}
	}
	if !slices.Equal(order[:4], []string{"mx", "spf", "dmarc", "dkim"}) {
		t.Errorf("parts in order %v", order)
	}
	if get("spf.result") != "pass" {
		t.Errorf("spf.result = %v, want pass for 192.0.2.1", get("spf.result"))
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":                          {"Example.COM", "example.com"},
		"trailing":                       {"example.com.", "example.com"},
		"idn":                            {"bücher.example", "xn--bcher-kva.example"},
		"idn mixed":                      {"mail.MÜNCHEN.de", "mail.xn--mnchen-3ya.de"},
		"underscore":                     {"_spf.example.com", "_spf.example.com"},
		"japanese":                       {"日本語.jp", "xn--wgv71a119e.jp"},
		"katakana":                       {"ドメイン名例.test", "xn--eckwd4c7cu47r2wf.test"},
		"greek":                          {"ΠΑΡΆΔΕΙΓΜΑ.test", "xn--hxajbheg2az3al.test"},
		"cyrillic":                       {"пример.рф", "xn--e1afmkfd.xn--p1ai"},
		"hyphens":                        {"a-ü-b.test", "xn--a--b-1ra.test"},
		"ideographic full stop":          {"bücher。test", "xn--bcher-kva.test"},
		"ipv4":                           {"192.0.2.1", ""},
		"ipv6":                           {"2001:db8::1", ""},
		"bracketed":                      {"[192.0.2.1]", ""},
		"numeric tld":                    {"1.2.3.4.5", ""},
		"empty":                          {"", ""},
		"empty label":                    {"a..example", ""},
		"long label":                     {strings.Repeat("a", 64) + ".example", ""},
		"long name":                      {strings.Repeat("abcdefghi.", 26) + "example", ""},
		"space":                          {"exa mple.com", ""},
		"halfwidth full stop":            {"bücher｡test", "xn--bcher-kva.test"},
		"fullwidth letters":              {"ＡＣＭＥ.ｔｅｓｔ", "acme.test"}, // what an IME types; UTS #46 maps them
		"fullwidth in idn":               {"ｂücher．test", "xn--bcher-kva.test"},
		"fullwidth punctuation":          {"ａ＠ｂ.test", ""},
		"middle dot in context":          {"l·l.test", "xn--ll-0ea.test"},
		"right-to-left override":         {"ex\u202eelpmaxe.test", ""},
		"bidi isolate":                   {"a\u2067ü.test", ""},
		"arabic letter mark":             {"\u061cü.test", ""},
		"zero width space":               {"pay\u200bpal.test", ""},
		"zero width joiner":              {"ü\u200d.test", ""},
		"word joiner":                    {"ü\u2060x.test", ""},
		"byte order mark":                {"\ufeffbücher.test", ""},
		"soft hyphen":                    {"bü\u00adcher.test", ""},
		"no-break space":                 {"bü\u00a0cher.test", ""},
		"ideographic space":              {"日本\u3000語.jp", ""},
		"c1 control":                     {"bü\u0085cher.test", ""},
		"private use":                    {"bü\ue000.test", ""},
		"symbol":                         {"i\u2665u.test", ""},
		"emoji":                          {"\U0001F600.test", ""},
		"punctuation":                    {"bü\u2026.test", ""},
		"leading mark":                   {"\u0301a.test", ""},
		"mark after a letter":            {"e\u0301.test", "xn--e-xbb.test"},
		"a-label":                        {"xn--bcher-kva.test", "xn--bcher-kva.test"},
		"a-label in capitals":            {"XN--BCHER-KVA.test", "xn--bcher-kva.test"},
		"a-label of a bidi override":     {"xn--exelpmaxe-hh0e.test", ""},
		"a-label of a zero width space":  {"xn--paypal-df0c.test", ""},
		"a-label of a symbol (idna2003)": {"xn--iu-t0x.test", "xn--iu-t0x.test"},
		"a-label of ascii":               {"xn--abc-.test", ""},
		"empty a-label":                  {"xn--.test", ""},
		"bad punycode":                   {"xn--a-99999999999.test", ""},
		"punycode cut short":             {"xn--bcher-kv9.test", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := inspect.Normalize(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Errorf("Normalize(%q) = %q, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

// TestFaults makes the server fail for one name at a time: the report must
// come back before its deadline, partial, with the error where it happened,
// and the rest of the report intact.
func TestFaults(t *testing.T) {
	// Long enough that the answers which do come arrive in time on a loaded
	// machine, and under wasm, which is slower; the "timeout" fault waits it out.
	const deadline = 2 * time.Second
	srv := newServer(t, zoneserver.Options{})
	kinds := []zoneserver.FaultKind{zoneserver.FaultServfail, zoneserver.FaultTimeout, zoneserver.FaultHTTP500, zoneserver.FaultGarbage, zoneserver.FaultContentType}
	targets := map[string]struct {
		name string
		part string
		ok   func(r *inspect.Report) bool // what must survive
	}{
		"mx":           {"faulty.test.", "mx", func(r *inspect.Report) bool { return r.DMARC.Record != nil }},
		"mx host":      {"mx.faulty.test.", "mx", func(r *inspect.Report) bool { return len(r.MX.Hosts) == 1 && r.DMARC.Record != nil }},
		"spf include":  {"_spf.faulty.test.", "spf", func(r *inspect.Report) bool { return r.SPF.Tree != nil && len(r.MX.Hosts) == 1 }},
		"dmarc":        {"_dmarc.faulty.test.", "dmarc", func(r *inspect.Report) bool { return len(r.MX.Hosts) == 1 && r.DMARC.Record == nil }},
		"dkim (named)": {"google._domainkey.faulty.test.", "dkim", func(r *inspect.Report) bool { return r.DMARC.Record != nil }},
	}
	for _, kind := range kinds {
		for tname, tg := range targets {
			t.Run(string(kind)+"/"+tname, func(t *testing.T) {
				srv.SetFaults([]zoneserver.Fault{{Name: tg.name, Kind: kind}})
				defer srv.SetFaults(nil)
				start := time.Now()
				r := inspect.Domain(context.Background(), srv.client(t), "faulty.test",
					inspect.Options{Selectors: []string{"google"}, NoProbe: true, Timeout: deadline})
				if el := time.Since(start); el > deadline+3*time.Second {
					t.Errorf("report took %v with a %v deadline", el, deadline)
				}
				if !r.Partial() {
					t.Fatalf("report not partial; errors %+v", r.Errors)
				}
				found := false
				for _, e := range r.Errors {
					if e.Part == tg.part && (e.Name == tg.name || strings.Contains(e.Message, strings.TrimSuffix(tg.name, "."))) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s error naming %s: %+v", tg.part, tg.name, r.Errors)
				}
				if !tg.ok(r) {
					t.Errorf("the rest of the report is missing: %s", mustJSON(r))
				}
			})
		}
	}
	t.Run("everything times out", func(t *testing.T) {
		srv.SetFaults([]zoneserver.Fault{{Name: "*", Kind: zoneserver.FaultTimeout}})
		defer srv.SetFaults(nil)
		start := time.Now()
		r := inspect.Domain(context.Background(), srv.client(t), "faulty.test", inspect.Options{Timeout: 300 * time.Millisecond})
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("report took %v", el)
		}
		if !r.Partial() || len(r.Errors) < 3 {
			t.Errorf("errors: %+v", r.Errors)
		}
	})
}

func TestBudget(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	var sels []string
	for i := range 60 {
		sels = append(sels, "s"+strings.Repeat("x", i%5)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	r := inspect.Domain(context.Background(), srv.client(t), "news.corp.test", inspect.Options{Selectors: sels})
	if r.Queries > inspect.MaxQueries {
		t.Errorf("%d queries sent, budget %d", r.Queries, inspect.MaxQueries)
	}
	budget := false
	for _, e := range r.Errors {
		budget = budget || e.Kind == "budget"
	}
	if !budget || !r.Partial() {
		t.Errorf("no budget error: %+v", r.Errors)
	}
}

// wantProblem fails unless the SPF tree has a problem with code.
func wantProblem(t *testing.T, r *inspect.Report, code string) {
	t.Helper()
	for _, p := range r.SPF.Problems {
		if p.Code == code {
			return
		}
	}
	t.Errorf("no SPF problem %s: %+v", code, r.SPF.Problems)
}

func dump(fs []inspect.Finding) string {
	var s []string
	for _, f := range fs {
		s = append(s, f.Code)
	}
	slices.Sort(s)
	return strings.Join(s, ", ")
}

func mustJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// TestProbeReserve checks that probes of common selectors leave
// ProbeReserve queries of the budget for what follows the first answers.
func TestProbeReserve(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	var sels []string
	for i := range 5 {
		sels = append(sels, "named"+string(rune('a'+i)))
	}
	r := inspect.Domain(context.Background(), srv.client(t), "news.corp.test", inspect.Options{Selectors: sels})
	probed, skipped := 0, 0
	for _, p := range r.DKIMSelectors {
		switch {
		case p.Named:
		case p.Skipped:
			skipped++
		default:
			probed++
		}
	}
	// 50 - 24 reserved - (MX, SPF, 3 DMARC names, 5 named selectors,
	// MTA-STS's 1, TLS-RPT's 1, BIMI's 1, DNSSEC's DS, the 7 SRV names;
	// DANE's MX is the MX part's) = 5.
	if probed != 5 || skipped != len(inspect.CommonSelectors)-5 {
		t.Errorf("%d probed, %d skipped", probed, skipped)
	}
	if r.Partial() || r.Queries > inspect.MaxQueries {
		t.Errorf("%d queries, errors %+v", r.Queries, r.Errors)
	}
}

func TestSelector(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":       {"s1", "s1"},
		"upper":       {"Google", "google"},
		"two labels":  {"k1.mail", "k1.mail"},
		"idn":         {"schlüssel", "xn--schlssel-95a"},
		"underscore":  {"_s", "_s"},
		"space":       {"a b", ""},
		"padded":      {" s1", ""},
		"empty":       {"", ""},
		"dot":         {"s1.", ""},
		"empty label": {"a..b", ""},
		"semicolon":   {"a;b", ""},
		"bidi":        {"s\u202e1", ""},
		"too long":    {strings.Repeat("a.", 120) + "a", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := inspect.Selector(tc.in, "example.com")
			if tc.want == "" {
				if err == nil {
					t.Errorf("Selector(%q) = %q, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Selector(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}
