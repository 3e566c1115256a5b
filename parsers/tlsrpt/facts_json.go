package tlsrpt

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"version":`...)
	b = jsonw.String(b, f.Version)
	b = append(b, `,"rua":`...)
	b = jsonw.Strings(b, f.RUA)
	b = append(b, `,"mailto":`...)
	b = jsonw.Strings(b, f.Mailto)
	b = append(b, `,"https":`...)
	b = jsonw.Strings(b, f.HTTPS)
	b = append(b, `,"usable":`...)
	b = jsonw.Bool(b, f.Usable)
	if f.Domain != "" {
		b = append(b, `,"domain":`...)
		b = jsonw.String(b, f.Domain)
	}
	return append(b, '}')
}
