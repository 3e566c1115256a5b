package static_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/static"
)

func ExampleFS() {
	page, err := fs.ReadFile(static.FS, "index.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(page), `<textarea id="record"`))
	// Output: true
}

// TestNoHTMLSinks keeps the page's script from writing HTML strings: record
// text must only ever reach the DOM as text (the CSP's Trusted Types would
// make such a write throw anyway).
func TestNoHTMLSinks(t *testing.T) {
	for name, js := range scripts(t) {
		for _, sink := range []string{".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if strings.Contains(js, sink) {
				t.Errorf("%s uses %s", name, sink)
			}
		}
	}
}

// scripts are the page's scripts (static.FS's *.js), by name.
func scripts(t *testing.T) map[string]string {
	t.Helper()
	names, err := fs.Glob(static.FS, "*.js")
	if err != nil || len(names) == 0 {
		t.Fatalf("no scripts in static.FS: %v", err)
	}
	out := map[string]string{}
	for _, name := range names {
		js, err := fs.ReadFile(static.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(js)
	}
	return out
}

// TestEmbedParsesAsClassicScript keeps embed.js loadable by a plain
// <script src> tag as well as by type="module": a classic script cannot use
// import.meta or import/export statements (e2e/embed.test.mjs loads it
// each way in chromium).
func TestEmbedParsesAsClassicScript(t *testing.T) {
	js, err := fs.ReadFile(static.FS, "embed.js")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(js), "\n") {
		code := strings.TrimSpace(line)
		if strings.HasPrefix(code, "//") {
			continue
		}
		if strings.Contains(code, "import.meta") || strings.HasPrefix(code, "import ") || strings.HasPrefix(code, "export ") {
			t.Errorf("embed.js:%d is module-only syntax: %s", i+1, code)
		}
	}
}
