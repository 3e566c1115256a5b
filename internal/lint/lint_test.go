package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

var testTool = Tool{Name: "mxplain", Version: "test", InformationURI: "https://github.com/mxplain/mxplain"}

// checkFile lints testdata/name offline.
func checkFile(t *testing.T, name string) Result {
	t.Helper()
	path := filepath.Join("testdata", name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(context.Background(), []File{{Name: path, Text: string(b)}}, Options{Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// goldenZones are the zones whose outputs are golden files.
var goldenZones = []string{"example.com.zone", "clean.zone"}

// TestGolden pins how each format reads (go test ./internal/lint -update).
func TestGolden(t *testing.T) {
	for _, zone := range goldenZones {
		res := checkFile(t, zone)
		for _, format := range Formats {
			t.Run(zone+"/"+format, func(t *testing.T) {
				var out bytes.Buffer
				if err := Write(&out, format, res, testTool); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", "golden", strings.TrimSuffix(zone, ".zone")+"."+format), out.Bytes())
			})
		}
	}
}

func codes(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

// TestCrossRecord: what the files show only together, and what they cannot
// tell offline.
func TestCrossRecord(t *testing.T) {
	const head = "$ORIGIN example.test.\n$TTL 300\n@ SOA ns1.dns.example. hostmaster 1 2 3 4 5\n"
	tests := map[string]struct {
		zone      string
		want, not []string
	}{
		"mx target in the zone without address": {
			zone: "@ MX 10 mail\n@ TXT \"v=spf1 mx -all\"\n",
			want: []string{"report.mx.exchange_no_address", "report.mx.no_usable_exchange"},
		},
		"mx target with an address": {
			zone: "@ MX 10 mail\nmail A 192.0.2.25\n@ TXT \"v=spf1 mx -all\"\n",
			not:  []string{"report.mx.exchange_no_address", "report.mx.no_usable_exchange"},
		},
		"mx target an alias": {
			zone: "@ MX 10 mx\nmx CNAME mail\nmail A 192.0.2.25\n",
			want: []string{"report.mx.exchange_cname"},
		},
		"mx target outside the zone is unknown offline": {
			zone: "@ MX 10 mx.provider.example.\n",
			want: []string{CodeNotLookedUp},
			not:  []string{"report.mx.exchange_no_address", "report.mx.no_usable_exchange"},
		},
		"mx target below a delegation is unknown": {
			zone: "@ MX 10 mx.sub\nsub NS ns.sub\nns.sub A 192.0.2.53\n",
			not:  []string{"report.mx.exchange_no_address", "report.mx.no_usable_exchange"},
		},
		"several spf records": {
			zone: "@ TXT \"v=spf1 -all\"\n@ TXT \"v=spf1 mx -all\"\n",
			want: []string{"spf.record.multiple"},
		},
		"dmarc without spf or dkim": {
			zone: "@ MX 10 mail\nmail A 192.0.2.25\n_dmarc TXT \"v=DMARC1; p=reject\"\n",
			want: []string{"report.dmarc.no_spf_no_dkim", "spf.tree.record.none"},
		},
		"include of an in-zone name without spf": {
			zone: "@ TXT \"v=spf1 include:_spf.example.test -all\"\n_spf TXT \"google-site-verification=abc\"\n",
			want: []string{"spf.tree.include.none"},
		},
		"include outside the zone is unknown offline": {
			zone: "@ TXT \"v=spf1 include:_spf.provider.example -all\"\n",
			not:  []string{"spf.tree.include.none", "spf.tree.dns.temperror"},
		},
		"null mx with a permissive spf": {
			zone: "@ MX 0 .\n@ TXT \"v=spf1 ip4:192.0.2.1 ~all\"\n",
			want: []string{"report.nullmx.spf_permits"},
		},
		"report address in the zone without authorisation": {
			zone: "_dmarc TXT \"v=DMARC1; p=none; rua=mailto:d@reports.test\"\n@ TXT \"v=spf1 -all\"\n" +
				"$ORIGIN reports.test.\n@ SOA ns1.dns.example. hostmaster 1 2 3 4 5\n",
			want: []string{"report.dmarc.report_unauthorized"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := Check(context.Background(), []File{{Name: "z.zone", Text: head + tt.zone}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := codes(res.Findings)
			for _, c := range tt.want {
				if !slices.Contains(got, c) {
					t.Errorf("no %s; got %v", c, got)
				}
			}
			for _, c := range tt.not {
				if slices.Contains(got, c) {
					t.Errorf("%s, which the files cannot tell; got %v", c, got)
				}
			}
			if len(res.Errors) > 0 {
				t.Errorf("offline check lists failed queries: %v", res.Errors)
			}
		})
	}
}

// TestPlaces: a finding across records points at the bytes it is about.
func TestPlaces(t *testing.T) {
	text := "$ORIGIN example.test.\n@ 300 SOA ns1.dns.example. h 1 2 3 4 5\n@ 300 MX 10 mx.provider.example.\n@ 300 MX 20 mail\n"
	res, err := Check(context.Background(), []File{{Name: "z.zone", Text: text}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Code == "report.mx.exchange_no_address" })
	if i < 0 {
		t.Fatalf("no finding for the exchange: %v", codes(res.Findings))
	}
	f := res.Findings[i]
	if f.Line != 4 || f.Column != 13 || f.EndColumn != 17 || text[f.Span[0]:f.Span[1]] != "mail" {
		t.Errorf("the exchange's finding is at %d:%d-%d (%q), want 4:13-17, the exchange mail", f.Line, f.Column, f.EndColumn, text[f.Span[0]:f.Span[1]])
	}
}

// TestOrigin: a file without $ORIGIN, as named.conf gives it its zone.
func TestOrigin(t *testing.T) {
	text := "@ 300 SOA ns1 h 1 2 3 4 5\n@ 300 MX 10 mail\n"
	res, err := Check(context.Background(), []File{{Name: "db.example", Text: text}}, Options{Origin: "example.test"})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Code == "report.mx.exchange_no_address" })
	if i < 0 {
		t.Fatalf("mail.example.test not checked with --origin: %v", codes(res.Findings))
	}
	if f := res.Findings[i]; f.Line != 2 || text[f.Span[0]:f.Span[1]] != "mail" {
		t.Errorf("finding at line %d, %q; want line 2, mail (offsets into the file as written)", f.Line, text[f.Span[0]:f.Span[1]])
	}
}

// TestLargeZone: a zone of more records than one explanation holds is
// explained in pieces, every record checked, the $ORIGIN carried over.
func TestLargeZone(t *testing.T) {
	var b strings.Builder
	b.WriteString("$ORIGIN big.example.com.\n$TTL 300\n@ SOA ns1.dns.example. h 1 2 3 4 5\n@ MX 10 mail\n")
	n := 3 * parsers.MaxRecords
	for i := range n {
		fmt.Fprintf(&b, "h%d A 192.0.2.%d\n", i, i%250)
	}
	b.WriteString("; a comment, then the last records\n$ORIGIN sub\n")
	b.WriteString("@ TXT \"v=spf1 ip4:abc.d.efg.h -all\"\n")
	b.WriteString("mail A 192.0.2.25\n") // mail.sub.big.example.com, not the MX's mail
	text := b.String()
	res, err := Check(context.Background(), []File{{Name: "big.zone", Text: text}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := codes(res.Findings)
	if slices.Contains(got, parsers.CodeInputNotExplained) {
		t.Errorf("part of the file is not explained: %v", got)
	}
	i := slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Code == "spf.ip4.placeholder" })
	if i < 0 {
		t.Fatalf("the record past the first explanation is not checked: %v", got)
	}
	if f := res.Findings[i]; f.Line != n+7 || text[f.Span[0]:f.Span[1]] != "abc.d.efg.h" {
		t.Errorf("placeholder at line %d (%q), want %d", f.Line, text[f.Span[0]:f.Span[1]], n+7)
	}
	if !slices.Contains(got, "report.mx.exchange_no_address") {
		t.Errorf("mail.big.example.com has no address, but mail.sub's was taken for it: %v", got)
	}
	if !slices.Contains(got, "report.mx.none") { // sub.big.example.com: SPF, no MX, no address
		t.Errorf("the domain of the last piece, sub.big.example.com, is not checked: %v", got)
	}
}

// TestUnreadable: a file zone software rejects is an error placed on the
// token the zone parser stopped at, on the file's own lines.
func TestUnreadable(t *testing.T) {
	tests := map[string]struct {
		text, origin string
		line, col    int
		token        string
	}{
		"bad preference":         {text: "example.test. 300 IN MX ten mail.example.test.\n", line: 1, col: 25, token: "ten"},
		"unknown type, line 5":   {text: "$ORIGIN e.test.\n$TTL 300\n@ MX 10 mail\nmail A 192.0.2.1\nfoo IN BOGUS \"x\"\n", line: 5, col: 8, token: "BOGUS"},
		"line 5 under --origin":  {text: "$TTL 300\n@ MX 10 mail\nmail A 192.0.2.1\n\nfoo IN BOGUS \"x\"\n", origin: "e.test", line: 5, col: 8, token: "BOGUS"},
		"bad address at the end": {text: "a.test. IN A notanip\n", line: 1, col: 14, token: "notanip"},
		"after a BOM":            {text: "\uFEFFa.test. IN A 192.0.2.1\nb.test. IN MX x y\n", line: 2, col: 15, token: "x"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := Check(context.Background(), []File{{Name: "z.zone", Text: tt.text}}, Options{Origin: tt.origin})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Code == CodeZoneUnreadable })
			if i < 0 || !res.HasErrors() {
				t.Fatalf("a file zone software rejects: %v", codes(res.Findings))
			}
			f := res.Findings[i]
			if f.Span == nil || f.Line != tt.line || f.Column != tt.col || tt.text[f.Span[0]:f.Span[1]] != tt.token {
				t.Fatalf("at %d:%d %v, want %d:%d on %q (%s)", f.Line, f.Column, f.Span, tt.line, tt.col, tt.token, f.Message)
			}
			if strings.Contains(f.Message, "at line") || strings.Contains(f.Message, "z.zone") {
				t.Errorf("the message repeats the position: %s", f.Message)
			}
		})
	}
}

// TestInclude: $INCLUDE is not followed, says so with the command that
// checks the included file, and the rest of the file is still checked
// across records (zone software would load it).
func TestInclude(t *testing.T) {
	text := "$ORIGIN example.test.\n$INCLUDE keys.zone\n@ 300 MX 10 mail\n"
	res, err := Check(context.Background(), []File{{Name: "db.example", Text: text}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := codes(res.Findings)
	if slices.Contains(got, CodeZoneUnreadable) {
		t.Errorf("$INCLUDE made the file unreadable: %v", res.Findings)
	}
	if !slices.Contains(got, "report.mx.exchange_no_address") {
		t.Errorf("the checks across records were not made: %v", got)
	}
	i := slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Code == parsers.CodeDirectiveIgnored })
	if i < 0 {
		t.Fatalf("nothing says $INCLUDE is not followed: %v", got)
	}
	if f := res.Findings[i]; f.Line != 2 || !strings.Contains(f.Message, "mxplain lint db.example keys.zone") {
		t.Errorf("at line %d: %s; want line 2, naming the command that checks keys.zone", f.Line, f.Message)
	}
}

// TestBOM: a UTF-8 byte order mark before the first line is not zone text,
// and columns on that line count from after it, as editors do.
func TestBOM(t *testing.T) {
	text := "\uFEFF$ORIGIN bom.test.\n@ 300 TXT \"v=spf1 ip4:999.0.0.1 -all\"\n"
	res, err := Check(context.Background(), []File{{Name: "z.zone", Text: text}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := codes(res.Findings)
	for _, c := range []string{CodeZoneUnreadable, parsers.CodeUnrecognised} {
		if slices.Contains(got, c) {
			t.Errorf("the BOM broke the file: %v", res.Findings)
		}
	}
	if !slices.Contains(got, "spf.ip4.invalid") {
		t.Errorf("the SPF record after the BOM was not checked: %v", got)
	}
	if l, c := newLineIndex(text).position(len(bom)); l != 1 || c != 1 {
		t.Errorf("the first byte after the BOM is at %d:%d, want 1:1", l, c)
	}
}

func TestPosition(t *testing.T) {
	x := newLineIndex("ab\nü𝄞x\n\xffz")
	tests := map[string]struct{ off, line, col int }{
		"start":              {0, 1, 1},
		"end of line 1":      {2, 1, 3},
		"line 2":             {3, 2, 1},
		"after ü (1 unit)":   {5, 2, 2},
		"after 𝄞 (2 units)":  {9, 2, 4},
		"bad byte is 1 unit": {12, 3, 2},
		"past the end":       {99, 3, 3},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if l, c := x.position(tt.off); l != tt.line || c != tt.col {
				t.Errorf("position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
			}
		})
	}
	if s := x.trim(explain.Span{0, 3}); s != (explain.Span{0, 2}) {
		t.Errorf("trim kept the line break: %v", s)
	}
}

// FuzzCheck: any file text gives findings without a panic, each inside its
// file, with positions that agree with its span.
func FuzzCheck(f *testing.F) {
	f.Add("$ORIGIN example.test.\n$TTL 300\n@ SOA ns1 h 1 2 3 4 5\n@ MX 10 mail\n@ TXT \"v=spf1 include:_spf.example.test -all\"\n")
	f.Add("@ MX 0 .\n_dmarc TXT \"v=DMARC1; p=reject; rua=mailto:a@b.test\"\n\xff\x1b")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		res, err := Check(context.Background(), []File{{Name: "f.zone", Text: text}}, Options{Origin: "example.test"})
		if err != nil {
			t.Fatal(err)
		}
		x := newLineIndex(text)
		for _, fd := range res.Findings {
			if fd.Span == nil {
				if fd.Line != 0 {
					t.Fatalf("%s: line %d without a span", fd.Code, fd.Line)
				}
				continue
			}
			s := *fd.Span
			if s[0] < 0 || s[1] < s[0] || s[1] > len(text) {
				t.Fatalf("%s: span %v outside %d bytes", fd.Code, s, len(text))
			}
			if l, c := x.position(s[0]); l != fd.Line || c != fd.Column {
				t.Fatalf("%s: at %d:%d, its span at %d:%d", fd.Code, fd.Line, fd.Column, l, c)
			}
			if fd.EndLine < fd.Line || fd.EndLine == fd.Line && fd.EndColumn < fd.Column {
				t.Fatalf("%s: ends at %d:%d before it starts at %d:%d", fd.Code, fd.EndLine, fd.EndColumn, fd.Line, fd.Column)
			}
		}
	})
}

// TestUnauthorizedReportPlaced: with a resolver, a report address outside
// the files without its authorisation is an error on the address's bytes.
func TestUnauthorizedReportPlaced(t *testing.T) {
	live, err := zone.Parse("$ORIGIN reports.example.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ A 192.0.2.1\n", "live")
	if err != nil {
		t.Fatal(err)
	}
	text := "$ORIGIN shop.test.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ MX 0 .\n@ TXT \"v=spf1 -all\"\n_dmarc TXT \"v=DMARC1; p=reject; rua=mailto:d@reports.example\"\n"
	res, err := Check(context.Background(), []File{{Name: "z.zone", Text: text}}, Options{Resolver: live})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Code == "report.dmarc.report_unauthorized" })
	if i < 0 {
		t.Fatalf("no finding for the unauthorised address: %v", codes(res.Findings))
	}
	if f := res.Findings[i]; f.Span == nil || text[f.Span[0]:f.Span[1]] != "mailto:d@reports.example" || f.Line != 6 {
		t.Errorf("at %d:%d %v, want line 6 on the address", f.Line, f.Column, f.Span)
	}
}

// TestOriginMissing: "@" with no $ORIGIN in effect is a warning on the "@"
// that names --origin; with --origin or $ORIGIN before it, none.
func TestOriginMissing(t *testing.T) {
	const body = "@ 300 SOA ns1 h 1 2 3 4 5\n@ 300 MX 10 mail\n"
	tests := map[string]struct {
		text, origin string
		line         int // 0: no finding
	}{
		"no origin":            {"$TTL 300\n" + body, "", 2},
		"--origin":             {body, "example.test", 0},
		"$ORIGIN":              {"$ORIGIN example.test.\n" + body, "", 0},
		"$ORIGIN after the @":  {body + "$ORIGIN example.test.\n", "", 1},
		"no @, absolute names": {"example.test. 300 MX 10 mail.example.test.\n", "", 0},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := Check(context.Background(), []File{{Name: "db.example", Text: tt.text}}, Options{Origin: tt.origin})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Code == CodeOriginMissing })
			switch {
			case tt.line == 0 && i >= 0:
				t.Errorf("a finding where the origin is known: %s", res.Findings[i].Message)
			case tt.line > 0 && i < 0:
				t.Errorf("no %s: %v", CodeOriginMissing, codes(res.Findings))
			case tt.line > 0:
				f := res.Findings[i]
				if f.Line != tt.line || f.Column != 1 || f.Severity != explain.Warning || !strings.Contains(f.Message, "--origin example.com db.example") {
					t.Errorf("at %d:%d %s: %s", f.Line, f.Column, f.Severity, f.Message)
				}
			}
		})
	}
}
