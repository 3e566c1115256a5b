package explain

import "slices"

// KeepFixes drops the fixes of out (explained from value) that would not
// do what a fix must. In the findings' order, it keeps a fix when the
// value with it and every fix kept so far applied (ApplyFixes,
// slots filled with their examples) has fewer findings of each code a
// fix was applied for and no error of a code out did not have; again
// explains a value as out was explained, without KeepFixes. A fix is
// written for the term it is about; this is where the rest of the record
// gets its say (a repaired term that is the 11th lookup, an include= made
// include: that names the record's own domain, two fixes that undo each
// other).
func KeepFixes(out *Record, value string, again func(value string) []Finding) {
	if !slices.ContainsFunc(out.Findings, func(f Finding) bool { return f.Fix != nil }) {
		return
	}
	before := codeCounts(out.Findings, false)
	errs := codeCounts(out.Findings, true)
	var kept []Finding
	for i, f := range out.Findings {
		if f.Fix == nil {
			continue
		}
		fixed, codes := ApplyFixes(value, append(kept, f))
		after := again(FillSlots(fixed))
		if improves(before, errs, codes, after) {
			kept = append(kept, f)
		} else {
			out.Findings[i].Fix = nil
		}
	}
}

// improves reports whether after, the findings of a value fixed for the
// findings of codes, has fewer of each of them than before (the counts of
// the findings' codes) and no error whose code is not in errs.
func improves(before, errs map[string]int, codes []string, after []Finding) bool {
	now := codeCounts(after, false)
	applied := codeCounts(nil, false)
	for _, c := range codes {
		applied[c]++
	}
	for c, n := range applied {
		if now[c] > before[c]-n {
			return false
		}
	}
	for c := range codeCounts(after, true) {
		if errs[c] == 0 {
			return false
		}
	}
	return true
}

// codeCounts counts the findings of each code, or only the errors.
func codeCounts(findings []Finding, errorsOnly bool) map[string]int {
	n := map[string]int{}
	for _, f := range findings {
		if !errorsOnly || f.Severity == Error {
			n[f.Code]++
		}
	}
	return n
}
