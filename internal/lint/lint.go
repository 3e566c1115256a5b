// Package lint checks what zone files publish for mail, for editors and CI
// (mxplain lint). Every record is explained by the parsers, and each
// finding points at the bytes it is about, as a file, line and column.
// Then each mail domain of the files (an owner of MX, SPF or DMARC records,
// of DKIM keys, or a zone apex) is looked up with inspect against the files
// themselves, which finds what no single record shows: MX targets with no
// address (or an alias) in the zone, DMARC without SPF, a null MX with an
// SPF policy that authorises senders, SPF includes of in-zone names that
// publish no SPF, report addresses in the zone without their authorisation.
//
// Offline, a name the files are not authoritative for (outside their zones,
// or at or below a delegation) is not known, and nothing is concluded from
// it. With a resolver (Options.Resolver), such names are asked live, as
// mxplain lookup --zone does: includes are resolved, external report
// addresses checked; those findings carry a position only when they are
// about bytes of a file.
//
// Findings are written as text, JSON, GitHub workflow commands or SARIF
// 2.1.0 (format.go). Columns count UTF-16 code units, 1-based: SARIF's
// default columnKind, and the unit GitHub's annotations and most editors'
// problem matchers read; for ASCII, the byte column.
package lint

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/inspect/spfcheck"
	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mx"
)

// File is a zone file to check.
type File struct {
	Name string // as given, used in findings
	Text string
}

// Options adjust Check.
type Options struct {
	// Origin is the $ORIGIN the files start with, as a server's
	// configuration gives it (named.conf's zone name); "" for the root.
	Origin string
	// Resolver, when not nil, answers the names the files are not
	// authoritative for (live DNS); nil checks the files alone.
	Resolver doh.Resolver
	// Now is the time SPF's %{t} macro expands to.
	Now time.Time
}

// Finding is one finding with where it is. Line and the columns are
// 1-based; EndColumn is just past the last character (SARIF's convention).
// A finding about no bytes of a file (a domain-wide one) has Line 0.
type Finding struct {
	File      string           `json:"file"`
	Line      int              `json:"line,omitempty"`
	Column    int              `json:"column,omitempty"`
	EndLine   int              `json:"end_line,omitempty"`
	EndColumn int              `json:"end_column,omitempty"`
	Span      *explain.Span    `json:"span,omitempty"` // byte offsets into the file
	Severity  explain.Severity `json:"severity"`
	Code      string           `json:"code"`
	Message   string           `json:"message"`
	Ref       string           `json:"ref,omitempty"`
	Name      string           `json:"name,omitempty"` // the DNS name a finding across records is about
}

// Result is what Check found.
type Result struct {
	Findings []Finding `json:"findings"`
	// Errors are the queries that failed with a resolver (probes of
	// common DKIM selectors aside): the findings that needed them are
	// missing.
	Errors []inspect.DNSError `json:"errors"`
}

// HasErrors reports whether any finding is an error.
func (r Result) HasErrors() bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Severity == explain.Error })
}

// Codes of lint's own findings.
const (
	// CodeZoneUnreadable (error): zone software cannot load the file; the
	// checks across records were made without it (RFC 1035 §5).
	CodeZoneUnreadable = "lint.zone.unreadable"
	// CodeNotLookedUp (info): offline, names the files are not
	// authoritative for were not looked up; what depends on them (MX hosts
	// elsewhere, includes, the DMARC tree walk above the zone) is not
	// checked.
	CodeNotLookedUp = "lint.offline.not_looked_up"
	// CodeOriginMissing (warning): a file writes "@" with no $ORIGIN in
	// effect and no Options.Origin, so its names are taken under the root
	// and the checks across records miss its domain (RFC 1035 §5.1).
	CodeOriginMissing = "lint.origin.missing"
)

// errOffline answers, offline, every name the files are not
// authoritative for.
var errOffline = errors.New("lint: not in the files, and no resolver")

// Check checks files and returns the findings in file order, then by
// position. It fails only when ctx ends.
func Check(ctx context.Context, files []File, opts Options) (Result, error) {
	res := Result{Findings: []Finding{}, Errors: []inspect.DNSError{}}
	store := zone.New()
	var checked []*checkedFile
	for _, f := range files {
		cf := explainFile(f, opts.Origin)
		checked = append(checked, cf)
		for _, rec := range cf.ex.Records {
			for _, fd := range rec.Findings {
				if name, ok := included(rec, fd); ok {
					fd.Message = fmt.Sprintf("mxplain lint does not follow $INCLUDE: the records of %s are not checked with this file. Give it on the command line too (mxplain lint %s %s, with --origin if it relies on this file's $ORIGIN).", name, f.Name, name)
				}
				res.Findings = append(res.Findings, cf.finding(fd.Span, fd.Severity, fd.Code, fd.Message, fd.Ref, ""))
			}
		}
		if fd, ok := cf.originMissing(); ok {
			res.Findings = append(res.Findings, fd)
		}
		if err := store.Load(strings.NewReader(cf.prefix+withoutIncludes(strings.TrimPrefix(f.Text, bom))), f.Name); err != nil {
			res.Findings = append(res.Findings, cf.unreadable(err))
		}
	}
	a := newAuthority(store, checked, opts.Resolver)
	unasked := map[string]bool{}
	for _, d := range a.domains() {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		// The files hold every key of a domain they are authoritative for:
		// probing common selectors finds none of theirs that is not listed.
		sels := a.selectors[d]
		ro := inspect.NewOptions(opts.Now)
		ro.Selectors, ro.NoProbe = sels, len(sels) > 0
		rep := inspect.Domain(ctx, a, d, ro)
		res.Findings = append(res.Findings, a.reportFindings(rep)...)
		for _, e := range rep.Errors {
			switch {
			case e.Optional: // a probe of a common DKIM selector: the report is whole
			case opts.Resolver != nil:
				res.Errors = append(res.Errors, e)
			default:
				unasked[strings.TrimSuffix(e.Name, ".")] = true
			}
		}
	}
	if len(unasked) > 0 && len(files) > 0 {
		res.Findings = append(res.Findings, Finding{File: files[0].Name, Severity: explain.Info, Code: CodeNotLookedUp,
			Message: notLookedUp(slices.Sorted(maps.Keys(unasked)))})
	}
	res.Findings = sortFindings(res.Findings, files)
	return res, nil
}

// notLookedUp says which names (sorted) were not looked up offline.
func notLookedUp(names []string) string {
	list := strings.Join(names[:min(len(names), 5)], ", ")
	if len(names) > 5 {
		list += fmt.Sprintf(" and %d more", len(names)-5)
	}
	subject := fmt.Sprintf("%d names outside the files (or below their delegations) were", len(names))
	if len(names) == 1 {
		subject = "1 name outside the files (or below their delegations) was"
	}
	return fmt.Sprintf("%s not looked up, so what depends on them is not checked: %s. Run with --resolver to look them up live.", subject, list)
}

// checkedFile is a file explained, with what maps its offsets to lines.
type checkedFile struct {
	File
	prefix string // "$ORIGIN …\n" put before the text when Options.Origin is set
	ex     explain.Explanation
	lines  lineIndex
}

// explainFile explains every record of the file. One explanation holds at
// most parsers.MaxRecords records starting in its first
// parsers.MaxInputBytes; a larger file is explained in pieces, each from
// where the previous one stopped, with the $ORIGIN and $TTL in effect there
// written before it. Spans are offsets into the file as written.
func explainFile(f File, origin string) *checkedFile {
	cf := &checkedFile{File: f, lines: newLineIndex(f.Text)}
	z := directives{}
	if origin = strings.Trim(origin, "."); origin != "" {
		z.origin = origin + "."
		cf.prefix = z.text()
	}
	cf.ex = explain.Explanation{Input: f.Text, Records: []explain.Record{}}
	start := 0
	if strings.HasPrefix(f.Text, bom) {
		start = len(bom)
	}
	for off := start; off < len(f.Text); {
		prefix := z.text()
		end := min(len(f.Text), off+parsers.MaxInputBytes+pieceSlack)
		if i := strings.IndexByte(f.Text[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(f.Text)
		}
		ex, err := parsers.Explain(prefix+f.Text[off:end], parsers.Options{CheckLine: zonecheck.Line})
		if err != nil { // no record in this piece
			z.scan(f.Text[off:end])
			off = end
			continue
		}
		next := end
		if n := len(ex.Records); n > 0 && isNotExplained(ex.Records[n-1]) && ex.Records[n-1].Span[0] > len(prefix) {
			next = off + ex.Records[n-1].Span[0] - len(prefix)
			ex.Records = ex.Records[:n-1]
		}
		shift := off - len(prefix)
		for _, r := range ex.Records {
			if r.Span[1] <= len(prefix) {
				continue // a directive written before the piece
			}
			r.MapSpans(func(s explain.Span) explain.Span { return explain.Span{max(off, s[0]+shift), max(off, s[1]+shift)} })
			r.Span = explain.Span{max(off, r.Span[0]+shift), r.Span[1] + shift}
			cf.ex.Records = append(cf.ex.Records, r)
		}
		z.scan(f.Text[off:next])
		off = next
	}
	return cf
}

// pieceSlack is how far past parsers.MaxInputBytes a piece of a file goes,
// so that a record starting before that limit ends inside the piece.
const pieceSlack = 256 << 10

func isNotExplained(r explain.Record) bool {
	return slices.ContainsFunc(r.Findings, func(f explain.Finding) bool { return f.Code == parsers.CodeInputNotExplained })
}

// directives are the $ORIGIN and $TTL in effect at a point of a zone file
// (RFC 1035 §5.1).
type directives struct{ origin, ttl string }

// scan reads the directives of text, in order.
func (z *directives) scan(text string) {
	for line := range strings.Lines(text) {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		switch strings.ToUpper(fields[0]) {
		case "$ORIGIN":
			name := fields[1]
			if !dns.IsFqdn(name) && z.origin != "" {
				name += "." + z.origin
			}
			z.origin = dns.Fqdn(name)
		case "$TTL":
			z.ttl = fields[1]
		}
	}
}

// text writes the directives for the start of a piece.
func (z directives) text() string {
	var b strings.Builder
	if z.origin != "" {
		b.WriteString("$ORIGIN " + z.origin + "\n")
	}
	if z.ttl != "" {
		b.WriteString("$TTL " + z.ttl + "\n")
	}
	return b.String()
}

// finding places a finding at span of the file.
func (cf *checkedFile) finding(span explain.Span, sev explain.Severity, code, msg, ref, name string) Finding {
	f := Finding{File: cf.Name, Severity: sev, Code: code, Message: msg, Ref: ref, Name: name}
	s := cf.lines.trim(span)
	f.Span = &s
	f.Line, f.Column = cf.lines.position(s[0])
	f.EndLine, f.EndColumn = cf.lines.position(s[1])
	return f
}

// included returns the file an $INCLUDE directive names when fd is the
// finding that says it was not followed.
func included(rec explain.Record, fd explain.Finding) (string, bool) {
	fields := strings.Fields(rec.Value)
	if fd.Code != parsers.CodeDirectiveIgnored || len(fields) < 2 || !strings.EqualFold(fields[0], "$INCLUDE") {
		return "", false
	}
	return fields[1], true
}

// originMissing is the finding on the first "@" of the file written with
// no $ORIGIN in effect (none before it, and no Options.Origin).
func (cf *checkedFile) originMissing() (Finding, bool) {
	if cf.prefix != "" {
		return Finding{}, false
	}
	for _, rec := range cf.ex.Records {
		i := slices.IndexFunc(rec.Header, func(f explain.Field) bool { return f.Name == "owner" && f.Text == "@" })
		if i < 0 {
			continue
		}
		z := directives{}
		z.scan(cf.Text[:rec.Header[i].Span[0]])
		if z.origin != "" {
			return Finding{}, false
		}
		return cf.finding(rec.Header[i].Span, explain.Warning, CodeOriginMissing, fmt.Sprintf(
			"This file writes @ with no $ORIGIN before it, and no --origin was given, so its names are taken under the root (.) and the checks across records cannot find its domain. Give the zone's name as named.conf does (mxplain lint --origin example.com %s), or start the file with $ORIGIN example.com.", cf.Name), "RFC 1035 §5.1", ""), true
	}
	return Finding{}, false
}

// withoutIncludes is text with each $INCLUDE line made a comment of the
// same length: lint does not follow them (the explanation says so on the
// line), and the rest of the file is still checked across records.
func withoutIncludes(text string) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		if len(line) >= len("$INCLUDE") && strings.EqualFold(line[:len("$INCLUDE")], "$INCLUDE") {
			line = ";" + line[1:]
		}
		b.WriteString(line)
	}
	return b.String()
}

// parseErrorAt matches the end of miekg/dns's ParseError: the token it
// stopped at, quoted, and its line and column (the token's last byte or
// the one after it).
var parseErrorAt = regexp.MustCompile(`: ("(?:[^"\\]|\\.)*") at line: (\d+):(\d+)$`)

// unreadable is the finding for a file zone software cannot load, placed
// on the token the zone parser stopped at when the error names it.
func (cf *checkedFile) unreadable(err error) Finding {
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "zone: "), cf.Name+": ")
	msg = strings.TrimPrefix(msg, "dns: ")
	span, placed := explain.Span{}, false
	if m := parseErrorAt.FindStringSubmatch(msg); m != nil {
		tok, _ := strconv.Unquote(m[1])
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		span, placed = cf.lines.token(line-strings.Count(cf.prefix, "\n"), col, tok)
		msg = strings.TrimSuffix(msg, m[0]) + ": " + m[1]
	}
	text := fmt.Sprintf("Zone software cannot load this file: %s. The checks across records (MX targets, DMARC without SPF, …) were made without it.", msg)
	if placed {
		return cf.finding(span, explain.Error, CodeZoneUnreadable, text, "RFC 1035 §5", "")
	}
	return Finding{File: cf.Name, Severity: explain.Error, Code: CodeZoneUnreadable, Ref: "RFC 1035 §5", Message: text}
}

// sortFindings orders findings by file (as given), line (those about no
// bytes last), column and code, without repeats (several domains' reports
// can say the same thing).
func sortFindings(fs []Finding, files []File) []Finding {
	order := map[string]int{}
	for i, f := range files {
		if _, ok := order[f.Name]; !ok {
			order[f.Name] = i
		}
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(order[a.File], order[b.File]), cmp.Compare(lineOrder(a), lineOrder(b)),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return a.File == b.File && a.Line == b.Line && a.Column == b.Column && a.Code == b.Code && a.Message == b.Message
	})
}

// lineOrder sorts findings about no bytes after the others.
func lineOrder(f Finding) int {
	if f.Line == 0 {
		return math.MaxInt
	}
	return f.Line
}

// authority answers DNS queries from the files for the names they are
// authoritative for, and from the resolver (or, offline, with errOffline)
// for the others. It also knows which records of which file are at a name.
type authority struct {
	store     *zone.Store
	upstream  doh.Resolver
	offline   bool
	cuts      map[string]bool // owners of NS records below an apex: delegations
	apexes    map[string]bool
	files     []*checkedFile
	owners    map[string][]located // lower-case FQDN → its records
	selectors map[string][]string  // domain → the DKIM selectors of the files
}

// located is a record and the file it is in.
type located struct {
	file *checkedFile
	rec  *explain.Record
}

func newAuthority(store *zone.Store, files []*checkedFile, upstream doh.Resolver) *authority {
	a := &authority{store: store, upstream: upstream, cuts: map[string]bool{}, apexes: map[string]bool{},
		files: files, owners: map[string][]located{}, selectors: map[string][]string{}}
	if upstream == nil {
		a.offline, a.upstream = true, offline{}
	}
	for _, apex := range store.Apexes() {
		a.apexes[apex] = apex != "."
	}
	for _, cf := range files {
		for i := range cf.ex.Records {
			rec := &cf.ex.Records[i]
			owner := strings.ToLower(rec.Owner)
			if owner == "" {
				continue
			}
			a.owners[owner] = append(a.owners[owner], located{cf, rec})
			if rec.RRType == "NS" && !a.apexes[owner] {
				a.cuts[owner] = true
			}
		}
	}
	return a
}

// covers reports whether the files are authoritative for name: it is in one
// of their zones (the root's excepted) and not at or below a delegation.
func (a *authority) covers(name string) bool {
	name = strings.ToLower(dns.Fqdn(name))
	for n := name; n != "."; n = parent(n) {
		if a.cuts[n] {
			return false
		}
		if a.apexes[n] {
			return true
		}
	}
	return false
}

func parent(name string) string {
	if i, end := dns.NextLabel(name, 0); !end {
		return name[i:]
	}
	return "."
}

// Query implements doh.Resolver.
func (a *authority) Query(ctx context.Context, name string, qtype uint16) (*doh.Result, error) {
	if !a.covers(name) {
		return a.upstream.Query(ctx, name, qtype)
	}
	return zone.Overlay{Zones: a.store, Upstream: a.upstream}.Query(ctx, name, qtype)
}

// offline is the upstream of a check without a resolver.
type offline struct{}

func (offline) Query(_ context.Context, name string, qtype uint16) (*doh.Result, error) {
	return nil, &doh.Error{Kind: doh.ErrTransport, Name: name, Type: qtype, Err: errOffline}
}

// domains returns the mail domains of the files that they are
// authoritative for, sorted, and notes their DKIM selectors.
func (a *authority) domains() []string {
	set := map[string]bool{}
	for owner, recs := range a.owners {
		for _, l := range recs {
			d := ""
			if l.rec.RRType == "SOA" {
				d = owner
			} else if k := parsers.KindOf(l.rec.Type); k != nil {
				dom, sel, ok := parsers.Domain(k, owner)
				if ok {
					d = dom
				}
				if key := strings.TrimSuffix(dom, "."); ok && k.Type == explain.TypeDKIM && !slices.Contains(a.selectors[key], sel) {
					// The lookup asks for the keys the files publish.
					a.selectors[key] = append(a.selectors[key], sel)
				}
			}
			if d != "" && a.covers(d) {
				set[strings.TrimSuffix(d, ".")] = true
			}
		}
	}
	for _, sels := range a.selectors {
		slices.Sort(sels)
	}
	return slices.Sorted(func(yield func(string) bool) {
		for d := range set {
			if !yield(d) {
				return
			}
		}
	})
}

// notOfFiles reports whether a report finding says nothing about zone
// files: DNSSEC's and DANE's rest on what the resolver validated, which
// zone text cannot show (it is signed by the signer, and offline nothing
// validates), and a domain without SRV records for mail clients is most
// domains (the records of a file are explained, SRV included).
func notOfFiles(f inspect.Finding) bool {
	return f.Part == "dnssec" || f.Part == "dane" || f.Code == inspect.CodeSRVNone
}

// reportFindings turns a report's findings about the domain as a whole and
// its SPF tree into findings placed in the files. Offline, findings that
// come from a name the files do not cover are left out (the report makes
// none from a failed query, but says that the query failed).
func (a *authority) reportFindings(rep *inspect.Report) []Finding {
	var out []Finding
	for _, f := range rep.Findings {
		if notOfFiles(f) {
			continue
		}
		names := []string{f.Name}
		switch t := explain.Type(f.Part); {
		case t == explain.TypeDMARC && rep.DMARC.PolicyDomain != "":
			// A report address's authorisation is asked outside the
			// files: the policy record names the address.
			names = append(names, "_dmarc."+rep.DMARC.PolicyDomain)
		case t == explain.TypeDKIM && len(a.selectors[rep.Domain]) > 0:
			// About the domain's keys: the first of them.
			names = append(names, a.selectors[rep.Domain][0]+"._domainkey."+rep.Domain)
		}
		out = append(out, a.place(rep.Domain, names, explain.Type(f.Part), "", f.Severity, f.Code, f.Message, f.Ref))
	}
	// A report address not authorised is a finding of the DMARC record
	// that names it (inspect puts it there, at the address).
	if d := rep.DMARC.Record; d != nil {
		for _, f := range d.Findings {
			if f.Code != inspect.CodeDMARCReportUnauthorized {
				continue
			}
			names := []string{f.Args["name"], "_dmarc." + rep.DMARC.PolicyDomain}
			out = append(out, a.place(rep.Domain, names, explain.TypeDMARC, f.Args["uri"], f.Severity, f.Code, f.Message, f.Ref))
		}
	}
	for _, p := range rep.SPF.Problems {
		switch {
		case a.offline && p.Code == spfcheck.CodeTreeTemperror:
			continue // a name outside the files, not asked
		case (p.Code == spfcheck.CodeTreeRecordInvalid || p.Code == spfcheck.CodeTreeRecordMultiple) && a.covers(p.Domain):
			continue // the record's own findings say it, on its bytes
		}
		domain, term := p.Domain, p.Term
		if !a.covers(domain) && rep.SPF.Tree != nil {
			// A problem in a record outside the files: point at the term of
			// the domain's own record that leads to it.
			if via := viaTerm(rep.SPF.Tree, domain); via != "" {
				domain, term = rep.Domain, via
			}
		}
		out = append(out, a.place(rep.Domain, []string{domain}, explain.TypeSPF, term, p.Severity, p.Code, p.Message, "RFC 7208"))
	}
	return out
}

// viaTerm returns the term of the tree's root record that leads to the
// node for domain, or "".
func viaTerm(root *inspect.SPFNode, domain string) string {
	var has func(n *inspect.SPFNode) bool
	has = func(n *inspect.SPFNode) bool {
		return strings.EqualFold(n.Domain, domain) || slices.ContainsFunc(n.Children, has)
	}
	for _, c := range root.Children {
		if has(c) {
			return c.Via
		}
	}
	return ""
}

// place finds where a finding about names[0] belongs: the field of term,
// or the exchange an MX finding names, in a record of type t at the first
// of names the files hold, else at domain, the domain reported on; else
// any record there; else no bytes, in the file holding domain's records.
func (a *authority) place(domain string, names []string, t explain.Type, term string, sev explain.Severity, code, msg, ref string) Finding {
	name := names[0]
	key := strings.ToLower(dns.Fqdn(name))
	if t == explain.TypeMX {
		for _, l := range a.owners[strings.ToLower(dns.Fqdn(domain))] {
			if facts, ok := l.rec.Facts.(*mx.Facts); ok && facts.Exchange == key && key != strings.ToLower(dns.Fqdn(domain)) {
				return l.file.finding(fieldSpan(l.rec, "exchange", l.rec.Span), sev, code, msg, ref, name)
			}
		}
	}
	var recs []located
	for _, n := range append(names, domain) { // else the domain's own records
		if recs = a.owners[strings.ToLower(dns.Fqdn(n))]; len(recs) > 0 {
			break
		}
	}
	best := slices.IndexFunc(recs, func(l located) bool { return l.rec.Type == t })
	if best < 0 && len(recs) > 0 {
		best = 0
	}
	if best >= 0 {
		l := recs[best]
		span := l.rec.Span
		if term != "" {
			span = termSpan(l.rec, term, span)
		}
		return l.file.finding(span, sev, code, msg, ref, name)
	}
	var file string
	if len(a.files) > 0 {
		file = a.files[0].Name
	}
	for n := strings.ToLower(dns.Fqdn(domain)); n != "."; n = parent(n) {
		if recs := a.owners[n]; len(recs) > 0 {
			file = recs[0].file.Name
			break
		}
	}
	return Finding{File: file, Severity: sev, Code: code, Message: msg, Ref: ref, Name: name}
}

// fieldSpan is the span of the record's top-level field named name, or def.
func fieldSpan(rec *explain.Record, name string, def explain.Span) explain.Span {
	for _, f := range rec.Fields {
		if f.Name == name {
			return f.Span
		}
	}
	return def
}

// termSpan is the span of the record's field written as term, or def.
func termSpan(rec *explain.Record, term string, def explain.Span) explain.Span {
	if s, ok := fieldWithText(rec.Fields, term); ok {
		return s
	}
	return def
}

// fieldWithText finds the field that reads text: a top-level one first,
// then inside each (a DMARC report address within its rua tag).
func fieldWithText(fields []explain.Field, text string) (explain.Span, bool) {
	for _, f := range fields {
		if strings.EqualFold(f.Text, text) {
			return f.Span, true
		}
	}
	for _, f := range fields {
		if s, ok := fieldWithText(f.Children, text); ok {
			return s, true
		}
	}
	return explain.Span{}, false
}
