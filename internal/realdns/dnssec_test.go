package realdns

import (
	"net/url"
	"os/exec"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

// signedZones are a signed parent t. with four children: signed (its DS
// in t.), plain (not signed: t. proves it has no DS), island (signed, no
// DS in t.) and bogus (signed with signatures that have expired).
var signedZones = map[string]string{
	"t.zone": "; realdns: sign\n$ORIGIN t.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\nns A 192.0.2.53\n" +
		"signed NS ns.t.\nplain NS ns.t.\nisland NS ns.t.\nbogus NS ns.t.\n@ TXT \"v=spf1 -all\"\n",
	"signed.zone": "; A signed child.\n;realdns:   sign\n$ORIGIN signed.t.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\n@ TXT \"v=spf1 -all\"\n",
	"plain.zone":  "$ORIGIN plain.t.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\n@ TXT \"v=spf1 -all\"\n",
	"island.zone": "; realdns: sign no-ds\n$ORIGIN island.t.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\n@ TXT \"v=spf1 -all\"\n",
	"bogus.zone":  "; realdns: sign expired\n$ORIGIN bogus.t.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\n@ TXT \"v=spf1 -all\"\n",
}

// TestDNSSEC: Unbound validates the zones signed at Start from the trust
// anchor of t.; a query with AD set (and DO not) is answered with AD set
// exactly when the answer was validated, and without RRSIG records.
func TestDNSSEC(t *testing.T) {
	s, err := Start(writeZones(t, signedZones), Options{Tmp: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := strings.Join(s.Signed, " "); got != "bogus.t. island.t. signed.t. t." {
		t.Errorf("Signed = %s", got)
	}
	for _, tc := range []struct {
		name    string
		qtype   uint16
		rcode   int
		answers int
		ad      bool
	}{
		{"t.", dns.TypeTXT, dns.RcodeSuccess, 1, true},
		{"t.", dns.TypeDNSKEY, dns.RcodeSuccess, 2, true},
		{"nothing.t.", dns.TypeA, dns.RcodeNameError, 0, true},
		{"signed.t.", dns.TypeTXT, dns.RcodeSuccess, 1, true},
		{"signed.t.", dns.TypeMX, dns.RcodeSuccess, 0, true}, // NODATA
		{"nothing.signed.t.", dns.TypeTXT, dns.RcodeNameError, 0, true},
		{"signed.t.", dns.TypeDNSKEY, dns.RcodeSuccess, 2, true},
		{"signed.t.", dns.TypeDS, dns.RcodeSuccess, 1, true},
		// Provably insecure: t. proves plain.t. has no DS.
		{"plain.t.", dns.TypeTXT, dns.RcodeSuccess, 1, false},
		{"nothing.plain.t.", dns.TypeTXT, dns.RcodeNameError, 0, false},
		{"plain.t.", dns.TypeDS, dns.RcodeSuccess, 0, true},
		// Signed, but no chain of trust: insecure too.
		{"island.t.", dns.TypeTXT, dns.RcodeSuccess, 1, false},
		{"island.t.", dns.TypeDNSKEY, dns.RcodeSuccess, 2, false},
		{"island.t.", dns.TypeDS, dns.RcodeSuccess, 0, true},
		// Bogus: validation fails, Unbound answers SERVFAIL.
		{"bogus.t.", dns.TypeTXT, dns.RcodeServerFailure, 0, false},
	} {
		t.Run(tc.name+"/"+dns.TypeToString[tc.qtype], func(t *testing.T) {
			m := askAD(t, s, tc.name, tc.qtype)
			if m.Rcode != tc.rcode || len(m.Answer) != tc.answers || m.AuthenticatedData != tc.ad {
				t.Errorf("%s, %d answers, AD=%v; want %s, %d, AD=%v\n%v\n%s", dns.RcodeToString[m.Rcode], len(m.Answer), m.AuthenticatedData,
					dns.RcodeToString[tc.rcode], tc.answers, tc.ad, m, s.Logs())
			}
			for _, rr := range append(append(m.Answer, m.Ns...), m.Extra...) {
				if rr.Header().Rrtype == dns.TypeRRSIG {
					t.Errorf("an RRSIG without DO: %v", rr)
				}
			}
		})
	}
	// Without AD (or DO) in the query, Unbound sets no AD in its answer
	// (RFC 6840 §5.7): a client must ask for it.
	if m := ask(t, s, "signed.t.", dns.TypeTXT); m.AuthenticatedData {
		t.Errorf("AD set in the answer to a query without AD or DO: %v", m)
	}
	// An independent client, kdig over DoH with +adflag, sees AD too.
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"signed.t.": true, "plain.t.": false} {
		out, err := exec.Command("kdig", "@"+u.Hostname(), "-p", u.Port(), "+https="+u.Path, "+tls-ca="+s.CAFile,
			"+tls-hostname=127.0.0.1", "+adflag", name, "TXT").CombinedOutput()
		if err != nil {
			t.Errorf("kdig: %v: %s", err, out)
			continue
		}
		flags := ""
		for line := range strings.Lines(string(out)) {
			if f, ok := strings.CutPrefix(line, ";; Flags: "); ok {
				flags, _, _ = strings.Cut(f, ";")
			}
		}
		if got := strings.Contains(" "+flags+" ", " ad "); got != want {
			t.Errorf("kdig %s: flags %q, want AD=%v\n%s", name, flags, want, out)
		}
	}
}

// With an RPZ drop rule (the respip module before the validator), the
// signed zones still validate.
func TestDNSSECWithDrop(t *testing.T) {
	s, err := Start(writeZones(t, signedZones), Options{Tmp: t.TempDir(), Drop: []string{"x.signed.t"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m := askAD(t, s, "signed.t.", dns.TypeTXT); m.Rcode != dns.RcodeSuccess || !m.AuthenticatedData {
		t.Errorf("signed.t.: %s, AD=%v\n%s", dns.RcodeToString[m.Rcode], m.AuthenticatedData, s.Logs())
	}
}

func TestMarker(t *testing.T) {
	for text, want := range map[string]signing{
		"$ORIGIN t.\n":                        {},
		"; about realdns: nothing\n":          {},
		"; realdns: sign\n":                   {sign: true},
		"  ;realdns: sign no-ds\n":            {sign: true, noDS: true},
		"; x\n; realdns: sign expired\n@ A 1": {sign: true, expired: true},
		"@ TXT x ; realdns: sign\n":           {}, // a comment after a record is not a marker line
	} {
		got, err := readMarker("t.zone", []byte(text))
		if err != nil || got != want {
			t.Errorf("%q: %+v, %v; want %+v", text, got, err, want)
		}
	}
	for _, text := range []string{"; realdns: signed\n", "; realdns: sign later\n", "; realdns:\n", "; realdns: sign\n; realdns: sign\n"} {
		if _, err := readMarker("t.zone", []byte(text)); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
}
