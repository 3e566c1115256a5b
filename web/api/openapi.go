package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"strings"
	"sync"

	"github.com/mxplain/mxplain/parsers"
)

// openAPIFile is the API's OpenAPI 3.1 description as written. The
// document served at OpenAPIPath is openAPI: the file with the registry's
// record types (parsers.TypeNames, as written and upper-case) as the enum
// of every schema marked "x-enum": "record-types", so that a new kind is
// its package and its line in parsers/kinds.go, with no list here to keep
// up. encoding/json alone makes it, at the first request for it: no
// OpenAPI library in the Worker, no cost at start.
//
//go:embed openapi.json
var openAPIFile []byte

// recordTypesMark marks the schemas whose enum is the registry's types.
const recordTypesMark = "record-types"

var openAPI = sync.OnceValue(func() []byte {
	var doc any
	if err := json.Unmarshal(openAPIFile, &doc); err != nil {
		panic("api: openapi.json: " + err.Error()) // TestOpenAPIValid reads it
	}
	names := parsers.TypeNames()
	enum := make([]any, 0, 2*len(names))
	for _, n := range names {
		enum = append(enum, n)
	}
	for _, n := range names {
		enum = append(enum, strings.ToUpper(n))
	}
	setTypeEnums(doc, enum)
	return encodeDoc(doc)
})

// setTypeEnums sets the enum of every schema in doc marked with
// recordTypesMark to enum, or removes it when enum is nil (what the file
// holds).
func setTypeEnums(doc any, enum []any) {
	switch v := doc.(type) {
	case map[string]any:
		if v["x-enum"] == recordTypesMark {
			if enum == nil {
				delete(v, "enum")
			} else {
				v["enum"] = enum
			}
		}
		for _, e := range v {
			setTypeEnums(e, enum)
		}
	case []any:
		for _, e := range v {
			setTypeEnums(e, enum)
		}
	}
}

// encodeDoc writes doc as openapi.json is written: keys sorted, one space
// of indent, no HTML escapes.
func encodeDoc(doc any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		panic("api: openapi.json: " + err.Error())
	}
	return b.Bytes()
}
