// Package parsers turns text a person pastes — a bare record value, quoted TXT
// strings, zone-file lines, dig output, a whole zone — into explained records.
//
// It finds each record in the input, decides its type (from the owner name,
// the RR type or the value, as each kind of record describes itself),
// hands the value to the package of that kind and maps every span those
// packages report back onto the input, so that a user interface can mark
// exactly the bytes a field or a finding is about. Findings about how a record
// was written down (TXT strings over 255 bytes, unquoted zone data, bad
// escapes, a record at a name where receivers never look) are its own; see
// codes.go.
//
// # Kinds
//
// Each record package (parsers/mx, parsers/spf, parsers/dkim,
// parsers/dmarc, parsers/mtasts, parsers/tlsrpt, parsers/bimi) exports an
// explain.Kind that describes its records once: type name, label, RR
// types, version tag, owner labels, how a value resembles it, whether a
// whole input is one of its documents (an MTA-STS policy file), its
// Explain and its checks across several records at one name. Kinds
// (kinds.go) is the one list of them: detection, zone text's owner fields,
// Options.Type and every front end's list of types read it, so a new kind
// of record is its package and one line there. Detection tries the kinds
// in that order: a value that mentions the versions of two kinds, or
// resembles two, is of the first.
//
// # Spans and escapes
//
// A record parser sees the value as receivers do: TXT strings joined, RFC
// 1035 §5.1 escapes ("\;", "\059") undone by internal/dnstext, the one
// decoder of them in mxplain. Each byte of the value remembers the input
// bytes it was written as, so a field's span on the input covers exactly
// what was written for it, across quotes, escapes and the gaps between
// strings; the field's text is the value's bytes written inside that span
// (FuzzExplain checks it on every record). A bad escape ("\300", "\1",
// a trailing "\") is an error finding, txt.escape.invalid, and is read as
// written.
//
// # Forcing the type
//
// Options.Type wins over everything detection looks at: the version tag
// (a Sender ID "v=spf2.0/pra" with Type spf is explained as a broken SPF
// record, which is what a receiver reading it for SPF sees), the owner
// name, the shape of the value. Only records that can hold no mail record
// keep their type: zone directives and zone records of other RR types (A,
// SOA, …). TXT, SPF and MX records and bare values are forced.
//
// # Limits
//
// One explanation holds at most MaxRecords records, starting in the first
// MaxInputBytes of the input, and at most MaxValueBytes of each record's
// value (65535: no DNS record holds more). Past a limit the input is not
// read further: the rest of the input becomes one record of type "other"
// with an empty value, spanning the rest, and the warning
// input.not_explained; the rest of a value, the warning
// record.value.not_explained on the record, spanning what was not
// explained (a value is cut before the last blank or ";" within its last
// KiB, so that it ends with whole terms). Fields, findings and facts of a
// record are then bounded by what its parser makes of 64 KiB. With them,
// explaining any input of up to 8 MB takes tens of milliseconds and a few
// tens of MB; BENCHMARKS.md has the numbers.
package parsers

import (
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Options adjust Explain.
type Options struct {
	// Type, when set, explains every record of the input as this type instead
	// of detecting it: one of the kinds' (Kinds, ParseType). It wins over
	// every sign of another type (a Sender ID or site-verification value, an
	// owner name): "v=spf2 -all" with Type spf is explained as a broken SPF
	// record. Only zone records of RR types that hold no mail record (A,
	// SOA, …) and directives keep their own type. A kind of documents (an
	// MTA-STS policy file) takes the whole input as one.
	Type explain.Type
	// CheckLine gives zone software's verdict on a line of zone text:
	// internal/zonecheck.Line, miekg/dns's. Without it (the page's first
	// engine goes without miekg/dns), a line gets a verdict only when
	// internal/zonecheck/plain vouches for it; any other line's record is
	// explained with Pending set, for a caller with CheckLine to explain
	// again.
	CheckLine LineChecker
}

// A LineChecker says what zone software rejects in text, one resource
// record whose owner is written out, read under origin ("." for none) with
// defaultTTL for a line without a TTL; nil when it accepts the line.
type LineChecker func(text, origin string, defaultTTL uint32) error

// The limits of one explanation. Past them, the rest of the input (or of a
// record's value) is not explained: a finding says so and where it starts,
// so that a huge paste costs what its first part costs and never blocks the
// page or the server.
const (
	// MaxRecords is the most records one input explains; a mail domain's
	// records are a few dozen, a whole zone rarely more than a few hundred.
	MaxRecords = 1000
	// MaxInputBytes bounds where explained records start: a record that
	// starts past the first MiB of the input is not explained.
	MaxInputBytes = 1 << 20
	// MaxValueBytes is the most bytes of one record's value explained: 65535,
	// the most any DNS record's data holds (RDLENGTH is 16 bits, RFC 1035
	// §3.2.1), so a longer value cannot be published at all.
	MaxValueBytes = 65535
)

// limits are the limits in force; tests and benchmarks lift them to measure
// the engine on inputs past them.
var limits = struct{ records, input, value int }{MaxRecords, MaxInputBytes, MaxValueBytes}

// ErrNoRecord is returned for input that holds no record at all: nothing, or
// only blanks and comments.
var ErrNoRecord = errors.New("parsers: no record in the input")

// Explain explains every record in input, up to the limits above. A broken
// record is still explained, with findings; the error is only for input with
// no record in it.
func Explain(input string, opts Options) (explain.Explanation, error) {
	if dmg := findDamage(input); len(dmg) > 0 {
		m := repaired(input, dmg)
		out, err := explainText(m.text, opts)
		mapBack(&out, input, m, dmg)
		return out, err
	}
	return explainText(input, opts)
}

// explainText is Explain of input with no copy-paste damage in it.
func explainText(input string, opts Options) (explain.Explanation, error) {
	out := explain.Explanation{Input: input, Records: []explain.Record{}}
	found, rest := locate(input, opts)
	if len(found) == 0 {
		return out, ErrNoRecord
	}
	found, out.Skipped = dropText(input, found)
	out.Records = explainAll(input, found)
	if rest >= 0 {
		out.Records = append(out.Records, notExplained(input, rest))
	}
	return out, nil
}

// locate finds the records of input and decides their types, forcing
// opts.Type where it applies; an input that is a document is one record. It stops at the limits: rest is the offset of
// the first entry it did not read, or -1 when it read them all.
func locate(input string, opts Options) (fs []*found, rest int) {
	if k := documentKind(input, opts.Type); k != nil {
		return []*found{document(input, k)}, -1
	}
	z := zoneState{checkLine: opts.CheckLine}
	for e := range entries(input) {
		if len(fs) == limits.records || e.start >= limits.input {
			return fs, e.start
		}
		var f *found
		switch e.kind {
		case entryDirective:
			f = z.directive(input, e)
		case entryRR:
			f = z.record(input, e)
		case entryValue:
			if r, ok := recordInLine(input, e); ok {
				e = r
			}
			f = bareValue(input, e)
		}
		if f == nil {
			continue
		}
		if opts.Type != "" && f.forcible() {
			f.typ = opts.Type
		}
		fs = append(fs, f)
	}
	return fs, -1
}

// documentKind is the kind whose documents input is one of (Kind.Document)
// when it holds something, or the kind forced, if it has documents; nil
// when input is records to find one by one. An input longer than a value
// may be (limits.value) is not offered to Document: no document of a kind
// is that long (an MTA-STS policy file is at most 64 KiB), and each
// Document would read all of it.
func documentKind(input string, forced explain.Type) *explain.Kind {
	if strings.TrimSpace(input) == "" {
		return nil
	}
	if forced != "" {
		if k := KindOf(forced); k != nil && k.Document != nil {
			return k
		}
		return nil
	}
	if len(input) > limits.value {
		return nil
	}
	for _, k := range kinds {
		if k.Document != nil && k.Document(input) {
			return k
		}
	}
	return nil
}

// document takes the whole input as one record of kind k, its value the
// input as written.
func document(input string, k *explain.Kind) *found {
	f := &found{span: explain.Span{0, len(input)}}
	f.value.addRaw(input, 0, len(input))
	f.seal(entry{})
	f.typ = k.Type
	return f
}

// notExplained is the record that stands for the input past the limits.
func notExplained(input string, rest int) explain.Record {
	r := explain.New(explain.TypeOther, "")
	r.Span = explain.Span{rest, len(input)}
	line := 1 + strings.Count(input[:rest], "\n")
	r.Summary = "Not explained: the rest of the input, from line " + strconv.Itoa(line) + " on."
	r.Add(finding(CodeInputNotExplained, r.Span, "mxplain explains at most "+strconv.Itoa(limits.records)+" records, starting in the first "+size(limits.input)+" of one input; the rest, "+size(len(input)-rest)+" from line "+strconv.Itoa(line)+" on, is not explained. Explain it separately."))
	return r
}

// size writes a number of bytes the way people read it: "300 bytes",
// "64 KiB", "1.5 MiB".
func size(n int) string {
	unit := func(bytes uint64, name string) string {
		return strings.TrimSuffix(numtext.OneDecimal(uint64(n), bytes), ".0") + " " + name
	}
	switch {
	case n >= 1<<20:
		return unit(1<<20, "MiB")
	case n >= 1<<10:
		return unit(1<<10, "KiB")
	case n == 1:
		return "1 byte"
	}
	return strconv.Itoa(n) + " bytes"
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
	// zoneErr is zone software's complaint about the line, if any.
	zoneErr error
	// pending is set when the line needs zone software's verdict and
	// Options.CheckLine was nil.
	pending bool
	// unquoted is set when TXT data in zone text was written without quotes.
	unquoted bool
	// directive is set for a zone-file directive ($INCLUDE, …).
	directive bool
	// cut is set when the value was not explained whole (it is longer than
	// limits.value): rest is the input span of what is not explained.
	cut  bool
	rest explain.Span
}

// forcible reports whether Options.Type applies to f: any bare value or
// record of an RR type some kind is published as (TXT, SPF, MX); not a
// directive, nor a zone record of another RR type (an A record is no SPF
// record, whatever --type says).
func (f *found) forcible() bool {
	if f.directive {
		return false
	}
	if f.rrtype == "" {
		return true
	}
	code := rrtype.Code(f.rrtype)
	return slices.ContainsFunc(kinds, func(k *explain.Kind) bool { return slices.Contains(k.RRTypes, code) })
}

// inTXT reports whether a value of type t is published as TXT (or is no
// kind of mail record), so that a long bare value must be written as
// several TXT strings.
func inTXT(t explain.Type) bool {
	k := KindOf(t)
	return k == nil || slices.Contains(k.RRTypes, rrtype.TXT)
}

// sealValue ends building f's value from entry e, cuts it to the limit, and
// detects its type from owner and rrtype.
func (f *found) sealValue(e entry, owner string, rrtype uint16) {
	f.seal(e)
	f.typ = detect(owner, rrtype, f.value.text)
}

// seal ends building f's value from entry e and cuts it to the limit.
func (f *found) seal(e entry) {
	f.value.seal()
	if n := len(f.value.text); n > limits.value {
		f.cut, f.rest = true, f.value.cut(cutPoint(f.value.text, limits.value))
	}
	if e.dropFrom > 0 {
		// Tokens past the limit were not kept: they are not explained
		// either.
		if !f.cut {
			f.cut, f.rest = true, explain.Span{e.dropFrom, e.end}
		}
		f.rest[1] = e.end
	}
}

// explainedStrings is f's TXT strings that hold some of its value: those
// past the cut are not explained.
func (f *found) explainedStrings() []txtString {
	if !f.cut {
		return f.strs
	}
	n := len(f.value.text)
	return f.strs[:sort.Search(len(f.strs), func(i int) bool { return f.strs[i].start >= n })]
}

// cutPoint is where to cut a value to at most n bytes: before the last
// blank or ";" among the last cutWindow bytes, so that the explained part
// ends with a whole term or tag, or at n when there is none.
func cutPoint(v string, n int) int {
	from := max(0, n-cutWindow)
	if i := strings.LastIndexAny(v[from:n+1], " \t;"); i > 0 {
		return from + i
	}
	return n
}

// cutWindow is how far back cutPoint looks for the end of a term.
const cutWindow = 1024

// bareValue takes a line that is not zone text as a record value: either a
// run of quoted TXT strings ("v=spf1 a" " -all") or the text as written.
func bareValue(input string, e entry) *found {
	f := &found{span: explain.Span{e.start, e.end}}
	f.value.at = e.start
	if len(e.tokens) > 0 && e.tokens[0].quoted {
		for _, t := range e.tokens {
			f.strs = append(f.strs, f.value.addCharString(input, t))
		}
		if end := e.tokens[len(e.tokens)-1].end; e.dropFrom == 0 && end < e.end && strings.TrimSpace(input[end:e.end]) != "" {
			// Text after the strings that the zone tokenizer read as a
			// comment belongs to the value the person pasted: keep it.
			f.strs = nil
			f.value = valueMap{at: e.start}
			f.value.addRaw(input, e.start, e.end)
		}
	} else {
		f.value.addRaw(input, e.start, e.end)
	}
	f.sealValue(e, "", 0)
	return f
}

// explainAll explains each found record with its kind's Explain, the
// records of a kind with an ExplainSet (MX: one delivery order) together by
// owner, and adds the findings that need more than one record: several
// records at one name of a kind that allows one (SPF, DMARC).
func explainAll(input string, found []*found) []explain.Record {
	recs := make([]explain.Record, len(found))
	type set struct {
		kind  *explain.Kind
		owner string
	}
	sets := map[set][]int{}
	var order []set
	for i, f := range found {
		k := KindOf(f.typ)
		if k == nil || k.ExplainSet == nil {
			recs[i] = explainOne(f, k)
			continue
		}
		key := set{k, strings.ToLower(f.owner)}
		if _, ok := sets[key]; !ok {
			order = append(order, key)
		}
		sets[key] = append(sets[key], i)
	}
	for _, key := range order {
		idx := sets[key]
		values := make([]string, len(idx))
		for j, i := range idx {
			values[j] = found[i].value.text
		}
		for j, r := range key.kind.ExplainSet(values, found[idx[0]].ctx) {
			recs[idx[j]] = finish(found[idx[j]], r)
		}
	}
	for _, k := range kinds {
		if k.Multiple != nil {
			markMultiple(recs, found, k)
		}
	}
	return recs
}

// explainOne explains a record on its own, with its kind k (nil for a type
// that is no registered kind).
func explainOne(f *found, k *explain.Kind) explain.Record {
	value := f.value.text
	var r explain.Record
	switch {
	case k != nil:
		r = k.Explain(value, f.ctx)
	case f.typ == explain.TypeOther:
		r = explainOther(f)
	default:
		r = explainUnknown(value)
	}
	return finish(f, r)
}

// finish moves a record explained from its value onto the input: spans,
// owner, TTL, header fields and the findings about how it was written.
func finish(f *found, r explain.Record) explain.Record {
	// The value's fixes, while the spans are still the value's.
	var fixed *explain.Fixed
	if k := KindOf(r.Type); k != nil && !f.cut {
		if fx, ok := k.Fix(f.value.text, r, f.ctx); ok {
			fixed = &fx
		}
	}
	r.MapSpans(f.value.span)
	r.Span = f.span
	r.Owner = f.owner
	r.TTL = f.ttl
	if f.rrtype != "" {
		r.RRType = f.rrtype
	}
	r.Header = f.header
	strs := f.explainedStrings()
	if r.Type != explain.TypeOther {
		for _, fd := range checkStrings(strs, f.value.text, KindOf(r.Type)) {
			r.Add(fd)
		}
	}
	for _, fd := range escapeFindings(strs) {
		r.Add(fd)
	}
	for _, fd := range f.findings {
		r.Add(fd)
	}
	if f.unquoted {
		span := f.value.span(explain.Span{0, len(f.value.text)})
		r.Add(finding(CodeUnquoted, span,
			"The text is not in double quotes. Zone files and most DNS tools read unquoted TXT data as separate strings split at every blank, joined back with nothing in between, and drop everything after a \";\" as a comment. mxplain explains the text as you wrote it; publish it quoted: "+quoteStrings(f.value.text)+".").
			WithFix(span, quoteStrings(f.value.text)))
	}
	if f.rrtype == "SPF" {
		fd := finding(CodeSPFRRType, f.span, "The SPF record type (99) was removed by RFC 7208; receivers only read SPF from TXT records. Publish the same value as a TXT record at the same name.")
		if i := slices.IndexFunc(f.header, func(h explain.Field) bool { return h.Name == "type" }); i >= 0 {
			fd = fd.WithFix(f.header[i].Span, "TXT")
		}
		r.Add(fd)
	}
	if m := ownerMismatch(r.Type, f.owner); m != "" {
		fd := finding(CodeOwnerMismatch, f.span, m)
		if len(f.header) > 0 && f.header[0].Name == "owner" {
			fd.Span = f.header[0].Span
			if owner := proposedOwner(r.Type, f.owner); owner != f.owner {
				fd = fd.WithFix(fd.Span, owner)
			}
		}
		r.Add(fd)
	}
	r.Pending = f.pending
	if f.zoneErr != nil && r.Valid {
		r.Add(finding(CodeZoneSyntax, f.span, "Zone software would reject this line: "+f.zoneErr.Error()+"."))
	}
	if len(f.strs) == 0 && f.rrtype == "" && len(f.value.text) > maxStringLen && inTXT(r.Type) {
		r.Add(finding(CodeValueLong, f.span, "The value is "+strconv.Itoa(len(f.value.text))+` bytes, more than the 255 one TXT string holds. Most DNS panels split it for you; in a zone file write it as several quoted strings ("…" "…"), which receivers join without adding anything in between.`))
	}
	propose(f, &r, fixed)
	if f.cut {
		r.Add(finding(CodeValueNotExplained, f.rest, "This record is "+size(f.span.Len())+" as written: its value is longer than the "+strconv.Itoa(limits.value)+" bytes a DNS record's data holds, so it cannot be published as it is. mxplain explains the first "+strconv.Itoa(len(f.value.text))+" bytes of the value; the rest, "+size(f.rest.Len())+" as written, is not explained."))
	}
	return r
}

// markMultiple adds k's Multiple error to every record of kind k that
// shares its owner with another record of k: receivers then use none of
// them.
func markMultiple(recs []explain.Record, found []*found, k *explain.Kind) {
	byOwner := map[string][]int{}
	for i, r := range recs {
		if r.Type == k.Type && r.Owner != "" && (k.Counted == nil || k.Counted(r.Value)) {
			key := strings.ToLower(r.Owner)
			byOwner[key] = append(byOwner[key], i)
		}
	}
	for _, idx := range byOwner {
		if len(idx) < 2 {
			continue
		}
		for _, i := range idx {
			recs[i].Add(k.Multiple(recs[i].Span, len(idx)))
		}
		if k.Merge != nil {
			proposeMerged(recs, found, idx, k)
		}
	}
}

// ownerMismatch says why a record of type t at owner is never read, or "":
// a kind with owner labels (DMARC) elsewhere than at its name, or a kind
// read at the domain itself (SPF) at a name another kind owns. A kind whose
// Explain checks its owner itself (DKIM) gets nothing here.
func ownerMismatch(t explain.Type, owner string) string {
	k := KindOf(t)
	if owner == "" || k == nil || k.ChecksOwner {
		return ""
	}
	name := strings.TrimSuffix(owner, ".")
	if _, ok := ownerAt(k, dnsname.SplitDomainName(owner)); len(k.OwnerLabels) > 0 && !ok {
		labels := strings.Join(k.OwnerLabels, ".")
		if k.Selector {
			labels = "<selector>." + labels
		}
		return "Receivers look for " + article(k.Label) + " " + k.Label + " record only at " + labels + ".<domain> (" + k.OwnerRef + "); at " + name + " it is never read. Publish it at " + labels + "." + name + "."
	}
	if k.AtDomain && ownerKind(owner, slices.Values(kinds)) != nil {
		return "Receivers read " + k.Label + " from the TXT records of the domain itself (" + k.OwnerRef + "), never from " + name + ". Publish it at the domain the mail comes from."
	}
	return ""
}

// article is "a" or "an" before a name spelled letter by letter ("a
// DMARC", "an MTA-STS").
func article(label string) string {
	if label != "" && strings.ContainsRune("AEFHILMNORSX", rune(label[0])) {
		return "an"
	}
	return "a"
}

// explainUnknown explains text that is no mail record mxplain knows.
func explainUnknown(value string) explain.Record {
	r := explain.New(explain.TypeUnknown, value)
	r.Summary = "This is not a mail record mxplain recognises."
	r.Add(finding(CodeUnrecognised, r.Span, unrecognisedHint))
	return r
}

// unrecognisedHint is the message on text no kind recognises: how to tell
// each kind, from the registry (Kind.Looks), in its order.
var unrecognisedHint = func() string {
	looks := make([]string, len(kinds))
	for i, k := range kinds {
		looks[i] = k.Looks
	}
	return "mxplain cannot tell what this is. What each record looks like: " + strings.Join(looks, "; ") + "."
}()

// explainOther describes a zone record that is not a mail record, or a TXT
// value that is something else (a site-verification token and the like).
func explainOther(f *found) explain.Record {
	r := explain.New(explain.TypeOther, f.value.text)
	switch {
	case f.rrtype == "" && strings.HasPrefix(r.Value, "$"):
		r.Summary = "A zone-file directive that mxplain does not follow."
	case f.rrtype != "" && f.rrtype != "TXT":
		r.Summary = f.rrtype + " record: not a mail record, so mxplain lists it without explaining it."
	default:
		r.Summary = "A TXT value that is not a mail record (a site-verification token or similar); mxplain lists it without explaining it."
	}
	return r
}
