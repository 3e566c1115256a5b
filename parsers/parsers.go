// Package parsers turns text a person pastes — a bare record value, quoted TXT
// strings, zone-file lines, dig output, a whole zone — into explained records.
//
// It finds each record in the input, decides its type (from the owner name,
// the RR type or the value), hands the value to the package for that type
// (parsers/mx, parsers/spf, parsers/dkim, parsers/dmarc) and maps every span
// those packages report back onto the input, so that a user interface can mark
// exactly the bytes a field or a finding is about. Findings about how a record
// was written down (TXT strings over 255 bytes, unquoted zone data, a record at
// a name where receivers never look) are its own; see codes.go.
package parsers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mx"
	"github.com/mxplain/mxplain/parsers/spf"
)

// Options adjust Explain.
type Options struct {
	// Type, when set, explains every record of the input as this type instead
	// of detecting it: explain.TypeSPF, TypeDMARC, TypeDKIM or TypeMX.
	Type explain.Type
}

// ErrNoRecord is returned for input that holds no record at all: nothing, or
// only blanks and comments.
var ErrNoRecord = errors.New("parsers: no record in the input")

// Explain explains every record in input. A broken record is still explained,
// with findings; the error is only for input with no record in it.
func Explain(input string, opts Options) (explain.Explanation, error) {
	out := explain.Explanation{Input: input, Records: []explain.Record{}}
	var found []*found
	z := zoneState{}
	for _, e := range splitEntries(input) {
		switch e.kind {
		case entryDirective:
			if f := z.directive(input, e); f != nil {
				found = append(found, f)
			}
		case entryRR:
			found = append(found, z.record(input, e))
		case entryValue:
			found = append(found, bareValue(input, e))
		}
	}
	if len(found) == 0 {
		return out, ErrNoRecord
	}
	for _, f := range found {
		if opts.Type != "" && f.typ != explain.TypeOther {
			f.typ = opts.Type
		}
	}
	out.Records = explainAll(input, found)
	return out, nil
}

// found is a record located in the input, before its value is explained.
type found struct {
	typ      explain.Type
	rrtype   string // "TXT", "MX", … or "" for a bare value
	owner    string // as the world reads it: FQDN when known
	ttl      *uint32
	span     explain.Span
	header   []explain.Field
	value    valueMap
	strs     []txtString
	findings []explain.Finding // about the text, in input offsets
	ctx      explain.Context
	// zoneErr is miekg/dns's complaint about the line, if any.
	zoneErr error
	// unquoted is set when TXT data in zone text was written without quotes.
	unquoted bool
}

// bareValue takes a line that is not zone text as a record value: either a
// run of quoted TXT strings ("v=spf1 a" " -all") or the text as written.
func bareValue(input string, e entry) *found {
	f := &found{span: explain.Span{e.start, e.end}}
	f.value.at = e.start
	if len(e.tokens) > 0 && e.tokens[0].quoted {
		for _, t := range e.tokens {
			f.strs = append(f.strs, f.value.addCharString(input, t))
		}
		if end := e.tokens[len(e.tokens)-1].end; end < e.end && strings.TrimSpace(input[end:e.end]) != "" {
			// Text after the strings that the zone tokenizer read as a
			// comment belongs to the value the person pasted: keep it.
			f.strs = nil
			f.value = valueMap{at: e.start}
			f.value.addRaw(input, e.start, e.end)
		}
	} else {
		f.value.addRaw(input, e.start, e.end)
	}
	f.typ = detect("", 0, string(f.value.value))
	return f
}

// explainAll explains each found record with its type's package and adds the
// findings that need more than one record: several SPF or DMARC records at one
// name, and MX records explained together as one delivery order.
func explainAll(input string, found []*found) []explain.Record {
	recs := make([]explain.Record, len(found))
	mxSets := map[string][]int{}
	var mxOwners []string
	for i, f := range found {
		if f.typ == explain.TypeMX {
			key := strings.ToLower(f.owner)
			if _, ok := mxSets[key]; !ok {
				mxOwners = append(mxOwners, key)
			}
			mxSets[key] = append(mxSets[key], i)
			continue
		}
		recs[i] = explainOne(f)
	}
	for _, owner := range mxOwners {
		idx := mxSets[owner]
		values := make([]string, len(idx))
		for j, i := range idx {
			values[j] = string(found[i].value.value)
		}
		for j, r := range mx.ExplainSet(values, found[idx[0]].ctx) {
			recs[idx[j]] = finish(found[idx[j]], r)
		}
	}
	markMultiple(recs, explain.TypeSPF, func(s explain.Span, _ int) explain.Finding { return spf.MultipleFinding(s) })
	markMultiple(recs, explain.TypeDMARC, dmarc.MultipleFinding)
	return recs
}

// explainOne explains a record that is not MX.
func explainOne(f *found) explain.Record {
	value := string(f.value.value)
	var r explain.Record
	switch f.typ {
	case explain.TypeSPF:
		r = spf.Explain(value, f.ctx)
	case explain.TypeDMARC:
		r = dmarc.Explain(value, f.ctx)
	case explain.TypeDKIM:
		r = dkim.Explain(value, f.ctx)
	case explain.TypeOther:
		r = explainOther(f)
	case TypeMTASTS, TypeTLSRPT, TypeBIMI:
		r = explain.New(f.typ, value)
		r.Summary = unsupportedNames[f.typ] + ": mxplain recognises it but does not explain its fields yet."
		r.Add(finding(CodeUnsupported, r.Span, r.Summary))
	default:
		r = explainUnknown(value)
	}
	return finish(f, r)
}

// finish moves a record explained from its value onto the input: spans,
// owner, TTL, header fields and the findings about how it was written.
func finish(f *found, r explain.Record) explain.Record {
	r.MapSpans(f.value.span)
	r.Span = f.span
	r.Owner = f.owner
	r.TTL = f.ttl
	if f.rrtype != "" {
		r.RRType = f.rrtype
	}
	r.Header = f.header
	if r.Type != explain.TypeOther {
		for _, fd := range checkStrings(f.strs, f.value.value, r.Type) {
			r.Add(fd)
		}
	}
	for _, fd := range f.findings {
		r.Add(fd)
	}
	if f.unquoted {
		r.Add(finding(CodeUnquoted, f.value.span(explain.Span{0, len(f.value.value)}),
			"The text is not in double quotes. Zone files and most DNS tools read unquoted TXT data as separate strings split at every blank, joined back with nothing in between, and drop everything after a \";\" as a comment. mxplain explains the text as you wrote it; publish it as one quoted string: \""+string(f.value.value)+"\"."))
	}
	if f.rrtype == "SPF" {
		r.Add(finding(CodeSPFRRType, f.span, "The SPF record type (99) was removed by RFC 7208; receivers only read SPF from TXT records. Publish the same value as a TXT record at the same name."))
	}
	if m := ownerMismatch(r.Type, f.owner); m != "" {
		span := f.span
		if len(f.header) > 0 {
			span = f.header[0].Span
		}
		r.Add(finding(CodeOwnerMismatch, span, m))
	}
	if f.zoneErr != nil && r.Valid {
		r.Add(finding(CodeZoneSyntax, f.span, "Zone software would reject this line: "+f.zoneErr.Error()+"."))
	}
	if len(f.strs) == 0 && f.rrtype == "" && len(f.value.value) > maxStringLen && r.Type != explain.TypeMX {
		r.Add(finding(CodeValueLong, f.span, fmt.Sprintf(
			"The value is %d bytes, more than the 255 one TXT string holds. Most DNS panels split it for you; in a zone file write it as several quoted strings (\"…\" \"…\"), which receivers join without adding anything in between.",
			len(f.value.value))))
	}
	return r
}

// markMultiple adds an error to every record of type t that shares its owner
// with another record of that type: receivers then use none of them.
func markMultiple(recs []explain.Record, t explain.Type, build func(span explain.Span, n int) explain.Finding) {
	byOwner := map[string][]int{}
	for i, r := range recs {
		if r.Type == t && r.Owner != "" {
			key := strings.ToLower(r.Owner)
			byOwner[key] = append(byOwner[key], i)
		}
	}
	for _, idx := range byOwner {
		if len(idx) < 2 {
			continue
		}
		for _, i := range idx {
			recs[i].Add(build(recs[i].Span, len(idx)))
		}
	}
}

// ownerMismatch says why a record of type t at owner is never read, or "".
// (parsers/dkim checks its own owner names: a key must sit under _domainkey.)
func ownerMismatch(t explain.Type, owner string) string {
	if owner == "" {
		return ""
	}
	implied := typeFromOwner(owner)
	switch {
	case t == explain.TypeDMARC && implied != explain.TypeDMARC:
		name := strings.TrimSuffix(owner, ".")
		return fmt.Sprintf("Receivers look for a DMARC record only at _dmarc.<domain> (RFC 9989 §4.1); at %s it is never read. Publish it at _dmarc.%s.", name, name)
	case t == explain.TypeSPF && (implied == explain.TypeDMARC || implied == explain.TypeDKIM):
		return fmt.Sprintf("Receivers read SPF from the TXT records of the domain itself (RFC 7208 §4.4), never from %s. Publish it at the domain the mail comes from.", strings.TrimSuffix(owner, "."))
	}
	return ""
}

// explainUnknown explains text that is no mail record mxplain knows.
func explainUnknown(value string) explain.Record {
	r := explain.New(explain.TypeUnknown, value)
	r.Summary = "This is not a mail record mxplain recognises."
	r.Add(finding(CodeUnrecognised, r.Span,
		"mxplain cannot tell what this is. An SPF record starts with v=spf1, a DMARC record with v=DMARC1, a DKIM key record with v=DKIM1 (or k= and p= tags), and MX data is a preference and a host name (10 mail.example.com.)."))
	return r
}

// unsupportedNames name the mail records mxplain recognises but does not
// explain yet.
var unsupportedNames = map[explain.Type]string{
	TypeMTASTS: "MTA-STS policy record (RFC 8461 §3.1)",
	TypeTLSRPT: "SMTP TLS Reporting record (RFC 8460 §3)",
	TypeBIMI:   "BIMI record (draft-brand-indicators-for-message-identification)",
}

// explainOther describes a zone record that is not a mail record, or a TXT
// value that is something else (a site-verification token and the like).
func explainOther(f *found) explain.Record {
	r := explain.New(explain.TypeOther, string(f.value.value))
	switch {
	case f.rrtype == "" && strings.HasPrefix(r.Value, "$"):
		r.Summary = "A zone-file directive that mxplain does not follow."
	case f.rrtype != "" && f.rrtype != "TXT":
		r.Summary = fmt.Sprintf("%s record: not a mail record, so mxplain lists it without explaining it.", f.rrtype)
	default:
		r.Summary = "A TXT value that is not a mail record (a site-verification token or similar); mxplain lists it without explaining it."
	}
	return r
}
