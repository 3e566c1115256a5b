// Package dohtest lets tests reach an in-process DoH server (httptest) from
// wasm builds, where doh.FetchTransport cannot: Go's js network is only
// reachable through net/http's own client, which the real wasm builds never
// link. Only tests import this package.
package dohtest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/mxplain/mxplain/doh"
)

// Transport returns a doh.Transport that sends its requests to ts with the
// server's own client.
func Transport(ts *httptest.Server) doh.Transport { return transport{ts.Client()} }

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
	return &doh.HTTPResponse{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}
