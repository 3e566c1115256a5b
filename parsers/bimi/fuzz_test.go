package bimi

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// FuzzExplain checks that no input panics, every span stays inside the
// value, every field's text is the value's bytes at its span, and the same
// input always gives the same output.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{
		"v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem", "v=BIMI1; l=; a=;", "v=BIMI1; l=; a=; lps=true;",
		"", " ", ";", "=", "v=", "v=BIMI1", " v = BIMI1 ;; l = https://[::1]/x.svg, https://a/b.png", "l=x; v=BIMI1; v=BIMI1",
		"v=BIMI1; L=x; l=http://e.example/x.SVGZ; a=https:; lps=a , b,; avp=Brand; 9=1; _=; x",
		"v=BIMI1; l=https://e.example/%zz.svg; a=https://u@e.example:70000/v.pem", "v=BIMI1;\r\n\tl=https://e.example/\u00e9.svg",
	} {
		f.Add(s)
	}
	owners := []string{"", "default._bimi.example.com.", "_bimi.example.com.", "a_b._bimi.x."}
	explaintest.Fuzz(f, owners, Explain)
}
