package tlsa

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"usage":`...)
	b = intPtr(b, f.Usage)
	b = append(b, `,"usage_name":`...)
	b = jsonw.String(b, f.UsageName)
	b = append(b, `,"selector":`...)
	b = intPtr(b, f.Selector)
	b = append(b, `,"selector_name":`...)
	b = jsonw.String(b, f.SelectorName)
	b = append(b, `,"matching_type":`...)
	b = intPtr(b, f.MatchingType)
	b = append(b, `,"matching_type_name":`...)
	b = jsonw.String(b, f.MatchingTypeName)
	b = append(b, `,"data":`...)
	b = jsonw.String(b, f.Data)
	b = append(b, `,"port":`...)
	b = intPtr(b, f.Port)
	b = append(b, `,"proto":`...)
	b = jsonw.String(b, f.Proto)
	b = append(b, `,"host":`...)
	b = jsonw.String(b, f.Host)
	b = append(b, `,"smtp":`...)
	b = jsonw.Bool(b, f.SMTP)
	b = append(b, `,"usable":`...)
	b = jsonw.Bool(b, f.Usable)
	return append(b, '}')
}

func intPtr(b []byte, p *int) []byte {
	if p == nil {
		return jsonw.Null(b)
	}
	return jsonw.Int(b, int64(*p))
}
