//go:build !(js && wasm)

// Command worker is mxplain's Cloudflare Worker; it is built with
// GOOS=js GOARCH=wasm (make -f worker/worker.mk worker-build). Natively it
// serves the same API with net/http on ADDR (default 127.0.0.1:8787), with
// DOH_URL and LOOKUP_TIMEOUT from the environment, for a quick local run
// without wrangler; `mxplain serve` is the full local server.
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/mxplain/mxplain/web/api"
)

var version = "dev"

func main() {
	h, err := handler(os.Getenv("DOH_URL"), os.Getenv("LOOKUP_TIMEOUT"), api.NewMemoryCache(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = "127.0.0.1:8787"
	}
	fmt.Fprintf(os.Stderr, "worker: the API on http://%s/ (native build; the Worker is GOOS=js)\n", addr)
	if err := http.ListenAndServe(addr, h); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
