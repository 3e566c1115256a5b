package wasmdata

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// module is a wasm module with a custom section, the data section of segs
// and another custom section after it.
func module(data []byte) []byte {
	m := []byte("\x00asm\x01\x00\x00\x00")
	m = appendSection(m, 0, []byte("\x04name-before"))
	m = appendSection(m, sectionData, data)
	return appendSection(m, 0, []byte("\x05after"))
}

func TestMerge(t *testing.T) {
	segs := []Segment{
		{Offset: 1 << 20, Data: []byte("far")}, // out of order, as Go's sections are
		{Offset: 16, Data: []byte("ab")},
		{Offset: 20, Data: []byte("cd")},  // 2 bytes after
		{Offset: 200, Data: []byte("ef")}, // 178 after: kept apart at gap 128
		{Offset: 1<<31 + 5, Data: []byte("high")},
	}
	in := module(WriteSegments(segs))
	out, st, err := Merge(in, 128)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Before: 5, After: 4}) {
		t.Errorf("stats %+v, want 5 → 4", st)
	}
	got := dataOf(t, out)
	want := []Segment{{16, []byte("ab\x00\x00cd")}, {200, []byte("ef")}, {1 << 20, []byte("far")}, {1<<31 + 5, []byte("high")}}
	if len(got) != len(want) {
		t.Fatalf("segments %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Offset != want[i].Offset || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("segment %d = %d %q, want %d %q", i, got[i].Offset, got[i].Data, want[i].Offset, want[i].Data)
		}
	}
	if !bytes.HasSuffix(out, appendSection(nil, 0, []byte("\x05after"))) || !bytes.Contains(out, []byte("name-before")) {
		t.Error("the other sections were not kept")
	}
	if all, _, _ := Merge(in, 1<<30); len(dataOf(t, all)) != 2 {
		t.Errorf("gap 1 GiB: %d segments, want 2 (the one past 2 GiB stays apart)", len(dataOf(t, all)))
	}
}

// dataOf reads the data section of a module Merge wrote.
func dataOf(t *testing.T, m []byte) []Segment {
	t.Helper()
	body := dataSection(m)
	if body == nil {
		t.Fatal("no data section")
	}
	segs, err := ReadSegments(body)
	if err != nil {
		t.Fatal(err)
	}
	return segs
}

func TestRefusals(t *testing.T) {
	for name, tc := range map[string]struct {
		module []byte
		want   string
	}{
		"not wasm":   {[]byte("\x7fELF...."), "not a WebAssembly module"},
		"passive":    {module([]byte("\x01\x01\x02ab")), "flags 1 (passive"},
		"memory 1":   {module([]byte("\x01\x02\x01\x41\x00\x0b\x01a")), "flags 2"},
		"global.get": {module([]byte("\x01\x00\x23\x00\x0b\x01a")), "not an i32.const"},
		"two instrs": {module([]byte("\x01\x00\x41\x00\x41\x00\x0b\x01a")), "more than one i32.const"},
		"overlap":    {module(WriteSegments([]Segment{{0, []byte("abc")}, {2, []byte("x")}})), "overlap"},
		"cut":        {module([]byte("\x01\x00\x41\x00\x0b\x05ab")), "past the end of the section"},
		"trailing":   {module([]byte("\x01\x00\x41\x00\x0b\x01ab")), "1 bytes after its 1 segments"},
		"datacount":  {appendSection([]byte("\x00asm\x01\x00\x00\x00"), sectionDataCount, []byte{1}), "data count section"},
		"section":    {[]byte("\x00asm\x01\x00\x00\x00\x0b\x10ab"), "past the end"},
		"bad leb":    {module([]byte("\x01\x00\x41\xff\xff\xff\xff\xff\xff\x0b\x01a")), "LEB128"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := Merge(tc.module, 128)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestLEB(t *testing.T) {
	for _, v := range []int64{0, 1, 63, 64, -1, -64, -65, 127, 128, 1<<31 - 1, -1 << 31} {
		b := appendSLEB(nil, v)
		got, n, err := sleb32(b)
		if err != nil || got != v || n != len(b) {
			t.Errorf("sleb %d: %x → %d, %d, %v", v, b, got, n, err)
		}
	}
	for _, v := range []uint64{0, 127, 128, 1<<32 - 1} {
		b := appendULEB(nil, v)
		got, n, err := ULEB(b)
		if err != nil || got != v || n != len(b) {
			t.Errorf("uleb %d: %x → %d, %d, %v", v, b, got, n, err)
		}
	}
}

// TestGoModule packs a Go program built for GOOS=js and runs both under
// node: same memory image, same output.
func TestGoModule(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs natively: it needs the go command and node")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	prog := "package main\n\nimport \"fmt\"\n\nvar table = map[string]int{\"one\": 1, \"two\": 2}\n\nfunc main() { fmt.Println(\"hello\", table[\"two\"], len(fmt.Sprint(table))) }\n"
	if err := os.WriteFile(src, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "hello.wasm")
	build := exec.Command("go", "build", "-o", bin, src)
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	packed, st, err := Merge(in, 128)
	if err != nil {
		t.Fatal(err)
	}
	if st.After >= st.Before {
		t.Errorf("%d segments → %d: nothing merged", st.Before, st.After)
	}
	if !bytes.Equal(Memory(sorted(t, dataOf(t, packed))), Memory(sorted(t, dataOf(t, in)))) {
		t.Error("the packed module's memory differs")
	}
	packedBin := filepath.Join(dir, "packed.wasm")
	if err := os.WriteFile(packedBin, packed, 0o644); err != nil {
		t.Fatal(err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	run := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")
	for _, b := range []string{bin, packedBin} {
		out, err := exec.Command(run, b).CombinedOutput()
		if err != nil || string(out) != "hello 2 16\n" {
			t.Errorf("%s: %v, output %q", filepath.Base(b), err, out)
		}
	}
}

func sorted(t *testing.T, segs []Segment) []Segment {
	t.Helper()
	if err := sortSegments(segs); err != nil {
		t.Fatal(err)
	}
	return segs
}

// FuzzMerge: no input makes Merge panic, and whatever it merges keeps the
// memory image.
func FuzzMerge(f *testing.F) {
	f.Add(module(WriteSegments([]Segment{{16, []byte("ab")}, {20, []byte("cd")}})), 4)
	f.Add(module([]byte("\x01\x01\x02ab")), 0)
	f.Fuzz(func(t *testing.T, m []byte, gap int) {
		if gap < 0 || gap > 1<<16 {
			return
		}
		out, _, err := Merge(m, gap)
		if err != nil {
			return
		}
		before, after := dataSection(m), dataSection(out)
		if before == nil {
			return
		}
		a, errA := ReadSegments(before)
		b, errB := ReadSegments(after)
		if errA != nil || errB != nil {
			t.Fatalf("merged a module whose data section does not read back: %v, %v", errA, errB)
		}
		_ = sortSegments(a)
		if end(a) > 1<<20 {
			return // too large a memory to compare
		}
		if !bytes.Equal(Memory(a), Memory(b)) {
			t.Fatal("the memory image changed")
		}
	})
}

// dataSection is the body of m's data section, or nil.
func dataSection(m []byte) []byte {
	sections, err := Sections(m)
	if err != nil {
		return nil
	}
	for _, sec := range sections {
		if sec.ID == sectionData {
			return sec.Body
		}
	}
	return nil
}

func end(segs []Segment) uint64 {
	var e uint64
	for _, s := range segs {
		e = max(e, uint64(s.Offset)+uint64(len(s.Data)))
	}
	return e
}
