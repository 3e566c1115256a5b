package mtasts

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/taglist"
	"github.com/mxplain/mxplain/parsers/explain"
)

// The record's tokens (RFC 8461 §3.1).
const (
	// Version is the only version: "v=STSv1" in the record, "version:
	// STSv1" in the policy file, RFC 8461 §3.1 and §3.2.
	Version = "STSv1"
	// OwnerLabel is the label the record is published under:
	// _mta-sts.<domain>, RFC 8461 §3.1.
	OwnerLabel = "_mta-sts"
	// PolicyHostLabel is the label of the host that serves the policy file:
	// mta-sts.<domain>, RFC 8461 §3.2.
	PolicyHostLabel = "mta-sts"
	// WellKnownPath is where the policy host serves the policy, RFC 8461 §3.2.
	WellKnownPath = "/.well-known/mta-sts.txt"

	fieldVersion = "v"  // "v", RFC 8461 §3.1
	fieldID      = "id" // "id", RFC 8461 §3.1
	maxIDLen     = 32   // sts-id = "id=" 1*32(ALPHA / DIGIT), RFC 8461 §3.1
	maxNameLen   = 32   // sts-ext-name: one character and at most 31 more, RFC 8461 §3.1
)

// RecordFacts are the typed values of an MTA-STS TXT record for programs:
// what it says as written, the first of each field; Record.Valid says
// whether senders use it.
type RecordFacts struct {
	Version *string `json:"version"` // the value of the v field, null when there is none
	ID      *string `json:"id"`      // the value of the first id field, null when there is none
	// Extensions are the other fields with valid names, by name (the
	// first of each), never null.
	Extensions map[string]string `json:"extensions"`
}

// PolicyURL is the address senders fetch domain's policy from.
func PolicyURL(domain string) string {
	return "https://" + PolicyHostLabel + "." + strings.TrimSuffix(domain, ".") + WellKnownPath
}

// field is one field of the record: the text between two ";" (or an end
// of the value) without the blanks the ABNF allows around ";".
type field struct {
	span        explain.Span
	name, value string // as written: around "=", blanks are errors
	key         string // name without blanks, what senders take it for
	eq          bool   // the field has an "="
	bad         bool   // a finding made the field unusable
	duplicate   bool   // the name was already seen
}

// Explain explains an MTA-STS TXT record value. ctx.Owner, when given
// ("_mta-sts.example.com."), names the domain and is checked: senders look
// only at _mta-sts.<domain>.
//
// Findings carry the fixes codes.go lists, each kept only when it does
// what a fix must (explain.KeepFixes).
func Explain(value string, ctx explain.Context) explain.Record {
	out := explainRecord(value, ctx)
	explain.KeepFixes(&out, value, func(v string) []explain.Finding { return explainRecord(v, ctx).Findings })
	return out
}

// explainRecord is Explain without explain.KeepFixes.
func explainRecord(value string, ctx explain.Context) explain.Record {
	rec := explain.New(TypeRecord, value)
	rec.RRType = "TXT"
	rec.Owner = ctx.Owner
	facts := &RecordFacts{Extensions: map[string]string{}}
	rec.Facts = facts
	domain := recordDomain(ctx.Owner)
	if ctx.Owner != "" && domain == "" {
		rec.Add(newFinding(CodeRecordOwner, rec.Span, explain.Args{"owner": ctx.Owner}))
	}
	if strings.Trim(value, " \t") == "" {
		rec.Add(newFinding(CodeRecordEmpty, rec.Span, nil))
		rec.Summary = recordSummary(&rec, facts, domain)
		return rec
	}
	if n := len(value) - len(strings.TrimLeft(value, " \t")); n > 0 {
		rec.Add(newFinding(CodeRecordWhitespace, explain.Span{0, n}, explain.Args{"count": itoa(n)}))
		fixLast(&rec, value, explain.Span{0, n}, "")
	}
	fields := splitFields(value, &rec)
	// A text with no v field is no MTA-STS record (senders discard it,
	// §3.1): saying that is enough, without its missing id and the fields
	// it has.
	hasVersion := slices.ContainsFunc(fields, func(f field) bool {
		return f.eq && (f.key == fieldVersion || f.span[0] == fields[0].span[0] && strings.EqualFold(f.key, fieldVersion))
	})
	var hasID bool
	seen := map[string]int{} // the first field of each name
	named := func(name string) bool {
		return slices.ContainsFunc(fields, func(f field) bool { return f.eq && f.key == name })
	}
	for i := range fields {
		f := &fields[i]
		checkField(value, f, &rec)
		j, dup := seen[f.key]
		f.duplicate = dup
		if !dup {
			seen[f.key] = i
		}
		// dupFix deletes a repeat of the same field with the ";" before it.
		dupFix := func() {
			if fields[j].value == f.value && !f.bad {
				fixLast(&rec, value, explain.Span{fields[i-1].span[1], f.span[1]}, "")
			}
		}
		switch {
		case !f.eq:
		case i == 0 && strings.EqualFold(f.key, fieldVersion):
			facts.Version = &f.value
			switch end := f.span[1] + blanks(value[f.span[1]:]); {
			case f.bad:
			case f.name != fieldVersion || f.value != Version:
				f.bad = true
				rec.Add(newFinding(CodeVersionInvalid, f.span, explain.Args{"field": text(value, f.span), "value": f.value}))
				if meantVersion(f.value) {
					fixLast(&rec, value, f.span, fieldVersion+"="+Version)
				}
			case end > f.span[1] && end < len(value) && value[end] == ';':
				rec.Add(newFinding(CodeVersionSpacing, explain.Span{f.span[1], end}, nil))
				fixLast(&rec, value, explain.Span{f.span[1], end}, "")
			}
		case f.key == fieldVersion && f.duplicate:
			rec.Add(newFinding(CodeFieldDuplicate, f.span, explain.Args{"name": f.key}))
			dupFix()
		case f.key == fieldVersion:
			f.bad = true
			rec.Add(newFinding(CodeVersionNotFirst, f.span, explain.Args{"field": text(value, f.span)}))
			if meantVersion(f.value) {
				start := fields[0].span[0]
				fixLast(&rec, value, explain.Span{start, f.span[1]}, fieldVersion+"="+Version+"; "+value[start:fields[i-1].span[1]])
			}
		case f.key == fieldID && f.duplicate:
			rec.Add(newFinding(CodeFieldDuplicate, f.span, explain.Args{"name": f.key}))
			dupFix()
		case f.key == fieldID:
			hasID = true
			facts.ID = &f.value
			if !f.bad {
				checkID(value, f, &rec)
			}
		default:
			checkExtension(value, f, &rec, facts, hasVersion, named, dupFix)
		}
	}
	switch {
	case !hasVersion:
		rec.Add(newFinding(CodeVersionMissing, rec.Span, nil))
		if slices.ContainsFunc(fields, func(f field) bool { return f.eq && strings.EqualFold(f.key, fieldID) }) {
			fixLast(&rec, value, explain.Span{fields[0].span[0], fields[0].span[0]}, fieldVersion+"="+Version+"; ")
		}
	case !hasID:
		rec.Add(newFinding(CodeIDMissing, rec.Span, nil))
		// Not when a field that could not be read may be the id.
		if !slices.ContainsFunc(fields, func(f field) bool { return f.bad || strings.EqualFold(f.key, fieldID) }) {
			end := len(strings.TrimRight(value, " \t"))
			sep := "; "
			if value[end-1] == ';' {
				sep = " "
			}
			fixLast(&rec, value, explain.Span{end, end}, sep+fieldID+"="+policyID)
		}
	}
	for i := range fields {
		rec.Fields = append(rec.Fields, recordField(value, &fields[i], domain))
	}
	rec.Summary = recordSummary(&rec, facts, domain)
	return rec
}

// ExplainSet explains the records published at one name together: each
// is explained alone, and when more than one begins with "v=STSv1;" those
// get CodeRecordMultiple, since senders then use none (RFC 8461 §3.1:
// records that do not begin so are discarded first). Values with no owner
// (ctx.Owner "") are not known to share a name and are not counted.
func ExplainSet(values []string, ctx explain.Context) []explain.Record {
	recs := make([]explain.Record, len(values))
	var kept []int
	for i, v := range values {
		recs[i] = Explain(v, ctx)
		if strings.HasPrefix(v, fieldVersion+"="+Version+";") {
			kept = append(kept, i)
		}
	}
	if ctx.Owner != "" && len(kept) > 1 {
		for _, i := range kept {
			recs[i].Add(MultipleFinding(explain.Span{0, len(values[i])}, len(kept)))
			recs[i].Summary = recordSummary(&recs[i], recs[i].Facts.(*RecordFacts), recordDomain(ctx.Owner))
		}
	}
	return recs
}

// recordDomain turns "_mta-sts.example.com." into "example.com", or ""
// when owner is not under _mta-sts.
func recordDomain(owner string) string {
	label, rest, ok := strings.Cut(strings.TrimSuffix(owner, "."), ".")
	if !ok || !strings.EqualFold(label, OwnerLabel) || rest == "" {
		return ""
	}
	return strings.ToLower(rest)
}

// splitFields cuts the value at every ";" into fields, blanks around them
// left out, and reports empty fields and blanks at the end with no ";"
// after them.
func splitFields(v string, rec *explain.Record) []field {
	var fs []field
	for part := range taglist.Split(v, ';', isWSP) {
		s, e, i := part.Start, part.End, part.Sep
		switch {
		case s < e:
			name, value, eq := strings.Cut(v[s:e], "=")
			fs = append(fs, field{span: explain.Span{s, e}, name: name, value: value, eq: eq, key: strings.TrimRight(name, " \t")})
			if i == len(v) && e < i {
				rec.Add(newFinding(CodeRecordTrailing, explain.Span{e, i}, nil))
				fixLast(rec, v, explain.Span{e, i}, "")
			}
		case i < len(v):
			rec.Add(newFinding(CodeFieldEmpty, explain.Span{i, i + 1}, nil))
			fixLast(rec, v, explain.Span{i, i + 1}, "")
		}
	}
	return fs
}

// checkField reports a field with a byte the record may not hold, or that
// is not name=value.
func checkField(v string, f *field, rec *explain.Record) {
	t := text(v, f.span)
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if r < 0x20 && r != '\t' || r >= 0x7f {
			f.bad = true
			at := f.span[0] + i
			rec.Add(newFinding(CodeFieldChar, explain.Span{at, at + size}, explain.Args{"field": t, "char": t[i : i+size], "offset": itoa(at)}))
			fixLast(rec, v, explain.Span{at, at + size}, "")
			return
		}
		i += size
	}
	problem := ""
	switch {
	case !f.eq:
		problem = "no_equals"
	case strings.ContainsAny(t, " \t"):
		problem = "blank"
	}
	if problem != "" {
		f.bad = true
		rec.Add(newFinding(CodeFieldSyntax, f.span, explain.Args{"field": t, "problem": problem}))
		if problem != "blank" {
			return
		}
		name, val := strings.TrimRight(f.name, " \t"), strings.TrimLeft(f.value, " \t")
		word, rest, _ := strings.Cut(strings.ReplaceAll(val, "\t", " "), " ")
		switch {
		case strings.ContainsAny(name, " \t"):
		case !strings.ContainsAny(val, " \t"): // "id = 1": blanks around "=" only
			fixLast(rec, v, f.span, name+"="+val)
		case strings.Contains(rest, "="): // "v=STSv1 id=1": the ";" is missing
			at := f.span[0] + len(f.name) + 1 + (len(f.value) - len(val)) + len(word)
			fixLast(rec, v, explain.Span{f.span[0], at}, name+"="+word+";")
		}
	}
}

// checkID checks the syntax of the id: 1 to 32 letters and digits.
// The fixes write the slot policyID where only the owner can choose the
// id.
func checkID(v string, f *field, rec *explain.Record) {
	id := f.value
	vspan := explain.Span{f.span[1] - len(id), f.span[1]}
	if id == "" {
		rec.Add(newFinding(CodeIDInvalid, f.span, explain.Args{"id": id, "char": ""}))
		fixLast(rec, v, vspan, policyID)
		return
	}
	for i := 0; i < len(id); i++ {
		if !isAlnum(id[i]) {
			at := f.span[0] + len(fieldID) + 1 + i
			rec.Add(newFinding(CodeIDInvalid, explain.Span{at, at + 1}, explain.Args{"id": id, "char": id[i : i+1]}))
			// The id with what is not a letter or digit left out
			// ("2024-01-01" → "20240101"), or a new one.
			kept := strings.Map(func(r rune) rune {
				if r < 0x80 && isAlnum(byte(r)) {
					return r
				}
				return -1
			}, id)
			if kept == "" || len(kept) > maxIDLen {
				kept = policyID
			}
			fixLast(rec, v, vspan, kept)
			return
		}
	}
	if len(id) > maxIDLen {
		rec.Add(newFinding(CodeIDTooLong, f.span, explain.Args{"id": id, "length": itoa(len(id))}))
		fixLast(rec, v, vspan, policyID)
	}
}

// checkExtension checks a field that is neither v nor id against the
// sts-extension ABNF, and notes that senders ignore it (in a record, not
// in a text with no v field).
// named reports whether the record has a field of a name; dupFix fixes
// the finding that the field repeats one.
func checkExtension(v string, f *field, rec *explain.Record, facts *RecordFacts, record bool, named func(string) bool, dupFix func()) {
	if f.bad {
		return
	}
	t := text(v, f.span)
	switch l := strings.ToLower(f.key); {
	case l == fieldID || l == fieldVersion:
		rec.Add(newFinding(CodeFieldCase, f.span, explain.Args{"field": t, "name": f.key, "want": l}))
		if l == fieldID && !named(fieldID) {
			fixLast(rec, v, explain.Span{f.span[0], f.span[0] + len(f.key)}, l)
		}
		return
	}
	problem := ""
	switch {
	case !validName(f.key):
		problem = "name"
		if len(f.key) > maxNameLen {
			problem = "name_length"
		}
	case f.value == "":
		problem = "empty"
	case strings.Contains(f.value, "="):
		problem = "value"
	}
	if problem != "" {
		f.bad = true
		rec.Add(newFinding(CodeExtensionInvalid, f.span, explain.Args{"field": t, "problem": problem}))
		return
	}
	if f.duplicate {
		rec.Add(newFinding(CodeFieldDuplicate, f.span, explain.Args{"name": f.key}))
		dupFix()
		return
	}
	facts.Extensions[f.key] = f.value
	if record {
		rec.Add(newFinding(CodeExtensionUnknown, f.span, explain.Args{"name": f.key}))
	}
}

// validName reports whether s is an extension field name (sts-ext-name,
// RFC 8461 §3.1; sts-policy-ext-name, §3.2, is the same): a letter or
// digit, then at most 31 letters, digits, "_", "-" or ".".
func validName(s string) bool {
	if s == "" || len(s) > maxNameLen || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func recordField(v string, f *field, domain string) explain.Field {
	return explain.Field{Span: f.span, Text: text(v, f.span), Name: f.key, Value: f.value,
		Meaning: meaningRecordField(f, domain), Ref: refRecord}
}

// fixLast gives the finding added last to rec (explained from v) the fix
// that writes text at s (codes.go says each code's fix); none when s
// already reads text, or holds a slot ("{{policy-id}}", from an earlier
// proposal), the owner's to fill.
func fixLast(rec *explain.Record, v string, s explain.Span, text string) {
	if v[s[0]:s[1]] == text || strings.Contains(v[s[0]:s[1]], "{{") {
		return
	}
	i := len(rec.Findings) - 1
	rec.Findings[i] = rec.Findings[i].WithFix(s, text)
}

// policyID is what a fix writes where the id is the owner's to choose.
var policyID = explain.SlotText("policy-id")

// meantVersion reports whether val, the value of a v field or of the
// policy's version line, is the MTA-STS version written wrong: in another
// case ("stsv1") or with another number ("STSv2"), when STSv1 is the only
// one.
func meantVersion(val string) bool {
	if !strings.HasPrefix(strings.ToLower(val), "sts") {
		return false
	}
	for i := 0; i < len(val); i++ {
		if c := val[i]; !isAlnum(c) && c != '.' {
			return false
		}
	}
	return true
}

func isWSP(c byte) bool { return c == ' ' || c == '\t' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// blanks counts the spaces and tabs s starts with.
func blanks(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

func text(v string, s explain.Span) string { return v[s[0]:s[1]] }

func itoa(n int) string { return strconv.Itoa(n) }
