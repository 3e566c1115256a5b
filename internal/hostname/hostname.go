// Package hostname checks a host name written in a record's value: the
// exchange of an MX record (RFC 5321 §5.1), the target of an SRV record
// (RFC 2782). Both must be a host name with address records, not an IP
// address, a URL or a mailbox, and both are read as RFC 1035 §5.1 says
// (escapes, names relative to the origin in zone-file text).
//
// A Check reports what is wrong as data: a Problem, a span and Args,
// through the record package's callbacks, which make the finding of the
// package's own code ("mx.exchange.ip", "srv.target.ip") and its fix.
// Messages stay in the record packages; the parts of them that do not
// depend on the record are here (EscapeMessage, …).
package hostname

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Problem is what is wrong with a host name: the last part of its
// finding's code ("ip" in "mx.exchange.ip").
type Problem string

const (
	ProblemIP          Problem = "ip"           // an IP address, address literal or all-numeric name (error)
	ProblemURL         Problem = "url"          // a URL scheme, port or path around the name (error)
	ProblemMailbox     Problem = "mailbox"      // an e-mail address (error)
	ProblemInvalid     Problem = "invalid"      // a character no host name holds (error), RFC 5321 §2.3.5
	ProblemEscape      Problem = "escape"       // a bad \DDD or \X escape (error), RFC 1035 §5.1
	ProblemHostname    Problem = "hostname"     // "_", or "-" at a label's end (warning), RFC 5321 §4.1.2
	ProblemIDN         Problem = "idn"          // non-ASCII letters, not an A-label (error)
	ProblemEmptyLabel  Problem = "empty_label"  // two dots in a row, or a leading dot (error), RFC 1035 §2.3.4
	ProblemLabelLength Problem = "label_length" // a label over 63 bytes (error), RFC 1035 §2.3.4
	ProblemNameLength  Problem = "name_length"  // a name over 255 bytes on the wire (error), RFC 1035 §2.3.4
	ProblemRelative    Problem = "relative"     // dots but no trailing dot in zone text (warning), RFC 1035 §5.1
	ProblemDoubled     Problem = "doubled"      // ends in the owner's name twice (warning), RFC 1035 §5.1
	ProblemSingleLabel Problem = "single_label" // one label, no dot, in a bare value (warning), RFC 5321 §2.3.5
	ProblemLocalhost   Problem = "localhost"    // localhost or under .localhost (error), RFC 6761 §6.3
	ProblemSpecialUse  Problem = "special_use"  // under .invalid, .test, .example, .local (error), RFC 6761
	ProblemPrivate     Problem = "private"      // under .internal or .home.arpa (warning)
	ProblemOwner       Problem = "owner"        // the owner name itself (info)
)

// OriginName is "@", the current origin in zone-file text, RFC 1035 §5.1.
const OriginName = "@"

// Check checks one host name of a record value. Arg is the key of the
// name as written in the Args of its problems ("exchange", "target"), the
// other keys are the same for every record: "address", "domain", "host",
// "parts", "char", "escape", "label", "length", "origin", "name",
// "meant", "tld", "suffix" (the MX package's codes.go says which problem
// has which).
type Check struct {
	Value string          // the whole record value the name is a word of
	Ctx   explain.Context // Origin completes relative names; Owner is the record's name
	Arg   string
	// Prefix makes a problem's code: Prefix and the Problem
	// ("mx.exchange." and "ip").
	Prefix string
	// Add reports the finding of code at span (into Value) with args.
	Add func(code string, span explain.Span, args explain.Args)
	// Fix gives the problem added last the fix that writes text at span.
	Fix func(span explain.Span, text string)
}

func (c *Check) add(p Problem, span explain.Span, args explain.Args) {
	c.Add(c.Prefix+string(p), span, args)
}

// Name is a host name as the DNS reads it.
type Name struct {
	// FQDN is absolute, with a trailing dot, ASCII letters lower-cased,
	// completed with the origin when written relative in zone-file text;
	// "" when unknown.
	FQDN     string
	Relative bool // written without a trailing dot and completed with Ctx.Origin
}

// word is the name being checked and where it stands in Check.Value.
type word struct {
	text       string
	start, end int
}

func (w word) span() explain.Span { return explain.Span{w.start, w.end} }

// Host checks the host name text, which stands at start in c.Value, and
// returns the name the DNS reads. "@" is the origin (or the owner when
// there is none). The caller handles the names its record gives a
// meaning of its own ("." for MX and SRV).
func (c *Check) Host(text string, start int) Name {
	t := word{text, start, start + len(text)}
	var n Name
	s := t.text
	if s == OriginName {
		n.FQDN = NormalOrigin(c.Ctx.Origin)
		if n.FQDN == "" {
			n.FQDN = NormalOrigin(c.Ctx.Owner)
		}
		c.owner(n, t)
		return n
	}

	// Absolute or relative, and the name the DNS will read.
	name, absolute := s, IsAbsolute(s)
	if absolute {
		name = s[:len(s)-1]
	}
	origin := NormalOrigin(c.Ctx.Origin)
	canon := LowerASCII(plainName(name))
	switch {
	case absolute, origin == "" || origin == ".":
		n.FQDN = canon + "."
	default:
		n.FQDN = canon + "." + origin
		n.Relative = true
	}

	host, hostStart := c.hostPart(t)
	plain := host == s // no scheme, port, path or mailbox was stripped
	if host == "" {
		return n
	}
	if c.address(host, hostStart) {
		return n
	}
	if IsAbsolute(host) {
		host = host[:len(host)-1]
	}
	c.labels(host, hostStart, t)

	if n.Relative && plain && HasInnerDot(name) {
		c.add(ProblemRelative, t.span(), explain.Args{c.Arg: s, "origin": origin, "name": n.FQDN})
		c.Fix(explain.Span{t.end, t.end}, ".")
	}
	if o := NormalOrigin(c.Ctx.Owner); absolute && plain && o != "" && o != "." && strings.HasSuffix("."+n.FQDN, "."+o+o) {
		meant := strings.TrimSuffix(n.FQDN, o)
		c.add(ProblemDoubled, t.span(), explain.Args{c.Arg: s, "meant": meant})
		if cut := len(s) - len(o); cut > 0 && strings.EqualFold(s[cut:], o) {
			meant = s[:cut] // as written, its letters' case kept
		}
		c.Fix(t.span(), meant)
	}
	if wire := wireLength(name) + relativeWire(n.Relative, origin); wire > 255 {
		args := explain.Args{"length": strconv.Itoa(wire)}
		if n.Relative {
			args["origin"] = origin
		}
		c.add(ProblemNameLength, t.span(), args)
	}
	if c.special(n, t) {
		return n
	}
	if !absolute && origin == "" && plain && !HasInnerDot(name) {
		domain := Domain(c.Ctx)
		c.add(ProblemSingleLabel, t.span(), explain.Args{c.Arg: s, "domain": domain})
		if domain == "" {
			domain = explain.SlotText("domain")
		}
		c.Fix(explain.Span{t.end, t.end}, "."+domain)
	}
	c.owner(n, t)
	return n
}

// Slot is the slot for a server's name as a host name written text
// should be: absolute (a trailing dot) in zone-file text or when text
// was, as a panel's bare value otherwise.
func Slot(ctx explain.Context, text string) string {
	if ctx.Origin != "" || strings.HasSuffix(text, ".") {
		return explain.SlotText("host") + "."
	}
	return explain.SlotText("host")
}

// hostPart strips what makes the name a URL or a mailbox, reporting it,
// and returns the host name left and its offset in the value.
func (c *Check) hostPart(t word) (string, int) {
	host, start := t.text, t.start
	var scheme, port, path bool
	if i := strings.Index(host, "://"); i >= 0 {
		scheme = true
		host, start = host[i+3:], start+i+3
	} else if l := strings.ToLower(host); strings.HasPrefix(l, "mailto:") || strings.HasPrefix(l, "smtp:") {
		i := strings.IndexByte(host, ':')
		scheme = true
		host, start = host[i+1:], start+i+1
	}
	if i := strings.IndexByte(host, '/'); i >= 0 {
		path = true
		host = host[:i]
	}
	mailbox := false
	if at := strings.LastIndexByte(host, '@'); at >= 0 && host != OriginName {
		mailbox = true
		host, start = host[at+1:], start+at+1
	}
	if strings.HasPrefix(host, "[") {
		if i := strings.Index(host, "]:"); i >= 0 {
			port = true
			host = host[:i+1]
		}
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 && strings.Count(host, ":") == 1 && (i == len(host)-1 || ascii.IsDigits(host[i+1:])) {
		port = true
		host = host[:i]
	}
	var parts []string
	for _, part := range []struct {
		has  bool
		name string
	}{{scheme, "scheme"}, {port, "port"}, {path, "path"}} {
		if part.has {
			parts = append(parts, part.name)
		}
	}
	switch {
	case mailbox:
		// The domain after "@" is a mail domain, not the name of a server.
		c.add(ProblemMailbox, t.span(), explain.Args{c.Arg: t.text, "host": host})
		c.Fix(t.span(), Slot(c.Ctx, t.text))
	case len(parts) > 0:
		c.add(ProblemURL, t.span(), explain.Args{c.Arg: t.text, "host": host, "parts": strings.Join(parts, "\n")})
		fixed := host
		if fixed == "" {
			fixed = Slot(c.Ctx, t.text)
		}
		c.Fix(t.span(), fixed)
	}
	return host, start
}

// address reports a name that is an IP address, an address literal or an
// all-numeric name; the fix writes the slot for the server's name.
func (c *Check) address(host string, start int) bool {
	span := explain.Span{start, start + len(host)}
	slot := Slot(c.Ctx, host)
	if strings.HasPrefix(host, "[") {
		inner := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if len(inner) > 5 && strings.EqualFold(inner[:5], "IPv6:") {
			inner = inner[5:]
		}
		a, err := ipaddr.ParseAddr(inner)
		if err != nil {
			c.add(ProblemInvalid, explain.Span{start, start + 1}, explain.Args{c.Arg: host, "char": "["})
			return true
		}
		c.add(ProblemIP, span, explain.Args{c.Arg: host, "address": a.String(), "domain": Domain(c.Ctx)})
		c.Fix(span, slot)
		return true
	}
	if a, err := ipaddr.ParseAddr(strings.TrimSuffix(host, ".")); err == nil {
		c.add(ProblemIP, span, explain.Args{c.Arg: host, "address": a.String(), "domain": Domain(c.Ctx)})
		c.Fix(span, slot)
		return true
	}
	if allNumeric(strings.TrimSuffix(host, ".")) {
		c.add(ProblemIP, span, explain.Args{c.Arg: host, "domain": Domain(c.Ctx)})
		c.Fix(span, slot)
		return true
	}
	return false
}

// labels checks each label of a host name (without its final dot) written at
// offset start of the word t: empty labels, lengths, and characters.
func (c *Check) labels(name string, start int, t word) {
	var badChar, underscore, hyphen, idn, escape, empty bool
	whole := explain.Span{start, start + len(name)}
	escaped := strings.Contains(name, "\\")
	for _, l := range splitLabels(name) {
		ls := explain.Span{start + l.start, start + l.end}
		if len(l.bad) > 0 && !escape {
			escape = true
			e := l.bad[0]
			c.add(ProblemEscape, explain.Span{start + e.Start, start + e.End}, explain.Args{c.Arg: name, "escape": e.Text})
		}
		if len(l.decoded) == 0 {
			// Point at the dot that closes (or follows) the empty label.
			at := start + l.start
			end := at + 1
			if end > t.end {
				at, end = t.end-1, t.end
			}
			c.add(ProblemEmptyLabel, explain.Span{at, end}, explain.Args{c.Arg: t.text})
			if !empty && !escaped {
				c.Fix(whole, strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '.' }), "."))
			}
			empty = true
			continue
		}
		if len(l.decoded) > 63 {
			c.add(ProblemLabelLength, ls, explain.Args{"label": name[l.start:l.end], "length": strconv.Itoa(len(l.decoded))})
		}
		if !hyphen && (l.decoded[0] == '-' || l.decoded[len(l.decoded)-1] == '-') {
			hyphen = true
			c.add(ProblemHostname, ls, explain.Args{"label": name[l.start:l.end]})
		}
		for i := 0; i < len(l.decoded); i++ {
			ch := l.decoded[i]
			cs := explain.Span{start + l.off(i), start + l.off(i+1)}
			switch {
			case ch == '\\' && l.bad != nil && l.badAt(i):
				// A bad escape, reported above.
			case ch >= 0x80:
				if !idn {
					idn = true
					c.add(ProblemIDN, explain.Span{start, start + len(name)}, explain.Args{c.Arg: name})
				}
			case ch == '_':
				if !underscore {
					underscore = true
					c.add(ProblemHostname, cs, explain.Args{c.Arg: name})
				}
			case IsLDH(ch):
			default:
				if !badChar {
					badChar = true
					c.add(ProblemInvalid, cs, explain.Args{c.Arg: name, "char": string(rune(ch))})
					if !escaped {
						c.fixInvalid(name, whole, cs[0]-start, t)
					}
				}
			}
		}
	}
}

// fixInvalid fixes the name at span whose byte at is one no host name
// holds: what wraps the name is deleted (quotes, brackets, a "," or ";"
// after it), a "," between labels becomes the "." it was typed for.
func (c *Check) fixInvalid(name string, span explain.Span, at int, t word) {
	trimmed := strings.TrimFunc(name, func(r rune) bool { return r > 0x7f || !IsLDH(byte(r)) && r != '.' && r != '_' })
	switch {
	case trimmed != name && trimmed != "":
		// The dot of an absolute name stays after the span; one inside the
		// trimmed text ("mail.example.com.\"") is kept too.
		if strings.HasSuffix(trimmed, ".") && c.Value[span[1]:t.end] == "." {
			trimmed = strings.TrimSuffix(trimmed, ".")
		}
		c.Fix(span, trimmed)
	case name[at] == ',' && at > 0 && at < len(name)-1:
		c.Fix(explain.Span{span[0] + at, span[0] + at + 1}, ".")
	}
}

// special reports names that exist nowhere useful: localhost, special-use and
// private top-level names. It reports whether it found one.
func (c *Check) special(n Name, t word) bool {
	f := n.FQDN
	switch {
	case f == "localhost." || strings.HasSuffix(f, ".localhost."):
		c.add(ProblemLocalhost, t.span(), explain.Args{c.Arg: t.text})
		c.Fix(t.span(), Slot(c.Ctx, t.text))
		return true
	}
	tld := lastLabel(f)
	switch tld {
	case "invalid", "test", "example", "local":
		c.add(ProblemSpecialUse, t.span(), explain.Args{c.Arg: t.text, "tld": tld})
		c.Fix(t.span(), Slot(c.Ctx, t.text))
		return true
	case "internal":
		c.add(ProblemPrivate, t.span(), explain.Args{c.Arg: t.text, "suffix": tld})
		return true
	}
	if f == "home.arpa." || strings.HasSuffix(f, ".home.arpa.") {
		c.add(ProblemPrivate, t.span(), explain.Args{c.Arg: t.text, "suffix": "home.arpa"})
		return true
	}
	return false
}

// owner notes a name that is the owner name itself.
func (c *Check) owner(n Name, t word) {
	o := NormalOrigin(c.Ctx.Owner)
	if o != "" && n.FQDN == o {
		c.add(ProblemOwner, t.span(), explain.Args{"domain": Domain(c.Ctx)})
	}
}
