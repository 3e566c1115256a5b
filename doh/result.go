package doh

import (
	"strings"

	"github.com/miekg/dns"
)

// maxChain bounds how many CNAME records are followed in one answer.
const maxChain = 16

// Result is the answer to one query whose RCODE is NOERROR or NXDOMAIN
// (RFC 1035 §4.1.1). Results may be shared through a Client's cache: treat
// them as read-only.
type Result struct {
	Name   string   // question name, fully qualified, lowercase
	Type   uint16   // question type, e.g. dns.TypeTXT
	Rcode  int      // dns.RcodeSuccess or dns.RcodeNameError
	Answer []dns.RR // answer section as received, CNAMEs included
	AD     bool     // resolver validated the answer with DNSSEC, RFC 4035 §3.2.3
	TTL    uint32   // minimum TTL of the answer section (0 when it is empty)
}

// NXDomain reports whether the name does not exist (RCODE 3, RFC 1035
// §4.1.1; RFC 8020). After a CNAME chain it is about the chain's last name
// (RFC 6604 §3).
func (r *Result) NXDomain() bool { return r.Rcode == dns.RcodeNameError }

// NoData reports whether the name exists but holds no record of the queried
// type: NOERROR with no record of that type at the end of the CNAME chain
// (RFC 2308 §2.2).
func (r *Result) NoData() bool {
	return r.Rcode == dns.RcodeSuccess && len(r.Records()) == 0
}

// Void reports whether the lookup is a "void lookup" in the sense of RFC 7208
// §4.6.4: NXDOMAIN, or NOERROR with no answer of the queried type.
func (r *Result) Void() bool { return r.NXDomain() || r.NoData() }

// Target returns the name at the end of the CNAME chain that starts at the
// question name, or the question name when there is no CNAME. Chains longer
// than 16 records, or that loop, stop where they were cut.
func (r *Result) Target() string {
	name := r.Name
	if r.Type == dns.TypeCNAME {
		return name
	}
	seen := map[string]bool{}
	for range maxChain {
		if seen[name] {
			break
		}
		seen[name] = true
		next := ""
		for _, rr := range r.Answer {
			if c, ok := rr.(*dns.CNAME); ok && equalName(c.Hdr.Name, name) {
				next = strings.ToLower(dns.Fqdn(c.Target))
				break
			}
		}
		if next == "" {
			break
		}
		name = next
	}
	return name
}

// CNAMEs returns the names the question name was redirected through, in
// order, ending with Target; it is empty when there was no CNAME.
func (r *Result) CNAMEs() []string {
	var chain []string
	name := r.Name
	if r.Type == dns.TypeCNAME {
		return nil
	}
	seen := map[string]bool{name: true}
	for range maxChain {
		next := ""
		for _, rr := range r.Answer {
			if c, ok := rr.(*dns.CNAME); ok && equalName(c.Hdr.Name, name) {
				next = strings.ToLower(dns.Fqdn(c.Target))
				break
			}
		}
		if next == "" || seen[next] {
			break
		}
		seen[next] = true
		chain = append(chain, next)
		name = next
	}
	return chain
}

// Records returns the answer records of the queried type (every type for
// ANY) owned by the end of
// the CNAME chain (see Target). Records of other owners, which a resolver
// should not have sent, are left out.
func (r *Result) Records() []dns.RR {
	target := r.Target()
	var out []dns.RR
	for _, rr := range r.Answer {
		h := rr.Header()
		if (h.Rrtype == r.Type || r.Type == dns.TypeANY) && equalName(h.Name, target) {
			out = append(out, rr)
		}
	}
	return out
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
				b.WriteString(unescape(s))
			}
			out = append(out, b.String())
		}
	}
	return out
}

// unescape turns a character-string as miekg/dns keeps it, in presentation
// form ("\"", "\\", "\DDD", RFC 1035 §5.1), back into its bytes.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b = append(b, s[i])
			continue
		}
		if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
			if n := int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0'); n <= 255 {
				b = append(b, byte(n))
				i += 3
				continue
			}
		}
		b = append(b, s[i+1])
		i++
	}
	return string(b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func equalName(a, b string) bool {
	return strings.EqualFold(dns.Fqdn(a), dns.Fqdn(b))
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
