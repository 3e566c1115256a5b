// Command precompress writes the brotli and gzip variants of every file the
// web handler serves into DIR/gen/z/, named by the SHA-256 of the bytes they
// encode (see package web). `make build` runs it after the wasm is built:
//
//	go run ./web/precompress [-dir static] [-resolver URL]...
//
// Gzip is Go's compress/gzip at its best compression; brotli is Debian's
// `brotli` command at quality 11 (Go's standard library has no brotli
// encoder). Without that command only gzip variants are written, and it
// says so. Variants no longer used are removed.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/mxplain/mxplain/web"
)

type resolvers []string

func (r *resolvers) String() string     { return strings.Join(*r, ",") }
func (r *resolvers) Set(s string) error { *r = append(*r, s); return nil }

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(2)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("precompress", flag.ContinueOnError)
	dir := fs.String("dir", "static", "the page's folder (index.html, gen/)")
	var res resolvers
	fs.Var(&res, "resolver", "a resolver the page may be served with (repeatable; index.html differs by it)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(res) == 0 {
		res = resolvers{web.DefaultResolver, "/dns-query"}
	}
	zdir := filepath.Join(*dir, "gen", "z")
	if err := os.MkdirAll(zdir, 0o755); err != nil {
		return err
	}
	brotli, err := exec.LookPath("brotli")
	if err != nil {
		fmt.Fprintln(log, "precompress: no brotli command (apt-get install brotli): writing gzip variants only")
		brotli = ""
	}
	keep := map[string]bool{}
	var raw, gz, br int
	for _, r := range res {
		assets, err := web.Assets(web.Options{Assets: os.DirFS(*dir), Resolver: r})
		if err != nil {
			return err
		}
		for _, a := range assets {
			if keep[a.Sum+".gz"] {
				continue
			}
			keep[a.Sum+".gz"] = true
			raw += len(a.Body)
			if brotli != "" {
				keep[a.Sum+".br"] = true
			}
			// Variants are named by content: ones already there are current.
			if g, b, ok := existing(zdir, a.Sum, brotli != ""); ok {
				gz += g
				br += b
				continue
			}
			g, err := gzipBytes(a.Body)
			if err != nil {
				return err
			}
			gz += len(g)
			if err := os.WriteFile(filepath.Join(zdir, a.Sum+".gz"), g, 0o644); err != nil {
				return err
			}
			if brotli == "" {
				continue
			}
			cmd := exec.Command(brotli, "-q", "11", "-c")
			cmd.Stdin = bytes.NewReader(a.Body)
			var out, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("brotli %s: %w: %s", a.Name, err, stderr.String())
			}
			br += out.Len()
			if err := os.WriteFile(filepath.Join(zdir, a.Sum+".br"), out.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	entries, err := os.ReadDir(zdir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !keep[e.Name()] {
			if err := os.Remove(filepath.Join(zdir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	fmt.Fprintf(log, "precompress: %d bytes raw, %d gzip, %d brotli\n", raw, gz, br)
	return nil
}

// existing reports the sizes of the variants of sum already in zdir.
func existing(zdir, sum string, wantBr bool) (gz, br int, ok bool) {
	g, err := os.Stat(filepath.Join(zdir, sum+".gz"))
	if err != nil {
		return 0, 0, false
	}
	if !wantBr {
		return int(g.Size()), 0, true
	}
	b, err := os.Stat(filepath.Join(zdir, sum+".br"))
	if err != nil {
		return 0, 0, false
	}
	return int(g.Size()), int(b.Size()), true
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
