package spf

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"dns_lookups":`...)
	b = jsonw.Int(b, int64(f.DNSLookups))
	b = append(b, `,"nested_lookups_uncounted":`...)
	b = jsonw.Bool(b, f.NestedLookupsUncounted)
	b = append(b, `,"all":`...)
	b = jsonw.StringPtr(b, f.All)
	b = append(b, `,"redirect":`...)
	b = jsonw.StringPtr(b, f.Redirect)
	b = append(b, `,"exp":`...)
	b = jsonw.StringPtr(b, f.Exp)
	b = append(b, `,"default_result":`...)
	b = jsonw.String(b, f.DefaultResult)
	b = append(b, `,"includes":`...)
	b = jsonw.Strings(b, f.Includes)
	b = append(b, `,"ip4":`...)
	b = jsonw.Strings(b, f.IP4)
	b = append(b, `,"ip6":`...)
	b = jsonw.Strings(b, f.IP6)
	b = append(b, `,"uses_macros":`...)
	b = jsonw.Bool(b, f.UsesMacros)
	b = append(b, `,"void_lookup_risk":`...)
	b = jsonw.Bool(b, f.VoidLookupRisk)
	b = append(b, `,"permerror":`...)
	b = jsonw.Bool(b, f.PermError)
	return append(b, '}')
}
