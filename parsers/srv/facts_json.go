package srv

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"service":`...)
	b = jsonw.String(b, f.Service)
	b = append(b, `,"proto":`...)
	b = jsonw.String(b, f.Proto)
	b = append(b, `,"domain":`...)
	b = jsonw.String(b, f.Domain)
	for _, n := range []struct {
		key string
		v   *int
	}{{`,"priority":`, f.Priority}, {`,"weight":`, f.Weight}, {`,"port":`, f.Port}} {
		b = append(b, n.key...)
		if n.v == nil {
			b = jsonw.Null(b)
		} else {
			b = jsonw.Int(b, int64(*n.v))
		}
	}
	b = append(b, `,"target":`...)
	b = jsonw.String(b, f.Target)
	b = append(b, `,"target_as_written":`...)
	b = jsonw.String(b, f.TargetAsWritten)
	b = append(b, `,"not_offered":`...)
	b = jsonw.Bool(b, f.NotOffered)
	b = append(b, `,"tls":`...)
	b = jsonw.String(b, string(f.TLS))
	b = append(b, `,"standard_port":`...)
	b = jsonw.Int(b, int64(f.StandardPort))
	b = append(b, `,"relative":`...)
	b = jsonw.Bool(b, f.Relative)
	b = append(b, `,"rank":`...)
	b = jsonw.Int(b, int64(f.Rank))
	b = append(b, `,"chance":`...)
	b = jsonw.Int(b, int64(f.Chance))
	b = append(b, `,"set_size":`...)
	b = jsonw.Int(b, int64(f.SetSize))
	return append(b, '}')
}
