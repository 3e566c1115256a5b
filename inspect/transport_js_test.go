//go:build js && wasm

package inspect_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/mxplain/mxplain/doh"
)

// transport returns a net/http transport talking to ts over Go's in-process
// js network: doh.FetchTransport cannot reach it.
func transport(ts *httptest.Server) doh.Transport { return testTransport{ts.Client()} }

type testTransport struct{ client *http.Client }

func (t testTransport) Get(ctx context.Context, url string) (*doh.HTTPResponse, error) {
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
