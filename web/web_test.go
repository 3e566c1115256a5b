package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

const page = `<!doctype html><meta name="mxplain-wasm" content="/explain.wasm">` +
	`<meta name="mxplain-resolver" content="{{resolver}}">` +
	`<script src="/wasm_exec.js"></script><script src="/app.js"></script>`

func sum(b string) string {
	s := sha256.Sum256([]byte(b))
	return hex.EncodeToString(s[:])
}

// assets returns a page; built adds the generated files, with a brotli
// variant of explain.wasm.
func assets(built bool) fstest.MapFS {
	fsys := fstest.MapFS{
		"index.html":    {Data: []byte(page)},
		"app.js":        {Data: []byte(strings.Repeat("console.log('mxplain');\n", 50))},
		"style.css":     {Data: []byte("body{}")},
		"static.go":     {Data: []byte("package static")},
		"gen/README.md": {Data: []byte("generated")},
	}
	if built {
		wasm := "\x00asm\x01\x00\x00\x00" + strings.Repeat("x", 100)
		fsys["gen/explain.wasm"] = &fstest.MapFile{Data: []byte(wasm)}
		fsys["gen/lookup.wasm"] = &fstest.MapFile{Data: []byte(wasm + "lookup")}
		fsys["gen/wasm_exec.js"] = &fstest.MapFile{Data: []byte("// go")}
		fsys["gen/z/"+sum(wasm)+".br"] = &fstest.MapFile{Data: []byte("BROTLI")}
		fsys["gen/z/"+sum(wasm)+".gz"] = &fstest.MapFile{Data: []byte("GZIP")}
	}
	return fsys
}

func newHandler(t *testing.T, opt Options) http.Handler {
	t.Helper()
	h, err := New(opt)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return h
}

func do(t *testing.T, h http.Handler, method, path string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestHandler(t *testing.T) {
	h := newHandler(t, Options{Assets: assets(true)})
	if !WasmBuilt(h) {
		t.Error("WasmBuilt = false with explain.wasm and wasm_exec.js present")
	}
	wasmHashed := "/explain." + sum("\x00asm\x01\x00\x00\x00" + strings.Repeat("x", 100))[:12] + ".wasm"
	tests := map[string]struct {
		method, path, acceptEncoding string
		wantStatus                   int
		wantType, wantEncoding       string
		wantCache                    string
		wantBody                     string // a substring
	}{
		"page": {path: "/", wantStatus: 200, wantType: "text/html; charset=utf-8", wantCache: "no-cache",
			wantBody: `content="` + DefaultResolver + `"`},
		"page names hashed wasm": {path: "/", wantStatus: 200, wantBody: `content="` + wasmHashed + `"`},
		"page gzip at start-up":  {path: "/", acceptEncoding: "gzip", wantStatus: 200, wantEncoding: "gzip"},
		"wasm plain name": {path: "/explain.wasm", wantStatus: 200, wantType: "application/wasm", wantCache: "no-cache",
			wantBody: "\x00asm"},
		"wasm hashed immutable": {path: wasmHashed, wantStatus: 200, wantType: "application/wasm",
			wantCache: "public, max-age=31536000, immutable"},
		"brotli preferred": {path: "/explain.wasm", acceptEncoding: "gzip, deflate, br", wantStatus: 200,
			wantEncoding: "br", wantBody: "BROTLI"},
		"brotli refused": {path: "/explain.wasm", acceptEncoding: "br;q=0, gzip", wantStatus: 200,
			wantEncoding: "gzip", wantBody: "GZIP"},
		"identity":             {path: "/explain.wasm", acceptEncoding: "identity", wantStatus: 200, wantBody: "\x00asm"},
		"css":                  {path: "/style.css", wantStatus: 200, wantType: "text/css; charset=utf-8"},
		"js":                   {path: "/app.js", wantStatus: 200, wantType: "text/javascript; charset=utf-8"},
		"go source not served": {path: "/static.go", wantStatus: 404},
		"readme not served":    {path: "/README.md", wantStatus: 404},
		"variants not served":  {path: "/z/", wantStatus: 404},
		"post":                 {method: "POST", path: "/", wantStatus: 405},
		"head":                 {method: "HEAD", path: "/app.js", wantStatus: 200, wantType: "text/javascript; charset=utf-8"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = "GET"
			}
			hd := map[string]string{}
			if tc.acceptEncoding != "" {
				hd["Accept-Encoding"] = tc.acceptEncoding
			}
			rec := do(t, h, method, tc.path, hd)
			res := rec.Result()
			if res.StatusCode != tc.wantStatus {
				t.Fatalf("status = %d, want %d; body %q", res.StatusCode, tc.wantStatus, rec.Body.String())
			}
			if tc.wantType != "" && res.Header.Get("Content-Type") != tc.wantType {
				t.Errorf("Content-Type = %q, want %q", res.Header.Get("Content-Type"), tc.wantType)
			}
			if got := res.Header.Get("Content-Encoding"); got != tc.wantEncoding {
				t.Errorf("Content-Encoding = %q, want %q", got, tc.wantEncoding)
			}
			if tc.wantCache != "" && res.Header.Get("Cache-Control") != tc.wantCache {
				t.Errorf("Cache-Control = %q, want %q", res.Header.Get("Cache-Control"), tc.wantCache)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
			if !strings.Contains(rec.Body.String(), tc.wantBody) {
				t.Errorf("body does not contain %q: %.200q", tc.wantBody, rec.Body.String())
			}
			if method == "HEAD" && rec.Body.Len() != 0 {
				t.Errorf("HEAD sent a body of %d bytes", rec.Body.Len())
			}
		})
	}
}

func TestPageGzipDecodes(t *testing.T) {
	h := newHandler(t, Options{Assets: assets(true), Resolver: "/dns-query"})
	rec := do(t, h, "GET", "/", map[string]string{"Accept-Encoding": "gzip"})
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(body, []byte(`content="/dns-query"`)) {
		t.Errorf("page does not name the resolver: %s", body)
	}
}

func TestETag(t *testing.T) {
	h := newHandler(t, Options{Assets: assets(true)})
	for _, enc := range []string{"", "br"} {
		first := do(t, h, "GET", "/explain.wasm", map[string]string{"Accept-Encoding": enc})
		etag := first.Result().Header.Get("ETag")
		if etag == "" {
			t.Fatalf("no ETag (encoding %q)", enc)
		}
		again := do(t, h, "GET", "/explain.wasm", map[string]string{"Accept-Encoding": enc, "If-None-Match": etag})
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: status %d with %d bytes, want 304 and none", etag, again.Code, again.Body.Len())
		}
	}
	br := do(t, h, "GET", "/explain.wasm", map[string]string{"Accept-Encoding": "br"}).Result().Header.Get("ETag")
	plain := do(t, h, "GET", "/explain.wasm", nil).Result().Header.Get("ETag")
	if br == plain {
		t.Errorf("brotli and identity share the ETag %s", br)
	}
}

func TestCSP(t *testing.T) {
	tests := map[string]struct {
		resolver string
		want     []string
		wantNot  []string
	}{
		"default": {want: []string{
			"script-src 'self' 'wasm-unsafe-eval'",
			"connect-src 'self' https://cloudflare-dns.com https://dns.google https://dns.quad9.net",
			"default-src 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'",
		}, wantNot: []string{"unsafe-inline", "'unsafe-eval'"}},
		"own resolver": {resolver: "https://doh.example.net/dns-query", want: []string{
			"https://dns.quad9.net https://doh.example.net;",
		}},
		"local path": {resolver: "/dns-query", want: []string{"connect-src 'self' https://cloudflare-dns.com https://dns.google https://dns.quad9.net;"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			h := newHandler(t, Options{Assets: assets(true), Resolver: tc.resolver})
			got := do(t, h, "GET", "/", nil).Result().Header.Get("Content-Security-Policy")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("CSP %q lacks %q", got, w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("CSP %q has %q", got, w)
				}
			}
		})
	}
}

func TestNotBuilt(t *testing.T) {
	h := newHandler(t, Options{Assets: assets(false)})
	if WasmBuilt(h) {
		t.Error("WasmBuilt = true without gen/explain.wasm")
	}
	for _, path := range []string{"/explain.wasm", "/wasm_exec.js"} {
		rec := do(t, h, "GET", path, nil)
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "make build") {
			t.Errorf("GET %s = %d %q, want 404 saying to run make build", path, rec.Code, rec.Body.String())
		}
	}
	if rec := do(t, h, "GET", "/", nil); rec.Code != 200 {
		t.Errorf("page = %d without the wasm, want 200 (it says what is missing)", rec.Code)
	}
}

// TestStaleVariantIgnored: a variant made for other bytes is never served.
func TestStaleVariantIgnored(t *testing.T) {
	fsys := assets(true)
	fsys["gen/z/"+sum("old app.js")+".br"] = &fstest.MapFile{Data: []byte("STALE")}
	h := newHandler(t, Options{Assets: fsys})
	rec := do(t, h, "GET", "/app.js", map[string]string{"Accept-Encoding": "br"})
	if strings.Contains(rec.Body.String(), "STALE") {
		t.Error("served a brotli variant of other bytes")
	}
}

// TestMinifiedCopy: a file's minified copy in gen/min/ is served in its
// place (under the hashed name of the copy's bytes) while the manifest
// names the file's current bytes, and never for a file edited since.
func TestMinifiedCopy(t *testing.T) {
	const minApp, minExec = "console.log('min');", "//go min"
	for _, tc := range []struct {
		name     string
		edit     bool   // app.js changed after the build
		manifest string // "" for none
		want     string // app.js's body served
	}{
		{"current", false, "yes", minApp},
		{"edited since", true, "yes", ""},
		{"no manifest", false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := assets(true)
			source := string(fsys["app.js"].Data)
			fsys["gen/min/app.js"] = &fstest.MapFile{Data: []byte(minApp)}
			fsys["gen/min/wasm_exec.js"] = &fstest.MapFile{Data: []byte(minExec)}
			if tc.manifest != "" {
				fsys["gen/min/"+MinifiedManifest] = &fstest.MapFile{Data: []byte(sum(source) + "  app.js\n" + sum("// go") + "  wasm_exec.js\n")}
			}
			if tc.edit {
				fsys["app.js"] = &fstest.MapFile{Data: []byte(source + "// edited\n")}
			}
			want := tc.want
			if want == "" {
				want = string(fsys["app.js"].Data)
			}
			h := newHandler(t, Options{Assets: fsys})
			if got := do(t, h, "GET", "/app.js", nil).Body.String(); got != want {
				t.Errorf("/app.js = %q, want %q", got, want)
			}
			index := do(t, h, "GET", "/", nil).Body.String()
			if !strings.Contains(index, `"/app.`+sum(want)[:12]+`.js"`) {
				t.Errorf("the page does not name the served app.js by its hash:\n%s", index)
			}
			wantExec := "// go"
			if tc.manifest != "" {
				wantExec = minExec // a generated file has its copy too
			}
			if got := do(t, h, "GET", "/wasm_exec.js", nil).Body.String(); got != wantExec {
				t.Errorf("/wasm_exec.js = %q, want %q", got, wantExec)
			}
			if rec := do(t, h, "GET", "/min/app.js", nil); rec.Code != http.StatusNotFound {
				t.Errorf("gen/min/ is served itself: %d", rec.Code)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	tests := map[string]Options{
		"no index":      {Assets: fstest.MapFS{"app.js": {Data: []byte("x")}}},
		"http resolver": {Assets: assets(true), Resolver: "http://dns.example/dns-query"},
		"relative":      {Assets: assets(true), Resolver: "dns-query"},
		"scheme-less":   {Assets: assets(true), Resolver: "//dns.example/dns-query"},
	}
	for name, opt := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := New(opt); err == nil {
				t.Error("New succeeded, want an error")
			}
		})
	}
}

// TestEmbeddedPage checks the real page (static.FS) loads and is wired to
// its own files.
func TestEmbeddedPage(t *testing.T) {
	h := newHandler(t, Options{})
	body := do(t, h, "GET", "/", nil).Body.String()
	for _, want := range []string{`id="record"`, `name="mxplain-wasm"`, `id="engine-error"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, `"/app.js"`) || strings.Contains(body, `"/style.css"`) {
		t.Error("page still names unhashed app.js or style.css")
	}
	link := do(t, h, "GET", "/", nil).Result().Header.Get("Link")
	wasm := regexp.MustCompile(`name="mxplain-wasm" content="(/explain\.[0-9a-f]{12}\.wasm)"`).FindStringSubmatch(body)
	switch {
	case !WasmBuilt(h) && link != "":
		t.Errorf("page built without its wasm: Link %q, want none", link)
	case WasmBuilt(h) && (wasm == nil || !strings.HasPrefix(link, "<"+wasm[1]+">; rel=preload; as=fetch;")):
		t.Errorf("page's Link %q does not preload the hashed wasm it loads (%v)", link, wasm)
	}
}

func TestChooseEncoding(t *testing.T) {
	tests := map[string]struct {
		header []string
		want   string
	}{
		"none":        {nil, ""},
		"chrome":      {[]string{"gzip, deflate, br, zstd"}, "br"},
		"gzip only":   {[]string{"gzip"}, "gzip"},
		"star":        {[]string{"*"}, "br"},
		"star no br":  {[]string{"*, br;q=0"}, "gzip"},
		"two headers": {[]string{"gzip", "br"}, "br"},
		"q zero all":  {[]string{"br;q=0, gzip;q=0"}, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := chooseEncoding(tc.header, true, true); got != tc.want {
				t.Errorf("chooseEncoding(%q) = %q, want %q", tc.header, got, tc.want)
			}
		})
	}
}

// embedAssets is a page with the embeddable element's files.
func embedAssets() fstest.MapFS {
	fsys := assets(true)
	fsys["embed.js"] = &fstest.MapFile{Data: []byte(`const files = { wasm: "./explain.wasm", lookupWasm: "./lookup.wasm", exec: "./wasm_exec.js", view: "./record-view.js" };`)}
	fsys["record-view.js"] = &fstest.MapFile{Data: []byte("export function renderRecord() {}")}
	fsys["embed-frame.js"] = &fstest.MapFile{Data: []byte("document.title")}
	fsys["embed.html"] = &fstest.MapFile{Data: []byte(`<!doctype html><meta name="mxplain-resolver" content="{{resolver}}">` +
		`<script src="/wasm_exec.js" defer></script><script type="module" src="/embed.js"></script>`)}
	return fsys
}

// TestEmbed checks what other origins need: CORS on the element's files
// (and only on them), framing allowed for /embed only, and embed.js naming
// its siblings by their hashed names.
func TestEmbed(t *testing.T) {
	h := newHandler(t, Options{Assets: embedAssets(), Resolver: "/dns-query"})
	hashed := func(name, body string) string {
		ext := name[strings.LastIndex(name, "."):]
		return strings.TrimSuffix(name, ext) + "." + sum(body)[:12] + ext
	}
	wasm := hashed("explain.wasm", "\x00asm\x01\x00\x00\x00"+strings.Repeat("x", 100))
	embedJS := do(t, h, "GET", "/embed.js", nil).Body.String()
	lookupWasm := hashed("lookup.wasm", "\x00asm\x01\x00\x00\x00"+strings.Repeat("x", 100)+"lookup")
	for _, want := range []string{`"./` + wasm + `"`, `"./` + lookupWasm + `"`, `"./` + hashed("wasm_exec.js", "// go") + `"`,
		`"./` + hashed("record-view.js", "export function renderRecord() {}") + `"`} {
		if !strings.Contains(embedJS, want) {
			t.Errorf("embed.js does not name %s: %s", want, embedJS)
		}
	}
	tests := map[string]struct {
		path       string
		cors       bool
		frame      string // the CSP's frame-ancestors, "" for no CSP
		wantStatus int
	}{
		"embed.js":          {path: "/embed.js", cors: true, wantStatus: 200},
		"embed.js hashed":   {path: "/" + hashed("embed.js", embedJS), cors: true, wantStatus: 200},
		"wasm":              {path: "/explain.wasm", cors: true, wantStatus: 200},
		"wasm hashed":       {path: "/" + wasm, cors: true, wantStatus: 200},
		"lookup wasm":       {path: "/" + lookupWasm, cors: true, wantStatus: 200},
		"wasm_exec.js":      {path: "/wasm_exec.js", cors: true, wantStatus: 200},
		"record-view.js":    {path: "/record-view.js", cors: true, wantStatus: 200},
		"embed-frame.js":    {path: "/embed-frame.js", cors: true, wantStatus: 200},
		"iframe form":       {path: "/embed?record=v%3Dspf1&type=spf", frame: "*", wantStatus: 200},
		"iframe form file":  {path: "/embed.html", frame: "*", wantStatus: 200},
		"page not framed":   {path: "/", frame: "'none'", wantStatus: 200},
		"page's own script": {path: "/app.js", wantStatus: 200},
		"page's style":      {path: "/style.css", wantStatus: 200},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			res := do(t, h, "GET", tc.path, nil).Result()
			if res.StatusCode != tc.wantStatus {
				t.Fatalf("status = %d, want %d", res.StatusCode, tc.wantStatus)
			}
			acao, corp := res.Header.Get("Access-Control-Allow-Origin"), res.Header.Get("Cross-Origin-Resource-Policy")
			if tc.cors && (acao != "*" || corp != "cross-origin") {
				t.Errorf("Access-Control-Allow-Origin %q, Cross-Origin-Resource-Policy %q; want * and cross-origin", acao, corp)
			}
			if !tc.cors && (acao != "" || corp != "") {
				t.Errorf("Access-Control-Allow-Origin %q, Cross-Origin-Resource-Policy %q; want none", acao, corp)
			}
			policy := res.Header.Get("Content-Security-Policy")
			if tc.frame == "" && policy != "" {
				t.Errorf("CSP %q on a file that is not a page", policy)
			}
			if tc.frame != "" && !strings.Contains(policy, "frame-ancestors "+tc.frame+";") {
				t.Errorf("CSP %q: want frame-ancestors %s", policy, tc.frame)
			}
			if tc.frame != "" && !strings.Contains(policy, "require-trusted-types-for 'script'") {
				t.Errorf("CSP %q: want Trusted Types enforced", policy)
			}
		})
	}
	frame := do(t, h, "GET", "/embed", nil).Body.String()
	for _, want := range []string{`content="/dns-query"`, `src="/` + hashed("embed.js", embedJS) + `"`} {
		if !strings.Contains(frame, want) {
			t.Errorf("/embed lacks %s: %s", want, frame)
		}
	}
}

// TestPreload: each page preloads the wasm it loads, by the hashed name it
// refers to (the page itself, or the embed.js it loads), in a Link header
// whose as and crossorigin match engine.js's fetch; other files, and a page
// built without its wasm, carry none.
func TestPreload(t *testing.T) {
	h := newHandler(t, Options{Assets: embedAssets()})
	wasm := "explain." + sum("\x00asm\x01\x00\x00\x00" + strings.Repeat("x", 100))[:12] + ".wasm"
	want := "</" + wasm + `>; rel=preload; as=fetch; type="application/wasm"; crossorigin`
	embedJS := do(t, h, "GET", "/embed.js", nil).Body.String()
	embedHashed := "embed." + sum(embedJS)[:12] + ".js"
	tests := map[string]struct {
		path, refers string // refers: the file whose body names the wasm, "" for the page itself
		ref          string // how it names it
	}{
		"page":             {path: "/", ref: `content="/` + wasm + `"`},
		"page head":        {path: "/", ref: `content="/` + wasm + `"`},
		"iframe form":      {path: "/embed", refers: "/" + embedHashed, ref: `"./` + wasm + `"`},
		"iframe form file": {path: "/embed.html", refers: "/" + embedHashed, ref: `"./` + wasm + `"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			method := "GET"
			if strings.HasSuffix(name, "head") {
				method = "HEAD"
			}
			res := do(t, h, method, tc.path, nil).Result()
			if got := res.Header.Get("Link"); got != want {
				t.Errorf("Link = %q, want %q", got, want)
			}
			body := do(t, h, "GET", tc.path, nil).Body.String()
			if tc.refers != "" {
				if !strings.Contains(body, `src="`+tc.refers+`"`) {
					t.Fatalf("%s does not load %s: %s", tc.path, tc.refers, body)
				}
				body = do(t, h, "GET", tc.refers, nil).Body.String()
			}
			if !strings.Contains(body, tc.ref) {
				t.Errorf("the preloaded %s is not the one loaded: %s", wasm, body)
			}
		})
	}
	for _, path := range []string{"/app.js", "/embed.js", "/" + wasm, "/wasm_exec.js", "/style.css"} {
		if got := do(t, h, "GET", path, nil).Result().Header.Get("Link"); got != "" {
			t.Errorf("GET %s: Link %q, want none", path, got)
		}
	}
	unbuilt := newHandler(t, Options{Assets: assets(false)})
	if got := do(t, unbuilt, "GET", "/", nil).Result().Header.Get("Link"); got != "" {
		t.Errorf("page without its wasm: Link %q, want none (it would preload a 404)", got)
	}
}
