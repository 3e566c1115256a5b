package stsfetch_test

import (
	"testing"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/internal/stsfetch"
)

const zoneText = `
$ORIGIN example.com.
$TTL 300
@               SOA ns hostmaster 1 7200 3600 1209600 300
mta-sts.good    A     93.184.215.14
mta-sts.good    AAAA  2606:2800:21f:cb07::1
mta-sts.loop    A     127.0.0.1
mta-sts.private AAAA  fd12::1
mta-sts.mixed   A     93.184.215.14
mta-sts.mixed   A     10.0.0.7
mta-sts.meta    CNAME metadata.cloud.example.com.
metadata.cloud  A     169.254.169.254
mta-sts.none    TXT   "no address"
mta-sts.v6only  AAAA  2606:2800:21f:cb07::1
`

func TestCheckResolved(t *testing.T) {
	store, err := zone.Parse(zoneText, "example.com.zone")
	if err != nil {
		t.Fatal(err)
	}
	for host, kind := range map[string]string{
		"mta-sts.good.example.com":    "",
		"mta-sts.v6only.example.com":  "",
		"mta-sts.loop.example.com":    stsfetch.KindRefused,
		"mta-sts.private.example.com": stsfetch.KindRefused,
		"mta-sts.mixed.example.com":   stsfetch.KindRefused, // one private address is enough
		"mta-sts.meta.example.com":    stsfetch.KindRefused, // through a CNAME
		"mta-sts.none.example.com":    stsfetch.KindTransport,
		"mta-sts.nx.example.com":      stsfetch.KindTransport,
		"mta-sts.example.org":         stsfetch.KindTransport, // the store refuses: a failed query
	} {
		t.Run(host, func(t *testing.T) {
			err := stsfetch.CheckResolved(t.Context(), store, host)
			if kindOf(err) != kind {
				t.Fatalf("CheckResolved(%s) = %v, want kind %q", host, err, kind)
			}
			t.Log(err)
		})
	}
}
