// Package testshared finds ../shared, the folder beside the repository that
// holds the RFCs, the seed article and public conformance data, for tests
// that read them in place (they are never copied into the repository).
package testshared

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of rel inside ../shared, or skips the test, saying so
// plainly, when ../shared is not beside the repository.
func Path(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testshared: no go.mod above the test's directory")
		}
		dir = parent
	}
	p := filepath.Join(filepath.Dir(dir), "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("SKIPPED: %s is not there (../shared must sit beside the repository): %v", p, err)
	}
	return p
}
