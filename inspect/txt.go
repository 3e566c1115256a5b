package inspect

import (
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
)

// explainTXT explains every TXT record of res, the answer for name, as a
// record of kind k, and returns them, how many count (k.Counted: those
// that start with the kind's version; receivers discard the others) and
// the one receivers use: the only one that counts, or -1 when none or
// several do (then each gets k.Multiple).
func explainTXT(res *doh.Result, name string, k *explain.Kind) (recs []explain.Record, counted, used int) {
	recs = []explain.Record{}
	var kept []int
	for _, v := range res.TXT() {
		ctx := explain.Context{Owner: name}
		rec := k.Explain(v, ctx)
		k.Propose(&rec, ctx)
		ttl := res.TTL
		rec.TTL, rec.RRType = &ttl, "TXT"
		recs = append(recs, rec)
		if k.Counted == nil || k.Counted(v) {
			kept = append(kept, len(recs)-1)
		}
	}
	if len(kept) == 1 {
		return recs, 1, kept[0]
	}
	if k.Multiple != nil && len(kept) > 1 {
		for _, i := range kept {
			recs[i].Add(k.Multiple(recs[i].Span, len(kept)))
		}
	}
	return recs, len(kept), -1
}
