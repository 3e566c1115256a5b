package api_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/web/api"
)

const testPolicy = "version: STSv1\nmode: testing\nmx: *.example.com\nmax_age: 86400\n"

// TestPolicyUnavailable: without a fetcher the endpoint says so (501), and
// still refuses what it would never fetch (400).
func TestPolicyUnavailable(t *testing.T) {
	h, err := api.New(api.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]struct {
		status     int
		code, kind string
	}{
		"domain=example.com": {501, api.CodeUnavailable, api.KindUnavailable},
		"domain=10.0.0.1":    {400, api.CodeBadDomain, "refused"},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", api.PolicyPath+"?"+query, nil))
		var e api.PolicyError
		if json.Unmarshal(w.Body.Bytes(), &e) != nil || w.Code != want.status || e.Error.Code != want.code || e.Error.Kind != want.kind {
			t.Errorf("GET %s?%s = %d %s, want %d %s/%s", api.PolicyPath, query, w.Code, w.Body, want.status, want.code, want.kind)
		}
	}
}

// TestPolicyBusy: a policy fetch takes a lookup's turn.
func TestPolicyBusy(t *testing.T) {
	h, err := api.New(api.Options{Policy: fakePolicy{}})
	if err != nil {
		t.Fatal(err)
	}
	release := h.Hold("lookup")
	defer release()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", api.PolicyPath+"?domain=example.com", nil))
	if w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Errorf("busy: %d %v %s, want 503 with Retry-After", w.Code, w.Header(), w.Body)
	}
}

// fakePolicy answers policies without the network: testPolicy for any
// domain, and with failures the failures the OpenAPI document shows, by
// domain.
type fakePolicy struct{ failures bool }

// kindError is an error with a kind, as a fetcher's.
type kindError struct{ kind, msg string }

func (e kindError) Error() string { return e.msg }
func (e kindError) Kind() string  { return e.kind }

func (f fakePolicy) FetchPolicy(_ context.Context, domain string) (*stsfetch.PolicyFile, error) {
	url := stsfetch.URL(stsfetch.HostPrefix + domain)
	if f.failures {
		switch domain {
		case "private.example.com":
			return nil, kindError{stsfetch.KindRefused, "stsfetch: " + url + ": address 10.0.0.1 is a private address"}
		case "redirect.example.com":
			return nil, kindError{stsfetch.KindRedirect, "stsfetch: " + url + `: HTTP 301, a redirect to "https://example.com/": RFC 8461 §3.3 forbids following it`}
		case "slow.example.com":
			return nil, kindError{stsfetch.KindTimeout, "stsfetch: " + url + ": no complete answer in time: context deadline exceeded"}
		case "static.example.com":
			return nil, kindError{api.KindUnavailable, "this server does not fetch MTA-STS policies"}
		}
	}
	return &stsfetch.PolicyFile{URL: url, ContentType: "text/plain; charset=utf-8", Body: testPolicy}, nil
}
