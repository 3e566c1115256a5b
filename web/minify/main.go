// Command minify writes minified copies of the page's scripts and style
// sheets into DIR/gen/min/, with esbuild (github.com/evanw/esbuild, used
// only here, at build time). `make build` runs it after the wasm is built
// and before ./web/precompress:
//
//	go run ./web/minify [-dir static]
//
// Every *.js and *.css at DIR's root and DIR/gen/wasm_exec.js is
// transformed on its own, not bundled: imports, exports, string literals
// (the "./name" and "/name" references package web rewrites to hashed
// names) and the globals of classic scripts stay as they are; whitespace,
// comments and local names go. The manifest gen/min/sources names the
// SHA-256 of the source each copy was made from: package web serves a copy
// only while its source is unchanged, so an edited file is served as it is
// until the next build.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/mxplain/mxplain/web"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "minify:", err)
		os.Exit(2)
	}
}

// goLicense is kept at the top of Go's wasm_exec.js, whose comments go
// with the rest.
const goLicense = "// Copyright 2018 The Go Authors. All rights reserved. Use of this source code is governed by a BSD-style license: https://go.dev/LICENSE"

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("minify", flag.ContinueOnError)
	dir := fs.String("dir", "static", "the page's folder (index.html, gen/)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sources, err := filepath.Glob(filepath.Join(*dir, "*.js"))
	if err != nil {
		return err
	}
	css, _ := filepath.Glob(filepath.Join(*dir, "*.css"))
	sources = append(sources, css...)
	if exec := filepath.Join(*dir, "gen", "wasm_exec.js"); exists(exec) {
		sources = append(sources, exec)
	}
	slices.Sort(sources)
	out := filepath.Join(*dir, "gen", "min")
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var manifest strings.Builder
	var before, after int
	for _, src := range sources {
		body, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		name := filepath.Base(src)
		min, err := minify(name, body)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name), min, 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		fmt.Fprintf(&manifest, "%s  %s\n", hex.EncodeToString(sum[:]), name)
		before += len(body)
		after += len(min)
	}
	if err := os.WriteFile(filepath.Join(out, web.MinifiedManifest), []byte(manifest.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(log, "minify: %d files, %d bytes → %d\n", len(sources), before, after)
	return nil
}

// minify transforms one file, named name for esbuild's messages.
func minify(name string, body []byte) ([]byte, error) {
	opt := api.TransformOptions{
		Sourcefile:        name,
		Loader:            api.LoaderJS,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8, // "…" as itself, not \u2026
		LegalComments:     api.LegalCommentsInline,
	}
	if strings.HasSuffix(name, ".css") {
		opt.Loader = api.LoaderCSS
	}
	if name == "wasm_exec.js" {
		opt.Banner = goLicense
	}
	res := api.Transform(string(body), opt)
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return nil, errors.New(strings.Join(msgs, ""))
	}
	return res.Code, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
