package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/inspect"
)

// lookupOptions are the options of mxplain.lookup, as JSON (see
// static/mxplain.d.ts, LookupOptions). Selectors may also be one string,
// separated by commas or blanks.
type lookupOptions struct {
	Resolver  string          `json:"resolver"`
	Selectors json.RawMessage `json:"selectors"`
	IP        string          `json:"ip"`
	Sender    string          `json:"sender"`
	Helo      string          `json:"helo"`
	NoProbe   bool            `json:"noProbe"`
	// BIMISelector is the BIMI selector to look up instead of "default".
	BIMISelector string `json:"bimiSelector"`
	// PolicyEndpoint is the API on the page's origin that fetches MTA-STS
	// policies (/api/v1/mta-sts-policy, when `mxplain serve` or the
	// Worker serves the page); "" on a static host: see pagePolicy.
	PolicyEndpoint string `json:"policyEndpoint"`
}

// lookupJSON makes the report for domain through the resolver the options
// name (a DoH URL, made with newResolver) and returns its JSON. It never
// fails: bad options give a report whose error says why. onProgress, when
// not nil, is called with the JSON of an inspect.Progress (each pending
// query with the part that asked, see inspect's README, "Progress"): after
// every query sent, every answer and every part done when every is 0, else
// the first at once and then the latest at most once per every, until the
// report is made (latestEvery).
func lookupJSON(ctx context.Context, domain, optsJSON string, newResolver func(endpoint string) (doh.Resolver, error), onProgress func(string), every time.Duration) string {
	var o lookupOptions
	if strings.TrimSpace(optsJSON) != "" {
		if err := json.Unmarshal([]byte(optsJSON), &o); err != nil {
			return failReport(domain, fmt.Errorf("wasm: lookup options: %w", err))
		}
	}
	opts := inspect.NewOptions(time.Now())
	opts.Sender, opts.Helo, opts.NoProbe = strings.TrimSpace(o.Sender), strings.TrimSpace(o.Helo), o.NoProbe
	sel, err := selectors(o.Selectors, domain)
	if err != nil {
		return failReport(domain, err)
	}
	opts.Selectors = sel
	opts.Policy = pagePolicy{strings.TrimSpace(o.PolicyEndpoint)}
	if s := strings.TrimSpace(o.BIMISelector); s != "" {
		if opts.BIMISelector, err = inspect.BIMISelector(s, domain); err != nil {
			return failReport(domain, fmt.Errorf("wasm: bimiSelector: %w", err))
		}
	}
	if ip := strings.TrimSpace(o.IP); ip != "" {
		a, err := netip.ParseAddr(ip)
		if err != nil {
			return failReport(domain, fmt.Errorf("wasm: ip %q is not an IPv4 or IPv6 address", ip))
		}
		opts.IP = a.Unmap()
	}
	endpoint := strings.TrimSpace(o.Resolver)
	if endpoint == "" {
		endpoint = doh.Cloudflare
	}
	r, err := newResolver(endpoint)
	if err != nil {
		return failReport(domain, err)
	}
	if onProgress != nil {
		progress, stop := latestEvery(every, func(p inspect.Progress) {
			if b, err := json.Marshal(p); err == nil {
				onProgress(string(b))
			}
		})
		defer stop()
		opts.Progress = progress
	}
	b, err := json.Marshal(inspect.Domain(ctx, r, domain, opts))
	if err != nil {
		return failReport(domain, fmt.Errorf("wasm: %w", err))
	}
	return string(b)
}

// selectors reads the selectors option: a list of strings, or one string
// separated by commas or blanks, each checked and normalized for domain
// with inspect.Selector (when domain is itself a domain: if not, the
// report says so).
func selectors(raw json.RawMessage, domain string) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		var one string
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, fmt.Errorf("wasm: selectors: want a list of strings or one string")
		}
		list = []string{one}
	}
	d, _, derr := inspect.Target(domain)
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			if derr == nil {
				var err error
				if f, err = inspect.Selector(f, d); err != nil {
					return nil, fmt.Errorf("wasm: selectors: %w", err)
				}
			}
			f = strings.ToLower(f)
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// failReport is the JSON of a report that could not be made: an empty
// report (inspect.Domain without a resolver stops before any query, with
// every list present) with err as its error.
func failReport(domain string, err error) string {
	rep := inspect.Domain(context.Background(), nil, domain, inspect.NewOptions(time.Now()))
	rep.Error = err.Error()
	b, merr := json.Marshal(rep)
	if merr != nil {
		return `{"error":"wasm: cannot encode the report"}`
	}
	return string(b)
}

// markdownJSON is mxplain.lookupMarkdown(reportJSON): the report, as
// mxplain.lookup gave it, written as Markdown by inspect.Markdown (the
// text `mxplain lookup --markdown` prints for the same report). What is not
// a report gives a one-line Markdown text saying so.
func markdownJSON(reportJSON string) string {
	var r inspect.Report
	if err := json.Unmarshal([]byte(reportJSON), &r); err != nil {
		return "The report could not be read: " + err.Error() + "\n"
	}
	return inspect.Markdown(&r)
}
