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
