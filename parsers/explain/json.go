package explain

import (
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/jsonw"
	"github.com/mxplain/mxplain/internal/stablesort"
)

// JSONAppender is a value that appends its own JSON, byte for byte what
// encoding/json's Marshal writes for it. Every record package's Facts
// implements it, so that the browser's engine need not link encoding/json.
type JSONAppender interface {
	AppendJSON(b []byte) []byte
}

// AppendJSON appends the JSON of s, a two-element array.
func (s Span) AppendJSON(b []byte) []byte {
	b = append(b, '[')
	b = jsonw.Int(b, int64(s[0]))
	b = append(b, ',')
	b = jsonw.Int(b, int64(s[1]))
	return append(b, ']')
}

// AppendJSON appends the JSON of a, its keys sorted; a nil Args is null.
func (a Args) AppendJSON(b []byte) []byte {
	if a == nil {
		return jsonw.Null(b)
	}
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	stablesort.Func(keys, strings.Compare)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.String(b, k)
		b = append(b, ':')
		b = jsonw.String(b, a[k])
	}
	return append(b, '}')
}

// AppendJSON appends the JSON of f.
func (f *Field) AppendJSON(b []byte) []byte {
	b = append(b, `{"span":`...)
	b = f.Span.AppendJSON(b)
	b = append(b, `,"text":`...)
	b = jsonw.String(b, f.Text)
	b = append(b, `,"name":`...)
	b = jsonw.String(b, f.Name)
	b = append(b, `,"value":`...)
	b = jsonw.String(b, f.Value)
	b = append(b, `,"meaning":`...)
	b = jsonw.String(b, f.Meaning)
	if f.Ref != "" {
		b = append(b, `,"ref":`...)
		b = jsonw.String(b, f.Ref)
	}
	if len(f.Children) > 0 {
		b = append(b, `,"children":`...)
		b = appendList(b, f.Children)
	}
	return append(b, '}')
}

// appendList appends list as a JSON array, each element by its
// AppendJSON, or null for a nil list (as encoding/json writes a nil slice).
func appendList[T any, P interface {
	*T
	JSONAppender
}](b []byte, list []T) []byte {
	if list == nil {
		return jsonw.Null(b)
	}
	b = append(b, '[')
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = P(&list[i]).AppendJSON(b)
	}
	return append(b, ']')
}

// AppendJSON appends the JSON of f.
func (f *Finding) AppendJSON(b []byte) []byte {
	b = append(b, `{"severity":`...)
	b = jsonw.String(b, string(f.Severity))
	b = append(b, `,"code":`...)
	b = jsonw.String(b, f.Code)
	b = append(b, `,"message":`...)
	b = jsonw.String(b, f.Message)
	b = append(b, `,"span":`...)
	b = f.Span.AppendJSON(b)
	if f.Ref != "" {
		b = append(b, `,"ref":`...)
		b = jsonw.String(b, f.Ref)
	}
	if len(f.Args) > 0 {
		b = append(b, `,"args":`...)
		b = f.Args.AppendJSON(b)
	}
	if f.Fix != nil {
		b = append(b, `,"fix":`...)
		b = f.Fix.AppendJSON(b)
	}
	return append(b, '}')
}

// AppendJSON appends the JSON of f.
func (f *Fix) AppendJSON(b []byte) []byte {
	b = append(b, `{"span":`...)
	b = f.Span.AppendJSON(b)
	b = append(b, `,"text":`...)
	b = jsonw.String(b, f.Text)
	return append(b, '}')
}

// AppendJSON appends the JSON of s.
func (s *Slot) AppendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = jsonw.String(b, s.Name)
	b = append(b, `,"label":`...)
	b = jsonw.String(b, s.Label)
	b = append(b, `,"example":`...)
	b = jsonw.String(b, s.Example)
	return append(b, '}')
}

// AppendJSON appends the JSON of p.
func (p *Proposal) AppendJSON(b []byte) []byte {
	b = append(b, `{"value":`...)
	b = jsonw.String(b, p.Value)
	b = append(b, `,"text":`...)
	b = jsonw.String(b, p.Text)
	b = append(b, `,"panel":{"name":`...)
	b = jsonw.String(b, p.Panel.Name)
	b = append(b, `,"type":`...)
	b = jsonw.String(b, p.Panel.Type)
	b = append(b, `,"value":`...)
	b = jsonw.String(b, p.Panel.Value)
	b = append(b, `},"fixes":`...)
	b = jsonw.Strings(b, p.Fixes)
	b = append(b, `,"slots":`...)
	b = appendList(b, p.Slots)
	b = append(b, `,"remaining":`...)
	b = jsonw.Strings(b, p.Remaining)
	return append(b, '}')
}

// AppendJSON appends the JSON of p.
func (p *Plan) AppendJSON(b []byte) []byte {
	b = append(b, `{"code":`...)
	b = jsonw.String(b, p.Code)
	b = append(b, `,"title":`...)
	b = jsonw.String(b, p.Title)
	if p.Ref != "" {
		b = append(b, `,"ref":`...)
		b = jsonw.String(b, p.Ref)
	}
	b = append(b, `,"steps":`...)
	b = appendList(b, p.Steps)
	return append(b, '}')
}

// AppendJSON appends the JSON of s.
func (s *Step) AppendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = jsonw.String(b, s.Text)
	if s.Value != "" {
		b = append(b, `,"value":`...)
		b = jsonw.String(b, s.Value)
	}
	return append(b, '}')
}

// AppendJSON appends the JSON of r. Its Facts must be nil or a
// JSONAppender; other facts are written as null (a test failure: the
// packages' tests compare AppendJSON with encoding/json).
func (r *Record) AppendJSON(b []byte) []byte {
	b = append(b, `{"type":`...)
	b = jsonw.String(b, string(r.Type))
	if r.RRType != "" {
		b = append(b, `,"rr_type":`...)
		b = jsonw.String(b, r.RRType)
	}
	b = append(b, `,"owner":`...)
	b = jsonw.String(b, r.Owner)
	b = append(b, `,"ttl":`...)
	if r.TTL == nil {
		b = jsonw.Null(b)
	} else {
		b = jsonw.Uint(b, uint64(*r.TTL))
	}
	b = append(b, `,"value":`...)
	b = jsonw.String(b, r.Value)
	b = append(b, `,"span":`...)
	b = r.Span.AppendJSON(b)
	if len(r.Header) > 0 {
		b = append(b, `,"header":`...)
		b = appendList(b, r.Header)
	}
	b = append(b, `,"summary":`...)
	b = jsonw.String(b, r.Summary)
	b = append(b, `,"valid":`...)
	b = jsonw.Bool(b, r.Valid)
	if r.Pending {
		b = append(b, `,"pending":true`...)
	}
	b = append(b, `,"fields":`...)
	b = appendList(b, r.Fields)
	b = append(b, `,"findings":`...)
	b = appendList(b, r.Findings)
	b = append(b, `,"facts":`...)
	if a, ok := r.Facts.(JSONAppender); ok {
		b = a.AppendJSON(b)
	} else {
		b = jsonw.Null(b)
	}
	if r.Proposal != nil {
		b = append(b, `,"proposal":`...)
		b = r.Proposal.AppendJSON(b)
	}
	if len(r.Plans) > 0 {
		b = append(b, `,"plans":`...)
		b = appendList(b, r.Plans)
	}
	return append(b, '}')
}

// AppendJSON appends the JSON of e, the contract of the project brief,
// byte for byte what encoding/json's Marshal writes for it.
func (e *Explanation) AppendJSON(b []byte) []byte {
	b = slices.Grow(b, len(e.Input)*8+256)
	b = append(b, `{"input":`...)
	b = jsonw.String(b, e.Input)
	b = append(b, `,"records":`...)
	b = appendList(b, e.Records)
	if len(e.Skipped) > 0 {
		b = append(b, `,"skipped":`...)
		b = appendList(b, e.Skipped)
	}
	return append(b, '}')
}
