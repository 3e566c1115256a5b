//go:build js && wasm

// Command explain is mxplain's first engine for the browser, built with
// GOOS=js GOARCH=wasm (make wasm writes it to static/gen/explain.wasm): the
// page's first breakdown needs only it. It sets globalThis.mxplain to
// ./wasm/engine's object (explain, types, version) and links nothing of
// lookups (explain_test.go, TestExplainEngineLinks).
package main

import (
	"syscall/js"

	"github.com/mxplain/mxplain/wasm/engine"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	js.Global().Set("mxplain", engine.NewAPI(version, nil))
	select {} // keep the functions callable
}
