package api_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/mxplain/mxplain/internal/dohtest"
	"github.com/mxplain/mxplain/web/api"
	"github.com/mxplain/mxplain/web/api/apitest"
)

var update = flag.Bool("update", false, "rewrite the example values of openapi.json from the handler's answers")

// docURL names openapi.json for the JSON Schema compiler, so that the
// response schemas' "#/components/schemas/…" references resolve in it.
const docURL = "https://mxplain.test/api/v1/openapi.json"

// openAPI fetches the document from the handler, as a client would.
func openAPI(t *testing.T, h http.Handler) (raw []byte, doc map[string]any) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", api.OpenAPIPath, nil))
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("GET %s: %d %s", api.OpenAPIPath, w.Code, w.Header().Get("Content-Type"))
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return w.Body.Bytes(), doc
}

// TestOpenAPIValid validates openapi.json against the OpenAPI 3.1 schema
// (testdata, from the OpenAPI Initiative), and every Schema Object in it
// against JSON Schema 2020-12 (by compiling it); and checks that the
// document served is the file with the registry's types added and nothing
// else: the file holds no list of types to keep up (nor a stale one), and
// is as -update writes it.
func TestOpenAPIValid(t *testing.T) {
	h, err := api.New(api.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, doc := openAPI(t, h)
	y, err := os.ReadFile("testdata/openapi-3.1-schema.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var meta any
	if err := yaml.Unmarshal(y, &meta); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("oas-3.1.json", meta); err != nil {
		t.Fatal(err)
	}
	oas, err := c.Compile("oas-3.1.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := oas.Validate(inst); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3.1 document:\n%v", err)
	}
	codes := doc["components"].(map[string]any)["schemas"].(map[string]any)["Error"].(map[string]any)["properties"].(map[string]any)["error"].(map[string]any)["properties"].(map[string]any)["code"].(map[string]any)["enum"].([]any)
	var documented []string
	for _, c := range codes {
		documented = append(documented, c.(string))
	}
	if all := append(slices.Clone(requestCodes), api.CodePolicyFetch, api.CodeUnavailable, api.CodeConfig, api.CodeInternal); !sameSet(documented, all) {
		t.Errorf("documented error codes %v, codes.go has %v", documented, all)
	}
	schemas := compiler(t, raw)
	for name := range doc["components"].(map[string]any)["schemas"].(map[string]any) {
		if _, err := schemas.Compile(docURL + "#/components/schemas/" + name); err != nil {
			t.Errorf("components.schemas.%s: %v", name, err)
		}
	}
	file, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := api.FileDoc(doc); !bytes.Equal(got, file) {
		t.Errorf("the document served, without the types' enums, is not openapi.json (%d and %d bytes): a list of types in the file, or a hand edit (go test -run OpenAPI -update writes it)", len(got), len(file))
	}
}

func compiler(t *testing.T, raw []byte) *jsonschema.Compiler {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(docURL, inst); err != nil {
		t.Fatal(err)
	}
	return c
}

// exampleRequest is an example's x-request: a request that gives it.
type exampleRequest struct {
	Query       string `json:"query"`
	ContentType string `json:"contentType"`
	Body        string `json:"body"`
	BodyHex     string `json:"bodyHex"`
}

// TestOpenAPIAnswers drives every documented operation's examples against
// the handler: each answers with the documented status, media type and
// headers, a body valid against the documented schema and holding the
// example's values; every documented status, parameter and request media
// type has an example; the handler's paths and methods are the documented
// ones.
func TestOpenAPIAnswers(t *testing.T) {
	d := apitest.StartDoH(t)
	h, err := api.New(api.Options{Resolver: d.URL(), Transport: dohtest.Transport(d.Server), Cache: api.NewMemoryCache(0),
		Policy: fakePolicy{failures: true}})
	if err != nil {
		t.Fatal(err)
	}
	raw, doc := openAPI(t, h)
	schemas := compiler(t, raw)
	paths := doc["paths"].(map[string]any)
	if *update {
		defer writeDoc(t, doc)
	}
	want := []string{api.ExplainPath, api.LookupPath, api.PolicyPath, api.HealthPath, api.OpenAPIPath}
	if got := slices.Sorted(maps.Keys(paths)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("documented paths %v, the handler answers %v", got, want)
	}
	for path, item := range paths {
		ops := item.(map[string]any)
		var methods []string
		for m := range ops {
			methods = append(methods, strings.ToUpper(m))
			if m == "get" {
				methods = append(methods, "HEAD")
			}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("OPTIONS", path, nil))
		if got := strings.Split(w.Header().Get("Allow"), ", "); !sameSet(got, methods) {
			t.Errorf("%s: Allow %v, documented %v", path, got, methods)
		}
		for method, op := range ops {
			t.Run(strings.ToUpper(method)+" "+path, func(t *testing.T) {
				checkOperation(t, h, schemas, strings.ToUpper(method), path, op.(map[string]any))
			})
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/undocumented", nil))
	if w.Code != 404 {
		t.Errorf("an undocumented path: %d, want 404", w.Code)
	}
}

func checkOperation(t *testing.T, h *api.Handler, schemas *jsonschema.Compiler, method, path string, op map[string]any) {
	usedParams := map[string]bool{}
	usedTypes := map[string]bool{}
	responses := op["responses"].(map[string]any)
	for _, code := range slices.Sorted(maps.Keys(responses)) {
		resp := responses[code].(map[string]any)
		examples := map[string]any{}
		mediaType, schemaPtr := "", ""
		for mt, media := range mapAt(resp, "content") {
			mediaType = mt
			examples = mapAt(media.(map[string]any), "examples")
			schemaPtr = "#/paths/" + strings.ReplaceAll(strings.ReplaceAll(path, "~", "~0"), "/", "~1") +
				"/" + strings.ToLower(method) + "/responses/" + code + "/content/" + strings.ReplaceAll(mt, "/", "~1") + "/schema"
		}
		if req, ok := resp["x-request"]; ok { // an answer without a body (204)
			examples["-"] = map[string]any{"x-request": req}
		}
		if len(examples) == 0 {
			t.Errorf("%s: no example", code)
		}
		var schema *jsonschema.Schema
		if schemaPtr != "" {
			var err error
			if schema, err = schemas.Compile(docURL + schemaPtr); err != nil {
				t.Fatalf("%s: %v", code, err)
			}
		}
		for name, ex := range examples {
			ex := ex.(map[string]any)
			var xr exampleRequest
			b, _ := json.Marshal(ex["x-request"])
			if err := json.Unmarshal(b, &xr); err != nil || ex["x-request"] == nil {
				t.Errorf("%s %s: no x-request (%v)", code, name, err)
				continue
			}
			q, _ := url.ParseQuery(apitest.Expand(xr.Query))
			for p := range q {
				usedParams[p] = true
			}
			if xr.ContentType != "" {
				mt, _, _ := mime.ParseMediaType(xr.ContentType)
				usedTypes[mt] = true
				if mt == "application/x-www-form-urlencoded" && strings.HasPrefix(xr.Body, "record=") {
					f, _ := url.ParseQuery(xr.Body)
					for p := range f {
						usedParams[p] = true
					}
				}
			}
			body := []byte(apitest.Expand(xr.Body))
			if xr.BodyHex != "" {
				var err error
				if body, err = hex.DecodeString(xr.BodyHex); err != nil {
					t.Fatal(err)
				}
			}
			r := httptest.NewRequest(method, path+"?"+apitest.Expand(xr.Query), bytes.NewReader(body))
			if xr.ContentType != "" {
				r.Header.Set("Content-Type", xr.ContentType)
			}
			if code == "503" {
				release := h.Hold(map[bool]string{true: "lookup", false: "explain"}[path == api.LookupPath || path == api.PolicyPath])
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				release()
				checkAnswer(t, code+" "+name, w, code, mediaType, resp, schema, ex, path == api.ExplainPath || path == api.LookupPath)
				continue
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			checkAnswer(t, code+" "+name, w, code, mediaType, resp, schema, ex, path == api.ExplainPath || path == api.LookupPath)
		}
	}
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		if name := p.(map[string]any)["name"].(string); !usedParams[name] {
			t.Errorf("parameter %s: no example uses it", name)
		}
	}
	for mt := range mapAt(mapAt(op, "requestBody"), "content") {
		if !usedTypes[mt] {
			t.Errorf("request body %s: no example sends it", mt)
		}
	}
}

func checkAnswer(t *testing.T, name string, w *httptest.ResponseRecorder, code, mediaType string, resp map[string]any, schema *jsonschema.Schema, ex map[string]any, regen bool) {
	t.Helper()
	if got := fmt.Sprint(w.Code); got != code {
		t.Errorf("%s: status %s, documented %s: %.300s", name, got, code, w.Body)
		return
	}
	for hdr := range mapAt(resp, "headers") {
		if w.Header().Get(hdr) == "" {
			t.Errorf("%s: no %s header, documented", name, hdr)
		}
	}
	if mediaType == "" {
		if w.Body.Len() != 0 {
			t.Errorf("%s: a body, documented none", name)
		}
		return
	}
	if mt, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type")); mt != mediaType {
		t.Errorf("%s: Content-Type %q, documented %s", name, w.Header().Get("Content-Type"), mediaType)
	}
	got, err := jsonschema.UnmarshalJSON(io.NopCloser(bytes.NewReader(w.Body.Bytes())))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := schema.Validate(got); err != nil {
		t.Errorf("%s: the answer does not match the documented schema: %v\n%.500s", name, err, w.Body)
	}
	value := ex["value"]
	if value == nil {
		return
	}
	var answer any
	json.Unmarshal(w.Body.Bytes(), &answer)
	if *update && regen {
		value = abridge("", answer)
		ex["value"] = value
	}
	var v any
	b, _ := json.Marshal(value)
	json.Unmarshal(b, &v)
	if inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b)); schema.Validate(inst) != nil {
		t.Errorf("%s: the example value does not match its own schema: %v", name, schema.Validate(inst))
	}
	for _, diff := range subset("", v, answer) {
		t.Errorf("%s: %s", name, diff)
	}
}

// subset lists where the example value ex is not in the answer got: every
// member of an example object must be in the answer, an example array is a
// prefix of the answer's, an example string ending in "…" stands for any
// string starting with what comes before it, and numbers (offsets, counts,
// times) are illustrations: the schema checks them.
func subset(at string, ex, got any) []string {
	switch ex := ex.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %v, the example has an object", at, got)}
		}
		var diffs []string
		for _, k := range slices.Sorted(maps.Keys(ex)) {
			gv, ok := g[k]
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s: absent from the answer", at, k))
				continue
			}
			diffs = append(diffs, subset(at+"."+k, ex[k], gv)...)
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) < len(ex) {
			return []string{fmt.Sprintf("%s: %v, the example has %d elements", at, got, len(ex))}
		}
		var diffs []string
		for i := range ex {
			diffs = append(diffs, subset(fmt.Sprintf("%s.%d", at, i), ex[i], g[i])...)
		}
		return diffs
	case float64:
		if _, ok := got.(float64); ok {
			return nil
		}
	case string:
		if prefix, ok := strings.CutSuffix(ex, "…"); ok {
			if s, isStr := got.(string); isStr && strings.HasPrefix(s, prefix) {
				return nil
			}
		}
	}
	if fmt.Sprint(ex) != fmt.Sprint(got) {
		return []string{fmt.Sprintf("%s: %v, the example has %v", at, got, ex)}
	}
	return nil
}

// abridge makes an example value of an answer: prose becomes "…" (it is
// for people and changes with the wording), and so does an unknown type's
// list of the registered ones (the served enum carries it), long arrays
// keep their first elements, and a report's mx, spf and dmarc sections
// (whose schemas are open) their plain members.
func abridge(key string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			_, finding := v["severity"]
			_, dnsError := v["kind"]
			switch {
			case k == "summary" || k == "meaning" || k == "message" && (finding || dnsError):
				out[k] = "…"
			case k == "message" && v["code"] == "bad_type":
				before, _, _ := strings.Cut(e.(string), " is not one of ")
				out[k] = before + " is not one of …"
			case (key == "mx" || key == "spf" || key == "dmarc") && isComposite(e):
			default:
				out[k] = abridge(k, e)
			}
		}
		return out
	case []any:
		keep := 2
		if key == "records" {
			keep = len(v)
		}
		out := []any{}
		for _, e := range v[:min(len(v), keep)] {
			out = append(out, abridge(key, e))
		}
		return out
	}
	return v
}

func isComposite(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// writeDoc rewrites openapi.json (go test -run OpenAPI -update), as the
// file holds it: without the record types' enums the handler adds.
func writeDoc(t *testing.T, doc map[string]any) {
	if err := os.WriteFile("openapi.json", api.FileDoc(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mapAt(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}
