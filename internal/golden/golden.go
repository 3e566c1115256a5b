// Package golden compares test output with files under testdata/ and rewrites
// them when the test binary runs with -update, as go/printer's tests do.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/ with the current output")

// Check compares got with the golden file at path, or writes got there when
// the test runs with -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// JSON marshals v as indented JSON with a final newline and checks it against
// the golden file at path.
func JSON(t testing.TB, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	CheckAppendJSON(t, v)
	Check(t, path, append(got, '\n'))
}

// appender is a value with a hand-written JSON encoder (explain.Record,
// explain.Explanation, …), which must write what encoding/json writes.
type appender interface{ AppendJSON([]byte) []byte }

// CheckAppendJSON fails the test when v (or each element of v, a slice)
// has an AppendJSON method, on itself or its pointer, whose output is not
// byte for byte json.Marshal's.
func CheckAppendJSON(t testing.TB, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	rv := reflect.ValueOf(v)
	var got []byte
	if a, ok := appenderOf(rv); ok {
		got = a.AppendJSON(nil)
	} else if rv.Kind() == reflect.Slice && !rv.IsNil() {
		got = append(got, '[')
		for i := range rv.Len() {
			a, ok := appenderOf(rv.Index(i))
			if !ok {
				return
			}
			if i > 0 {
				got = append(got, ',')
			}
			got = a.AppendJSON(got)
		}
		got = append(got, ']')
	} else {
		return
	}
	if string(got) != string(want) {
		t.Errorf("AppendJSON differs from json.Marshal:\n--- AppendJSON\n%s\n--- json.Marshal\n%s", got, want)
	}
}

func appenderOf(rv reflect.Value) (appender, bool) {
	if !rv.IsValid() {
		return nil, false
	}
	if a, ok := rv.Interface().(appender); ok {
		return a, true
	}
	p := reflect.New(rv.Type())
	p.Elem().Set(rv)
	a, ok := p.Interface().(appender)
	return a, ok
}

// Files lists the files of testdata matching pattern (a filepath.Match
// pattern) and fails the test when there are none: a golden test with no
// cases would pass having checked nothing.
func Files(t testing.TB, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no testdata/%s", pattern)
	}
	return paths
}
