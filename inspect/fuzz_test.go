package inspect_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
)

// FuzzDomain checks that any domain text gives a report without panicking,
// that an accepted name is one the DNS can be asked for, that a refusal
// quotes the input with its control characters escaped, and that the same
// input gives the same report, within 5 s (no network: a zone.Store answers).
func FuzzDomain(f *testing.F) {
	for _, tc := range cases {
		f.Add(tc.domain)
	}
	for _, s := range []string{"", ".", "..", "a.", "xn--.test", "ÄÖÜ.test", "日本語.jp", "[::1]", "-a-.test", "a\x00b.test", "\u3002test", "ex\u202eelpmaxe.test", "pay\u200bpal.test", "\x1b[2J.test", "bü\u0085.test"} {
		f.Add(s)
	}
	store, err := zone.LoadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, domain string) {
		run := func() ([]byte, *inspect.Report) {
			r := inspect.Domain(context.Background(), store, domain, inspect.Options{NoProbe: true, Selectors: []string{"s1"}})
			r.ElapsedMS = 0
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("json: %v", err)
			}
			return b, r
		}
		done := make(chan struct{})
		go func() {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				buf := make([]byte, 1<<20)
				n := runtime.Stack(buf, true)
				panic(fmt.Sprintf("report of %q takes over 5s:\n%s", domain, buf[:n]))
			}
		}()
		defer close(done)
		b1, r := run()
		if strings.IndexFunc(r.Error, func(c rune) bool { return unicode.IsControl(c) || unicode.Is(unicode.Cf, c) }) >= 0 {
			t.Fatalf("the error for %q holds a raw control character: %q", domain, r.Error)
		}
		if r.Error == "" {
			if len(r.Domain) > inspect.MaxNameLen || r.Domain != strings.ToLower(r.Domain) || strings.HasSuffix(r.Domain, ".") {
				t.Fatalf("accepted %q as %q", domain, r.Domain)
			}
			for i := 0; i < len(r.Domain); i++ {
				if r.Domain[i] >= 0x80 {
					t.Fatalf("accepted %q as non-ASCII %q", domain, r.Domain)
				}
			}
		}
		if b2, _ := run(); string(b1) != string(b2) {
			t.Fatalf("two reports of %q differ", domain)
		}
	})
}
