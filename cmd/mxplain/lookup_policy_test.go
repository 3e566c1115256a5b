package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLookupPolicyFetcher: the CLI fetches MTA-STS policies natively
// (stsfetch), which refuses a name under .test before any connection: the
// report says "refused", not "unavailable" (no fetcher), and nothing left
// the machine.
func TestLookupPolicyFetcher(t *testing.T) {
	url := lookupServer(t)
	status, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "sts.test")
	var rep struct {
		MTASTS struct {
			FetchError *struct{ Kind, Message string } `json:"fetch_error"`
		} `json:"mta_sts"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("status %d, not JSON: %v\n%s\n%s", status, err, out, errOut)
	}
	if e := rep.MTASTS.FetchError; e == nil || e.Kind != "refused" || !strings.Contains(e.Message, ".test") {
		t.Errorf("fetch_error %+v, want kind refused naming .test", e)
	}
}
