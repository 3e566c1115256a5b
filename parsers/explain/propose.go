package explain

import (
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/rrtype"
)

// proposalRounds is how many times a value's fixes are applied and the
// result explained again: a fix skipped for overlapping another is applied
// in a later round, and a fix may reveal what the broken text hid.
const proposalRounds = 4

// Fixed is a value with the fixes of its record applied (Kind.Fix).
type Fixed struct {
	Value string
	Codes []string // the codes of the findings whose fixes were applied
	// Again is the fixed value explained, its slots filled with their
	// examples: what is still wrong once the owner has filled them.
	Again Record
}

// ExplainValue explains one value of kind k on its own.
func (k *Kind) ExplainValue(value string, ctx Context) Record {
	if k.Explain != nil {
		return k.Explain(value, ctx)
	}
	return k.ExplainSet([]string{value}, ctx)[0]
}

// Fix applies the fixes of r, explained from value with ctx, and explains
// the result again, until no fix is left or proposalRounds. r's spans must
// still be the value's. It returns false when no fix applied.
func (k *Kind) Fix(value string, r Record, ctx Context) (Fixed, bool) {
	if !slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Fix != nil }) {
		return Fixed{}, false
	}
	out := Fixed{Value: value, Again: r}
	for range proposalRounds {
		next, codes := ApplyFixes(out.Value, out.Again.Findings)
		if len(codes) == 0 || next == out.Value {
			break
		}
		out.Value, out.Codes = next, append(out.Codes, codes...)
		out.Again = k.ExplainValue(next, ctx)
	}
	if len(out.Codes) == 0 {
		return Fixed{}, false
	}
	if filled := FillSlots(out.Value); filled != out.Value {
		out.Again = k.ExplainValue(filled, ctx)
	}
	return out, true
}

// Panel is a record of kind k with value at owner in a DNS panel's boxes:
// the full name without its final dot (slots for what owner does not say:
// "_dmarc.{{domain}}"), the RR type and the value. A kind that is no DNS
// record (the MTA-STS policy file) has none: Name and Type are "".
func (k *Kind) Panel(owner, value string) Panel {
	if len(k.RRTypes) == 0 {
		return Panel{Value: value}
	}
	name := strings.TrimSuffix(owner, ".")
	if name == "" {
		name = SlotText("domain")
		if len(k.OwnerLabels) > 0 {
			name = strings.Join(k.OwnerLabels, ".") + "." + name
			if k.Selector {
				name = SlotText("selector") + "." + name
			}
		}
	}
	return Panel{Name: name, Type: rrtype.Name(k.RRTypes[0]), Value: value}
}

// NewProposal is the proposal of value, a record of kind k at owner,
// written as text, fixing codes; the errors among remaining are what it
// leaves wrong.
func (k *Kind) NewProposal(owner, value, text string, codes []string, remaining []Finding) *Proposal {
	p := &Proposal{Value: value, Text: text, Panel: k.Panel(owner, value), Fixes: codes, Remaining: []string{}}
	p.Slots = SlotsIn(p.Panel.Name + " " + value)
	if p.Slots == nil {
		p.Slots = []Slot{}
	}
	for _, f := range remaining {
		if f.Severity == Error && !slices.Contains(p.Remaining, f.Code) {
			p.Remaining = append(p.Remaining, f.Code)
		}
	}
	return p
}

// Propose sets r's proposal, for a record explained from its own value
// (a lookup's, whose spans index its value): the value with its fixes
// applied, written as a bare value. A record none of whose findings has a
// fix gets none.
func (k *Kind) Propose(r *Record, ctx Context) {
	fx, ok := k.Fix(r.Value, *r, ctx)
	if !ok {
		return
	}
	r.Proposal = k.NewProposal(r.Owner, fx.Value, fx.Value, fx.Codes, fx.Again.Findings)
}
