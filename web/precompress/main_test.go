package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := "console.log('mxplain');\n"
	write("index.html", `<script src="/app.js"></script><meta content="{{resolver}}">`)
	write("app.js", app)
	write("gen/z/stale.gz", "old")
	var log bytes.Buffer
	if err := run([]string{"-dir", dir, "-resolver", "/dns-query"}, &log); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	sum := sha256.Sum256([]byte(app))
	name := hex.EncodeToString(sum[:])
	gz, err := os.ReadFile(filepath.Join(dir, "gen", "z", name+".gz"))
	if err != nil {
		t.Fatalf("no gzip variant of app.js: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || string(got) != app {
		t.Errorf("gzip variant decodes to %q, %v; want app.js", got, err)
	}
	if _, err := exec.LookPath("brotli"); err == nil {
		if _, err := os.Stat(filepath.Join(dir, "gen", "z", name+".br")); err != nil {
			t.Errorf("no brotli variant of app.js: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "gen", "z", "stale.gz")); !os.IsNotExist(err) {
		t.Errorf("stale variant kept: %v", err)
	}
	// A second run finds the variants current and keeps them.
	if err := run([]string{"-dir", dir, "-resolver", "/dns-query"}, &log); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "gen", "z", name+".gz")); err != nil {
		t.Errorf("second run removed a current variant: %v", err)
	}
}
