#!/bin/sh
# exec.sh: go test -exec for GOOS=js GOARCH=wasm that packs the test binary
# (wasmpack, as make wasm packs the engines) and runs it with Go's
# go_js_wasm_exec, so that the wasm tests run the packed module:
#
#   GOOS=js GOARCH=wasm go test -exec "$PWD/internal/cmd/wasmpack/exec.sh" ./...
#
# WASMPACK names a built wasmpack (make test-wasm builds one); without it,
# go run builds it every time.
set -e
bin="$1"
shift
packed="$bin.packed.wasm"
if [ -n "$WASMPACK" ]; then
	"$WASMPACK" -o "$packed" "$bin"
else
	go run "$(dirname "$0")" -o "$packed" "$bin"
fi
exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" "$packed" "$@"
