//go:build js && wasm

package doh_test

import (
	"context"
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"syscall/js"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
)

// Node's fetch supports data: URLs, which need no network.
func TestFetchTransport(t *testing.T) {
	m := new(dns.Msg)
	m.SetQuestion("example.com.", dns.TypeA)
	m.Response = true
	wire, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	url := "data:" + doh.MediaType + ";base64," + base64.StdEncoding.EncodeToString(wire)
	resp, err := doh.FetchTransport{}.Get(context.Background(), url)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if resp.Status != 200 || resp.ContentType != doh.MediaType || string(resp.Body) != string(wire) {
		t.Errorf("response %d %q %x, want 200 %q %x", resp.Status, resp.ContentType, resp.Body, doh.MediaType, wire)
	}
	if _, ok := doh.DefaultTransport().(doh.FetchTransport); !ok {
		t.Errorf("DefaultTransport is %T", doh.DefaultTransport())
	}
}

func TestFetchTransportErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (doh.FetchTransport{}).Get(ctx, "data:,x"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := (doh.FetchTransport{}).Get(context.Background(), "notascheme://x"); err == nil {
		t.Error("bad scheme: no error")
	}
	// An unroutable address: the abort signal must end the request.
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := (doh.FetchTransport{}).Get(ctx, "http://192.0.2.1:9/dns-query")
	if err == nil {
		t.Fatal("unroutable: no error")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to give up", d)
	}
}

// A fetch that never answers: the context's deadline must abort it through
// the AbortController signal.
func TestFetchTransportAbort(t *testing.T) {
	saved := js.Global().Get("fetch")
	defer js.Global().Set("fetch", saved)
	hang := js.Global().Get("Function").New("url", "init", `
		return new Promise((resolve, reject) => {
			init.signal.addEventListener("abort", () => reject(new Error("aborted by signal")));
		});`)
	js.Global().Set("fetch", hang)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := (doh.FetchTransport{}).Get(ctx, "https://resolver.example/dns-query")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want one wrapping context.DeadlineExceeded", err)
	}
	// The client reports it as a timeout.
	c, err := doh.New(doh.Cloudflare, doh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := c.Query(ctx2, "example.com", dns.TypeA); !errors.Is(err, doh.ErrTimeout) {
		t.Errorf("Query error %v, want ErrTimeout", err)
	}
	time.Sleep(10 * time.Millisecond) // let the rejected promises call back
}
