package main

import (
	"encoding/json"
	"os/exec"
	"runtime"
	"strings"
	"testing"
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
		"bad type":     {input: "v=spf1 -all", typ: "bimi", wantError: `type "bimi"`},
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

// TestNoHTTPClient keeps net/http (and its TLS and HTTP/2 stacks) out of the
// browser build; a failure names the chain of imports that brought it in.
func TestNoHTTPClient(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("needs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goCmd, "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	imports := map[string][]string{}
	var main string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
		main = f[0] // go list prints the named package last
	}
	// Breadth-first from the main package: the shortest chain to each.
	from := map[string]string{main: ""}
	queue := []string{main}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, q := range imports[p] {
			if _, seen := from[q]; !seen {
				from[q] = p
				queue = append(queue, q)
			}
		}
	}
	for _, banned := range []string{"net/http"} {
		if _, ok := from[banned]; !ok {
			continue
		}
		chain := []string{banned}
		for p := from[banned]; p != ""; p = from[p] {
			chain = append([]string{p}, chain...)
		}
		t.Errorf("the wasm build links %s: %s", banned, strings.Join(chain, " → "))
	}
}
