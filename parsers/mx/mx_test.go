package mx

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

var (
	noCtx    = explain.Context{}
	panel    = explain.Context{Owner: "example.com."}
	zone     = explain.Context{Owner: "example.com.", Origin: "example.com."}
	rootZone = explain.Context{Owner: "example.com.", Origin: "."}
)

func codes(fs []explain.Finding) []string {
	cs := []string{}
	for _, f := range fs {
		cs = append(cs, f.Code)
	}
	return cs
}

func TestParse(t *testing.T) {
	tests := map[string]struct {
		value    string
		ctx      explain.Context
		pref     int // -1: no preference read
		exchange string
		fqdn     string
		null     bool
		relative bool
		codes    []string
	}{
		"seed":                       {"10 mail.example.com.", panel, 10, "mail.example.com.", "mail.example.com.", false, false, nil},
		"upper case":                 {"10 MAIL.Example.COM.", panel, 10, "MAIL.Example.COM.", "mail.example.com.", false, false, nil},
		"panel no dot":               {"10 mail.example.com", panel, 10, "mail.example.com", "mail.example.com.", false, false, nil},
		"zone relative":              {"10 mail.example.com", zone, 10, "mail.example.com", "mail.example.com.example.com.", false, true, []string{CodeExchangeRelative}},
		"zone suffix only":           {"10 myexample.com", zone, 10, "myexample.com", "myexample.com.example.com.", false, true, []string{CodeExchangeRelative}},
		"origin doubled":             {"10 mail.example.com.example.com.", panel, 10, "mail.example.com.example.com.", "mail.example.com.example.com.", false, false, []string{CodeExchangeDoubled}},
		"origin doubled, upper case": {"10 MX.Example.COM.example.com.", panel, 10, "MX.Example.COM.example.com.", "mx.example.com.example.com.", false, false, []string{CodeExchangeDoubled}},
		"owner once":                 {"10 example.com.example.net.", panel, 10, "example.com.example.net.", "example.com.example.net.", false, false, nil},
		"needless escape":            {"10 m\\097il.Example.com.", panel, 10, "m\\097il.Example.com.", "mail.example.com.", false, false, nil},
		"escaped hyphen, relative":   {"10 mx\\-1", zone, 10, "mx\\-1", "mx-1.example.com.", false, true, nil},
		"escaped dot kept":           {"10 a\\.b.example.com.", panel, 10, "a\\.b.example.com.", "a\\.b.example.com.", false, false, []string{CodeExchangeInvalid}},
		"zone single label":          {"10 mail", zone, 10, "mail", "mail.example.com.", false, true, nil},
		"root origin":                {"10 mail.example.com", rootZone, 10, "mail.example.com", "mail.example.com.", false, false, nil},
		"origin no dot":              {"10 mx", explain.Context{Origin: "Example.ORG"}, 10, "mx", "mx.example.org.", false, true, nil},
		"at":                         {"10 @", zone, 10, "@", "example.com.", false, false, []string{CodeExchangeOwner}},
		"at no context":              {"10 @", noCtx, 10, "@", "", false, false, nil},
		"null":                       {"0 .", panel, 0, ".", ".", true, false, []string{CodeNull}},
		"null preference":            {"10 .", panel, 10, ".", ".", true, false, []string{CodeNullPreference}},
		"max preference":             {"65535 mx.example.net.", panel, 65535, "mx.example.net.", "mx.example.net.", false, false, nil},
		"leading zeros":              {"010 mx.example.net.", panel, 10, "mx.example.net.", "mx.example.net.", false, false, nil},
		"range":                      {"65536 mx.example.net.", panel, -1, "mx.example.net.", "mx.example.net.", false, false, []string{CodePreferenceRange}},
		"negative":                   {"-5 mx.example.net.", panel, -1, "mx.example.net.", "mx.example.net.", false, false, []string{CodePreferenceRange}},
		"plus sign":                  {"+5 mx.example.net.", panel, -1, "mx.example.net.", "mx.example.net.", false, false, []string{CodePreferenceInvalid}},
		"word":                       {"mail", panel, -1, "", "", false, false, []string{CodePreferenceInvalid, CodeExchangeMissing}},
		"swapped":                    {"mx.example.net. 5", panel, 5, "mx.example.net.", "mx.example.net.", false, false, []string{CodeFieldsSwapped}},
		"missing":                    {"mx.example.net.", panel, -1, "mx.example.net.", "mx.example.net.", false, false, []string{CodePreferenceMissing}},
		"ip alone":                   {"192.0.2.1", panel, -1, "192.0.2.1", "192.0.2.1.", false, false, []string{CodePreferenceMissing, CodeExchangeIP}},
		"ipv6 literal":               {"10 [IPv6:2001:db8::1]", panel, 10, "[IPv6:2001:db8::1]", "[ipv6:2001:db8::1].", false, false, []string{CodeExchangeIP}},
		"bad literal":                {"10 [mail]", panel, 10, "[mail]", "[mail].", false, false, []string{CodeExchangeInvalid}},
		"ip port":                    {"10 192.0.2.1:25", panel, 10, "192.0.2.1:25", "192.0.2.1:25.", false, false, []string{CodeExchangeURL, CodeExchangeIP}},
		"colon":                      {"10 mail:relay.example.com.", panel, 10, "mail:relay.example.com.", "mail:relay.example.com.", false, false, []string{CodeExchangeInvalid}},
		"mailto":                     {"10 mailto:postmaster@example.com", panel, 10, "mailto:postmaster@example.com", "mailto:postmaster@example.com.", false, false, []string{CodeExchangeMailbox}},
		"extra":                      {"10 a.example.com. 3600", panel, 10, "a.example.com.", "a.example.com.", false, false, []string{CodeExtra}},
		"escape digits":              {`10 m\097il.example.com.`, panel, 10, `m\097il.example.com.`, `mail.example.com.`, false, false, nil},
		"trailing escape":            {`10 mail\`, panel, 10, `mail\`, `mail\.`, false, false, []string{CodeExchangeEscape, CodeExchangeSingleLabel}},
		"escape over 255":            {`10 m\999il.example.com.`, panel, 10, `m\999il.example.com.`, `m\999il.example.com.`, false, false, []string{CodeExchangeEscape}},
		"escape 300":                 {`10 m\300il.example.com.`, panel, 10, `m\300il.example.com.`, `m\300il.example.com.`, false, false, []string{CodeExchangeEscape}},
		"short escape":               {`10 m\1il.example.com.`, panel, 10, `m\1il.example.com.`, `m\1il.example.com.`, false, false, []string{CodeExchangeEscape}},
		"escape and idn":             {`10 m\999il.bücher.de.`, panel, 10, `m\999il.bücher.de.`, `m\999il.bücher.de.`, false, false, []string{CodeExchangeEscape, CodeExchangeIDN}},
		"escaped final dot":          {`10 mail\.`, panel, 10, `mail\.`, `mail\..`, false, false, []string{CodeExchangeInvalid, CodeExchangeSingleLabel}},
		"localhost sub":              {"10 mx.localhost", panel, 10, "mx.localhost", "mx.localhost.", false, false, []string{CodeExchangeLocalhost}},
		"home.arpa":                  {"10 mx.home.arpa.", panel, 10, "mx.home.arpa.", "mx.home.arpa.", false, false, []string{CodeExchangePrivate}},
		"relative too long":          {"10 " + strings.Repeat("a.", 121) + "b", zone, 10, strings.Repeat("a.", 121) + "b", strings.Repeat("a.", 121) + "b.example.com.", false, true, []string{CodeExchangeRelative, CodeExchangeNameLength}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m, fs := Parse(tc.value, tc.ctx)
			if got := codes(fs); !slices.Equal(got, append([]string{}, tc.codes...)) {
				t.Errorf("codes = %v, want %v", got, tc.codes)
			}
			pref := -1
			if m.HasPreference {
				pref = int(m.Preference)
			}
			if pref != tc.pref {
				t.Errorf("preference = %d, want %d", pref, tc.pref)
			}
			if m.Exchange != tc.exchange || m.FQDN != tc.fqdn {
				t.Errorf("exchange = %q (%q), want %q (%q)", m.Exchange, m.FQDN, tc.exchange, tc.fqdn)
			}
			if m.Null != tc.null || m.Relative != tc.relative {
				t.Errorf("null, relative = %v, %v; want %v, %v", m.Null, m.Relative, tc.null, tc.relative)
			}
			for _, f := range fs {
				if f.Span[0] < 0 || f.Span[1] > len(tc.value) || f.Span[0] > f.Span[1] {
					t.Errorf("%s span %v outside %q", f.Code, f.Span, tc.value)
				}
			}
		})
	}
}

func TestSummary(t *testing.T) {
	google := []string{"1 aspmx.l.google.com.", "5 alt1.aspmx.l.google.com.", "5 alt2.aspmx.l.google.com.",
		"10 alt3.aspmx.l.google.com.", "10 alt4.aspmx.l.google.com."}
	googleOrder := "mail for example.com goes first to aspmx.l.google.com (preference 1); if it does not answer, to alt1.aspmx.l.google.com (5), sharing load equally with alt2.aspmx.l.google.com (5); if neither answers, to alt3.aspmx.l.google.com (10), sharing load equally with alt4.aspmx.l.google.com (10)."
	tests := map[string]struct {
		values []string
		ctx    explain.Context
		want   []string
	}{
		"seed": {[]string{"10 mail.example.com."}, panel,
			[]string{"Mail for example.com goes to mail.example.com (preference 10)."}},
		"brief": {[]string{"10 mx1.example.com.", "10 mx2.example.com.", "20 backup.example.net."}, panel, []string{
			"One of 2 equal first choices: mail for example.com goes first to mx1.example.com (preference 10), sharing load equally with mx2.example.com (10); if neither answers, to backup.example.net (20).",
			"One of 2 equal first choices: mail for example.com goes first to mx1.example.com (preference 10), sharing load equally with mx2.example.com (10); if neither answers, to backup.example.net (20).",
			"Second choice: mail for example.com goes first to mx1.example.com (preference 10), sharing load equally with mx2.example.com (10); if neither answers, to backup.example.net (20).",
		}},
		"google": {google, panel, []string{
			"First choice: " + googleOrder, "One of 2 equal second choices: " + googleOrder, "One of 2 equal second choices: " + googleOrder,
			"One of 2 equal third choices: " + googleOrder, "One of 2 equal third choices: " + googleOrder,
		}},
		"microsoft 365": {[]string{"0 contoso-com.mail.protection.outlook.com."}, explain.Context{Owner: "contoso.com."},
			[]string{"Mail for contoso.com goes to contoso-com.mail.protection.outlook.com (preference 0)."}},
		"null": {[]string{"0 ."}, panel,
			[]string{"Null MX: example.com accepts no mail, so senders fail at once instead of queueing and retrying."}},
		"broken": {[]string{"10 192.0.2.1", "20 backup.example.net."}, panel, []string{
			"This MX record does not work: its exchange “192.0.2.1” is an address, not a host name.",
			"Mail for example.com goes to backup.example.net (preference 20); 1 other listed record does not work.",
		}},
		"no owner": {[]string{"5 mx.example.net."}, noCtx,
			[]string{"Mail for this domain goes to mx.example.net (preference 5)."}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			recs := ExplainSet(tc.values, tc.ctx)
			if len(recs) != len(tc.want) {
				t.Fatalf("%d records, want %d", len(recs), len(tc.want))
			}
			for i, r := range recs {
				if r.Summary != tc.want[i] {
					t.Errorf("record %d summary:\n got %s\nwant %s", i, r.Summary, tc.want[i])
				}
			}
		})
	}
}

func TestExplainIsSetOfOne(t *testing.T) {
	for _, v := range []string{"10 mail.example.com.", "0 .", "", "mail 10", "10 192.0.2.1"} {
		t.Run(v, func(t *testing.T) {
			a := mustJSON(t, Explain(v, zone))
			b := mustJSON(t, ExplainSet([]string{v}, zone)[0])
			if a != b {
				t.Errorf("Explain and ExplainSet of one differ:\n%s\n%s", a, b)
			}
		})
	}
}

func TestRecordShape(t *testing.T) {
	r := Explain("10 mail.example.com.", panel)
	if r.Type != explain.TypeMX || r.RRType != "MX" || r.Owner != "example.com." || !r.Valid {
		t.Errorf("record = %+v", r)
	}
	f, ok := r.Facts.(*Facts)
	if !ok {
		t.Fatalf("facts are %T, want *Facts", r.Facts)
	}
	if f.Preference == nil || *f.Preference != 10 || f.Exchange != "mail.example.com." || f.NullMX || f.Rank != 1 {
		t.Errorf("facts = %+v", f)
	}
	empty := mustJSON(t, ExplainSet([]string{""}, noCtx)[0])
	for _, key := range []string{`"fields":null`, `"findings":null`, `"shares_load_with":null`} {
		if strings.Contains(empty, key) {
			t.Errorf("JSON has %s: %s", key, empty)
		}
	}
	if got := ExplainSet(nil, panel); len(got) != 0 {
		t.Errorf("ExplainSet(nil) = %d records", len(got))
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "first", 10: "tenth", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 23: "23rd", 111: "111th"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLargeSetStaysSmall guards against output that grows with the square of
// the set: each record's JSON stays bounded however many records share it.
func TestLargeSetStaysSmall(t *testing.T) {
	tests := map[string]func(i int) string{
		"all equal":   func(i int) string { return "10 mx" + itoa(i) + ".example.com." },
		"all ordered": func(i int) string { return itoa(i) + " mx" + itoa(i) + ".example.com." },
		"null mixed": func(i int) string {
			if i == 0 {
				return "0 ."
			}
			return "10 mx" + itoa(i) + ".example.com."
		},
	}
	for name, value := range tests {
		t.Run(name, func(t *testing.T) {
			values := make([]string, 3000)
			for i := range values {
				values[i] = value(i)
			}
			for i, r := range ExplainSet(values, panel) {
				if n := len(mustJSON(t, r)); n > 8000 {
					t.Fatalf("record %d is %d bytes of JSON", i, n)
				}
			}
		})
	}
}

func TestRelativeMessage(t *testing.T) {
	tests := map[string]struct{ value, want string }{
		"repeats origin": {"10 mail.example.com", "That name most likely does not exist."},
		"other domain":   {"10 myexample.com", "If you meant the host “myexample.com” itself"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, fs := Parse(tc.value, zone)
			if len(fs) != 1 || !strings.Contains(fs[0].Message, tc.want) {
				t.Errorf("findings = %+v, want one containing %q", fs, tc.want)
			}
		})
	}
}

// TestNullMixedForms pins RFC 7505 §3 for sets holding "." exchanges: the
// null MX is "0 ." alone; "10 ." next to it is another MX record, not a
// second null MX, and it is not a duplicate host either.
func TestNullMixedForms(t *testing.T) {
	tests := map[string]struct {
		values []string
		codes  [][]string // per record
	}{
		"null and dot at 10": {[]string{"0 .", "10 ."}, [][]string{
			{CodeSetNullMixed}, {CodeNullPreference, CodeSetNullMixed}}},
		"null twice":       {[]string{"0 .", "0 ."}, [][]string{{CodeNull}, {CodeNull, CodeSetDuplicate}}},
		"null and host":    {[]string{"0 .", "10 mx.example.net."}, [][]string{{CodeSetNullMixed}, {CodeSetNullMixed}}},
		"dot at 10 and 20": {[]string{"10 .", "20 ."}, [][]string{{CodeNullPreference}, {CodeNullPreference}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			recs := ExplainSet(tc.values, panel)
			for i, r := range recs {
				if got := codes(r.Findings); !slices.Equal(got, tc.codes[i]) {
					t.Errorf("record %d (%q): codes = %q, want %q", i, tc.values[i], got, tc.codes[i])
				}
			}
		})
	}
}
