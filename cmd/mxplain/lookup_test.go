package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
)

// lookupServer serves the inspect fixtures (inspect/testdata/*.zone) over
// DoH and returns its URL.
func lookupServer(t *testing.T, faults ...zoneserver.Fault) string {
	t.Helper()
	store, err := zone.LoadDir(filepath.Join("..", "..", "inspect", "testdata"))
	if err != nil {
		t.Fatalf("loading fixtures: %v", err)
	}
	ts := httptest.NewServer(zoneserver.New(store, zoneserver.Options{Faults: faults}))
	t.Cleanup(ts.Close)
	return ts.URL + zoneserver.Path
}

// zoneFile writes a zone file for a test and returns its name.
func zoneFile(t *testing.T, text string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "test.zone")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestLookupExitStatus(t *testing.T) {
	url := lookupServer(t)
	tests := map[string]struct {
		args   []string
		status int
	}{
		"clean domain":           {[]string{"news.corp.test", "--selector", "news2024a"}, exitOK},
		"flags after domain":     {[]string{"news.corp.test", "--json"}, exitOK},
		"error findings":         {[]string{"nullmx.test"}, exitFindings},
		"idn":                    {[]string{"Bücher.test"}, exitOK},
		"no domain":              {[]string{}, exitUsage},
		"two domains":            {[]string{"a.test", "b.test"}, exitUsage},
		"ip literal":             {[]string{"192.0.2.1"}, exitUsage},
		"empty label":            {[]string{"a..test"}, exitUsage},
		"bad ip":                 {[]string{"--ip", "nope", "news.corp.test"}, exitUsage},
		"sender without ip":      {[]string{"--sender", "a@news.corp.test", "news.corp.test"}, exitUsage},
		"bad selector":           {[]string{"--selector", "a b", "news.corp.test"}, exitUsage},
		"missing zone file":      {[]string{"--zone", "/nonexistent.zone", "news.corp.test"}, exitUsage},
		"http resolver not ours": {[]string{"--resolver", "http://dns.example/dns-query", "news.corp.test"}, exitUsage},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"lookup", "--resolver", url}, tc.args...)
			status, out, errOut := runT(t, "", args...)
			if status != tc.status {
				t.Errorf("status %d, want %d\nstdout:\n%s\nstderr:\n%s", status, tc.status, out, errOut)
			}
		})
	}
}

func TestLookupNetworkFailure(t *testing.T) {
	t.Run("resolver unreachable", func(t *testing.T) {
		ts := httptest.NewServer(nil)
		url := ts.URL + "/dns-query"
		ts.Close() // nothing listens there any more
		status, out, errOut := runT(t, "", "lookup", "--resolver", url, "news.corp.test")
		if status != exitUsage || !strings.Contains(errOut, "incomplete") {
			t.Errorf("status %d, stderr %q", status, errOut)
		}
		if !strings.Contains(out, "Failed queries") {
			t.Errorf("no failed queries listed:\n%s", out)
		}
	})
	t.Run("servfail for the DMARC record", func(t *testing.T) {
		url := lookupServer(t, zoneserver.Fault{Name: "_dmarc.news.corp.test.", Kind: zoneserver.FaultServfail})
		status, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "news.corp.test")
		if status != exitUsage {
			t.Errorf("status %d, want %d", status, exitUsage)
		}
		// The query and its kind, not the error's message inside another.
		if !strings.Contains(errOut, "(first: _dmarc.news.corp.test. TXT, error answer from the DNS)") {
			t.Errorf("stderr %q", errOut)
		}
		var rep struct {
			MX     struct{ Hosts []any } `json:"mx"`
			Errors []struct{ Part, Name, Kind string }
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if len(rep.Errors) != 1 || rep.Errors[0].Part != "dmarc" || rep.Errors[0].Name != "_dmarc.news.corp.test." || rep.Errors[0].Kind != "rcode" {
			t.Errorf("errors = %+v", rep.Errors)
		}
		if len(rep.MX.Hosts) != 2 {
			t.Errorf("the rest of the report is missing: %d MX hosts", len(rep.MX.Hosts))
		}
	})
}

func TestLookupJSON(t *testing.T) {
	url := lookupServer(t)
	status, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "--selector", "news2024a", "--selector", "news2024b",
		"--ip", "198.51.100.7", "--helo", "mx2.mail.example.net", "news.corp.test")
	if status != exitOK {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var rep struct {
		Queries int `json:"queries"`
		SPF     struct {
			DNSLookups  *int   `json:"dns_lookups"`
			VoidLookups *int   `json:"void_lookups"`
			Result      string `json:"result"`
			Check       struct {
				Path []struct{ Term string }
			}
		} `json:"spf"`
		DMARC struct {
			PolicyDomain string `json:"policy_domain"`
			Record       *struct {
				Type    string
				Summary string
			} `json:"record"`
		} `json:"dmarc"`
		MX struct {
			Hosts []struct {
				Exchange  string
				Addresses []string
			}
		} `json:"mx"`
		DKIM map[string]struct {
			Type  string
			Valid bool
		} `json:"dkim"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rep.Queries < 10 || rep.Queries > 50 {
		t.Errorf("queries = %d", rep.Queries)
	}
	if rep.SPF.DNSLookups == nil || *rep.SPF.DNSLookups != 3 || rep.SPF.VoidLookups == nil || *rep.SPF.VoidLookups != 0 {
		t.Errorf("spf lookups = %v, %v", rep.SPF.DNSLookups, rep.SPF.VoidLookups)
	}
	if rep.SPF.Result != "pass" || len(rep.SPF.Check.Path) == 0 {
		t.Errorf("spf result %q, path %+v", rep.SPF.Result, rep.SPF.Check.Path)
	}
	if rep.DMARC.PolicyDomain != "corp.test" || rep.DMARC.Record == nil || rep.DMARC.Record.Type != "dmarc" {
		t.Errorf("dmarc = %+v", rep.DMARC)
	}
	if len(rep.MX.Hosts) != 2 || rep.MX.Hosts[1].Exchange != "mx2.mail.example.net." || len(rep.MX.Hosts[1].Addresses) != 2 {
		t.Errorf("mx = %+v", rep.MX)
	}
	for _, s := range []string{"news2024a", "news2024b"} {
		if k, ok := rep.DKIM[s]; !ok || k.Type != "dkim" || !k.Valid {
			t.Errorf("dkim[%s] = %+v", s, k)
		}
	}
}

// TestLookupZoneOverlay lays a zone file over the DNS: the domain is seen as
// it will be once the file is published.
func TestLookupZoneOverlay(t *testing.T) {
	url := lookupServer(t)
	file := zoneFile(t, `$ORIGIN news.corp.test.
$TTL 300
@       IN SOA ns hostmaster 2 3600 600 86400 300
@       MX  10 mx1.mail.example.net.
@       TXT "v=spf1 include:_spf.corp.test -all"
_dmarc  TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@corp.test"
`)
	status, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "--zone", file, "news.corp.test")
	if status != exitOK {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var rep struct {
		DMARC struct {
			PolicyDomain string `json:"policy_domain"`
			Policy       string `json:"policy"`
		} `json:"dmarc"`
		MX      struct{ Hosts []any } `json:"mx"`
		Queries int                   `json:"queries"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.DMARC.PolicyDomain != "news.corp.test" || rep.DMARC.Policy != "quarantine" {
		t.Errorf("dmarc from the zone file: %+v", rep.DMARC)
	}
	if len(rep.MX.Hosts) != 1 {
		t.Errorf("mx from the zone file: %d hosts", len(rep.MX.Hosts))
	}
}

func TestLookupHumanView(t *testing.T) {
	url := lookupServer(t)
	status, out, errOut := runT(t, "", "lookup", "--resolver", url, "--ip", "203.0.113.9", "--selector", "news2024c", "news.corp.test")
	if status != exitOK {
		t.Fatalf("status %d: %s", status, errOut)
	}
	for _, want := range []string{
		"news.corp.test\n",
		"MX  Mail exchangers: ok\n", "mx1.mail.example.net.  192.0.2.10, 2001:db8::10",
		"SPF  Sender Policy Framework: ", "3 of 10 DNS lookups, 0 of 2 void lookups.",
		"include:_spf3.corp.test  →  _spf3.corp.test",
		"check_host(203.0.113.9, news.corp.test, postmaster@news.corp.test) = pass",
		"✓ ip4:203.0.113.0/24",
		"_dmarc.corp.test.                        policy record",
		"rua mailto:agg@reports.test: authorised",
		"DKIM  news2024c._domainkey.news.corp.test.",
		"report.dmarc.inherited",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestLookupFields checks that records are shown compactly by default and
// field by field with --fields.
func TestLookupFields(t *testing.T) {
	url := lookupServer(t)
	marker := "  ^^^^^^ version" // the marked view of an SPF record's "v=spf1"
	_, compact, _ := runT(t, "", "lookup", "--resolver", url, "news.corp.test")
	if strings.Contains(compact, marker) || !strings.Contains(compact, "  v=spf1 include:_spf.corp.test -all\n") {
		t.Errorf("default view is not compact:\n%s", compact)
	}
	_, full, _ := runT(t, "", "lookup", "--resolver", url, "--fields", "news.corp.test")
	if !strings.Contains(full, marker) {
		t.Errorf("--fields view lacks %q:\n%s", marker, full)
	}
}

// TestLookupGenericPart draws every part of a report as a part without a
// drawing of its own would be (the new record types are): under its label
// and status, its records explained, its findings and its failed queries,
// with nothing about the part in the renderer.
func TestLookupGenericPart(t *testing.T) {
	url := lookupServer(t, zoneserver.Fault{Name: "_dmarc.news.corp.test.", Kind: zoneserver.FaultServfail})
	client, err := (*resolverFlag)(&url).client(inspect.MaxQueries)
	if err != nil {
		t.Fatal(err)
	}
	rep := inspect.Domain(context.Background(), client, "news.corp.test", inspect.Options{Selectors: []string{"news2024a"}, NoProbe: true})
	saved := partViews
	partViews = nil
	t.Cleanup(func() { partViews = saved })
	var b strings.Builder
	newRenderer(&b).report(rep, "test", nil)
	out := b.String()
	if len(rep.Parts) < 4 {
		t.Fatalf("parts %+v", rep.Parts)
	}
	for _, p := range rep.Parts {
		if !strings.Contains(out, "\n"+p.Label+"  "+p.Title+": ") {
			t.Errorf("no heading for %s:\n%s", p.Part, out)
		}
		for _, rec := range rep.PartRecords(p.Part) {
			if !strings.Contains(out, strings.ToUpper(string(rec.Type))+"  "+rec.Owner) || !strings.Contains(out, rec.Summary[:20]) {
				t.Errorf("%s: record at %s not explained:\n%s", p.Part, rec.Owner, out)
			}
		}
	}
	for _, f := range rep.Findings {
		if !strings.Contains(out, f.Code) {
			t.Errorf("finding %s not shown", f.Code)
		}
	}
	if strings.Contains(out, "Across records") {
		t.Errorf("findings of a part drawn outside it:\n%s", out)
	}
	if !strings.Contains(out, "query failed: error answer from the DNS: _dmarc.news.corp.test. TXT") ||
		!strings.Contains(out, "DMARC  DMARC policy: incomplete") {
		t.Errorf("the DMARC part's failed query or status not shown:\n%s", out)
	}
}

// TestLookupAddress: a mail address or a URL looks up its domain; the
// report says what was typed and how it was read.
func TestLookupAddress(t *testing.T) {
	url := lookupServer(t)
	for in, from := range map[string]string{"postmaster@news.corp.test": "address", "https://www.news.corp.test/contact": "url"} {
		status, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "--selector", "news2024a", in)
		if status != exitOK {
			t.Fatalf("%s: status %d: %s", in, status, errOut)
		}
		var rep struct {
			Domain, Input, From string
			DKIM                map[string]json.RawMessage
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Domain != "news.corp.test" || rep.Input != in || rep.From != from || rep.DKIM["news2024a"] == nil {
			t.Errorf("%s: domain %q, input %q, from %q, DKIM keys %d", in, rep.Domain, rep.Input, rep.From, len(rep.DKIM))
		}
	}
	_, out, _ := runT(t, "", "lookup", "--resolver", url, "postmaster@news.corp.test")
	if !strings.HasPrefix(out, "news.corp.test (postmaster@news.corp.test)\n") {
		t.Errorf("the human view's title:\n%s", out[:min(len(out), 200)])
	}
	// bücher.test includes corp.test's SPF records: the tree says whose.
	if _, out, _ := runT(t, "", "lookup", "--resolver", url, "bücher.test"); !strings.Contains(out, "_spf.corp.test  (corp.test's record)") {
		t.Errorf("the SPF tree does not name the provider's record:\n%s", out)
	}
	if status, _, errOut := runT(t, "", "lookup", "--resolver", url, "jane@[192.0.2.1]"); status != exitUsage || !strings.Contains(errOut, "not a domain") {
		t.Errorf("an address literal: status %d, %s", status, errOut)
	}
}

// TestLookupChecklist: the human view prints the checklist first, its
// marks from the report's verdicts; --json carries them; --markdown prints
// inspect.Markdown's text.
func TestLookupChecklist(t *testing.T) {
	url := lookupServer(t)
	t.Run("human", func(t *testing.T) {
		status, out, _ := runT(t, "", "lookup", "--resolver", url, "nullmx.test")
		if status != exitFindings {
			t.Fatalf("status %d\n%s", status, out)
		}
		check := strings.Index(out, "✗ DMARC")
		first := strings.Index(out, "MX  Mail exchangers")
		if check < 0 || first < 0 || check > first {
			t.Errorf("the checklist is not first:\n%s", out)
		}
		for _, want := range []string{"✓ MX       Null MX", "! SPF      ", "✗ DMARC    "} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
	})
	t.Run("clean", func(t *testing.T) {
		_, out, _ := runT(t, "", "lookup", "--resolver", url, "news.corp.test", "--selector", "news2024a")
		if !strings.Contains(out, "✓ MX") || strings.Contains(out, "✗ ") {
			t.Errorf("want ✓ MX and no ✗ in\n%s", out)
		}
	})
	t.Run("json", func(t *testing.T) {
		_, out, _ := runT(t, "", "lookup", "--json", "--resolver", url, "nullmx.test")
		var rep inspect.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if len(rep.Verdicts) != len(rep.Parts) || len(rep.Verdicts) == 0 {
			t.Fatalf("verdicts %+v for parts %+v", rep.Verdicts, rep.Parts)
		}
		for i, v := range rep.Verdicts {
			if v.Part != rep.Parts[i].Part || v.Text == "" || v.Anchor != v.Part {
				t.Errorf("verdict %+v", v)
			}
		}
	})
	t.Run("markdown", func(t *testing.T) {
		status, out, _ := runT(t, "", "lookup", "--markdown", "--resolver", url, "nullmx.test")
		if status != exitFindings || !strings.HasPrefix(out, "# Mail DNS of `nullmx.test`\n") || !strings.Contains(out, "## Checklist\n\n- ✓ [MX](#mx-mail-exchangers): ") || !strings.Contains(out, "- ✗ [DMARC](#dmarc-dmarc-policy): ") {
			t.Errorf("status %d\n%s", status, out)
		}
	})
	t.Run("json and markdown", func(t *testing.T) {
		if status, _, _ := runT(t, "", "lookup", "--json", "--markdown", "--resolver", url, "nullmx.test"); status != exitUsage {
			t.Errorf("status %d, want %d", status, exitUsage)
		}
	})
}
