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
	"github.com/mxplain/mxplain/internal/jsonw"
	"github.com/mxplain/mxplain/parsers"
)

// ExplainJSON explains input, as the type typ when it is not "" (one of
// types(), in any case), with checkLine as zone software (nil in the
// first engine: records of lines only zone software can judge are then
// pending), and returns the JSON the page reads: written by the
// explanation's AppendJSON, the bytes json.Marshal would write, without
// linking encoding/json into the engine.
func ExplainJSON(input, typ string, checkLine parsers.LineChecker) string {
	opts := parsers.Options{CheckLine: checkLine}
	if typ != "" {
		t, err := parsers.ParseType(typ)
		if err != nil {
			return failJSON(input, "wasm: "+err.Error())
		}
		opts.Type = t
	}
	ex, err := parsers.Explain(input, opts)
	if err != nil {
		return failJSON(input, err.Error())
	}
	return string(ex.AppendJSON(make([]byte, 0, 1024+8*len(input))))
}

// TypesJSON is what types() returns: the registry's kinds, in its order,
// each {"type", "label", "title", "ref"}.
func TypesJSON() string {
	b := []byte{'['}
	for i, k := range parsers.Kinds() {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"type":`...)
		b = jsonw.String(b, string(k.Type))
		b = append(b, `,"label":`...)
		b = jsonw.String(b, k.Label)
		b = append(b, `,"title":`...)
		b = jsonw.String(b, k.Title)
		b = append(b, `,"ref":`...)
		b = jsonw.String(b, k.Ref)
		b = append(b, '}')
	}
	return string(append(b, ']'))
}

// failJSON is what explain returns when there is no explanation:
// {"input": …, "records": [], "error": …}.
func failJSON(input, message string) string {
	b := append([]byte(nil), `{"input":`...)
	b = jsonw.String(b, input)
	b = append(b, `,"records":[],"error":`...)
	b = jsonw.String(b, message)
	return string(append(b, '}'))
}
