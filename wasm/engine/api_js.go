//go:build js && wasm

package engine

import (
	"syscall/js"

	"github.com/mxplain/mxplain/parsers"
)

// NewAPI makes the object an engine sets as globalThis.mxplain: version,
// explain and types (see the package comment). checkLine is the engine's
// zone software, or nil (see ExplainJSON).
func NewAPI(version string, checkLine parsers.LineChecker) js.Value {
	api := js.Global().Get("Object").New()
	api.Set("version", version)
	api.Set("explain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return ExplainJSON(StringArg(args, 0), StringArg(args, 1), checkLine)
	}))
	api.Set("types", js.FuncOf(func(js.Value, []js.Value) any { return TypesJSON() }))
	return api
}

// StringArg is args[i] when it is a string, else "".
func StringArg(args []js.Value, i int) string {
	if len(args) > i && args[i].Type() == js.TypeString {
		return args[i].String()
	}
	return ""
}
