package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/realdns"
)

// mxplain is the CLI under test, built once by TestMain.
var mxplain string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "realdns-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	mxplain = filepath.Join(dir, "mxplain")
	build := exec.Command("go", "build", "-o", mxplain, "github.com/mxplain/mxplain/cmd/mxplain")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building mxplain:", err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixtures are the zone files the page's tests use.
const fixtures = "../zones"

// serveZones starts `mxplain serve --zones dir` on a free loopback port and
// returns its DoH endpoint.
func serveZones(t testing.TB, dir string) string {
	t.Helper()
	cmd := exec.Command(mxplain, "serve", "--addr", "127.0.0.1:0", "--zones", dir)
	realdns.DieWithParent(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	var log strings.Builder
	for lines.Scan() {
		line := lines.Text()
		log.WriteString(line + "\n")
		if u, ok := strings.CutPrefix(line, "mxplain serve: http://"); ok {
			go func() {
				for lines.Scan() {
				}
			}()
			return "http://" + strings.TrimSuffix(u, "/") + "/dns-query"
		}
	}
	t.Fatalf("mxplain serve --zones %s did not start:\n%s", dir, log.String())
	return ""
}

// startReal starts Knot behind Unbound on the zone files of dir.
func startReal(t testing.TB, dir string, opt realdns.Options) *realdns.Servers {
	t.Helper()
	s, err := realdns.Start(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the servers' logs:\n%s", s.Logs())
		}
		s.Close()
	})
	return s
}

// resolver is a DoH server the CLI can ask.
type resolver struct {
	name string   // for messages: "mxplain serve --zones" or "Knot+Unbound"
	url  string   // the DoH endpoint
	env  []string // the CLI's environment (SSL_CERT_FILE for Unbound's CA)
}

func serveResolver(t testing.TB, dir string) resolver {
	return resolver{name: "mxplain serve --zones", url: serveZones(t, dir), env: os.Environ()}
}

func realResolver(t testing.TB, dir string, opt realdns.Options) resolver {
	s := startReal(t, dir, opt)
	return resolver{name: "Knot+Unbound", url: s.URL, env: s.Env(os.Environ())}
}

// lookup runs `mxplain lookup --json` against r and returns the report and
// the exit status; stderr is returned for messages.
func lookup(r resolver, args ...string) (rep map[string]any, code int, stderr string, err error) {
	cmd := exec.Command(mxplain, append([]string{"lookup", "--json", "--resolver", r.url}, args...)...)
	cmd.Env = r.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code, err = exit.ExitCode(), nil
	}
	if err != nil {
		return nil, -1, errb.String(), err
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return nil, code, errb.String(), fmt.Errorf("mxplain lookup %s: exit %d, not a JSON report (%v): %s%s", strings.Join(args, " "), code, err, out.Bytes(), errb.Bytes())
	}
	return rep, code, errb.String(), nil
}

// normalise drops what legitimately differs between two resolvers
// answering from the same data (the time taken, TTLs: a cache counts them
// down) and puts every list in a canonical order (resolvers may order
// record sets as they like). It leaves out what is DNSSEC's: Unbound
// validates the signed fixtures and mxplain serve signs nothing, so the
// AD bits, the DNSSEC section and its findings differ by design
// (TestFixturesValidate and e2e/realdns.test.mjs check them), and so does
// the number of queries: a DNSKEY query is asked only when the DS answer
// proves nothing.
// dnssecKeys are the report's fields that say what the resolver validated.
var dnssecKeys = map[string]bool{"dnssec": true, "dnssec_label": true, "validated": true, "address_validated": true, "mx_validated": true, "queries": true}

func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if dnssecKeys[k] || k == "elapsed_ms" || k == "ttl" {
				continue
			}
			out[k] = normalise(x)
		}
		return out
	case []any:
		v = slices.DeleteFunc(slices.Clone(v), func(x any) bool {
			if line, ok := x.(string); ok { // a path step's line from the checklist
				return strings.HasPrefix(line, "DNSSEC: ")
			}
			f, ok := x.(map[string]any)
			code, _ := f["code"].(string)
			return ok && (strings.HasPrefix(code, "report.dnssec.") || f["part"] == "dnssec")
		})
		out := make([]any, len(v))
		keys := make([]string, len(v))
		for i, x := range v {
			out[i] = normalise(x)
		}
		idx := make([]int, len(v))
		for i := range idx {
			idx[i] = i
			b, _ := json.Marshal(out[i])
			keys[i] = string(b)
		}
		slices.SortFunc(idx, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
		sorted := make([]any, len(v))
		for i, j := range idx {
			sorted[i] = out[j]
		}
		return sorted
	}
	return v
}

// diff returns the first lines where two reports differ, or "".
func diff(a, b any) string {
	ja, _ := json.MarshalIndent(normalise(a), "", "  ")
	jb, _ := json.MarshalIndent(normalise(b), "", "  ")
	if bytes.Equal(ja, jb) {
		return ""
	}
	la, lb := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			lo, hi := max(0, i-3), min(i+4, len(la), len(lb))
			return fmt.Sprintf("line %d:\n  %s\nvs\n  %s", i+1, strings.Join(la[lo:hi], "\n  "), strings.Join(lb[lo:hi], "\n  "))
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(la), len(lb))
}

// sameFixtureLookups are lookups of the fixtures (e2e/zones) that must give
// the same report from both servers. partial.test is not among them: its
// failures are injected by mxplain serve's faults file (e2e/zones/faults),
// which a real server has no equivalent of.
var sameFixtureLookups = [][]string{
	{"--selector", "s2026", "shop.acme.test"},
	{"--selector", "s2026", "--ip", "192.0.2.5", "shop.acme.test"},   // pass through _spf
	{"--selector", "s2026", "--ip", "203.0.113.9", "shop.acme.test"}, // softfail through the provider
	{"--ip", "198.51.100.7", "--sender", "x@acme.test", "acme.test"}, // fail
	{"--selector", "x", "hostile.test"},                              // hostile text
	{"xn--bcher-kva.test"},                                           // an IDN
	{"bücher.test"},                                                  // its U-label
	{"nullmx.test"},                                                  // RFC 7505
	{"implicit.test"},                                                // no MX
	{"example.org"},                                                  // outside test.
	{"mail.example.net"},                                             // an empty non-terminal
	{"nothing.test"},                                                 // NXDOMAIN
	{"--ip", "2001:db8:10::1", "--helo", "mx.shop.acme.test", "acme.test"}, // IPv6
}

// TestSameReports: `mxplain lookup` gives the same reports, ordering and
// TTLs aside, whether it asks `mxplain serve --zones e2e/zones` or Knot
// behind Unbound serving the same files.
func TestSameReports(t *testing.T) {
	serve := serveResolver(t, fixtures)
	real := realResolver(t, fixtures, realdns.Options{Tmp: t.TempDir()})
	for _, args := range sameFixtureLookups {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			want, wantCode, wantErr, err := lookup(serve, args...)
			if err != nil {
				t.Fatal(err)
			}
			got, gotCode, gotErr, err := lookup(real, args...)
			if err != nil {
				t.Fatal(err)
			}
			if gotCode != wantCode {
				t.Errorf("exit status %d from %s (%s), %d from %s (%s)", gotCode, real.name, gotErr, wantCode, serve.name, wantErr)
			}
			if d := diff(got, want); d != "" {
				t.Errorf("the reports differ, %s vs %s, at %s", real.name, serve.name, d)
			}
			if errs, _ := got["errors"].([]any); len(errs) > 0 {
				t.Errorf("queries failed through %s: %v", real.name, errs)
			}
		})
	}
}

// countingProxy passes TCP connections through to addr and counts them.
type countingProxy struct {
	addr  string // where it listens
	mu    sync.Mutex
	conns int
}

func newCountingProxy(t testing.TB, target string) *countingProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &countingProxy{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			p.conns++
			p.mu.Unlock()
			go func() {
				defer c.Close()
				u, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer u.Close()
				go io.Copy(u, c)
				io.Copy(c, u)
			}()
		}
	}()
	return p
}

func (p *countingProxy) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.conns
}

// TestColdBurst: a cold report sends its queries at once (MX, SPF, DMARC
// and the DKIM probes: over 20). The client must send them over one
// connection (HTTP/2 multiplexes), counted by a proxy in front of Unbound;
// and Unbound, with its default limit of 10 incoming TCP connections
// (incoming-num-tcp), must answer every query of 8 cold clients at once,
// which a client opening one connection per query makes it fail. Under
// such a load Unbound 1.17 now and then closes a connection (one it finds
// idle for 200 ms once over half its connections are taken, before the
// client's first request) or resets one: the client then sends the
// queries it lost once more on a new connection (doh.Client), which the
// report counts, so each query sent again may open one connection more.
func TestColdBurst(t *testing.T) {
	real := realResolver(t, fixtures, realdns.Options{Tmp: t.TempDir()})
	u, err := url.Parse(real.url)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCountingProxy(t, u.Host)
	u.Host = proxy.addr
	real.url = u.String()

	const clients = 8
	queries := make([]int, 1+clients)
	run := func(i int) {
		start := time.Now()
		rep, code, stderr, err := lookup(real, "--selector", "s2026", "shop.acme.test")
		if err != nil {
			t.Error(err)
			return
		}
		q, _ := rep["queries"].(float64)
		queries[i] = int(q)
		if q < 20 {
			t.Errorf("client %d: %v queries: not a burst", i, q)
		}
		if errs, _ := rep["errors"].([]any); len(errs) > 0 || code == 2 {
			t.Errorf("client %d: exit %d after %v, %d of %v queries failed against Unbound's default connection limits: %v\n%s", i, code, time.Since(start), len(errs), q, errs, stderr)
		}
	}
	run(0)
	alone := proxy.count()
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() { run(i + 1) })
	}
	wg.Wait()
	cold := slices.Min(queries) // a report's queries, none sent again
	again := make([]int, len(queries))
	for i, q := range queries {
		again[i] = q - cold
	}
	if again[0] > 0 || slices.Max(again[1:]) > 0 {
		t.Logf("queries sent again after a lost connection: %d alone, %v at once", again[0], again[1:])
	}
	if alone < 1 || alone > 1+again[0] {
		t.Errorf("one cold report opened %d connections to the resolver, sent %d queries again; want 1 (HTTP/2 multiplexes its queries), one more for each query sent again", alone, again[0])
	}
	retried := 0
	for _, a := range again[1:] {
		retried += a
	}
	if n := proxy.count() - alone; n < clients || n > clients+retried {
		t.Errorf("%d cold reports at once opened %d connections to the resolver, sent %d queries again; want %d, one more for each query sent again", clients, n, retried, clients)
	}
}
