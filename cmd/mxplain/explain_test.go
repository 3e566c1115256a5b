package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// runT runs the CLI with args and stdin and returns its exit status and output.
func runT(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := run(args, strings.NewReader(stdin), &out, &errOut)
	return status, out.String(), errOut.String()
}

func TestExplainExitStatus(t *testing.T) {
	tests := map[string]struct {
		stdin  string
		args   []string
		status int
	}{
		"valid record":           {"", []string{"explain", "v=spf1 mx -all"}, exitOK},
		"shell-split record":     {"", []string{"explain", "v=spf1", "ip4:192.0.2.1", "-all"}, exitOK},
		"error finding":          {"", []string{"explain", "v=spf1 ip4:abc.d.efg.h -all"}, exitFindings},
		"unrecognised":           {"", []string{"explain", "hello there"}, exitFindings},
		"stdin":                  {"v=DMARC1; p=reject; rua=mailto:d@example.com\n", []string{"explain"}, exitOK},
		"stdin dash":             {"10 mail.example.com.", []string{"explain", "-"}, exitOK},
		"empty stdin":            {"", []string{"explain"}, exitUsage},
		"bad type":               {"", []string{"explain", "--type", "txt", "v=spf1"}, exitUsage},
		"forced type":            {"", []string{"explain", "--type=dkim", "p="}, exitOK},
		"flag after record":      {"", []string{"explain", "v=spf1 -all", "--json"}, exitOK},
		"unknown command":        {"", []string{"explian"}, exitUsage},
		"no command":             {"", nil, exitUsage},
		"help":                   {"", []string{"explain", "--help"}, exitOK},
		"two records, one bad":   {"", []string{"explain", "v=spf1 -all", "v=DMARC1; p=maybe"}, exitFindings},
		"two records, both ok":   {"", []string{"explain", "v=spf1 -all", "10 mx.example.com."}, exitOK},
		"dash-all is not flag":   {"", []string{"explain", "v=spf1", "-all"}, exitOK},
		"double dash ends flags": {"", []string{"explain", "--", "--json"}, exitFindings},
		"unknown long flag":      {"", []string{"explain", "--jsn", "v=spf1 -all"}, exitUsage},
		"help of a command":      {"", []string{"help", "lint"}, exitOK},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			status, out, errOut := runT(t, tt.stdin, tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d\nstdout: %s\nstderr: %s", status, tt.status, out, errOut)
			}
		})
	}
}

func TestExplainJSON(t *testing.T) {
	status, out, _ := runT(t, "", "explain", "--json", `example.com. 300 IN TXT "v=spf1 include:_spf.google.com" " -all"`)
	if status != exitOK {
		t.Fatalf("status %d", status)
	}
	var ex explain.Explanation
	if err := json.Unmarshal([]byte(out), &ex); err != nil {
		t.Fatalf("output is not the explanation JSON: %v\n%s", err, out)
	}
	if len(ex.Records) != 1 {
		t.Fatalf("%d records", len(ex.Records))
	}
	r := ex.Records[0]
	if r.Type != explain.TypeSPF || r.Owner != "example.com." || r.TTL == nil || *r.TTL != 300 ||
		r.Value != "v=spf1 include:_spf.google.com -all" || !r.Valid {
		t.Errorf("unexpected record: %+v", r)
	}
	// The contract's facts for SPF.
	var raw struct {
		Records []struct {
			Facts map[string]any `json:"facts"`
		} `json:"records"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	facts := raw.Records[0].Facts
	if facts["dns_lookups"] != float64(1) || facts["all"] != "-all" || facts["redirect"] != nil {
		t.Errorf("facts = %v", facts)
	}
}

func TestExplainHumanView(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	_, out, _ := runT(t, "", "explain", "v=spf1 ip4:abc.d.efg.h -all")
	for _, want := range []string{
		"SPF  (invalid)",
		"  v=spf1 ip4:abc.d.efg.h -all\n",
		"  ^^^^^^ version",
		"         ^^^^^^^^^^^^^^^ ip4", // the field marked under its own bytes
		"✗ error   spf.ip4.placeholder",
		"at: abc.d.efg.h",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("human output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes written to a non-terminal")
	}
}

// TestHelp: "mxplain help CMD" is CMD's help (TestEveryFlagDeclaredOnce
// checks what --help lists).
func TestHelp(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			_, viaHelp, _ := runT(t, "", "help", c.name)
			_, direct, _ := runT(t, "", c.name, "--help")
			if viaHelp != direct || !strings.HasPrefix(direct, "Usage: "+c.usageLine()) {
				t.Fatalf("mxplain help %s:\n%s\nwant mxplain %s --help:\n%s", c.name, viaHelp, c.name, direct)
			}
		})
	}
	for _, args := range [][]string{{"explain", "--jsn", "v=spf1 -all"}, {"lint", "--jsn", "z.zone"}} {
		if _, _, errOut := runT(t, "", args...); !strings.Contains(errOut, "unknown flag --jsn") {
			t.Errorf("mxplain %s: a mistyped flag is not named: %q", args[0], errOut)
		}
	}
}

// TestExplainTypes checks that --type takes its names from the registry of
// kinds: each forces its kind, in any case; --help and every shell's
// completion script name them all.
func TestExplainTypes(t *testing.T) {
	names := parsers.TypeNames()
	for _, k := range parsers.Kinds() {
		status, out, errOut := runT(t, "", "explain", "--json", "--type", strings.ToUpper(string(k.Type)), "x")
		var ex explain.Explanation
		if status == exitUsage || json.Unmarshal([]byte(out), &ex) != nil || len(ex.Records) != 1 || ex.Records[0].Type != k.Type {
			t.Errorf("explain --type %s: status %d, %.200s %s", strings.ToUpper(string(k.Type)), status, out, errOut)
		}
	}
	_, help, _ := runT(t, "", "explain", "--help")
	var scripts []string
	for shell := range completionScripts {
		_, script, _ := runT(t, "", "completion", shell)
		scripts = append(scripts, script)
	}
	for _, name := range names {
		if !strings.Contains(help, name) {
			t.Errorf("explain --help does not name the type %s:\n%s", name, help)
		}
		for i, script := range scripts {
			if !strings.Contains(script, name) {
				t.Errorf("completion script %d does not offer the type %s", i, name)
			}
		}
	}
	if status, _, errOut := runT(t, "", "explain", "--type", "unknown", "x"); status != exitUsage || !strings.Contains(errOut, strings.Join(names, ", ")) {
		t.Errorf("explain --type unknown: status %d, %q: want a usage error naming %v", status, errOut, names)
	}
}

// TestExplainTitles: a record's heading is its kind's label from the
// registry (parsers.KindOf), not its type name upper-cased.
func TestExplainTitles(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	tests := map[string]struct{ input, typ, want string }{
		"spf":            {"v=spf1 -all", "", "SPF  (valid)"},
		"mta-sts-policy": {"version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n", "mta-sts-policy", "MTA-STS policy  ("},
		"tls-rpt":        {"v=TLSRPTv1; rua=mailto:tls@example.com", "", "TLS-RPT  ("},
		"unknown":        {"hello there", "", "UNKNOWN  (invalid)"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			args := []string{"explain"}
			if tc.typ != "" {
				args = append(args, "--type", tc.typ)
			}
			_, out, _ := runT(t, tc.input, args...)
			if !strings.HasPrefix(out, tc.want) {
				t.Errorf("output starts %.60q, want %q", out, tc.want)
			}
		})
	}
}

// TestExplainFix checks --fix: each record corrected in the form it was
// written, notes in comments, a record with nothing to fix as written;
// and that the corrected text, explained again, has no error.
func TestExplainFix(t *testing.T) {
	in := "example.com. IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.com\"\n" +
		"example.com. 300 IN TXT v=spf1 -all\n" +
		"example.com. IN MX 10 mail.example.com.\n"
	status, out, _ := runT(t, in, "explain", "--fix")
	if status != exitFindings {
		t.Errorf("status %d, want %d: the input's", status, exitFindings)
	}
	want := "; fixes record.owner.mismatch\n" +
		"; In a DNS panel: name _dmarc.example.com, type TXT, value v=DMARC1; p=reject;\n" +
		"; rua=mailto:dmarc@example.com\n" +
		"_dmarc.example.com. IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.com\"\n" +
		"; fixes txt.unquoted\n" +
		"; In a DNS panel: name example.com, type TXT, value v=spf1 -all\n" +
		"example.com. 300 IN TXT \"v=spf1 -all\"\n" +
		"example.com. IN MX 10 mail.example.com.\n"
	if out != want {
		t.Errorf("explain --fix:\n%s\nwant:\n%s", out, want)
	}
	if status, again, _ := runT(t, out, "explain"); status != exitOK {
		t.Errorf("the corrected records explained again: status %d\n%s", status, again)
	}
	_, human, _ := runT(t, in, "explain")
	for _, s := range []string{"fix: write _dmarc.example.com. for example.com.", "Corrected record (fixes record.owner.mismatch)"} {
		if !strings.Contains(human, s) {
			t.Errorf("human output lacks %q:\n%s", s, human)
		}
	}
}

// TestExplainLineBreak: a line break inside quotes is shown escaped where
// the finding is and in its fix, and --fix writes the record on one line.
func TestExplainLineBreak(t *testing.T) {
	in := "example.com. IN TXT \"v=spf1 mx\r\n -all\"\n"
	_, human, _ := runT(t, in, "explain")
	for _, s := range []string{"text.line_break", `at: \x0d\x0a`, `fix: write " " for \x0d\x0a`, "Corrected record (fixes text.line_break)"} {
		if !strings.Contains(human, s) {
			t.Errorf("human output lacks %q:\n%s", s, human)
		}
	}
	_, out, _ := runT(t, in, "explain", "--fix")
	if !strings.HasSuffix(out, "example.com. IN TXT \"v=spf1 mx -all\"\n") {
		t.Errorf("explain --fix:\n%s", out)
	}
}

// TestExplainFixMultiLine: a record written over several lines (in
// parentheses) that needs no fix is printed as written, its line breaks
// kept, not escaped.
func TestExplainFixMultiLine(t *testing.T) {
	in := "example.com. IN TXT ( \"v=spf1 ip4:192.0.2.1\"\n  \" -all\" )\n"
	if _, out, _ := runT(t, in, "explain", "--fix"); out != in {
		t.Errorf("explain --fix:\n%q\nwant:\n%q", out, in)
	}
}

// TestExplainFixPolicy checks that a corrected policy file prints as its
// lines, with --fix and in the explanation.
func TestExplainFixPolicy(t *testing.T) {
	in := "version: STSv1\nmode: Enforce\nmx: mail.example.com.\nmax_age: 604800\n"
	want := "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n"
	_, out, _ := runT(t, in, "explain", "--fix")
	if _, got, _ := strings.Cut(out, "\n"); got != want {
		t.Errorf("explain --fix:\n%s\nwant, after the line of fixes:\n%s", out, want)
	}
	_, human, _ := runT(t, in, "explain")
	if !strings.Contains(human, "    mode: enforce\n    mx: mail.example.com\n") {
		t.Errorf("the corrected policy is not shown line by line:\n%s", human)
	}
}

// TestExplainPlan checks that a record's plans print after it: the title
// with its RFC, then each step numbered with the record it publishes.
func TestExplainPlan(t *testing.T) {
	_, human, _ := runT(t, "v=DMARC1; p=none", "explain")
	for _, s := range []string{"Plan: From p=none to p=reject, in stages (RFC 9989 §5.1)", "  1. Add an address for aggregate reports", "v=DMARC1; p=quarantine; rua=mailto:{{report-address}}", "v=DMARC1; p=reject; rua=mailto:{{report-address}}"} {
		if !strings.Contains(human, s) {
			t.Errorf("explain lacks %q:\n%s", s, human)
		}
	}
}
