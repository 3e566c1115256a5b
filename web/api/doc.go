// Package api is mxplain's JSON API: one http.Handler that `mxplain serve`
// mounts beside the page and that the Cloudflare Worker (worker/) serves with
// github.com/syumai/workers. Both run exactly this code.
//
//	GET  /api/v1/explain?record=…[&type=spf|dmarc|dkim|mx]
//	POST /api/v1/explain             (the record as the body: text, a form, or JSON)
//	GET  /api/v1/lookup?domain=…[&selector=…][&ip=…[&sender=…][&helo=…]]
//	GET  /api/v1/mta-sts-policy?domain=…  (the domain's MTA-STS policy file)
//	GET  /api/v1/openapi.json        (this API's OpenAPI 3.1 description)
//	GET  /healthz
//
// A POST body is the record whatever its text type: none, text/*, or
// application/x-www-form-urlencoded as `curl -d 'v=spf1 -all'` sends it
// (taken raw, not form-decoded); a form whose first field is record= or
// type= is decoded as a form; application/json (or +json) is an object
// {"record": "…", "type": "…"}. Other types, and charsets other than
// UTF-8, are 415.
//
// The explain endpoints answer the explanation JSON of parsers.Explain (the
// contract of the product brief); lookup answers an inspect.Report, asking
// DNS through the DNS-over-HTTPS resolver (RFC 8484) of [Options].Resolver.
//
// Every answer is JSON. Errors are {"error":{"code":…,"message":…}} with a
// code of codes.go and a 4xx status for anything wrong with the request:
// missing, repeated, unknown or oversized parameters, text that is not UTF-8,
// names that are not public domain names (IP literals, localhost, labels
// over 63 octets, RFC 1035 §2.3.4). A 5xx means a bug or an unusable
// configuration, never bad input; or, from the MTA-STS policy endpoint, a
// policy host that failed (502, 504) or a server that fetches no policies
// (501).
//
// The policy endpoint fetches https://mta-sts.<domain>/.well-known/mta-sts.txt
// and nothing else, through [Options].Policy, for public domain names only
// (internal/stsfetch's Host), as RFC 8461 §3.3 says; the fetcher refuses
// addresses that are not public (403). Its errors add "kind" (the fetch's:
// "refused", "tls", "redirect", …) to the error body. It is never cached.
//
// Limits: a POST body of at most [MaxBody] bytes (413 beyond), a query string
// of at most [MaxQuery] bytes (414), a record in the query of at most
// [MaxRecord] bytes, an explanation of at most [Options].MaxOutput bytes of
// JSON (413). At most [Options].MaxExplains explanations and
// [Options].MaxLookups lookups are worked on at once, [Options].Queue more
// of each wait at most [MaxWait], and the rest are answered 503 with
// Retry-After. A lookup sends at most [Options].MaxQueries DNS queries
// (inspect.MaxQueries, the free Workers plan's 50 subrequests) and stops
// after [Options].Timeout.
//
// Caching (RFC 9111): an explanation is a pure function of the request, so
// GET answers are public for a day. A lookup answer is public for the
// smallest TTL of the DNS answers it used, at most [MaxLookupAge] (60 s when
// no answer carried a TTL); a partial report (a query failed) is not
// stored. With [Options].Cache set, lookup answers are kept there for that
// long and served again (the Worker uses the Cache API; see worker/).
//
// CORS: every answer allows any origin; OPTIONS answers the preflight.
package api
