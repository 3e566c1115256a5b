package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

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
