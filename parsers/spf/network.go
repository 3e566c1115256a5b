package spf

// Parsing the values of ip4 and ip6 and the CIDR lengths of a, mx, ip4 and
// ip6 (RFC 7208 §5.6, §5.3, §5.4).

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/parsers/explain"
)

// dualCIDR strips "/n" and "//n" from the end of rest (a and mx) and returns
// what is left.
func (p *parser) dualCIDR(t *Term, rest string, off int) string {
	if i := strings.LastIndexByte(rest, '/'); i > 0 && ascii.IsDigits(rest[i+1:]) {
		if j := strings.LastIndexByte(rest[:i], '/'); j >= 0 && ascii.IsDigits(rest[j+1:i]) && (j == 0 || rest[j-1] != '/') {
			sp := explain.Span{off + j, off + len(rest)}
			p.syntax(t, CodeCIDRInvalid, sp, explain.Args{"reason": reasonTwoSingle, "name": t.Name, "length": rest[j:], "ip4_length": rest[j+1 : i], "ip6_length": rest[i+1:]})
			p.fixLast(sp, "/"+rest[j+1:i]+"//"+rest[i+1:])
			t.IP4CIDRSpan = explain.Span{off + j, off + i}
			t.IP6CIDRSpan = explain.Span{off + i, off + len(rest)}
			return rest[:j]
		}
	}
	if i := strings.LastIndex(rest, "//"); i >= 0 && (rest[i+2:] == "" || ascii.IsDigits(rest[i+2:])) {
		t.IP6CIDRSpan = explain.Span{off + i, off + len(rest)}
		t.IP6CIDR = p.cidr(t, rest[i+2:], 128, "IPv6", t.IP6CIDRSpan)
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "/"); i >= 0 && (rest[i+1:] == "" || ascii.IsDigits(rest[i+1:])) {
		t.IP4CIDRSpan = explain.Span{off + i, off + len(rest)}
		t.IP4CIDR = p.cidr(t, rest[i+1:], 32, "IPv4", t.IP4CIDRSpan)
		rest = rest[:i]
	}
	if t.IP4CIDR != NoCIDR {
		p.wide(t, t.IP4CIDR, true)
	}
	if t.IP6CIDR != NoCIDR {
		p.wide(t, t.IP6CIDR, false)
	}
	return rest
}

// cidr validates a prefix length; it returns NoCIDR when invalid.
func (p *parser) cidr(t *Term, d string, max int, fam string, s explain.Span) int {
	var reason string
	switch n, err := strconv.Atoi(d); {
	case d == "":
		reason = reasonEmpty
	case !ascii.IsDigits(d):
		reason = reasonNotNumber
	case len(d) > 1 && d[0] == '0':
		reason = reasonLeadingZero
	case err != nil || n > max:
		reason = reasonRange
	default:
		return n
	}
	text := p.v[s.Start():s.End()]
	p.syntax(t, CodeCIDRInvalid, s, explain.Args{"reason": reason, "family": fam, "length": text})
	switch reason {
	case reasonEmpty:
		p.fixLast(s, "")
	case reasonLeadingZero:
		p.fixLast(s, text[:len(text)-len(d)]+trimZeros(d))
	}
	return NoCIDR
}

// network parses the value of ip4 or ip6; off is where val starts.
func (p *parser) network(t *Term, val string, off int) {
	addr := val
	if i := strings.Index(val, "//"); i >= 0 {
		t.IP6CIDRSpan = explain.Span{off + i, off + len(val)}
		p.syntax(t, CodeCIDRInvalid, t.IP6CIDRSpan, explain.Args{"reason": reasonDual, "name": t.Name, "length": val[i:]})
		addr = val[:i]
	} else if i := strings.IndexByte(val, '/'); i >= 0 && strings.Count(val, "/") > 1 {
		sp := explain.Span{off + i, off + len(val)}
		if t.Kind == KindIP6 {
			t.IP6CIDRSpan = sp
		} else {
			t.IP4CIDRSpan = sp
		}
		p.syntax(t, CodeCIDRInvalid, sp, explain.Args{"reason": reasonMany, "name": t.Name, "length": val[i:]})
		addr = val[:i]
	} else if i := strings.LastIndexByte(val, '/'); i >= 0 {
		max, fam, sp := 32, "IPv4", &t.IP4CIDRSpan
		if t.Kind == KindIP6 {
			max, fam, sp = 128, "IPv6", &t.IP6CIDRSpan
		}
		*sp = explain.Span{off + i, off + len(val)}
		n := p.cidr(t, val[i+1:], max, fam, *sp)
		if t.Kind == KindIP6 {
			t.IP6CIDR = n
		} else {
			t.IP4CIDR = n
		}
		addr = val[:i]
	}
	t.NetworkSpan = explain.Span{off, off + len(addr)}
	if t.Kind == KindIP4 {
		p.ip4(t, addr)
	} else {
		p.ip6(t, addr)
	}
	if !t.Addr.IsValid() || t.SyntaxError {
		return
	}
	bits := t.Addr.BitLen()
	if t.Kind == KindIP4 && t.IP4CIDR != NoCIDR {
		bits = t.IP4CIDR
	}
	if t.Kind == KindIP6 && t.IP6CIDR != NoCIDR {
		bits = t.IP6CIDR
	}
	pfx, err := t.Addr.Prefix(bits)
	if err != nil {
		return
	}
	t.Network = pfx
	if pfx.Addr() != t.Addr {
		p.add(CodeCIDRHostBits, t.Span, explain.Args{"value": p.v[t.NetworkSpan.Start():t.Span.End()], "name": t.Name,
			"network": pfx.String(), "address": t.Addr.String()})
		p.fixLast(explain.Span{t.NetworkSpan.Start(), t.Span.End()}, pfx.String())
	}
	p.wide(t, bits, t.Addr.Is4())
	if r := classify(pfx); r != nil {
		code := CodeIPNonPublic
		if r.doc {
			code = CodeIPDocumentation
		}
		p.add(code, t.NetworkSpan, explain.Args{"network": pfx.String(), "range": r.pfx.String()})
	}
}

// trimZeros is the decimal d without its leading zeros.
func trimZeros(d string) string {
	if n := strings.TrimLeft(d, "0"); n != "" {
		return n
	}
	return "0"
}

func (p *parser) wide(t *Term, bits int, v4 bool) {
	limit, fam := 16, "IPv4"
	if !v4 {
		limit, fam = 32, "IPv6"
	}
	if bits < limit {
		p.add(CodeCIDRWide, t.Span, explain.Args{"term": t.Text, "kind": string(t.Kind), "family": fam, "length": strconv.Itoa(bits)})
	}
}

func (p *parser) ip4(t *Term, s string) {
	sp := t.NetworkSpan
	if a, err := ipaddr.ParseAddr(s); err == nil {
		if a.Is4() {
			t.Addr = a
			return
		}
		if a.Zone() == "" {
			p.syntax(t, CodeIP4IsIPv6, sp, explain.Args{"address": s, "value": p.v[sp.Start():t.Span.End()]})
			p.fixLast(t.NameSpan, string(KindIP6))
			return
		}
	}
	if s == "" {
		p.syntax(t, CodeMechanismSyntax, t.Span, noAddressArgs(t))
		p.fixLast(explain.Span{t.NameSpan.Start(), sp.End()}, t.Name+":"+addressSlot(t.Kind))
		return
	}
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if a, err := ipaddr.ParseAddr(s[:i]); err == nil && a.Is4() && ascii.IsDigits(s[i+1:]) {
			p.syntax(t, CodeIP4Invalid, sp, explain.Args{"address": s, "reason": reasonPort})
			p.fixLast(explain.Span{sp.Start() + i, sp.End()}, "")
			return
		}
	}
	hasLetter := false
	for i := 0; i < len(s); i++ {
		if isAlpha(s[i]) {
			hasLetter = true
		}
	}
	if hasLetter {
		if looksLikeHostname(s) {
			p.syntax(t, CodeIP4Invalid, sp, explain.Args{"address": s, "reason": reasonHostname})
			p.fixLast(explain.Span{t.NameSpan.Start(), sp.End()}, string(KindA)+":"+s)
			return
		}
		t.placeholder = true
		p.syntax(t, CodeIP4Placeholder, sp, explain.Args{"address": s})
		p.fixLast(sp, explain.SlotText("ipv4"))
		return
	}
	p.syntax(t, CodeIP4Invalid, sp, explain.Args{"address": s, "reason": reasonSyntax})
	switch a, ok := withoutLeadingZeros(s); {
	case strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";"):
		p.fixLast(explain.Span{sp.End() - 1, sp.End()}, "")
	case ok:
		p.fixLast(sp, a)
	default:
		p.fixLast(sp, explain.SlotText("ipv4"))
	}
}

// withoutLeadingZeros is the dotted quad s with the leading zeros of its
// parts taken away, when that is all that keeps it from being an IPv4
// address.
func withoutLeadingZeros(s string) (string, bool) {
	parts := strings.Split(s, ".")
	for i, q := range parts {
		if !ascii.IsDigits(q) {
			return "", false
		}
		parts[i] = trimZeros(q)
	}
	a, err := ipaddr.ParseAddr(strings.Join(parts, "."))
	return a.String(), err == nil && a.Is4() && len(parts) == 4
}

func looksLikeHostname(s string) bool {
	low := toLower(s)
	for _, w := range []string{"x.", ".x", "your", "ip", "address", "here", "<", ">", "_", "xxx", "server"} {
		if strings.Contains(low, w) {
			return false
		}
	}
	labels := strings.Split(strings.TrimSuffix(low, "."), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) < 2 {
			return false
		}
	}
	top := labels[len(labels)-1]
	for i := 0; i < len(top); i++ {
		if !isAlpha(top[i]) {
			return false
		}
	}
	return true
}

func (p *parser) ip6(t *Term, s string) {
	sp := t.NetworkSpan
	a, err := ipaddr.ParseAddr(s)
	switch {
	case s == "":
		p.syntax(t, CodeMechanismSyntax, t.Span, noAddressArgs(t))
		p.fixLast(explain.Span{t.NameSpan.Start(), sp.End()}, t.Name+":"+addressSlot(t.Kind))
	case err == nil && a.Is4():
		p.syntax(t, CodeIP6IsIPv4, sp, explain.Args{"address": s, "value": p.v[sp.Start():t.Span.End()]})
		p.fixLast(t.NameSpan, string(KindIP4))
	case err == nil && a.Zone() != "":
		p.syntax(t, CodeIP6Invalid, sp, explain.Args{"address": s, "zone": a.Zone()})
		p.fixLast(explain.Span{sp.Start() + strings.IndexByte(s, '%'), sp.End()}, "")
	case err != nil:
		p.syntax(t, CodeIP6Invalid, sp, explain.Args{"address": s})
		p.fixLast(sp, explain.SlotText("ipv6"))
	default:
		t.Addr = a
		if a.Is4In6() {
			args := explain.Args{"address": s}
			if v4bits := t.Prefix6() - 96; v4bits == 32 {
				args["ipv4"] = a.Unmap().String()
			} else if v4bits >= 0 {
				pfx, _ := a.Unmap().Prefix(v4bits)
				args["ipv4"] = pfx.String()
			}
			p.add(CodeIP6IPv4Mapped, sp, args)
			if v4, ok := args["ipv4"]; ok {
				p.fixLast(explain.Span{t.NameSpan.Start(), t.Span.End()}, string(KindIP4)+":"+v4)
			}
		}
	}
}

// noAddressArgs are the args of spf.mechanism.syntax for an ip4 or ip6 term
// with ":" but no address.
func noAddressArgs(t *Term) explain.Args {
	a := termArgs(t)
	a["reason"] = reasonNoAddress
	return a
}
