package parsers

import (
	"slices"
	"testing"

	"github.com/mxplain/mxplain/parsers/bimi"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/tlsrpt"
)

// TestMultipleCounted: records receivers discard before they count (no
// version at the start) do not make the others "several" (RFC 8460 §3,
// BIMI draft-10 §7.2 steps 4 and 9); records that start with it do.
func TestMultipleCounted(t *testing.T) {
	tests := map[string]struct {
		input, code string
		want        []bool // per record: has the multiple finding
	}{
		"tls-rpt, one discarded": {`_smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:a@example.com"
_smtp._tls.example.com. TXT "v=TLSRPTv2; rua=mailto:b@example.com"`, tlsrpt.CodeRecordMultiple, []bool{false, false}},
		"tls-rpt, two": {`_smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:a@example.com"
_smtp._tls.example.com. TXT "v=TLSRPTv1"`, tlsrpt.CodeRecordMultiple, []bool{true, true}},
		"bimi, one discarded": {`default._bimi.example.com. TXT "v=BIMI1; l=https://example.com/a.svg"
default._bimi.example.com. TXT "l=https://example.com/b.svg"`, bimi.CodeRecordMultiple, []bool{false, false}},
		"bimi, two": {`default._bimi.example.com. TXT "v=BIMI1; l=https://example.com/a.svg"
default._bimi.example.com. TXT "v=BIMI1; l="`, bimi.CodeRecordMultiple, []bool{true, true}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ex := explainT(t, tc.input, Options{})
			var got []bool
			for _, r := range ex.Records {
				got = append(got, slices.ContainsFunc(r.Findings, func(f explain.Finding) bool { return f.Code == tc.code }))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("multiple findings %v, want %v", got, tc.want)
			}
		})
	}
}
