// Command assets writes the page as Workers static assets: every file the
// page handler (package web) serves, under its plain and its hashed name,
// and a _headers file giving each the headers the handler would send
// (Content-Security-Policy, caching, nosniff, …), read from the handler
// itself so the Worker's page and `mxplain serve`'s cannot drift apart.
// Cloudflare compresses assets on the fly, so the pre-compressed variants
// are not written.
//
//	go run ./worker/assets -o build/worker-assets
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mxplain/mxplain/web"
)

// headers are the response headers copied into _headers.
var headers = []string{"Content-Security-Policy", "Cross-Origin-Opener-Policy", "Cache-Control",
	"X-Content-Type-Options", "Referrer-Policy",
	// The pages' preload of their engine.
	"Link",
	// The embeddable element's files, loaded by pages of other origins.
	"Access-Control-Allow-Origin", "Cross-Origin-Resource-Policy"}

func main() {
	out := flag.String("o", "build/worker-assets", "output folder (emptied first)")
	flag.Parse()
	if err := write(*out, web.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// write writes the assets of the page handler with options opt to out.
func write(out string, opt web.Options) error {
	assets, err := web.Assets(opt)
	if err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	h, err := web.New(opt)
	if err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	if !web.WasmBuilt(h) {
		return fmt.Errorf("assets: the page's wasm is not built: run `make wasm` (or `make build`) first")
	}
	if err := os.RemoveAll(out); err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	var rules bytes.Buffer
	// /embed is embed.html (the iframe form of the embeddable element),
	// served by the assets' html_handling; it needs only its headers rule.
	paths := []string{"/", "/embed"}
	for _, a := range assets {
		paths = append(paths, "/"+a.Name)
		// index.html is only ever asked for as /: its hashed name is
		// never linked.
		if a.Hashed != "" && a.Hashed != a.Name && a.Name != "index.html" {
			paths = append(paths, "/"+a.Hashed)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p, nil))
		if w.Code != http.StatusOK {
			return fmt.Errorf("assets: the page handler answers %s with %d", p, w.Code)
		}
		if p != "/" && p != "/embed" {
			file := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(p, "/")))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				return fmt.Errorf("assets: %w", err)
			}
			if err := os.WriteFile(file, w.Body.Bytes(), 0o644); err != nil {
				return fmt.Errorf("assets: %w", err)
			}
		}
		fmt.Fprintln(&rules, p)
		for _, k := range headers {
			if v := w.Header().Get(k); v != "" {
				fmt.Fprintf(&rules, "  %s: %s\n", k, v)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(out, "_headers"), rules.Bytes(), 0o644); err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	fmt.Printf("assets: %d paths in %s\n", len(paths), out)
	return nil
}
