// Command realdns serves a folder of zone files (default e2e/zones) with
// Knot DNS behind Unbound's DNS-over-HTTPS on loopback (internal/realdns)
// for the browser test e2e/realdns.test.mjs. It prints one JSON line,
//
//	{"url": "https://127.0.0.1:PORT/dns-query", "ca": "/tmp/…/ca.pem", "spki": "…",
//	 "signed": ["dane.test.", "test."]}
//
// when the servers answer ("signed": the zones signed at start, whose
// answers Unbound validates: see internal/realdns), and stops them when its standard input closes
// or it gets SIGINT or SIGTERM (and the kernel stops them if it dies).
//
// Its tests run `mxplain lookup` against these servers and against
// `mxplain serve --zones` on the same fixtures, and the RFC 7208 suite
// end to end through both.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mxplain/mxplain/internal/realdns"
)

func main() {
	zones := flag.String("zones", "e2e/zones", "the folder of *.zone files to serve")
	logs := flag.Bool("logs", false, "write the servers' logs to stderr when stopping")
	flag.Parse()
	s, err := realdns.Start(*zones, realdns.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { io.Copy(io.Discard, os.Stdin); stop() }()
	json.NewEncoder(os.Stdout).Encode(map[string]any{"url": s.URL, "ca": s.CAFile, "spki": s.SPKI, "signed": s.Signed})
	<-ctx.Done()
	if *logs {
		fmt.Fprint(os.Stderr, s.Logs())
	}
}
