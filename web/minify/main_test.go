package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/web"
)

// refs are the references package web rewrites to hashed names: "./name"
// in scripts, "/name" in the pages.
var refs = regexp.MustCompile(`"\.?/[a-z_-]+\.(js|css|wasm)"`)

// TestPageFiles minifies the page's real scripts and style sheets: each
// copy is smaller, keeps every reference package web rewrites, and is what
// web.Assets serves in its place.
func TestPageFiles(t *testing.T) {
	dir := t.TempDir()
	sources, err := filepath.Glob("../../static/*")
	if err != nil {
		t.Fatal(err)
	}
	copied := 0
	for _, src := range sources {
		if !strings.HasSuffix(src, ".js") && !strings.HasSuffix(src, ".css") && !strings.HasSuffix(src, ".html") {
			continue
		}
		body, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), body, 0o644); err != nil {
			t.Fatal(err)
		}
		copied++
	}
	if copied < 10 {
		t.Fatalf("found only %d of the page's files", copied)
	}
	var log bytes.Buffer
	if err := run([]string{"-dir", dir}, &log); err != nil {
		t.Fatalf("run: %v", err)
	}
	assets, err := web.Assets(web.Options{Assets: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	served := map[string][]byte{}
	for _, a := range assets {
		served[a.Name] = a.Body
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.[jc]s*"))
	for _, src := range files {
		if strings.HasSuffix(src, ".html") {
			continue
		}
		name := filepath.Base(src)
		body, _ := os.ReadFile(src)
		min, err := os.ReadFile(filepath.Join(dir, "gen", "min", name))
		if err != nil {
			t.Errorf("%s: no minified copy: %v", name, err)
			continue
		}
		if len(min) >= len(body)*9/10 {
			t.Errorf("%s: minified to %d bytes of %d", name, len(min), len(body))
		}
		for _, ref := range refs.FindAllString(string(body), -1) {
			if !bytes.Contains(min, []byte(ref)) {
				t.Errorf("%s: the minified copy lost the reference %s", name, ref)
			}
		}
		// Served as the copy, references rewritten to hashed names.
		if got := served[name]; len(got) > len(min)+len(min)/10 || len(got) < len(min) {
			t.Errorf("%s: web.Assets serves %d bytes, the copy has %d", name, len(got), len(min))
		}
	}
}

// TestBanner keeps Go's copyright line at the top of wasm_exec.js.
func TestBanner(t *testing.T) {
	min, err := minify("wasm_exec.js", []byte("// Copyright 2018 The Go Authors.\n\"use strict\";\nglobalThis.Go = class { run() { return 1 + 1; } };\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(min), goLicense+"\n") || !strings.Contains(string(min), "globalThis.Go=class") {
		t.Errorf("minified wasm_exec.js:\n%s", min)
	}
}

// TestSyntaxError: a script esbuild cannot parse stops the build with a
// message that names the file and the line.
func TestSyntaxError(t *testing.T) {
	_, err := minify("app.js", []byte("const a = 1;\nfunction (\n"))
	if err == nil || !strings.Contains(err.Error(), "app.js:2") {
		t.Errorf("err = %v, want one naming app.js:2", err)
	}
}
