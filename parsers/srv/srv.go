// Package srv explains the DNS SRV records mail clients use to find a
// domain's servers: message submission (_submissions._tcp, port 465,
// implicit TLS, RFC 8314 §5.1; _submission._tcp, port 587, STARTTLS,
// RFC 6186 §3.1 and RFC 6409), IMAP (_imaps._tcp 993, _imap._tcp 143,
// RFC 6186 §3.2) and POP3 (_pop3s._tcp 995, _pop3._tcp 110, RFC 6186
// §3.3), and Microsoft's _autodiscover._tcp (443, no RFC).
//
// It follows RFC 2782 (the SRV RDATA: priority, weight, port, target; the
// order clients try records in; the target "." for a service decidedly
// not offered), RFC 6186 (the mail service labels, §3.4 on priorities and
// "."), RFC 8314 (implicit TLS preferred over STARTTLS and cleartext,
// §3, §4.5.2 and §5.1; the port registrations of §7) and RFC 1035 §5.1
// (names relative to the origin in zone files). The target's host-name
// checks are MX's (internal/hostname).
//
// Parse reads one SRV value; Explain and ExplainSet turn values into
// explain.Records. ExplainSet explains the SRV records of one owner
// together, in the order a client tries them. The package is pure: no
// network, no clock, no randomness.
package srv

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/internal/hostname"
	"github.com/mxplain/mxplain/parsers/explain"
)

// TLS is how a service protects its connections.
type TLS string

const (
	TLSImplicit TLS = "implicit" // TLS starts on connection, RFC 8314 §3
	TLSStartTLS TLS = "starttls" // cleartext first, then STARTTLS or STLS, RFC 6186 §4
	TLSUnknown  TLS = ""         // a service this package does not know
)

// NotOffered is the target of a service decidedly not offered, RFC 2782
// and RFC 6186 §3.4.
const NotOffered = "."

// ProtoTCP is the protocol label every mail service is published under
// ("_tcp"), RFC 6186 §3.
const ProtoTCP = "tcp"

// Service is a service label mail clients look up.
type Service struct {
	Name     string // the label without its "_": "submissions"
	Protocol string // what it serves, for prose: "message submission", "IMAP"
	Port     uint16 // the standard port
	TLS      TLS
	Ref      string // the section that defines the label
	PortRef  string // the section that registers the port
	// Implicit names the implicit-TLS service of a STARTTLS one
	// ("submissions" for "submission"); "" for the others.
	Implicit string
	// Mail is false for _autodiscover, which is no mail protocol: its
	// port is never another mail service's.
	Mail bool
	// Role is what a client does with the service: RoleSubmit (send
	// mail), RoleRead (read it), or "" (_autodiscover: set itself up).
	Role Role
}

// Role is what a mail client uses a service for (Service.Role).
type Role string

// The roles of the mail services.
const (
	RoleSubmit Role = "submit" // message submission (RFC 6409)
	RoleRead   Role = "read"   // mailbox access: IMAP or POP3
)

// Label is the service's owner labels, "_imaps._tcp".
func (s *Service) Label() string { return "_" + s.Name + "._tcp" }

// Services are the services mail clients look up, implicit TLS first.
var Services = []Service{
	{Name: "submissions", Role: RoleSubmit, Protocol: "message submission", Port: 465, TLS: TLSImplicit, Ref: "RFC 8314 §5.1", PortRef: "RFC 8314 §7.3", Mail: true},
	{Name: "imaps", Role: RoleRead, Protocol: "IMAP", Port: 993, TLS: TLSImplicit, Ref: "RFC 6186 §3.2", PortRef: "RFC 8314 §7.2", Mail: true},
	{Name: "pop3s", Role: RoleRead, Protocol: "POP3", Port: 995, TLS: TLSImplicit, Ref: "RFC 6186 §3.3", PortRef: "RFC 8314 §7.1", Mail: true},
	{Name: "submission", Role: RoleSubmit, Protocol: "message submission", Port: 587, TLS: TLSStartTLS, Ref: "RFC 6186 §3.1", PortRef: "RFC 6409 §3.1", Implicit: "submissions", Mail: true},
	{Name: "imap", Role: RoleRead, Protocol: "IMAP", Port: 143, TLS: TLSStartTLS, Ref: "RFC 6186 §3.2", PortRef: "RFC 6186 §3.2", Implicit: "imaps", Mail: true},
	{Name: "pop3", Role: RoleRead, Protocol: "POP3", Port: 110, TLS: TLSStartTLS, Ref: "RFC 6186 §3.3", PortRef: "RFC 6186 §3.3", Implicit: "pop3s", Mail: true},
	{Name: "autodiscover", Protocol: "Autodiscover", Port: 443, TLS: TLSImplicit, Ref: refSRV, PortRef: refSRV},
}

// LookupService returns the service named name (without "_", any case),
// or nil.
func LookupService(name string) *Service {
	for i := range Services {
		if strings.EqualFold(Services[i].Name, name) {
			return &Services[i]
		}
	}
	return nil
}

// servicePort returns the mail service whose standard port is port, or nil.
func servicePort(port uint16) *Service {
	for i := range Services {
		if Services[i].Mail && Services[i].Port == port {
			return &Services[i]
		}
	}
	return nil
}

// RelayPort is SMTP's port, for relay between servers, not submission
// (RFC 6409 §3.1, RFC 5321 §4.5.4).
const RelayPort uint16 = 25

// Owner is what the owner name "_<service>._<proto>.<domain>" says.
type Owner struct {
	Service string   // the service label without "_" ("imaps"); "" when there is none
	Proto   string   // the protocol label without "_" ("tcp"); "" when there is none
	Domain  string   // the domain, fully qualified; the whole owner when it has no service labels
	Known   *Service // the service, when it is one of Services
}

// ParseOwner reads an owner name; ok is false when it does not start with
// two labels that begin with "_" (the service and the protocol, RFC 2782).
func ParseOwner(owner string) (o Owner, ok bool) {
	labels := dnsname.SplitDomainName(owner)
	fq := func(ls []string) string {
		d := strings.Join(ls, ".")
		if d != "" && dnsname.IsFqdn(owner) {
			d += "."
		}
		return d
	}
	if len(labels) < 2 || !strings.HasPrefix(labels[0], "_") || !strings.HasPrefix(labels[1], "_") {
		return Owner{Domain: fq(labels)}, false
	}
	o = Owner{Service: labels[0][1:], Proto: strings.ToLower(labels[1][1:]), Domain: fq(labels[2:])}
	o.Known = LookupService(o.Service)
	return o, true
}

// SRV is one SRV record value as read from its text.
type SRV struct {
	Priority, Weight, Port             uint16 // valid when Has… says so, RFC 2782
	HasPriority, HasWeight, HasPort    bool
	PriorityText, WeightText, PortText string
	PrioritySpan, WeightSpan, PortSpan explain.Span

	Target     string       // "Target" as written ("imap.example.com.", "."), RFC 2782
	HasTarget  bool         // a target was read
	TargetSpan explain.Span // where Target stands in the value
	// FQDN is the target as the DNS reads it: absolute, lower-case,
	// completed with the origin when relative in zone-file text; "." when
	// not offered; "" when unknown.
	FQDN       string
	Relative   bool // written without a trailing dot and completed with ctx.Origin
	NotOffered bool // the target is "."

	Owner   Owner // what ctx.Owner says, when it was given
	OwnerOK bool  // ctx.Owner is "_<service>._<proto>.<domain>"
}

// tok is one blank-separated word of a value and where it stands.
type tok struct {
	text       string
	start, end int
}

func (t tok) span() explain.Span { return explain.Span{t.start, t.end} }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// words splits s at ASCII blanks.
func words(s string) []tok {
	var ts []tok
	for i := 0; i < len(s); i++ {
		if isBlank(s[i]) {
			continue
		}
		j := i
		for j < len(s) && !isBlank(s[j]) {
			j++
		}
		ts = append(ts, tok{s[i:j], i, j})
		i = j
	}
	return ts
}

// Parse reads an SRV value ("0 1 993 imap.example.com.") and reports what
// is wrong with it on its own, and with it at ctx.Owner; ExplainSet adds
// what is wrong with a set. The returned SRV is never nil and holds every
// part that could be read.
func Parse(value string, ctx explain.Context) (*SRV, []explain.Finding) {
	p := parser{value: value, ctx: ctx, s: &SRV{}}
	p.parse()
	return p.s, p.findings
}

type parser struct {
	value    string
	ctx      explain.Context
	s        *SRV
	findings []explain.Finding
	// unfixable is set when the value does not have an SRV's shape: its
	// findings then carry no fix.
	unfixable bool
}

func (p *parser) add(code string, span explain.Span, args explain.Args) {
	p.findings = append(p.findings, rules.Finding(code, span, args))
}

// fixLast gives the finding added last the fix that writes text at span;
// none when the value reads so already, or when the word holds a slot
// ("{{host}}"), which is the owner's to fill.
func (p *parser) fixLast(span explain.Span, text string) {
	if p.unfixable || p.value[span[0]:span[1]] == text || strings.Contains(p.value, "{{") {
		return
	}
	i := len(p.findings) - 1
	p.findings[i] = p.findings[i].WithFix(span, text)
}

// fields are the names of an SRV value's words, in order.
var fields = [...]string{"priority", "weight", "port", "target"}

func (p *parser) parse() {
	s := p.s
	whole := explain.Span{0, len(p.value)}
	p.owner()
	ts := words(p.value)
	if len(ts) == 0 {
		p.add(CodeEmpty, whole, nil)
		return
	}
	nums := []struct {
		n    *uint16
		has  *bool
		text *string
		span *explain.Span
	}{{&s.Priority, &s.HasPriority, &s.PriorityText, &s.PrioritySpan},
		{&s.Weight, &s.HasWeight, &s.WeightText, &s.WeightSpan},
		{&s.Port, &s.HasPort, &s.PortText, &s.PortSpan}}
	for i, n := range nums {
		if i >= len(ts) {
			break
		}
		t := ts[i]
		*n.text, *n.span = t.text, t.span()
		if i == 0 && hostname.LooksLikeName(t.text) {
			// A host name where the numbers belong: a value of another
			// shape (an MX's exchange, a URL) is nothing to correct towards.
			p.unfixable = true
		}
		v, err := strconv.ParseUint(t.text, 10, 16)
		switch {
		case err == nil:
			*n.n, *n.has = uint16(v), true
		case ascii.IsDigits(t.text):
			p.add(CodeNumberRange, t.span(), explain.Args{"field": fields[i], "value": t.text})
		default:
			p.add(CodeNumberInvalid, t.span(), explain.Args{"field": fields[i], "value": t.text})
		}
	}
	if len(ts) < 4 {
		missing := fields[len(ts)]
		p.add(CodeFieldMissing, whole, explain.Args{"missing": missing, "count": strconv.Itoa(len(ts))})
		if len(ts) == 3 && s.HasPriority && s.HasWeight && s.HasPort {
			last := ts[2]
			p.fixLast(explain.Span{last.end, last.end}, " "+hostname.Slot(p.ctx, last.text))
		}
		return
	}
	p.target(ts[3])
	if rest := ts[4:]; len(rest) > 0 {
		extra := explain.Span{rest[0].start, rest[len(rest)-1].end}
		p.add(CodeExtra, extra, explain.Args{"extra": p.value[extra[0]:extra[1]]})
		named := false
		for _, t := range rest {
			named = named || hostname.LooksLikeName(t.text)
		}
		if !named {
			p.fixLast(explain.Span{ts[3].end, extra[1]}, "")
		}
	}
	if s.NotOffered {
		p.notOffered(ts)
		return
	}
	p.port()
}

// owner checks ctx.Owner: "_<service>._<proto>.<domain>" with a service
// mail clients look up, under "_tcp".
func (p *parser) owner() {
	if p.ctx.Owner == "" {
		return
	}
	s := p.s
	s.Owner, s.OwnerOK = ParseOwner(p.ctx.Owner)
	o := s.Owner
	whole := explain.Span{0, len(p.value)}
	name := strings.TrimSuffix(p.ctx.Owner, ".")
	switch {
	case !s.OwnerOK:
		args := explain.Args{"owner": name}
		labels := dnsname.SplitDomainName(p.ctx.Owner)
		if len(labels) > 1 {
			svc := strings.TrimPrefix(labels[0], "_")
			if k := LookupService(svc); k != nil && strings.EqualFold(strings.TrimPrefix(labels[1], "_"), ProtoTCP) {
				args["meant"] = "_" + k.Name + "._tcp." + strings.Join(labels[2:], ".")
			}
		}
		p.add(CodeOwnerLabels, whole, args)
		return
	case o.Known == nil:
		p.add(CodeServiceUnknown, whole, explain.Args{"service": o.Service, "proto": o.Proto})
	}
	if o.Proto != ProtoTCP && o.Known != nil {
		p.add(CodeProtoNotTCP, whole, explain.Args{"service": o.Known.Name, "proto": o.Proto,
			"meant": "_" + o.Known.Name + "._tcp." + strings.TrimSuffix(o.Domain, ".")})
	}
}

// target reads the host name and checks it as MX checks its exchange.
func (p *parser) target(t tok) {
	s := p.s
	s.Target, s.TargetSpan, s.HasTarget = t.text, t.span(), true
	if t.text == NotOffered {
		s.NotOffered, s.FQDN = true, NotOffered
		return
	}
	// The target is a host of the domain, not of the service's name: a
	// name completed with the domain, or the domain itself, is the
	// domain's (_imaps._tcp.example.com is for example.com).
	ctx := explain.Context{Origin: p.ctx.Origin}
	if s.OwnerOK {
		ctx.Owner = s.Owner.Domain
	}
	c := hostname.Check{Value: p.value, Ctx: ctx, Arg: "target", Prefix: "srv.target.", Add: p.add, Fix: p.fixLast}
	n := c.Host(t.text, t.start)
	s.FQDN, s.Relative = n.FQDN, n.Relative
}

// notOffered notes a service said not to be offered, and numbers other
// than "0 0 0" before its ".".
func (p *parser) notOffered(ts []tok) {
	s := p.s
	args := explain.Args{"service": serviceName(s), "domain": domainOf(s)}
	p.add(CodeNotOffered, explain.Span{0, len(p.value)}, args)
	if s.HasPriority && s.HasWeight && s.HasPort && (s.Priority != 0 || s.Weight != 0 || s.Port != 0) {
		nums := explain.Span{ts[0].start, ts[2].end}
		p.add(CodeNotOfferedFields, nums, explain.Args{"fields": p.value[nums[0]:nums[1]]})
		p.fixLast(nums, "0 0 0")
	}
}

// port checks the port against the service's: another mail service's
// port, SMTP's relay port, or one no standard names.
func (p *parser) port() {
	s := p.s
	k := s.Owner.Known
	if !s.HasPort || k == nil {
		return
	}
	if s.Port == k.Port {
		if k.TLS == TLSStartTLS {
			code := CodeStartTLS
			if k.Name != "submission" {
				code = CodeCleartext
			}
			p.add(code, explain.Span{0, len(p.value)}, explain.Args{"service": k.Name, "implicit": k.Implicit, "domain": domainOf(s)})
		}
		return
	}
	std := strconv.Itoa(int(k.Port))
	args := explain.Args{"service": k.Name, "port": s.PortText, "standard": std}
	switch other := servicePort(s.Port); {
	case s.Port == RelayPort && strings.HasPrefix(k.Name, "submission"):
		p.add(CodePortRelay, s.PortSpan, args)
		p.fixLast(s.PortSpan, std)
	case k.Mail && other != nil:
		args["other"] = other.Name
		p.add(CodePortMismatch, s.PortSpan, args)
		p.fixLast(s.PortSpan, std)
	default:
		p.add(CodePortNonstandard, s.PortSpan, args)
	}
}

// serviceName is the service label of the owner, for prose; "" when unknown.
func serviceName(s *SRV) string { return s.Owner.Service }

// domainOf is the owner's domain for prose, without its trailing dot.
func domainOf(s *SRV) string {
	if !s.OwnerOK {
		return ""
	}
	return strings.TrimSuffix(hostname.LowerASCII(s.Owner.Domain), ".")
}
