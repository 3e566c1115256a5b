package parsers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/internal/zonecheck/plain"
	"github.com/mxplain/mxplain/parsers/explain"
)

// zoneState is what earlier lines of zone text set for later ones.
type zoneState struct {
	origin     string  // from $ORIGIN; "" until one is seen
	defaultTTL *uint32 // from $TTL
	lastOwner  string  // the previous record's owner, for lines that omit it
	checkLine  LineChecker
}

// directive applies $ORIGIN and $TTL. Other directives are listed as records
// of type other, with a note that mxplain does not follow them.
func (z *zoneState) directive(input string, e entry) *found {
	name := strings.ToUpper(e.tokens[0].text)
	switch {
	case name == "$ORIGIN" && len(e.tokens) > 1:
		z.origin = z.absolute(e.tokens[1].text)
		if !dnsname.IsFqdn(z.origin) {
			z.origin = dnsname.Fqdn(z.origin)
		}
		return nil
	case name == "$TTL" && len(e.tokens) > 1:
		if ttl, ok := parseTTL(e.tokens[1].text); ok {
			z.defaultTTL = &ttl
			return nil
		}
	}
	f := &found{span: explain.Span{e.start, e.end}, directive: true}
	f.value.addRaw(input, e.start, e.end)
	f.value.seal()
	f.typ = explain.TypeOther
	f.findings = append(f.findings, finding(CodeDirectiveIgnored, f.span,
		"mxplain does not follow the "+e.tokens[0].text+" directive (or could not read it); records it would add are not explained."))
	return f
}

// absolute resolves a name from zone text against $ORIGIN. Without an
// $ORIGIN, a name with a dot inside is taken as fully qualified (that is how
// DNS panels read it) and a single label is kept as written.
func (z *zoneState) absolute(name string) string {
	switch {
	case name == "@":
		return z.origin
	case dnsname.IsFqdn(name):
		return name
	case z.origin == ".":
		return name + "."
	case z.origin != "":
		return name + "." + z.origin
	case strings.Contains(name, "."):
		return name + "."
	}
	return name
}

// record reads a zone-file resource record: its header with our tokenizer (so
// that every part has a span), its data as the value to explain, and the whole
// line with zone software, whose verdict is kept.
func (z *zoneState) record(input string, e entry) *found {
	h, _ := parseHeader(e)
	f := &found{span: explain.Span{e.start, e.end}, rrtype: rrtype.Name(h.rrtypeCode)}
	if h.owner >= 0 {
		f.owner = z.absolute(e.tokens[h.owner].text)
		z.lastOwner = f.owner
	} else {
		f.owner = z.lastOwner
	}
	if h.ttl >= 0 {
		ttl, _ := parseTTL(e.tokens[h.ttl].text)
		f.ttl = &ttl
	} else if z.defaultTTL != nil {
		ttl := *z.defaultTTL
		f.ttl = &ttl
	}
	typeTok := e.tokens[h.rrtype]
	rdata := e.tokens[h.rrtype+1:]
	f.value.at = typeTok.end
	switch {
	case len(rdata) == 0:
	case h.rrtypeCode == rrtype.TXT || h.rrtypeCode == rrtype.SPF:
		if anyQuoted(rdata) {
			for _, t := range rdata {
				f.strs = append(f.strs, f.value.addCharString(input, t))
			}
		} else {
			// Unquoted: take the rest of the line as the person wrote it.
			end := max(e.end, e.lineEnd)
			f.value.addRaw(input, rdata[0].start, end)
			f.span[1] = end
			f.unquoted = strings.ContainsAny(input[rdata[0].start:end], " \t;")
		}
	default:
		end := rdata[len(rdata)-1].end
		if e.dropFrom > 0 {
			end = e.end
		}
		f.value.addRaw(input, rdata[0].start, end)
	}
	f.ctx = explain.Context{Owner: f.owner, Origin: z.origin}
	f.sealValue(e, f.owner, h.rrtypeCode)
	if !f.cut {
		// (Past the limits, zone software's verdict is not sought.)
		f.zoneErr, f.pending = z.check(input, e, h)
	}
	f.header = headerFields(e, h, f)
	return f
}

// check asks zone software about the entry, under the $ORIGIN and $TTL in
// effect, supplying the owner when the line omits it. Without
// z.checkLine, a line that package plain vouches for is accepted, and any
// other is pending.
func (z *zoneState) check(input string, e entry, h rrHeader) (err error, pending bool) {
	first := h.rrtype
	if h.ttl >= 0 {
		first = min(first, h.ttl)
	}
	if h.class >= 0 {
		first = min(first, h.class)
	}
	owner := z.lastOwner
	if h.owner >= 0 {
		owner = e.tokens[h.owner].text
	}
	if owner == "" || (z.origin == "" && !dnsname.IsFqdn(owner)) {
		owner = z.absolute(owner)
		if owner == "" || !dnsname.IsFqdn(owner) {
			owner = "mxplain.invalid."
		}
	}
	origin := z.origin
	if origin == "" {
		origin = "."
	}
	text := owner + " " + input[e.tokens[first].start:e.end]
	if z.checkLine == nil {
		return nil, !plain.Accepts(text, origin)
	}
	// A pasted line without a TTL is fine: DNS panels supply one.
	ttl := uint32(3600)
	if z.defaultTTL != nil {
		ttl = *z.defaultTTL
	}
	return z.checkLine(text, origin, ttl), false
}

func anyQuoted(toks []token) bool {
	for _, t := range toks {
		if t.quoted {
			return true
		}
	}
	return false
}

// headerFields explains the owner, TTL, class and type of a zone record.
func headerFields(e entry, h rrHeader, f *found) []explain.Field {
	var fields []explain.Field
	field := func(i int, name, value, meaning, ref string) {
		t := e.tokens[i]
		fields = append(fields, explain.Field{Span: explain.Span{t.start, t.end}, Text: t.text,
			Name: name, Value: value, Meaning: meaning, Ref: ref})
	}
	if h.owner >= 0 {
		field(h.owner, "owner", f.owner, ownerMeaning(f.typ, f.owner), ownerRef(f.typ))
	}
	if h.ttl >= 0 && f.ttl != nil {
		field(h.ttl, "ttl", strconv.FormatUint(uint64(*f.ttl), 10), "Resolvers may keep this record for "+duration(*f.ttl)+" before asking again, so a change can take that long to reach everyone.", "RFC 1035 §3.2.1")
	}
	if h.class >= 0 {
		class := strings.ToUpper(e.tokens[h.class].text)
		meaning := "The Internet class, the only one mail uses."
		if class != "IN" {
			meaning = "Class " + class + " is not the Internet class; mail records are always IN."
		}
		field(h.class, "class", class, meaning, "RFC 1035 §3.2.4")
	}
	field(h.rrtype, "type", f.rrtype, typeMeaning(f.rrtype), "RFC 1035 §3.2.2")
	return fields
}

// ownerMeaning says what the name fqdn means for a record of type t: its
// kind's sentence, or the generic one.
func ownerMeaning(t explain.Type, fqdn string) string {
	if k := KindOf(t); k != nil && k.OwnerMeaning != nil {
		if m := k.OwnerMeaning(fqdn); m != "" {
			return m
		}
	}
	return "The name this record is published at: " + strings.TrimSuffix(fqdn, ".") + "."
}

// ownerRef is the section that says where a record of type t is published.
func ownerRef(t explain.Type) string {
	if k := KindOf(t); k != nil && k.OwnerRef != "" {
		return k.OwnerRef
	}
	return "RFC 1035 §3.2.1"
}

// typeMeaning says what a record of the RR type name holds, for the type
// field of zone text: the kind's RRTypeMeaning for a type that implies one.
func typeMeaning(name string) string {
	switch name {
	case "TXT":
		return "Text strings. " + txtKinds + " are all published as TXT records."
	case "SPF":
		return "The SPF record type (99), removed by RFC 7208: receivers read SPF only from TXT."
	}
	for _, k := range kinds {
		if k.RRTypeMeaning != "" && slices.Contains(k.RRTypeImplies, rrtype.Code(name)) {
			return k.RRTypeMeaning
		}
	}
	return "Record type " + name + "."
}

// txtKinds names the kinds published as TXT records, as a sentence lists
// them: "SPF, DKIM, DMARC, … and BIMI records".
var txtKinds = func() string {
	var labels []string
	for _, k := range kinds {
		for _, t := range k.RRTypes {
			if t == rrtype.TXT {
				labels = append(labels, k.Label)
			}
		}
	}
	if len(labels) < 2 {
		return strings.Join(labels, "") + " records"
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1] + " records"
}()

// duration writes seconds the way people say them: "1 hour", "5 minutes".
func duration(s uint32) string {
	for _, u := range []struct {
		secs uint32
		name string
	}{{604800, "week"}, {86400, "day"}, {3600, "hour"}, {60, "minute"}} {
		if s >= u.secs && s%u.secs == 0 {
			n := s / u.secs
			if n == 1 {
				return "1 " + u.name
			}
			return strconv.FormatUint(uint64(n), 10) + " " + u.name + "s"
		}
	}
	if s == 1 {
		return "1 second"
	}
	return strconv.FormatUint(uint64(s), 10) + " seconds"
}
