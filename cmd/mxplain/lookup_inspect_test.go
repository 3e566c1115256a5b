package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh/zoneserver"
)

// TestLookupClock: SPF's %{t} expands to the time of the lookup (the
// options come from inspect.NewOptions, as in every front end).
func TestLookupClock(t *testing.T) {
	url := lookupServer(t)
	before := time.Now()
	_, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "--ip", "192.0.2.1", "clock.spf.test")
	after := time.Now()
	var rep struct {
		SPF struct {
			Check struct{ Explanation string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s\n%s", err, out, errOut)
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(rep.SPF.Check.Explanation, "checked at "), 10, 64)
	if err != nil || n < before.Unix() || n > after.Unix() {
		t.Errorf("explanation %q, want the time of the lookup (%d)", rep.SPF.Check.Explanation, before.Unix())
	}
}

// TestLookupCheckQueryFailed: a query only the SPF check asks gets a
// malformed answer (garbage, or the wrong media type): the report lists
// it, and lookup exits 2 as for every failed query.
func TestLookupCheckQueryFailed(t *testing.T) {
	for _, kind := range []zoneserver.FaultKind{zoneserver.FaultGarbage, zoneserver.FaultContentType} {
		t.Run(string(kind), func(t *testing.T) {
			url := lookupServer(t, zoneserver.Fault{Name: "192.0.2.1._e.spf.test.", Kind: kind})
			status, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "--ip", "192.0.2.1", "onlycheck.spf.test")
			if status != exitUsage || !strings.Contains(errOut, "incomplete") {
				t.Errorf("status %d, stderr %q", status, errOut)
			}
			var rep struct {
				Errors []struct{ Part, Name, Kind string }
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if len(rep.Errors) != 1 || rep.Errors[0].Name != "192.0.2.1._e.spf.test." || rep.Errors[0].Kind != "malformed" {
				t.Errorf("errors %+v", rep.Errors)
			}
		})
	}
}
