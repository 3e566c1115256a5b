// Package dohtest lets tests reach an in-process DoH server (httptest) from
// wasm builds, where doh.FetchTransport cannot: Go's js network is only
// reachable through net/http's own client, which the real wasm builds never
// link. It also starts servers speaking h2c, as a DoH resolver on loopback
// may. Only tests import this package.
//
// For servers that misbehave (redirects, huge or trickling bodies, CNAME
// loops, 1000 MX, control bytes in TXT), use doh/zoneserver's faults and
// doh/zoneserver/testdata/hostile.
package dohtest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/mxplain/mxplain/doh"
)

// Transport returns a doh.Transport that sends its requests to ts with the
// server's own client. Like every doh.Transport it follows no redirect.
func Transport(ts *httptest.Server) doh.Transport {
	c := *ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return transport{&c}
}

type transport struct{ client *http.Client }

func (t transport) Get(ctx context.Context, url string) (*doh.HTTPResponse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", doh.MediaType)
	resp, err := t.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, doh.MaxResponseSize+1))
	if err != nil {
		return nil, err
	}
	return &doh.HTTPResponse{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		Age: resp.Header.Get("Age"), Location: resp.Header.Get("Location"), Body: body}, nil
}

// NewServer starts a server for h on loopback speaking HTTP/1.1 and h2c
// (HTTP/2 in clear text with prior knowledge, RFC 9113 §3.3), as
// `mxplain serve --zones` and Unbound's http-notls-downstream do. Close it
// when done.
func NewServer(h http.Handler) *httptest.Server {
	ts := httptest.NewUnstartedServer(h)
	ts.Config.Protocols = new(http.Protocols)
	ts.Config.Protocols.SetHTTP1(true)
	ts.Config.Protocols.SetUnencryptedHTTP2(true)
	ts.Start()
	return ts
}
