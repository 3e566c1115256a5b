# mxplain — see README.md. Every target works on a fresh machine after
# .ci/run's installs; nothing generated is committed (build/, bin/).

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm

.PHONY: build run test test-go test-wasm bench fuzz clean

## build: ./bin/mxplain (with the page embedded)
build:
	$(GO) build -trimpath -o bin/mxplain ./cmd/mxplain

## run: build, then serve the page on http://127.0.0.1:8080
run: build
	./bin/mxplain serve --addr 127.0.0.1:8080

## test: everything CI runs
test: test-go test-wasm

test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# The parsers must work in the browser too: run their tests compiled to
# WebAssembly, under node (Go's go_js_wasm_exec).
test-wasm:
	PATH="$(WASM_EXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 ./parsers/...

## bench: the published numbers (see BENCHMARKS.md)
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./parsers/...

## fuzz: each parser's fuzz test for FUZZTIME (default 60s)
FUZZTIME ?= 60s
fuzz:
	for p in ./parsers ./parsers/spf ./parsers/dmarc ./parsers/dkim ./parsers/mx; do \
		$(GO) test -run='^$$' -fuzz=FuzzExplain -fuzztime=$(FUZZTIME) $$p || exit 1; \
	done

clean:
	rm -rf bin build
