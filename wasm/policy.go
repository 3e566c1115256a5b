package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/parsers/mtasts"
)

// pagePolicy is the page's inspect.PolicyFetcher. A browser cannot read
// https://mta-sts.<domain>/.well-known/mta-sts.txt across origins, so the
// page asks its own origin's API (GET <endpoint>?domain=D, the
// policyEndpoint lookup option: /api/v1/mta-sts-policy when the page is
// served by `mxplain serve` or the Worker), which fetches that one URL. With
// no endpoint, or an origin that has no such API (a static host: 404, or a
// page where JSON was expected), the error is of kind "unavailable" and says
// so; the rest of the report still comes from the browser.
type pagePolicy struct{ endpoint string }

// pageAnswer is an answer of the page's origin.
type pageAnswer struct {
	status      int
	contentType string
	text        string
}

// pageGet GETs a URL of the page's origin: JavaScript's fetch in the js
// build (policy_js.go), never net/http's client; nil natively, where there
// is no page (tests set it).
var pageGet func(ctx context.Context, url string) (*pageAnswer, error)

// policyError is a policy not fetched, with the kind inspect reports.
type policyError struct{ kind, msg string }

func (e *policyError) Error() string { return e.msg }
func (e *policyError) Kind() string  { return e.kind }

// Kinds of policyError (inspect.PolicyFetcher's error kinds).
const (
	kindUnavailable = "unavailable" // no API on the page's origin fetches policies
	kindTransport   = "transport"   // the origin did not answer
	kindTimeout     = "timeout"     // not in time
	kindHTTP        = "http"        // an error answer without a kind
)

func (p pagePolicy) FetchPolicy(ctx context.Context, domain string) (*inspect.PolicyFile, error) {
	static := &policyError{kindUnavailable, fmt.Sprintf("wasm: the MTA-STS policy of %s was not fetched: this page is on a static host, "+
		"and a browser cannot read %s across origins; the rest of the report still comes from the browser",
		domain, mtasts.PolicyURL(domain))}
	if p.endpoint == "" || pageGet == nil {
		return nil, static
	}
	a, err := pageGet(ctx, p.endpoint+"?domain="+url.QueryEscape(domain))
	if err != nil {
		kind := kindTransport
		if ctx.Err() != nil {
			kind = kindTimeout
		}
		return nil, &policyError{kind, fmt.Sprintf("wasm: asking %s for the MTA-STS policy of %s: %v", p.endpoint, domain, err)}
	}
	if a.status == http.StatusNotFound || !isJSON(a.contentType) {
		return nil, static // a static host's 404, or its page for every path
	}
	if a.status == http.StatusOK {
		var pf struct {
			URL         string  `json:"url"`
			ContentType string  `json:"content_type"`
			Body        *string `json:"body"`
		}
		if err := json.Unmarshal([]byte(a.text), &pf); err != nil || pf.Body == nil || pf.URL == "" {
			return nil, &policyError{kindTransport, fmt.Sprintf("wasm: %s answered the MTA-STS policy of %s with JSON that is not a policy", p.endpoint, domain)}
		}
		return &inspect.PolicyFile{URL: pf.URL, ContentType: pf.ContentType, Body: *pf.Body}, nil
	}
	var e struct {
		Error struct{ Kind, Message string } `json:"error"`
	}
	json.Unmarshal([]byte(a.text), &e)
	if e.Error.Kind == "" {
		e.Error.Kind = kindHTTP
	}
	if e.Error.Message == "" {
		e.Error.Message = fmt.Sprintf("HTTP %d from %s", a.status, p.endpoint)
	}
	return nil, &policyError{e.Error.Kind, "wasm: the MTA-STS policy of " + domain + ": " + strings.TrimPrefix(e.Error.Message, "api: ")}
}

// isJSON reports whether a Content-Type is application/json (mime's
// parser would add its tables to the wasm).
func isJSON(ctype string) bool {
	mt, _, _ := strings.Cut(ctype, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}
