//go:build !js

package doh

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// HTTPTransport is a Transport using net/http (not in js/wasm builds).
type HTTPTransport struct {
	// Client sends the requests; nil means a client with a 30 s timeout.
	Client *http.Client
}

var defaultHTTPClient = &http.Client{Timeout: 30 * time.Second}

func defaultTransport() Transport { return HTTPTransport{} }

// Get sends a GET accepting application/dns-message and reads at most
// MaxResponseSize+1 bytes of the body.
func (t HTTPTransport) Get(ctx context.Context, url string) (*HTTPResponse, error) {
	client := t.Client
	if client == nil {
		client = defaultHTTPClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("doh: new request: %w", err)
	}
	req.Header.Set("Accept", MediaType)
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("doh: get: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseSize+1))
	if err != nil {
		return nil, fmt.Errorf("doh: read body: %w", err)
	}
	return &HTTPResponse{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}
