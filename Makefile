# mxplain — see README.md. `make run` needs only Go; `make test` installs
# what else it needs first (make deps: Debian packages via scripts/deps.sh,
# npm packages via npm ci). Nothing generated is committed (bin/, build/,
# static/gen/*, node_modules/).

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
GEN       := static/gen

.PHONY: build wasm run deps test test-go test-wasm test-e2e bench bench-go bench-page bench-embed bench-serve fuzz man clean

## build: the wasm, the page assets (minified, compressed) and ./bin/mxplain with them embedded
build: wasm
	$(GO) run ./web/precompress -dir static
	$(GO) build -trimpath -ldflags="-X main.version=$(VERSION)" -o bin/mxplain ./cmd/mxplain

# The page's engines for GOOS=js: explain.wasm (./wasm/explain), the first
# one, and lookup.wasm (./wasm), fetched when needed; and the wasm_exec.js
# of the same Go; then minified copies of the scripts and style sheets
# (./web/minify: esbuild, at build time only, into gen/min/; 13 KB less
# brotli on a first visit). -gcflags=all=-l (no inlining) makes the engines
# about 7 % smaller with brotli for a few percent more CPU, and wasmpack (internal/wasmdata:
# the linker's 100000 data segments merged) about 6 % more (README.md).
WASM_BUILD := GOOS=js GOARCH=wasm $(GO) build -trimpath -gcflags=all=-l -ldflags="-s -w -X main.version=$(VERSION)"
WASMPACK   := build/tools/wasmpack
$(WASMPACK): $(wildcard internal/wasmdata/*.go internal/cmd/wasmpack/*.go)
	$(GO) build -o $@ ./internal/cmd/wasmpack
wasm: $(WASMPACK)
	$(WASM_BUILD) -o $(GEN)/explain.wasm ./wasm/explain
	$(WASM_BUILD) -o $(GEN)/lookup.wasm ./wasm
	$(WASMPACK) -o $(GEN)/explain.wasm $(GEN)/explain.wasm
	$(WASMPACK) -o $(GEN)/lookup.wasm $(GEN)/lookup.wasm
	cp $(WASM_EXEC)/wasm_exec.js $(GEN)/wasm_exec.js
	$(GO) run ./web/minify -dir static

## run: build, then serve the page on http://$(ADDR) (ADDR=127.0.0.1:0 picks a free port)
ADDR ?= 127.0.0.1:8080
run: build
	./bin/mxplain serve --addr $(ADDR)

## deps: install what the tests need and is missing (Debian packages via
## apt-get as root or passwordless sudo, else the command to run; npm ci)
deps:
	./scripts/deps.sh
	@$(MAKE) --no-print-directory node_modules/.package-lock.json

# playwright-core, pinned; never `npx playwright install` (no browser
# download). npm ci again whenever the lock file is newer than node_modules.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## test: everything CI runs, after make deps
test: deps test-go test-wasm test-e2e worker-test

# The Go tests include e2e/realdns (Knot and Unbound, from make deps) and
# e2e/fresh (the README's commands in a fresh clone).
test-go: deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Everything the page's wasm and the Worker run must work as wasm too: the
# parsers, the DoH client, the live inspection and the web handlers, their
# tests compiled to WebAssembly, under node.
# They run packed, as the page's engines are (internal/cmd/wasmpack/exec.sh).
test-wasm: $(WASMPACK)
	WASMPACK=$(CURDIR)/$(WASMPACK) PATH="$(WASM_EXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 -exec "$(CURDIR)/internal/cmd/wasmpack/exec.sh" ./parsers/... ./doh/... ./inspect/... ./web/... ./wasm/... ./internal/psl/... ./internal/ipaddr/... ./internal/wasmdata/... ./internal/dnsname/... ./internal/numtext/... ./internal/stablesort/... ./internal/rrtype/... ./internal/zonecheck/...

# The page in Debian's chromium, driven by playwright-core (npm ci), against
# ./bin/mxplain serve --zones e2e/zones. Screenshots go to build/screenshots/.
test-e2e: deps build
	node --test --test-concurrency=1 e2e/

## bench: the published numbers (see README.md and worker/README.md)
bench: bench-go bench-page bench-embed bench-serve worker-bench

# Records explained per second per core, and a live report against a DoH
# server that adds 50 ms to every answer (its ratio to the lower bound).
bench-go:
	$(GO) test -run='^$$' -bench=. -benchmem -cpu=1 ./parsers/... ./inspect/...

bench-page: deps build
	node e2e/bench.mjs

# The embeddable element: embed.js's size (aim under 10 KB gzip) and a docs
# page of another origin, cold and throttled, to its first element explained.
bench-embed: deps build
	node e2e/embed-bench.mjs

# mxplain serve under load on loopback (BENCHMARKS.md): RSS under 64
# concurrent large explanations and after a cache-filling run; explain and
# lookup at concurrency 1, 16 and 64 with p99. Needs no page build.
bench-serve:
	$(GO) build -trimpath -o build/bench/mxplain ./cmd/mxplain
	$(GO) run ./web/bench -bin build/bench/mxplain

## fuzz: every fuzz target of every package, each for FUZZTIME (default 60s);
## the list comes from go test -list, so a new target is never left out
FUZZTIME ?= 60s
fuzz:
	for p in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
			echo "== $$p $$f"; \
			$(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$p || exit 1; \
		done; \
	done

## man: the man page, from the same flag definitions as --help and completion
man:
	mkdir -p build
	$(GO) run ./cmd/mxplain man > build/mxplain.1

clean:
	rm -rf bin build node_modules
	find $(GEN) -mindepth 1 ! -name README.md -exec rm -rf {} +

# The Cloudflare Worker's targets (worker-build, worker-test, worker-bench,
# deploy): see worker/README.md.
-include worker/worker.mk
