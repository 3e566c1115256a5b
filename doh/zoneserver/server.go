// Package zoneserver serves a zone.Store over DNS-over-HTTPS (RFC 8484), with
// added latency and injected faults for tests and benchmarks.
//
// [Server] answers GET requests carrying the query in the "dns" parameter,
// base64url without padding (RFC 8484 §4.1, §6), and POST requests whose body
// is the query, of type application/dns-message (RFC 8484 §4.1). Answers are
// authoritative (zone.Store.Exchange: BADVERS for an EDNS version other than
// 0, RFC 6891 §6.1.3; REFUSED for AXFR and IXFR; FORMERR for a query with
// no question, several, or one that cannot be read), are cut to 65535
// octets with TC set when larger (RFC 2181 §9), carry Cache-Control
// max-age set to the smallest TTL of the message's records (RFC 8484 §5.1),
// are padded to a multiple of 468 octets when the query is padded (RFC 7830,
// RFC 8467 §4.1), and allow any origin (CORS), so a page served elsewhere
// can query it. The Server is an http.Handler: it speaks whatever its
// http.Server speaks, h2c included when that server's Protocols has
// UnencryptedHTTP2.
//
// # Faults
//
// A [Fault] makes the server misbehave for the queries it matches (by name,
// by name and type, or all): answer SERVFAIL, never answer (until the
// request's context ends: a timeout for the client), answer HTTP 500, send a
// body that is not a DNS message, or send the answer with a wrong
// Content-Type; or be hostile: redirect (to itself, a loop, or elsewhere),
// send a body of 256 MiB, or send the answer one octet at a time; or be
// far away: answer after 50 ms (SlowDelay), as a page's benchmark needs
// from `mxplain serve --zones` (Options.Latency is the same for code). Faults
// are given in code ([Options].Faults, [Server.SetFaults])
// or read from a faults file ([ParseFaults], [LoadFaults]); `mxplain serve
// --zones DIR` uses [LoadDir], which reads DIR/*.zone and DIR/faults
// ([FaultsFile]) when it exists. Its format is
// one fault per line, "#" starting a comment:
//
//	# name         [type]  fault
//	*                      timeout       # every query
//	broken.example.  TXT   servfail      # TXT queries for broken.example.
//	*.slow.example.        http500       # every name below slow.example.
//	junk.example.          garbage
//	html.example.    MX    content-type
//	loop.example.          redirect      # 301 to the same URL
//	big.example.           huge
//	drip.example.          trickle
//	*                      slow          # every answer 50 ms late
//
// The name is a fully qualified name (a missing final dot is added), "*" for
// every name, or "*.suffix." for every name strictly below suffix; names
// compare as DNS names do (doh.EqualNames). The type is optional (every type
// when missing). Faults are: servfail, timeout, http500, garbage,
// content-type, redirect, huge, trickle. The first matching line wins.
//
// testdata/hostile holds a zone with what hostile zones hold (a CNAME loop,
// a chain of 20 CNAMEs, 1000 MX at one name, ESC and BEL in TXT, names with
// "@" and spaces), for other packages' tests.
package zoneserver

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
)

// Path is where RFC 8484 servers usually answer; mount the Server there.
const Path = "/dns-query"

// maxQuerySize bounds a query: a DNS message is at most 65535 octets.
const maxQuerySize = 65535

// Options configure a Server. The zero value is fine.
type Options struct {
	// Latency is added before every answer (faults included), e.g. 50 ms to
	// benchmark a report against a realistic resolver.
	Latency time.Duration
	// Faults are applied to matching queries; the first match wins.
	Faults []Fault
}

// Server is an http.Handler answering RFC 8484 queries from a zone.Store.
// Its methods are safe for concurrent use.
type Server struct {
	store   *zone.Store
	latency time.Duration

	mu     sync.RWMutex
	faults []Fault
}

// Apexes returns the zones the server answers for (zone.Store.Apexes).
func (s *Server) Apexes() []string { return s.store.Apexes() }

// New returns a Server answering from store (nil means an empty store,
// which refuses every query).
func New(store *zone.Store, opt Options) *Server {
	if store == nil {
		store = zone.New()
	}
	return &Server{store: store, latency: opt.Latency, faults: append([]Fault(nil), opt.Faults...)}
}

// SetFaults replaces the server's faults.
func (s *Server) SetFaults(faults []Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append([]Fault(nil), faults...)
}

func (s *Server) fault(q dns.Question) (Fault, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, f := range s.faults {
		if f.Matches(q.Name, q.Qtype) {
			return f, true
		}
	}
	return Fault{}, false
}

// ServeHTTP answers GET and POST queries on any path, and CORS preflight
// (OPTIONS) requests. A query whose header can be read but not the rest, or
// that has no question or several, is answered FORMERR (with its ID, no
// question). Errors: 400 for a missing query or one shorter than a DNS
// header, or a response (QR set), 405 for
// another method, 413 for a POST body over 65535 bytes, 415 for a POST whose
// Content-Type is not application/dns-message.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	var wire []byte
	switch r.Method {
	case http.MethodOptions:
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Content-Type, Accept")
		h.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodGet, http.MethodHead:
		param := r.URL.Query().Get("dns")
		if param == "" {
			http.Error(w, "zoneserver: missing dns parameter", http.StatusBadRequest)
			return
		}
		var err error
		if wire, err = DecodeParam(param); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	case http.MethodPost:
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != doh.MediaType {
			http.Error(w, "zoneserver: content type must be "+doh.MediaType, http.StatusUnsupportedMediaType)
			return
		}
		var err error
		wire, err = io.ReadAll(http.MaxBytesReader(w, r.Body, maxQuerySize))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "zoneserver: query larger than 65535 bytes", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "zoneserver: read query: "+err.Error(), http.StatusBadRequest)
			return
		}
	default:
		h.Set("Allow", "GET, HEAD, POST, OPTIONS")
		http.Error(w, "zoneserver: method not allowed", http.StatusMethodNotAllowed)
		return
	}
	req, err := DecodeQuery(wire)
	if err != nil {
		// A query the server cannot interpret but whose header it can
		// read gets FORMERR, as a DNS server answers it (RFC 1035
		// §4.1.1): store.Exchange answers a header alone so.
		var ok bool
		if req, ok = queryHeader(wire); !ok {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	}
	if !sleep(r.Context(), s.latency) {
		return
	}
	resp := s.store.Exchange(req)
	contentType := doh.MediaType
	var fault Fault
	faulty := false
	if len(req.Question) == 1 {
		fault, faulty = s.fault(req.Question[0])
	}
	if faulty {
		switch fault.Kind {
		case FaultSlow:
			if !sleep(r.Context(), SlowDelay) {
				return
			}
		case FaultTimeout:
			<-r.Context().Done()
			return
		case FaultHTTP500:
			http.Error(w, "zoneserver: injected fault", http.StatusInternalServerError)
			return
		case FaultGarbage:
			h.Set("Content-Type", doh.MediaType)
			w.Write([]byte("\xde\xad\xbe\xef not a DNS message"))
			return
		case FaultRedirect:
			target := fault.Location
			if target == "" {
				target = r.URL.RequestURI()
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		case FaultServfail:
			resp = new(dns.Msg)
			resp.SetRcode(req, dns.RcodeServerFailure)
		case FaultContentType:
			contentType = "text/html; charset=utf-8"
		}
	}
	out, err := pack(resp, req)
	if err != nil {
		http.Error(w, "zoneserver: pack answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "max-age="+strconv.FormatUint(uint64(maxAge(resp)), 10))
	switch {
	case faulty && fault.Kind == FaultHuge:
		if r.Method != http.MethodHead {
			writeHuge(w, out)
		}
		return
	case faulty && fault.Kind == FaultTrickle:
		h.Set("Content-Length", strconv.Itoa(len(out)))
		if r.Method != http.MethodHead {
			trickle(r.Context(), w, out)
		}
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(out)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(out)
}

// Sizes of the hostile faults' bodies.
const (
	// HugeSize is the length of a FaultHuge body: far past any DNS message
	// (65535 octets), to check that clients stop reading.
	HugeSize = 256 << 20
	// TrickleInterval is the pause between two octets of a FaultTrickle
	// body.
	TrickleInterval = 10 * time.Millisecond
	// SlowDelay is how late a FaultSlow answer comes: a resolver 50 ms
	// away, the latency of the published lookup benchmarks.
	SlowDelay = 50 * time.Millisecond
)

// writeHuge writes answer then zeros, HugeSize octets in all, until the
// client goes away.
func writeHuge(w http.ResponseWriter, answer []byte) {
	if _, err := w.Write(answer); err != nil {
		return
	}
	zeros := make([]byte, 32<<10)
	for n := len(answer); n < HugeSize; n += len(zeros) {
		if _, err := w.Write(zeros[:min(len(zeros), HugeSize-n)]); err != nil {
			return
		}
	}
}

// trickle writes answer one octet every TrickleInterval, until it is
// written or the client goes away.
func trickle(ctx context.Context, w http.ResponseWriter, answer []byte) {
	rc := http.NewResponseController(w)
	for i := range answer {
		if _, err := w.Write(answer[i : i+1]); err != nil || rc.Flush() != nil {
			return
		}
		if i < len(answer)-1 && !sleep(ctx, TrickleInterval) {
			return
		}
	}
}

// paddingBlock is the block length responses to padded queries are padded
// to, RFC 8467 §4.1.
const paddingBlock = 468

// pack packs the answer, names compressed, cut to 65535 octets with TC set
// when it is larger (RFC 1035 §4.2.2), padded when the query carries an EDNS padding
// option (RFC 7830 §4: a server pads only answers to padded queries) and
// the answer has an OPT record: its length becomes a multiple of 468
// octets (RFC 8467 §4.1), unless that would pass 65535.
func pack(resp, req *dns.Msg) ([]byte, error) {
	resp.Compress = true // RFC 1035 §4.1.4, as servers do
	ropt, qopt := resp.IsEdns0(), req.IsEdns0()
	var padding *dns.EDNS0_PADDING
	if ropt != nil && qopt != nil && slices.ContainsFunc(qopt.Option, func(o dns.EDNS0) bool { return o.Option() == dns.EDNS0PADDING }) {
		padding = &dns.EDNS0_PADDING{}
		ropt.Option = append(ropt.Option, padding)
	}
	if resp.Len() > dns.MaxMsgSize {
		// RFC 2181 §9: what does not fit in the largest message is left
		// out, with TC set.
		resp.Truncate(dns.MaxMsgSize)
	}
	out, err := resp.Pack()
	if err != nil || padding == nil {
		return out, err
	}
	if n := (paddingBlock - len(out)%paddingBlock) % paddingBlock; n > 0 && len(out)+n <= dns.MaxMsgSize {
		padding.Padding = make([]byte, n)
		return resp.Pack()
	}
	return out, nil
}

// maxAge is the smallest TTL of the answer and authority sections, RFC 8484
// §5.1 (0 when they are empty).
func maxAge(m *dns.Msg) uint32 {
	return zone.MinTTL(append(append([]dns.RR(nil), m.Answer...), m.Ns...))
}

func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// DecodeParam decodes the GET "dns" parameter: base64url without padding
// (RFC 8484 §4.1); padded input is accepted too.
func DecodeParam(param string) ([]byte, error) {
	if len(param) > base64.RawURLEncoding.EncodedLen(maxQuerySize)+2 {
		return nil, errors.New("zoneserver: dns parameter too long")
	}
	wire, err := base64.RawURLEncoding.DecodeString(param)
	if err != nil {
		if wire, err = base64.URLEncoding.DecodeString(param); err != nil {
			return nil, errors.New("zoneserver: dns parameter is not base64url")
		}
	}
	return wire, nil
}

// queryHeader returns a message holding only the header of wire (ID,
// opcode, RD, CD), with no question, when wire starts with the 12 octets
// of a query's header (QR clear, RFC 1035 §4.1.1).
func queryHeader(wire []byte) (*dns.Msg, bool) {
	if len(wire) < 12 || wire[2]&0x80 != 0 {
		return nil, false
	}
	m := new(dns.Msg)
	m.Id = binary.BigEndian.Uint16(wire)
	m.Opcode = int(wire[2]>>3) & 0xf
	m.RecursionDesired = wire[2]&1 != 0
	m.CheckingDisabled = wire[3]&0x10 != 0
	return m, true
}

// DecodeQuery unpacks a query message: a DNS message with QR clear and
// exactly one question.
func DecodeQuery(wire []byte) (*dns.Msg, error) {
	req := new(dns.Msg)
	if err := req.Unpack(wire); err != nil {
		return nil, errors.New("zoneserver: malformed query: " + err.Error())
	}
	if req.Response {
		return nil, errors.New("zoneserver: malformed query: QR set")
	}
	if len(req.Question) != 1 {
		return nil, errors.New("zoneserver: malformed query: want 1 question, got " + strconv.Itoa(len(req.Question)))
	}
	return req, nil
}
