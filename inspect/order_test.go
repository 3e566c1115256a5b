package inspect_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/mxplain/mxplain/inspect"
)

// TestStableOrder: a report is the same whatever order the resolver sends
// each answer's records in: MX hosts by preference then name, addresses,
// TXT records and the key chosen among several sorted.
func TestStableOrder(t *testing.T) {
	report := func(shuffle bool) string {
		r := inspect.Domain(context.Background(), hostileClient(t, shuffle), "order.test", inspect.Options{Selectors: []string{"s1"}, NoProbe: true})
		r.ElapsedMS = 0
		b, err := json.MarshalIndent(r, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := report(false)
	var r inspect.Report
	if err := json.Unmarshal([]byte(want), &r); err != nil {
		t.Fatal(err)
	}
	var hosts []string
	for _, h := range r.MX.Hosts {
		hosts = append(hosts, h.Exchange)
	}
	if len(hosts) != 4 || hosts[0] != "c.order.test." || hosts[1] != "a.order.test." || hosts[2] != "b.order.test." || hosts[3] != "d.order.test." {
		t.Errorf("hosts %v, want c, a, b, d", hosts)
	}
	for i := range 8 {
		if got := report(true); got != want {
			t.Fatalf("shuffled answers, run %d: the report differs\n%s\nwant\n%s", i, got, want)
		}
	}
}
