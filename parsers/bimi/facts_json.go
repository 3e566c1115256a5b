package bimi

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"version":`...)
	b = jsonw.String(b, f.Version)
	b = append(b, `,"logo":`...)
	b = jsonw.String(b, f.Logo)
	b = append(b, `,"authority":`...)
	b = jsonw.String(b, f.Authority)
	b = append(b, `,"declined":`...)
	b = jsonw.Bool(b, f.Declined)
	b = append(b, `,"logo_usable":`...)
	b = jsonw.Bool(b, f.LogoUsable)
	b = append(b, `,"lps":`...)
	b = jsonw.StringPtr(b, f.LocalPart)
	b = append(b, `,"lps_prefixes":`...)
	b = jsonw.Strings(b, f.Prefixes)
	b = append(b, `,"avp":`...)
	b = jsonw.String(b, f.Avatar)
	if f.Selector != "" {
		b = append(b, `,"selector":`...)
		b = jsonw.String(b, f.Selector)
	}
	if f.Domain != "" {
		b = append(b, `,"domain":`...)
		b = jsonw.String(b, f.Domain)
	}
	return append(b, '}')
}
