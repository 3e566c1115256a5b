package explain_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestJSONShape pins the parts of the JSON contract that other programs
// read: spans as two-element arrays, a null TTL, lists that are never null.
func TestJSONShape(t *testing.T) {
	r := explain.New(explain.TypeSPF, "v=spf1 -all")
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"spf","owner":"","ttl":null,"value":"v=spf1 -all","span":[0,11],"summary":"","valid":true,"fields":[],"findings":[],"facts":null}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestAddKeepsValid(t *testing.T) {
	r := explain.New(explain.TypeDMARC, "v=DMARC1")
	r.Add(explain.Finding{Severity: explain.Warning, Code: "x.warning"})
	if !r.Valid {
		t.Error("a warning made the record invalid")
	}
	r.Add(explain.Finding{Severity: explain.Error, Code: "x.error"})
	if r.Valid {
		t.Error("an error left the record valid")
	}
}

// TestAddConstantTime pins that Add does not rescan the findings: it must
// not see an Error slipped into Findings behind its back, which a rescan
// would (and a rescan makes explaining quadratic in the findings).
func TestAddConstantTime(t *testing.T) {
	r := explain.New(explain.TypeSPF, "v=spf1")
	r.Findings = append(r.Findings, explain.Finding{Severity: explain.Error, Code: "x.error"})
	r.Add(explain.Finding{Severity: explain.Warning, Code: "x.warning"})
	if !r.Valid {
		t.Error("Add rescanned the findings")
	}
}

func TestCheckSpans(t *testing.T) {
	r := explain.New(explain.TypeMX, "10 mx.")
	r.Fields = append(r.Fields, explain.Field{Name: "preference", Span: explain.Span{0, 2},
		Children: []explain.Field{{Name: "digit", Span: explain.Span{1, 9}}}})
	if err := r.CheckSpans(6); err == nil {
		t.Error("a child span past the input was not reported")
	}
	r.Fields[0].Children[0].Span = explain.Span{1, 2}
	if err := r.CheckSpans(6); err != nil {
		t.Errorf("good spans reported: %v", err)
	}
}

func TestCheckTexts(t *testing.T) {
	r := explain.New(explain.TypeSPF, "v=spf1 -redirect=x")
	r.Fields = append(r.Fields, explain.Field{Name: "redirect", Text: "-redirect=x", Span: explain.Span{7, 18},
		Children: []explain.Field{{Name: "qualifier", Text: "", Span: explain.Span{7, 8}}}})
	if err := r.CheckTexts(r.Value); err == nil {
		t.Error("a child whose text is not the bytes at its span was not reported")
	}
	r.Fields[0].Children[0].Text = "-"
	if err := r.CheckTexts(r.Value); err != nil {
		t.Errorf("good texts reported: %v", err)
	}
	r.Fields[0].Span = explain.Span{7, 30}
	if err := r.CheckTexts(r.Value); err == nil {
		t.Error("a span past the text was not reported")
	}
}

// A parser reports spans into the value; MapSpans moves them onto the input
// the value was found in.
func ExampleRecord_MapSpans() {
	input := `example.com. TXT "v=spf1 -all"`
	r := explain.New(explain.TypeSPF, "v=spf1 -all")
	r.Fields = append(r.Fields, explain.Field{Name: "all", Span: explain.Span{7, 11}})
	r.MapSpans(func(s explain.Span) explain.Span { return s.Shift(18) })
	f := r.Fields[0]
	fmt.Println(f.Span, input[f.Span.Start():f.Span.End()])
	// Output: [25 29] -all
}
