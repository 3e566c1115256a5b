package dmarc

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"policy":`...)
	b = jsonw.StringPtr(b, f.Policy)
	b = append(b, `,"subdomain_policy":`...)
	b = jsonw.StringPtr(b, f.SubdomainPolicy)
	b = append(b, `,"nonexistent_policy":`...)
	b = jsonw.StringPtr(b, f.NonexistentPolicy)
	b = append(b, `,"adkim":`...)
	b = jsonw.String(b, f.ADKIM)
	b = append(b, `,"aspf":`...)
	b = jsonw.String(b, f.ASPF)
	b = append(b, `,"rua":`...)
	b = jsonw.Strings(b, f.RUA)
	b = append(b, `,"ruf":`...)
	b = jsonw.Strings(b, f.RUF)
	b = append(b, `,"rua_usable":`...)
	b = jsonw.Strings(b, f.RUAUsable)
	b = append(b, `,"ruf_usable":`...)
	b = jsonw.Strings(b, f.RUFUsable)
	b = append(b, `,"testing":`...)
	b = jsonw.Bool(b, f.Testing)
	b = append(b, `,"psd":`...)
	b = jsonw.String(b, f.PSD)
	b = append(b, `,"fo":`...)
	b = jsonw.Strings(b, f.FailureOptions)
	b = append(b, `,"effective_policy":`...)
	b = jsonw.StringPtr(b, f.EffectivePolicy)
	b = append(b, `,"effective_subdomain_policy":`...)
	b = jsonw.StringPtr(b, f.EffectiveSubdomainPolicy)
	b = append(b, `,"effective_nonexistent_policy":`...)
	b = jsonw.StringPtr(b, f.EffectiveNonexistentPolicy)
	b = append(b, `,"removed_tags":`...)
	b = jsonw.Strings(b, f.RemovedTags)
	b = append(b, `,"pct":`...)
	if f.Percent == nil {
		b = jsonw.Null(b)
	} else {
		b = jsonw.Int(b, int64(*f.Percent))
	}
	return append(b, '}')
}
