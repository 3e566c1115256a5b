package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"os"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/internal/realdns"
)

// TestFixturesValidate: through Knot and Unbound, the fixtures' test.,
// dane.test and securemail.net are signed (their "; realdns: sign" line) and answer with AD
// set to doh.Client's queries (AD set, DO clear), the unsigned zones
// below test. (baddane.test, nullmx.test) and outside it (example.org)
// with AD clear; `mxplain serve --zones` serves the same files unsigned
// and never sets AD.
func TestFixturesValidate(t *testing.T) {
	s := startReal(t, fixtures, realdns.Options{Tmp: t.TempDir()})
	if got := strings.Join(s.Signed, " "); got != "dane.test. securemail.net. test." {
		t.Errorf("signed zones %s, want dane.test. securemail.net. test.", got)
	}
	ca, err := os.ReadFile(s.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	real, err := doh.New(s.URL, doh.Options{Transport: doh.HTTPTransport{Client: doh.NewHTTPClient(&tls.Config{RootCAs: pool})}, Budget: -1})
	if err != nil {
		t.Fatal(err)
	}
	serve, err := doh.New(serveZones(t, fixtures), doh.Options{Budget: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		qtype uint16
		ad    bool // through Unbound
	}{
		{"dane.test", dns.TypeMX, true},
		{"_25._tcp.mx1.dane.test", dns.TypeTLSA, true},
		{"_25._tcp.mx2.dane.test", dns.TypeTLSA, true},
		{"_imaps._tcp.dane.test", dns.TypeSRV, true},
		{"dane.test", dns.TypeDNSKEY, true},
		{"dane.test", dns.TypeDS, true},
		{"dane.test", dns.TypeTLSA, true},                  // NODATA
		{"_25._tcp.nothing.dane.test", dns.TypeTLSA, true}, // NXDOMAIN
		{"nothing.test", dns.TypeA, true},                  // NXDOMAIN in test.
		{"_dmarc.test", dns.TypeTXT, true},                 // the DMARC tree walk's last query
		{"baddane.test", dns.TypeDS, true},                 // test. proves it unsigned
		{"_25._tcp.mx1.baddane.test", dns.TypeTLSA, false},
		{"_imaps._tcp.baddane.test", dns.TypeSRV, false},
		{"nullmx.test", dns.TypeMX, false},
		{"nullmx.test", dns.TypeDS, true},
		{"shop.acme.test", dns.TypeMX, false},
		{"example.org", dns.TypeMX, false}, // under no trust anchor
	} {
		t.Run(tc.name+"/"+dns.TypeToString[tc.qtype], func(t *testing.T) {
			ctx := context.Background()
			r, err := real.Query(ctx, tc.name, tc.qtype)
			if err != nil {
				t.Fatal(err)
			}
			if r.AD != tc.ad {
				t.Errorf("%s: AD=%v, want %v", real.Endpoint(), r.AD, tc.ad)
			}
			w, err := serve.Query(ctx, tc.name, tc.qtype)
			if err != nil {
				t.Fatal(err)
			}
			if w.AD {
				t.Errorf("mxplain serve --zones: AD set")
			}
			// The DNSSEC records are Knot's alone.
			keys := tc.qtype == dns.TypeDNSKEY || tc.qtype == dns.TypeDS && tc.name == "dane.test"
			if r.Rcode != w.Rcode || !keys && len(r.Records()) != len(w.Records()) {
				t.Errorf("%s, %d records through Unbound; %s, %d through mxplain serve", dns.RcodeToString[r.Rcode], len(r.Records()), dns.RcodeToString[w.Rcode], len(w.Records()))
			}
		})
	}
}
