//go:build !js

// Command bench prints the Worker's published numbers (make -f
// worker/worker.mk worker-bench): the upload size wrangler would send (the
// wasm and its JavaScript glue, raw and gzip -9; the free plan allows 3 MB
// gzip), the cold start under workerd (wrangler dev) to the first response,
// warm request times, each beside the same request to mxplain's API handler
// run natively in this process (the ratio is the Worker's cost over native
// Go: on loopback, against a local DoH server, both are CPU time), and the
// DoH subrequests per lookup of the benchmark domains, counted on the DoH
// server's side. Run it from the repository
// root after worker-build.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mxplain/mxplain/web/api"
	"github.com/mxplain/mxplain/web/api/apitest"
	"github.com/mxplain/mxplain/worker/internal/devserver"
)

// freeUpload is the free plan's limit on a Worker's gzip-compressed size
// (Cloudflare's "3 MB", which wrangler counts in KiB).
const freeUpload = 3 << 20

// freeSubrequests is the free plan's limit on subrequests per request.
const freeSubrequests = 50

func main() {
	starts := flag.Int("starts", 3, "cold starts to measure (each restarts wrangler dev)")
	flag.Parse()
	if err := run(*starts); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(starts int) error {
	if err := devserver.Check("."); err != nil {
		return err
	}
	if err := upload(); err != nil {
		return err
	}
	d, err := apitest.NewDoH()
	if err != nil {
		return err
	}
	defer d.Server.Close()
	vars := map[string]string{"DOH_URL": d.URL(), "LOOKUP_TIMEOUT": "8s"}

	var cold, listen []time.Duration
	var s *devserver.Server
	for i := range starts {
		s, err = devserver.Start(context.Background(), devserver.Options{Root: ".", Vars: vars})
		if err != nil {
			return err
		}
		t0 := time.Now()
		if _, err := get(s.URL + "/healthz"); err != nil {
			s.Stop()
			return err
		}
		cold = append(cold, time.Since(t0))
		listen = append(listen, s.Listening.Sub(s.Started))
		if i < starts-1 {
			s.Stop()
		}
	}
	defer s.Stop()
	fmt.Printf("cold start: wrangler dev listening after %v (median of %d); first Worker response (wasm compile + Go start) %v (median; samples %v)\n",
		median(listen).Round(time.Millisecond), starts, median(cold).Round(time.Millisecond), rounded(cold))

	// The same API, native: a new handler for every lookup (no cache).
	newNative := func() (*httptest.Server, error) {
		h, err := api.New(api.Options{Resolver: d.URL(), Timeout: 8 * time.Second})
		if err != nil {
			return nil, err
		}
		return httptest.NewServer(h), nil
	}
	native, err := newNative()
	if err != nil {
		return err
	}
	defer native.Close()
	warm := func(url string) (time.Duration, error) {
		var ts []time.Duration
		for range 20 {
			t0 := time.Now()
			if _, err := get(url); err != nil {
				return 0, err
			}
			ts = append(ts, time.Since(t0))
		}
		return median(ts), nil
	}
	for _, w := range []struct{ name, path string }{
		{"static asset (no Worker: the baseline)", "/style.css"},
		{"healthz", "/healthz"},
		{"explain (SPF record)", "/api/v1/explain?record=v%3Dspf1%20ip4%3A192.0.2.0%2F24%20include%3A_spf.example.net%20~all"},
	} {
		t, err := warm(s.URL + w.path)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("warm %s: median %v over 20 requests", w.name, t.Round(100*time.Microsecond))
		if strings.HasPrefix(w.path, "/api/") {
			n, err := warm(native.URL + w.path)
			if err != nil {
				return err
			}
			line += fmt.Sprintf("; native %v: %.1f× native", n.Round(10*time.Microsecond), float64(t)/float64(n))
		}
		fmt.Println(line)
	}

	// A request's own cost under wrangler dev (about 20 ms, healthz's) hides
	// the explaining of one record: 40 records of 512 bytes make the
	// engine's CPU time the larger part, and the difference to healthz is
	// what the Worker spends explaining.
	big := strings.Repeat(spf512()+"\n", 40)
	post := func(url string) (time.Duration, error) {
		var ts []time.Duration
		for range 10 {
			t0 := time.Now()
			resp, err := http.Post(url+"/api/v1/explain", "text/plain", strings.NewReader(big))
			if err != nil {
				return 0, err
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				return 0, fmt.Errorf("POST explain: %d %v", resp.StatusCode, err)
			}
			ts = append(ts, time.Since(t0))
		}
		return median(ts), nil
	}
	workerBig, err := post(s.URL)
	if err != nil {
		return err
	}
	nativeBig, err := post(native.URL)
	if err != nil {
		return err
	}
	healthz, err := warm(s.URL + "/healthz")
	if err != nil {
		return err
	}
	fmt.Printf("explain 40 SPF records of 512 bytes (POST, %d KiB): median %v, healthz %v, so %v explaining; native %v: %.1f× native\n",
		len(big)/1024, workerBig.Round(100*time.Microsecond), healthz.Round(100*time.Microsecond), (workerBig - healthz).Round(100*time.Microsecond),
		nativeBig.Round(100*time.Microsecond), float64(workerBig-healthz)/float64(nativeBig))

	for _, q := range []string{"domain=good.test&selector=s1", "domain=big.test&selector=a,b,c,d,e,f,g,h,i,j"} {
		before := d.Queries()
		t0 := time.Now()
		body, err := get(s.URL + "/api/v1/lookup?" + q)
		if err != nil {
			return err
		}
		elapsed := time.Since(t0)
		var rep struct {
			Queries int `json:"queries"`
			Errors  []struct {
				Kind string `json:"kind"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(body, &rep); err != nil {
			return fmt.Errorf("lookup %s: %w", q, err)
		}
		n := d.Queries() - before
		fresh, err := newNative()
		if err != nil {
			return err
		}
		t0 = time.Now()
		_, err = get(fresh.URL + "/api/v1/lookup?" + q)
		nativeTime := time.Since(t0)
		fresh.Close()
		if err != nil {
			return err
		}
		fmt.Printf("lookup %s: %d subrequests at the DoH server (the report says %d; free plan limit %d), %d errors, %v; native %v: %.1f× native\n",
			q, n, rep.Queries, freeSubrequests, len(rep.Errors), elapsed.Round(time.Millisecond), nativeTime.Round(time.Millisecond), float64(elapsed)/float64(nativeTime))
		before = d.Queries()
		if _, err := get(s.URL + "/api/v1/lookup?" + q); err != nil {
			return err
		}
		fmt.Printf("  the same lookup again: %d subrequests (a complete report comes from the Cache API; a partial one is not kept)\n", d.Queries()-before)
	}
	return nil
}

// upload prints the size of what `wrangler deploy` uploads as the Worker
// (the page goes up separately as static assets).
func upload() error {
	var raw, gz int
	for _, f := range []string{"app.wasm", "worker.mjs", "runtime.mjs", "wasm_exec.js"} {
		b, err := os.ReadFile(filepath.Join("build", "worker", f))
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		raw += len(b)
		gz += buf.Len()
	}
	fmt.Printf("upload: %.2f MB raw, %.2f MB gzip -9 (%.0f KiB; free plan limit 3 MB = %d KiB: %.0f%% used)\n",
		float64(raw)/1e6, float64(gz)/1e6, float64(gz)/1024, freeUpload/1024, 100*float64(gz)/freeUpload)

	// wrangler's own count, from a dry run (no login, no network needed).
	out, err := os.MkdirTemp("", "mxplain-dry-run-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	bin, _ := filepath.Abs(filepath.Join("worker", "node_modules", ".bin"))
	cmd := exec.Command(filepath.Join(bin, "wrangler"), "deploy", "--dry-run", "--outdir", out)
	cmd.Dir = "worker"
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "WRANGLER_SEND_METRICS=false", "CI=1", "NO_COLOR=1")
	log, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("wrangler deploy --dry-run: %w\n%s", err, log)
	}
	for _, line := range strings.Split(string(log), "\n") {
		if strings.HasPrefix(line, "Total Upload") {
			fmt.Printf("upload as wrangler deploy --dry-run counts it: %s\n", strings.TrimSpace(line))
		}
	}
	return nil
}

func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d: %.300s", url, resp.StatusCode, body)
	}
	return body, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func rounded(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d.Round(time.Millisecond)
	}
	return out
}

// spf512 is a 512-byte SPF record of realistic terms, then ip4 networks
// (the page's benchmark uses the same one, e2e/bench.mjs).
func spf512() string {
	r := "v=spf1 mx a:mail.example.org include:_spf.example.net include:spf.protection.example.com"
	for i := 1; len(r)+len(" ip4:198.51.100."+strconv.Itoa(i))+40 <= 512; i++ {
		r += " ip4:198.51.100." + strconv.Itoa(i)
	}
	room := 512 - len(r) - len(" a:.example.org ~all")
	return r + " a:" + strings.Repeat("h", room) + ".example.org ~all"
}
