//go:build !js

package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh/zoneserver"
)

// hostileDoH is a DoH server on loopback answering from doh/zoneserver's
// hostile zone, with a fault for each name below hostile.example whose
// first label names it (redirect.hostile.example, huge.hostile.example, …).
// It counts the requests per URL and the body octets it wrote.
type hostileDoH struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string]int
	written  int64
}

func startHostileDoH(t *testing.T) *hostileDoH {
	t.Helper()
	var faults []zoneserver.Fault
	for _, k := range []zoneserver.FaultKind{zoneserver.FaultRedirect, zoneserver.FaultHuge, zoneserver.FaultTrickle} {
		faults = append(faults, zoneserver.Fault{Name: string(k) + ".hostile.example.", Kind: k},
			zoneserver.Fault{Name: "*." + string(k) + ".hostile.example.", Kind: k})
	}
	srv, err := zoneserver.LoadDir("../doh/zoneserver/testdata/hostile", zoneserver.Options{Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	h := &hostileDoH{requests: map[string]int{}}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.requests[r.URL.RequestURI()]++
		h.mu.Unlock()
		srv.ServeHTTP(hostileWriter{w, h}, r)
	}))
	t.Cleanup(h.Close)
	return h
}

type hostileWriter struct {
	http.ResponseWriter
	h *hostileDoH
}

func (w hostileWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.h.mu.Lock()
	w.h.written += int64(n)
	w.h.mu.Unlock()
	return n, err
}

func (w hostileWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// reset returns the requests made, the most made for one URL and the
// octets written since the last reset, and starts counting again.
func (h *hostileDoH) reset() (requests, most int, written int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, n := range h.requests {
		requests += n
		most = max(most, n)
	}
	written = h.written
	h.requests, h.written = map[string]int{}, 0
	return requests, most, written
}

// lookupTimeout is the Worker's lookup deadline here: long enough that a
// Worker reading huge bodies whole would write far more than the socket
// buffers a cut body leaves (the bodies are written while the lookup runs).
const lookupTimeout = 6 * time.Second

// The Worker's fetch transport under workerd, against a hostile resolver
// (issue 11): a redirect is refused, never followed (fetch follows 20); a
// huge body is cut once past the cap, not read whole; a trickling body ends
// at the lookup's deadline.
func TestWorkerHostileDoH(t *testing.T) {
	h := startHostileDoH(t)
	s := startWorkerWith(t, h.URL+zoneserver.Path, lookupTimeout.String())
	lookup := func(t *testing.T, domain string) (string, time.Duration) {
		t.Helper()
		h.reset()
		start := time.Now()
		resp, err := http.Get(s.URL + "/api/v1/lookup?domain=" + domain)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("lookup %s: %d %v\n%s", domain, resp.StatusCode, err, body)
		}
		return string(body), time.Since(start)
	}
	t.Run("redirect", func(t *testing.T) {
		body, _ := lookup(t, "redirect.hostile.example")
		_, most, _ := h.reset()
		if most != 1 || !strings.Contains(body, "redirect refused") {
			t.Errorf("a URL asked %d times (want 1); report says %q about redirects", most, excerpt(body, "redirect"))
		}
	})
	t.Run("huge", func(t *testing.T) {
		before := workerdRSS(s.URL)
		body, _ := lookup(t, "huge.hostile.example")
		time.Sleep(500 * time.Millisecond) // let the server see the cancelled streams
		requests, most, written := h.reset()
		t.Logf("%d MB written to the Worker for %d requests; workerd's RSS %d MB before, %d MB after",
			written>>20, requests, before>>20, workerdRSS(s.URL)>>20)
		if most != 1 || !strings.Contains(body, "larger than") {
			t.Errorf("a URL asked %d times (want 1); report says %q", most, excerpt(body, "larger"))
		}
		// Each request may fill loopback socket buffers before the Worker
		// cancels it; reading whole bodies would be HugeSize each.
		if written > zoneserver.HugeSize/2 {
			t.Errorf("%d MB written: the Worker read the bodies on", written>>20)
		}
	})
	// What the zone holds (doh/zoneserver/testdata/hostile): a cut is said
	// and the report is partial, never cached as complete; control bytes
	// from DNS reach the JSON escaped.
	for name, tc := range map[string]struct {
		domain, want string // want: in the report's JSON
		partial      bool   // the cut makes the report partial: not cached
	}{
		"cname loop":    {"loop.hostile.example", `"kind":"rcode"`, true},
		"1000 mx":       {"manymx.hostile.example", `"code":"report.mx.hosts_cut"`, true},
		"control bytes": {"ctl.hostile.example", `\u001b[2J\u0007`, false},
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := http.Get(s.URL + "/api/v1/lookup?domain=" + tc.domain)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("lookup %s: %d %v\n%s", tc.domain, resp.StatusCode, err, body)
			}
			if !strings.Contains(string(body), tc.want) {
				t.Errorf("report has no %s: %s", tc.want, excerpt(string(body), "errors"))
			}
			if strings.ContainsAny(string(body), "\x1b\x07") {
				t.Error("raw control bytes in the JSON")
			}
			if tc.partial && resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q for a partial report, want no-store", resp.Header.Get("Cache-Control"))
			}
		})
	}
	t.Run("trickle", func(t *testing.T) {
		_, took := lookup(t, "trickle.hostile.example")
		if took > lookupTimeout+4*time.Second {
			t.Errorf("lookup took %v against a trickling resolver", took)
		}
	})
}

// workerdRSS returns the resident memory of the workerd processes started
// by the wrangler dev serving url (0 where /proc cannot tell).
func workerdRSS(url string) int64 {
	port := url[strings.LastIndex(url, ":")+1:]
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var rss int64
	for _, p := range procs {
		if comm, _ := os.ReadFile(p + "/comm"); strings.TrimSpace(string(comm)) != "workerd" || !startedBy(p, "--port\x00"+port+"\x00") {
			continue
		}
		status, _ := os.ReadFile(p + "/status")
		for _, line := range strings.Split(string(status), "\n") {
			if kb, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 10, 64)
				rss += n << 10
			}
		}
	}
	return rss
}

// startedBy reports whether an ancestor of the process at /proc/PID has
// arg in its command line.
func startedBy(proc, arg string) bool {
	for range 10 {
		stat, err := os.ReadFile(proc + "/stat")
		if err != nil {
			return false
		}
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) < 2 || fields[1] == "0" {
			return false
		}
		proc = "/proc/" + fields[1]
		if cmd, _ := os.ReadFile(proc + "/cmdline"); strings.Contains(string(cmd), arg) {
			return true
		}
	}
	return false
}

// excerpt returns the text around the first occurrence of word in s.
func excerpt(s, word string) string {
	i := strings.Index(s, word)
	if i < 0 {
		return fmt.Sprintf("nothing (%d bytes)", len(s))
	}
	return s[max(0, i-80):min(len(s), i+80)]
}
