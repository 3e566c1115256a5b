//go:build js && wasm

package doh

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"syscall/js"
)

// FetchTransport is a Transport using JavaScript's global fetch (js/wasm
// builds only): it works in browsers, Node 18+ and Cloudflare Workers. The
// request is aborted with an AbortController when ctx is done. Redirects
// are not followed (fetch's redirect: "manual"). The body is read as a
// stream, chunk by chunk, and cancelled once past MaxResponseSize+1 octets.
//
// A query that fails on the connection is not sent again, as it is
// natively: fetch rejects every network failure with the same TypeError, a
// connection reset as well as a refused connection, a CORS refusal or no
// network, so a retry would double the requests of every dead or refusing
// resolver, and a Worker has 50 subrequests (inspect.MaxQueries). Browsers
// already send an idempotent request again when a reused connection was
// lost or a GOAWAY refused it.
type FetchTransport struct{}

// connectionLost: no fetch failure is known to be a lost connection (see
// FetchTransport).
func connectionLost(error) bool { return false }

func defaultTransport() Transport { return FetchTransport{} }

// Get fetches url with "Accept: application/dns-message" and returns the
// status, the headers the client reads and at most MaxResponseSize+1
// octets of the body. A redirect is returned as it is (Node, Workers); a
// browser hides it (an "opaqueredirect" response), which gives an error
// wrapping ErrRedirect.
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
	init.Set("redirect", "manual")
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
	if resp.Get("type").String() == "opaqueredirect" {
		return nil, fmt.Errorf("doh: fetch: %w (the browser hides its status and target)", ErrRedirect)
	}
	out := &HTTPResponse{Status: resp.Get("status").Int()}
	h := resp.Get("headers")
	out.ContentType = header(h, "Content-Type")
	out.Age = header(h, "Age")
	if out.Status/100 == 3 {
		out.Location = header(h, "Location")
		cancelBody(resp.Get("body"))
		return out, nil
	}
	if out.Body, err = readBody(ctx, resp.Get("body")); err != nil {
		return nil, fmt.Errorf("doh: fetch body: %w", err)
	}
	return out, nil
}

// header returns the header's value, "" when absent (or hidden from a
// cross-origin page: a browser exposes few headers).
func header(headers js.Value, name string) string {
	if v := headers.Call("get", name); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

// readBody reads a ReadableStream (a null body is empty) chunk by chunk
// and cancels it once it holds more than MaxResponseSize octets: at most
// MaxResponseSize+1 are kept, and a huge body is never read whole.
func readBody(ctx context.Context, body js.Value) ([]byte, error) {
	if body.IsNull() || body.IsUndefined() {
		return nil, nil
	}
	reader := body.Call("getReader")
	var out []byte
	for {
		chunk, err := await(ctx, func() js.Value { return reader.Call("read") })
		if err != nil {
			return nil, err
		}
		if chunk.Get("done").Bool() {
			return out, nil
		}
		v := chunk.Get("value")
		n := min(v.Get("byteLength").Int(), MaxResponseSize+1-len(out))
		out = slices.Grow(out, n)
		js.CopyBytesToGo(out[len(out):len(out)+n], v.Call("subarray", 0, n))
		out = out[:len(out)+n]
		if len(out) > MaxResponseSize {
			ignore(func() js.Value { return reader.Call("cancel") })
			return out, nil
		}
	}
}

// cancelBody discards a body that will not be read, so that the connection
// is not held for it.
func cancelBody(body js.Value) {
	if body.IsNull() || body.IsUndefined() {
		return
	}
	ignore(func() js.Value { return body.Call("cancel") })
}

// ignore calls start, which returns a promise, and lets it settle unseen
// (a rejection is no unhandled rejection).
func ignore(start func() js.Value) {
	call(func() { start().Call("catch", js.Global().Get("Function").New("")) })
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
