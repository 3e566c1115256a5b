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
	"sort"
	"strings"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/terminal"
	"github.com/mxplain/mxplain/parsers/explain"
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
	synopsis: "[--json] [--resolver URL] [--zone FILE]... [--selector S]... [--ip IP [--sender ADDR] [--helo NAME]] [--fields] DOMAIN",
	summary:  "look up a live domain",
	help: `Looks up a domain's mail setup over DNS-over-HTTPS and explains it: MX hosts
and their addresses, the SPF policy with every include and the DNS lookups it
costs, the DMARC policy found by the RFC 9989 tree walk, DKIM keys at the
selectors named and at common selectors, and what is wrong across them.
At most ` + fmt.Sprint(inspect.MaxQueries) + ` queries are sent.

Each record is shown with its summary and findings; --fields also marks and
explains every field of it, as mxplain explain does.

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
	resolver         resolverFlag
	zones, selectors stringsFlag
	ip, sender, helo *string
}

// lookupFlags declares lookup's flags.
func lookupFlags(fs *flag.FlagSet) *lookupOptions {
	o := &lookupOptions{resolver: "cloudflare"}
	o.asJSON = fs.Bool("json", false, "print the report as JSON")
	fs.Var(&o.resolver, "resolver", "the DoH resolver: cloudflare, google, quad9 or an https `URL`")
	fs.Var(&o.zones, "zone", "a zone `FILE` to lay over live DNS, to see the domain as it will be once published (repeatable)")
	fs.Var(&o.selectors, "selector", "a DKIM selector `S` to look up besides the common ones (repeatable)")
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
	if len(rest) != 1 {
		fs.Usage()
		return exitUsage, fmt.Errorf("want one DOMAIN, got %d arguments", len(rest))
	}
	domain, err := inspect.Normalize(rest[0])
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
	rep := inspect.Domain(ctx, r, domain, opts)
	rep.Input = rest[0]
	rep.Queries = client.Queries()
	if *o.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
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

func firstRequired(errs []inspect.DNSError) string {
	for _, e := range errs {
		if !e.Optional {
			return e.Message
		}
	}
	return ""
}

// report prints a lookup report for a terminal: each part with its records
// explained, then the findings across records and the failed queries.
func (r *renderer) report(rep *inspect.Report, endpoint string, zones []string) {
	title := rep.Domain
	if rep.Input != "" && strings.TrimSuffix(strings.ToLower(rep.Input), ".") != rep.Domain {
		title += " (" + rep.Input + ")"
	}
	fmt.Fprintf(r.w, "%s\n", r.paint(bold, title))
	via := endpoint
	if len(zones) > 0 {
		via += ", with " + strings.Join(zones, ", ") + " laid over it"
	}
	r.wrap("  ", fmt.Sprintf("%d queries to %s in %.0f ms.", rep.Queries, via, rep.ElapsedMS))

	r.section("MX")
	switch {
	case rep.MX.Error != nil:
		r.wrap("  ", "The MX query failed: "+rep.MX.Error.Message)
	case rep.NXDomain:
		r.wrap("  ", rep.Domain+" does not exist (NXDOMAIN).")
	case rep.MX.NullMX:
		r.wrap("  ", "Null MX: the domain accepts no mail (RFC 7505).")
	case rep.MX.Implicit:
		r.wrap("  ", "No MX records: senders deliver to the domain's own addresses (implicit MX, RFC 5321 §5.1).")
	}
	if len(rep.MX.Alias) > 0 {
		r.wrap("  ", fmt.Sprintf("%s is an alias (CNAME) of %s: senders use that name's MX records (RFC 5321 §5.1).", rep.Domain, strings.Join(rep.MX.Alias, " → ")))
	}
	for _, h := range rep.MX.Hosts {
		var addrs []string
		for _, a := range h.Addresses {
			addrs = append(addrs, a.String())
		}
		line := fmt.Sprintf("  %3d  %s", h.Preference, terminal.Visible(h.Exchange))
		if len(h.Alias) > 0 {
			line += "  → CNAME " + terminal.Visible(strings.Join(h.Alias, " → "))
		}
		if len(addrs) > 0 {
			line += "  " + r.paint(cyan, strings.Join(addrs, ", "))
		} else if len(h.Errors) == 0 {
			line += "  " + r.paint(red, "no address")
		}
		fmt.Fprintln(r.w, line)
		for _, e := range h.Errors {
			r.wrapMarked("       ", r.paint(red, "query failed: ")+terminal.Visible(e.Message))
		}
	}
	for _, rec := range rep.MX.Records {
		fmt.Fprintln(r.w)
		r.record(rec.Value, rec)
	}

	r.section(fmt.Sprintf("SPF  (%d of 10 DNS lookups, %d of 2 void lookups)", rep.SPF.DNSLookups, rep.SPF.VoidLookups))
	if rep.SPF.Tree != nil {
		r.spfTree(rep.SPF.Tree, "  ")
		if len(rep.SPF.Networks) > 0 {
			r.wrap("  ", "Authorised networks: "+strings.Join(rep.SPF.Networks, ", "))
		}
		for _, p := range rep.SPF.Problems {
			r.finding(p.Severity, p.Code, "", p.Message)
		}
		if c := rep.SPF.Check; c != nil {
			fmt.Fprintln(r.w)
			r.wrapMarked("  ", terminal.Visible(fmt.Sprintf("check_host(%s, %s, %s) = ", c.IP, c.Domain, c.Sender))+r.paint(bold, c.Result))
			for _, st := range c.Path {
				mark := " "
				if st.Match {
					mark = "✓"
				}
				line := fmt.Sprintf("%s%s %s  %s", strings.Repeat("  ", st.Depth+2), mark, terminal.Visible(st.Term), terminal.Visible(st.Note))
				if st.Result != "" {
					line += "  → " + terminal.Visible(st.Result)
				}
				fmt.Fprintln(r.w, line)
			}
			if c.Problem != "" {
				r.wrap("    ", c.Problem)
			}
			if c.Explanation != "" {
				r.wrap("    ", "exp: "+c.Explanation)
			}
		}
		var recs []explain.Record
		var collect func(n *inspect.SPFNode)
		collect = func(n *inspect.SPFNode) {
			if n.Record != nil {
				recs = append(recs, *n.Record)
			}
			for _, c := range n.Children {
				collect(c)
			}
		}
		collect(rep.SPF.Tree)
		for _, rec := range recs {
			fmt.Fprintln(r.w)
			r.record(rec.Value, rec)
		}
	}

	d := rep.DMARC
	r.section("DMARC")
	for _, s := range d.Walk {
		state := "no record"
		switch {
		case s.Error != nil:
			state = r.paint(red, "query failed: "+s.Error.Message)
		case s.Valid && s.Domain == d.PolicyDomain:
			state = r.paint(bold, "policy record")
		case s.Valid:
			state = "DMARC record"
		case len(s.Records) > 0:
			state = fmt.Sprintf("%d TXT record(s), none usable", len(s.Records))
		}
		if s.AfterStop {
			state += " (after the walk stopped)"
		}
		fmt.Fprintf(r.w, "  %-40s %s\n", terminal.Visible(s.Name), state)
	}
	walkFailed := false
	for _, s := range d.Walk {
		walkFailed = walkFailed || (s.Error != nil && !s.AfterStop)
	}
	if walkFailed {
		r.wrapMarked("  ", r.paint(red, "A query of the tree walk failed, so what follows may be wrong:")+" receivers that get an answer there may find another record.")
	}
	if d.PolicyDomain != "" {
		r.wrap("  ", fmt.Sprintf("Policy domain %s (%s), organizational domain %s: receivers apply p=%s to mail from %s.", d.PolicyDomain, d.Source, d.OrganizationalDomain, d.Policy, rep.Domain))
	} else {
		r.wrap("  ", fmt.Sprintf("No DMARC policy applies; organizational domain %s.", d.OrganizationalDomain))
	}
	if d.Legacy.OrganizationalDomain != d.OrganizationalDomain || d.Legacy.PolicyDomain != d.PolicyDomain {
		r.wrap("  ", fmt.Sprintf("RFC 7489 receivers: organizational domain %s, policy domain %s.", d.Legacy.OrganizationalDomain, orDash(d.Legacy.PolicyDomain)))
	}
	for _, a := range d.Reports {
		state := r.paint(red, "not authorised")
		switch {
		case a.Error != nil:
			state = r.paint(red, "query failed: "+a.Error.Message)
		case a.Authorized:
			state = "authorised"
		}
		r.wrapMarked("  ", fmt.Sprintf("%s %s: %s at %s", terminal.Visible(a.Tag), terminal.Visible(a.URI), state, terminal.Visible(a.Name)))
	}
	if d.Record != nil {
		fmt.Fprintln(r.w)
		r.record(d.Record.Value, *d.Record)
	}

	r.section("DKIM")
	var found, absent, failed, skipped []string
	for _, p := range rep.DKIMSelectors {
		switch {
		case p.Skipped:
			skipped = append(skipped, p.Selector)
		case p.Found:
			found = append(found, p.Selector)
		case p.Error != nil:
			failed = append(failed, p.Selector+" ("+p.Error.Kind+")")
		default:
			absent = append(absent, p.Selector)
		}
	}
	if len(absent) > 0 {
		r.wrap("  ", "No key at: "+strings.Join(absent, ", "))
	}
	if len(failed) > 0 {
		r.wrapMarked("  ", r.paint(red, "Query failed for: ")+terminal.Visible(strings.Join(failed, ", ")))
	}
	if len(skipped) > 0 {
		r.wrap("  ", "Not probed, to keep the query budget for MX, SPF and DMARC: "+strings.Join(skipped, ", "))
	}
	sort.Strings(found)
	for _, s := range found {
		fmt.Fprintln(r.w)
		rec := rep.DKIM[s]
		r.record(rec.Value, rec)
	}

	if len(rep.Findings) > 0 {
		r.section("Across records")
		for _, f := range rep.Findings {
			r.finding(f.Severity, f.Code, f.Ref, f.Message)
		}
	}
	if len(rep.Errors) > 0 {
		r.section("Failed queries")
		for _, e := range rep.Errors {
			opt := ""
			if e.Optional {
				opt = " (a probe; the report is whole without it)"
			}
			where := strings.TrimSpace(e.Name + " " + e.Type)
			r.wrap("  ", fmt.Sprintf("%s, %s: %s%s", e.Part, where, e.Message, opt))
		}
	}
}

func (r *renderer) section(title string) {
	fmt.Fprintf(r.w, "\n%s\n", r.paint(bold, title))
}

// finding prints one finding not tied to bytes of a record.
func (r *renderer) finding(sev explain.Severity, code, ref, msg string) {
	m := severityMarks[sev]
	head := fmt.Sprintf("  %s %s", r.paint(m.color, m.mark), r.paint(dim, code))
	if ref != "" {
		head += r.paint(dim, " ("+ref+")")
	}
	fmt.Fprintln(r.w, head)
	r.wrap("      ", msg)
}

// spfTree prints the include tree, one record a line, with the terms that
// spend lookups.
func (r *renderer) spfTree(n *inspect.SPFNode, indent string) {
	line := indent + terminal.Visible(n.Domain)
	if n.Via != "" {
		line = indent + terminal.Visible(n.Via) + "  →  " + terminal.Visible(n.Domain)
	}
	if n.Record != nil {
		line += "  " + r.paint(cyan, quoteShort(n.Record.Value))
	}
	if n.Error != "" {
		line += "  " + r.paint(red, n.Error)
	}
	fmt.Fprintln(r.w, line)
	var spends []string
	for _, s := range n.Spends {
		v := ""
		if s.Void {
			v = ", void"
		}
		spends = append(spends, fmt.Sprintf("%s (#%d%s)", s.Term, s.Lookup, v))
	}
	if len(spends) > 0 {
		r.wrap(indent+"    ", "lookups: "+strings.Join(spends, ", "))
	}
	for _, c := range n.Children {
		r.spfTree(c, indent+"  ")
	}
}

func orDash(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
