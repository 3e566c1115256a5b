package build

import (
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// seedKey is an RSA 2048 public key (the page's DKIM example), in base64.
const seedKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAntNMNUNvU+MUanyQNf14qWpUi9QquFR7ThNo5ZJzBr0r2WNjOAfNOp3XDTbeg5yC3laq/tSarz3ABYCjfpnEihg/gldygeeICAsEMBtVhl9yQ4Qb6L+mXUWrPSSsVr40HhqE0Obzlb94PaQ6AGWlR3ni1qjP8GGoLzMSNwn4s1FU7F9wjYODki3Pd74qzgbfL/FasqbtXxViO4vpRH1QEg9yXbF2UOQg8HAraj4zBaHrmV1ZZ/n4oGfycJSJdicLhsbYC6H3TwhPpUFGOEVCGYWkmyQn1DJPgikBe0DveKi2rXksd8fwf0ZkXShEZDNnqSetG6mC6Q3t8DeTMzcRgQIDAQAB"

// pem is seedKey as a PEM block, as key generators print it.
func pem() string {
	var b strings.Builder
	b.WriteString("-----BEGIN PUBLIC KEY-----\n")
	for rest := seedKey; rest != ""; {
		n := min(64, len(rest))
		b.WriteString(rest[:n] + "\n")
		rest = rest[n:]
	}
	return b.String() + "-----END PUBLIC KEY-----\n"
}

func TestEveryKindHasAForm(t *testing.T) {
	var types []explain.Type
	for _, f := range Forms() {
		types = append(types, f.Type)
	}
	for _, k := range parsers.Kinds() {
		if !slices.Contains(types, k.Type) {
			t.Errorf("kind %s has no form in build's list", k.Type)
		}
	}
	if len(forms) != len(types) {
		t.Errorf("%d forms, %d of them for a kind of parsers.Kinds", len(forms), len(types))
	}
}

// TestBuildSeed builds the records of the seed article
// (../shared/seed/), correctly filled in: each is the record the article
// shows, with an address and a key in place of its placeholders, and each
// is explained as valid, with no error and no warning but the one about
// the documentation address.
func TestBuildSeed(t *testing.T) {
	dkimValue := "v=DKIM1; k=rsa; p=" + seedKey
	dkimRecord := `default._domainkey.example.com. IN TXT "` + dkimValue[:255] + `" "` + dkimValue[255:] + `"`
	tests := []struct {
		name   string
		t      explain.Type
		values explain.FormValues
		want   string
	}{
		{"MX", "mx", explain.FormValues{"host": {"10 mail.example.com"}}, "example.com. IN MX 10 mail.example.com."},
		{"SPF", "spf", explain.FormValues{"ip4": {"198.51.100.25"}, "include": {"_spf.google.com"}, "all": {"-"}},
			`example.com. IN TXT "v=spf1 ip4:198.51.100.25 include:_spf.google.com -all"`},
		{"DKIM from PEM", "dkim", explain.FormValues{"selector": {"default"}, "key": {pem()}}, dkimRecord},
		{"DKIM from base64", "dkim", explain.FormValues{"selector": {"default"}, "key": {seedKey}, "k": {"rsa"}}, dkimRecord},
		{"DMARC", "dmarc", explain.FormValues{"p": {"quarantine"}, "rua": {"dmarc-reports@example.com"}, "ruf": {"mailto:dmarc-failures@example.com"}, "fo": {"1"}},
			`_dmarc.example.com. IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com; ruf=mailto:dmarc-failures@example.com; fo=1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Build(tt.t, tt.values, "example.com", parsers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if b.Text != tt.want {
				t.Errorf("text\n got %s\nwant %s", b.Text, tt.want)
			}
			if len(b.Slots) != 0 {
				t.Errorf("slots left: %v", b.Slots)
			}
			checkExplained(t, b)
			for _, r := range b.Explanation.Records {
				for _, f := range r.Findings {
					// Any address a test may use is one kept for documentation.
					if f.Severity != explain.Info && f.Code != "spf.ip.documentation" {
						t.Errorf("%s %s: %s", f.Severity, f.Code, f.Message)
					}
				}
			}
		})
	}
}

// checkExplained checks that b's explanation is one record of b's type per
// value, each of that value.
func checkExplained(t *testing.T, b Built) {
	t.Helper()
	recs := b.Explanation.Records
	if len(recs) != len(b.Values) {
		t.Fatalf("%q: %d records explained, %d values built", b.Text, len(recs), len(b.Values))
	}
	for i, r := range recs {
		if r.Type != b.Type || r.Value != b.Values[i] {
			t.Errorf("%q: record %d is %s %q, want %s %q", b.Text, i, r.Type, r.Value, b.Type, b.Values[i])
		}
	}
}

// TestBuild is what each form makes of some choices: defaults left out,
// slots where the record needs what only its owner knows.
func TestBuild(t *testing.T) {
	tests := []struct {
		t      explain.Type
		values explain.FormValues
		domain string
		text   string
		owner  string
		slots  []string
	}{
		{"mx", explain.FormValues{"host": {"mx1.example.com", "", "mx2.example.com."}}, "example.com",
			"example.com. IN MX 10 mx1.example.com.\nexample.com. IN MX 20 mx2.example.com.", "example.com.", nil},
		{"mx", explain.FormValues{"host": {"mx1.example.com"}, "null": {"on"}}, "example.com", "example.com. IN MX 0 .", "example.com.", nil},
		{"mx", nil, "", "10 {{host}}.", "", []string{"host"}},
		{"spf", explain.FormValues{"mx": {"on"}, "a": {"on"}, "ip6": {"ip6:2001:db8::/32"}, "include": {"Include:sendgrid.net"}}, "example.com",
			`example.com. IN TXT "v=spf1 ip6:2001:db8::/32 a mx include:sendgrid.net ~all"`, "example.com.", nil},
		{"spf", nil, "example.com", `example.com. IN TXT "v=spf1 ~all"`, "example.com.", nil},
		{"dkim", explain.FormValues{"testing": {"on"}, "strict": {"on"}}, "example.com",
			`{{selector}}._domainkey.example.com. IN TXT "v=DKIM1; k=rsa; t=y:s; p={{rsa-public-key}}"`, "{{selector}}._domainkey.example.com.", []string{"selector", "rsa-public-key"}},
		{"dkim", explain.FormValues{"selector": {"ed"}, "key": {"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="}}, "example.com",
			`ed._domainkey.example.com. IN TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="`, "ed._domainkey.example.com.", nil},
		{"dmarc", explain.FormValues{"p": {"reject"}, "sp": {""}, "np": {"reject"}, "adkim": {"s"}, "aspf": {"r"}, "t": {"on"}, "fo": {"1"}}, "example.com",
			`_dmarc.example.com. IN TXT "v=DMARC1; p=reject; np=reject; adkim=s; t=y"`, "_dmarc.example.com.", nil},
		{"dmarc", nil, "", "v=DMARC1; p=none", "", nil},
		{"mta-sts", explain.FormValues{"id": {"20261204T1200"}}, "example.com", `_mta-sts.example.com. IN TXT "v=STSv1; id=20261204T1200"`, "_mta-sts.example.com.", nil},
		{"mta-sts", nil, "example.com", `_mta-sts.example.com. IN TXT "v=STSv1; id={{policy-id}}"`, "_mta-sts.example.com.", []string{"policy-id"}},
		{"mta-sts-policy", explain.FormValues{"mode": {"enforce"}, "mx": {"mx1.example.com.", "*.mail.example.net"}, "max_age": {"1209600"}}, "example.com",
			"version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.mail.example.net\r\nmax_age: 1209600\r\n", "https://mta-sts.example.com/.well-known/mta-sts.txt", nil},
		{"tls-rpt", explain.FormValues{"rua": {"tls@example.com", "https://reports.example.net/tlsrpt"}}, "example.com",
			`_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:tls@example.com,https://reports.example.net/tlsrpt"`, "_smtp._tls.example.com.", nil},
		{"tls-rpt", nil, "", "v=TLSRPTv1; rua=mailto:{{report-address}}", "", []string{"report-address"}},
		{"bimi", explain.FormValues{"selector": {"default"}, "l": {"https://example.com/logo.svg"}, "a": {"https://example.com/vmc.pem"}, "avp": {"personal"}}, "example.com",
			`default._bimi.example.com. IN TXT "v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem; avp=personal;"`, "default._bimi.example.com.", nil},
		{"bimi", explain.FormValues{"selector": {"default"}, "declined": {"on"}}, "example.com", `default._bimi.example.com. IN TXT "v=BIMI1; l=; a=;"`, "default._bimi.example.com.", nil},
	}
	for _, tt := range tests {
		b, err := Build(tt.t, tt.values, tt.domain, parsers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var slots []string
		for _, s := range b.Slots {
			slots = append(slots, s.Name)
		}
		if b.Text != tt.text || b.Owner != tt.owner || !slices.Equal(slots, tt.slots) {
			t.Errorf("%s %v:\n got %q at %q, slots %v\nwant %q at %q, slots %v", tt.t, tt.values, b.Text, b.Owner, slots, tt.text, tt.owner, tt.slots)
		}
		checkExplained(t, b)
	}
	if _, err := Build("other", nil, "", parsers.Options{}); err == nil {
		t.Error("a type with no form built")
	}
}

// FuzzBuild fills every field of every form with what the fuzzer gives:
// the builder never fails, and the text it writes is explained as one
// record of the form's type per value it built, each of that value (no
// field's text can break out of its record).
func FuzzBuild(f *testing.F) {
	f.Add("mail.example.com", "v=spf1 \"a\";b", "line\nbreak")
	f.Add("10 a.", "\\", "\x00")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		for _, form := range Forms() {
			values := explain.FormValues{"selector": {a}}
			for i, field := range form.Fields {
				values[field.Name] = [][]string{{a}, {b, c}, {c}}[i%3]
			}
			built, err := Build(form.Type, values, "example.com", parsers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkExplained(t, built)
		}
	})
}
