package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLookupBIMISelector: --bimi-selector names the BIMI record looked up
// instead of default._bimi, and one that is no selector is a usage error.
func TestLookupBIMISelector(t *testing.T) {
	url := lookupServer(t)
	status, out, errOut := runT(t, "", "lookup", "--json", "--resolver", url, "--bimi-selector", "Brand", "bimi.test")
	var rep struct {
		BIMI struct {
			Selector, Logo string
			Eligible       bool
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("status %d, not JSON: %v\n%s\n%s", status, err, out, errOut)
	}
	if rep.BIMI.Selector != "brand" || rep.BIMI.Logo != "https://bimi.test/brand.svg" || !rep.BIMI.Eligible {
		t.Errorf("bimi %+v", rep.BIMI)
	}
	if status, _, errOut := runT(t, "", "lookup", "--resolver", url, "--bimi-selector", "my_brand", "bimi.test"); status != exitUsage || !strings.Contains(errOut, "--bimi-selector") {
		t.Errorf("status %d, stderr %q", status, errOut)
	}
}
