package parsers

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/testshared"
	"github.com/mxplain/mxplain/parsers/explain"
)

// TestSeedWhole pastes the seed article whole: its four records, each
// with its known problems, and every other line skipped as text.
func TestSeedWhole(t *testing.T) {
	b, err := os.ReadFile(testshared.Path(t, filepath.Join("seed", "000_3ba6b5d80f5b8c8e.txt")))
	if err != nil {
		t.Fatal(err)
	}
	input := string(b)
	ex := explainT(t, input, withZoneSoftware)
	want := []struct {
		typ   explain.Type
		codes []string
	}{
		{explain.TypeMX, nil},
		{explain.TypeSPF, []string{"spf.ip4.placeholder"}},
		{explain.TypeDKIM, []string{"dkim.p.placeholder"}},
		{explain.TypeDMARC, []string{"dmarc.uri.obfuscated"}},
	}
	if len(ex.Records) != len(want) {
		for _, r := range ex.Records {
			t.Logf("%s %q", r.Type, r.Value)
		}
		t.Fatalf("%d records, want %d", len(ex.Records), len(want))
	}
	for i, w := range want {
		r := ex.Records[i]
		if r.Type != w.typ {
			t.Errorf("record %d: %s, want %s", i, r.Type, w.typ)
		}
		for _, c := range w.codes {
			if !slices.ContainsFunc(r.Findings, func(f explain.Finding) bool { return f.Code == c }) {
				t.Errorf("%s: no %s", r.Type, c)
			}
		}
		if w.codes == nil && !r.Valid {
			t.Errorf("%s: not valid", r.Type)
		}
	}
	// Every non-blank line that is not a record (nor a fence around one)
	// is skipped, and nothing that is.
	lines := 0
	for l := range strings.Lines(input) {
		if strings.TrimSpace(l) != "" {
			lines++
		}
	}
	if got := len(ex.Skipped) + len(ex.Records); got != lines {
		t.Errorf("%d skipped and %d records, want the %d lines", len(ex.Skipped), len(ex.Records), lines)
	}
	for _, s := range ex.Skipped {
		if strings.Contains(input[s[0]:s[1]], " IN ") {
			t.Errorf("skipped a zone line: %q", input[s[0]:s[1]])
		}
	}
}

// TestRecordsInText: records found in the text people paste, prose never
// a record.
func TestRecordsInText(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		values []string // the records' values, in order
		types  []explain.Type
	}{
		{"markdown", "# Mail setup\n\nAdd these records to your DNS:\n\n```\n@ 3600 IN MX 10 mx.example.com.\n```\n\nThen the SPF record, which lists who may send:\n\n```dns\nexample.com. IN TXT \"v=spf1 mx -all\"\n```\n",
			[]string{"10 mx.example.com.", "v=spf1 mx -all"}, []explain.Type{explain.TypeMX, explain.TypeSPF}},
		{"e-mail", "Hello,\n\nplease add this TXT record: v=spf1 include:_spf.example.net ~all.\nAnd for DMARC, publish \"v=DMARC1; p=none; rua=mailto:d@example.com\" at _dmarc.\n\nThanks, the mail team\n",
			[]string{"v=spf1 include:_spf.example.net ~all", "v=DMARC1; p=none; rua=mailto:d@example.com"}, []explain.Type{explain.TypeSPF, explain.TypeDMARC}},
		{"inline code", "Publish `v=spf1 a -all` at the apex of the domain you send from.\n",
			[]string{"v=spf1 a -all"}, []explain.Type{explain.TypeSPF}},
		{"sentence starting with a type", "SPF is one of the primary email authentication methods today.\nv=spf1 -all\nMX records tell the world which server takes the mail.\n",
			[]string{"v=spf1 -all"}, []explain.Type{explain.TypeSPF}},
		{"dig answer among prose", "Here is what dig says about it right now:\n;; ANSWER SECTION:\nexample.com.\t300\tIN\tMX\t10 mx.example.com.\n",
			[]string{"10 mx.example.com."}, []explain.Type{explain.TypeMX}},
		// Without any record, each line is said to be no record, as before.
		{"nothing recognised", "hello there\n", []string{"hello there"}, []explain.Type{explain.TypeUnknown}},
		// Records people get wrong stay records.
		{"broken attempts", "v=spf 1 a -all\nk=rsa p=MIGfMA0\nThis line is just some words about nothing.\n",
			[]string{"v=spf 1 a -all", "k=rsa p=MIGfMA0"}, []explain.Type{explain.TypeSPF, explain.TypeDKIM}},
		{"html", "<p>Publish this record:</p>\n<pre><code>v=spf1 include:_spf.example.net -all</code></pre>\n<p>and wait an hour.</p>\n",
			[]string{"v=spf1 include:_spf.example.net -all"}, []explain.Type{explain.TypeSPF}},
		{"html-escaped", "<p>Add this TXT record: <code>&quot;v=spf1 include:_spf.google.com ~all&quot;</code></p>\n<p>For DMARC, publish <code>v=DMARC1; p=none; rua=mailto:a&#64;example.com</code> at _dmarc.</p>\n",
			[]string{"v=spf1 include:_spf.google.com ~all", "v=DMARC1; p=none; rua=mailto:a@example.com"}, []explain.Type{explain.TypeSPF, explain.TypeDMARC}},
		{"version not first", "include:_spf.example.net v=spf1 -all\n", []string{"include:_spf.example.net v=spf1 -all"}, []explain.Type{explain.TypeSPF}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := explainT(t, tt.input, withZoneSoftware)
			var values []string
			var types []explain.Type
			for _, r := range ex.Records {
				values = append(values, r.Value)
				types = append(types, r.Type)
			}
			if !slices.Equal(values, tt.values) || !slices.Equal(types, tt.types) {
				t.Errorf("records %q %v, want %q %v", values, types, tt.values, tt.types)
			}
		})
	}
}

func TestIsProse(t *testing.T) {
	for _, s := range []string{
		"This is software that transfers emails from sender to receiver.",
		"SPF allows the owner of the domain to specify which mail servers are authorized.",
		"- **Post Office Protocol v3 (POP3):** Downloads emails from the server to the client.",
	} {
		if !isProse(s) {
			t.Errorf("isProse(%q) = false", s)
		}
	}
	for _, s := range []string{
		"v=spf1 include:_spf.google.com ~all", "10 mail.example.com.", "include:a.example include:b.example mx -all",
		"v=DMARC1; p=none; rua=mailto:a@example.com", "k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+",
		"mx a ptr -all", "version: STSv1",
	} {
		if isProse(s) {
			t.Errorf("isProse(%q) = true", s)
		}
	}
}
