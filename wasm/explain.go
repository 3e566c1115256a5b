// Command wasm is mxplain's engine for the browser, built with
// GOOS=js GOARCH=wasm (make build writes it to static/gen/app.wasm). The
// page runs it twice from one compiled module (static/engine.js): in a Web
// Worker for explaining, and on the main thread for lookups. It is glue
// only: it sets one global (the worker's or the page's),
//
//	globalThis.mxplain = {
//	  explain(input, type) → JSON string,
//	  types() → JSON string,
//	  lookup(domain, {resolver, selectors, ip, sender, helo, noProbe, onProgress}) → Promise<JSON string>,
//	  version,
//	}
//
// explain returns the JSON of parsers.Explain (the contract in the project
// brief), or, when the input holds no record or the type is not known,
// {"input": …, "records": [], "error": "…"}. types returns the kinds of
// record the engine explains, in the order to list them (parsers.Kinds):
// [{"type": "mx", "label": "MX", "title": "Mail exchangers", "ref":
// "RFC 5321"}, …]; the page and the element take their type names and
// labels from it, so that no JavaScript lists record types. lookup returns the JSON of an
// inspect.Report made through a doh.Client over the browser's fetch
// (lookup.go; it never rejects: bad options give a report whose error says
// why). static/mxplain.d.ts declares both for the JavaScript side. It must
// not link net/http's client (wasm_test.go, TestNoHTTPClient): the page
// stays small and DNS goes through fetch.
package main

import (
	"encoding/json"
	"fmt"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// failure is what explain returns when there is no explanation.
type failure struct {
	Input   string           `json:"input"`
	Records []explain.Record `json:"records"`
	Error   string           `json:"error"`
}

// explainJSON explains input, as the type typ when it is not "" (one of
// types(), in any case), and returns the JSON the page reads.
func explainJSON(input, typ string) string {
	opts := parsers.Options{}
	if typ != "" {
		t, err := parsers.ParseType(typ)
		if err != nil {
			return failJSON(input, fmt.Errorf("wasm: %w", err))
		}
		opts.Type = t
	}
	ex, err := parsers.Explain(input, opts)
	if err != nil {
		return failJSON(input, err)
	}
	b, err := json.Marshal(ex)
	if err != nil {
		return failJSON(input, fmt.Errorf("wasm: %w", err))
	}
	return string(b)
}

// kindInfo is one entry of types().
type kindInfo struct {
	Type  explain.Type `json:"type"`
	Label string       `json:"label"`
	Title string       `json:"title"`
	Ref   string       `json:"ref"`
}

// typesJSON is what types() returns: the registry's kinds, in its order.
func typesJSON() string {
	var list []kindInfo
	for _, k := range parsers.Kinds() {
		list = append(list, kindInfo{k.Type, k.Label, k.Title, k.Ref})
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "[]"
	}
	return string(b)
}

func failJSON(input string, err error) string {
	b, merr := json.Marshal(failure{Input: input, Records: []explain.Record{}, Error: err.Error()})
	if merr != nil {
		return `{"input":"","records":[],"error":"wasm: cannot encode the answer"}`
	}
	return string(b)
}
