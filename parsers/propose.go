package parsers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/internal/rrtype"
	"github.com/mxplain/mxplain/parsers/explain"
)

// propose sets r's proposal: its value with the fixes applied (fv, or
// the value as it is when only how it was written needs fixing), written
// in the form the input wrote it and in a DNS panel's. r's spans are the
// input's by now; a record none of whose findings has a fix gets none.
func propose(f *found, r *explain.Record, fv *explain.Fixed) {
	k := KindOf(r.Type)
	if k == nil {
		return
	}
	var codes []string
	value, remaining := f.value.text, r.Findings
	if fv != nil {
		value, codes, remaining = fv.Value, fv.Codes, fv.Again.Findings
	}
	// Findings about how the value was written down (parsers' own, in
	// input offsets) are fixed by writing it again below.
	// (Quotes and strings are TXT's: an MX value is written as it is.)
	for _, fd := range r.Findings {
		if fd.Fix != nil && codeInfo[fd.Code].severity != "" && (inTXT(r.Type) || fd.Code == CodeOwnerMismatch) {
			codes = append(codes, fd.Code)
		}
	}
	mx := slices.Contains(k.RRTypes, rrtype.MX)
	if mx {
		// An MX value's fields are separated by any blanks, a line break
		// within parentheses included; written on one line, by one space.
		value = strings.Join(strings.Fields(value), " ")
	}
	// Nothing to publish, or an MX value zone text would read otherwise
	// (a comment, a string, a record continued on the next line).
	if len(codes) == 0 || strings.TrimSpace(value) == "" || (mx && strings.ContainsAny(value, `;"()`)) {
		return
	}
	// What stays wrong: the value's errors, and of those about how the
	// record was written down, only its name when no fix could say where
	// it belongs (the rest are gone once it is written again).
	var left []explain.Finding
	for _, fd := range remaining {
		if codeInfo[fd.Code].severity == "" {
			left = append(left, fd)
		}
	}
	for _, fd := range r.Findings {
		if fd.Code == CodeOwnerMismatch && fd.Fix == nil {
			left = append(left, fd)
		}
	}
	owner := proposedOwner(r.Type, f.owner)
	setProposal(r, k.NewProposal(owner, value, writeRecord(f, k, owner, value), codes, left))
}

// proposedOwner is where a record of type t at owner should be published:
// owner, or where receivers look for it when they never read it there
// (ownerMismatch) and that name can be written in zone text; "" when the
// input did not name it.
func proposedOwner(t explain.Type, owner string) string {
	if owner == "" || ownerMismatch(t, owner) == "" {
		return owner
	}
	if name := receiversOwner(KindOf(t), owner); isOwnerName(explain.FillSlots(name)) {
		return name
	}
	return owner
}

// receiversOwner is the name near owner where receivers look for a record
// of kind k.
func receiversOwner(k *explain.Kind, owner string) string {
	if len(k.OwnerLabels) > 0 {
		prefix := strings.Join(k.OwnerLabels, ".") + "."
		if k.Selector {
			prefix = explain.SlotText("selector") + "." + prefix
		}
		return prefix + owner
	}
	// A record read at the domain itself, published at another kind's
	// name: the domain is what follows that kind's labels.
	labels := dnsname.SplitDomainName(owner)
	if other := ownerKind(owner, slices.Values(kinds)); other != nil {
		if i, ok := ownerAt(other, labels); ok && i+len(other.OwnerLabels) < len(labels) {
			return strings.Join(labels[i+len(other.OwnerLabels):], ".") + "."
		}
	}
	return explain.SlotText("domain") + "."
}

// writeRecord writes a record of kind k with value at owner as the input
// wrote f: a zone line, quoted strings, or the bare value.
func writeRecord(f *found, k *explain.Kind, owner, value string) string {
	data := value
	txt := slices.Contains(k.RRTypes, rrtype.TXT) && !slices.Contains(k.RRTypes, rrtype.MX)
	// A bare value that starts like a comment, a directive or a string
	// would not be read back as itself.
	if txt && (f.rrtype != "" || len(f.strs) > 0 || strings.IndexAny(strings.TrimSpace(value)+" ", ";$\"") == 0) {
		data = quoteStrings(value)
	}
	if f.rrtype == "" {
		return data
	}
	var b strings.Builder
	switch {
	case owner == f.owner && len(f.header) > 0 && f.header[0].Name == "owner" && f.ctx.Origin == "":
		// As written, where no $ORIGIN gives a relative name its meaning;
		// after one, the line written alone must still name the same
		// owner, so it is written fully qualified.
		owner = f.header[0].Text
	case owner == "":
		owner = "@"
	}
	b.WriteString(owner)
	if f.ttl != nil {
		b.WriteString(" " + strconv.FormatUint(uint64(*f.ttl), 10))
	}
	b.WriteString(" IN " + rrtype.Name(k.RRTypes[0]) + " " + data)
	return b.String()
}

// ZoneLine is a record of kind k with value at owner (fully qualified) as
// a line of zone text: "owner IN TXT" and the value in quoted strings of
// at most 255 bytes, or "owner IN MX" and the value as it is. k must be a
// kind of DNS record (k.RRTypes not empty).
func ZoneLine(k *explain.Kind, owner, value string) string {
	if inTXT(k.Type) {
		value = quoteStrings(value)
	}
	return owner + " IN " + rrtype.Name(k.RRTypes[0]) + " " + value
}

// quoteStrings writes value as quoted TXT strings of at most maxStringLen
// bytes each (RFC 1035 §3.3), cut after a blank near the limit where there
// is one so that each string ends with whole terms; receivers join them
// with nothing in between (RFC 7208 §3.3). Quotes and backslashes are
// escaped, other bytes outside printable ASCII written as "\DDD" (RFC
// 1035 §5.1).
func quoteStrings(value string) string {
	var parts []string
	for rest := value; ; {
		if len(rest) <= maxStringLen {
			parts = append(parts, quote(rest))
			break
		}
		cut := maxStringLen
		if i := strings.LastIndexByte(rest[maxStringLen-64:maxStringLen], ' '); i >= 0 {
			cut = maxStringLen - 64 + i + 1
		}
		parts = append(parts, quote(rest[:cut]))
		rest = rest[cut:]
	}
	return strings.Join(parts, " ")
}

// quote writes s as one quoted character-string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			b.WriteString("\\" + strconv.Itoa(int(c)/100) + strconv.Itoa(int(c)/10%10) + strconv.Itoa(int(c)%10))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// PlanMerge is the plan on each of several records of one kind at one name
// that can be said as one (Kind.Merge): publish the merged record, delete
// the others.
const PlanMerge = "record.plan.merge"

// proposeMerged gives the records recs[idx], several of kind k at one name
// that receivers then all ignore, the plan to merge them, and the first of
// them the merged record as its proposal.
func proposeMerged(recs []explain.Record, found []*found, idx []int, k *explain.Kind) {
	values := make([]string, len(idx))
	for j, i := range idx {
		values[j] = recs[i].Value
	}
	merged, ok := k.Merge(values)
	if !ok {
		return
	}
	first, f := &recs[idx[0]], found[idx[0]]
	multiple := k.Multiple(first.Span, len(idx)).Code
	p := k.NewProposal(f.owner, merged, writeRecord(f, k, f.owner, merged), []string{multiple},
		k.ExplainValue(explain.FillSlots(merged), f.ctx).Findings)
	if readsDamaged(p) {
		return
	}
	first.Proposal = p
	name := strings.TrimSuffix(first.Owner, ".")
	n := strconv.Itoa(len(idx))
	others := k.Label + " record"
	if len(idx) > 2 {
		others = strconv.Itoa(len(idx)-1) + " " + k.Label + " records"
	}
	plan := explain.Plan{
		Code:  PlanMerge,
		Title: "Merge the " + n + " " + k.Label + " records at " + name + " into one",
		Ref:   k.Multiple(first.Span, len(idx)).Ref,
		Steps: []explain.Step{
			{Text: "Publish this one record, which says what the " + n + " say together, in place of the first of them:", Value: merged},
			{Text: "Delete the other " + others + " at " + name + ": while there are several, receivers use none of them."},
		},
	}
	for _, i := range idx {
		recs[i].Plans = append(recs[i].Plans, plan)
	}
}
