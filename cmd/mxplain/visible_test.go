package main

import (
	"context"
	"net/netip"
	"regexp"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/terminal"
	"github.com/mxplain/mxplain/parsers"
)

// hostile holds what a TXT record can carry to take over a terminal: clear
// the screen, set the window title, ring the bell, a raw CSI (C1), and a
// bidi override that shows "-all" as "lla-".
const hostile = "\x1b[2J\x1b]0;pwned\x07\u009b6n\u202e"

// checkVisible fails when a line of out holds a byte a terminal acts on.
func checkVisible(t *testing.T, out string) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if v := terminal.Visible(line); v != line {
			t.Errorf("line %d reaches the terminal raw: %q (shown as %s)", i+1, line, v)
		}
	}
}

// markerUnder returns the column of the first caret of the marker line for
// the field named name, and the number of carets.
func markerUnder(t *testing.T, out, name string) (int, int) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasSuffix(line, " "+name) && strings.Contains(line, "^") {
			col := strings.Index(line, "^")
			return col, strings.Count(line, "^")
		}
	}
	t.Fatalf("no marker line for %q in:\n%s", name, out)
	return 0, 0
}

func TestExplainHostileBytes(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	record := "v=spf1 ip4:192.0.2.1" + hostile + " -all"
	_, out, _ := runT(t, "", "explain", record)
	checkVisible(t, out)
	shown := terminal.Visible(record)
	if !strings.Contains(out, "  "+shown+"\n") {
		t.Fatalf("the record is not shown with its escapes %q:\n%s", shown, out)
	}
	// The fields after the escapes are still marked under their own bytes:
	// "-all" starts where its visible text starts.
	col, n := markerUnder(t, out, "all")
	if want := 2 + strings.Index(shown, " -all") + 1; col != want || n != len("-all") {
		t.Errorf("-all marked at column %d (%d carets), want %d (4)\n%s", col, n, want, out)
	}
	t.Run("stdin, several lines", func(t *testing.T) {
		_, out, _ := runT(t, "v=DMARC1; p=reject; rua=mailto:a@example.com"+hostile+"\n\"v=spf1 \a -all\"\n", "explain")
		checkVisible(t, out)
		if !strings.Contains(out, `\x1b[2J`) || !strings.Contains(out, `\x07`) || !strings.Contains(out, `\u202e`) {
			t.Errorf("escapes missing:\n%s", out)
		}
	})
	t.Run("error message", func(t *testing.T) {
		status, _, errOut := runT(t, "", "lint", "/nonexistent/"+hostile+".zone")
		if status != exitUsage || !strings.Contains(errOut, `\x1b[2J`) {
			t.Fatalf("status %d, %q", status, errOut)
		}
		checkVisible(t, errOut)
	})
	t.Run("json keeps the bytes", func(t *testing.T) {
		_, out, _ := runT(t, "", "explain", "--json", record)
		if !strings.Contains(out, `\u001b[2J`) {
			t.Errorf("--json does not carry the record's bytes as JSON escapes:\n%.300s", out)
		}
	})
}

// hostileZone has control bytes in its TXT records, written as \DDD (RFC
// 1035 §5.1).
const hostileZone = `$ORIGIN news.corp.test.
$TTL 300
@       IN SOA ns hostmaster 2 3600 600 86400 300
@       MX  10 mx1.mail.example.net.
@       TXT "v=spf1 \027[2J\027]0;pwned\007 ip4:192.0.2.1 \226\128\174-all"
_dmarc  TXT "v=DMARC1; p=reject; rua=mailto:d@corp.test\027[31m"
s1._domainkey TXT "v=DKIM1; k=rsa; n=\027[5m; p="
`

// TestLookupHostileTXT lays a zone with control bytes in its TXT records
// (written as \DDD, RFC 1035 §5.1) over the fixtures: they reach the lookup
// view as escapes.
func TestLookupHostileTXT(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	url := lookupServer(t)
	file := zoneFile(t, hostileZone)
	for _, fields := range []bool{false, true} {
		args := []string{"lookup", "--resolver", url, "--zone", file, "--selector", "s1", "news.corp.test"}
		if fields {
			args = append(args, "--fields")
		}
		_, out, errOut := runT(t, "", args...)
		checkVisible(t, out)
		for _, want := range []string{`\x1b[2J\x1b]0;pwned\x07`, `\u202e-all`, `\x1b[31m`} {
			if !strings.Contains(out, want) {
				t.Errorf("--fields=%v: output lacks %s:\n%s\n%s", fields, want, out, errOut)
			}
		}
	}
}

// ourColours are the SGR sequences paint writes.
var ourColours = regexp.MustCompile("\x1b\\[(?:31|33|36|1|2|0)m")

// TestColourHostileBytes: on a terminal, the only escape sequences written
// are the renderer's colours; a record's ESC is still shown as \x1b.
func TestColourHostileBytes(t *testing.T) {
	check := func(t *testing.T, out string) {
		t.Helper()
		if !ourColours.MatchString(out) {
			t.Fatalf("no colours written:\n%q", out)
		}
		checkVisible(t, ourColours.ReplaceAllString(out, ""))
		if !strings.Contains(out, `\x1b[2J`) {
			t.Errorf("the record's ESC is not shown as \\x1b:\n%s", out)
		}
	}
	t.Run("explain", func(t *testing.T) {
		ex, err := parsers.Explain("v=spf1 ip4:192.0.2.1"+hostile+" -all", parsers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		r := newRenderer(&out)
		r.color = true
		r.explanation(ex)
		check(t, out.String())
	})
	t.Run("lookup", func(t *testing.T) {
		store, err := zone.Parse(hostileZone, "hostile.zone")
		if err != nil {
			t.Fatal(err)
		}
		// Names outside the zone are refused: the failed queries are shown too.
		rep := inspect.Domain(context.Background(), store, "news.corp.test", inspect.Options{Selectors: []string{"s1"}, IP: netip.MustParseAddr("192.0.2.1")})
		var out strings.Builder
		r := newRenderer(&out)
		r.color, r.fields = true, true
		r.report(rep, "test", nil)
		check(t, out.String())
		if !strings.Contains(out.String(), "\x1b[31mquery failed: \x1b[0m") {
			t.Errorf("no failed query shown in red (colours escaped with the text?):\n%q", out.String())
		}
	})
}
