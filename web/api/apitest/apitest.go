// Package apitest holds the API's conformance cases (cases.json) and runs
// them against a base URL, so that the same assertions check the native
// handler (httptest, in package api's tests) and the built Cloudflare Worker
// under wrangler dev (worker/'s tests). It also starts the DoH server those
// runs resolve through: doh/zoneserver answering from the zones in
// testdata/zones, on loopback, counting the queries it receives.
package apitest

import (
	"bytes"
	"context"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
)

//go:embed cases.json testdata/zones
var files embed.FS

// LookupTimeout is the lookup deadline the API under test must be given:
// the case "lookup stops at its deadline" waits that long.
const LookupTimeout = "2s"

// Case is one request and what its answer must be.
type Case struct {
	Name           string            `json:"name"`
	Method         string            `json:"method"` // default GET
	Path           string            `json:"path"`   // default /api/v1/explain; {{s*n}} repeats s n times
	Body           string            `json:"body"`   // {{s*n}} as in Path
	BodyHex        string            `json:"body_hex"`
	RequestHeaders map[string]string `json:"request_headers"`

	Status int `json:"status"`
	// Headers: each header's value must contain the string given.
	Headers map[string]string `json:"headers"`
	// JSON: the value at each dotted path ("records.0.type") must equal
	// the JSON value given.
	JSON map[string]any `json:"json"`
	// JSONLen: the array or object at each path has this many elements.
	JSONLen map[string]int `json:"json_len"`
	// JSONMax: the number at each path is at most this.
	JSONMax map[string]float64 `json:"json_max"`
	// JSONSomeContains: for each path with a "*" standing for any array
	// index ("errors.*.message"), some string there contains the string
	// given.
	JSONSomeContains map[string]string `json:"json_some_contains"`
	// JSONNonEmpty: the array or object at each path is not empty.
	JSONNonEmpty []string `json:"json_nonempty"`
	// NoQueries: the answer needed no DNS query (a cache hit).
	NoQueries bool `json:"no_queries"`
}

// Cases returns the cases of cases.json, in order.
func Cases() ([]Case, error) {
	b, err := files.ReadFile("cases.json")
	if err != nil {
		return nil, fmt.Errorf("apitest: %w", err)
	}
	var cs []Case
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("apitest: cases.json: %w", err)
	}
	return cs, nil
}

var repeat = regexp.MustCompile(`\{\{(.+?)\*(\d+)\}\}`)

// Expand replaces each {{s*n}} in s by s repeated n times.
func Expand(s string) string {
	return repeat.ReplaceAllStringFunc(s, func(m string) string {
		p := repeat.FindStringSubmatch(m)
		n, _ := strconv.Atoi(p[2])
		return strings.Repeat(p[1], n)
	})
}

// Request builds the case's request against base (no trailing slash).
func (c Case) Request(ctx context.Context, base string) (*http.Request, error) {
	method := c.Method
	if method == "" {
		method = http.MethodGet
	}
	p := c.Path
	if p == "" {
		p = "/api/v1/explain"
	}
	var body io.Reader
	switch {
	case c.BodyHex != "":
		b, err := hex.DecodeString(c.BodyHex)
		if err != nil {
			return nil, fmt.Errorf("apitest: %s: body_hex: %w", c.Name, err)
		}
		body = bytes.NewReader(b)
	case c.Body != "":
		body = strings.NewReader(Expand(c.Body))
	}
	req, err := http.NewRequestWithContext(ctx, method, base+Expand(p), body)
	if err != nil {
		return nil, fmt.Errorf("apitest: %s: %w", c.Name, err)
	}
	for k, v := range c.RequestHeaders {
		req.Header.Set(k, v)
	}
	return req, nil
}

// Check compares an answer with the case and returns every difference.
func (c Case) Check(status int, header http.Header, body []byte) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if status != c.Status {
		bad("status %d, want %d", status, c.Status)
	}
	for k, want := range c.Headers {
		if got := header.Get(k); !strings.Contains(got, want) {
			bad("header %s: %q, want it to contain %q", k, got, want)
		}
	}
	if status == http.StatusNoContent {
		return errs
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		bad("Content-Type %q, want application/json", ct)
	}
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		bad("body is not JSON: %v: %.200q", err, body)
		return errs
	}
	if status >= 400 {
		if msg, _ := At(doc, "error.message"); msg == nil || msg == "" {
			bad("error answer without error.message: %.300s", body)
		}
	}
	for p, want := range c.JSON {
		got, ok := At(doc, p)
		if !ok {
			bad("%s: absent, want %v", p, want)
			continue
		}
		if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
			bad("%s = %s, want %s", p, g, w)
		}
	}
	for p, want := range c.JSONLen {
		got, _ := At(doc, p)
		if n := length(got); n != want {
			bad("len(%s) = %d, want %d", p, n, want)
		}
	}
	for p, most := range c.JSONMax {
		got, _ := At(doc, p)
		if n, ok := got.(float64); !ok || n > most {
			bad("%s = %v, want a number at most %v", p, got, most)
		}
	}
	for p, want := range c.JSONSomeContains {
		found := false
		for _, got := range all(doc, strings.Split(p, ".")) {
			s, ok := got.(string)
			found = found || ok && strings.Contains(s, want)
		}
		if !found {
			bad("no %s contains %q", p, want)
		}
	}
	for _, p := range c.JSONNonEmpty {
		got, _ := At(doc, p)
		if length(got) < 1 {
			bad("%s is empty, want elements", p)
		}
	}
	return errs
}

func length(v any) int {
	switch v := v.(type) {
	case []any:
		return len(v)
	case map[string]any:
		return len(v)
	}
	return -1
}

// all returns every value at a path whose "*" elements stand for any index.
func all(v any, path []string) []any {
	if len(path) == 0 {
		return []any{v}
	}
	if arr, ok := v.([]any); ok && path[0] == "*" {
		var out []any
		for _, e := range arr {
			out = append(out, all(e, path[1:])...)
		}
		return out
	}
	next, ok := At(v, path[0])
	if !ok {
		return nil
	}
	return all(next, path[1:])
}

// At returns the value at a dotted path of a decoded JSON document.
func At(doc any, p string) (any, bool) {
	v := doc
	for _, k := range strings.Split(p, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// Run runs every case, in order, against the API at base with client;
// queries, when not nil, returns how many queries the DoH server received.
func Run(t *testing.T, base string, client *http.Client, queries func() int) {
	t.Helper()
	cases, err := Cases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			req, err := c.Request(t.Context(), base)
			if err != nil {
				t.Fatal(err)
			}
			before := 0
			if queries != nil {
				before = queries()
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range c.Check(resp.StatusCode, resp.Header, body) {
				t.Errorf("%s %s: %s", req.Method, c.Path, e)
			}
			if c.NoQueries && queries != nil {
				if n := queries() - before; n != 0 {
					t.Errorf("%d DoH queries, want none (a cache hit)", n)
				}
			}
			if t.Failed() {
				t.Logf("answer: %d %v\n%.2000s", resp.StatusCode, resp.Header, body)
			}
		})
	}
}

// DoH is the fixture resolver: zoneserver answering from testdata/zones.
type DoH struct {
	Server *httptest.Server
	n      atomic.Int64
}

// URL is the server's RFC 8484 endpoint.
func (d *DoH) URL() string { return d.Server.URL + zoneserver.Path }

// Queries returns how many DoH requests the server received.
func (d *DoH) Queries() int { return int(d.n.Load()) }

// Store returns the fixture zones.
func Store() (*zone.Store, error) {
	store := zone.New()
	err := fs.WalkDir(files, "testdata/zones", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path.Ext(p) != ".zone" {
			return err
		}
		f, err := files.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return store.Load(f, p)
	})
	if err != nil {
		return nil, fmt.Errorf("apitest: zones: %w", err)
	}
	return store, nil
}

// StartDoH starts the fixture resolver on loopback until the test ends.
func StartDoH(t testing.TB) *DoH {
	t.Helper()
	d, err := NewDoH()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Server.Close)
	return d
}

// NewDoH starts the fixture resolver on loopback; Close its Server.
func NewDoH() (*DoH, error) {
	store, err := Store()
	if err != nil {
		return nil, err
	}
	f, err := files.Open("testdata/zones/" + zoneserver.FaultsFile)
	if err != nil {
		return nil, fmt.Errorf("apitest: %w", err)
	}
	defer f.Close()
	faults, err := zoneserver.ParseFaults(f, "testdata/zones/"+zoneserver.FaultsFile)
	if err != nil {
		return nil, fmt.Errorf("apitest: %w", err)
	}
	srv := zoneserver.New(store, zoneserver.Options{Faults: faults})
	d := &DoH{}
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == zoneserver.Path {
			d.n.Add(1)
		}
		srv.ServeHTTP(w, r)
	}))
	return d, nil
}

// Curl runs the curl commands a person tries first against the API at base,
// with the curl of the machine (failing when there is none): `curl -d` (a
// form content type, the record raw), `--data-urlencode record=…` (a
// form), a JSON body and a zone file with `--data-binary @file`.
func Curl(t *testing.T, base string) {
	t.Helper()
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatalf("apitest: curl is not installed (Debian: apt-get install curl): %v", err)
	}
	zone := "example.com. 3600 IN MX 10 mail.example.com.\nexample.com. 3600 IN TXT \"v=spf1 mx -all\"\n"
	file := filepath.Join(t.TempDir(), "example.com.zone")
	if err := os.WriteFile(file, []byte(zone), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		args []string
		want string // the explained input
	}{
		"curl --data-binary @file": {[]string{"--data-binary", "@" + file}, zone},
		"curl -d":                  {[]string{"-d", "v=spf1 -all"}, "v=spf1 -all"},
		"curl -d a dmarc":          {[]string{"-d", "v=DMARC1; p=reject"}, "v=DMARC1; p=reject"},
		"curl --data-urlencode":    {[]string{"--data-urlencode", "record=v=spf1 +all"}, "v=spf1 +all"},
		"curl json":                {[]string{"-H", "Content-Type: application/json", "-d", `{"record": "v=spf1 ~all"}`}, "v=spf1 ~all"},
	} {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"-sS", "--max-time", "20", "-w", "\n%{http_code}"}, c.args...)
			out, err := exec.CommandContext(t.Context(), "curl", append(args, base+"/api/v1/explain")...).CombinedOutput()
			if err != nil {
				t.Fatalf("curl %q: %v\n%s", c.args, err, out)
			}
			text := strings.TrimSpace(string(out))
			i := strings.LastIndexByte(text, '\n')
			body, status := text[:max(i, 0)], text[i+1:]
			var exp struct {
				Input string `json:"input"`
			}
			if err := json.Unmarshal([]byte(body), &exp); err != nil || status != "200" || exp.Input != c.want {
				t.Errorf("curl %q: %s %.300s; want 200 explaining %q", c.args, status, body, c.want)
			}
		})
	}
}
