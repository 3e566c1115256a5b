package mx

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers/explain"
)

// goldenCase is one testdata/*.mx file: "# owner:" and "# origin:" lines set
// the context; every other non-empty line is one MX value of the set.
type goldenCase struct {
	name   string
	ctx    explain.Context
	values []string
}

func readCases(t testing.TB) []goldenCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.mx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no testdata/*.mx cases")
	}
	var cs []goldenCase
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		c := goldenCase{name: strings.TrimSuffix(filepath.Base(p), ".mx")}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "# owner: "):
				c.ctx.Owner = strings.TrimPrefix(line, "# owner: ")
			case strings.HasPrefix(line, "# origin: "):
				c.ctx.Origin = strings.TrimPrefix(line, "# origin: ")
			case line != "":
				c.values = append(c.values, line)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	return cs
}

func TestGolden(t *testing.T) {
	for _, c := range readCases(t) {
		t.Run(c.name, func(t *testing.T) {
			recs := ExplainSet(c.values, c.ctx)
			for i, r := range recs {
				if err := r.CheckSpans(len(c.values[i])); err != nil {
					t.Errorf("record %d: %v", i, err)
				}
			}
			golden.JSON(t, filepath.Join("testdata", c.name+".golden.json"), recs)
		})
	}
}

// TestGoldenCoversCodes fails when a finding code appears in no golden file.
func TestGoldenCoversCodes(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, code := range allCodes {
		t.Run(code, func(t *testing.T) {
			if !strings.Contains(all.String(), `"code": "`+code+`"`) {
				t.Errorf("no golden file shows %s: add a testdata/*.mx case for it", code)
			}
		})
	}
}
