package doh

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/internal/dnstext"
)

// MaxChain bounds how many CNAME records are followed in one answer.
const MaxChain = 16

// Result is the answer to one query whose RCODE is NOERROR or NXDOMAIN
// (RFC 1035 §4.1.1). Results may be shared through a Client's cache: treat
// them as read-only.
type Result struct {
	Name   string   // question name, in canonical form (CanonicalName)
	Type   uint16   // question type, e.g. dns.TypeTXT
	Rcode  int      // dns.RcodeSuccess or dns.RcodeNameError
	Answer []dns.RR // answer section as received, CNAMEs included; TTLs less the HTTP Age
	AD     bool     // resolver validated the answer with DNSSEC, RFC 4035 §3.2.3
	TTL    uint32   // minimum TTL of the answer section (0 when it is empty)
}

// NXDomain reports whether the name does not exist (RCODE 3, RFC 1035
// §4.1.1; RFC 8020). After a CNAME chain it is about the chain's last name
// (RFC 6604 §3).
func (r *Result) NXDomain() bool { return r.Rcode == dns.RcodeNameError }

// NoData reports whether the name exists but holds no record of the queried
// type: NOERROR with no record of that type at the end of the CNAME chain
// (RFC 2308 §2.2). It is false when the chain was cut (ChainCut): what is
// at its end is unknown, not absent.
func (r *Result) NoData() bool {
	return r.Rcode == dns.RcodeSuccess && len(r.Records()) == 0 && !r.ChainCut()
}

// Void reports whether the lookup is a "void lookup" in the sense of RFC 7208
// §4.6.4: NXDOMAIN, or NOERROR with no answer of the queried type.
func (r *Result) Void() bool { return r.NXDomain() || r.NoData() }

// Target returns the name at the end of the CNAME chain that starts at the
// question name, or the question name when there is no CNAME, in canonical
// form. Chains longer than MaxChain records, or that loop, stop where they
// were cut (see ChainCut).
func (r *Result) Target() string {
	chain, _ := r.chain()
	if len(chain) == 0 {
		return r.Name
	}
	return chain[len(chain)-1]
}

// CNAMEs returns the names the question name was redirected through, in
// order and in canonical form, ending with Target; it is empty when there
// was no CNAME.
func (r *Result) CNAMEs() []string {
	chain, _ := r.chain()
	return chain
}

// ChainCut reports whether the answer's CNAME chain loops or is longer
// than MaxChain records: the records at its end are then unknown (a
// resolver answers SERVFAIL for both, RFC 1034 §3.6.2 asks for loops to be
// detected).
func (r *Result) ChainCut() bool {
	_, cut := r.chain()
	return cut
}

// chain follows the CNAMEs from the question name: the names reached, and
// whether the chain was cut by a loop or by MaxChain.
func (r *Result) chain() (names []string, cut bool) {
	if r.Type == dns.TypeCNAME {
		return nil, false
	}
	name := r.Name
	seen := map[string]bool{name: true}
	for {
		next := ""
		for _, rr := range r.Answer {
			if c, ok := rr.(*dns.CNAME); ok && c.Hdr.Class == dns.ClassINET && EqualNames(c.Hdr.Name, name) {
				next, _ = CanonicalName(c.Target)
				break
			}
		}
		switch {
		case next == "":
			return names, false
		case seen[next] || len(names) == MaxChain:
			return names, true
		}
		seen[next] = true
		names = append(names, next)
		name = next
	}
}

// Records returns the answer records of the queried type (every type for
// ANY) owned by the end of the CNAME chain (see Target), in a stable order
// whatever order the resolver sent them in: MX by preference, then
// exchange (canonical form); other types by type, then RDATA octets (the
// wire form, as RFC 4034 §6.3 orders an RRset). Records of other owners or
// of another class than IN, which a resolver should not have sent, are
// left out (the CNAME chain, too, follows only class IN).
func (r *Result) Records() []dns.RR {
	target := r.Target()
	var out []dns.RR
	for _, rr := range r.Answer {
		h := rr.Header()
		if (h.Rrtype == r.Type || r.Type == dns.TypeANY) && h.Class == dns.ClassINET && EqualNames(h.Name, target) {
			out = append(out, rr)
		}
	}
	sortRecords(out)
	return out
}

// sortRecords sorts rrs in the order Records documents.
func sortRecords(rrs []dns.RR) {
	if len(rrs) < 2 {
		return
	}
	type keyed struct {
		rr    dns.RR
		mx    *dns.MX
		name  string // MX: the exchange's canonical form
		rdata []byte
	}
	keys := make([]keyed, len(rrs))
	buf := make([]byte, dns.MaxMsgSize)
	for i, rr := range rrs {
		k := keyed{rr: rr}
		if mx, ok := rr.(*dns.MX); ok {
			k.mx = mx
			k.name, _ = CanonicalName(mx.Mx)
		}
		// PackRR writes the header's Rdlength: pack a copy, rr is shared.
		c := dns.Copy(rr)
		if end, err := dns.PackRR(c, buf, 0, nil, false); err == nil {
			k.rdata = bytes.Clone(buf[end-int(c.Header().Rdlength) : end])
		}
		keys[i] = k
	}
	slices.SortStableFunc(keys, func(a, b keyed) int {
		if c := cmp.Compare(a.rr.Header().Rrtype, b.rr.Header().Rrtype); c != 0 {
			return c
		}
		if a.mx != nil && b.mx != nil {
			if c := cmp.Compare(a.mx.Preference, b.mx.Preference); c != 0 {
				return c
			}
			if c := strings.Compare(a.name, b.name); c != 0 {
				return c
			}
		}
		if c := bytes.Compare(a.rdata, b.rdata); c != 0 {
			return c
		}
		return strings.Compare(a.rr.String(), b.rr.String()) // duplicates spelled otherwise
	})
	for i, k := range keys {
		rrs[i] = k.rr
	}
}

// TXT returns, for each TXT record in Records, its character-strings joined
// without separator, as RFC 7208 §3.3 and RFC 6376 §3.6.2.2 require, as the
// bytes the record holds (escapes undone).
func (r *Result) TXT() []string {
	var out []string
	for _, rr := range r.Records() {
		if t, ok := rr.(*dns.TXT); ok {
			var b strings.Builder
			for _, s := range t.Txt {
				// miekg/dns keeps each string in presentation form
				// ("\"", "\\", "\DDD") and writes only good escapes.
				raw, _ := dnstext.Decode(s)
				b.WriteString(raw)
			}
			out = append(out, b.String())
		}
	}
	return out
}

func minTTL(rrs []dns.RR) uint32 {
	var ttl uint32
	for i, rr := range rrs {
		if t := rr.Header().Ttl; i == 0 || t < ttl {
			ttl = t
		}
	}
	return ttl
}
