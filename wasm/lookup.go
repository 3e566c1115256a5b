package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

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
}

// progress is what lookup tells the page while the answers come back.
type progress struct {
	// Queries is the number of queries sent to the resolver so far (the
	// doh.Client's count: answers from its cache are free).
	Queries int `json:"queries"`
	// Answered is the number of questions answered (or failed) so far.
	Answered int `json:"answered"`
	// Pending are the questions waiting for an answer, sorted.
	Pending []question `json:"pending"`
}

type question struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// lookupJSON makes the report for domain through the resolver the options
// name (a DoH URL, made with newResolver) and returns its JSON. It never
// fails: bad options give a report whose error says why. onProgress, when
// not nil, is called with the JSON of a progress after every query sent
// and every answer.
func lookupJSON(ctx context.Context, domain, optsJSON string, newResolver func(endpoint string) (doh.Resolver, error), onProgress func(string)) string {
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
		r = &watcher{r: r, notify: onProgress, pending: map[question]int{}}
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
	d, derr := inspect.Normalize(domain)
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

// watcher passes queries to a resolver and reports progress.
type watcher struct {
	r      doh.Resolver
	notify func(string)

	mu       sync.Mutex
	sent     int
	answered int
	pending  map[question]int
}

func (w *watcher) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	q := question{Name: dns.Fqdn(strings.ToLower(name)), Type: dns.TypeToString[qtype]}
	w.change(q, 1)
	defer w.change(q, -1)
	return w.r.Query(ctx, name, qtype)
}

// Queries is the resolver's own count when it keeps one (inspect uses it).
func (w *watcher) Queries() int {
	if q, ok := w.r.(interface{ Queries() int }); ok {
		return q.Queries()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sent
}

// change counts a question sent (d = 1) or answered (d = -1) and notifies
// the page. The lock is held while it notifies, so that the notices come in
// the order of the changes and the last one is the final count.
func (w *watcher) change(q question, d int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if d > 0 {
		w.sent++
	} else {
		w.answered++
	}
	w.pending[q] += d
	if w.pending[q] <= 0 {
		delete(w.pending, q)
	}
	p := progress{Queries: w.sent, Answered: w.answered, Pending: make([]question, 0, len(w.pending))}
	for k := range w.pending {
		p.Pending = append(p.Pending, k)
	}
	if q, ok := w.r.(interface{ Queries() int }); ok {
		p.Queries = q.Queries()
	}
	sortQuestions(p.Pending)
	b, err := json.Marshal(p)
	if err == nil {
		w.notify(string(b))
	}
}

func sortQuestions(qs []question) {
	sort.Slice(qs, func(i, j int) bool {
		return qs[i].Name < qs[j].Name || qs[i].Name == qs[j].Name && qs[i].Type < qs[j].Type
	})
}
