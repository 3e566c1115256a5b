package mx

import "github.com/mxplain/mxplain/internal/jsonw"

// AppendJSON appends the JSON of f, as encoding/json writes it.
func (f *Facts) AppendJSON(b []byte) []byte {
	if f == nil {
		return jsonw.Null(b)
	}
	b = append(b, `{"preference":`...)
	if f.Preference == nil {
		b = jsonw.Null(b)
	} else {
		b = jsonw.Int(b, int64(*f.Preference))
	}
	b = append(b, `,"exchange":`...)
	b = jsonw.String(b, f.Exchange)
	b = append(b, `,"exchange_as_written":`...)
	b = jsonw.String(b, f.ExchangeAsWritten)
	b = append(b, `,"null_mx":`...)
	b = jsonw.Bool(b, f.NullMX)
	b = append(b, `,"relative":`...)
	b = jsonw.Bool(b, f.Relative)
	b = append(b, `,"rank":`...)
	b = jsonw.Int(b, int64(f.Rank))
	b = append(b, `,"shares_load_with":`...)
	b = jsonw.Strings(b, f.SharesLoadWith)
	b = append(b, `,"set_size":`...)
	b = jsonw.Int(b, int64(f.SetSize))
	return append(b, '}')
}
