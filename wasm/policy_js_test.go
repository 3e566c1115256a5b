//go:build js && wasm

package main

import (
	"context"
	"syscall/js"
	"testing"
	"time"
)

// withFetch replaces the global fetch with f (JavaScript source of a
// function (url, init)) for the test.
func withFetch(t *testing.T, f string) {
	t.Helper()
	saved := js.Global().Get("fetch")
	t.Cleanup(func() { js.Global().Set("fetch", saved) })
	js.Global().Set("fetch", js.Global().Get("Function").New("return "+f).Invoke())
}

// TestFetchText: the page's fetcher asks fetch for the path with Accept:
// application/json and reads the status, the type and the text.
func TestFetchText(t *testing.T) {
	withFetch(t, `(url, init) => {
		globalThis.asked = url + " " + init.headers.Accept;
		return Promise.resolve(new Response('{"domain":"example.com","url":"https://mta-sts.example.com/.well-known/mta-sts.txt","content_type":"text/plain","body":"version: STSv1\\n"}',
			{status: 200, headers: {"Content-Type": "application/json; charset=utf-8"}}));
	}`)
	pf, err := pagePolicy{"/api/v1/mta-sts-policy"}.FetchPolicy(context.Background(), "example.com")
	if err != nil || pf.Body != "version: STSv1\n" || pf.ContentType != "text/plain" {
		t.Fatalf("got %+v, %v", pf, err)
	}
	if got := js.Global().Get("asked").String(); got != "/api/v1/mta-sts-policy?domain=example.com application/json" {
		t.Errorf("fetch asked %q", got)
	}
}

// TestFetchTextFailures: a rejected fetch is "transport", a fetch that does
// not settle is aborted when the context ends ("timeout"), a synchronous
// exception is an error, not a hang.
func TestFetchTextFailures(t *testing.T) {
	for name, c := range map[string]struct {
		fetch, kind string
	}{
		"rejected":   {`() => Promise.reject(new TypeError("Failed to fetch"))`, "transport"},
		"never":      {`(url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => { globalThis.aborted = true; reject(new Error("aborted")); }))`, "timeout"},
		"throws":     {`() => { throw new Error("no"); }`, "transport"},
		"not a page": {`() => Promise.resolve(new Response("<html>", {status: 200, headers: {"Content-Type": "text/html"}}))`, "unavailable"},
	} {
		t.Run(name, func(t *testing.T) {
			js.Global().Set("aborted", false)
			withFetch(t, c.fetch)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err := pagePolicy{"/api/v1/mta-sts-policy"}.FetchPolicy(ctx, "example.com")
			e, ok := err.(*policyError)
			if !ok || e.Kind() != c.kind {
				t.Fatalf("error %v, want kind %s", err, c.kind)
			}
			if name == "never" && !js.Global().Get("aborted").Bool() {
				t.Error("the fetch was not aborted")
			}
		})
	}
}
