//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
)

func init() { pageGet = fetchText }

// fetchText GETs url (a path is relative to the page) with JavaScript's
// fetch, asking for JSON, and reads the answer as text. The request is
// aborted when ctx ends.
func fetchText(ctx context.Context, url string) (*pageAnswer, error) {
	fetch := js.Global().Get("fetch")
	if fetch.Type() != js.TypeFunction {
		return nil, errors.New("no fetch function")
	}
	object := js.Global().Get("Object")
	init, headers := object.New(), object.New()
	headers.Set("Accept", "application/json")
	init.Set("headers", headers)
	abort := func() {}
	if ac := js.Global().Get("AbortController"); ac.Type() == js.TypeFunction {
		c := ac.New()
		init.Set("signal", c.Get("signal"))
		abort = func() { c.Call("abort") }
	}
	// A request whose ctx ended is aborted (settled returns at once then).
	defer func() {
		if ctx.Err() != nil {
			abort()
		}
	}()
	resp, err := settled(ctx, func() js.Value { return fetch.Invoke(url, init) })
	if err != nil {
		return nil, err
	}
	a := &pageAnswer{status: resp.Get("status").Int()}
	if ct := resp.Get("headers").Call("get", "Content-Type"); ct.Type() == js.TypeString {
		a.contentType = ct.String()
	}
	text, err := settled(ctx, func() js.Value { return resp.Call("text") })
	if err != nil {
		return nil, err
	}
	a.text = text.String()
	return a, nil
}

// settled calls start, which returns a promise, and waits for it to settle
// or for ctx to end. The callbacks release themselves when it settles.
func settled(ctx context.Context, start func() js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ok.Release()
		fail.Release()
		ch <- result{v: args[0]}
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ok.Release()
		fail.Release()
		ch <- result{err: errors.New(js.Global().Get("String").Invoke(args[0]).String())}
		return nil
	})
	if err := throws(func() { start().Call("then", ok, fail) }); err != nil {
		ok.Release()
		fail.Release()
		return js.Undefined(), err
	}
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

// throws runs f and returns the JavaScript exception it threw, if any.
func throws(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}
