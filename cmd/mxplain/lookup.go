package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/stsfetch"
)

// lookupTransport, when not nil, replaces the DoH client's HTTP transport
// (tests point it at an in-process server).
var lookupTransport doh.Transport

// resolverFlag is --resolver: a DoH resolver named (cloudflare, google,
// quad9) or given by its URL.
type resolverFlag string

// resolvers are the names --resolver accepts besides a URL.
var resolvers = map[string]string{"cloudflare": doh.Cloudflare, "google": doh.Google, "quad9": doh.Quad9}

func (r *resolverFlag) String() string     { return string(*r) }
func (r *resolverFlag) Set(v string) error { *r = resolverFlag(v); return nil }
func (r *resolverFlag) Words() []string    { return slices.Sorted(maps.Keys(resolvers)) }

// client returns a DoH client for the resolver that sends at most budget
// queries (negative: no limit).
func (r *resolverFlag) client(budget int) (*doh.Client, error) {
	endpoint := string(*r)
	if u, ok := resolvers[strings.ToLower(endpoint)]; ok {
		endpoint = u
	}
	client, err := doh.New(endpoint, doh.Options{Transport: lookupTransport, Budget: budget})
	if err != nil {
		return nil, fmt.Errorf("--resolver: %w", err)
	}
	return client, nil
}

// lookupCommand is "mxplain lookup".
var lookupCommand = command{
	name:     "lookup",
	synopsis: "[--json | --markdown] [--resolver URL] [--zone FILE]... [--selector S]... [--bimi-selector S] [--ip IP [--sender ADDR] [--helo NAME]] [--fields] DOMAIN",
	summary:  "look up a live domain",
	help: `Looks up a domain's mail setup over DNS-over-HTTPS and explains it: MX hosts
and their addresses, the SPF policy with every include and the DNS lookups it
costs, the DMARC policy found by the RFC 9989 tree walk, DKIM keys at the
selectors named and at common selectors, the MTA-STS record and its policy
(fetched from https://mta-sts.DOMAIN/.well-known/mta-sts.txt and matched
against the MX hosts), the TLS-RPT record, the BIMI record and whether the
DMARC policy lets its logo be shown, and what is wrong across them.
At most ` + fmt.Sprint(inspect.MaxQueries) + ` queries are sent.

DOMAIN may also be a mail address (postmaster@example.com, "Jane
<jane@example.com>", mailto:jane@example.com) or a URL
(https://www.example.com/contact): the address's domain, or the URL's host
without a leading www., is looked up.

A checklist comes first: one line per part, marked ok, warning or error,
with what it found. Each record is shown with its summary and findings;
--fields also marks and explains every field of it, as mxplain explain does.
--json prints the report as JSON (its "verdicts" are the checklist),
--markdown as Markdown (the page's "Copy as Markdown" gives the same text).

--zone FILE lays zone files over live DNS to show the domain as the world
will see it once they are published: every name inside a file's zones is
answered from the file alone (give whole zones), every other name live.

Exit status: 0 no error findings, 1 error findings, 2 usage, I/O or network
error (the report is printed even when some queries failed).`,
	flags: func(fs *flag.FlagSet) { lookupFlags(fs) },
}

// lookupOptions are lookup's flags.
type lookupOptions struct {
	asJSON, fields   *bool
	markdown         *bool
	resolver         resolverFlag
	zones, selectors stringsFlag
	ip, sender, helo *string
	bimiSelector     *string
}

// lookupFlags declares lookup's flags.
func lookupFlags(fs *flag.FlagSet) *lookupOptions {
	o := &lookupOptions{resolver: "cloudflare"}
	o.asJSON = fs.Bool("json", false, "print the report as JSON")
	o.markdown = fs.Bool("markdown", false, "print the report as Markdown")
	fs.Var(&o.resolver, "resolver", "the DoH resolver: cloudflare, google, quad9 or an https `URL`")
	fs.Var(&o.zones, "zone", "a zone `FILE` to lay over live DNS, to see the domain as it will be once published (repeatable)")
	fs.Var(&o.selectors, "selector", "a DKIM selector `S` to look up besides the common ones (repeatable)")
	o.bimiSelector = fs.String("bimi-selector", "", "the BIMI selector `S` to look up instead of \"default\" (a message's BIMI-Selector header)")
	o.ip = fs.String("ip", "", "evaluate SPF for a client at this `IP` address and show the path that decided")
	o.sender = fs.String("sender", "", "with --ip: the MAIL FROM address `ADDR` (default postmaster@DOMAIN)")
	o.helo = fs.String("helo", "", "with --ip: the HELO/EHLO `NAME`")
	o.fields = fs.Bool("fields", false, "explain every field of every record found (as mxplain explain does)")
	return o
}

// runLookup implements "mxplain lookup".
func runLookup(args []string, stdout io.Writer) (int, error) {
	fs := lookupCommand.flagSet(stdout)
	o := lookupFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage, err
	}
	zones, selectors, ipFlag, sender, helo := o.zones, o.selectors, o.ip, o.sender, o.helo
	if *o.asJSON && *o.markdown {
		return exitUsage, errors.New("--json and --markdown: choose one")
	}
	if len(rest) != 1 {
		fs.Usage()
		return exitUsage, fmt.Errorf("want one DOMAIN, got %d arguments", len(rest))
	}
	domain, _, err := inspect.Target(rest[0])
	if err != nil {
		return exitUsage, err
	}
	for i, sel := range selectors {
		if selectors[i], err = inspect.Selector(sel, domain); err != nil {
			return exitUsage, fmt.Errorf("--selector: %w", err)
		}
	}
	opts := inspect.NewOptions(time.Now())
	opts.Selectors, opts.Sender, opts.Helo = selectors, *sender, *helo
	opts.Policy = stsfetch.New(stsfetch.Options{}) // the MTA-STS policy, fetched natively (RFC 8461 §3.3)
	if *o.bimiSelector != "" {
		if opts.BIMISelector, err = inspect.BIMISelector(*o.bimiSelector, domain); err != nil {
			return exitUsage, fmt.Errorf("--bimi-selector: %w", err)
		}
	}
	if *ipFlag != "" {
		if opts.IP, err = netip.ParseAddr(*ipFlag); err != nil {
			return exitUsage, fmt.Errorf("--ip %q: not an IP address", *ipFlag)
		}
	} else if *sender != "" || *helo != "" {
		return exitUsage, errors.New("--sender and --helo need --ip")
	}
	client, err := o.resolver.client(inspect.MaxQueries)
	if err != nil {
		return exitUsage, err
	}
	var r doh.Resolver = client
	if len(zones) > 0 {
		store := zone.New()
		for _, path := range zones {
			f, err := os.Open(path)
			if err != nil {
				return exitUsage, err
			}
			err = store.Load(f, path)
			f.Close()
			if err != nil {
				return exitUsage, err
			}
		}
		r = zone.Overlay{Zones: store, Upstream: client}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep := inspect.Domain(ctx, r, rest[0], opts)
	rep.Queries = client.Queries()
	if *o.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return exitUsage, err
		}
	} else if *o.markdown {
		if _, err := io.WriteString(stdout, inspect.Markdown(rep)); err != nil {
			return exitUsage, err
		}
	} else {
		view := newRenderer(stdout)
		view.fields = *o.fields
		view.report(rep, client.Endpoint(), zones)
	}
	switch {
	case rep.Partial():
		return exitUsage, fmt.Errorf("the report is incomplete: %d queries failed (first: %s)", countRequired(rep.Errors), firstRequired(rep.Errors))
	case rep.HasErrors():
		return exitFindings, nil
	}
	return exitOK, nil
}

func countRequired(errs []inspect.DNSError) int {
	n := 0
	for _, e := range errs {
		if !e.Optional {
			n++
		}
	}
	return n
}

// firstRequired names the first failed query the report needed and how it
// failed: its name, type and kind (the messages are in the report).
func firstRequired(errs []inspect.DNSError) string {
	for _, e := range errs {
		if !e.Optional {
			return where(e) + ", " + e.KindLabel()
		}
	}
	return ""
}
