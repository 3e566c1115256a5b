package srv

import (
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/explain/explaintest"
)

func at(owner string) explain.Context { return explain.Context{Owner: owner} }

func zoneAt(owner string) explain.Context {
	return explain.Context{Owner: owner, Origin: "example.com."}
}

const (
	imaps       = "_imaps._tcp.example.com."
	imap        = "_imap._tcp.example.com."
	pop3        = "_pop3._tcp.example.com."
	submission  = "_submission._tcp.example.com."
	submissions = "_submissions._tcp.example.com."
)

// TestFindings checks, for each code, a value that must carry it: its
// severity and the bytes it points at.
func TestFindings(t *testing.T) {
	type W = explaintest.Want
	tests := map[string]struct {
		values []string
		ctx    explain.Context
		want   []W
		absent []string
	}{
		"good":               {[]string{"0 1 993 imap.example.com."}, at(imaps), nil, []string{CodePortNonstandard, CodePortMismatch, CodeServiceUnknown}},
		"empty":              {[]string{"  "}, at(imaps), []W{{CodeEmpty, explain.Error, "  "}}, nil},
		"target missing":     {[]string{"0 1 993"}, at(imaps), []W{{CodeFieldMissing, explain.Error, "0 1 993"}}, nil},
		"port missing":       {[]string{"0 1"}, at(imaps), []W{{CodeFieldMissing, explain.Error, "0 1"}}, nil},
		"not a number":       {[]string{"0 one 993 imap.example.com."}, at(imaps), []W{{CodeNumberInvalid, explain.Error, "one"}}, nil},
		"port range":         {[]string{"0 1 99300 imap.example.com."}, at(imaps), []W{{CodeNumberRange, explain.Error, "99300"}}, nil},
		"negative":           {[]string{"-1 1 993 imap.example.com."}, at(imaps), []W{{CodeNumberInvalid, explain.Error, "-1"}}, nil},
		"extra":              {[]string{"0 1 993 imap.example.com. ; main"}, at(imaps), []W{{CodeExtra, explain.Error, "; main"}}, nil},
		"no underscores":     {[]string{"0 1 993 imap.example.com."}, at("imaps.tcp.example.com."), []W{{CodeOwnerLabels, explain.Error, "0 1 993 imap.example.com."}}, nil},
		"unknown service":    {[]string{"0 1 5060 sip.example.com."}, at("_sip._tcp.example.com."), []W{{CodeServiceUnknown, explain.Info, "0 1 5060 sip.example.com."}}, []string{CodePortNonstandard}},
		"udp":                {[]string{"0 1 993 imap.example.com."}, at("_imaps._udp.example.com."), []W{{CodeProtoNotTCP, explain.Warning, "0 1 993 imap.example.com."}}, nil},
		"not offered":        {[]string{"0 0 0 ."}, at(imap), []W{{CodeNotOffered, explain.Info, "0 0 0 ."}}, []string{CodeCleartext, CodePortMismatch, CodePortNonstandard}},
		"not offered fields": {[]string{"10 1 143 ."}, at(imap), []W{{CodeNotOfferedFields, explain.Info, "10 1 143"}}, nil},
		"imaps on 143":       {[]string{"0 1 143 imap.example.com."}, at(imaps), []W{{CodePortMismatch, explain.Warning, "143"}}, nil},
		"submissions on 587": {[]string{"0 1 587 smtp.example.com."}, at(submissions), []W{{CodePortMismatch, explain.Warning, "587"}}, nil},
		"submission on 465":  {[]string{"0 1 465 smtp.example.com."}, at(submission), []W{{CodePortMismatch, explain.Warning, "465"}}, []string{CodeStartTLS}},
		"submission on 25":   {[]string{"0 1 25 smtp.example.com."}, at(submission), []W{{CodePortRelay, explain.Warning, "25"}}, []string{CodePortMismatch}},
		"nonstandard":        {[]string{"0 1 10993 imap.example.com."}, at(imaps), []W{{CodePortNonstandard, explain.Info, "10993"}}, nil},
		"starttls":           {[]string{"0 1 587 smtp.example.com."}, at(submission), []W{{CodeStartTLS, explain.Info, "0 1 587 smtp.example.com."}}, []string{CodeCleartext}},
		"cleartext imap":     {[]string{"0 1 143 imap.example.com."}, at(imap), []W{{CodeCleartext, explain.Warning, "0 1 143 imap.example.com."}}, nil},
		"cleartext pop3":     {[]string{"0 1 110 pop.example.com."}, at(pop3), []W{{CodeCleartext, explain.Warning, "0 1 110 pop.example.com."}}, nil},
		"ip":                 {[]string{"0 1 993 192.0.2.1"}, at(imaps), []W{{CodeTargetIP, explain.Error, "192.0.2.1"}}, nil},
		"url":                {[]string{"0 1 993 imaps://imap.example.com"}, at(imaps), []W{{CodeTargetURL, explain.Error, "imaps://imap.example.com"}}, nil},
		"mailbox":            {[]string{"0 1 993 me@example.com"}, at(imaps), []W{{CodeTargetMailbox, explain.Error, "me@example.com"}}, nil},
		"invalid":            {[]string{"0 1 993 imap*.example.com."}, at(imaps), []W{{CodeTargetInvalid, explain.Error, "*"}}, nil},
		"escape":             {[]string{`0 1 993 im\999ap.example.com.`}, at(imaps), []W{{CodeTargetEscape, explain.Error, `\999`}}, nil},
		"underscore":         {[]string{"0 1 993 imap_1.example.com."}, at(imaps), []W{{CodeTargetHostname, explain.Warning, "_"}}, nil},
		"idn":                {[]string{"0 1 993 imap.bücher.de."}, at(imaps), []W{{CodeTargetIDN, explain.Error, "imap.bücher.de"}}, nil},
		"empty label":        {[]string{"0 1 993 imap..example.com."}, at(imaps), []W{{CodeTargetEmptyLabel, explain.Error, "."}}, nil},
		"label length":       {[]string{"0 1 993 " + long(64) + ".example.com."}, at(imaps), []W{{CodeTargetLabelLength, explain.Error, long(64)}}, nil},
		"relative":           {[]string{"0 1 993 imap.example.com"}, zoneAt(imaps), []W{{CodeTargetRelative, explain.Warning, "imap.example.com"}}, nil},
		"doubled":            {[]string{"0 1 993 imap.example.com.example.com."}, at(imaps), []W{{CodeTargetDoubled, explain.Warning, "imap.example.com.example.com."}}, nil},
		"single label":       {[]string{"0 1 993 imap"}, at(imaps), []W{{CodeTargetSingleLabel, explain.Warning, "imap"}}, nil},
		"localhost":          {[]string{"0 1 993 localhost."}, at(imaps), []W{{CodeTargetLocalhost, explain.Error, "localhost."}}, nil},
		"special use":        {[]string{"0 1 993 imap.example.test."}, at(imaps), []W{{CodeTargetSpecialUse, explain.Error, "imap.example.test."}}, nil},
		"private":            {[]string{"0 1 993 imap.corp.internal."}, at(imaps), []W{{CodeTargetPrivate, explain.Warning, "imap.corp.internal."}}, nil},
		"owner":              {[]string{"0 1 993 example.com."}, at(imaps), []W{{CodeTargetOwner, explain.Info, "example.com."}}, nil},
		"mixed":              {[]string{"0 0 0 .", "0 1 993 imap.example.com."}, at(imaps), []W{{CodeSetNotOfferedMixed, explain.Warning, "0 0 0 ."}}, []string{CodeNotOffered}},
		"duplicate":          {[]string{"0 1 993 imap.example.com.", "10 1 993 IMAP.example.com."}, at(imaps), []W{{CodeSetDuplicate, explain.Warning, "10 1 993 IMAP.example.com."}}, nil},
		"weight zero":        {[]string{"0 0 993 spare.example.com.", "0 5 993 imap.example.com."}, at(imaps), []W{{CodeWeightZero, explain.Info, "0"}}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			recs := ExplainSet(tc.values, tc.ctx)
			var all explain.Record
			all.Findings = []explain.Finding{}
			for i, r := range recs {
				explaintest.Check(t, r, tc.values[i], nil, tc.absent)
			}
			for _, w := range tc.want {
				found := false
				for i, r := range recs {
					for _, f := range r.Findings {
						found = found || f.Code == w.Code && f.Severity == w.Sev && tc.values[i][f.Span[0]:f.Span[1]] == w.Text && f.Message != "" && f.Ref != ""
					}
				}
				if !found {
					t.Errorf("no %s %s on %q in %v", w.Sev, w.Code, w.Text, recs)
				}
			}
			if len(tc.want) == 0 {
				for _, r := range recs {
					if len(r.Findings) != 0 {
						t.Errorf("unexpected findings: %v", r.Findings)
					}
				}
			}
		})
	}
}

func long(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}

// TestOrder checks the order a client tries a set in: priority first,
// then weight shares.
func TestOrder(t *testing.T) {
	recs := ExplainSet([]string{"10 1 993 backup.example.com.", "0 3 993 b.example.com.", "0 1 993 a.example.com.", "0 1 993 192.0.2.1"}, at(imaps))
	want := []struct{ rank, chance int }{{2, 100}, {1, 75}, {1, 25}, {0, 0}}
	for i, w := range want {
		f := recs[i].Facts.(*Facts)
		if f.Rank != w.rank || f.Chance != w.chance {
			t.Errorf("record %d: rank %d chance %d, want %d %d", i, f.Rank, f.Chance, w.rank, w.chance)
		}
	}
}

// TestDetect checks that SRV's shape takes neither MX nor TLSA values,
// and that theirs does not take SRV's.
func TestDetect(t *testing.T) {
	for v, want := range map[string]explain.Likeness{
		"0 1 993 imap.example.com.": explain.Resembles,
		"0 0 0 .":                   explain.Resembles,
		"10 mail.example.com.":      explain.Not,
		"3 1 1 0123456789abcdef":    explain.Not,
		"0 1 993":                   explain.Not,
	} {
		if got := detect(v); got != want {
			t.Errorf("detect(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestParseOwner(t *testing.T) {
	o, ok := ParseOwner("_IMAPS._TCP.Example.com.")
	if !ok || o.Service != "IMAPS" || o.Proto != "tcp" || o.Domain != "Example.com." || o.Known == nil || o.Known.Port != 993 {
		t.Errorf("ParseOwner = %+v, %v", o, ok)
	}
	if _, ok := ParseOwner("example.com."); ok {
		t.Error("example.com. read as a service name")
	}
}
