# The Cloudflare Worker (see worker/README.md). Included by the Makefile;
# also works alone from the repository root: make -f worker/worker.mk worker-test
#
#   worker-build   build/worker (Go wasm + syumai/workers glue) and
#                  build/worker-assets (the page as static assets)
#   worker-test    the API's conformance cases against the built Worker
#                  under wrangler dev (workerd), resolving through a local
#                  DoH server; never the internet
#   worker-bench   upload size (gzip), cold start, subrequests per lookup
#   deploy         wrangler deploy (needs `wrangler login`, see README)

GO             ?= go
WORKER_DIR     := worker
WORKER_OUT     := build/worker
WORKER_ASSETS  := build/worker-assets
WORKER_BIN     := $(CURDIR)/$(WORKER_DIR)/node_modules/.bin
WORKER_VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
# wrangler 4 needs Node 22, which worker/package.json pins as an npm package.
WRANGLER       := PATH="$(WORKER_BIN):$$PATH" WRANGLER_SEND_METRICS=false wrangler

.PHONY: worker-build worker-npm worker-test worker-bench deploy

$(WORKER_BIN)/wrangler: $(WORKER_DIR)/package-lock.json
	npm ci --prefix $(WORKER_DIR) --no-audit --no-fund
	touch $@

worker-npm: $(WORKER_BIN)/wrangler

# -gcflags=all=-l (no inlining), as for the page's engines: the upload is
# 0.28 MB smaller with gzip (worker/README.md).
worker-build:
	$(MAKE) -f Makefile wasm
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER_OUT)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -gcflags=all=-l -ldflags="-s -w -X main.version=$(WORKER_VERSION)" -o $(WORKER_OUT)/app.wasm ./$(WORKER_DIR)
	$(GO) run ./$(WORKER_DIR)/assets -o $(WORKER_ASSETS)

worker-test: worker-build worker-npm
	MXPLAIN_WORKER_TEST=1 $(GO) test -count=1 -v -run 'TestWorker' ./$(WORKER_DIR)/

worker-bench: worker-build worker-npm
	$(GO) run ./$(WORKER_DIR)/bench

deploy: worker-build worker-npm
	cd $(WORKER_DIR) && $(WRANGLER) deploy
