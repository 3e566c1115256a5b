package lint_test

import (
	"context"
	"fmt"
	"os"

	"github.com/mxplain/mxplain/internal/lint"
)

// The MX record names a host of the zone that has no address: only the
// zone as a whole shows it.
func ExampleCheck() {
	zone := `$ORIGIN example.com.
$TTL 3600
@     SOA ns1.dns.example. hostmaster 1 7200 900 1209600 300
@     MX  10 mail
@     TXT "v=spf1 mx -all"
_dmarc TXT "v=DMARC1; p=reject"
s1._domainkey TXT "v=DKIM1; p="
`
	res, err := lint.Check(context.Background(), []lint.File{{Name: "example.com.zone", Text: zone}}, lint.Options{})
	if err != nil {
		panic(err)
	}
	for _, f := range res.Findings {
		fmt.Printf("%s:%d:%d %s %s\n", f.File, f.Line, f.Column, f.Severity, f.Code)
	}
	// Output:
	// example.com.zone:4:1 error report.mx.no_usable_exchange
	// example.com.zone:4:11 info mx.set.single
	// example.com.zone:4:14 warning report.mx.exchange_no_address
	// example.com.zone:5:22 info spf.all.fail
	// example.com.zone:6:13 warning dmarc.rua.missing
	// example.com.zone:7:1 warning report.dkim.all_revoked
	// example.com.zone:7:29 warning dkim.p.revoked
	// example.com.zone:0:0 info lint.offline.not_looked_up
}

// The text format, as compilers write it and editors read it.
func ExampleWriteText() {
	lint.WriteText(os.Stdout, []lint.Finding{{File: "example.com.zone", Line: 5, Column: 25, EndLine: 5, EndColumn: 36,
		Severity: "error", Code: "spf.ip4.placeholder", Message: "\"abc.d.efg.h\" is a placeholder, not an IPv4 address."}})
	// Output: example.com.zone:5:25: error: "abc.d.efg.h" is a placeholder, not an IPv4 address. [spf.ip4.placeholder]
}
