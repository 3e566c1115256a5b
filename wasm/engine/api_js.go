//go:build js && wasm

package engine

import "syscall/js"

// NewAPI makes the object an engine sets as globalThis.mxplain: version,
// explain and types (see the package comment).
func NewAPI(version string) js.Value {
	api := js.Global().Get("Object").New()
	api.Set("version", version)
	api.Set("explain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return ExplainJSON(StringArg(args, 0), StringArg(args, 1))
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
