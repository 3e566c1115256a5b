//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm: this is the browser build of mxplain; build it with GOOS=js GOARCH=wasm (make build)")
	os.Exit(2)
}
