package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// section encodes a section of the binary format.
func section(id byte, body ...byte) []byte {
	return append([]byte{id, byte(len(body))}, body...) // bodies under 128 bytes
}

// str encodes a name: its length, then its bytes.
func str(s string) []byte { return append([]byte{byte(len(s))}, s...) }

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// module is a small module: a function import and a memory import, two
// functions named in a name section, a data section.
func module() []byte {
	imports := cat([]byte{2}, str("go"), str("f"), []byte{0, 0}, str("go"), str("mem"), []byte{2, 0, 1})
	code := cat([]byte{2}, []byte{2, 0x00, 0x0b}, []byte{4, 0x01, 0x01, 0x7f, 0x0b})
	names := cat(str("name"), []byte{1}, []byte{byte(len(cat([]byte{2}, []byte{1}, str("github.com_x_y.(*T).f"), []byte{2}, str("runtime.g"))))},
		[]byte{2}, []byte{1}, str("github.com_x_y.(*T).f"), []byte{2}, str("runtime.g"))
	return cat([]byte("\x00asm\x01\x00\x00\x00"), section(2, imports...), section(10, code...), section(11, 1, 2, 3), section(0, names...))
}

func TestFunctions(t *testing.T) {
	fs, data, err := functions(module())
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].name != "github.com_x_y.(*T).f" || fs[0].size != 2 || fs[1].name != "runtime.g" || fs[1].size != 4 {
		t.Errorf("functions = %+v", fs)
	}
	if !bytes.Equal(data, []byte{1, 2, 3}) {
		t.Errorf("data = %v", data)
	}
	var out bytes.Buffer
	if err := report(&out, module(), 10, 1); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"code: 2 functions, 6 bytes", "github.com_x_y\n", "runtime\n", "4  runtime.g"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestPackageOf(t *testing.T) {
	for name, want := range map[string]string{
		"github.com_mxplain_mxplain_parsers_spf.(*parser).record": "github.com_mxplain_mxplain_parsers_spf",
		"golang.org_x_net_idna.ToASCII":                           "golang.org_x_net_idna",
		"runtime.mallocgc":                                        "runtime",
		"internal_strconv.fmtX":                                   "internal_strconv",
		"wasm_pc_f_loop":                                          "wasm_pc_f_loop",
	} {
		if got := packageOf(name); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCutShort(t *testing.T) {
	m := module()
	for n := 8; n < len(m); n++ {
		functions(m[:n]) // an error or a partial answer, never a panic
	}
	if _, _, err := functions(cat([]byte("\x00asm\x01\x00\x00\x00"), section(10, 0))); err == nil {
		t.Error("a module without names: no error")
	}
}

// TestExplainEngine runs it on the page's first engine, built with names.
func TestExplainEngine(t *testing.T) {
	if runtime.GOOS == "js" || testing.Short() {
		t.Skip("builds the explain engine with the go command")
	}
	wasm := filepath.Join(t.TempDir(), "explain.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-o", wasm, "../../../wasm/explain")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	m, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := report(&out, m, 100, 0); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{" runtime\n", " github.com_mxplain_mxplain_parsers_spf\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
