package zonecheck

import (
	"testing"

	"github.com/mxplain/mxplain/internal/zonecheck/plain"
)

// plainLines are lines as DNS panels and documentation write them: plain
// must vouch for each, and zone software accept it.
var plainLines = []struct{ text, origin string }{
	{`example.com. 3600 IN MX 10 mail.example.com.`, "."},
	{`example.com. IN 3600 MX 0 .`, "."},
	{`example.com. MX 10 mail`, "example.com."},
	{`@ MX 10 @`, "example.com."},
	{`example.com. 300 IN TXT "v=spf1 include:_spf.google.com ~all"`, "."},
	{`example.com. TXT "v=spf1 a" " -all"`, "."},
	{`_dmarc.example.com. IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"`, "."},
	{`sel._domainkey.example.com. TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC"`, "."},
	{`example.com. TXT v=spf1 -all`, "."},
	{`example.com. SPF "v=spf1 -all"`, "."},
	{`*.example.com. TXT ""`, "."},
	{`mxplain.invalid. TXT "v=STSv1; id=20240101T000000;"`, "."},
	{`ns1 IN A 192.0.2.53`, "example.com."},
	{`www 300 IN AAAA 2001:db8::80`, "example.com."},
	{`example.com. NS ns1.example.org.`, "."},
	{`mail CNAME @`, "example.com."},
	{`1.2.0.192.in-addr.arpa. PTR mail.example.com.`, "."},
	{`_imaps._tcp.example.com. 3600 IN SRV 0 1 993 imap.example.com.`, "."},
	{`_pop3._tcp SRV 0 0 0 .`, "example.com."},
	{`_25._tcp.mx.example.com. IN TLSA 3 1 1 845f5365118daaa4d38f76739fe7c12b9d813e271f7b1740f28852e7f3f0a567`, "."},
	{`_25._tcp.mx TLSA 2 0 0 30820122300D06`, "example.com."},
}

func TestPlainLines(t *testing.T) {
	for _, l := range plainLines {
		if !plain.Accepts(l.text, l.origin) {
			t.Errorf("plain does not vouch for %q under %q", l.text, l.origin)
		}
		if err := Line(l.text, l.origin, 3600); err != nil {
			t.Errorf("%q under %q: %v", l.text, l.origin, err)
		}
	}
}

// notPlain are lines plain leaves to zone software, right or wrong.
var notPlain = []struct{ text, origin string }{
	{`example.com. A 192.0.2.300`, "."},
	{`example.com. A 2001:db8::1`, "."},
	{`example.com. AAAA 192.0.2.1`, "."},
	{`example.com. AAAA ::ffff:192.0.2.1`, "."},
	{`example.com. AAAA fe80::1%eth0`, "."},
	{`example.com. A 192.0.2.1 192.0.2.2`, "."},
	{`example.com. CNAME a b`, "."},
	{`example.com. SOA ns. host. 1 2 3 4 5`, "."},
	{`example.com. MX 10 mail.example.com. extra`, "."},
	{`example.com. MX 65536 mail.example.com.`, "."},
	{`example.com. MX ten mail.example.com.`, "."},
	{`example.com. TXT "a\"b"`, "."},
	{`example.com. TXT "unclosed`, "."},
	{`example.com. TXT ( "a" "b" )`, "."},
	{`example.com. TXT "a" ; comment`, "."},
	{`ex..ample.com. TXT "a"`, "."},
	{`exämple.com. TXT "a"`, "."},
	{`example.com. CH TXT "a"`, "."},
	{`example.com. 1h TXT "a"`, "."},
	{`example.com. 300 300 TXT "a"`, "."},
	{`example.com. TXT`, "."},
	{`example.com. TXT "a"b`, "."},
	{`example.com. TXT @`, "."},
	{`_imaps._tcp.example.com. SRV 0 1 65536 imap.example.com.`, "."},
	{`_imaps._tcp.example.com. SRV 0 1 993`, "."},
	{`_imaps._tcp.example.com. SRV 0 1 993 "imap.example.com."`, "."},
	{`_25._tcp.mx.example.com. TLSA 3 1 256 ab`, "."},
	{`_25._tcp.mx.example.com. TLSA 3 1 1 abc`, "."},
	{`_25._tcp.mx.example.com. TLSA 3 1 1 zz`, "."},
	{`_25._tcp.mx.example.com. TLSA 3 1 1 ab cd`, "."},
}

func TestNotPlain(t *testing.T) {
	for _, l := range notPlain {
		if plain.Accepts(l.text, l.origin) {
			t.Errorf("plain vouches for %q under %q", l.text, l.origin)
		}
	}
}

// FuzzPlainImpliesAccepted checks the one promise of package plain: zone
// software accepts every line plain vouches for.
func FuzzPlainImpliesAccepted(f *testing.F) {
	for _, l := range append(plainLines, notPlain...) {
		f.Add(l.text, l.origin)
	}
	f.Fuzz(func(t *testing.T, text, origin string) {
		if plain.Accepts(text, origin) {
			if err := Line(text, origin, 3600); err != nil {
				t.Fatalf("plain vouches for %q under %q; zone software: %v", text, origin, err)
			}
		}
	})
}
