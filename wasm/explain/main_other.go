//go:build !(js && wasm)

// Command explain is mxplain's first engine for the browser: see
// main_js.go. Built for anything but GOOS=js, it says so.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm/explain: this is the browser build of mxplain's explain engine; build it with GOOS=js GOARCH=wasm (make wasm)")
	os.Exit(2)
}
