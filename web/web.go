// Package web is mxplain's one http.Handler: it serves the page (static/, with
// the wasm build of ./wasm) to browsers. `mxplain serve` runs it with
// net/http; a Cloudflare Worker will run the same handler in GOOS=js builds,
// so this package makes no HTTP client calls and does not touch the OS.
//
// What it does for every asset:
//
//   - Names: each file is served under its plain name (/app.js) and under a
//     name carrying a hash of its bytes (/app.1a2b3c4d5e6f.js). index.html is
//     rewritten at start-up to refer to the hashed names, so a page is never
//     mixed from two builds.
//   - Caching: hashed names are immutable for a year; the page and plain names
//     are "no-cache" with an ETag, answered 304 when the browser has them.
//   - Preload: the page (/ and /embed) names its engine in a Link header,
//     `</app.<hash>.wasm>; rel=preload; as=fetch; …; crossorigin`, so the
//     browser fetches the wasm from the response's headers on, and only once.
//   - Compression: brotli and gzip variants produced at build time (in
//     gen/z/, named by the SHA-256 of the bytes they encode, so a stale
//     variant is never served) are chosen by Accept-Encoding (RFC 9110
//     §12.5.3); without one the bytes are sent as they are.
//   - Security: a strict Content-Security-Policy (scripts from this origin
//     only, WebAssembly compilation allowed with 'wasm-unsafe-eval', Trusted
//     Types enforced so no script can assign HTML strings to the DOM, fetches
//     only to this origin and the DoH resolvers), nosniff, no referrer.
//
// The embeddable element (static/embed.js, issue 6) is served for other
// origins too:
//
//   - CORS: the files a page on another origin loads to show
//     <mxplain-record> elements (Embeddable) are sent with
//     Access-Control-Allow-Origin: * and Cross-Origin-Resource-Policy:
//     cross-origin, so module scripts, the streamed wasm and pages with
//     COEP can load them. They are public files and no credentials are
//     involved.
//   - embed.js names its siblings relative to itself ("./explain.wasm"); those
//     names are rewritten to the hashed ones like index.html's, so a docs
//     site that loads /embed.js revalidates one small file and then takes
//     the wasm from its cache for a year.
//   - GET /embed (embed.html) is the iframe form, for sites that run no
//     scripts: the same CSP as the page but frame-ancestors *, so any site
//     may frame it; the record comes from its query (?record=…&type=…) and
//     is read by the frame's own script, so static hosts can serve it too.
//
// WasmBuilt says whether the page was built with its wasm (`make build`);
// without it the page says so, and so do the engines and /wasm_exec.js.
// /healthz is the API's (web/api), which `mxplain serve` mounts beside this
// handler.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/static"
)

// DefaultResolver is the DoH resolver the page uses when none is configured.
const DefaultResolver = "https://cloudflare-dns.com/dns-query"

// Resolvers are the public DoH resolvers the page may query (RFC 8484); they
// are always allowed by the Content-Security-Policy's connect-src.
var Resolvers = []string{"https://cloudflare-dns.com", "https://dns.google", "https://dns.quad9.net"}

// Generated names the files `make build` puts in gen/: without them the
// page cannot explain anything, and the handler says so.
var Generated = []string{"explain.wasm", "lookup.wasm", "wasm_exec.js"}

// Embeddable names the files a page on another origin loads to show
// <mxplain-record> elements; they are served with CORS headers.
var Embeddable = []string{"embed.js", "embed-frame.js", "record-view.js", "report-view.js", "path-view.js", "record.css", "engine.js", "engine-worker.js", "explain.wasm", "lookup.wasm", "wasm_exec.js"}

// pages are the HTML documents: they refer to the other files by "/name",
// rewritten to the hashed names, and are hashed last. embed.html is also
// served at /embed.
var pages = map[string]string{"index.html": "/", "embed.html": "/embed"}

// preloads names, for each page, the file it can show nothing without: the
// engine it loads first (explain.wasm; the lookup engine is fetched when
// it is needed). It is announced with the page in a Link header
// (RFC 8288; preload: https://www.w3.org/TR/preload/), so the browser starts
// fetching it as soon as the response's headers arrive, before it has parsed
// the HTML or run a script. The link says as=fetch and crossorigin (the
// credentials mode "same-origin"), which is how static/engine.js fetches the
// wasm: a preload that matches is taken by that fetch, one that does not
// would be fetched a second time.
var preloads = map[string]string{"index.html": "explain.wasm", "embed.html": "explain.wasm"}

// siblingRefs are the scripts that refer to others by "./name" (rewritten
// to the hashed names), each after the ones it names: they are hashed in
// this order, after the files that name no other and before the pages, so
// that every module a page or an element loads is loaded by one name.
var siblingRefs = []string{"report-view.js", "path-view.js", "lookup-view.js", "builder-view.js", "app.js", "embed.js"}

// notBuilt is the body of a Generated file when it is missing.
const notBuilt = "mxplain: %s was not built into this server; run `make build` (it compiles the engines to WebAssembly and copies Go's wasm_exec.js), then start it again.\n"

// Options configure the handler. The zero value serves static.FS with the
// default resolver.
type Options struct {
	// Assets holds the page: index.html and the other files at its root,
	// generated files in gen/, pre-compressed variants in gen/z/. Default
	// static.FS.
	Assets fs.FS
	// Resolver is the DoH URL the page queries: an https URL, or a path on
	// this server such as "/dns-query". Default DefaultResolver.
	Resolver string
}

// Asset is one file the handler serves.
type Asset struct {
	Name        string // plain name without the leading slash: "app.js"
	Hashed      string // name carrying the content hash: "app.1a2b3c4d5e6f.js"
	ContentType string
	Body        []byte
	Sum         string // hex SHA-256 of Body
	Brotli      []byte // nil when no variant was built
	Gzip        []byte // nil when no variant was built
}

// handler serves the assets.
type handler struct {
	byPath map[string]*asset // "/app.js", "/app.1a2b….js", "/", "/embed"
	wasm   bool
}

type asset struct {
	*Asset
	immutable bool   // served under its hashed name
	csp       string // set for pages
	link      string // the Link header of a page: its preload
	cors      bool   // one of Embeddable
}

// New returns the handler, or an error when opt.Assets has no index.html or
// opt.Resolver is not an https URL or an absolute path.
func New(opt Options) (http.Handler, error) {
	assets, err := Assets(opt)
	if err != nil {
		return nil, err
	}
	resolver := opt.Resolver
	if resolver == "" {
		resolver = DefaultResolver
	}
	h := &handler{byPath: map[string]*asset{}, wasm: true}
	cors := map[string]bool{}
	for _, e := range Embeddable {
		cors[e] = true
	}
	byName := map[string]*Asset{}
	for _, a := range assets {
		byName[a.Name] = a
	}
	for _, a := range assets {
		plain := &asset{Asset: a, cors: cors[a.Name]}
		if p := byName[preloads[a.Name]]; p != nil {
			plain.link = preloadLink(p)
		}
		switch a.Name {
		case "index.html":
			plain.csp = csp(resolver, "'none'")
		case "embed.html":
			plain.csp = csp(resolver, "*")
		case "engine-worker.js":
			plain.csp = workerCSP(resolver)
		}
		hashed := &asset{Asset: a, immutable: true, cors: plain.cors, csp: plain.csp, link: plain.link}
		if p, ok := pages[a.Name]; ok {
			h.byPath[p] = plain
		}
		h.byPath["/"+a.Name] = plain
		h.byPath["/"+a.Hashed] = hashed
	}
	for _, g := range Generated {
		if h.byPath["/"+g] == nil {
			h.wasm = false
		}
	}
	return h, nil
}

// WasmBuilt reports whether the handler h (from New) serves the wasm build.
func WasmBuilt(h http.Handler) bool {
	hh, ok := h.(*handler)
	return ok && hh.wasm
}

// Assets reads the files the handler serves from opt.Assets: the page's
// files at its root and generated ones from gen/, with index.html rewritten
// to the hashed names and opt.Resolver, and the pre-compressed variants
// found in gen/z/. The build's compression step (./web/precompress) calls it
// to compress exactly the bytes the handler will serve.
func Assets(opt Options) ([]*Asset, error) {
	fsys := opt.Assets
	if fsys == nil {
		fsys = static.FS
	}
	resolver := opt.Resolver
	if resolver == "" {
		resolver = DefaultResolver
	}
	if err := checkResolver(resolver); err != nil {
		return nil, err
	}
	var assets []*Asset
	var index *Asset
	minified := minifiedCopies(fsys)
	for _, dir := range []string{".", "gen"} {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			if dir == "gen" && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("web: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			ctype, ok := contentTypes[path.Ext(name)]
			if e.IsDir() || !ok || strings.HasPrefix(name, ".") {
				continue
			}
			body, err := fs.ReadFile(fsys, path.Join(dir, name))
			if err != nil {
				return nil, fmt.Errorf("web: %w", err)
			}
			if min, ok := minified(name, body); ok {
				body = min
			}
			a := &Asset{Name: name, ContentType: ctype, Body: body}
			if name == "index.html" && dir == "." {
				index = a
			}
			assets = append(assets, a)
		}
	}
	if index == nil {
		return nil, errors.New("web: the assets have no index.html")
	}
	// Hashed in three rounds: the files that name no other, then those that
	// name their siblings, then the pages.
	for _, a := range assets {
		if _, page := pages[a.Name]; !page && !slices.Contains(siblingRefs, a.Name) {
			a.hash()
		}
	}
	for _, name := range siblingRefs {
		for _, a := range assets {
			if a.Name == name {
				a.Body = renderSiblings(a.Body, assets)
				a.hash()
			}
		}
	}
	for _, a := range assets {
		if _, page := pages[a.Name]; page {
			a.Body = renderIndex(a.Body, assets, resolver)
			a.hash()
		}
	}
	for _, a := range assets {
		a.Brotli, _ = fs.ReadFile(fsys, "gen/z/"+a.Sum+".br")
		a.Gzip, _ = fs.ReadFile(fsys, "gen/z/"+a.Sum+".gz")
		if a.Gzip == nil && len(a.Body) <= 256<<10 && compressible(a) {
			// Small text (the page itself, rewritten for a resolver given
			// at start-up) is cheap to compress here.
			a.Gzip = gzipBytes(a.Body)
		}
	}
	sort.Slice(assets, func(i, j int) bool { return assets[i].Name < assets[j].Name })
	return assets, nil
}

// MinifiedManifest is the file in gen/min/ that names, for each minified
// copy there, the SHA-256 of the source it was made from: "<hex>  <name>"
// a line (written by ./web/minify).
const MinifiedManifest = "sources"

// minifiedCopies returns a function that gives the build's minified copy
// of a file (gen/min/NAME) in place of its source, but only when the copy
// was made from exactly these bytes: a file edited since the last build is
// served as it is.
func minifiedCopies(fsys fs.FS) func(name string, source []byte) ([]byte, bool) {
	made := map[string]string{} // name → hex SHA-256 of its source
	manifest, _ := fs.ReadFile(fsys, "gen/min/"+MinifiedManifest)
	for line := range strings.Lines(string(manifest)) {
		if sum, name, ok := strings.Cut(strings.TrimSpace(line), "  "); ok {
			made[name] = sum
		}
	}
	return func(name string, source []byte) ([]byte, bool) {
		want, ok := made[name]
		if !ok {
			return nil, false
		}
		sum := sha256.Sum256(source)
		if hex.EncodeToString(sum[:]) != want {
			return nil, false
		}
		min, err := fs.ReadFile(fsys, "gen/min/"+name)
		return min, err == nil
	}
}

// contentTypes lists the files served, by extension.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".ts":   "text/plain; charset=utf-8", // mxplain.d.ts, for developers
	".wasm": "application/wasm",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

func compressible(a *Asset) bool {
	return !strings.HasPrefix(a.ContentType, "image/png") && a.ContentType != "image/x-icon"
}

func (a *Asset) hash() {
	sum := sha256.Sum256(a.Body)
	a.Sum = hex.EncodeToString(sum[:])
	ext := path.Ext(a.Name)
	a.Hashed = strings.TrimSuffix(a.Name, ext) + "." + a.Sum[:12] + ext
}

// renderSiblings points a script's "./name" references at the hashed names.
func renderSiblings(body []byte, assets []*Asset) []byte {
	for _, a := range assets {
		if a.Hashed == "" {
			continue
		}
		body = bytes.ReplaceAll(body, []byte(`"./`+a.Name+`"`), []byte(`"./`+a.Hashed+`"`))
	}
	return body
}

// renderIndex points the page at the hashed names and the resolver.
func renderIndex(body []byte, assets []*Asset, resolver string) []byte {
	for _, a := range assets {
		if a.Hashed == "" {
			continue
		}
		body = bytes.ReplaceAll(body, []byte(`"/`+a.Name+`"`), []byte(`"/`+a.Hashed+`"`))
	}
	return bytes.ReplaceAll(body, []byte("{{resolver}}"), []byte(html.EscapeString(resolver)))
}

func checkResolver(r string) error {
	if strings.HasPrefix(r, "/") && !strings.HasPrefix(r, "//") {
		return nil
	}
	u, err := url.Parse(r)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("web: resolver %q: want an https URL or a path on this server", r)
	}
	return nil
}

// preloadLink is the Link header value that preloads a, by its hashed name,
// the way static/engine.js fetches it.
func preloadLink(a *Asset) string {
	return fmt.Sprintf("</%s>; rel=preload; as=fetch; type=%q; crossorigin", a.Hashed, a.ContentType)
}

// csp is a page's Content-Security-Policy. Nothing inline runs; the only
// code is this origin's scripts and the wasm they compile, and the engine's
// worker from this origin. Trusted Types allow one policy, "mxplain"
// (static/engine.js: it passes only the worker's own URL to new Worker).
// frameAncestors is 'none' for the page and * for the iframe form (/embed).
func csp(resolver, frameAncestors string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"worker-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"connect-src " + connectSrc(resolver),
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors " + frameAncestors,
		"require-trusted-types-for 'script'",
		"trusted-types mxplain",
	}, "; ")
}

// workerCSP is the policy of the engine's worker (static/engine-worker.js),
// which a dedicated worker takes from its own response: it loads
// wasm_exec.js from this origin, runs the wasm and may fetch what the page
// may.
func workerCSP(resolver string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"connect-src " + connectSrc(resolver),
	}, "; ")
}

// connectSrc lists the origins a page may fetch from: this one and the DoH
// resolvers.
func connectSrc(resolver string) string {
	connect := append([]string{"'self'"}, Resolvers...)
	if u, err := url.Parse(resolver); err == nil && u.Scheme == "https" {
		origin := "https://" + u.Host
		known := false
		for _, c := range connect {
			known = known || c == origin
		}
		if !known {
			connect = append(connect, origin)
		}
	}
	return strings.Join(connect, " ")
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "web: method not allowed", http.StatusMethodNotAllowed)
		return
	}
	a := h.byPath[r.URL.Path]
	if a == nil {
		hd.Set("Cache-Control", "no-cache")
		for _, g := range Generated {
			if r.URL.Path == "/"+g {
				http.Error(w, fmt.Sprintf(notBuilt, g), http.StatusNotFound)
				return
			}
		}
		http.NotFound(w, r)
		return
	}
	if a.Name == "index.html" {
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	}
	if a.csp != "" {
		hd.Set("Content-Security-Policy", a.csp)
	}
	if a.link != "" {
		hd.Set("Link", a.link)
	}
	if a.cors {
		hd.Set("Access-Control-Allow-Origin", "*")
		hd.Set("Cross-Origin-Resource-Policy", "cross-origin")
	}
	if a.immutable {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	body, enc := a.Body, ""
	if a.Brotli != nil || a.Gzip != nil {
		hd.Add("Vary", "Accept-Encoding")
		switch enc = chooseEncoding(r.Header.Values("Accept-Encoding"), a.Brotli != nil, a.Gzip != nil); enc {
		case "br":
			body = a.Brotli
		case "gzip":
			body = a.Gzip
		}
	}
	etag := `"` + a.Sum[:32]
	if enc != "" {
		etag += "-" + enc
	}
	etag += `"`
	hd.Set("ETag", etag)
	hd.Set("Content-Type", a.ContentType)
	if enc != "" {
		hd.Set("Content-Encoding", enc)
	}
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// chooseEncoding picks "br", "gzip" or "" (identity) from Accept-Encoding
// header values (RFC 9110 §12.5.3): the first of br then gzip that the
// client accepts with a q-value above 0 and that exists.
func chooseEncoding(values []string, haveBr, haveGzip bool) string {
	q := map[string]float64{}
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			name = strings.ToLower(strings.TrimSpace(name))
			weight := 1.0
			if p, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				if f, err := strconv.ParseFloat(strings.TrimSpace(p), 64); err == nil {
					weight = f
				}
			}
			q[name] = weight
		}
	}
	accepts := func(enc string) bool {
		if w, ok := q[enc]; ok {
			return w > 0
		}
		w, ok := q["*"]
		return ok && w > 0
	}
	switch {
	case haveBr && accepts("br"):
		return "br"
	case haveGzip && (accepts("gzip") || accepts("x-gzip")):
		return "gzip"
	}
	return ""
}

// etagMatch reports whether an If-None-Match header lists etag (weak
// comparison, RFC 9110 §13.1.2).
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
