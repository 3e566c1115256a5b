package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
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
