package tlsa_test

import (
	"path/filepath"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// zone is TLSA records as zone text writes them: one line, and one
// continued over lines in parentheses with a comment, as RFC 6698 §2.3's
// examples are.
const zone = `$ORIGIN example.com.
_25._tcp.mx 3600 IN TLSA 3 1 1 bc1dc4249be4cdd17a5ed79d791a97ac0311da7f055fa85d0f179c9bcadb9253
_25._tcp.mx2.example.com. 3600 IN TLSA (
    2 0 1 ; DANE-TA, the issuer's certificate
    ac19dbe6334259e922730db0d273ec7a
    9937c31c2122aa13e71968e9438c14f5 )
`

// TestZone checks that zone text reaches the kind, by RR type, with each
// record's owner, and that the explanation reads as the golden file says.
func TestZone(t *testing.T) {
	ex, err := parsers.Explain(zone, parsers.Options{CheckLine: zonecheck.Line})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Records) != 2 {
		t.Fatalf("%d records, want 2", len(ex.Records))
	}
	for i, owner := range []string{"_25._tcp.mx.example.com.", "_25._tcp.mx2.example.com."} {
		r := ex.Records[i]
		if r.Type != explain.TypeTLSA || r.Owner != owner || !r.Valid {
			t.Errorf("record %d: type %s, owner %s, valid %v, want tlsa at %s, valid: %v", i, r.Type, r.Owner, r.Valid, owner, r.Findings)
		}
	}
	golden.JSON(t, filepath.Join("testdata", "zone.golden.json"), ex)
}

// TestDomain checks the owner choice: parsers.Domain of a TLSA name is the
// server's host, its "selector" the port label.
func TestDomain(t *testing.T) {
	k := parsers.KindOf(explain.TypeTLSA)
	host, port, ok := parsers.Domain(k, "_25._tcp.mx.example.com.")
	if !ok || host != "mx.example.com." || port != "_25" {
		t.Errorf("Domain = %q, %q, %v; want mx.example.com., _25", host, port, ok)
	}
}

// TestDetect checks that a bare value of three numbers and hex is TLSA,
// and that MX and SRV values are not.
func TestDetect(t *testing.T) {
	for value, want := range map[string]string{
		"3 1 1 bc1dc4249be4cdd17a5ed79d791a97ac0311da7f055fa85d0f179c9bcadb9253":      "tlsa",
		"2 0 1 ( ac19dbe6334259e922730db0d273ec7a 9937c31c2122aa13e71968e9438c14f5 )": "tlsa",
		"3 1 1 ab:cd:ef:01":         "tlsa",
		"10 mail.example.com.":      "mx",
		"0 5 993 imap.example.com.": "unknown",
		"0 5 25 abc.example.com.":   "unknown",
		"10 20 30 40":               "unknown",
	} {
		ex, err := parsers.Explain(value, parsers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(ex.Records[0].Type); got != want && !(want == "unknown" && got != "tlsa") {
			t.Errorf("%q detected as %s, want %s", value, got, want)
		}
	}
}
