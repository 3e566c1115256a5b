package dkim

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, '{')
	if f.Selector != "" {
		b = append(b, `"selector":`...)
		b = jsonw.String(b, f.Selector)
		b = append(b, ',')
	}
	if f.Domain != "" {
		b = append(b, `"domain":`...)
		b = jsonw.String(b, f.Domain)
		b = append(b, ',')
	}
	b = append(b, `"key_type":`...)
	b = jsonw.String(b, f.KeyType)
	b = append(b, `,"key_bits":`...)
	b = jsonw.Int(b, int64(f.KeyBits))
	b = append(b, `,"key_format":`...)
	b = jsonw.String(b, f.KeyFormat)
	b = append(b, `,"revoked":`...)
	b = jsonw.Bool(b, f.Revoked)
	b = append(b, `,"testing":`...)
	b = jsonw.Bool(b, f.Testing)
	b = append(b, `,"strict_subdomains":`...)
	b = jsonw.Bool(b, f.StrictSubdomains)
	b = append(b, `,"hash_algorithms":`...)
	b = jsonw.Strings(b, f.HashAlgorithms)
	b = append(b, `,"hash_algorithms_listed":`...)
	b = jsonw.Bool(b, f.HashAlgorithmsListed)
	b = append(b, `,"services":`...)
	b = jsonw.Strings(b, f.Services)
	b = append(b, `,"flags":`...)
	b = jsonw.Strings(b, f.Flags)
	return append(b, '}')
}
