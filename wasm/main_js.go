//go:build js && wasm

package main

import "syscall/js"

func main() {
	api := js.Global().Get("Object").New()
	api.Set("version", version)
	api.Set("explain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		input, typ := "", ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			input = args[0].String()
		}
		if len(args) > 1 && args[1].Type() == js.TypeString {
			typ = args[1].String()
		}
		return explainJSON(input, typ)
	}))
	js.Global().Set("mxplain", api)
	select {} // keep the functions callable
}
