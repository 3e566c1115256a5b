package explain

// Rule is what a record package says about one finding code: how much it
// matters, the section it cites and its message, written from the
// finding's Args alone.
type Rule struct {
	Severity Severity
	Ref      string
	// RefFor, when set, picks the section from the Args instead of Ref:
	// one code whose cases break different rules.
	RefFor  func(Args) string
	Message func(Args) string
}

// Rules are a package's rules by finding code: the one table of its
// findings' severities, sections and messages.
type Rules map[string]Rule

// CodeRule is a code's Rule, as a package's table lists it.
type CodeRule struct {
	Code string
	Rule Rule
}

// NewRules makes Rules from a package's table. The table is a slice, not
// a map literal, so that it is data in the binary: a map literal of
// structs compiles to code that inserts each entry, 10–20 KB of wasm per
// package. It panics on a code listed twice, which a map literal would
// not compile.
func NewRules(table []CodeRule) Rules {
	rs := make(Rules, len(table))
	for _, r := range table {
		if _, dup := rs[r.Code]; dup {
			panic("explain: rule for " + r.Code + " listed twice")
		}
		rs[r.Code] = r.Rule
	}
	return rs
}

// Finding is the finding of code at span, written from args by code's
// rule; arguments with empty values are left out (a message reads a
// missing argument as empty). code must have a rule.
func (rs Rules) Finding(code string, span Span, args Args) Finding {
	for k, v := range args {
		if v == "" {
			delete(args, k)
		}
	}
	if len(args) == 0 {
		args = nil
	}
	r := rs[code]
	ref := r.Ref
	if r.RefFor != nil {
		ref = r.RefFor(args)
	}
	return Finding{Severity: r.Severity, Code: code, Message: r.Message(args), Span: span, Ref: ref, Args: args}
}

// Message writes the message of a finding of code from its args, as the
// package's parser does; "" for a code that has no rule.
func (rs Rules) Message(code string, args Args) string {
	r, ok := rs[code]
	if !ok {
		return ""
	}
	return r.Message(args)
}
