package fuzzing

import (
	"flag"
	"testing"
	"time"
)

func TestSetDefault(t *testing.T) {
	for name, tt := range map[string]struct {
		args []string
		want time.Duration
	}{
		"not given": {nil, 5 * time.Second},
		"given":     {[]string{"-test.fuzzminimizetime=7s"}, 7 * time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			d := fs.Duration(minimizeFlag, time.Minute, "")
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if err := setDefault(fs); err != nil {
				t.Fatal(err)
			}
			if *d != tt.want {
				t.Errorf("%s = %v, want %v", minimizeFlag, *d, tt.want)
			}
		})
	}
}
