package main

import (
	"context"
	"encoding/base64"
	"errors"
	"net/url"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
)

// warmUp makes one report of warmDomain from warmZone, in memory: no query
// leaves the engine. It runs once when the engine starts, at idle (the page
// fetches lookup.wasm after its first breakdown), so that the person's
// first lookup does not pay for the first run of the code: V8 compiles a
// wasm function when it is first called and optimises it once it is hot,
// and Go fills its caches (encoding/json's, among them) on first use.
func warmUp() string {
	store, err := zone.Parse(warmZone, "warm-up zone")
	if err != nil {
		return err.Error()
	}
	resolver := func(endpoint string) (doh.Resolver, error) {
		return doh.New(endpoint, doh.Options{Transport: storeTransport{store}})
	}
	return lookupJSON(context.Background(), warmDomain, `{"resolver": "https://resolver.example/dns-query"}`, resolver, func(string) {}, progressEvery)
}

// storeTransport answers DoH GET requests from a zone store, as a DoH
// server does, in memory.
type storeTransport struct{ store *zone.Store }

func (t storeTransport) Get(_ context.Context, rawURL string) (*doh.HTTPResponse, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	wire, err := base64.RawURLEncoding.DecodeString(u.Query().Get("dns"))
	if err != nil {
		return nil, err
	}
	req := new(dns.Msg)
	if err := req.Unpack(wire); err != nil {
		return nil, errors.New("wasm: warm-up query: " + err.Error())
	}
	body, err := t.store.Exchange(req).Pack()
	if err != nil {
		return nil, err
	}
	return &doh.HTTPResponse{Status: 200, ContentType: "application/dns-message", Body: body}, nil
}

// warmDomain has every part a report shows, under the reserved TLD
// "example" (RFC 2606): MX hosts with addresses, SPF with an include, DMARC,
// a DKIM key at a selector the lookup probes, MTA-STS (whose policy is not
// fetched: the warm-up names no policy endpoint), TLS-RPT, BIMI, a DS
// record (no answer validates: the DNSSEC part says the resolver does not
// validate), a TLSA record for an MX host and SRV records for clients.
const warmDomain = "mail.example"

const warmZone = `$ORIGIN mail.example.
$TTL 300
@                  SOA ns hostmaster 1 7200 3600 1209600 300
@                  NS  ns
ns                 A   192.0.2.53
@                  MX  10 mx1
@                  MX  20 mx2
mx1                A   192.0.2.1
mx1                AAAA 2001:db8::1
mx2                A   192.0.2.2
@                  TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.mail.example -all"
_spf               TXT "v=spf1 a mx ip6:2001:db8::/32 ~all"
_dmarc             TXT "v=DMARC1; p=reject; rua=mailto:dmarc@mail.example; adkim=s"
default._domainkey TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqh4z9KRO/MeqxEyNYI2dAX0yOuDWQAldxb884WrDooAdVP+aHLFEheqslSc2zcV9VeFbnzKXSdGFE+bLtv8sHbvDaEn2SE6HjmIdOgR003UUXRRaYUwDvmrB4DLUnCreZCxm0BHikYq/QJ/ZzLw6nU2bVnur" "6SxSA8MrB5Io6upPtCNFqTRLOf0Wdz9BEoPjseTgPjtAu9QaO0x/WR8vax9m8YOQtc8fUyuT7r0NJn0shyKp1ZEnU6LVw+0G2Ca0XbDpT9GvzDb8K6oyCHXqCU3wyyEJJwApSU9TR4N/wQtMVyvtWtWX1C7aZRIs/GsPuBxW/VC9pBNtxDMoWCOKHwIDAQAB"
_mta-sts           TXT "v=STSv1; id=20260101T000000"
_smtp._tls         TXT "v=TLSRPTv1; rua=mailto:tls@mail.example"
default._bimi      TXT "v=BIMI1; l=https://mail.example/logo.svg"
@                  DS  2371 13 2 1f5a9c3e7b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a
_25._tcp.mx1       TLSA 3 1 1 845f5365118daaa4d38f76739fe7c12b9d813e271f7b1740f28852e7f3f0a567
_submissions._tcp  SRV 0 1 465 mx1
_imaps._tcp        SRV 0 1 993 mx1
`
