package api

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/stsfetch"
)

// PolicyPath serves a domain's MTA-STS policy file, fetched from
// https://mta-sts.<domain>/.well-known/mta-sts.txt (RFC 8461 §3.3): the
// page cannot read that URL across origins, so it asks its own origin.
const PolicyPath = "/api/v1/mta-sts-policy"

// PolicyFetcher fetches a domain's policy file: stsfetch.Fetcher natively,
// the Workers runtime's fetch in the Worker.
type PolicyFetcher = inspect.PolicyFetcher

// Policy is the JSON of a fetched policy.
type Policy struct {
	Domain      string `json:"domain"`       // the policy domain, in A-labels
	URL         string `json:"url"`          // the URL fetched
	ContentType string `json:"content_type"` // the answer's Content-Type (text/plain, perhaps with parameters)
	Body        string `json:"body"`         // the policy file, as served
}

// PolicyError is the JSON of a policy that could not be fetched: the
// API's error with the fetch's kind (stsfetch's Kind constants, or
// "unavailable").
type PolicyError struct {
	Error struct {
		Code    string `json:"code"`
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

// KindUnavailable is the kind of a policy this server does not fetch (no
// fetcher configured).
const KindUnavailable = "unavailable"

// policy answers PolicyPath. The domain must be a public domain name
// (stsfetch.Host) before anything is fetched; the fetcher checks the
// addresses. Nothing else than the one URL of the domain is ever fetched.
// The answer is never stored: RFC 8461 §3.3 forbids HTTP caching of
// policies.
func (h *Handler) policy(w http.ResponseWriter, r *http.Request, q url.Values) {
	if e := checkParams(q, []string{"domain"}, nil); e != nil {
		e.write(w)
		return
	}
	d := q.Get("domain")
	if strings.TrimSpace(d) == "" {
		badRequest(CodeMissing, "api: domain= is missing: give the domain whose MTA-STS policy to fetch, e.g. domain=example.com").write(w)
		return
	}
	host, err := stsfetch.Host(d, false)
	if err != nil {
		writePolicyError(w, http.StatusBadRequest, CodeBadDomain, stsfetch.KindRefused, "api: domain "+strings.TrimPrefix(err.Error(), "stsfetch: "))
		return
	}
	domain := strings.TrimPrefix(host, stsfetch.HostPrefix)
	if h.opt.Policy == nil {
		writePolicyError(w, http.StatusNotImplemented, CodeUnavailable, KindUnavailable, "api: this server does not fetch MTA-STS policies")
		return
	}
	leave, e := h.lookups.enter(r.Context())
	if e != nil {
		e.write(w)
		return
	}
	defer leave()
	p, err := h.opt.Policy.FetchPolicy(r.Context(), domain)
	if err != nil {
		status, code, kind := policyStatus(err)
		writePolicyError(w, status, code, kind, "api: "+strings.TrimPrefix(err.Error(), "stsfetch: "))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, Policy{Domain: domain, URL: p.URL, ContentType: p.ContentType, Body: p.Body})
}

// policyStatus is the status, code and kind of a failed fetch: 403 when the
// server refused to fetch (the host resolves to an address that is not
// public), 504 when the policy host took too long, 501 when this server
// cannot fetch, and 502 for anything the policy host did wrong (TLS, a
// redirect, the status, the type, the size, the connection).
func policyStatus(err error) (status int, code, kind string) {
	var k interface{ Kind() string }
	kind = stsfetch.KindTransport
	if errors.As(err, &k) {
		kind = k.Kind()
	}
	switch kind {
	case stsfetch.KindRefused:
		return http.StatusForbidden, CodeRefused, kind
	case stsfetch.KindTimeout:
		return http.StatusGatewayTimeout, CodePolicyFetch, kind
	case KindUnavailable:
		return http.StatusNotImplemented, CodeUnavailable, kind
	}
	return http.StatusBadGateway, CodePolicyFetch, kind
}

func writePolicyError(w http.ResponseWriter, status int, code, kind, message string) {
	var b PolicyError
	b.Error.Code, b.Error.Kind, b.Error.Message = code, kind, message
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, b)
}
