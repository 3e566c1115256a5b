// Package static holds mxplain's page: the HTML, CSS and JavaScript written
// for it (committed), and in gen/ what `make build` generates (the wasm
// build of ./wasm, Go's wasm_exec.js, and pre-compressed variants). The web
// package serves FS.
package static

import "embed"

// FS holds the page's files at its root, and gen/ for the generated ones.
//
//go:embed *.html *.css *.js mxplain.d.ts all:gen
var FS embed.FS
