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
	// Letters of another alphabet in a name written in it are no damage.
	for _, ok := range []string{"пример.рф. IN MX 10 почта.пример.рф.", "bücher.example. IN TXT \"v=spf1 -all\""} {
		for _, f := range explainT(t, ok, withZoneSoftware).Records[0].Findings {
			if f.Code == CodeLookalike {
				t.Errorf("%q: %s", ok, f.Code)
			}
		}
	}
}
