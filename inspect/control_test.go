package inspect_test

import (
	"context"
	"net/netip"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
)

// TestControlBytes: ESC and BEL in TXT records reach the report as data
// (record values, field texts), never raw inside a sentence the report
// writes (messages, errors, notes, problems, summaries), where a front end
// would show them as text.
func TestControlBytes(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	opts := inspect.NewOptions(time.Now())
	opts.Selectors, opts.IP = []string{"google"}, netip.MustParseAddr("192.0.2.1")
	r := inspect.Domain(context.Background(), srv.client(t), "ctrl.cut.test", opts)
	if r.SPF.Tree == nil || r.SPF.Tree.Record == nil || !strings.Contains(r.SPF.Tree.Record.Value, "\x1b[2J\a") {
		t.Fatalf("the SPF record's bytes are not in the report: %+v", r.SPF.Tree)
	}
	check(t, r)
	// A bidi override in the host of a report address.
	check(t, inspect.Domain(context.Background(), srv.client(t), "ctrl2.cut.test", opts))
}

func check(t *testing.T, r *inspect.Report) {
	t.Helper()
	prose := map[string]bool{"message": true, "error": true, "problem": true, "note": true, "summary": true, "meaning": true, "explanation": false}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && prose[k] && strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) >= 0 {
					t.Errorf("%s.%s holds a raw control character: %q", path, k, s)
				}
				walk(path+"."+k, e)
			}
		case []any:
			for _, e := range x {
				walk(path+"[]", e)
			}
		}
	}
	walk("report", jsonValue(t, r))
}

// TestMarkdownControlBytes: the Markdown of a report whose records hold
// ESC, BEL and a bidi override shows them as escapes; the text has no
// control or format character but its line breaks.
func TestMarkdownControlBytes(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	for _, domain := range []string{"ctrl.cut.test", "ctrl2.cut.test"} {
		md := inspect.Markdown(inspect.Domain(context.Background(), srv.client(t), domain, inspect.NewOptions(time.Now())))
		if i := strings.IndexFunc(md, func(r rune) bool { return r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) }); i >= 0 {
			t.Errorf("%s: a control character in the Markdown at %d: %q", domain, i, md[max(0, i-40):min(len(md), i+40)])
		}
	}
	if md := inspect.Markdown(inspect.Domain(context.Background(), srv.client(t), "ctrl.cut.test", inspect.NewOptions(time.Now()))); !strings.Contains(md, `\x1b[2J\x07`) {
		t.Errorf("ESC and BEL not shown as escapes:\n%s", md)
	}
}
