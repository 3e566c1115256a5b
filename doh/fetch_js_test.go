//go:build js && wasm

package doh_test

import (
	"context"
	"errors"
	"syscall/js"
	"testing"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

// jsEval runs JavaScript source as the body of a function with no
// arguments and returns its result.
func jsEval(src string) js.Value { return js.Global().Get("Function").New(src).Invoke() }

// settle waits for a JavaScript promise, failing the test if it rejects.
func settle(t *testing.T, p js.Value) js.Value {
	t.Helper()
	ch := make(chan js.Value, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any { ch <- args[0]; return nil })
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- js.ValueOf("rejected: " + args[0].Call("toString").String())
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	v := <-ch
	if v.Type() == js.TypeString && len(v.String()) > 9 && v.String()[:9] == "rejected:" {
		t.Fatal(v.String())
	}
	return v
}

// withFetch replaces the global fetch with f (JavaScript source of a
// function (url, init)) for the test.
func withFetch(t *testing.T, f string) {
	saved := js.Global().Get("fetch")
	t.Cleanup(func() { js.Global().Set("fetch", saved) })
	js.Global().Set("fetch", jsEval("return "+f))
}

// The body is read chunk by chunk and cancelled past the cap: a 64 MB body
// costs a few chunks, not 64 MB (issue 11).
func TestFetchStreamsBody(t *testing.T) {
	withFetch(t, `(url, init) => {
		globalThis.pulls = 0;
		globalThis.cancelled = false;
		const chunk = new Uint8Array(16 << 10);
		const body = new ReadableStream({
			pull(c) { if (++globalThis.pulls > 4096) c.close(); else c.enqueue(chunk); },
			cancel() { globalThis.cancelled = true; },
		}, {highWaterMark: 0});
		return Promise.resolve(new Response(body, {headers: {"Content-Type": "application/dns-message", "Age": "7"}}));
	}`)
	resp, err := doh.FetchTransport{}.Get(context.Background(), "https://resolver.example/dns-query")
	if err != nil {
		t.Fatal(err)
	}
	pulls := js.Global().Get("pulls").Int()
	if len(resp.Body) != doh.MaxResponseSize+1 || !js.Global().Get("cancelled").Bool() || pulls > 6 || resp.Age != "7" {
		t.Errorf("%d octets, cancelled %v, %d chunks pulled, Age %q; want %d, true, at most 6, 7",
			len(resp.Body), js.Global().Get("cancelled").Bool(), pulls, resp.Age, doh.MaxResponseSize+1)
	}
}

// In a browser a redirect is an opaque response: an ErrRedirect.
func TestFetchOpaqueRedirect(t *testing.T) {
	withFetch(t, `(url, init) => {
		if (init.redirect !== "manual") return Promise.reject(new Error("redirect is " + init.redirect));
		return Promise.resolve({type: "opaqueredirect", status: 0, headers: new Headers(), body: null});
	}`)
	c, err := doh.New(doh.Cloudflare, doh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Query(context.Background(), "example.com", dns.TypeTXT)
	if !errors.Is(err, doh.ErrRedirect) {
		t.Errorf("error %v, want ErrRedirect", err)
	}
}

// nodeServer starts a Node HTTP server on loopback running handler (the
// JavaScript source of a function (req, res, state)) and returns its URL
// and its state object.
func nodeServer(t *testing.T, handler string) (string, js.Value) {
	t.Helper()
	p := jsEval(`
		const http = globalThis.require("http");
		const state = {requests: 0, written: 0};
		const handle = ` + handler + `;
		const server = http.createServer((req, res) => { state.requests++; handle(req, res, state); });
		return new Promise(resolve => server.listen(0, "127.0.0.1", () =>
			resolve({url: "http://127.0.0.1:" + server.address().port, state, server})));`)
	v := settle(t, p)
	t.Cleanup(func() {
		v.Get("server").Call("closeAllConnections")
		v.Get("server").Call("close")
	})
	return v.Get("url").String(), v.Get("state")
}

// Node's own fetch against real servers: a redirect, to another host or
// to itself, costs one request and is an ErrRedirect; a huge body is cut
// (issue 11).
func TestFetchNodeServer(t *testing.T) {
	other, elsewhere := nodeServer(t, `(req, res) => res.end()`)
	url, state := nodeServer(t, `(req, res, state) => {
		if (req.url.startsWith("/huge")) {
			res.writeHead(200, {"Content-Type": "application/dns-message"});
			const chunk = Buffer.alloc(64 << 10);
			const write = () => {
				while (state.written < (256 << 20)) {
					state.written += chunk.length;
					if (!res.write(chunk)) { res.once("drain", write); return; }
				}
				res.end();
			};
			res.on("close", () => { state.closed = true; });
			write();
			return;
		}
		const target = req.url.startsWith("/loop") ? req.url : "`+other+`" + req.url;
		res.writeHead(301, {"Location": target});
		res.end();
	}`)
	for _, path := range []string{"/loop", "/elsewhere"} {
		t.Run(path, func(t *testing.T) {
			state.Set("requests", 0)
			c, err := doh.New(url+path, doh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Query(context.Background(), "example.com", dns.TypeTXT)
			var e *doh.Error
			if !errors.As(err, &e) || !errors.Is(err, doh.ErrRedirect) || e.Status != 301 {
				t.Errorf("error %v, want ErrRedirect 301", err)
			}
			if n, m := state.Get("requests").Int(), elsewhere.Get("requests").Int(); n != 1 || m != 0 {
				t.Errorf("%d requests, %d elsewhere; want 1 and 0", n, m)
			}
		})
	}
	t.Run("huge", func(t *testing.T) {
		c, err := doh.New(url+"/huge", doh.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Query(context.Background(), "example.com", dns.TypeTXT)
		if !errors.Is(err, doh.ErrMalformed) {
			t.Errorf("error %v, want ErrMalformed", err)
		}
		settle(t, jsEval(`return new Promise(r => setTimeout(r, 200))`))
		if w := state.Get("written").Int(); w > 32<<20 {
			t.Errorf("the server wrote %d MB: the body was read on", w>>20)
		}
	})
}
