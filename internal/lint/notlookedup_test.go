package lint

import "testing"

func TestNotLookedUp(t *testing.T) {
	tests := map[string]struct {
		names []string
		want  string
	}{
		"one": {[]string{"_dmarc.com"},
			"1 name outside the files (or below their delegations) was not looked up, so what depends on them is not checked: _dmarc.com. Run with --resolver to look them up live."},
		"six": {[]string{"a.", "b.", "c.", "d.", "e.", "f."},
			"6 names outside the files (or below their delegations) were not looked up, so what depends on them is not checked: a., b., c., d., e. and 1 more. Run with --resolver to look them up live."},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := notLookedUp(tc.names); got != tc.want {
				t.Errorf("notLookedUp(%q)\n got %q\nwant %q", tc.names, got, tc.want)
			}
		})
	}
}
