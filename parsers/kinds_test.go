package parsers

import (
	"slices"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestKinds checks what every front end relies on in each kind: a type
// unique in the registry and none of the types that are no kind, a label,
// a title, a reference and an Explain; and that what decides its
// detection is consistent.
func TestKinds(t *testing.T) {
	seen := map[explain.Type]bool{}
	for _, k := range Kinds() {
		t.Run(string(k.Type), func(t *testing.T) {
			switch {
			case k.Type == "" || k.Type == explain.TypeUnknown || k.Type == explain.TypeOther:
				t.Errorf("type %q", k.Type)
			case seen[k.Type]:
				t.Errorf("type %q registered twice", k.Type)
			case string(k.Type) != strings.ToLower(string(k.Type)):
				t.Errorf("type %q is not lower-case", k.Type)
			}
			seen[k.Type] = true
			if k.Label == "" || k.Title == "" || k.Ref == "" || k.Looks == "" || k.Explain == nil {
				t.Errorf("label %q, title %q, ref %q, looks %q, Explain set %v: want all", k.Label, k.Title, k.Ref, k.Looks, k.Explain != nil)
			}
			if KindOf(k.Type) != k {
				t.Errorf("KindOf(%q) is not the registered kind", k.Type)
			}
			for _, rr := range k.RRTypeImplies {
				if !slices.Contains(k.RRTypes, rr) {
					t.Errorf("RR type %s implies the kind but is not among its RR types", dns.TypeToString[rr])
				}
			}
			for _, v := range k.Versions {
				if v == "" || v != strings.ToLower(v) {
					t.Errorf("version %q: want a lower-case prefix", v)
				}
			}
			if len(k.OwnerLabels) > 0 && k.OwnerRef == "" {
				t.Error("owner labels without the OwnerRef that says where it is published")
			}
			if k.Selector && len(k.OwnerLabels) == 0 {
				t.Error("a selector before no owner labels")
			}
			if k.AtDomain && len(k.OwnerLabels) > 0 {
				t.Error("read at the domain itself and at owner labels")
			}
		})
	}
	if KindOf(explain.TypeUnknown) != nil || KindOf(explain.TypeOther) != nil {
		t.Error("unknown and other are no kinds")
	}
}

// TestParseType checks that ParseType accepts exactly the registry's type
// names, in any case (not a label that is no name: "MTA-STS policy"), and
// that its error names them all.
func TestParseType(t *testing.T) {
	bad := []string{"", "unknown", "other", "txt", " spf", "spf1", "dmarc1", "Sender-ID"}
	for _, k := range Kinds() {
		for _, s := range []string{string(k.Type), strings.ToUpper(string(k.Type))} {
			if got, err := ParseType(s); err != nil || got != k.Type {
				t.Errorf("ParseType(%q) = %q, %v; want %q", s, got, err, k.Type)
			}
		}
		if !strings.EqualFold(k.Label, string(k.Type)) {
			bad = append(bad, k.Label)
		}
	}
	for _, s := range bad {
		got, err := ParseType(s)
		if err == nil {
			t.Errorf("ParseType(%q) = %q, want an error", s, got)
			continue
		}
		for _, name := range TypeNames() {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("ParseType(%q): %v does not name %s", s, err, name)
			}
		}
	}
	if got := TypeNames(); len(got) != len(Kinds()) {
		t.Errorf("TypeNames() = %v, for %d kinds", got, len(Kinds()))
	}
}

// withKind runs f with k registered before the kinds there are, so that
// detection tries it first.
func withKind(t *testing.T, k *explain.Kind, f func()) {
	t.Helper()
	saved := kinds
	kinds = append([]*explain.Kind{k}, kinds...)
	defer func() { kinds = saved }()
	f()
}

// policyKind is a kind of document with no RR type, as the MTA-STS policy
// file is: for TestDocumentKind.
var policyKind = &explain.Kind{
	Type: "test-policy", Label: "Test", Title: "Test policy file", Ref: "RFC 8461",
	Versions: []string{"testv1"},
	Document: func(input string) bool { return strings.HasPrefix(input, "version: TESTv1") },
	Detect: func(v string) explain.Likeness {
		if strings.HasPrefix(v, "mode:") {
			return explain.Resembles
		}
		return explain.Not
	},
	Explain: func(value string, _ explain.Context) explain.Record {
		r := explain.New("test-policy", value)
		r.Summary = "A test policy."
		return r
	},
}

// TestDocumentKind pins how a kind of documents and a kind with no RR type
// are found: a whole input the kind's Document accepts, or any input
// forced to the kind, is one record spanning it; a zone record is never of
// a kind with no RR type, whatever its value; a bare value may be.
func TestDocumentKind(t *testing.T) {
	withKind(t, policyKind, func() {
		tests := map[string]struct {
			input string
			typ   explain.Type // forced
			want  []explain.Type
		}{
			"document":          {"version: TESTv1\r\nmode: enforce\nmx: *.example.com\n", "", []explain.Type{"test-policy"}},
			"not a document":    {"v=spf1 -all\nmode: enforce", "", []explain.Type{explain.TypeSPF, "test-policy"}},
			"forced":            {"v=spf1 -all\nmode: enforce", "test-policy", []explain.Type{"test-policy"}},
			"zone record":       {`example.com. TXT "mode: enforce"`, "", []explain.Type{explain.TypeUnknown}},
			"zone record by v=": {`example.com. TXT "v=testv1 x"`, "", []explain.Type{explain.TypeUnknown}},
			"bare value by v=":  {"v=testv1 x", "", []explain.Type{"test-policy"}},
			"others forced":     {"version: TESTv1\nmode: enforce", explain.TypeSPF, []explain.Type{explain.TypeSPF, explain.TypeSPF}},
		}
		for name, tt := range tests {
			t.Run(name, func(t *testing.T) {
				ex := explainT(t, tt.input, Options{Type: tt.typ})
				var got []explain.Type
				for _, r := range ex.Records {
					got = append(got, r.Type)
				}
				if !slices.Equal(got, tt.want) {
					t.Fatalf("types %v, want %v", got, tt.want)
				}
				if r := ex.Records[0]; len(tt.want) == 1 && tt.want[0] == "test-policy" && tt.input[:7] != "v=testv" {
					if r.Span != (explain.Span{0, len(tt.input)}) || r.Value != tt.input {
						t.Errorf("span %v value %q, want the whole input", r.Span, r.Value)
					}
					for _, f := range r.Findings {
						t.Errorf("finding %s: a document is no TXT record", f.Code)
					}
				}
			})
		}
		if _, err := Explain(" \n", Options{Type: "test-policy"}); err != ErrNoRecord {
			t.Errorf("a blank document: %v, want ErrNoRecord", err)
		}
		// Past the longest value, an input is not offered to Document
		// (which would read all of it); forced, it is still one document.
		long := "version: TESTv1\n" + strings.Repeat("mode: enforce\n", 10)
		withLimits(t, 100, 1<<20, 64, func() {
			// Lines no kind recognises among records are skipped text.
			if ex := explainT(t, long, Options{}); len(ex.Records)+len(ex.Skipped) != 11 {
				t.Errorf("a long input: %d records and %d skipped, want one a line", len(ex.Records), len(ex.Skipped))
			}
			if n := len(explainT(t, long, Options{Type: "test-policy"}).Records); n != 1 {
				t.Errorf("a long input forced: %d records, want 1", n)
			}
		})
	})
}

func TestDomain(t *testing.T) {
	tests := map[string]struct {
		kind             *explain.Kind
		owner            string
		domain, selector string
		ok               bool
	}{
		"at the domain":      {KindOf(explain.TypeSPF), "example.com.", "example.com.", "", true},
		"under owner labels": {KindOf(explain.TypeDMARC), "_DMARC.example.com.", "example.com.", "", true},
		"not at its name":    {KindOf(explain.TypeDMARC), "example.com.", "", "", false},
		"selector":           {KindOf(explain.TypeDKIM), "s1.eu._domainkey.example.com.", "example.com.", "s1.eu", true},
		"no selector":        {KindOf(explain.TypeDKIM), "_domainkey.example.com.", "", "", false},
		"relative":           {KindOf(explain.TypeDKIM), "s1._domainkey.example", "example", "s1", true},
		"no domain":          {KindOf(explain.TypeDKIM), "s1._domainkey.", "", "s1", true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			d, s, ok := Domain(tt.kind, tt.owner)
			if d != tt.domain || s != tt.selector || ok != tt.ok {
				t.Errorf("Domain(%s, %q) = %q, %q, %v; want %q, %q, %v", tt.kind.Type, tt.owner, d, s, ok, tt.domain, tt.selector, tt.ok)
			}
		})
	}
}

// TestUnrecognisedHint: the finding on text no kind recognises says how to
// tell every registered kind.
func TestUnrecognisedHint(t *testing.T) {
	r := explainUnknown("hello there")
	if len(r.Findings) != 1 || r.Findings[0].Code != CodeUnrecognised {
		t.Fatalf("findings %+v", r.Findings)
	}
	for _, k := range Kinds() {
		if !strings.Contains(r.Findings[0].Message, k.Looks) {
			t.Errorf("%s: the message lacks %q", k.Type, k.Looks)
		}
	}
}
