package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/web/api/apitest"
)

// syncBuffer is a bytes.Buffer safe to write from the server's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs serve with args on a free port until the test ends.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	type result struct {
		status int
		err    error
	}
	done := make(chan result, 1)
	var stderr syncBuffer
	go func() {
		status, err := serve(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), io.Discard, &stderr, func(a string) { addrc <- a })
		done <- result{status, err}
	}()
	var addr string
	select {
	case addr = <-addrc:
	case r := <-done:
		cancel()
		t.Fatalf("serve ended before listening: %d %v\n%s", r.status, r.err, stderr.String())
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case r := <-done:
			if r.status != exitOK || r.err != nil {
				t.Errorf("serve after shutdown = %d, %v; want 0, nil", r.status, r.err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	return "http://" + addr
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp, string(body)
}

func TestServe(t *testing.T) {
	base := startServe(t, "--zones", "../../e2e/zones")
	tests := map[string]struct {
		path, wantType, wantBody string
		wantStatus               int
	}{
		"healthz": {path: "/healthz", wantStatus: 200, wantType: "application/json", wantBody: `"status":"ok"`},
		"page":    {path: "/", wantStatus: 200, wantType: "text/html; charset=utf-8", wantBody: `content="/dns-query"`},
		"missing": {path: "/nope", wantStatus: 404},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resp, body := get(t, base+tc.path)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if tc.wantType != "" && resp.Header.Get("Content-Type") != tc.wantType {
				t.Errorf("Content-Type = %q, want %q", resp.Header.Get("Content-Type"), tc.wantType)
			}
			if !strings.Contains(body, tc.wantBody) {
				t.Errorf("body does not contain %q:\n%s", tc.wantBody, body)
			}
		})
	}
	t.Run("dns-query", func(t *testing.T) {
		q := new(dns.Msg)
		q.SetQuestion("example.org.", dns.TypeMX)
		q.Id = 0
		wire, err := q.Pack()
		if err != nil {
			t.Fatal(err)
		}
		resp, body := get(t, base+"/dns-query?dns="+base64.RawURLEncoding.EncodeToString(wire))
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/dns-message" {
			t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		m := new(dns.Msg)
		if err := m.Unpack([]byte(body)); err != nil {
			t.Fatal(err)
		}
		if len(m.Answer) != 2 {
			t.Errorf("answer = %v, want the 2 MX records of e2e/zones", m.Answer)
		}
	})
}

func TestServeUsage(t *testing.T) {
	tests := map[string][]string{
		"bad zones":    {"--zones", "no/such/dir", "--addr", "127.0.0.1:0"},
		"bad resolver": {"--resolver", "http://insecure.example/dns-query", "--addr", "127.0.0.1:0"},
		"extra arg":    {"what"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			status, err := serve(context.Background(), args, io.Discard, io.Discard, nil)
			if status != exitUsage || err == nil {
				t.Errorf("serve(%q) = %d, %v; want %d and an error", args, status, err, exitUsage)
			}
		})
	}
}

// TestServeAPICases runs the API's conformance cases against mxplain serve:
// the same cases web/api's own test and the Worker's test run.
func TestServeAPICases(t *testing.T) {
	base := startServe(t, "--zones", "../../web/api/apitest/testdata/zones")
	apitest.Run(t, base, http.DefaultClient, nil)
}
