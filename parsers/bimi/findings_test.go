package bimi

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

// want is one finding a case expects: its code, severity and the text at
// its span.
type want = explaintest.Want

// TestFindings pins what a finding is (code, severity, the bytes it points
// at) and whether the record gives a logo receivers can fetch; goldens pin
// how it reads. absent lists codes that must not fire.
func TestFindings(t *testing.T) {
	const logo = "l=https://example.com/logo.svg"
	tests := map[string]struct {
		value, owner string
		want         []want
		absent       []string
		logo         bool
	}{
		"logo and certificate": {value: "v=BIMI1; " + logo + "; a=https://example.com/vmc.pem", logo: true,
			absent: []string{CodeEvidenceAbsent}},
		"svgz":                {value: "v=BIMI1; l=https://example.com/logo.svgz", logo: true, absent: []string{CodeLocationFormat}},
		"no suffix":           {value: "v=BIMI1; l=https://cdn.example.com/bimi?id=1", logo: true, absent: []string{CodeLocationFormat}},
		"png in the query":    {value: "v=BIMI1; l=https://example.com/logo.svg?fallback=x.png", logo: true, absent: []string{CodeLocationFormat}},
		"blanks around =":     {value: "v =\tBIMI1 ;l = https://example.com/logo.svg ;", logo: true, absent: []string{CodeRecordLeading, CodeTagSyntax}},
		"folded value":        {value: "v=BIMI1;\r\n l=https://example.com/logo.svg", logo: true, absent: []string{CodeTagSyntax}},
		"https in capitals":   {value: "v=BIMI1; l=HTTPS://EXAMPLE.COM/LOGO.SVG", logo: true},
		"port":                {value: "v=BIMI1; l=https://example.com:8443/logo.svg", logo: true},
		"declined":            {value: "v=BIMI1; l=; a=;", want: []want{{CodeDeclined, explain.Info, "l="}}},
		"declined without a=": {value: "v=BIMI1; l=", want: []want{{CodeDeclined, explain.Info, "l="}}},
		"jpeg":                {value: "v=BIMI1; l=https://example.com/logo.jpeg", want: []want{{CodeLocationFormat, explain.Error, "https://example.com/logo.jpeg"}}},
		"data URI":            {value: "v=BIMI1; l=data:image/svg+xml;base64,PHN2Zz4=", want: []want{{CodeLocationScheme, explain.Error, "data:image/svg+xml"}}},
		"two URLs":            {value: "v=BIMI1; l=https://a.example/x.svg, https://b.example/x.svg", want: []want{{CodeLocationMultiple, explain.Error, "https://a.example/x.svg, https://b.example/x.svg"}}},
		"encoded comma":       {value: "v=BIMI1; l=https://a.example/x%2Cy.svg", logo: true},
		"single-label host":   {value: "v=BIMI1; l=https://logos/x.svg", want: []want{{CodeLocationInvalid, explain.Error, "https://logos/x.svg"}}},
		"non-ASCII":           {value: "v=BIMI1; l=https://example.com/lögo.svg", want: []want{{CodeLocationInvalid, explain.Error, "ö"}}},
		"a= http":             {value: "v=BIMI1; " + logo + "; a=http://example.com/vmc.pem", logo: true, want: []want{{CodeEvidenceScheme, explain.Error, "http://example.com/vmc.pem"}}},
		"no l":                {value: "v=BIMI1;", want: []want{{CodeLocationMissing, explain.Error, "v=BIMI1;"}}},
		"L in capitals":       {value: "v=BIMI1; L=https://example.com/logo.svg", want: []want{{CodeTagCase, explain.Warning, "L"}, {CodeLocationMissing, explain.Error, "v=BIMI1; L=https://example.com/logo.svg"}}},
		"version case":        {value: "v=Bimi1; " + logo, want: []want{{CodeVersionInvalid, explain.Error, "v=Bimi1"}}},
		"V in capitals":       {value: "V=BIMI1; " + logo, want: []want{{CodeVersionInvalid, explain.Error, "V=BIMI1"}}},
		"version 2":           {value: "v=BIMI2; " + logo, want: []want{{CodeVersionInvalid, explain.Error, "v=BIMI2"}}},
		"duplicate l":         {value: "v=BIMI1; " + logo + "; l=https://example.com/b.svg", want: []want{{CodeTagDuplicate, explain.Error, "l=https://example.com/b.svg"}}},
		"duplicate v":         {value: "v=BIMI1; " + logo + "; v=BIMI1", want: []want{{CodeTagDuplicate, explain.Error, "v=BIMI1"}}, absent: []string{CodeVersionNotFirst}},
		"no =":                {value: "v=BIMI1; " + logo + "; logo", want: []want{{CodeTagSyntax, explain.Error, "logo"}}},
		"lps true":            {value: "v=BIMI1; " + logo + "; lps=true", logo: true, want: []want{{CodeLPSBoolean, explain.Info, "lps=true"}}},
		"lps TRUE":            {value: "v=BIMI1; " + logo + "; lps=TRUE", logo: true, want: []want{{CodeLPSPrefixes, explain.Warning, "lps=TRUE"}}},
		"lps prefix of 64":    {value: "v=BIMI1; " + logo + "; lps=" + strings.Repeat("a", 64), logo: true, want: []want{{CodeLPSInvalid, explain.Warning, "lps=" + strings.Repeat("a", 64)}}},
		"lps trailing comma":  {value: "v=BIMI1; " + logo + "; lps=a,", logo: true, want: []want{{CodeLPSInvalid, explain.Warning, "lps=a,"}}},
		"avp personal":        {value: "v=BIMI1; " + logo + "; avp=personal", logo: true, absent: []string{CodeAvatarInvalid}},
		"avp other":           {value: "v=BIMI1; " + logo + "; avp=logo", logo: true, want: []want{{CodeAvatarInvalid, explain.Warning, "avp=logo"}}},
		"unknown tag":         {value: "v=BIMI1; " + logo + "; s=brand", logo: true, want: []want{{CodeTagUnknown, explain.Info, "s=brand"}}},
		"owner default":       {value: "v=BIMI1; " + logo, owner: "default._bimi.example.com.", logo: true, absent: []string{CodeOwnerMismatch, CodeSelectorInvalid}},
		"owner in capitals":   {value: "v=BIMI1; " + logo, owner: "Default._BIMI.Example.COM.", logo: true, absent: []string{CodeOwnerMismatch}},
		"owner _bimi only":    {value: "v=BIMI1; " + logo, owner: "_bimi.example.com.", logo: true, want: []want{{CodeOwnerMismatch, explain.Error, "v=BIMI1; " + logo}}},
		"owner the domain":    {value: "v=BIMI1; " + logo, owner: "example.com.", logo: true, want: []want{{CodeOwnerMismatch, explain.Error, "v=BIMI1; " + logo}}},
		"owner no domain":     {value: "v=BIMI1; " + logo, owner: "default._bimi.", logo: true, want: []want{{CodeOwnerMismatch, explain.Error, "v=BIMI1; " + logo}}},
		"selector hyphen":     {value: "v=BIMI1; " + logo, owner: "-x._bimi.example.com.", logo: true, want: []want{{CodeSelectorInvalid, explain.Warning, "v=BIMI1; " + logo}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(tc.value, explain.Context{Owner: tc.owner})
			explaintest.Check(t, rec, tc.value, tc.want, tc.absent)
			if got := rec.Facts.(*Facts).LogoUsable; got != tc.logo {
				t.Errorf("logo_usable = %v, want %v; findings: %v", got, tc.logo, rec.Findings)
			}
		})
	}
}

// TestFacts pins the facts programs read.
func TestFacts(t *testing.T) {
	rec := Explain("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem; lps=news, promo; avp=personal",
		explain.Context{Owner: "brand.mail._bimi.example.com."})
	f := rec.Facts.(*Facts)
	if f.Version != "BIMI1" || f.Logo != "https://example.com/logo.svg" || f.Authority != "https://example.com/vmc.pem" ||
		f.Declined || !f.LogoUsable || f.Avatar != "personal" || f.Selector != "brand.mail" || f.Domain != "example.com" {
		t.Errorf("facts %+v", f)
	}
	if f.LocalPart == nil || *f.LocalPart != "news, promo" || len(f.Prefixes) != 2 || f.Prefixes[1] != "promo" {
		t.Errorf("lps %v, prefixes %q", f.LocalPart, f.Prefixes)
	}
	d := Explain("v=BIMI1; l=; a=", explain.Context{}).Facts.(*Facts)
	if !d.Declined || d.LogoUsable || d.LocalPart != nil || d.Avatar != "brand" || d.Prefixes == nil {
		t.Errorf("declined facts %+v", d)
	}
}
