package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/inspect"
)

// Paths the handler answers.
const (
	ExplainPath = "/api/v1/explain"
	LookupPath  = "/api/v1/lookup"
	HealthPath  = "/healthz"
	// OpenAPIPath serves the API's OpenAPI 3.1 description (openapi.json).
	OpenAPIPath = "/api/v1/openapi.json"
	// Prefix is what a server mounts the handler on beside other things
	// (e.g. mux.Handle(api.Prefix, h)); HealthPath is outside it.
	Prefix = "/api/"
)

// Limits on requests.
const (
	// MaxBody bounds a POST body (413 beyond): a pasted zone of a few
	// hundred records fits.
	MaxBody = 64 << 10
	// MaxQuery bounds the raw query string (414 beyond).
	MaxQuery = 16 << 10
	// MaxRecord bounds record= in a query string (400 beyond); POST takes
	// more.
	MaxRecord = 8 << 10
	// MaxSelectors bounds the selectors of one lookup: each costs a query.
	MaxSelectors = 10
	// MaxLookupAge caps the max-age of a lookup answer, in seconds.
	MaxLookupAge = 300
	// DefaultLookupAge is the max-age of a lookup answer when no DNS answer
	// carried a TTL (every name was void), in seconds.
	DefaultLookupAge = 60
	// ExplainAge is the max-age of an explanation, in seconds.
	ExplainAge = 86400
	// DefaultTimeout bounds a lookup whose Options.Timeout is 0.
	DefaultTimeout = 8 * time.Second
	// DefaultMaxOutput bounds the JSON of one explanation when
	// Options.MaxOutput is 0 (413 beyond): a 64 KiB body of SPF terms
	// explains in about 4 MB.
	DefaultMaxOutput = 8 << 20
	// DefaultLookups is how many lookups are worked on at once when
	// Options.MaxLookups is 0.
	DefaultLookups = 16
	// DefaultQueue is how many requests may wait for a turn, per endpoint,
	// when Options.Queue is 0.
	DefaultQueue = 64
	// MaxWait is how long a request waits for a turn before a 503.
	MaxWait = 2 * time.Second
	// RetryAfter is the Retry-After of a 503, in seconds.
	RetryAfter = 1
)

// Options configure the handler. The zero value asks doh.Cloudflare with
// doh.DefaultTransport, at most inspect.MaxQueries queries a lookup, for at
// most DefaultTimeout, with no cache.
type Options struct {
	// Resolver is the RFC 8484 endpoint lookups ask: https, or http to a
	// loopback host (see doh.New). Default doh.Cloudflare.
	Resolver string
	// Transport sends the DoH requests; nil means doh.DefaultTransport()
	// (JavaScript's fetch in the Worker).
	Transport doh.Transport
	// MaxQueries bounds the DNS queries of one lookup; 0 means
	// inspect.MaxQueries.
	MaxQueries int
	// Timeout bounds one lookup; 0 means DefaultTimeout.
	Timeout time.Duration
	// Cache keeps lookup answers for their max-age; nil keeps nothing.
	Cache Cache
	// Now is the clock (for SPF's %{t} macro and cache expiry); nil means
	// time.Now.
	Now func() time.Time
	// Version is reported by /healthz.
	Version string
	// Wasm, when not nil, is reported by /healthz: whether the server's
	// page has its WebAssembly build (`mxplain serve`; the Worker serves
	// the page as static assets and leaves it nil).
	Wasm *bool
	// MaxOutput bounds the JSON of one explanation, in bytes; 0 means
	// DefaultMaxOutput.
	MaxOutput int
	// MaxExplains bounds the explanations worked on at once; 0 means
	// GOMAXPROCS, at least 2 (explaining is CPU work).
	MaxExplains int
	// MaxLookups bounds the lookups worked on at once; 0 means
	// DefaultLookups.
	MaxLookups int
	// Queue bounds the requests of each endpoint that wait (at most
	// MaxWait) for a turn; past it they are answered 503 at once. 0 means
	// DefaultQueue, a negative value none.
	Queue int
	// Policy fetches MTA-STS policies for PolicyPath (a fetch takes a
	// lookup's turn); nil answers 501 unavailable.
	Policy PolicyFetcher
}

// Handler is the API. Make one with New.
type Handler struct {
	opt      Options
	explains *gate
	lookups  *gate
}

// New returns the API handler. It fails when opt.Resolver is not a usable
// DoH endpoint.
func New(opt Options) (*Handler, error) {
	if opt.Resolver == "" {
		opt.Resolver = doh.Cloudflare
	}
	if _, err := doh.New(opt.Resolver, doh.Options{Transport: opt.Transport}); err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	if opt.MaxQueries == 0 {
		opt.MaxQueries = inspect.MaxQueries
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.MaxOutput <= 0 {
		opt.MaxOutput = DefaultMaxOutput
	}
	if opt.MaxExplains <= 0 {
		opt.MaxExplains = max(2, runtime.GOMAXPROCS(0))
	}
	if opt.MaxLookups <= 0 {
		opt.MaxLookups = DefaultLookups
	}
	if opt.Queue == 0 {
		opt.Queue = DefaultQueue
	}
	return &Handler{opt: opt,
		explains: newGate("explanations", opt.MaxExplains, opt.Queue),
		lookups:  newGate("lookups", opt.MaxLookups, opt.Queue),
	}, nil
}

// Resolver returns the DoH endpoint lookups ask.
func (h *Handler) Resolver() string { return h.opt.Resolver }

// Longest is the longest a request may take once its body is read: a wait
// for a turn, then a lookup. A server's shutdown grace should cover it.
func (h *Handler) Longest() time.Duration { return MaxWait + h.opt.Timeout }

// ServeHTTP routes the request. It never panics: a bug answers 500.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("X-Content-Type-Options", "nosniff")
	defer func() {
		if p := recover(); p != nil {
			writeError(w, http.StatusInternalServerError, CodeInternal, fmt.Sprintf("api: internal error: %v", p))
		}
	}()
	var methods []string
	switch r.URL.Path {
	case ExplainPath:
		methods = []string{"GET", "HEAD", "POST", "OPTIONS"}
	case LookupPath, PolicyPath, HealthPath, OpenAPIPath:
		methods = []string{"GET", "HEAD", "OPTIONS"}
	default:
		writeError(w, http.StatusNotFound, CodeNotFound, fmt.Sprintf("api: no endpoint at %s; see %s, %s, %s and %s", quote(r.URL.Path), ExplainPath, LookupPath, HealthPath, OpenAPIPath))
		return
	}
	if r.Method == http.MethodOptions {
		preflight(w, strings.Join(methods, ", "))
		return
	}
	if !contains(methods, r.Method) {
		hd.Set("Allow", strings.Join(methods, ", "))
		writeError(w, http.StatusMethodNotAllowed, CodeMethod, fmt.Sprintf("api: %s takes %s, not %s", r.URL.Path, strings.Join(methods, ", "), quote(r.Method)))
		return
	}
	if len(r.URL.RawQuery) > MaxQuery {
		writeError(w, http.StatusRequestURITooLong, CodeQueryTooLong, fmt.Sprintf("api: the query string is %d bytes, over %d; POST a record to %s instead", len(r.URL.RawQuery), MaxQuery, ExplainPath))
		return
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeBadQuery, fmt.Sprintf("api: the query string is not valid percent-encoding: %v", err))
		return
	}
	switch r.URL.Path {
	case ExplainPath:
		h.explain(w, r, q)
	case LookupPath:
		h.lookup(w, r, q)
	case PolicyPath:
		h.policy(w, r, q)
	case HealthPath:
		if e := checkParams(q, nil, nil); e != nil {
			e.write(w)
			return
		}
		hd.Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, Health{"ok", h.opt.Version, h.opt.Resolver, h.opt.Wasm})
	case OpenAPIPath:
		if e := checkParams(q, nil, nil); e != nil {
			e.write(w)
			return
		}
		hd.Set("Cache-Control", "public, max-age=3600")
		writeBody(w, http.StatusOK, openAPI())
	}
}

// Health is the JSON of /healthz.
type Health struct {
	Status   string `json:"status"` // "ok"
	Version  string `json:"version,omitempty"`
	Resolver string `json:"resolver"`       // the DoH endpoint lookups ask
	Wasm     *bool  `json:"wasm,omitempty"` // Options.Wasm
}

// preflight answers a CORS preflight request (Fetch standard, CORS protocol).
func preflight(w http.ResponseWriter, methods string) {
	hd := w.Header()
	hd.Set("Access-Control-Allow-Methods", methods)
	hd.Set("Access-Control-Allow-Headers", "Content-Type")
	hd.Set("Access-Control-Max-Age", "86400")
	hd.Set("Allow", methods)
	hd.Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(http.StatusNoContent)
}

// apiError is an error answer.
type apiError struct {
	status     int
	code       string
	message    string
	retryAfter int // seconds, for a 503
}

func (e *apiError) write(w http.ResponseWriter) {
	setRetryAfter(w, e.retryAfter)
	writeError(w, e.status, e.code, e.message)
}

func badRequest(code, format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, message: fmt.Sprintf(format, args...)}
}

// ErrorBody is the JSON of an error answer.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	var b ErrorBody
	b.Error.Code, b.Error.Message = code, message
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":{"code":"internal","message":"api: cannot encode the answer"}}`)
	}
	writeBody(w, status, append(body, '\n'))
}

func writeBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

// checkParams refuses parameters other than single and multi, and repeats
// of single ones.
func checkParams(q url.Values, single, multi []string) *apiError {
	for name, vs := range q {
		switch {
		case contains(single, name):
			if len(vs) > 1 {
				return badRequest(CodeRepeated, "api: %s is given %d times; give it once", quote(name), len(vs))
			}
		case contains(multi, name):
		default:
			known := append(append([]string{}, single...), multi...)
			if len(known) == 0 {
				return badRequest(CodeUnknownParam, "api: unknown parameter %s: this endpoint takes none", quote(name))
			}
			return badRequest(CodeUnknownParam, "api: unknown parameter %s: this endpoint takes %s", quote(name), strings.Join(known, ", "))
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// quote quotes s for a message, cut to 64 bytes: a message never echoes a
// huge parameter back.
func quote(s string) string {
	if len(s) > 64 {
		cut := 64
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
