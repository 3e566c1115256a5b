package engine

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/parsers"
)

func TestExplainJSON(t *testing.T) {
	tests := map[string]struct {
		input, typ string
		wantType   string // type of the first record; "" when an error is expected
		wantError  string
	}{
		"spf":          {input: "v=spf1 -all", wantType: "spf"},
		"forced type":  {input: "10 mail.example.com.", typ: "mx", wantType: "mx"},
		"forced upper": {input: "v=spf1 -all", typ: "SPF", wantType: "spf"},
		"bad type":     {input: "v=spf1 -all", typ: "ptr", wantError: `type "ptr"`},
		"not a kind":   {input: "v=spf1 -all", typ: "unknown", wantError: `type "unknown"`},
		"empty":        {input: "", wantError: "no record"},
		"hostile":      {input: `"><script>alert(1)</script>`, wantType: "unknown"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var got struct {
				Input   string `json:"input"`
				Records []struct {
					Type string `json:"type"`
				} `json:"records"`
				Error *string `json:"error"`
			}
			out := ExplainJSON(tc.input, tc.typ, nil)
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("ExplainJSON(%q) is not JSON: %v\n%s", tc.input, err, out)
			}
			if got.Input != tc.input {
				t.Errorf("input = %q, want %q", got.Input, tc.input)
			}
			if got.Records == nil {
				t.Errorf("records is null, want a list")
			}
			if tc.wantError != "" {
				if got.Error == nil || !strings.Contains(*got.Error, tc.wantError) {
					t.Errorf("error = %v, want one containing %q", got.Error, tc.wantError)
				}
				return
			}
			if got.Error != nil {
				t.Fatalf("error = %q, want none", *got.Error)
			}
			if len(got.Records) == 0 || got.Records[0].Type != tc.wantType {
				t.Errorf("records = %+v, want first of type %q", got.Records, tc.wantType)
			}
		})
	}
}

// TestTypesJSON checks that types() lists the registry's kinds, in its
// order, each a type explain takes.
func TestTypesJSON(t *testing.T) {
	checkTypes(t, TypesJSON())
}

// checkTypes checks an answer of types() against parsers.Kinds.
func checkTypes(t *testing.T, answer string) {
	t.Helper()
	var got []map[string]string
	if err := json.Unmarshal([]byte(answer), &got); err != nil {
		t.Fatalf("types() is not a JSON list of objects: %v\n%s", err, answer)
	}
	var want []map[string]string
	for _, k := range parsers.Kinds() {
		want = append(want, map[string]string{"type": string(k.Type), "label": k.Label, "title": k.Title, "ref": k.Ref})
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("types() = %s, want %v", answer, want)
	}
	for _, k := range got {
		var ex struct {
			Error   *string `json:"error"`
			Records []struct {
				Type string `json:"type"`
			} `json:"records"`
		}
		out := ExplainJSON("x", strings.ToUpper(k["type"]), nil)
		if err := json.Unmarshal([]byte(out), &ex); err != nil || ex.Error != nil || len(ex.Records) != 1 || ex.Records[0].Type != k["type"] {
			t.Errorf("explain(%q, %q) = %.300s", "x", strings.ToUpper(k["type"]), out)
		}
	}
}

// TestJSONAsMarshal: what the engine writes by hand is what json.Marshal
// writes for the same values (the page reads either).
func TestJSONAsMarshal(t *testing.T) {
	type kind struct {
		Type  string `json:"type"`
		Label string `json:"label"`
		Title string `json:"title"`
		Ref   string `json:"ref"`
	}
	var kinds []kind
	for _, k := range parsers.Kinds() {
		kinds = append(kinds, kind{string(k.Type), k.Label, k.Title, k.Ref})
	}
	want, _ := json.Marshal(kinds)
	if got := TypesJSON(); got != string(want) {
		t.Errorf("types() = %s\nwant %s", got, want)
	}
	input := "<\u2028\xff\"\\"
	want, _ = json.Marshal(struct {
		Input   string   `json:"input"`
		Records []string `json:"records"`
		Error   string   `json:"error"`
	}{input, []string{}, "wasm: <&>"})
	if got := failJSON(input, "wasm: <&>"); got != string(want) {
		t.Errorf("failJSON = %s\nwant %s", got, want)
	}
	for _, in := range []string{"v=spf1 ip4:192.0.2.1 -all", "v=DMARC1; p=reject; rua=mailto:<a@b>", "10 mx.example.com.\n20 mx2.example.com.", pendingLine} {
		ex, err := parsers.Explain(in, parsers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(ex)
		if got := ExplainJSON(in, "", nil); got != string(want) {
			t.Errorf("ExplainJSON(%q) is not json.Marshal's:\n%s\n%s", in, got, want)
		}
	}
}

// pendingLine is a zone line only zone software can judge.
const pendingLine = "example.com. IN A 192.0.2.300"

// TestZoneSoftware: without zone software (the first engine), a line only
// it can judge is pending; with it (the lookup engine), it has the verdict.
func TestZoneSoftware(t *testing.T) {
	type answer struct {
		Records []struct {
			Valid    bool `json:"valid"`
			Pending  bool `json:"pending"`
			Findings []struct {
				Code string `json:"code"`
			} `json:"findings"`
		} `json:"records"`
	}
	var first, full answer
	if err := json.Unmarshal([]byte(ExplainJSON(pendingLine, "", nil)), &first); err != nil || len(first.Records) != 1 {
		t.Fatalf("first engine: %v %+v", err, first)
	}
	if r := first.Records[0]; !r.Pending || len(r.Findings) != 0 {
		t.Errorf("first engine: %+v, want pending and no finding", r)
	}
	if err := json.Unmarshal([]byte(ExplainJSON(pendingLine, "", zonecheck.Line)), &full); err != nil || len(full.Records) != 1 {
		t.Fatalf("lookup engine: %v %+v", err, full)
	}
	if r := full.Records[0]; r.Pending || r.Valid || len(r.Findings) != 1 || r.Findings[0].Code != parsers.CodeZoneSyntax {
		t.Errorf("lookup engine: %+v, want not pending, invalid, with %s", r, parsers.CodeZoneSyntax)
	}
}
