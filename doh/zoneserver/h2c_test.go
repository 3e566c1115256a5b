//go:build !js

package zoneserver_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/internal/dohtest"
)

// The server answers over h2c and HTTP/1.1 alike when its http.Server
// speaks both (as `mxplain serve --zones` does); doh's default client
// speaks h2c to it.
func TestH2C(t *testing.T) {
	srv, err := zoneserver.LoadDir("testdata/hostile", zoneserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var protos []string
	ts := dohtest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		protos = append(protos, r.Proto)
		srv.ServeHTTP(w, r)
	}))
	defer ts.Close()
	http1 := &http.Client{Transport: &http.Transport{}}
	for _, tr := range []doh.Transport{doh.HTTPTransport{}, doh.HTTPTransport{Client: http1}} {
		c, err := doh.New(ts.URL+zoneserver.Path, doh.Options{Transport: tr})
		if err != nil {
			t.Fatal(err)
		}
		r, err := c.Query(context.Background(), "manymx.hostile.example", dns.TypeMX)
		if err != nil || len(r.Records()) != 1000 {
			t.Fatalf("%v, %v", r, err)
		}
	}
	if !slices.Equal(protos, []string{"HTTP/2.0", "HTTP/1.1"}) {
		t.Errorf("protocols %q, want HTTP/2.0 (default client) then HTTP/1.1", protos)
	}
}
