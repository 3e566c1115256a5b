package parsers

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/fuzzing"
	"github.com/mxplain/mxplain/internal/golden"
	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/parsers/explain"
)

// explainT explains input and fails the test on an error or a span outside it.
func explainT(t testing.TB, input string, opts Options) explain.Explanation {
	t.Helper()
	ex, err := Explain(input, opts)
	if err != nil {
		t.Fatalf("Explain(%q): %v", input, err)
	}
	for _, r := range ex.Records {
		if err := r.CheckSpans(len(input)); err != nil {
			t.Fatalf("Explain(%q): %v", input, err)
		}
	}
	return ex
}

func TestEntries(t *testing.T) {
	tests := map[string]struct {
		input string
		kinds []entryKind
		texts []string // each entry's text
	}{
		"bare value":        {"v=spf1 -all", []entryKind{entryValue}, []string{"v=spf1 -all"}},
		"dmarc keeps ;":     {"v=DMARC1; p=none", []entryKind{entryValue}, []string{"v=DMARC1; p=none"}},
		"mx value":          {"  10 mail.example.com.  \n", []entryKind{entryValue}, []string{"10 mail.example.com."}},
		"quoted value":      {`"v=spf1 a" " -all"`, []entryKind{entryValue}, []string{`"v=spf1 a" " -all"`}},
		"zone line":         {"example.com. 3600 IN MX 10 mail.example.com.", []entryKind{entryRR}, []string{"example.com. 3600 IN MX 10 mail.example.com."}},
		"class before ttl":  {"example.com. IN 300 TXT \"x\"", []entryKind{entryRR}, []string{`example.com. IN 300 TXT "x"`}},
		"comment dropped":   {"; hello\nexample.com. MX 10 mx. ; primary\n", []entryKind{entryRR}, []string{"example.com. MX 10 mx."}},
		"directive":         {"$ORIGIN example.com.\n@ MX 0 .", []entryKind{entryDirective, entryRR}, []string{"$ORIGIN example.com.", "@ MX 0 ."}},
		"parentheses":       {"@ SOA a. b. ( 1\n 2 3 4 5 )\nwww A 192.0.2.1", []entryKind{entryRR, entryRR}, []string{"@ SOA a. b. ( 1\n 2 3 4 5 )", "www A 192.0.2.1"}},
		"paren in value":    {"v=DKIM1 n=(see\nv=spf1 -all", []entryKind{entryValue, entryValue}, []string{"v=DKIM1 n=(see", "v=spf1 -all"}},
		"panel style":       {"TXT \"v=spf1 -all\"", []entryKind{entryRR}, []string{`TXT "v=spf1 -all"`}},
		"indented owner":    {"  IN MX 10 mx.example.com.", []entryKind{entryRR}, []string{"IN MX 10 mx.example.com."}},
		"not an owner":      {"v=spf1 a mx -all", []entryKind{entryValue}, []string{"v=spf1 a mx -all"}},
		"blank lines only":  {"\n\n  \n", nil, nil},
		"crlf":              {"v=spf1 -all\r\n", []entryKind{entryValue}, []string{"v=spf1 -all"}},
		"quote with escape": {`x. TXT "a\"b" c`, []entryKind{entryRR}, []string{`x. TXT "a\"b" c`}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			var kinds []entryKind
			var texts []string
			for e := range entries(tt.input) {
				kinds = append(kinds, e.kind)
				texts = append(texts, tt.input[e.start:e.end])
			}
			if !reflect.DeepEqual(kinds, tt.kinds) || !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("entries(%q) = %v %q, want %v %q", tt.input, kinds, texts, tt.kinds, tt.texts)
			}
		})
	}
}

func TestCharStrings(t *testing.T) {
	tests := map[string]struct {
		input string
		value string
	}{
		"plain":          {`"v=spf1 -all"`, "v=spf1 -all"},
		"joined":         {`"v=spf1 a" " -all"`, "v=spf1 a -all"},
		"escaped quote":  {`"a\"b"`, `a"b`},
		"decimal escape": {`"p=reject\059 rua"`, "p=reject; rua"},
		"semicolon":      {`"v=DMARC1\; p=none"`, "v=DMARC1; p=none"},
		"unterminated":   {`"v=spf1 -all`, "v=spf1 -all"},
		"empty":          {`""`, ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			toks, _, _, _ := tokenize(tt.input, 0, -1, math.MaxInt)
			var m valueMap
			for _, tok := range toks {
				m.addCharString(tt.input, tok)
			}
			m.seal()
			if got := m.text; got != tt.value {
				t.Errorf("value = %q, want %q", got, tt.value)
			}
			// Every byte maps back to input bytes that spell it.
			for i := range len(m.text) {
				if s := m.span(explain.Span{i, i + 1}); s[0] < 0 || s[1] > len(tt.input) || s[0] >= s[1] {
					t.Errorf("byte %d maps to %v", i, s)
				}
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := map[string]struct {
		owner  string
		rrtype uint16
		value  string
		want   explain.Type
	}{
		"spf":                 {"", 0, "v=spf1 -all", explain.TypeSPF},
		"spf upper":           {"", 0, "V=SPF1 -all", explain.TypeSPF},
		"spf typo":            {"", 0, "v=spf1a -all", explain.TypeSPF},
		"spf not first":       {"", 0, "include:_spf.google.com v=spf1 -all", explain.TypeSPF},
		"spf no v":            {"", 0, "spf1 mx -all", explain.TypeSPF},
		"sender id":           {"", 0, "spf2.0/pra mx -all", explain.TypeUnknown},
		"dmarc":               {"", 0, "v=DMARC1; p=none", explain.TypeDMARC},
		"dmarc spaced":        {"", 0, "v = DMARC1 ; p=none", explain.TypeDMARC},
		"dmarc no v":          {"", 0, "p=reject; rua=mailto:a@example.com", explain.TypeDMARC},
		"dmarc by owner":      {"_dmarc.example.com.", 16, "p=reject", explain.TypeDMARC},
		"dkim":                {"", 0, "v=DKIM1; k=rsa; p=MIIB", explain.TypeDKIM},
		"dkim no v":           {"", 0, "k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", explain.TypeDKIM},
		"dkim revoked no v":   {"", 0, "p=", explain.TypeDKIM},
		"dkim by owner":       {"s1._domainkey.example.com.", 16, "p=MIIB", explain.TypeDKIM},
		"mx by type":          {"example.com.", 15, "10 mail.example.com.", explain.TypeMX},
		"mx bare":             {"", 0, "10 mail.example.com.", explain.TypeMX},
		"null mx bare":        {"", 0, "0 .", explain.TypeMX},
		"mx swapped":          {"", 0, "mail.example.com. 10", explain.TypeMX},
		"two words":           {"", 0, "hello 10", explain.TypeUnknown},
		"spf rr type":         {"example.com.", 99, "v=spf1 -all", explain.TypeSPF},
		"a record":            {"example.com.", 1, "192.0.2.1", explain.TypeOther},
		"verification":        {"example.com.", 16, "google-site-verification=abc", explain.TypeOther},
		"mta-sts":             {"_mta-sts.example.com.", 16, "v=STSv1; id=1", "mta-sts"},
		"tls-rpt by owner":    {"_smtp._tls.example.com.", 16, "rua=mailto:x@example.com", "tls-rpt"},
		"bimi":                {"default._bimi.example.com.", 16, "v=BIMI1; l=https://x", "bimi"},
		"value beats owner":   {"_dmarc.example.com.", 16, "v=spf1 -all", explain.TypeSPF},
		"prose":               {"", 0, "hello world", explain.TypeUnknown},
		"empty":               {"", 0, "", explain.TypeUnknown},
		"relative dmarc name": {"_dmarc", 16, "p=none", explain.TypeDMARC},
		"leftmost owner wins": {"_dmarc.s._domainkey.example.com.", 16, "a b", explain.TypeDMARC},
		"selector first":      {"s._domainkey._dmarc.example.com.", 16, "a b", explain.TypeDKIM},
		"mx data in txt":      {"example.com.", 16, "10 mail.example.com.", explain.TypeUnknown},
		// Kinds resembled alike: the first in the registry's order.
		"k= and a policy":  {"", 0, "k=rsa; p=none", explain.TypeDKIM},
		"two mentions":     {"", 0, "x v=dkim1 v=dmarc1", explain.TypeDKIM},
		"policy without k": {"", 0, "p=quarantine; x=y", explain.TypeDMARC},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := detect(tt.owner, tt.rrtype, tt.value); got != tt.want {
				t.Errorf("detect(%q, %d, %q) = %q, want %q", tt.owner, tt.rrtype, tt.value, got, tt.want)
			}
		})
	}
}

// TestInputForms explains each testdata/input/*.txt and compares the JSON
// with its golden file; run with -update to accept new output.
func TestInputForms(t *testing.T) {
	files, err := filepath.Glob("testdata/input/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			input, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ex := explainT(t, string(input), withZoneSoftware)
			checkProposals(t, ex)
			golden.JSON(t, filepath.Join("testdata", name+".golden.json"), ex)
		})
	}
}

// withZoneSoftware explains as the CLI, the API and the page's lookup
// engine do: with miekg/dns's verdict on zone lines.
var withZoneSoftware = Options{CheckLine: zonecheck.Line}

// TestWithoutZoneSoftware explains each input form as the page's first
// engine does, without zone software, and checks that it says the same as
// with it (package plain vouches only for lines zone software accepts) or
// marks the record pending.
func TestWithoutZoneSoftware(t *testing.T) {
	files, _ := filepath.Glob("testdata/input/*.txt")
	var records, pending int
	for _, file := range files {
		input, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		first := explainT(t, string(input), Options{})
		for _, r := range first.Records {
			records++
			if r.Pending {
				pending++
			}
		}
		compareFirstEngine(t, string(input), Options{})
	}
	t.Logf("%d of %d records pending without zone software", pending, records)
	if pending*4 > records {
		t.Errorf("%d of %d records pending: package plain vouches for too few lines", pending, records)
	}
}

// compareFirstEngine explains input with opts, once without zone software
// and once with it, and fails unless each record is the same in both or is
// pending in the first, where the second may add only zone software's
// finding (CodeZoneSyntax) and the validity that goes with it.
func compareFirstEngine(t *testing.T, input string, opts Options) {
	t.Helper()
	first, err1 := Explain(input, opts)
	opts.CheckLine = zonecheck.Line
	full, err2 := Explain(input, opts)
	if err1 != err2 || len(first.Records) != len(full.Records) {
		t.Fatalf("%q: %d records (%v) without zone software, %d (%v) with it", input, len(first.Records), err1, len(full.Records), err2)
	}
	for i := range full.Records {
		want := full.Records[i]
		if got := first.Records[i]; got.Pending {
			want.Pending = true
			want.Findings = slices.DeleteFunc(slices.Clone(want.Findings), func(f explain.Finding) bool { return f.Code == CodeZoneSyntax })
			want.Valid = !slices.ContainsFunc(want.Findings, func(f explain.Finding) bool { return f.Severity == explain.Error })
		}
		a, b := first.Records[i].AppendJSON(nil), want.AppendJSON(nil)
		if string(a) != string(b) {
			t.Fatalf("%q, record %d:\nwithout zone software %s\nwith it               %s", input, i, a, b)
		}
	}
}

// TestCodesCovered fails when a finding code of this package appears in no
// golden file, so every finding stays specified by an example.
func TestCodesCovered(t *testing.T) {
	src, err := os.ReadFile("codes.go")
	if err != nil {
		t.Fatal(err)
	}
	goldens, err := filepath.Glob("testdata/*.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	codes := regexp.MustCompile(`(?m)^\s+Code\w+\s+=\s+"([a-z0-9_.-]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(codes) == 0 {
		t.Fatal("no codes found in codes.go")
	}
	for _, c := range codes {
		if !strings.Contains(all.String(), `"code": "`+c[1]+`"`) {
			t.Errorf("finding code %s appears in no golden file", c[1])
		}
	}
}

func TestNoRecord(t *testing.T) {
	for _, input := range []string{"", "   \n\t\n", ";; only a comment\n; another"} {
		if _, err := Explain(input, Options{}); !errors.Is(err, ErrNoRecord) {
			t.Errorf("Explain(%q) error = %v, want ErrNoRecord", input, err)
		}
	}
}

// TestForcedType pins that Options.Type wins over every sign of another
// type, except on zone records of RR types that hold no mail record.
func TestForcedType(t *testing.T) {
	tests := map[string]struct {
		input string
		typ   explain.Type
		want  explain.Type
		valid bool
	}{
		"dkim over dmarc":           {"p=reject", explain.TypeDKIM, explain.TypeDKIM, false},
		"spf over sender id":        {"v=spf2 -all", explain.TypeSPF, explain.TypeSPF, false},
		"spf over sender id pra":    {"v=spf2.0/pra mx -all", explain.TypeSPF, explain.TypeSPF, false},
		"spf over other txt":        {"google-site-verification=abc", explain.TypeSPF, explain.TypeSPF, false},
		"dmarc over version typo":   {"v=DAC1; p=none", explain.TypeDMARC, explain.TypeDMARC, false},
		"dmarc over unknown":        {"v=DAC1; rua=mailto:d@example.com", explain.TypeDMARC, explain.TypeDMARC, false},
		"dmarc over spf":            {"v=spf1 -all", explain.TypeDMARC, explain.TypeDMARC, false},
		"zone txt sender id":        {`example.com. TXT "v=spf2.0/mfrom -all"`, explain.TypeSPF, explain.TypeSPF, false},
		"owner loses":               {`_dmarc.example.com. TXT "v=spf1 -all"`, explain.TypeSPF, explain.TypeSPF, false},
		"a record keeps its type":   {"example.com. 300 IN A 192.0.2.1", explain.TypeSPF, explain.TypeOther, true},
		"directive keeps its type":  {"$INCLUDE other.zone", explain.TypeSPF, explain.TypeOther, true},
		"mx record forced to spf":   {"example.com. MX 10 mx.example.com.", explain.TypeSPF, explain.TypeSPF, false},
		"bare mx forced from other": {"x=y", explain.TypeMX, explain.TypeMX, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			ex := explainT(t, tt.input, Options{Type: tt.typ})
			r := ex.Records[0]
			if r.Type != tt.want || r.Valid != tt.valid {
				t.Errorf("Explain(%q, --type %s) = %s valid=%v, want %s valid=%v", tt.input, tt.typ, r.Type, r.Valid, tt.want, tt.valid)
			}
		})
	}
}

// withLimits runs f with the limits of one explanation set to records,
// input and value.
func withLimits(t testing.TB, records, input, value int, f func()) {
	t.Helper()
	saved := limits
	limits.records, limits.input, limits.value = records, input, value
	defer func() { limits = saved }()
	f()
}

// TestLimits pins what is said about input past the limits: which record
// carries the finding and which bytes its span covers.
func TestLimits(t *testing.T) {
	zone := "a. TXT \"v=spf1 -all\"\nb. TXT \"v=spf1 -all\"\n; comment\nc. TXT \"v=spf1 -all\"\n"
	tests := map[string]struct {
		input                 string
		records, bytes, value int
		want                  int    // records explained, the not-explained one included
		code                  string // on the last record
		rest                  string // the text the finding's span covers
	}{
		"records":            {zone, 2, 1 << 20, 1 << 16, 3, CodeInputNotExplained, "c. TXT \"v=spf1 -all\"\n"},
		"bytes":              {zone, 10, 30, 1 << 16, 3, CodeInputNotExplained, "c. TXT \"v=spf1 -all\"\n"},
		"exactly the limit":  {zone, 3, 1 << 20, 1 << 16, 3, "", ""},
		"value bare":         {"v=spf1 a mx -all", 10, 1 << 20, 10, 1, CodeValueNotExplained, " mx -all"},
		"value no blank":     {"v=spf1a:x.example.com", 10, 1 << 20, 10, 1, CodeValueNotExplained, "example.com"},
		"value in strings":   {`"v=spf1 a" " mx -all"`, 10, 1 << 20, 10, 1, CodeValueNotExplained, ` mx -all`},
		"value with escapes": {`"v=spf1\032a\032mx -all"`, 10, 1 << 20, 10, 1, CodeValueNotExplained, `\032mx -all`},
		"value at the limit": {"v=spf1 a", 10, 1 << 20, 8, 1, "", ""},
		// The glued-strings check reads the string the cut falls in.
		"cut inside a string": {`"v=spf1 a" "mx ip4:192.0.2.1 -all"`, 10, 1 << 20, 14, 1, CodeValueNotExplained, ` ip4:192.0.2.1 -all`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			withLimits(t, tt.records, tt.bytes, tt.value, func() {
				ex := explainT(t, tt.input, Options{})
				if len(ex.Records) != tt.want {
					t.Fatalf("%d records, want %d", len(ex.Records), tt.want)
				}
				last := ex.Records[len(ex.Records)-1]
				var got *explain.Finding
				for i, f := range last.Findings {
					if f.Code == CodeInputNotExplained || f.Code == CodeValueNotExplained {
						got = &last.Findings[i]
					}
				}
				switch {
				case tt.code == "" && got != nil:
					t.Errorf("finding %s %v, want none", got.Code, got.Span)
				case tt.code == "":
				case got == nil:
					t.Errorf("no finding, want %s", tt.code)
				case got.Code != tt.code || tt.input[got.Span[0]:got.Span[1]] != tt.rest:
					t.Errorf("finding %s on %q, want %s on %q", got.Code, tt.input[got.Span[0]:got.Span[1]], tt.code, tt.rest)
				}
			})
		})
	}
}

// TestLimitsLongEntries pins what is not explained of entries far past the
// limit: strings past the cut draw no findings, and tokens past
// 4×limits.value+1 KiB are not even kept.
func TestLimitsLongEntries(t *testing.T) {
	b, c := strings.Repeat("b", 300), strings.Repeat("c", 300)
	empties := `x. TXT "v=spf1 "` + strings.Repeat(` ""`, 2000) + ` "-all"`
	tests := map[string]struct {
		input  string
		rest   explain.Span
		absent string // a code that must not appear
	}{
		"strings past the cut": {`x. TXT "v=spf1 a" "` + b + `" "` + c + `"`, explain.Span{14, 622}, CodeStringTooLong},
		// The first token not kept is the first to start 1056 bytes
		// (1024 + 4×8) past the entry's start: ` ""` number 347.
		"tokens dropped": {empties, explain.Span{17 + 3*347, len(empties)}, CodeZoneSyntax},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			withLimits(t, 10, 1<<20, 8, func() {
				r := explainT(t, tt.input, Options{}).Records[0]
				var got []explain.Span
				for _, f := range r.Findings {
					switch f.Code {
					case CodeValueNotExplained:
						got = append(got, f.Span)
					case tt.absent:
						t.Errorf("finding %s %v", f.Code, f.Span)
					}
				}
				if len(got) != 1 || got[0] != tt.rest {
					t.Errorf("not explained %v, want [%v]", got, tt.rest)
				}
			})
		})
	}
}

// TestLimitsGolden shows how the findings about input past the limits read.
func TestLimitsGolden(t *testing.T) {
	input, err := os.ReadFile("testdata/limits.txt")
	if err != nil {
		t.Fatal(err)
	}
	withLimits(t, 2, 1<<20, 64, func() {
		golden.JSON(t, filepath.Join("testdata", "limits.golden.json"), explainT(t, string(input), Options{}))
	})
}

// TestBadEscapes pins the finding for each kind of bad escape in TXT
// strings: its span is the escape as written.
func TestBadEscapes(t *testing.T) {
	tests := map[string]struct {
		input string
		at    string // the bytes the finding covers; "" for no finding
	}{
		"over 255":          {`"v=spf1 a\300 -all"`, `\300`},
		"short decimal":     {`x. TXT "v=spf1 \1a -all"`, `\1`},
		"trailing":          {`"v=spf1 -all\`, `\`},
		"first of two":      {`"v=spf1 \999 \888 -all"`, `\999`},
		"unquoted trailing": {`x. TXT v=spf1\`, ""}, // unquoted data is taken as written
		"good escapes":      {`"v=spf1\032\255\"\\ -all"`, ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			ex := explainT(t, tt.input, Options{})
			var at []string
			for _, f := range ex.Records[0].Findings {
				if f.Code == CodeEscapeInvalid {
					at = append(at, tt.input[f.Span[0]:f.Span[1]])
					if f.Severity != explain.Error || ex.Records[0].Valid {
						t.Errorf("severity %s valid %v, want an error", f.Severity, ex.Records[0].Valid)
					}
				}
			}
			want := []string{}
			if tt.at != "" {
				want = []string{tt.at}
			}
			if len(at) == 0 {
				at = []string{}
			}
			if !reflect.DeepEqual(at, want) {
				t.Errorf("bad escape findings on %q, want %q", at, want)
			}
		})
	}
}

func TestOwnerAndTTL(t *testing.T) {
	input := "$ORIGIN example.com.\n$TTL 2h\n_dmarc IN TXT \"v=DMARC1; p=none\"\nexample.net. 60 IN MX 10 mx.example.net.\n"
	ex := explainT(t, input, Options{})
	if len(ex.Records) != 2 {
		t.Fatalf("got %d records, want 2", len(ex.Records))
	}
	for i, want := range []struct {
		owner string
		ttl   uint32
	}{{"_dmarc.example.com.", 7200}, {"example.net.", 60}} {
		r := ex.Records[i]
		if r.Owner != want.owner || r.TTL == nil || *r.TTL != want.ttl {
			t.Errorf("record %d: owner %q ttl %v, want %q %d", i, r.Owner, r.TTL, want.owner, want.ttl)
		}
	}
}

// TestMain gives the fuzzer's minimisation of one input a few seconds, not
// a minute (see internal/fuzzing).
func TestMain(m *testing.M) { fuzzing.Main(m) }

// fuzzSeeds cuts an input form into small seeds: the whole text when it is
// short, else each line, with the last $ORIGIN before it.
func fuzzSeeds(text string) []string {
	if len(text) <= 128 {
		return []string{text}
	}
	var seeds []string
	origin := ""
	for line := range strings.Lines(text) {
		switch {
		case strings.HasPrefix(line, "$ORIGIN"):
			origin = line
		case strings.TrimSpace(line) != "":
			seeds = append(seeds, origin+line)
		}
	}
	return seeds
}

// fuzzTypes are the types FuzzExplain forces, "" (none) and every kind's:
// its second argument picks one.
var fuzzTypes = append([]explain.Type{""}, typesOf(Kinds())...)

func typesOf(ks []*explain.Kind) []explain.Type {
	var ts []explain.Type
	for _, k := range ks {
		ts = append(ts, k.Type)
	}
	return ts
}

// maxFuzzInput bounds what FuzzExplain explains: longer inputs are cut to
// it. The fuzzer minimises each new input it keeps by trying to remove
// every run of its bytes, a number of tries that grows with the square of
// its length: past 1 KB a worker spends its minute minimising, not finding
// new paths. Inputs past the limits of one explanation are tested with
// small limits instead (see the second argument).
const maxFuzzInput = 1 << 10

// FuzzExplain checks that no input panics, every span lies inside the input,
// every field's text is the value's bytes written inside its span (for
// records from TXT strings, the joined and decoded value; see
// valueMap.textAt), and the same input always gives the same output. The
// second argument forces a type (fuzzTypes), so that every record parser
// meets arbitrary text, and with its high bit set lowers the limits of one
// explanation, so that short inputs reach the code that cuts them.
//
// Seeds are small on purpose: the fuzzer minimises each new input it keeps,
// trying to remove every subset of its bytes, so a mutant of a 500-byte zone
// holds a worker for most of a minute while one of a 60-byte line takes a
// second. The input forms are seeded one line at a time (with the $ORIGIN
// before it), and only a few seeds hold several records.
func FuzzExplain(f *testing.F) {
	files, _ := filepath.Glob("testdata/input/*.txt")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range fuzzSeeds(string(b)) {
			f.Add(s, byte(0))
		}
	}
	for i, s := range []string{
		"\"a\\", "x. TXT (\"a\"", `"v=spf1 a" " -all"`, `"v=spf1 include:a" "b.example -all"`,
		`"v=spf1\032-all\300"`, "v=spf2.0/pra mx -all", "v=DAC1; p=none", "k=rsa; p=MIGf",
		"10 mail.example.com.", `x. MX 10 m\999il.example.`, "_dmarc.x. TXT \"v=DMARC1; p=reject; rua=mailto:a@b\"",
		"s._domainkey.x. TXT \"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"",
		"$ORIGIN x.\n@ 300 IN TXT \"v=spf1 redirect=%{d}\"\n@ MX 0 .\n",
		// Copy-paste damage over lines (the input forms are seeded a line
		// at a time): line breaks inside quotes, HTML around records.
		"\"v=spf1 -all\n\"", "x. TXT ( \"v=DMARC1; p=none;\r\n rua=mailto:a@b\" )", "\"k=rsa; p=MIGf\n  MA0G\"\n\"x\n",
		"&quot;v=DMARC1;<br>p=none&quot;", "<pre><code>x. TXT &#34;v=spf1 a&#x22;</code></pre>\n<p>Wait an hour for this.</p>",
	} {
		f.Add(s, byte(i))
		f.Add(s, byte(i)|0x80)
	}
	f.Fuzz(func(t *testing.T, input string, typ byte) {
		// A cut, not a test of the length: a branch taken only by long
		// inputs would be new coverage, kept and then minimised for a
		// minute, one byte past the limit.
		input = input[:min(len(input), maxFuzzInput)]
		opts := Options{Type: fuzzTypes[int(typ&0x7f)%len(fuzzTypes)]}
		if typ&0x80 != 0 {
			// Small limits, so that small inputs go past them.
			withLimits(t, 3, 256, 32, func() { fuzzExplain(t, input, opts) })
			return
		}
		fuzzExplain(t, input, opts)
		compareFirstEngine(t, input, opts)
	})
}

// fuzzExplain is the body of FuzzExplain for one input and options.
func fuzzExplain(t *testing.T, input string, opts Options) {
	ex, err := Explain(input, opts)
	if err != nil {
		if !errors.Is(err, ErrNoRecord) {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	for _, r := range ex.Records {
		if err := r.CheckSpans(len(input)); err != nil {
			t.Fatal(err)
		}
	}
	// Explain again, in its two steps, to reach the values the records
	// were explained from: of the text repaired, when it has copy-paste
	// damage (Explain then maps the spans back onto the input).
	if dmg := findDamage(input); len(dmg) > 0 {
		input = repaired(input, dmg).text
		if ex, err = explainText(input, opts); err != nil {
			return
		}
	}
	found, _ := locate(input, opts)
	found, _ = dropText(input, found)
	again := explainAll(input, found)
	for i, r := range again {
		v := &found[i].value
		if err := r.CheckTextsAt(func(s explain.Span) (string, error) { return v.textAt(s), nil }); err != nil {
			t.Fatalf("%s record %d, value %q: %v", r.Type, i, v.text, err)
		}
	}
	a, _ := json.Marshal(ex.Records[:len(again)])
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Fatalf("output differs between two runs")
	}
	checkProposals(t, ex)
}

// splitStrings cuts each quoted string of text longer than a TXT string
// holds into strings of maxStringLen bytes, as the owner does who fills in
// a slot whose value is longer (an RSA public key).
func splitStrings(text string) string {
	var b strings.Builder
	in, n := false, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case !in:
			in, n = c == '"', 0
		case c == '"':
			in = false
		default:
			if n == maxStringLen {
				b.WriteString(`" "`)
				n = 0
			}
			n++
			if c == '\\' && i+1 < len(text) {
				b.WriteByte(c)
				i++
				c = text[i]
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// checkProposals checks that each record's proposal, its slots filled
// with their examples and explained again as the record's type, is one
// record with no error the record did not have, and none its proposal
// does not list as remaining: a proposal never makes a record worse.
func checkProposals(t *testing.T, ex explain.Explanation) {
	t.Helper()
	for _, r := range ex.Records {
		p := r.Proposal
		if p == nil {
			continue
		}
		text := splitStrings(explain.FillSlots(p.Text))
		// With the limits a user has: a slot's example (an RSA key) can
		// take the text past a fuzz run's small ones.
		var again explain.Explanation
		var err error
		withLimits(t, MaxRecords, MaxInputBytes, MaxValueBytes, func() { again, err = Explain(text, Options{Type: r.Type}) })
		if err != nil || len(again.Records) != 1 {
			t.Fatalf("proposal %q for %q: %d records, %v", text, ex.Input[r.Span[0]:r.Span[1]], len(again.Records), err)
		}
		errs := map[string]bool{}
		for _, f := range r.Findings {
			if f.Severity == explain.Error {
				errs[f.Code] = true
			}
		}
		for _, f := range again.Records[0].Findings {
			if f.Severity == explain.Error && (!errs[f.Code] || !slices.Contains(p.Remaining, f.Code)) {
				t.Errorf("proposal %q for %q: error %s (remaining %v): %s", text, ex.Input[r.Span[0]:r.Span[1]], f.Code, p.Remaining, f.Message)
			}
		}
	}
}

// benchmarkInput is a realistic paste: a domain's MX, SPF, DKIM and DMARC
// records as a zone.
const benchmarkInput = `$ORIGIN example.com.
$TTL 3600
@                  IN MX  10 mx1.example.com.
@                  IN MX  20 mx2.example.com.
@                  IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.google.com include:sendgrid.net ~all"
_dmarc             IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com; adkim=s; fo=1"
google._domainkey  IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+"
`

func BenchmarkExplain(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Explain(benchmarkInput, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*5)/b.Elapsed().Seconds(), "records/s")
}
