//go:build js && wasm

package doh

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
)

// FetchTransport is a Transport using JavaScript's global fetch (js/wasm
// builds only): it works in browsers, Node 18+ and Cloudflare Workers. The
// request is aborted with an AbortController when ctx is done.
type FetchTransport struct{}

func defaultTransport() Transport { return FetchTransport{} }

// Get fetches url with "Accept: application/dns-message" and returns the
// status, Content-Type and body.
func (FetchTransport) Get(ctx context.Context, url string) (*HTTPResponse, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("doh: fetch: %w", err)
	}
	fetch := js.Global().Get("fetch")
	if fetch.Type() != js.TypeFunction {
		return nil, errors.New("doh: fetch: no global fetch function")
	}
	var signal js.Value
	abort := js.Undefined()
	if ac := js.Global().Get("AbortController"); ac.Type() == js.TypeFunction {
		abort = ac.New()
		signal = abort.Get("signal")
	}
	stop := context.AfterFunc(ctx, func() {
		if !abort.IsUndefined() {
			abort.Call("abort")
		}
	})
	defer stop()

	init := js.Global().Get("Object").New()
	init.Set("method", "GET")
	headers := js.Global().Get("Object").New()
	headers.Set("Accept", MediaType)
	init.Set("headers", headers)
	if !abort.IsUndefined() {
		init.Set("signal", signal)
	}

	resp, err := await(ctx, func() js.Value { return fetch.Invoke(url, init) })
	if err != nil {
		return nil, fmt.Errorf("doh: fetch: %w", err)
	}
	out := &HTTPResponse{Status: resp.Get("status").Int()}
	if ct := resp.Get("headers").Call("get", "Content-Type"); ct.Type() == js.TypeString {
		out.ContentType = ct.String()
	}
	buf, err := await(ctx, func() js.Value { return resp.Call("arrayBuffer") })
	if err != nil {
		return nil, fmt.Errorf("doh: fetch body: %w", err)
	}
	arr := js.Global().Get("Uint8Array").New(buf)
	n := arr.Get("byteLength").Int()
	if n > MaxResponseSize+1 {
		n = MaxResponseSize + 1
		arr = arr.Call("subarray", 0, n)
	}
	out.Body = make([]byte, n)
	js.CopyBytesToGo(out.Body, arr)
	return out, nil
}

// await calls start, which returns a promise, and waits for it to settle or
// for ctx to end. The callbacks release themselves when the promise settles,
// so that a promise settling after ctx ended (the abort signal rejects it)
// never calls a released function.
func await(ctx context.Context, start func() js.Value) (v js.Value, err error) {
	type settled struct {
		v   js.Value
		err error
	}
	ch := make(chan settled, 1)
	var onResolve, onReject js.Func
	release := func() {
		onResolve.Release()
		onReject.Release()
	}
	onResolve = js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		release()
		ch <- settled{v: v}
		return nil
	})
	onReject = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "promise rejected"
		if len(args) > 0 {
			msg = jsErrorString(args[0])
		}
		release()
		ch <- settled{err: errors.New(msg)}
		return nil
	})
	if err := call(func() { start().Call("then", onResolve, onReject) }); err != nil {
		release()
		return js.Undefined(), err
	}
	select {
	case s := <-ch:
		if s.err != nil && ctx.Err() != nil {
			return s.v, errors.Join(s.err, ctx.Err())
		}
		return s.v, s.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

// call runs f, turning a panic from a synchronous JavaScript exception into
// an error.
func call(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}

func jsErrorString(v js.Value) string {
	if v.Type() == js.TypeObject {
		if m := v.Get("message"); m.Type() == js.TypeString {
			if n := v.Get("name"); n.Type() == js.TypeString {
				return n.String() + ": " + m.String()
			}
			return m.String()
		}
	}
	return v.String()
}
