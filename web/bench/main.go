//go:build !js

// Command bench measures `mxplain serve` under load, on loopback only: its
// memory (RSS, from /proc) under 64 concurrent large explanations and after
// a run that tries to fill its lookup cache, and the throughput and latency
// (p50, p99) of explain and lookup at concurrency 1, 16 and 64. It starts
// the binary given (-bin, default bin/mxplain), resolving through a DoH
// server of its own on https://127.0.0.1 (doh/zoneserver, answering from
// web/api/apitest's fixture zones and from fill.test, a zone of 300
// domains each with a 63 KB SPF record). Every run is bounded in count and
// time. Prints a Markdown table (BENCHMARKS.md). Linux only (/proc).
//
//	make bench-serve
//	go run ./web/bench -bin bin/mxplain
package main

import (
	"bufio"
	"context"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/web/api/apitest"
)

// fillDomains is how many domains of fill.test the cache-filling run looks
// up: their reports add up to far more than the cache's 64 MiB bound.
const fillDomains = 300

func main() {
	bin := flag.String("bin", "bin/mxplain", "the mxplain binary to run")
	runTime := flag.Duration("time", 4*time.Second, "how long each throughput run lasts at most")
	flag.Parse()
	if err := run(*bin, *runTime); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(bin string, runTime time.Duration) error {
	store, err := apitest.Store()
	if err != nil {
		return err
	}
	store.Add(fillZone()...)
	var queries atomic.Int64
	doh := zoneserver.New(store, zoneserver.Options{})
	dohServer := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries.Add(1)
		doh.ServeHTTP(w, r)
	}))
	dohServer.EnableHTTP2 = true // as public resolvers: the DoH client multiplexes its queries
	dohServer.StartTLS()
	defer dohServer.Close()
	// serve takes an https resolver (or its own --zones, whose zones would
	// count in its memory): it trusts the test server's certificate alone.
	ca, err := os.CreateTemp("", "mxplain-bench-*.pem")
	if err != nil {
		return err
	}
	defer os.Remove(ca.Name())
	pem.Encode(ca, &pem.Block{Type: "CERTIFICATE", Bytes: dohServer.Certificate().Raw})
	ca.Close()

	s, err := start(bin, dohServer.URL+zoneserver.Path, ca.Name())
	if err != nil {
		return err
	}
	defer s.stop()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}

	fmt.Printf("`mxplain serve` (%s) on 127.0.0.1, %s, %d cores; the DoH server (TLS) runs in the benchmark's process on the same cores\n\n", bin, time.Now().UTC().Format("2 Jan 2006"), numCPU())
	fmt.Println("| what | value |")
	fmt.Println("|---|---|")
	rss, _ := s.memory()
	fmt.Printf("| RSS at start | %s |\n", mb(rss))

	// 64 concurrent large explanations: 64 KiB bodies of SPF terms.
	large := "v=spf1 " + strings.Repeat("ip4:192.0.2.1 ", (64<<10-16)/14) + "-all"
	st := load(client, 64, 64, time.Minute, func(int) (*http.Request, error) {
		return http.NewRequest("POST", s.base+"/api/v1/explain", strings.NewReader(large))
	})
	rss, peak := s.memory()
	fmt.Printf("| 64 concurrent 64 KiB explanations | %s; peak RSS %s, RSS after %s |\n", st.codes(), mb(peak), mb(rss))

	// The cache-filling run: 1000 domains with a 63 KB SPF record each.
	st = load(client, 16, fillDomains, 2*time.Minute, func(i int) (*http.Request, error) {
		return http.NewRequest("GET", fmt.Sprintf("%s/api/v1/lookup?domain=d%d.fill.test&selector=none", s.base, i), nil)
	})
	rss, peak = s.memory()
	fmt.Printf("| %d lookups of domains with a 63 KB SPF record (16 at once) | %s in %.1f s, answers of %s each (%s in all); peak RSS %s, RSS after %s |\n",
		fillDomains, st.codes(), st.wall.Seconds(), mb(st.bytes/int64(max(st.n, 1))), mb(st.bytes), mb(peak), mb(rss))

	// Throughput.
	small := "/api/v1/explain?record=" + "v%3Dspf1+ip4%3A192.0.2.0%2F24+include%3A_spf.example.com+-all"
	for _, c := range []int{1, 16, 64} {
		st := load(client, c, 1_000_000, runTime, func(int) (*http.Request, error) {
			return http.NewRequest("GET", s.base+small, nil)
		})
		fmt.Printf("| explain (GET, an 80-byte SPF record), concurrency %d | %s |\n", c, st)
	}
	for _, c := range []int{1, 16, 64} {
		var n atomic.Int64
		before := queries.Load()
		st := load(client, c, 1_000_000, runTime, func(int) (*http.Request, error) {
			// A new selector each time: a cache miss, a full lookup.
			return http.NewRequest("GET", fmt.Sprintf("%s/api/v1/lookup?domain=good.test&selector=x%d", s.base, n.Add(1)), nil)
		})
		fmt.Printf("| lookup of good.test (a cache miss, ~31 DoH queries each on loopback), concurrency %d | %s; %d DoH queries |\n", c, st, queries.Load()-before)
	}
	for _, c := range []int{1, 16, 64} {
		st := load(client, c, 1_000_000, runTime, func(int) (*http.Request, error) {
			return http.NewRequest("GET", s.base+"/api/v1/lookup?domain=good.test&selector=s1", nil)
		})
		fmt.Printf("| lookup of good.test from the cache, concurrency %d | %s |\n", c, st)
	}
	rss, peak = s.memory()
	fmt.Printf("| RSS at the end | %s (peak %s) |\n", mb(rss), mb(peak))
	return nil
}

// fillZone is fill.test: d0 … d999, each with a 63 KB SPF record (TXT
// strings of 255 bytes), and an MX each.
func fillZone() []dns.RR {
	soa, _ := dns.NewRR("fill.test. 3600 IN SOA ns1.fill.test. hostmaster.fill.test. 1 7200 3600 1209600 300")
	ns, _ := dns.NewRR("fill.test. 3600 IN NS ns1.test.")
	rrs := []dns.RR{soa, ns}
	value := "v=spf1 " + strings.Repeat("ip4:192.0.2.1 ", 63_000/14) + "-all"
	var txt []string
	for len(value) > 0 {
		n := min(255, len(value))
		txt, value = append(txt, value[:n]), value[n:]
	}
	for i := range fillDomains {
		name := fmt.Sprintf("d%d.fill.test.", i)
		rrs = append(rrs, &dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 3600}, Txt: txt})
		mx, _ := dns.NewRR(name + " 3600 IN MX 10 mx.example.com.")
		rrs = append(rrs, mx)
	}
	return rrs
}

// server is a running `mxplain serve`.
type server struct {
	cmd  *exec.Cmd
	base string
}

var listening = regexp.MustCompile(`mxplain serve: (http://127\.0\.0\.1:\d+)/`)

func start(bin, resolver, caFile string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--resolver", resolver)
	cmd.Env = append(os.Environ(), "SSL_CERT_FILE="+caFile)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd}
	sc := bufio.NewScanner(stderr)
	deadline := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	for s.base == "" && sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			s.base = m[1]
		}
	}
	if s.base == "" {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, errors.New(bin + " serve did not start")
	}
	go io.Copy(io.Discard, stderr)
	return s, nil
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// memory returns the process's resident set and its peak (VmRSS, VmHWM),
// in bytes.
func (s *server) memory() (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak
}

// stats are a run's results.
type stats struct {
	n     int
	wall  time.Duration
	lat   []time.Duration
	bytes int64          // of the answers' bodies
	byRes map[string]int // "200", "503", "error"
}

func (s stats) codes() string {
	keys := make([]string, 0, len(s.byRes))
	for k := range s.byRes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d × %s", s.byRes[k], k))
	}
	return strings.Join(parts, ", ")
}

func (s stats) String() string {
	if len(s.lat) == 0 {
		return "no request"
	}
	slices.Sort(s.lat)
	q := func(p float64) time.Duration { return s.lat[min(len(s.lat)-1, int(p*float64(len(s.lat))))] }
	return fmt.Sprintf("**%.0f req/s**, p50 %s, p99 %s (%s)", float64(s.n)/s.wall.Seconds(), ms(q(0.5)), ms(q(0.99)), s.codes())
}

// load sends at most total requests from c workers, for at most d.
func load(client *http.Client, c, total int, d time.Duration, req func(i int) (*http.Request, error)) stats {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var next atomic.Int64
	var mu sync.Mutex
	st := stats{byRes: map[string]int{}}
	start := time.Now()
	var wg sync.WaitGroup
	for range c {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= total {
					return
				}
				r, err := req(i)
				if err != nil {
					panic(err)
				}
				t0 := time.Now()
				res, n := "error", int64(0)
				if resp, err := client.Do(r); err == nil {
					n, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					res = strconv.Itoa(resp.StatusCode)
				}
				lat := time.Since(t0)
				mu.Lock()
				st.n++
				st.lat = append(st.lat, lat)
				st.byRes[res]++
				st.bytes += n
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	st.wall = time.Since(start)
	return st
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/1e6) }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func numCPU() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return max(1, strings.Count(string(b), "processor\t:"))
}
