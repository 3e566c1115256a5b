// Package engine is the glue the browser's two engines share (make wasm):
// explain.wasm (./wasm/explain), the first engine, which explains pasted
// records, and lookup.wasm (./wasm), which explains and looks domains up.
// NewAPI makes the object both set as globalThis.mxplain,
//
//	globalThis.mxplain = {
//	  explain(input, type) → JSON string,
//	  types() → JSON string,
//	  version,
//	}
//
// to which lookup.wasm adds lookup (see ./wasm). explain returns the JSON of
// parsers.Explain (the contract in the project brief), or, when the input
// holds no record or the type is not known, {"input": …, "records": [],
// "error": "…"}. types returns the kinds of record the engine explains, in
// the order to list them (parsers.Kinds): [{"type": "mx", "label": "MX",
// "title": "Mail exchangers", "ref": "RFC 5321"}, …]; the page and the
// element take their type names and labels from it, so that no JavaScript
// lists record types. static/mxplain.d.ts declares them for the JavaScript
// side. Both engines answer explain with the same bytes: they run this code.
package engine

import (
	"encoding/json"
	"fmt"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// failure is what explain returns when there is no explanation.
type failure struct {
	Input   string           `json:"input"`
	Records []explain.Record `json:"records"`
	Error   string           `json:"error"`
}

// ExplainJSON explains input, as the type typ when it is not "" (one of
// types(), in any case), and returns the JSON the page reads.
func ExplainJSON(input, typ string) string {
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

// TypesJSON is what types() returns: the registry's kinds, in its order.
func TypesJSON() string {
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
