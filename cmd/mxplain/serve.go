package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/web"
	"github.com/mxplain/mxplain/web/api"
)

// runServe implements "mxplain serve": the page on --addr until SIGINT or
// SIGTERM, then a graceful shutdown.
func runServe(args []string, stdout, stderr io.Writer) (int, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr, nil)
}

// serve runs the server until ctx ends. ready, when not nil, is called with
// the address listened on (tests pass --addr 127.0.0.1:0).
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(addr string)) (int, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	resolver := fs.String("resolver", "", "the DoH resolver the page queries (default "+web.DefaultResolver+", or /dns-query with --zones)")
	zones := fs.String("zones", "", "also answer DoH queries on "+zoneserver.Path+" from the *.zone files in this folder (and its "+zoneserver.FaultsFile+" file)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: mxplain serve [--addr 127.0.0.1:8080] [--resolver URL] [--zones DIR]

Serves the mxplain page: paste a record and see it explained, in the browser,
with nothing sent to a server. With --zones, also serves a DNS-over-HTTPS
resolver (RFC 8484) on `+zoneserver.Path+` answering from zone files, so the
page works offline against fixtures. Stops on SIGINT or SIGTERM.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, errHelp
		}
		return exitUsage, err
	}
	if fs.NArg() > 0 {
		return exitUsage, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	mux := http.NewServeMux()
	if *zones != "" {
		if st, err := os.Stat(*zones); err != nil || !st.IsDir() {
			return exitUsage, fmt.Errorf("--zones %q: not a folder", *zones)
		}
		dohServer, err := zoneserver.LoadDir(*zones, zoneserver.Options{})
		if err != nil {
			return exitUsage, err
		}
		mux.Handle(zoneserver.Path, dohServer)
		if *resolver == "" {
			*resolver = zoneserver.Path
		}
		fmt.Fprintf(stderr, "mxplain serve: DoH from the zones in %s (%v) on %s\n", *zones, dohServer.Apexes(), zoneserver.Path)
	}
	page, err := web.New(web.Options{Resolver: *resolver})
	if err != nil {
		return exitUsage, err
	}
	if !web.WasmBuilt(page) {
		fmt.Fprintln(stderr, "mxplain serve: warning: this binary was built without the page's WebAssembly; the page will say so. Run `make build`.")
	}
	mux.Handle("/", page)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return exitUsage, err
	}
	// The JSON API (web/api), the same handler the Worker serves. It asks
	// the page's resolver; a path on this server (/dns-query with --zones)
	// is asked over loopback.
	apiResolver := *resolver
	if strings.HasPrefix(apiResolver, "/") {
		apiResolver = "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)) + apiResolver
	}
	apiHandler, err := api.New(api.Options{Resolver: apiResolver, Cache: api.NewMemoryCache(0)})
	if err != nil {
		ln.Close()
		return exitUsage, err
	}
	mux.Handle(api.Prefix, apiHandler)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	fmt.Fprintf(stderr, "mxplain serve: http://%s/\n", ln.Addr())
	if ready != nil {
		ready(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return exitUsage, err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "mxplain serve: shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return exitUsage, err
	}
	return exitOK, nil
}
