package main

import (
	"encoding/json"
	"testing"

	"github.com/mxplain/mxplain/inspect"
)

// TestWarmUp checks that the warm-up lookup finds a record for every part
// a report has (so that it runs the code of each), and that nothing fails.
func TestWarmUp(t *testing.T) {
	var rep struct {
		Error   string `json:"error"`
		Queries int    `json:"queries"`
		Parts   []struct {
			Part   string         `json:"part"`
			Status inspect.Status `json:"status"`
		} `json:"parts"`
	}
	out := warmUp()
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %.300s", err, out)
	}
	if rep.Error != "" || rep.Queries < 20 {
		t.Fatalf("error %q after %d queries", rep.Error, rep.Queries)
	}
	if len(rep.Parts) == 0 {
		t.Fatal("no parts")
	}
	for _, p := range rep.Parts {
		if p.Status == inspect.StatusMissing {
			t.Errorf("part %s found no record", p.Part)
		}
	}
}
