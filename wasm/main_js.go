//go:build js && wasm

package main

import (
	"context"
	"strings"
	"syscall/js"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/wasm/engine"
)

func main() {
	js.Global().Set("mxplain", newAPI())
	select {} // keep the functions callable
}

// newAPI makes the object main sets as globalThis.mxplain: the explain
// engine's, with lookup, warm, lookupMarkdown, and the record builder's
// forms() → JSON and build(requestJSON) → JSON (build.go).
func newAPI() js.Value {
	api := engine.NewAPI(version, zonecheck.Line)
	api.Set("lookup", js.FuncOf(lookup))
	api.Set("warm", js.FuncOf(warm))
	api.Set("lookupMarkdown", js.FuncOf(lookupMarkdown))
	api.Set("forms", js.FuncOf(func(js.Value, []js.Value) any { return formsJSON() }))
	api.Set("build", js.FuncOf(func(_ js.Value, args []js.Value) any { return builtJSON(engine.StringArg(args, 0)) }))
	return api
}

// lookup is mxplain.lookup(domain, options) → Promise<string>: the JSON of
// an inspect.Report. It returns at once; the report is made in a goroutine.
func lookup(_ js.Value, args []js.Value) any {
	domain := engine.StringArg(args, 0)
	optsJSON, onProgress := "", js.Undefined()
	if len(args) > 1 && args[1].Type() == js.TypeObject {
		optsJSON = js.Global().Get("JSON").Call("stringify", args[1]).String()
		if f := args[1].Get("onProgress"); f.Type() == js.TypeFunction {
			onProgress = f
		}
	}
	return promise(func() string {
		var notify func(string)
		if !onProgress.IsUndefined() {
			notify = func(p string) { call(func() { onProgress.Invoke(p) }) }
		}
		return lookupJSON(context.Background(), domain, optsJSON, newResolver, notify, progressEvery)
	})
}

// lookupMarkdown is mxplain.lookupMarkdown(reportJSON) → string: the
// report mxplain.lookup gave, as Markdown (inspect.Markdown).
func lookupMarkdown(_ js.Value, args []js.Value) any { return markdownJSON(engine.StringArg(args, 0)) }

// warm is mxplain.warm() → Promise<string>: warmUp's report, made in
// memory. The worker calls it once, before it says the engine is ready.
func warm(js.Value, []js.Value) any { return promise(warmUp) }

// promise returns a Promise of what f returns, run in a goroutine: a
// JavaScript callback must never block on what awaits fetch.
func promise(f func() string) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, pargs []js.Value) any {
		executor.Release()
		resolve := pargs[0]
		go func() { resolve.Invoke(f()) }()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// newResolver is a DoH client using fetch; a path ("/dns-query") is taken
// relative to the page's location (the worker's, in a Web Worker: the
// page's origin too).
func newResolver(endpoint string) (doh.Resolver, error) {
	if strings.HasPrefix(endpoint, "/") && !strings.HasPrefix(endpoint, "//") {
		if loc := js.Global().Get("location"); loc.Type() == js.TypeObject {
			endpoint = js.Global().Get("URL").New(endpoint, loc.Get("href")).Get("href").String()
		}
	}
	return doh.New(endpoint, doh.Options{Transport: doh.FetchTransport{}, Budget: inspect.MaxQueries})
}

// call runs f, ignoring a JavaScript exception it throws (a progress
// callback's error must not stop the report).
func call(f func()) {
	defer func() { _ = recover() }()
	f()
}
