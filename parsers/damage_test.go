package parsers

import (
	"slices"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestDamage: each kind of copy-paste damage, in a bare value, quoted
// strings and a zone line, gives exactly one finding, with the repaired
// text as its fix, and otherwise the findings of the clean record.
func TestDamage(t *testing.T) {
	tests := []struct {
		damaged, clean, code string
	}{
		{"“v=spf1 mx -all”", `"v=spf1 mx -all"`, CodeSmartQuotes},
		{"example.com. IN TXT „v=spf1 mx -all”", `example.com. IN TXT "v=spf1 mx -all"`, CodeSmartQuotes},
		{"v=spf1\u00a0mx\u00a0-all", "v=spf1 mx -all", CodeNoBreakSpace},
		{`"v=DMARC1;` + "\u202f" + `p=reject"`, `"v=DMARC1; p=reject"`, CodeNoBreakSpace},
		{"v=spf1 include:_spf.exa\u200bmple.net -all", "v=spf1 include:_spf.example.net -all", CodeInvisible},
		{"\ufeffv=spf1 -all", "v=spf1 -all", CodeInvisible},
		{"example.com. IN MX 10 mail\u200d.example.com.", "example.com. IN MX 10 mail.example.com.", CodeInvisible},
		{"v=spf1 include:_spf.gооgle.com -all", "v=spf1 include:_spf.google.com -all", CodeLookalike},
		{"v=DMАRC1; p=none", "v=DMARC1; p=none", CodeLookalike},
		{"v=spf1 ip4:１９２.０.２.１ -all", "v=spf1 ip4:192.0.2.1 -all", CodeFullwidth},
		{"example.com. IN MX １０ mail.example.com.", "example.com. IN MX 10 mail.example.com.", CodeFullwidth},
		// HTML: entities decoded, tags inside the record read as layout.
		{"&quot;v=spf1 include:_spf.google.com ~all&quot;", `"v=spf1 include:_spf.google.com ~all"`, CodeHTML},
		{"v=DMARC1; p=none; rua=mailto:a&#64;example.com", "v=DMARC1; p=none; rua=mailto:a@example.com", CodeHTML},
		{"example.com. IN TXT &#34;v=spf1 mx&nbsp;-all&#x22;", `example.com. IN TXT "v=spf1 mx -all"`, CodeHTML},
		{"example.com. IN TXT &ldquo;v=spf1 mx -all&rdquo;", `example.com. IN TXT "v=spf1 mx -all"`, CodeHTML},
		{"<p>v=spf1 <b>mx</b> -all</p>", "<p>v=spf1 mx -all</p>", CodeHTML},
		{"s._domainkey.example.com. IN TXT \"v=DKIM1; n=R&amp;D; p=\"", "s._domainkey.example.com. IN TXT \"v=DKIM1; n=R&D; p=\"", CodeHTML},
		// A line break inside quotes: deleted next to a quote, a space
		// in SPF or after ";", nothing inside a value.
		{"\"v=spf1 include:_spf.example.net -all\n\"", `"v=spf1 include:_spf.example.net -all"`, CodeLineBreak},
		{"example.com. IN TXT \"v=spf1 -all\r\n   \"", `example.com. IN TXT "v=spf1 -all"`, CodeLineBreak},
		{"\"v=spf1 -all\r\"", `"v=spf1 -all"`, CodeLineBreak},
		{"\"v=DMARC1; p=reject;\r\n rua=mailto:d@example.com\"", `"v=DMARC1; p=reject; rua=mailto:d@example.com"`, CodeLineBreak},
		{"example.com. IN TXT \"v=spf1 include:_spf.example.net\n-all\"", `example.com. IN TXT "v=spf1 include:_spf.example.net -all"`, CodeLineBreak},
		{"example.com. IN TXT ( \"v=spf1 a\n    mx -all\" )", `example.com. IN TXT ( "v=spf1 a mx -all" )`, CodeLineBreak},
		{"s._domainkey.example.com. IN TXT \"v=DKIM1; p=MIGfMA0GCSqGSIb3DQEB\n    AQUAA4GNADCBiQKBgQC+\"", `s._domainkey.example.com. IN TXT "v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+"`, CodeLineBreak},
		{"<p>&quot;v=DMARC1; p=reject;<br>rua=mailto:a@example.com&quot;</p>", `<p>&quot;v=DMARC1; p=reject; rua=mailto:a@example.com&quot;</p>`, CodeLineBreak},
	}
	codes := func(r explain.Record) []string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.Code)
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range tests {
		t.Run(tt.damaged, func(t *testing.T) {
			got := explainT(t, tt.damaged, withZoneSoftware)
			want := explainT(t, tt.clean, withZoneSoftware)
			if len(got.Records) != 1 || len(want.Records) != 1 {
				t.Fatalf("%d and %d records", len(got.Records), len(want.Records))
			}
			r := got.Records[0]
			if r.Type != want.Records[0].Type || r.Value != want.Records[0].Value {
				t.Errorf("%s %q, want %s %q", r.Type, r.Value, want.Records[0].Type, want.Records[0].Value)
			}
			wantCodes := append(codes(want.Records[0]), tt.code)
			slices.Sort(wantCodes)
			if !slices.Equal(codes(r), wantCodes) {
				t.Errorf("findings %v, want %v", codes(r), wantCodes)
			}
			if r.Valid {
				t.Error("valid, with damage")
			}
			var fix *explain.Fix
			for _, f := range r.Findings {
				if f.Code == tt.code {
					fix = f.Fix
				}
			}
			if fix == nil {
				t.Fatal("no fix")
			}
			if fixed := tt.damaged[:fix.Span[0]] + fix.Text + tt.damaged[fix.Span[1]:]; fixed != tt.clean {
				t.Errorf("the fix gives %q, want %q", fixed, tt.clean)
			}
			if p := r.Proposal; p == nil || !slices.Contains(p.Fixes, tt.code) {
				t.Errorf("proposal %+v, want one fixing %s", p, tt.code)
			}
		})
	}
	// No damage: a "&" that is no entity, a placeholder in angle
	// brackets, strings on lines of their own in parentheses, a quote
	// left open before the next record, a quoted sentence over lines.
	for _, ok := range []string{
		"v=DMARC1; p=none; rua=mailto:a@example.com&b; ruf=mailto:f@example.com",
		"v=spf1 include:a&amp -all",
		"<selector>._domainkey.example.com. IN TXT \"v=DKIM1; p=\"",
		"v=spf1 <a> -all", // tags count in a page's source only (isPage)
		"example.com. IN TXT ( \"v=spf1 a\"\n    \" -all\" )\n",
		"example.com. IN TXT \"v=spf1 -all\n_dmarc.example.com. IN TXT \"v=DMARC1; p=none\"\n",
		"He said \"use v=spf1\nand so on\" and left it there today.\nv=spf1 -all\n",
		"\"v=DMARC1;\tp=none\"",
	} {
		ex := explainT(t, ok, withZoneSoftware)
		for _, r := range ex.Records {
			for _, f := range r.Findings {
				if f.Code == CodeHTML || f.Code == CodeLineBreak {
					t.Errorf("%q: %s at %q", ok, f.Code, ok[f.Span[0]:f.Span[1]])
				}
			}
		}
	}
	// Letters of another alphabet in a name written in it are no damage.
	for _, ok := range []string{"пример.рф. IN MX 10 почта.пример.рф.", "bücher.example. IN TXT \"v=spf1 -all\""} {
		for _, f := range explainT(t, ok, withZoneSoftware).Records[0].Findings {
			if f.Code == CodeLookalike {
				t.Errorf("%q: %s", ok, f.Code)
			}
		}
	}
}
