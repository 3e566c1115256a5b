package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/inspect"
)

// specialUse are names no resolver answers for the public: RFC 6761 §6.3
// (localhost), §6.4 (invalid), RFC 6762 §3 (local, multicast DNS), RFC 7686
// (onion), RFC 8375 (home.arpa) and ICANN's private-use "internal".
// "test" and "example" (RFC 6761 §6.2, §6.5) stay allowed: resolvers
// answer them like any name (NXDOMAIN).
var specialUse = []string{"localhost", "invalid", "local", "onion", "home.arpa", "internal"}

// lookupQuery is a validated lookup request.
type lookupQuery struct {
	domain    string
	selectors []string
	bimi      string // the BIMI selector, "" for the default
	ip        netip.Addr
	sender    string
	helo      string
}

// canonical returns the query string that names q in the cache: the same
// for every spelling of the same request.
func (q lookupQuery) canonical() string {
	v := url.Values{"domain": {q.domain}}
	if len(q.selectors) > 0 {
		v["selector"] = q.selectors
	}
	if q.bimi != "" {
		v.Set("bimi_selector", q.bimi)
	}
	if q.ip.IsValid() {
		v.Set("ip", q.ip.String())
		if q.sender != "" {
			v.Set("sender", q.sender)
		}
		if q.helo != "" {
			v.Set("helo", q.helo)
		}
	}
	return v.Encode()
}

func parseLookup(q url.Values) (lookupQuery, *apiError) {
	var lq lookupQuery
	if e := checkParams(q, []string{"domain", "ip", "sender", "helo", "bimi_selector"}, []string{"selector"}); e != nil {
		return lq, e
	}
	d := q.Get("domain")
	if strings.TrimSpace(d) == "" {
		return lq, badRequest(CodeMissing, "api: domain= is missing: give the domain to look up, e.g. domain=example.com")
	}
	var e *apiError
	if lq.domain, e = checkDomain(d, CodeBadDomain, "domain"); e != nil {
		return lq, e
	}
	seen := map[string]bool{}
	for _, v := range q["selector"] {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if !utf8.ValidString(s) {
				return lq, badRequest(CodeBadSelector, "api: selector %s is not UTF-8 text", quote(s))
			}
			sel, err := inspect.Selector(s, lq.domain)
			if err != nil {
				return lq, badRequest(CodeBadSelector, "api: selector %s is not a DKIM selector: %s", quote(s), strings.TrimPrefix(err.Error(), "inspect: "))
			}
			if !seen[sel] {
				seen[sel] = true
				lq.selectors = append(lq.selectors, sel)
			}
		}
	}
	if len(lq.selectors) > MaxSelectors {
		return lq, badRequest(CodeTooManySelectors, "api: %d selectors, over %d: each costs a DNS query", len(lq.selectors), MaxSelectors)
	}
	if s := strings.TrimSpace(q.Get("bimi_selector")); s != "" {
		sel, err := inspect.BIMISelector(s, lq.domain)
		if err != nil || !utf8.ValidString(s) {
			return lq, badRequest(CodeBadSelector, "api: bimi_selector %s is not a BIMI selector (dot-separated labels of letters, digits and \"-\")", quote(s))
		}
		lq.bimi = sel
	}
	if ip := q.Get("ip"); ip != "" {
		a, err := netip.ParseAddr(strings.TrimSpace(ip))
		if err != nil || a.Zone() != "" {
			return lq, badRequest(CodeBadIP, "api: ip %s is not an IPv4 or IPv6 address", quote(ip))
		}
		lq.ip = a.Unmap()
	}
	if s := q.Get("sender"); s != "" {
		if !lq.ip.IsValid() {
			return lq, badRequest(CodeNeedsIP, "api: sender= needs ip=: it only matters to the SPF check of a client address")
		}
		if len(s) > 320 || !utf8.ValidString(s) {
			return lq, badRequest(CodeBadSender, "api: sender %s is not an address: at most 320 bytes of UTF-8", quote(s))
		}
		local, domain, ok := strings.Cut(s, "@")
		if !ok {
			local, domain = "", s
		}
		if ok && (local == "" || len(local) > 64 || strings.ContainsAny(local, " \t\r\n<>")) {
			return lq, badRequest(CodeBadSender, "api: sender %s: the local part must be 1 to 64 bytes without spaces (RFC 5321 §4.5.3.1.1)", quote(s))
		}
		d, e := checkDomain(domain, CodeBadSender, "sender's domain")
		if e != nil {
			return lq, e
		}
		if ok {
			lq.sender = local + "@" + d
		} else {
			lq.sender = d
		}
	}
	if h := q.Get("helo"); h != "" {
		if !lq.ip.IsValid() {
			return lq, badRequest(CodeNeedsIP, "api: helo= needs ip=: it only matters to the SPF check of a client address")
		}
		if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
			a, err := netip.ParseAddr(strings.TrimPrefix(strings.Trim(h, "[]"), "IPv6:"))
			if err != nil || a.Zone() != "" {
				return lq, badRequest(CodeBadHelo, "api: helo %s is not an address literal (RFC 5321 §4.1.3)", quote(h))
			}
			lq.helo = h
		} else {
			name, err := inspect.Normalize(h)
			if err != nil || !utf8.ValidString(h) {
				return lq, badRequest(CodeBadHelo, "api: helo %s is not a domain name or an address literal such as [192.0.2.1]", quote(h))
			}
			lq.helo = name
		}
	}
	return lq, nil
}

// checkDomain returns d in A-labels, lower case, without a final dot, or
// the reason it is not a public domain name.
func checkDomain(d, code, what string) (string, *apiError) {
	if !utf8.ValidString(d) {
		return "", badRequest(code, "api: %s %s is not UTF-8 text", what, quote(d))
	}
	name, err := inspect.Normalize(d)
	if err != nil {
		msg := err.Error()
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		return "", badRequest(code, "api: %s %s is not a domain name: %s", what, quote(d), strings.TrimPrefix(msg, "inspect: "))
	}
	if !strings.Contains(name, ".") {
		return "", badRequest(code, "api: %s %s is a single label, not a public domain name; give the full name, e.g. example.com", what, quote(d))
	}
	for _, s := range specialUse {
		if name == s || strings.HasSuffix(name, "."+s) {
			return "", badRequest(code, "api: %s %s is under %s, a special-use name no public resolver answers for", what, quote(d), s)
		}
	}
	return name, nil
}

func (h *Handler) lookup(w http.ResponseWriter, r *http.Request, q url.Values) {
	lq, e := parseLookup(q)
	if e != nil {
		e.write(w)
		return
	}
	host := r.Host
	if host == "" {
		host = "mxplain.invalid"
	}
	key := "https://" + host + LookupPath + "?" + lq.canonical()
	now := h.opt.Now()
	if h.opt.Cache != nil {
		if body, expires, ok := h.opt.Cache.Get(r.Context(), key); ok && expires.After(now) {
			age := int(expires.Sub(now) / time.Second)
			w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(age))
			w.Header().Set("X-Mxplain-Cache", "hit")
			writeBody(w, http.StatusOK, withInput(body, lq.domain, q.Get("domain")))
			return
		}
	}
	leave, e := h.lookups.enter(r.Context())
	if e != nil {
		e.write(w)
		return
	}
	defer leave()
	client, err := doh.New(h.opt.Resolver, doh.Options{Budget: h.opt.MaxQueries, Transport: h.opt.Transport})
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeConfig, fmt.Sprintf("api: the server's resolver: %v", err))
		return
	}
	ttl := &ttlResolver{Client: client}
	opts := inspect.NewOptions(now)
	opts.Selectors, opts.IP, opts.Sender, opts.Helo, opts.BIMISelector = lq.selectors, lq.ip, lq.sender, lq.helo, lq.bimi
	opts.Policy = h.opt.Policy // the report's MTA-STS policy, fetched as PolicyPath fetches it
	if h.opt.Timeout > 0 {
		opts.Timeout = h.opt.Timeout
	}
	rep := inspect.Domain(r.Context(), ttl, lq.domain, opts)
	if rep.Error != "" {
		badRequest(CodeBadDomain, "api: domain %s: %s", quote(lq.domain), rep.Error).write(w)
		return
	}
	// The body is cached for every spelling of the request: its input is
	// left empty, and each answer says the spelling it was asked with.
	rep.Input = ""
	body, err := json.Marshal(rep)
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, fmt.Sprintf("api: encoding the report: %v", err))
		return
	}
	body = append(body, '\n')
	if rep.Partial() {
		// A failed query may answer next time: do not keep this one.
		w.Header().Set("Cache-Control", "no-store")
	} else {
		age := ttl.maxAge()
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(age))
		if h.opt.Cache != nil && age > 0 {
			h.opt.Cache.Put(r.Context(), key, body, now.Add(time.Duration(age)*time.Second))
		}
	}
	if h.opt.Cache != nil {
		w.Header().Set("X-Mxplain-Cache", "miss")
	}
	writeBody(w, http.StatusOK, withInput(body, lq.domain, q.Get("domain")))
}

// withInput returns a report's body with its input set to input. body is
// a Report as json.Marshal writes it, input left empty: it starts with
// {"domain":domain,"input":"".
func withInput(body []byte, domain, input string) []byte {
	d, _ := json.Marshal(domain)
	prefix := `{"domain":` + string(d) + `,"input":`
	if !bytes.HasPrefix(body, []byte(prefix+`""`)) {
		return body
	}
	in, _ := json.Marshal(input)
	return slices.Concat([]byte(prefix), in, body[len(prefix)+2:])
}

// ttlResolver is a doh.Client that remembers the smallest TTL of the
// answers it gave.
type ttlResolver struct {
	*doh.Client
	mu   sync.Mutex
	min  uint32
	seen bool
}

func (t *ttlResolver) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	res, err := t.Client.Query(ctx, name, qtype)
	if err == nil && len(res.Answer) > 0 {
		t.mu.Lock()
		if !t.seen || res.TTL < t.min {
			t.min, t.seen = res.TTL, true
		}
		t.mu.Unlock()
	}
	return res, err
}

// maxAge is the lookup answer's max-age in seconds: the smallest TTL seen,
// at most MaxLookupAge, DefaultLookupAge when no answer had records.
func (t *ttlResolver) maxAge() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.seen {
		return DefaultLookupAge
	}
	return int(min(t.min, MaxLookupAge))
}
