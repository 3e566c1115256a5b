package inspect_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
)

// A report read from an in-memory zone instead of live DNS. With live DNS,
// pass a doh.Client made with doh.Options{Budget: inspect.MaxQueries}; to
// try a zone file over live DNS before publishing it, a zone.Overlay.
func ExampleDomain() {
	store, err := zone.Parse(`
$ORIGIN example.com.
$TTL 300
@        IN SOA ns hostmaster 1 3600 600 86400 300
@        MX  10 mx1.example.net.
@        TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc   TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
s1._domainkey TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

$ORIGIN example.net.
@        IN SOA ns hostmaster 1 3600 600 86400 300
mx1      A   192.0.2.25

; The store answers only for its zones: this one makes _dmarc.com. NXDOMAIN,
; as the DMARC tree walk expects from live DNS.
$ORIGIN com.
@        IN SOA ns hostmaster 1 3600 600 86400 300
`, "example.zone")
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := inspect.NewOptions(time.Now()) // as every front end makes them
	opts.Selectors, opts.NoProbe = []string{"s1"}, true
	r := inspect.Domain(context.Background(), store, "example.com", opts)
	for _, h := range r.MX.Hosts {
		fmt.Println("MX", h.Preference, h.Exchange, h.Addresses)
	}
	fmt.Println("SPF networks:", r.SPF.Networks, "lookups:", r.SPF.DNSLookups)
	fmt.Println("DMARC policy domain:", r.DMARC.PolicyDomain, "policy:", r.DMARC.Policy)
	fmt.Println("DKIM s1:", r.DKIM["s1"].Summary)
	for _, f := range r.Findings {
		fmt.Println(f.Severity, f.Code)
	}
	fmt.Println("queries:", r.Queries, "partial:", r.Partial())
	// Output:
	// MX 10 mx1.example.net. [192.0.2.25]
	// SPF networks: [192.0.2.0/24] lookups: 0
	// DMARC policy domain: example.com policy: none
	// DKIM s1: The DKIM key for selector s1 at example.com is an Ed25519 key for verifying signatures made with ed25519-sha256.
	// warning report.dmarc.spf_fail_policy_none
	// info report.dnssec.unsigned
	// info report.srv.none
	// queries: 20 partial: false
}

// The checklist of a report (Report.Verdicts), which front ends draw
// first, and the same report as Markdown (its first lines: the checklist,
// each line linking to its part's heading).
func ExampleMarkdown() {
	store, err := zone.Parse(`
$ORIGIN example.com.
$TTL 300
@        IN SOA ns hostmaster 1 3600 600 86400 300
@        MX  10 mx1.example.net.
@        TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc   TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
s1._domainkey TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

$ORIGIN example.net.
@        IN SOA ns hostmaster 1 3600 600 86400 300
mx1      A   192.0.2.25

$ORIGIN com.
@        IN SOA ns hostmaster 1 3600 600 86400 300
`, "example.zone")
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := inspect.NewOptions(time.Now())
	opts.Selectors, opts.NoProbe = []string{"s1"}, true
	r := inspect.Domain(context.Background(), store, "example.com", opts)
	for _, v := range r.Verdicts {
		fmt.Println(v.Mark, v.Label, v.Status)
	}
	md := strings.SplitAfterN(inspect.Markdown(r), "\n", 8)
	fmt.Print(strings.Join(md[:7], ""))
	// Output:
	// ✓ MX ok
	// ! SPF warning
	// ✓ DMARC ok
	// ✓ DKIM ok
	// ✓ MTA-STS ok
	// ✓ TLS-RPT ok
	// ✓ BIMI ok
	// ✓ DNSSEC ok
	// ✓ DANE ok
	// ✓ SRV ok
	// # Mail DNS of `example.com`
	//
	// 20 DNS queries, by mxplain.
	//
	// ## Checklist
	//
	// - ✓ [MX](#mx-mail-exchangers): Mail goes to 1 host, mx1.example.net.
}
