package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/web/api"
	"github.com/mxplain/mxplain/web/api/apitest"
)

// builtPage is a page with its wasm, as `make build` makes it: serve's
// tests use it whether or not static/gen holds a build.
var builtPage = fstest.MapFS{
	"index.html":       {Data: []byte(`<!doctype html><meta name="mxplain-resolver" content="{{resolver}}"><script src="/app.js"></script>`)},
	"app.js":           {Data: []byte(`"use strict";`)},
	"gen/explain.wasm": {Data: []byte("\x00asm\x01\x00\x00\x00")},
	"gen/lookup.wasm":  {Data: []byte("\x00asm\x01\x00\x00\x00lookup")},
	"gen/wasm_exec.js": {Data: []byte(`"use strict";`)},
}

func TestMain(m *testing.M) {
	pageAssets = builtPage
	os.Exit(m.Run())
}

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
	base, _ := startServeCtx(t, args...)
	return base
}

// startServeCtx is startServe that also returns how to stop the server
// early; the test's cleanup then checks that serve ended well.
func startServeCtx(t *testing.T, args ...string) (string, context.CancelFunc) {
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
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	return "http://" + addr, cancel
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
		"healthz": {path: "/healthz", wantStatus: 200, wantType: "application/json; charset=utf-8", wantBody: `"status":"ok"`},
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

// TestServeCurl: the curl commands people try first work against serve,
// and curl speaks h2c to it.
func TestServeCurl(t *testing.T) {
	base := startServe(t)
	apitest.Curl(t, base)
	out, err := exec.Command("curl", "-sS", "--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version}", base+"/healthz").CombinedOutput()
	if err != nil || string(out) != "2" {
		t.Errorf("curl --http2-prior-knowledge: %q, %v; want HTTP version 2", out, err)
	}
}

// TestServeHealthz: /healthz answers the API's form, as the Worker does,
// with whether the page has its wasm.
func TestServeHealthz(t *testing.T) {
	base := startServe(t, "--zones", "../../web/api/apitest/testdata/zones")
	resp, body := get(t, base+"/healthz")
	var h api.Health
	if err := json.Unmarshal([]byte(body), &h); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %s: %v", resp.StatusCode, body, err)
	}
	if h.Status != "ok" || h.Version != buildVersion() || h.Resolver != base+"/dns-query" || h.Wasm == nil || !*h.Wasm {
		t.Errorf("healthz = %s, want status ok, version %q, resolver %s/dns-query, wasm true", body, buildVersion(), base)
	}
}

// TestServeH2C: serve speaks HTTP/2 without TLS (h2c) as well as HTTP/1.1,
// on every path: the page, the API and the DoH resolver.
func TestServeH2C(t *testing.T) {
	base := startServe(t, "--zones", "../../web/api/apitest/testdata/zones")
	q := new(dns.Msg)
	q.SetQuestion("good.test.", dns.TypeMX)
	q.Id = 0
	wire, err := q.Pack()
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{Protocols: new(http.Protocols)}
	tr.Protocols.SetUnencryptedHTTP2(true)
	h2c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	defer tr.CloseIdleConnections()
	for _, path := range []string{"/", "/healthz", "/api/v1/explain?record=v%3Dspf1+-all", "/dns-query?dns=" + base64.RawURLEncoding.EncodeToString(wire)} {
		resp, err := h2c.Get(base + path)
		if err != nil {
			t.Errorf("h2c GET %s: %v", path, err)
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.ProtoMajor != 2 {
			t.Errorf("h2c GET %s: %d over %s, want 200 over HTTP/2.0", path, resp.StatusCode, resp.Proto)
		}
	}
	resp, err := h2c.Post(base+"/api/v1/explain", "application/x-www-form-urlencoded", strings.NewReader("v=spf1 -all"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ProtoMajor != 2 {
		t.Errorf("h2c POST: %d over %s", resp.StatusCode, resp.Proto)
	}
	if resp, _ := get(t, base+"/healthz"); resp.ProtoMajor != 1 {
		t.Errorf("plain GET over %s, want HTTP/1.1", resp.Proto)
	}
}

// TestServeBodyDeadline: clients that trickle a request body are cut off at
// the read deadline, not held forever.
func TestServeBodyDeadline(t *testing.T) {
	defer func(d time.Duration) { bodyTimeout = d }(bodyTimeout)
	bodyTimeout = 500 * time.Millisecond
	base := startServe(t)
	addr := strings.TrimPrefix(base, "http://")
	const clients = 50
	var wg sync.WaitGroup
	errs := make(chan error, clients+1)
	for range clients {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			fmt.Fprintf(c, "POST /api/v1/explain HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nv=spf1 ", addr)
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			start := time.Now()
			_, err = io.ReadAll(c) // until the server closes the connection
			if err != nil {
				errs <- fmt.Errorf("after %v: %v (the connection is still held)", time.Since(start).Round(time.Millisecond), err)
			}
		})
	}
	// The same over HTTP/2 without TLS: the deadline holds per stream.
	wg.Go(func() {
		tr := &http.Transport{Protocols: new(http.Protocols)}
		tr.Protocols.SetUnencryptedHTTP2(true)
		defer tr.CloseIdleConnections()
		body, w := io.Pipe()
		defer w.Close()
		go w.Write([]byte("v=spf1 ")) // and nothing more
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/explain", body)
		req.ContentLength = 1000
		start := time.Now()
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if ctx.Err() != nil {
			errs <- fmt.Errorf("h2c: a trickled body is still held after %v (%v)", time.Since(start).Round(time.Millisecond), err)
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestServeShutdownGrace: a lookup in flight when serve is told to stop
// (slow.test's answers never come: the lookup runs to its deadline) still
// gets its answer, and serve ends well.
func TestServeShutdownGrace(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a lookup's deadline (8 s)")
	}
	base, stop := startServeCtx(t, "--zones", "../../web/api/apitest/testdata/zones")
	type answer struct {
		status int
		body   string
		err    error
	}
	done := make(chan answer, 1)
	start := time.Now()
	go func() {
		resp, err := http.Get(base + "/api/v1/lookup?domain=slow.test")
		if err != nil {
			done <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		done <- answer{resp.StatusCode, string(b), err}
	}()
	time.Sleep(500 * time.Millisecond)
	stop()
	a := <-done
	if a.err != nil || a.status != 200 || !strings.Contains(a.body, `"kind":"timeout"`) {
		t.Errorf("the lookup in flight: %d, %v, %.300s; want 200 and a report with timeouts", a.status, a.err, a.body)
	}
	if took := time.Since(start); took < api.DefaultTimeout {
		t.Errorf("the lookup took %v, want its whole deadline (%v): the test proves nothing", took, api.DefaultTimeout)
	}
}

// TestServeNoPage: with no wasm built into it, serve answers the API and
// says at / that the page is not built into this binary and how to get it.
func TestServeNoPage(t *testing.T) {
	defer func() { pageAssets = builtPage }()
	pageAssets = fstest.MapFS{"index.html": builtPage["index.html"], "app.js": builtPage["app.js"]}
	base := startServe(t)
	checkNoPage(t, base)
}

func checkNoPage(t *testing.T, base string) {
	t.Helper()
	resp, body := get(t, base+"/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(body, "has no page") || !strings.Contains(body, "git clone https://github.com/mxplain/mxplain") ||
		!strings.Contains(body, "make run") || !strings.Contains(body, "curl -d 'v=spf1 -all' "+base+"/api/v1/explain") {
		t.Errorf("GET / = %d %s:\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if resp, body := get(t, base+"/app.js"); resp.StatusCode != 404 || !strings.Contains(body, "make run") {
		t.Errorf("GET /app.js = %d %.100s, want 404 with the notice", resp.StatusCode, body)
	}
	if _, body := get(t, base+"/healthz"); !strings.Contains(body, `"wasm":false`) {
		t.Errorf("healthz = %s, want wasm false", body)
	}
	resp, err := http.Post(base+"/api/v1/explain", "application/x-www-form-urlencoded", strings.NewReader("v=spf1 -all"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the API: POST explain = %d, want 200", resp.StatusCode)
	}
}

// TestServeNoPageBinary builds mxplain as `go install` does from the module
// (static/gen without the wasm, whatever this checkout holds: an overlay
// hides a build) and runs `mxplain serve` from it.
func TestServeNoPageBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	gen, err := filepath.Abs("../../static/gen")
	if err != nil {
		t.Fatal(err)
	}
	hide := map[string]string{}
	filepath.Walk(gen, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && filepath.Base(p) != "README.md" {
			hide[p] = ""
		}
		return nil
	})
	dir := t.TempDir()
	overlay, _ := json.Marshal(map[string]any{"Replace": hide})
	if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "mxplain")
	build := exec.Command("go", "build", "-trimpath", "-overlay", filepath.Join(dir, "overlay.json"), "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	listening := regexp.MustCompile(`mxplain serve: (http://127\.0\.0\.1:\d+)/`)
	var said strings.Builder
	sc := bufio.NewScanner(stderr)
	base := ""
	for base == "" && sc.Scan() {
		said.WriteString(sc.Text() + "\n")
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("mxplain serve did not start:\n%s", said.String())
	}
	go io.Copy(io.Discard, stderr)
	if !strings.Contains(said.String(), "has no page") {
		t.Errorf("serve did not say at start that it has no page:\n%s", said.String())
	}
	checkNoPage(t, base)
}

// Paths under /api/ reach the API as they are and get its JSON answers, as
// from the Worker (which serves the API alone): not net/http's 307 to the
// cleaned path, in HTML.
func TestServeAPIPathsAsIs(t *testing.T) {
	base := startServe(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/api/v1//explain?record=v%3Dspf1+-all", "/api/v1/./lookup?domain=example.com", "/api/v1/x/../explain", "/api//v1/openapi.json", "/api"} {
		t.Run(path, func(t *testing.T) {
			resp, err := client.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 404 || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" || !strings.Contains(string(body), `"code":"not_found"`) {
				t.Errorf("%d %q %s; want the API's 404 in JSON", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
		})
	}
}
