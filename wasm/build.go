package main

import (
	"encoding/json"
	"strings"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/build"
	"github.com/mxplain/mxplain/parsers/explain"
)

// The record builder lives in the lookup engine: the first engine, which
// only explains, links none of the forms (see parsers/build).

// formsJSON is mxplain.forms(): the JSON of build.Forms, the builder's
// form for each kind of record, in the registry's order.
func formsJSON() string {
	b, err := json.Marshal(build.Forms())
	if err != nil {
		panic("wasm: forms: " + err.Error()) // fixed data: a test marshals it
	}
	return string(b)
}

// buildRequest is what mxplain.build takes, as JSON: the form's type, the
// domain as typed (a name, an address or a URL, read as a lookup reads
// it) and the values chosen, by field name.
type buildRequest struct {
	Type   string             `json:"type"`
	Domain string             `json:"domain"`
	Values explain.FormValues `json:"values"`
}

// builtJSON is mxplain.build(requestJSON): the JSON of build.Build's
// Built for the request, explained with the lookup engine's zone software;
// a domain that is none is left out, with an error on the field "domain".
// It never fails: a request that cannot be read, or of a type without a
// form, gives {"error": "…"}.
func builtJSON(requestJSON string) string {
	var req buildRequest
	if err := json.Unmarshal([]byte(requestJSON), &req); err != nil {
		return errorJSON("wasm: build: " + err.Error())
	}
	t, err := parsers.ParseType(req.Type)
	if err != nil {
		return errorJSON("wasm: build: " + err.Error())
	}
	var domainError *explain.FieldError
	domain := ""
	if typed := strings.TrimSpace(req.Domain); typed != "" {
		if domain, _, err = inspect.Target(typed); err != nil {
			domainError = &explain.FieldError{Field: "domain", Message: strings.TrimPrefix(err.Error(), "inspect: ")}
		}
	}
	built, err := build.Build(t, req.Values, domain, parsers.Options{CheckLine: zonecheck.Line})
	if err != nil {
		return errorJSON("wasm: build: " + err.Error())
	}
	if domainError != nil {
		built.Errors = append([]explain.FieldError{*domainError}, built.Errors...)
	}
	b, err := json.Marshal(built)
	if err != nil {
		return errorJSON("wasm: build: " + err.Error())
	}
	return string(b)
}

// errorJSON is {"error": message}.
func errorJSON(message string) string {
	b, _ := json.Marshal(map[string]string{"error": message})
	return string(b)
}
