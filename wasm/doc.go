// Command wasm is mxplain's lookup engine for the browser, built with
// GOOS=js GOARCH=wasm (make wasm writes it to static/gen/lookup.wasm). The
// page's first engine is explain.wasm (./wasm/explain); this one is
// fetched when a lookup is asked for, or at idle after the first
// breakdown, and runs in a Web Worker (static/engine.js). It sets
// globalThis.mxplain to the explain engine's object (./wasm/engine) with
//
//	lookup(domain, {resolver, selectors, ip, sender, helo, noProbe, onProgress}) → Promise<JSON string>,
//
// the JSON of an inspect.Report made through a doh.Client over the
// browser's fetch (lookup.go; it never rejects: bad options give a report
// whose error says why). static/mxplain.d.ts declares it for the
// JavaScript side. It must not link net/http's client (wasm_test.go,
// TestNoHTTPClient): DNS goes through fetch.
package main

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"
