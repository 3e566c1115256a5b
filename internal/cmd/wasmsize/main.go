// Command wasmsize says which Go packages a wasm module's code comes from,
// to find what to take out of the page's engines:
//
//	GOOS=js GOARCH=wasm go build -trimpath -gcflags=all=-l -o /tmp/e.wasm ./wasm/explain
//	go run ./internal/cmd/wasmsize [-n 40] [-funcs 0] /tmp/e.wasm
//
// Build without -ldflags=-s: the linker's name section names each
// function. For each package it prints its functions' code bytes and
// those bytes compressed together with DEFLATE (level 9): relative
// figures, since brotli compresses the whole file with more context. The
// data section (strings, tables, the runtime's metadata) is counted as a
// whole; the linker names no data.
package main

import (
	"bytes"
	"cmp"
	"compress/flate"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/wasmdata"
)

// Section ids and the import kind of the binary format.
const (
	sectionCustom = 0
	sectionImport = 2
	sectionCode   = 10
	sectionData   = 11
	importFunc    = 0
)

// function is one function body of the code section and its name.
type function struct {
	name string
	size int
	body []byte
}

// pkg is the code of one package.
type pkg struct {
	name       string
	funcs      []function
	raw, flate int
}

func main() {
	top := flag.Int("n", 40, "print the `N` largest packages")
	funcs := flag.Int("funcs", 0, "also print the `N` largest functions")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-n N] [-funcs N] module.wasm")
		os.Exit(2)
	}
	module, err := os.ReadFile(flag.Arg(0))
	if err == nil {
		err = report(os.Stdout, module, *top, *funcs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

// report writes the sizes of module's packages (the top largest by
// compressed size) and of its largest functions.
func report(w io.Writer, module []byte, top, funcs int) error {
	fs, data, err := functions(module)
	if err != nil {
		return err
	}
	byName := map[string]*pkg{}
	var pkgs []*pkg
	for _, f := range fs {
		name := packageOf(f.name)
		p := byName[name]
		if p == nil {
			p = &pkg{name: name}
			byName[name] = p
			pkgs = append(pkgs, p)
		}
		p.funcs = append(p.funcs, f)
		p.raw += f.size
	}
	code, compressed := 0, 0
	for _, p := range pkgs {
		var all []byte
		for _, f := range p.funcs {
			all = append(all, f.body...)
		}
		p.flate = deflated(all)
		code += p.raw
		compressed += p.flate
	}
	slices.SortFunc(pkgs, func(a, b *pkg) int { return cmp.Or(cmp.Compare(b.flate, a.flate), strings.Compare(a.name, b.name)) })
	fmt.Fprintf(w, "code: %d functions, %d bytes, %d deflated by package; data section: %d bytes, %d deflated\n",
		len(fs), code, compressed, len(data), deflated(data))
	fmt.Fprintf(w, "%10s %10s %6s  %s\n", "deflated", "raw", "funcs", "package")
	for _, p := range pkgs[:min(top, len(pkgs))] {
		fmt.Fprintf(w, "%10d %10d %6d  %s\n", p.flate, p.raw, len(p.funcs), p.name)
	}
	if funcs > 0 {
		slices.SortFunc(fs, func(a, b function) int { return cmp.Or(cmp.Compare(b.size, a.size), strings.Compare(a.name, b.name)) })
		fmt.Fprintf(w, "\n%10s  %s\n", "raw", "function")
		for _, f := range fs[:min(funcs, len(fs))] {
			fmt.Fprintf(w, "%10d  %s\n", f.size, f.name)
		}
	}
	return nil
}

// functions reads the module's function bodies with their names (from the
// name section; "func N" without one) and its data section's body.
func functions(module []byte) (fs []function, data []byte, err error) {
	sections, err := wasmdata.Sections(module)
	if err != nil {
		return nil, nil, err
	}
	imported := 0
	names := map[int]string{}
	var bodies [][]byte
	for _, s := range sections {
		switch s.ID {
		case sectionImport:
			if imported, err = importedFuncs(s.Body); err != nil {
				return nil, nil, err
			}
		case sectionCode:
			if bodies, err = vector(s.Body); err != nil {
				return nil, nil, fmt.Errorf("code section: %w", err)
			}
		case sectionData:
			data = s.Body
		case sectionCustom:
			if err := readNames(s.Body, names); err != nil {
				return nil, nil, err
			}
		}
	}
	if len(names) == 0 {
		return nil, nil, errors.New("the module has no function names: build it without -ldflags=-s")
	}
	for i, b := range bodies {
		name, ok := names[imported+i]
		if !ok {
			name = fmt.Sprintf("func %d", imported+i)
		}
		fs = append(fs, function{name: name, size: len(b), body: b})
	}
	return fs, data, nil
}

// packageOf is the package of a function as Go's linker names it in wasm,
// with "_" for "/" in the path: "github.com_mxplain_mxplain_parsers_spf"
// for "github.com_mxplain_mxplain_parsers_spf.(*parser).record".
func packageOf(name string) string {
	rest, host := name, ""
	for _, h := range []string{"github.com_", "golang.org_"} {
		if strings.HasPrefix(name, h) {
			rest, host = name[len(h):], h
		}
	}
	if i := strings.IndexByte(rest, '.'); i > 0 {
		rest = rest[:i]
	}
	return host + rest
}

// deflated is the length of b compressed with DEFLATE, level 9.
func deflated(b []byte) int {
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	w.Write(b)
	w.Close()
	return out.Len()
}

// importedFuncs counts the function imports of an import section: they
// come first in the function index space.
func importedFuncs(body []byte) (int, error) {
	n, p, err := wasmdata.ULEB(body)
	if err != nil {
		return 0, fmt.Errorf("import section: %w", err)
	}
	funcs := 0
	for range n {
		if p > len(body) {
			return 0, errors.New("import section: cut short")
		}
		for range 2 { // module and field names
			l, k, err := wasmdata.ULEB(body[p:])
			if err != nil || uint64(len(body)-p-k) < l {
				return 0, errors.New("import section: a name is cut short")
			}
			p += k + int(l)
		}
		if p >= len(body) {
			return 0, errors.New("import section: cut short")
		}
		kind := body[p]
		p++
		var err error
		switch kind {
		case importFunc:
			funcs++
			_, k, e := wasmdata.ULEB(body[p:]) // type index
			p, err = p+k, e
		case 1: // table: element type, limits
			p, err = limits(body, p+1)
		case 2: // memory: limits
			p, err = limits(body, p)
		case 3: // global: value type, mutability
			p += 2
		default:
			err = fmt.Errorf("import kind %d", kind)
		}
		if err != nil {
			return 0, fmt.Errorf("import section: %w", err)
		}
	}
	return funcs, nil
}

// limits skips the limits at body[p:] (a flag, a minimum, a maximum when
// the flag says so) and returns the offset after them.
func limits(body []byte, p int) (int, error) {
	if p >= len(body) {
		return 0, errors.New("limits cut short")
	}
	flag := body[p]
	p++
	for range 1 + int(flag&1) {
		_, k, err := wasmdata.ULEB(body[p:])
		if err != nil {
			return 0, err
		}
		p += k
	}
	return p, nil
}

// vector reads a vector of byte strings (a count, then each with its
// length): the code section's bodies, a name map's names.
func vector(body []byte) ([][]byte, error) {
	n, p, err := wasmdata.ULEB(body)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for range n {
		l, k, err := wasmdata.ULEB(body[p:])
		if err != nil || uint64(len(body)-p-k) < l {
			return nil, errors.New("an entry is cut short")
		}
		out = append(out, body[p+k:p+k+int(l)])
		p += k + int(l)
	}
	return out, nil
}

// readNames adds the function names of a custom section named "name"
// (subsection 1, a map of function index to name) to names; other custom
// sections are skipped.
func readNames(body []byte, names map[int]string) error {
	l, k, err := wasmdata.ULEB(body)
	if err != nil || uint64(len(body)-k) < l || string(body[k:k+int(l)]) != "name" {
		return nil // another custom section
	}
	p := k + int(l)
	for p < len(body) {
		id := body[p]
		size, k, err := wasmdata.ULEB(body[p+1:])
		if err != nil || uint64(len(body)-p-1-k) < size {
			return errors.New("name section: a subsection is cut short")
		}
		sub := body[p+1+k : p+1+k+int(size)]
		p += 1 + k + int(size)
		if id != 1 {
			continue
		}
		n, q, err := wasmdata.ULEB(sub)
		if err != nil {
			return fmt.Errorf("name section: %w", err)
		}
		for range n {
			idx, k, err := wasmdata.ULEB(sub[q:])
			if err != nil {
				return fmt.Errorf("name section: %w", err)
			}
			q += k
			l, k, err := wasmdata.ULEB(sub[q:])
			if err != nil || uint64(len(sub)-q-k) < l {
				return errors.New("name section: a name is cut short")
			}
			names[int(idx)] = string(sub[q+k : q+k+int(l)])
			q += k + int(l)
		}
	}
	return nil
}
