package mtasts

import (
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// codesOf lists the codes of rec's findings, in order.
func codesOf(rec explain.Record) []string {
	var cs []string
	for _, f := range rec.Findings {
		cs = append(cs, f.Code)
	}
	return cs
}

// checkCase checks a case of a table: the codes of rec's findings, in
// order, its validity and, when at is set, the text of in its first
// finding's span covers.
func checkCase(t *testing.T, rec explain.Record, in string, codes []string, valid bool, at string) {
	t.Helper()
	if got := codesOf(rec); !slices.Equal(got, codes) {
		t.Errorf("codes %v, want %v", got, codes)
	}
	if rec.Valid != valid {
		t.Errorf("valid %v, want %v", rec.Valid, valid)
	}
	if at != "" && len(rec.Findings) > 0 {
		if s := rec.Findings[0].Span; in[s[0]:s[1]] != at {
			t.Errorf("first finding at %q, want %q", in[s[0]:s[1]], at)
		}
	}
}

func TestExplainRecord(t *testing.T) {
	const owner = "_mta-sts.example.com."
	for name, c := range map[string]struct {
		in    string
		owner string // default owner when ""; "-" for none
		valid bool
		codes []string
		at    string // the text the first finding's span covers, when set
	}{
		"rfc example":            {in: "v=STSv1; id=20160831085700Z;", valid: true},
		"no spaces":              {in: "v=STSv1;id=abc", valid: true},
		"tab around semicolon":   {in: "v=STSv1\t;\tid=abc", valid: true, codes: []string{CodeVersionSpacing}},
		"space before semicolon": {in: "v=STSv1 ; id=abc", valid: true, codes: []string{CodeVersionSpacing}, at: " "},
		"32 characters":          {in: "v=STSv1; id=" + strings.Repeat("a1", 16), valid: true},
		"extension":              {in: "v=STSv1; id=1; foo-bar.baz=x!y", valid: true, codes: []string{CodeExtensionUnknown}, at: "foo-bar.baz=x!y"},
		"bare value":             {in: "v=STSv1; id=1", owner: "-", valid: true},
		"subdomain":              {in: "v=STSv1; id=1", owner: "_mta-sts.mail.example.com.", valid: true},

		"empty":               {in: "", codes: []string{CodeRecordEmpty}},
		"blanks":              {in: "  ", codes: []string{CodeRecordEmpty}},
		"version only":        {in: "v=STSv1", codes: []string{CodeIDMissing}},
		"version semicolon":   {in: "v=STSv1;", codes: []string{CodeIDMissing}},
		"leading space":       {in: " v=STSv1; id=1", codes: []string{CodeRecordWhitespace}, at: " "},
		"lower case version":  {in: "v=stsv1; id=1", codes: []string{CodeVersionInvalid}, at: "v=stsv1"},
		"upper case v":        {in: "V=STSv1; id=1", codes: []string{CodeVersionInvalid}},
		"other version":       {in: "v=STSv2; id=1", codes: []string{CodeVersionInvalid}},
		"id first":            {in: "id=1; v=STSv1", codes: []string{CodeVersionNotFirst}, at: "v=STSv1"},
		"no version":          {in: "id=1", codes: []string{CodeVersionMissing}},
		"another record":      {in: "google-site-verification=abc", codes: []string{CodeVersionMissing}},
		"id with hyphen":      {in: "v=STSv1; id=2016-08-31", codes: []string{CodeIDInvalid}, at: "-"},
		"id with dot":         {in: "v=STSv1; id=1.2", codes: []string{CodeIDInvalid}, at: "."},
		"empty id":            {in: "v=STSv1; id=", codes: []string{CodeIDInvalid}},
		"33 characters":       {in: "v=STSv1; id=" + strings.Repeat("a", 33), codes: []string{CodeIDTooLong}},
		"upper case id":       {in: "v=STSv1; ID=1", codes: []string{CodeFieldCase, CodeIDMissing}, at: "ID=1"},
		"blanks around =":     {in: "v=STSv1; id = 1", codes: []string{CodeFieldSyntax}, at: "id = 1"},
		"no equals":           {in: "v=STSv1; id=1; x", codes: []string{CodeFieldSyntax}, at: "x"},
		"comma separated":     {in: "v=STSv1, id=1", codes: []string{CodeFieldSyntax, CodeIDMissing}},
		"non-ascii":           {in: "v=STSv1; id=1é", codes: []string{CodeFieldChar}, at: "é"},
		"no-break space":      {in: "v=STSv1;\u00a0id=1", codes: []string{CodeFieldChar, CodeIDMissing}, at: "\u00a0"},
		"bad extension name":  {in: "v=STSv1; id=1; _x=1", codes: []string{CodeExtensionInvalid}},
		"long extension name": {in: "v=STSv1; id=1; " + strings.Repeat("x", 33) + "=1", codes: []string{CodeExtensionInvalid}},
		"empty extension":     {in: "v=STSv1; id=1; x=", codes: []string{CodeExtensionInvalid}},
		"= in extension":      {in: "v=STSv1; id=1; x=a=b", codes: []string{CodeExtensionInvalid}},
		"wrong owner":         {in: "v=STSv1; id=1", owner: "example.com.", codes: []string{CodeRecordOwner}},

		"second id":             {in: "v=STSv1; id=1; id=2", valid: true, codes: []string{CodeFieldDuplicate}, at: "id=2"},
		"second v":              {in: "v=STSv1; id=1; v=STSv1", valid: true, codes: []string{CodeFieldDuplicate}},
		"empty field":           {in: "v=STSv1;; id=1", valid: true, codes: []string{CodeFieldEmpty}, at: ";"},
		"trailing blanks":       {in: "v=STSv1; id=1 ", valid: true, codes: []string{CodeRecordTrailing}, at: " "},
		"trailing ; and blanks": {in: "v=STSv1; id=1; ", valid: true},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := explain.Context{Owner: owner}
			switch c.owner {
			case "-":
				ctx.Owner = ""
			case "":
			default:
				ctx.Owner = c.owner
			}
			checkCase(t, Explain(c.in, ctx), c.in, c.codes, c.valid, c.at)
		})
	}
}

func TestRecordFacts(t *testing.T) {
	rec := Explain("v=STSv1; id=abc; id=def; x=1; x=2; Y.z=3", explain.Context{})
	f := rec.Facts.(*RecordFacts)
	if f.Version == nil || *f.Version != "STSv1" || f.ID == nil || *f.ID != "abc" {
		t.Errorf("version %v id %v, want STSv1 and abc (the first)", f.Version, f.ID)
	}
	if len(f.Extensions) != 2 || f.Extensions["x"] != "1" || f.Extensions["Y.z"] != "3" {
		t.Errorf("extensions %v, want the first x and Y.z", f.Extensions)
	}
	none := Explain("", explain.Context{}).Facts.(*RecordFacts)
	if none.Version != nil || none.ID != nil || none.Extensions == nil {
		t.Errorf("empty record facts %+v, want null version and id, empty extensions", none)
	}
}

// TestExplainSet checks RFC 8461 §3.1: records that do not begin with
// "v=STSv1;" are discarded first, and only several of those that remain
// make every one of them unusable.
func TestExplainSet(t *testing.T) {
	ctx := explain.Context{Owner: "_mta-sts.example.com."}
	for name, c := range map[string]struct {
		values []string
		ctx    explain.Context
		multi  []bool
	}{
		"one":                 {[]string{"v=STSv1; id=1"}, ctx, []bool{false}},
		"two":                 {[]string{"v=STSv1; id=1", "v=STSv1; id=2"}, ctx, []bool{true, true}},
		"one and a discarded": {[]string{"v=STSv1; id=1", "v=stsv1; id=2", "site-verification=x"}, ctx, []bool{false, false, false}},
		"blank before ;":      {[]string{"v=STSv1; id=1", "v=STSv1 ; id=2"}, ctx, []bool{false, false}},
		"two without owner":   {[]string{"v=STSv1; id=1", "v=STSv1; id=2"}, explain.Context{}, []bool{false, false}},
	} {
		t.Run(name, func(t *testing.T) {
			recs := ExplainSet(c.values, c.ctx)
			for i, rec := range recs {
				got := slices.Contains(codesOf(rec), CodeRecordMultiple)
				if got != c.multi[i] {
					t.Errorf("record %d %q: multiple %v, want %v", i, c.values[i], got, c.multi[i])
				}
				if got && rec.Valid {
					t.Errorf("record %d is valid with %s", i, CodeRecordMultiple)
				}
			}
		})
	}
}
