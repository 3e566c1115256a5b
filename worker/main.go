//go:build js && wasm

// Command worker is mxplain's Cloudflare Worker: the JSON API of package
// web/api served with github.com/syumai/workers. The page is served beside
// it as Workers static assets (wrangler.jsonc), not from the wasm. See
// README.md.
//
// Configuration, from the Worker's vars (wrangler.jsonc, or --var with
// wrangler dev):
//
//	DOH_URL         the RFC 8484 resolver lookups ask (default doh.Cloudflare)
//	LOOKUP_TIMEOUT  how long a lookup may take, a Go duration (default 8s)
//
// DNS goes through JavaScript's fetch (doh.DefaultTransport in js/wasm
// builds), never net/http's client; lookup answers are kept in the Cache
// API for their DNS TTL.
package main

import (
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	h, err := handler(cloudflare.Getenv("DOH_URL"), cloudflare.Getenv("LOOKUP_TIMEOUT"), cacheAPI{})
	if err != nil {
		workers.Serve(misconfigured(err))
		return
	}
	workers.Serve(h)
}
