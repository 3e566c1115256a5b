//go:build js && wasm

package main

import (
	"context"
	"net/http"

	"github.com/syumai/workers/cloudflare/fetch"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/web/api"
)

// fetchPolicy is the Worker's api.PolicyFetcher: the Workers runtime's
// fetch (github.com/syumai/workers/cloudflare/fetch; net/http's client
// would add its TLS and HTTP/2 stacks to the upload), with redirects
// returned, not followed (redirect: "manual"), and stsfetch's rules around
// it: a public domain (stsfetch.Host), the answer checked and read as
// stsfetch.Read does (200, text/plain, 64 KiB), 10 s in all.
//
// The Worker cannot see the address fetch connects to, so the policy host's
// A and AAAA records are first asked of the Worker's DoH resolver
// (stsfetch.CheckResolved: two subrequests) and the fetch is refused when
// one is not public. fetch resolves the name again: a name whose answers
// change between the two (DNS rebinding) is not caught here, as it is by
// the native fetcher's check at dial time (README).
type fetchPolicy struct{ resolver string }

func policyFetcher(resolver string) api.PolicyFetcher { return fetchPolicy{resolver} }

func (p fetchPolicy) FetchPolicy(ctx context.Context, domain string) (*stsfetch.PolicyFile, error) {
	host, err := stsfetch.Host(domain, false)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, stsfetch.DefaultTimeout)
	defer cancel()
	url := stsfetch.URL(host)
	dns, err := doh.New(p.resolver, doh.Options{Budget: 2})
	if err != nil {
		return nil, stsfetch.Classify(ctx, url, err)
	}
	if err := stsfetch.CheckResolved(ctx, dns, host); err != nil {
		return nil, err
	}
	req, err := fetch.NewRequest(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, stsfetch.Classify(ctx, url, err)
	}
	req.Header.Set("Accept", "text/plain")
	// fetch's promise ignores ctx: wait for it, or for ctx, whichever
	// comes first.
	type result struct {
		policy *stsfetch.PolicyFile
		err    error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := fetch.NewClient().Do(req, &fetch.RequestInit{Redirect: fetch.RedirectModeManual})
		if err != nil {
			done <- result{err: stsfetch.Classify(ctx, url, err)}
			return
		}
		pf, err := stsfetch.Read(ctx, url, resp)
		done <- result{pf, err}
	}()
	select {
	case r := <-done:
		return r.policy, r.err
	case <-ctx.Done():
		return nil, stsfetch.Classify(ctx, url, ctx.Err())
	}
}
