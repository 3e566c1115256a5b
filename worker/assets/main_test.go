package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mxplain/mxplain/web"
)

// TestHeadersPreload: the _headers file gives the pages (/, /embed and their
// files) the page handler's Link preload of their wasm, a file written beside
// it under that hashed name, and gives no other path a Link.
func TestHeadersPreload(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":       {Data: []byte(`<!doctype html><meta name="mxplain-wasm" content="/explain.wasm"><script src="/wasm_exec.js"></script>`)},
		"embed.html":       {Data: []byte(`<!doctype html><script type="module" src="/embed.js"></script>`)},
		"embed.js":         {Data: []byte(`const files = { wasm: "./explain.wasm" };`)},
		"gen/explain.wasm": {Data: []byte("\x00asm\x01\x00\x00\x00")},
		"gen/lookup.wasm":  {Data: []byte("\x00asm\x01\x00\x00\x00lookup")},
		"gen/wasm_exec.js": {Data: []byte("// go")},
	}
	out := t.TempDir()
	if err := write(out, web.Options{Assets: fsys}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]string{} // every rule's path → its Link
	path := ""
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "  Link: "); ok {
			links[path] = v
		} else if strings.HasPrefix(line, "/") {
			path = line
			links[path] = ""
		}
	}
	preload := regexp.MustCompile(`^</(explain\.[0-9a-f]{12}\.wasm)>; rel=preload; as=fetch; type="application/wasm"; crossorigin$`)
	pages := 0
	for p, link := range links {
		if p != "/" && p != "/embed" && !strings.HasSuffix(p, ".html") {
			if link != "" {
				t.Errorf("_headers: %s has Link %q, want none", p, link)
			}
			continue
		}
		pages++
		m := preload.FindStringSubmatch(link)
		if m == nil {
			t.Errorf("_headers: %s has Link %q, want the wasm's preload", p, link)
		} else if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
			t.Errorf("_headers: %s preloads %s, which is not written: %v", p, m[1], err)
		}
	}
	if pages != 5 { // /, /embed, /index.html, /embed.html and its hashed name
		t.Errorf("_headers has %d rules for pages, want 5: %s", pages, b)
	}
}
