package parsers

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/internal/testshared"
	"github.com/mxplain/mxplain/parsers/explain"
)

// seedRecords reads the example records of the article mxplain grew from:
// every fenced code block of ../shared/seed/000_3ba6b5d80f5b8c8e.txt.
func seedRecords(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(testshared.Path(t, filepath.Join("seed", "000_3ba6b5d80f5b8c8e.txt")))
	if err != nil {
		t.Fatal(err)
	}
	var records []string
	for _, m := range regexp.MustCompile("(?s)```\n(.*?)```").FindAllStringSubmatch(string(b), -1) {
		records = append(records, strings.TrimSpace(m[1]))
	}
	if len(records) != 4 {
		t.Fatalf("found %d code blocks in the seed, want 4", len(records))
	}
	return records
}

// TestSeed explains the seed article's four records, compares each with its
// golden file, and checks that each deliberate imperfection is named at the
// exact bytes it is about.
func TestSeed(t *testing.T) {
	records := seedRecords(t)
	tests := []struct {
		name  string
		typ   explain.Type
		valid bool
		// problems: an error finding with this code must span exactly the
		// n-th (from 0) occurrence of text in the input.
		problems []seedProblem
	}{
		{"mx", explain.TypeMX, true, nil},
		{"spf", explain.TypeSPF, false, []seedProblem{{"spf.ip4.placeholder", "abc.d.efg.h", 0}}},
		{"dkim", explain.TypeDKIM, false, []seedProblem{{"dkim.p.placeholder", "MIIBIjANBgkqh...Ab (your public key) ...IDAQAB", 0}}},
		{"dmarc", explain.TypeDMARC, false, []seedProblem{
			{"dmarc.uri.obfuscated", "mailto:[email protected]", 0}, // rua
			{"dmarc.uri.obfuscated", "mailto:[email protected]", 1}, // ruf
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := records[i]
			ex := explainT(t, input, Options{})
			golden.JSON(t, filepath.Join("testdata", "seed-"+tt.name+".golden.json"), ex)
			if len(ex.Records) != 1 {
				t.Fatalf("got %d records, want 1", len(ex.Records))
			}
			r := ex.Records[0]
			if r.Type != tt.typ || r.Valid != tt.valid {
				t.Errorf("type %q valid %v, want %q %v", r.Type, r.Valid, tt.typ, tt.valid)
			}
			if r.Owner == "" || r.TTL == nil || *r.TTL != 3600 {
				t.Errorf("owner %q ttl %v, want the seed's owner and 3600", r.Owner, r.TTL)
			}
			for _, p := range tt.problems {
				if !hasFindingAt(r, input, p) {
					t.Errorf("no error %s spanning occurrence %d of %q in %+v", p.code, p.n, p.text, r.Findings)
				}
			}
		})
	}
}

type seedProblem struct {
	code, text string
	n          int
}

// hasFindingAt reports whether r has an error finding p.code whose span is
// exactly the p.n-th occurrence of p.text in input.
func hasFindingAt(r explain.Record, input string, p seedProblem) bool {
	at := -1
	for i := 0; i <= p.n; i++ {
		next := strings.Index(input[at+1:], p.text)
		if next < 0 {
			return false
		}
		at += 1 + next
	}
	want := explain.Span{at, at + len(p.text)}
	for _, f := range r.Findings {
		if f.Severity == explain.Error && f.Code == p.code && f.Span == want {
			return true
		}
	}
	return false
}
