package mtasts

import (
	"strings"

	"github.com/mxplain/mxplain/internal/jsonw"
	"github.com/mxplain/mxplain/internal/stablesort"
)

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *PolicyFacts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"version":`...)
	b = jsonw.StringPtr(b, f.Version)
	b = append(b, `,"mode":`...)
	b = jsonw.StringPtr(b, f.Mode)
	b = append(b, `,"max_age":`...)
	if f.MaxAge == nil {
		b = jsonw.Null(b)
	} else {
		b = jsonw.Int(b, *f.MaxAge)
	}
	b = append(b, `,"mx":`...)
	b = jsonw.Strings(b, f.MX)
	return append(b, '}')
}

// AppendJSON appends the JSON of f, as encoding/json writes it: the
// extensions' names sorted.
func (f *RecordFacts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"version":`...)
	b = jsonw.StringPtr(b, f.Version)
	b = append(b, `,"id":`...)
	b = jsonw.StringPtr(b, f.ID)
	b = append(b, `,"extensions":`...)
	if f.Extensions == nil {
		b = jsonw.Null(b)
	} else {
		names := make([]string, 0, len(f.Extensions))
		for k := range f.Extensions {
			names = append(names, k)
		}
		stablesort.Func(names, strings.Compare)
		b = append(b, '{')
		for i, k := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonw.String(b, k)
			b = append(b, ':')
			b = jsonw.String(b, f.Extensions[k])
		}
		b = append(b, '}')
	}
	return append(b, '}')
}
