// Package rrtype names DNS record types: the mnemonics of the IANA registry
// (RFC 6895 §3.1) as miekg/dns knows them, and RFC 3597's TYPEnnn for the
// rest. The page's first engine uses it in place of miekg/dns's tables;
// TestLikeMiekg keeps the two the same when miekg/dns is upgraded.
package rrtype

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
)

// The types mail records are published as.
const (
	MX   uint16 = 15
	TXT  uint16 = 16
	SRV  uint16 = 33 // RFC 2782; mail clients' services, RFC 6186
	TLSA uint16 = 52 // DANE, RFC 6698
	SPF  uint16 = 99 // removed by RFC 7208; receivers read SPF from TXT
)

// Name returns the mnemonic of the type code ("MX"), or "TYPEnnn".
func Name(code uint16) string {
	for _, t := range types {
		if t.code == code {
			return t.name
		}
	}
	return "TYPE" + strconv.Itoa(int(code))
}

// Code returns the type s names, in any case: a mnemonic ("mx") or RFC
// 3597's "TYPE15"; 0 when s names none.
func Code(s string) uint16 {
	u := strings.ToUpper(s)
	for _, t := range types {
		if t.name == u {
			return t.code
		}
	}
	if strings.HasPrefix(u, "TYPE") && ascii.IsDigits(u[4:]) {
		if n, err := strconv.ParseUint(u[4:], 10, 16); err == nil && n > 0 {
			return uint16(n)
		}
	}
	return 0
}

// types are the registry's mnemonics, by code. miekg/dns's "None" (0) and
// "Reserved" (65535) are not mnemonics and are left out.
var types = []struct {
	code uint16
	name string
}{
	{1, "A"},
	{2, "NS"},
	{3, "MD"},
	{4, "MF"},
	{5, "CNAME"},
	{6, "SOA"},
	{7, "MB"},
	{8, "MG"},
	{9, "MR"},
	{10, "NULL"},
	{12, "PTR"},
	{13, "HINFO"},
	{14, "MINFO"},
	{15, "MX"},
	{16, "TXT"},
	{17, "RP"},
	{18, "AFSDB"},
	{19, "X25"},
	{20, "ISDN"},
	{21, "RT"},
	{23, "NSAP-PTR"},
	{24, "SIG"},
	{25, "KEY"},
	{26, "PX"},
	{27, "GPOS"},
	{28, "AAAA"},
	{29, "LOC"},
	{30, "NXT"},
	{31, "EID"},
	{32, "NIMLOC"},
	{33, "SRV"},
	{34, "ATMA"},
	{35, "NAPTR"},
	{36, "KX"},
	{37, "CERT"},
	{39, "DNAME"},
	{41, "OPT"},
	{42, "APL"},
	{43, "DS"},
	{44, "SSHFP"},
	{45, "IPSECKEY"},
	{46, "RRSIG"},
	{47, "NSEC"},
	{48, "DNSKEY"},
	{49, "DHCID"},
	{50, "NSEC3"},
	{51, "NSEC3PARAM"},
	{52, "TLSA"},
	{53, "SMIMEA"},
	{55, "HIP"},
	{56, "NINFO"},
	{57, "RKEY"},
	{58, "TALINK"},
	{59, "CDS"},
	{60, "CDNSKEY"},
	{61, "OPENPGPKEY"},
	{62, "CSYNC"},
	{63, "ZONEMD"},
	{64, "SVCB"},
	{65, "HTTPS"},
	{99, "SPF"},
	{100, "UINFO"},
	{101, "UID"},
	{102, "GID"},
	{103, "UNSPEC"},
	{104, "NID"},
	{105, "L32"},
	{106, "L64"},
	{107, "LP"},
	{108, "EUI48"},
	{109, "EUI64"},
	{128, "NXNAME"},
	{249, "TKEY"},
	{250, "TSIG"},
	{251, "IXFR"},
	{252, "AXFR"},
	{253, "MAILB"},
	{254, "MAILA"},
	{255, "ANY"},
	{256, "URI"},
	{257, "CAA"},
	{258, "AVC"},
	{260, "AMTRELAY"},
	{261, "RESINFO"},
	{32768, "TA"},
	{32769, "DLV"},
}
