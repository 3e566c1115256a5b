package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

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
			out := explainJSON(tc.input, tc.typ)
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("explainJSON(%q) is not JSON: %v\n%s", tc.input, err, out)
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
	checkTypes(t, typesJSON())
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
		out := explainJSON("x", strings.ToUpper(k["type"]))
		if err := json.Unmarshal([]byte(out), &ex); err != nil || ex.Error != nil || len(ex.Records) != 1 || ex.Records[0].Type != k["type"] {
			t.Errorf("explain(%q, %q) = %.300s", "x", strings.ToUpper(k["type"]), out)
		}
	}
}

// TestNoHTTPClient keeps net/http's client, with its TLS and HTTP/2 stacks
// (about 1 MB brotli), out of the browser build. It asks the linker which
// functions are reachable (-dumpdep): a package may be imported for its
// types (golang.org/x/net/publicsuffix imports net/http/cookiejar, so
// net/http's package initialisation comes along) without its client being
// linked, and the client is what costs.
func TestNoHTTPClient(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs natively: it needs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("no go command")
	}
	cmd := exec.Command(goCmd, "build", "-ldflags=-dumpdep", "-o", filepath.Join(t.TempDir(), "app.wasm"), ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	reachable := string(out)
	for _, fn := range []string{"github.com/mxplain/mxplain/parsers.Explain", "github.com/mxplain/mxplain/inspect.Domain", "github.com/mxplain/mxplain/doh.FetchTransport.Get"} {
		if !strings.Contains(reachable, fn) {
			t.Fatalf("the linker's dependency dump does not name %s: the check would not see what the page runs", fn)
		}
	}
	for _, sym := range []string{
		"net/http.(*Client).do",
		"net/http.(*Transport).roundTrip",
		"crypto/tls.(*Conn).clientHandshake",
	} {
		for _, line := range strings.Split(reachable, "\n") {
			if strings.HasSuffix(line, "-> "+sym) {
				t.Errorf("the wasm build links %s, reached by: %s", sym, line)
				break
			}
		}
	}
}
