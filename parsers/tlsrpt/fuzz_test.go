package tlsrpt

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// FuzzExplain checks that no input panics, every span stays inside the
// value, every field's text is the value's bytes at its span, and the same
// input always gives the same output.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{
		"v=TLSRPTv1;rua=mailto:reports@example.com", "v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt",
		"", " ", ";", "v=", "v=TLSRPTv1", "v=TLSRPTv1 ;", " v=TLSRPTv1;rua=", "rua=mailto:a@b.c; v=TLSRPTv1",
		"v=TLSRPTv1; rua = mailto:a@b.c ,, https://[::1]:8443/x!10m; RUA=x; _=; =; a=b=c;;",
		"v=TLSRPTv1; rua=mailto:%zz@b.c, mailto://x, https:///, https://a:99999/, mailto:[email protected]",
		"v=TLSRPTv1; rua=mailto:\"a b\"@example.com, mailto:a@[192.0.2.1], https://u@h.example.com:/p?q#f#g",
		"v=TLSRPTv1; rua=mailto:a@b\u00e9.example, https://h\u00e9.example/", "v=TLSRPTv1\x00;rua=\x7f",
	} {
		f.Add(s)
	}
	owners := []string{"", "_smtp._tls.example.com.", "example.com."}
	explaintest.Fuzz(f, owners, Explain)
}
