package taglist_test

import (
	"fmt"
	"testing"

	"github.com/mxplain/mxplain/internal/taglist"
)

func isWSP(c byte) bool { return c == ' ' || c == '\t' }

func ExampleSplit() {
	v := "v=1; ;p = x "
	for p := range taglist.Split(v, ';', isWSP) {
		fmt.Printf("%q last=%v\n", v[p.Start:p.End], p.Last(v))
	}
	// Output:
	// "v=1" last=false
	// "" last=false
	// "p = x" last=true
}

func TestSplit(t *testing.T) {
	tests := map[string]struct {
		v    string
		want []taglist.Part
	}{
		"empty":    {"", []taglist.Part{{0, 0, 0, 0}}},
		"one":      {" a ", []taglist.Part{{0, 1, 2, 3}}},
		"trailing": {"a;", []taglist.Part{{0, 0, 1, 1}, {2, 2, 2, 2}}},
		"blanks":   {"\ta\t;  b", []taglist.Part{{0, 1, 2, 3}, {4, 6, 7, 7}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var got []taglist.Part
			for p := range taglist.Split(tc.v, ';', isWSP) {
				got = append(got, p)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Split(%q) = %v, want %v", tc.v, got, tc.want)
			}
		})
	}
	for range taglist.Split("a;b;c", ';', isWSP) {
		break // stopping early must not panic
	}
}

func TestMeantVersion(t *testing.T) {
	for _, tc := range []struct {
		val, prefix string
		want        bool
	}{
		{"bimi1", "bimi", true},
		{"BIMI2", "bimi", true},
		{"BIMI1.0", "bimi", true},
		{"tlsrptv1", "tlsrpt", true},
		{"DMARC1", "bimi", false},
		{"BIMI 1", "bimi", false},
		{"BIMI1;", "bimi", false},
		{"bim", "bimi", false},
	} {
		if got := taglist.MeantVersion(tc.val, tc.prefix); got != tc.want {
			t.Errorf("MeantVersion(%q, %q) = %v", tc.val, tc.prefix, got)
		}
	}
}
