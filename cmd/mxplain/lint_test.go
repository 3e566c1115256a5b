package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/lint"
)

// lintZones are internal/lint's test zones.
var lintZones = filepath.Join("..", "..", "internal", "lint", "testdata")

func TestLintExitStatus(t *testing.T) {
	clean, broken := filepath.Join(lintZones, "clean.zone"), filepath.Join(lintZones, "example.com.zone")
	tests := map[string]struct {
		args   []string
		status int
	}{
		"clean zone":            {[]string{clean}, exitOK},
		"error findings":        {[]string{broken}, exitFindings},
		"two files, one broken": {[]string{clean, broken}, exitFindings},
		"every format":          {[]string{"--format", "sarif", broken}, exitFindings},
		"format after file":     {[]string{clean, "--format=github"}, exitOK},
		"no file":               {nil, exitUsage},
		"missing file":          {[]string{"/nonexistent.zone"}, exitUsage},
		"unknown format":        {[]string{"--format", "xml", clean}, exitUsage},
		"bad resolver":          {[]string{"--resolver", "http://dns.example/dns-query", clean}, exitUsage},
		"resolver unreachable":  {[]string{"--resolver", "http://127.0.0.1:1/dns-query", clean}, exitUsage},
		"help":                  {[]string{"--help"}, exitOK},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			status, out, errOut := runT(t, "", append([]string{"lint"}, tt.args...)...)
			if status != tt.status {
				t.Errorf("status %d, want %d\nstdout:\n%s\nstderr:\n%s", status, tt.status, out, errOut)
			}
		})
	}
}

// TestLintLive: with --resolver, what the files cannot tell is asked live
// (here the inspect fixtures over DoH): an include of a domain with no SPF
// record, a report address whose domain does not authorise it. Both are
// placed on the bytes of the file that lead to them.
func TestLintLive(t *testing.T) {
	url := lookupServer(t)
	text := `$ORIGIN lintlive.corp.test.
$TTL 300
@       IN SOA ns hostmaster 1 3600 600 86400 300
@       MX  10 mx1.mail.example.net.
@       TXT "v=spf1 include:_spf.corp.test include:nothing.test -all"
_dmarc  TXT "v=DMARC1; p=reject; rua=mailto:d@reports.test"
`
	file := zoneFile(t, text)
	findings := func(args ...string) map[string]lint.Finding {
		t.Helper()
		_, out, errOut := runT(t, "", append([]string{"lint", "--format", "json"}, args...)...)
		var res lint.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("not the JSON form: %v\n%s\n%s", err, out, errOut)
		}
		m := map[string]lint.Finding{}
		for _, f := range res.Findings {
			m[f.Code] = f
		}
		return m
	}
	offline := findings(file)
	live := findings("--resolver", url, file)
	for code, at := range map[string]string{"spf.tree.include.none": "include:nothing.test", "report.dmarc.report_unauthorized": "mailto:d@reports.test"} {
		if _, ok := offline[code]; ok {
			t.Errorf("%s offline, where the files cannot tell", code)
		}
		f, ok := live[code]
		if !ok {
			t.Errorf("no %s with --resolver: %v", code, live)
			continue
		}
		if f.Span == nil || text[f.Span[0]:f.Span[1]] != at {
			t.Errorf("%s placed at %v, want on %q", code, f.Span, at)
		}
		line := strings.Count(text[:strings.Index(text, at)], "\n") + 1
		if f.Line != line {
			t.Errorf("%s at line %d, want %d", code, f.Line, line)
		}
	}
	if _, ok := live["spf.tree.dns.temperror"]; ok {
		t.Errorf("a query failed live: %v", live["spf.tree.dns.temperror"])
	}
}

// TestLintText: the text format as editors read it, control bytes shown.
func TestLintText(t *testing.T) {
	_, out, _ := runT(t, "", "lint", filepath.Join(lintZones, "example.com.zone"))
	checkVisible(t, out)
	want := filepath.Join(lintZones, "example.com.zone") + ":16:25: error: "
	if !strings.Contains(out, want) || !strings.Contains(out, "[spf.ip4.placeholder]") {
		t.Errorf("no %q…[spf.ip4.placeholder] in:\n%s", want, out)
	}
}
