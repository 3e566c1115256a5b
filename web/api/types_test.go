package api_test

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/web/api"
)

// TestExplainTypes checks that type= takes its names from the registry of
// kinds (parsers.Kinds), in any case, that a 400 for another names them
// all, and that the openapi.json served documents exactly those names (as written and
// upper-case) wherever it lists type's values.
func TestExplainTypes(t *testing.T) {
	h, err := api.New(api.Options{})
	if err != nil {
		t.Fatal(err)
	}
	names := parsers.TypeNames()
	get := func(typ string) (int, string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", api.ExplainPath+"?record=x&type="+url.QueryEscape(typ), nil))
		return w.Code, w.Body.String()
	}
	for _, name := range names {
		for _, typ := range []string{name, strings.ToUpper(name)} {
			if code, body := get(typ); code != 200 || !strings.Contains(body, `"type":"`+name+`"`) {
				t.Errorf("type=%s: %d %.200s", typ, code, body)
			}
		}
	}
	if code, body := get("unknown"); code != 400 || !strings.Contains(body, strings.Join(names, ", ")) {
		t.Errorf("type=unknown: %d %s, want a 400 naming %v", code, body, names)
	}

	_, doc := openAPI(t, h)
	want := append(slices.Clone(names), upper(names)...)
	found := 0
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			params, _ := op.(map[string]any)["parameters"].([]any)
			for _, p := range params {
				p := p.(map[string]any)
				if p["name"] != "type" {
					continue
				}
				found++
				b, _ := json.Marshal(p["schema"].(map[string]any)["enum"])
				var got []string
				json.Unmarshal(b, &got)
				if !sameSet(got, want) {
					t.Errorf("%s %s: type's enum %v, the registry's names are %v", method, path, got, want)
				}
			}
		}
	}
	if found == 0 {
		t.Error("openapi.json documents no type parameter")
	}
	if b, _ := json.Marshal(doc["components"].(map[string]any)["schemas"].(map[string]any)["ExplainRequest"].(map[string]any)["properties"].(map[string]any)["type"].(map[string]any)["enum"]); !strings.Contains(string(b), `"`+names[len(names)-1]+`"`) {
		t.Errorf("ExplainRequest.type's enum %s lacks the registry's types", b)
	}
}

func upper(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, strings.ToUpper(n))
	}
	return out
}
