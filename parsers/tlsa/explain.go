package tlsa

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// Type is the record's type in the JSON.
const Type = explain.TypeTLSA

// Facts are the typed values of a TLSA record for programs.
type Facts struct {
	Usage            *int   `json:"usage"`              // the certificate usage, nil when not read
	UsageName        string `json:"usage_name"`         // its acronym ("DANE-EE"), "" when unassigned or not read
	Selector         *int   `json:"selector"`           // nil when not read
	SelectorName     string `json:"selector_name"`      // "SPKI", …
	MatchingType     *int   `json:"matching_type"`      // nil when not read
	MatchingTypeName string `json:"matching_type_name"` // "SHA2-256", …
	// Data is the association data in lower-case hex without blanks, ""
	// when it is missing or not hex.
	Data string `json:"data"`
	// Port, Proto and Host are read from an owner _<port>._<proto>.<host>
	// (RFC 6698 §3): nil and "" when the owner is unknown or not so.
	Port  *int   `json:"port"`
	Proto string `json:"proto"`
	Host  string `json:"host"`
	// SMTP is true when the record is read under RFC 7672's rules: its
	// port is 25, or no owner says what it is for.
	SMTP bool `json:"smtp"`
	// Usable is true when a client can use the record: no error finding.
	// It still matters only in a zone signed with DNSSEC (RFC 6698 §4.1).
	Usable bool `json:"usable"`
}

// Explain explains one TLSA value ("3 1 1 0b9fa5a5…"). ctx.Owner, when
// given ("_25._tcp.mx.example.com."), says which server and port the
// record is for, and is checked (RFC 6698 §3, RFC 7672 §2.2). Findings
// carry the fixes codes.go lists, each kept only when it does what a fix
// must (explain.KeepFixes).
func Explain(value string, ctx explain.Context) explain.Record {
	out := explainValue(value, ctx)
	explain.KeepFixes(&out, value, func(v string) []explain.Finding { return explainValue(v, ctx).Findings })
	return out
}

// ExplainSet explains the TLSA values at one owner, one record per value in
// the order given: several are normal (a key rollover publishes the new
// key's record beside the old, RFC 7671 §8.1); the same record twice is
// a warning on the later one.
func ExplainSet(values []string, ctx explain.Context) []explain.Record {
	recs := make([]explain.Record, len(values))
	first := map[string]int{}
	for i, v := range values {
		recs[i] = Explain(v, ctx)
		key := setKey(recs[i].Facts.(*Facts))
		if key == "" {
			continue
		}
		if j, ok := first[key]; ok {
			recs[i].Add(finding(CodeSetDuplicate, explain.Span{0, len(v)}, explain.Args{"first": itoa(j + 1)}))
			recs[i].Facts.(*Facts).Usable = !recs[i].HasErrors()
		} else {
			first[key] = i
		}
	}
	return recs
}

// setKey is what makes two records the same record, "" for one whose
// fields were not all read.
func setKey(f *Facts) string {
	if f.Usage == nil || f.Selector == nil || f.MatchingType == nil || f.Data == "" {
		return ""
	}
	return itoa(*f.Usage) + " " + itoa(*f.Selector) + " " + itoa(*f.MatchingType) + " " + f.Data
}

// explainValue is Explain without explain.KeepFixes.
func explainValue(value string, ctx explain.Context) explain.Record {
	rec := explain.New(Type, value)
	rec.RRType = "TLSA"
	rec.Owner = ctx.Owner
	r, fs := Parse(value)
	for _, f := range fs {
		rec.Add(f)
	}
	var o Owner
	var oc ownerCheck
	if ctx.Owner != "" {
		o, oc = readOwner(ctx.Owner)
	} else {
		o = Owner{Port: -1}
	}
	smtp := o.Port == 25 || o.Port < 0
	if oc.code != "" {
		o.Host = "" // not the server's name when the labels before it are wrong
	}
	for _, f := range valueFindings(value, r, smtp, o.Port) {
		rec.Add(f)
	}
	for _, f := range ownerFindings(value, ctx.Owner, o, oc) {
		rec.Add(f)
	}
	rec.Fields = fields(r, smtp)
	f := facts(r, o, ctx.Owner != "" && oc.code == "", smtp)
	f.Usable = !rec.HasErrors()
	rec.Facts = f
	rec.Summary = summary(r, o, f)
	return rec
}

// valueFindings are the findings about the three numbers and the data
// once read: what the values mean for clients.
func valueFindings(value string, r *Record, smtp bool, port int) []explain.Finding {
	var out []explain.Finding
	u, s, m := r.Usage, r.Selector, r.MatchingType
	if u.OK {
		switch usage := Usage(u.Value); {
		case (usage == UsagePKIXTA || usage == UsagePKIXEE) && smtp:
			want := itoa(int(u.Value) + 2)
			args := explain.Args{"usage": u.Text, "want": want}
			if port >= 0 {
				args["port"] = itoa(port)
			}
			out = append(out, finding(CodeUsagePKIX, u.Span, args).WithFix(u.Span, want))
		case usage == UsageDANETA:
			out = append(out, finding(CodeUsageTA, u.Span, explain.Args{"selector": s.Text, "matching": m.Text}))
		case usage == UsageDANEEE && s.OK && Selector(s.Value) == SelectorCert:
			f := finding(CodeSelectorCert, s.Span, nil)
			if spki := certSPKI(r.Data); m.OK && MatchingType(m.Value) == MatchingFull && spki != nil {
				f = f.WithFix(explain.Span{s.Span[0], r.DataSpan[1]}, "1 1 "+sha256Hex(spki))
			}
			out = append(out, f)
		case usage == UsagePrivate:
			out = append(out, finding(CodeUsagePrivate, u.Span, nil))
		case usage > UsageDANEEE:
			out = append(out, finding(CodeUsageUnassigned, u.Span, explain.Args{"usage": u.Text}))
		}
	}
	if s.OK {
		switch sel := Selector(s.Value); {
		case sel == SelectorPrivate:
			out = append(out, finding(CodeSelectorPrivate, s.Span, nil))
		case sel > SelectorSPKI:
			out = append(out, finding(CodeSelectorUnassigned, s.Span, explain.Args{"selector": s.Text}))
		}
	}
	if !m.OK {
		return out
	}
	known := s.OK && Selector(s.Value) <= SelectorSPKI
	switch mt := MatchingType(m.Value); {
	case mt == MatchingPrivate:
		out = append(out, finding(CodeMatchingPrivate, m.Span, nil))
	case mt > MatchingSHA512:
		out = append(out, finding(CodeMatchingUnassigned, m.Span, explain.Args{"matching": m.Text}))
	case mt == MatchingFull:
		f := finding(CodeMatchingFull, m.Span, explain.Args{"bytes": itoa(len(r.Data))})
		problem, declared := derProblem(r.Data)
		if r.DataOK && known && problem == "" {
			f = f.WithFix(explain.Span{m.Span[0], r.DataSpan[1]}, "1 "+sha256Hex(r.Data))
		}
		out = append(out, f)
		if r.DataOK && known && problem != "" {
			args := explain.Args{"problem": problem, "bytes": itoa(len(r.Data))}
			if declared >= 0 {
				args["declared"] = itoa(declared)
			}
			out = append(out, finding(CodeDataDER, r.DataSpan, args))
		}
	case r.DataOK && len(r.Data) != mt.DigestLen():
		out = append(out, finding(CodeDataLength, r.DataSpan,
			explain.Args{"bytes": itoa(len(r.Data)), "want": itoa(mt.DigestLen()), "matching": m.Text}))
	}
	return out
}

// ownerFindings are the findings about the owner name, on the whole value
// (the name is not in it).
func ownerFindings(value, owner string, o Owner, oc ownerCheck) []explain.Finding {
	all := explain.Span{0, len(value)}
	switch {
	case owner == "":
		return nil
	case oc.code != "":
		return []explain.Finding{finding(oc.code, all, explain.Args{"owner": owner, "label": oc.label})}
	case o.Port == 25 && o.Proto != "tcp":
		return []explain.Finding{finding(CodeOwnerUDP, all, explain.Args{"owner": owner, "proto": o.Proto})}
	case o.Port != 25:
		return []explain.Finding{finding(CodeOwnerOtherPort, all, explain.Args{"port": itoa(o.Port), "host": bare(o.Host)})}
	}
	return nil
}

func facts(r *Record, o Owner, named, smtp bool) *Facts {
	f := &Facts{SMTP: smtp}
	if r.Usage.OK {
		f.Usage, f.UsageName = intp(int(r.Usage.Value)), Usage(r.Usage.Value).Name()
	}
	if r.Selector.OK {
		f.Selector, f.SelectorName = intp(int(r.Selector.Value)), Selector(r.Selector.Value).Name()
	}
	if r.MatchingType.OK {
		f.MatchingType, f.MatchingTypeName = intp(int(r.MatchingType.Value)), MatchingType(r.MatchingType.Value).Name()
	}
	if r.DataOK {
		f.Data = lowerHex(r.Data)
	}
	if named {
		f.Port, f.Proto, f.Host = intp(o.Port), o.Proto, o.Host
	}
	return f
}

func intp(n int) *int { return &n }

// bare is a name without its trailing dot, for prose.
func bare(name string) string { return strings.TrimSuffix(name, ".") }

func sha256Hex(b []byte) string {
	sum := sum256(b)
	return lowerHex(sum[:])
}

func lowerHex(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&0xf]
	}
	return string(out)
}
