// Command wasmpack merges the data segments of a wasm module that Go's
// linker wrote (see internal/wasmdata), in place or to another file:
//
//	go run ./internal/cmd/wasmpack [-gap 128] [-v] -o out.wasm in.wasm
//
// make wasm runs it on both engines; make test-wasm runs every wasm test
// binary through it first (exec.sh), so the tests run the packed code.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mxplain/mxplain/internal/wasmdata"
)

func main() {
	gap := flag.Int("gap", 128, "merge segments at most `N` bytes apart")
	out := flag.String("o", "", "the `file` to write (may be the input)")
	verbose := flag.Bool("v", false, "print the segments and sizes before and after")
	flag.Parse()
	if flag.NArg() != 1 || *out == "" || *gap < 0 {
		fmt.Fprintln(os.Stderr, "usage: wasmpack [-gap N] [-v] -o out.wasm in.wasm")
		os.Exit(2)
	}
	in, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmpack:", err)
		os.Exit(1)
	}
	packed, st, err := wasmdata.Merge(in, *gap)
	if err != nil {
		fmt.Fprintf(os.Stderr, "wasmpack: %s: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, packed, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "wasmpack:", err)
		os.Exit(1)
	}
	if *verbose {
		fmt.Printf("wasmpack: %s: %d data segments → %d (gap %d), %d → %d bytes\n", flag.Arg(0), st.Before, st.After, *gap, len(in), len(packed))
	}
}
