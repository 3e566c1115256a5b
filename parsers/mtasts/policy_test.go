package mtasts

import (
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// policy joins lines with LF, and ends the last one.
func policy(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

func TestExplainPolicy(t *testing.T) {
	head := []string{"version: STSv1", "mode: enforce", "max_age: 604800"}
	with := func(lines ...string) string { return policy(append(append([]string{}, head...), lines...)...) }
	for name, c := range map[string]struct {
		in    string
		valid bool
		codes []string
		at    string // the text the first finding's span covers, when set
	}{
		"rfc example":              {in: policy("version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: *.example.net", "mx: backupmx.example.com", "max_age: 604800"), valid: true},
		"crlf":                     {in: strings.ReplaceAll(with("mx: mail.example.com"), "\n", "\r\n"), valid: true},
		"mixed ends":               {in: "version: STSv1\r\nmode: enforce\nmax_age: 604800\r\nmx: mail.example.com", valid: true},
		"no final line end":        {in: strings.TrimSuffix(with("mx: mail.example.com"), "\n"), valid: true},
		"version last":             {in: policy("mode: enforce", "mx: mail.example.com", "max_age: 604800", "version: STSv1"), valid: true},
		"no blank after colon":     {in: policy("version:STSv1", "mode:enforce", "max_age:604800", "mx:mail.example.com"), valid: true},
		"tabs and trailing blanks": {in: policy("version:\tSTSv1 ", "mode: enforce\t", "max_age: 604800", "mx: mail.example.com  "), valid: true},
		"max one year":             {in: policy("version: STSv1", "mode: enforce", "max_age: 31557600", "mx: mail.example.com"), valid: true},
		"leading zeros":            {in: policy("version: STSv1", "mode: enforce", "max_age: 0604800", "mx: mail.example.com"), valid: true},
		"testing":                  {in: policy("version: STSv1", "mode: testing", "max_age: 604800", "mx: mail.example.com"), valid: true, codes: []string{CodeModeTesting}, at: "mode: testing"},
		"none without mx":          {in: policy("version: STSv1", "mode: none", "max_age: 86400"), valid: true, codes: []string{CodeModeNone}},
		"none with mx":             {in: policy("version: STSv1", "mode: none", "max_age: 86400", "mx: mail.example.com"), valid: true, codes: []string{CodeModeNone}},
		"unknown key":              {in: with("mx: mail.example.com", "x-note: hello world"), valid: true, codes: []string{CodeKeyUnknown}, at: "x-note: hello world"},
		"two mx same":              {in: with("mx: mail.example.com", "mx: MAIL.example.com"), valid: true, codes: []string{CodeMXDuplicate}, at: "MAIL.example.com"},
		"trailing dot":             {in: with("mx: mail.example.com."), valid: true, codes: []string{CodeMXTrailingDot}},
		"public suffix wildcard":   {in: with("mx: *.com"), valid: true, codes: []string{CodeMXPublicSuffix}},
		"second mode":              {in: with("mx: a.example.com", "mode: testing"), valid: true, codes: []string{CodeKeyDuplicate}, at: "mode: testing"},
		"blank line":               {in: "version: STSv1\n\nmode: enforce\nmax_age: 604800\nmx: a.example.com\n", valid: true, codes: []string{CodeLineBlank}, at: "\n"},
		"two line ends at the end": {in: with("mx: a.example.com") + "\n", valid: true, codes: []string{CodeLineBlank}},
		"leading blank":            {in: with(" mx: a.example.com"), valid: true, codes: []string{CodeLineWhitespace}, at: " "},
		"blank before colon":       {in: with("mx : a.example.com"), valid: true, codes: []string{CodeLineWhitespace}, at: " "},

		"empty":                {in: "", codes: []string{CodePolicyEmpty}},
		"bom":                  {in: "\ufeff" + with("mx: a.example.com"), codes: []string{CodePolicyBOM}},
		"no colon":             {in: with("mx a.example.com"), codes: []string{CodeLineSyntax, CodeMXMissing}, at: "mx a.example.com"},
		"bad key":              {in: with("_mx: a.example.com"), codes: []string{CodeLineSyntax, CodeMXMissing}},
		"key case":             {in: policy("Version: STSv1", "mode: enforce", "max_age: 604800", "mx: a.example.com"), codes: []string{CodeKeyCase, CodeVersionMissingPolicy}},
		"max-age":              {in: policy("version: STSv1", "mode: enforce", "max-age: 604800", "mx: a.example.com"), codes: []string{CodeKeyMisspelled, CodeMaxAgeMissing}},
		"no version":           {in: policy("mode: enforce", "max_age: 604800", "mx: a.example.com"), codes: []string{CodeVersionMissingPolicy}},
		"bad version":          {in: policy("version: stsv1", "mode: enforce", "max_age: 604800", "mx: a.example.com"), codes: []string{CodeVersionInvalidPolicy}, at: "stsv1"},
		"no mode":              {in: policy("version: STSv1", "max_age: 604800", "mx: a.example.com"), codes: []string{CodeModeMissing}},
		"bad mode":             {in: policy("version: STSv1", "mode: Enforce", "max_age: 604800", "mx: a.example.com"), codes: []string{CodeModeInvalid}, at: "Enforce"},
		"report mode":          {in: policy("version: STSv1", "mode: report", "max_age: 604800", "mx: a.example.com"), codes: []string{CodeModeInvalid}},
		"no max_age":           {in: policy("version: STSv1", "mode: enforce", "mx: a.example.com"), codes: []string{CodeMaxAgeMissing}},
		"max_age words":        {in: policy("version: STSv1", "mode: enforce", "max_age: 1w", "mx: a.example.com"), codes: []string{CodeMaxAgeInvalid}},
		"max_age negative":     {in: policy("version: STSv1", "mode: enforce", "max_age: -1", "mx: a.example.com"), codes: []string{CodeMaxAgeInvalid}},
		"max_age 11 digits":    {in: policy("version: STSv1", "mode: enforce", "max_age: 00000086400", "mx: a.example.com"), codes: []string{CodeMaxAgeInvalid}},
		"max_age empty":        {in: policy("version: STSv1", "mode: enforce", "max_age:", "mx: a.example.com"), codes: []string{CodeMaxAgeInvalid}},
		"max_age over a year":  {in: policy("version: STSv1", "mode: enforce", "max_age: 31557601", "mx: a.example.com"), codes: []string{CodeMaxAgeRange}},
		"no mx":                {in: with(), codes: []string{CodeMXMissing}},
		"mx list":              {in: with("mx: a.example.com, b.example.com"), codes: []string{CodeMXList}},
		"mx list blank":        {in: with("mx: a.example.com b.example.com"), codes: []string{CodeMXList}},
		"mx empty":             {in: with("mx:"), codes: []string{CodeMXInvalid}},
		"mx inner wildcard":    {in: with("mx: mail.*.example.com"), codes: []string{CodeMXInvalid}},
		"mx partial wildcard":  {in: with("mx: mx*.example.com"), codes: []string{CodeMXInvalid}},
		"mx lone wildcard":     {in: with("mx: *"), codes: []string{CodeMXInvalid}},
		"mx ip":                {in: with("mx: 192.0.2.1"), codes: []string{CodeMXInvalid}},
		"mx ipv6":              {in: with("mx: [2001:db8::1]"), codes: []string{CodeMXInvalid}},
		"mx url":               {in: with("mx: smtp://mail.example.com"), codes: []string{CodeMXInvalid}},
		"mx port":              {in: with("mx: mail.example.com:25"), codes: []string{CodeMXInvalid}},
		"mx underscore":        {in: with("mx: mail_1.example.com"), codes: []string{CodeMXInvalid}},
		"mx double dot":        {in: with("mx: mail..example.com"), codes: []string{CodeMXInvalid}},
		"mx long label":        {in: with("mx: " + strings.Repeat("a", 64) + ".example.com"), codes: []string{CodeMXInvalid}},
		"mx u-label":           {in: with("mx: mail.bücher.de"), codes: []string{CodeMXIDN}},
		"mode unread, max_age": {in: policy("version: STSv1", "mode: \x9f", "max_age: 0", "mx: a.example.com"), codes: []string{CodeLineChar}},
		"control byte":         {in: with("mx: a.example.com\x00"), codes: []string{CodeLineChar}},
		"lone cr":              {in: "version: STSv1\rmode: enforce\nmax_age: 604800\nmx: a.example.com\n", codes: []string{CodeLineChar, CodeModeMissing}},

		"enforce one hour": {in: policy("version: STSv1", "mode: enforce", "max_age: 3600", "mx: a.example.com"), valid: true, codes: []string{CodeMaxAgeShort}, at: "max_age: 3600"},
		"enforce zero":     {in: policy("version: STSv1", "mode: enforce", "max_age: 0", "mx: a.example.com"), valid: true, codes: []string{CodeMaxAgeShort}},
		"enforce one day":  {in: policy("version: STSv1", "mode: enforce", "max_age: 86400", "mx: a.example.com"), valid: true, codes: []string{CodeMaxAgeLow}},
		"enforce one week": {in: policy("version: STSv1", "mode: enforce", "max_age: 604800", "mx: a.example.com"), valid: true},
		"testing one hour": {in: policy("version: STSv1", "mode: testing", "max_age: 3600", "mx: a.example.com"), valid: true, codes: []string{CodeModeTesting, CodeMaxAgeLow}},
		"testing one day":  {in: policy("version: STSv1", "mode: testing", "max_age: 86400", "mx: a.example.com"), valid: true, codes: []string{CodeModeTesting}},
		"none one hour":    {in: policy("version: STSv1", "mode: none", "max_age: 3600"), valid: true, codes: []string{CodeModeNone}},
	} {
		t.Run(name, func(t *testing.T) {
			checkCase(t, ExplainPolicy(c.in, explain.Context{Owner: "example.com."}), c.in, c.codes, c.valid, c.at)
		})
	}
}

func TestPolicyFacts(t *testing.T) {
	rec := ExplainPolicy(policy("version: STSv1", "mode: testing", "mx: a.example.com", "max_age: 86400", "mx: *.example.net", "mode: enforce"), explain.Context{})
	f := rec.Facts.(*PolicyFacts)
	if *f.Version != "STSv1" || *f.Mode != "testing" || *f.MaxAge != 86400 || !slices.Equal(f.MX, []string{"a.example.com", "*.example.net"}) {
		t.Errorf("facts %s %s %d %v, want STSv1, the first mode (testing), 86400 and both mx", *f.Version, *f.Mode, *f.MaxAge, f.MX)
	}
	none := ExplainPolicy("x: y", explain.Context{}).Facts.(*PolicyFacts)
	if none.Version != nil || none.Mode != nil || none.MaxAge != nil || none.MX == nil || len(none.MX) != 0 {
		t.Errorf("facts of a policy with no keys %+v, want nulls and an empty mx list", none)
	}
}

// TestPolicyFields checks that every line but blank ones is one field,
// named by its key, its value without the blanks around it.
func TestPolicyFields(t *testing.T) {
	in := "version: STSv1\r\n\r\nmode:\tenforce \r\nmx: a.example.com\r\nmax_age: 604800"
	rec := ExplainPolicy(in, explain.Context{})
	var got []string
	for _, f := range rec.Fields {
		got = append(got, f.Name+"="+f.Value+"|"+f.Text)
	}
	want := []string{"version=STSv1|version: STSv1", "mode=enforce|mode:\tenforce", "mx=a.example.com|mx: a.example.com", "max_age=604800|max_age: 604800"}
	if !slices.Equal(got, want) {
		t.Errorf("fields %q, want %q", got, want)
	}
}

func TestIsPolicy(t *testing.T) {
	for in, want := range map[string]bool{
		"version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 86400": true,
		"version: STSv1":                   true,
		"VERSION: stsv1":                   true,
		"mode: enforce\nmx: a.example.com": true,
		"max_age: 86400":                   true,
		"mode: enforce\r\n":                true,
		"v=STSv1; id=1":                    false,
		"_mta-sts.example.com. IN TXT \"v=STSv1; id=1\"": false,
		"example.com. IN MX 10 mail.example.com.":        false,
		"mx: a.example.com\nv=spf1 -all":                 false,
		"":                                               false,
		"Subject: hello":                                 false,
		"version: TESTv1\nmode: enforce\nmx: a.example": false,
	} {
		if got := isPolicy(in); got != want {
			t.Errorf("isPolicy(%q) = %v, want %v", in, got, want)
		}
	}
}
