package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/web"
	"github.com/mxplain/mxplain/web/api"
)

// serveCommand is "mxplain serve".
var serveCommand = command{
	name:     "serve",
	synopsis: "[--addr 127.0.0.1:8080] [--resolver URL] [--zones DIR]",
	summary:  "serve the page and the JSON API",
	help: `Serves the mxplain page: paste a record and see it explained, in the browser,
with nothing sent to a server. Also serves the JSON API (` + api.ExplainPath + `,
` + api.LookupPath + `, ` + api.PolicyPath + `, described at ` + api.OpenAPIPath + `; try
curl -d 'v=spf1 -all' URL` + api.ExplainPath + `) and ` + api.HealthPath + `, over HTTP/1.1 and
HTTP/2 without TLS (h2c). With --zones, also serves a DNS-over-HTTPS
resolver (RFC 8484) on ` + zoneserver.Path + ` answering from zone files, so the
page works offline against fixtures. A binary built without the page (as
go install builds it) serves the API, and says at / how to get the page.
Stops on SIGINT or SIGTERM, once the requests in flight are answered.`,
	flags: func(fs *flag.FlagSet) { serveFlags(fs) },
}

// serveFlags declares serve's flags.
func serveFlags(fs *flag.FlagSet) (addr, resolver, zones *string) {
	addr = fs.String("addr", "127.0.0.1:8080", "the `ADDRESS` to listen on")
	resolver = fs.String("resolver", "", "the DoH resolver `URL` the page queries (default "+web.DefaultResolver+", or /dns-query with --zones)")
	zones = fs.String("zones", "", "also answer DoH queries on "+zoneserver.Path+" from the *.zone files in this folder `DIR` (and its "+zoneserver.FaultsFile+" file)")
	return addr, resolver, zones
}

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
	fs := serveCommand.flagSet(stdout)
	addr, resolver, zones := serveFlags(fs)
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
	page, err := web.New(web.Options{Resolver: *resolver, Assets: pageAssets})
	if err != nil {
		return exitUsage, err
	}
	wasm := web.WasmBuilt(page)
	if wasm {
		mux.Handle("/", page)
	} else {
		// A `go install` build: static/gen holds no wasm. Rather than a
		// page that cannot explain anything, / says how to get one.
		fmt.Fprintln(stderr, "mxplain serve: this binary has no page (it was built without `make build`, as `go install` builds it); / says how to get one. The API answers on "+api.Prefix)
		mux.Handle("/", noPage{})
	}

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
	// MTA-STS policies are fetched natively, public hosts only, the
	// address checked as it is dialled (internal/stsfetch).
	apiHandler, err := api.New(api.Options{Resolver: apiResolver, Cache: api.NewMemoryCache(0), Wasm: &wasm, Version: buildVersion(),
		Policy: stsfetch.New(stsfetch.Options{})})
	if err != nil {
		ln.Close()
		return exitUsage, err
	}
	mux.Handle(api.HealthPath, apiHandler)
	srv := &http.Server{
		Handler:           apiFirst(mux, apiHandler),
		ReadHeaderTimeout: 10 * time.Second,
		// ReadTimeout bounds reading a request, body included (per stream
		// with HTTP/2): a client trickling a body is cut off.
		ReadTimeout: bodyTimeout,
		IdleTimeout: 120 * time.Second,
		// HTTP/1.1, and HTTP/2 without TLS (h2c, RFC 9113 §3.3), for DoH
		// clients of /dns-query and everything else.
		Protocols: new(http.Protocols),
	}
	srv.Protocols.SetHTTP1(true)
	srv.Protocols.SetUnencryptedHTTP2(true)
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
	// The grace covers the longest request: a wait for a turn, then a
	// lookup to its deadline.
	grace := apiHandler.Longest() + shutdownMargin
	fmt.Fprintf(stderr, "mxplain serve: shutting down (requests in flight have %v)\n", grace)
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
		return exitUsage, fmt.Errorf("shutting down: %w", err)
	}
	return exitOK, nil
}

// apiFirst sends /api and the paths under api.Prefix to the API as they
// are, and the others to mux: mux would answer an unclean path
// ("/api/v1//explain") with a redirect in HTML, where the API answers in
// JSON, as the Worker, which serves the API alone, does.
func apiFirst(mux *http.ServeMux, apiHandler http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, api.Prefix) || r.URL.Path+"/" == api.Prefix {
			apiHandler.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// Timeouts of serve (variables for the tests).
var (
	// bodyTimeout bounds reading a request, headers and body: a 64 KiB
	// body takes well under a second on any link that can use the page.
	bodyTimeout = 20 * time.Second
	// shutdownMargin is the shutdown grace beyond the API's longest request.
	shutdownMargin = 2 * time.Second
	// pageAssets are the page's files; nil means static.FS, what the
	// build embedded.
	pageAssets fs.FS
)

// noPage answers the page's paths of a binary built without the page: / says
// so and how to get one; other paths are 404 with the same text.
type noPage struct{}

func (noPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Type", "text/plain; charset=utf-8")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	status := http.StatusOK
	if r.URL.Path != "/" {
		status = http.StatusNotFound
	}
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	base := "http://" + r.Host
	fmt.Fprintf(w, noPageText, base)
}

// noPageText is noPage's text; %[1]s is the server's base URL.
const noPageText = `mxplain: this server has no page.

This mxplain binary was built without the page (with ` + "`go install`" + `, which
builds the command-line tool only): the page needs its WebAssembly build,
which ` + "`make build`" + ` makes and embeds. To get the page, build from a clone:

    git clone https://github.com/mxplain/mxplain
    cd mxplain
    make run        # builds, then serves the page on http://127.0.0.1:8080

(make run needs only Go.) This server answers the JSON API all the same:

    curl -d 'v=spf1 -all' %[1]s/api/v1/explain
    curl '%[1]s/api/v1/lookup?domain=example.com'
    %[1]s/api/v1/openapi.json describes it.
`
