package main

import (
	"fmt"
	"net/http"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/web/api"
)

// cacheSubrequests is what a lookup spends on the Cache API (one match,
// one put). Whether Cloudflare counts those among a request's subrequests is
// not documented plainly, so they are kept out of the DoH budget: a lookup
// makes at most inspect.MaxQueries (50, the free plan's limit)
// subrequests in all, its MTA-STS policy fetch included.
const cacheSubrequests = 2

// policySubrequests is what a lookup's MTA-STS policy fetch spends: the A
// and AAAA queries that check the policy host is public, and the fetch
// (policy_js.go). They too are kept out of the DoH budget.
const policySubrequests = 3

// handler is the Worker's handler for its configuration: the API with the
// resolver dohURL ("" for the default), a lookup timeout (a Go duration, ""
// for the default) and a cache of lookup answers.
func handler(dohURL, timeout string, cache api.Cache) (http.Handler, error) {
	opt := api.Options{Resolver: dohURL, Cache: cache, Version: version,
		MaxQueries: inspect.MaxQueries - cacheSubrequests - policySubrequests}
	if timeout != "" {
		d, err := time.ParseDuration(timeout)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("worker: LOOKUP_TIMEOUT %q is not a positive duration such as 8s", timeout)
		}
		opt.Timeout = d
	}
	if dohURL == "" {
		dohURL = doh.Cloudflare
	}
	opt.Policy = policyFetcher(dohURL)
	h, err := api.New(opt)
	if err != nil {
		return nil, fmt.Errorf("worker: DOH_URL: %w", err)
	}
	return h, nil
}

// misconfigured answers every request with a 500 naming the configuration
// error, in the API's error shape.
func misconfigured(err error) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "{\"error\":{\"code\":%q,\"message\":%q}}\n", api.CodeConfig, err.Error())
	}
}
