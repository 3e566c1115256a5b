package spf

// The messages about the values terms carry: domains, macros, addresses and
// prefix lengths (the renderers the table in messages.go names).

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Domains and macros (spf.domain.*, spf.macro.*, spf.include.self, spf.redirect.self).

func msgMacroExpOnly(a explain.Args) string {
	return fmt.Sprintf(`%q uses a macro letter (c, r or t) that RFC 7208 allows only in explanation text, the TXT record an exp= modifier points to, not in %s; receivers return permerror for the whole record. Use another letter or move the text into the explanation record.`, a["macro"], a["name"])
}

func msgMacroInvalid(a explain.Args) string {
	return fmt.Sprintf(`%q is not a valid macro: %s; receivers return permerror for the whole record. A macro is written %%{letter}, optionally with a number of parts, "r" and delimiters (%%{ir}, %%{d2}); a literal %% is written %%%%.`, a["macro"], macroProblemText(MacroProblem(a["problem"]), byte(argRune(a, "char"))))
}

// macroProblemText says what problem is, about the byte c.
func macroProblemText(problem MacroProblem, c byte) string {
	switch problem {
	case MacroPercentAtEnd:
		return `"%" at the end is not followed by "{", "%", "_" or "-"`
	case MacroPercentOther:
		return fmt.Sprintf(`"%%" is followed by %q instead of "{", "%%", "_" or "-"`, c)
	case MacroUnclosed:
		return `"%{" is never closed with "}"`
	case MacroNoLetter:
		return `"%{}" has no macro letter`
	case MacroBadLetter:
		return fmt.Sprintf("%q is not a macro letter (s, l, o, d, i, p, h, v, and c, r, t in explanation text only)", c)
	case MacroExpOnlyLetter:
		return fmt.Sprintf("macro letter %q is allowed only in explanation text", c)
	case MacroZeroDigits:
		return "the number of parts to keep must not be zero"
	case MacroBadTransformer:
		return fmt.Sprintf("%q is not a transformer or a delimiter (. - + , / _ =)", c)
	case MacroBadByte:
		return fmt.Sprintf("byte 0x%02X is not a visible ASCII character", c)
	}
	return string(problem)
}

func msgMacroPTR(a explain.Args) string {
	return fmt.Sprintf(`%q expands to the client's validated reverse-DNS name, which RFC 7208 says SHOULD NOT be published: it costs extra DNS lookups (counted toward the limit of 10) and depends on records the sender's network controls. Use another macro or ip4/ip6.`, a["macro"])
}

// msgDomainInvalid is about a domain-spec that does not end in a valid
// top-level label or a macro.
func msgDomainInvalid(a explain.Args) string {
	name, spec := a["name"], a["domain"]
	const tail = "so receivers return permerror for the whole record."
	switch a["reason"] {
	case reasonList:
		return msgDomainList(spec, "not a valid domain-spec (RFC 7208 §7.1), so receivers return permerror for the whole record")
	case reasonDotAfterMacro:
		return fmt.Sprintf(`%q ends in a "." right after a macro: a domain-spec must end in a macro or in "." and a top-level label (RFC 7208 §7.1), %s Remove the final ".".`, spec, tail)
	}
	if i := strings.LastIndexByte(spec, '/'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return fmt.Sprintf(`%s takes no CIDR length, but %q ends in %q: a domain must end in a top-level label such as ".com", %s Remove %q.`, name, spec, spec[i:], tail, spec[i:])
	}
	if i := strings.LastIndexByte(spec, ':'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return fmt.Sprintf(`%q ends in the port %q; SPF names hosts, not ports, %s Remove %q.`, spec, spec[i:], tail, spec[i:])
	}
	if ip, err := netip.ParseAddr(spec); err == nil && ip.Is4() {
		return fmt.Sprintf(`%q is an IP address, not a domain (its last label is all digits), %s To authorise the address, write "ip4:%s".`, spec, tail, spec)
	}
	if strings.HasSuffix(strings.ToLower(spec), "-all") || strings.HasSuffix(spec, "~all") || strings.HasSuffix(spec, "?all") || strings.HasSuffix(spec, "+all") {
		return fmt.Sprintf(`%q is not a domain: it ends in %q with no space before it, %s`, spec, spec[len(spec)-4:], tail)
	}
	top := a["label"]
	switch {
	case a["reason"] == reasonNoDot:
		return fmt.Sprintf(`%q has no dot: a domain-spec must end in "." and a top-level label (like "example.com") or in a macro, %s Write the full domain name.`, spec, tail)
	case top == "":
		return fmt.Sprintf(`%q ends in an empty label: a domain-spec must end in "." and a top-level label or in a macro, %s`, spec, tail)
	}
	return fmt.Sprintf(`%q ends in %q, which is not a valid top-level label (letters, digits and inner hyphens, not all digits, not starting or ending with "-"), %s`, spec, top, tail)
}

// msgDomainList is about spec, a domain-spec holding a "," or ";": terms
// written as a list; what says what receivers make of it.
func msgDomainList(spec, what string) string {
	sep := spec[strings.IndexAny(spec, ",;"):][:1]
	return fmt.Sprintf(`%q holds %q: terms are separated by spaces only, so receivers read it as one domain, %s. Write the terms apart with a space where the %q is.`, spec, sep, what, sep)
}

// msgDomainBadName is about a domain-spec that is valid SPF syntax but not
// a DNS name.
func msgDomainBadName(a explain.Args) string {
	spec := a["domain"]
	var why string
	switch a["reason"] {
	case reasonList:
		what := "a name that does not exist, so the term never matches"
		if k := Kind(a["kind"]); k == KindInclude || k == KindRedirect {
			what = "a name that does not exist, which makes " + toLower(a["name"]) + " a permerror"
		}
		return msgDomainList(spec, what)
	case reasonTooLong:
		why = fmt.Sprintf("is %d bytes long, over the 253 a DNS name may have", argInt(a, "bytes"))
	case reasonLongLabel:
		why = fmt.Sprintf("has the label %q of %d bytes, over the 63 a DNS label may have", a["label"], len(a["label"]))
	default:
		why = `has an empty label (two dots in a row, or a leading dot)`
	}
	return fmt.Sprintf(`%q %s: it is valid SPF syntax but can never be looked up, so receivers treat it as a name that does not exist or return permerror. Correct the name.`, spec, why)
}

// msgTermDuplicate is about the first of the repeats of an earlier lookup
// term.
func msgTermDuplicate(a explain.Args) string {
	n := argInt(a, "count")
	cost := "1 more DNS lookup"
	if Kind(a["kind"]) == KindInclude {
		cost = "its lookups again (1 plus every lookup of the included record)"
	}
	times, each, fix := "", "", "Remove it."
	if n > 1 {
		times, each, fix = fmt.Sprintf(" (and %d more after it)", n-1), " each time", "Remove the repeats."
	}
	return fmt.Sprintf(`%q repeats %q%s: evaluation reaches a repeat only when the first did not match, and the same lookup then gives the same answer, so it never matches; it still costs %s%s toward the limit of 10. %s`, a["term"], a["first"], times, cost, each, fix)
}

func msgIncludeSelf(a explain.Args) string {
	return msgTargetLoop(a, `Remove it, or name the domain whose record you meant to include (for example "include:_spf.example.net").`)
}

func msgRedirectSelf(a explain.Args) string {
	return msgTargetLoop(a, `Remove it and end the record with "-all" (or "~all"), or point it at the domain whose record you meant (for example "redirect=_spf.example.net").`)
}

// msgTargetLoop is about an include or redirect that loops; fix says what
// to do about it.
func msgTargetLoop(a explain.Args, fix string) string {
	term, spec, owner := a["term"], a["domain"], a["owner"]
	var target string
	switch a["loop"] {
	case loopArgDomain:
		target = fmt.Sprintf(`%q expands to the domain being evaluated, the name this very record is published at (RFC 7208 §7.2)`, spec)
	case loopArgSender:
		target = fmt.Sprintf(`%q expands to the sender's domain, where every evaluation starts (RFC 7208 §4.1), and that evaluation leads back here`, spec)
	case loopArgOwner:
		target = fmt.Sprintf(`it names %s, the name this very record is published at`, owner)
	default:
		target = fmt.Sprintf(`%q expands to %s, the name this very record is published at`, spec, owner)
	}
	return fmt.Sprintf(`%q is a loop: %s, so evaluation enters the same record again, reaches this term again, and repeats until it passes the limit of %d DNS lookups, which ends it in permerror for every sender no earlier term matched (RFC 7208 §4.6.4). %s`, term, target, MaxLookups, fix)
}

// Addresses and CIDR lengths (spf.ip4.*, spf.ip6.*, spf.ip.*, spf.cidr.*).

func msgIP4IsIPv6(a explain.Args) string {
	return fmt.Sprintf(`%q is an IPv6 address, but ip4 takes only IPv4 addresses, so receivers return permerror for the whole record. Write "ip6:%s".`, a["address"], a["value"])
}

func msgIP6IsIPv4(a explain.Args) string {
	return fmt.Sprintf(`%q is an IPv4 address, but ip6 takes only IPv6 addresses, so receivers return permerror for the whole record. Write "ip4:%s".`, a["address"], a["value"])
}

func msgIP4Placeholder(a explain.Args) string {
	return fmt.Sprintf(`%q is a placeholder copied from documentation, not an IPv4 address: letters stand where the digits of your mail server's address belong, so receivers return permerror for the whole record and no mail passes SPF. Replace it with the public IPv4 address your mail is sent from (for example "ip4:203.0.113.25", or "ip4:203.0.113.0/24" for a network), or delete the term if an include such as your provider's already covers your mail.`, a["address"])
}

// msgIP4Invalid is about an ip4 value that is not an IPv4 address: one with
// a port, a host name, or one whose first wrong part it names.
func msgIP4Invalid(a explain.Args) string {
	s := a["address"]
	switch a["reason"] {
	case reasonPort:
		return fmt.Sprintf(`%q has a port number; SPF matches addresses only, so receivers return permerror for the whole record. Write "ip4:%s".`, s, s[:strings.LastIndexByte(s, ':')])
	case reasonHostname:
		return fmt.Sprintf(`%q is a host name, not an IPv4 address; ip4 takes only numeric addresses, so receivers return permerror for the whole record. To authorise the addresses that name resolves to, write "a:%s" (it costs one DNS lookup), or write its IPv4 address with ip4.`, s, s)
	}
	parts := strings.Split(s, ".")
	why := "is not a dotted-quad IPv4 address"
	switch {
	case strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";"):
		why = fmt.Sprintf("ends in %q; terms are separated by spaces only (remove the %q)", s[len(s)-1:], s[len(s)-1:])
	case len(parts) > 4:
		why = fmt.Sprintf("has %d parts, but an IPv4 address has exactly four (0 to 255 each, separated by dots)", len(parts))
	case len(parts) < 4:
		why = fmt.Sprintf("has %d part(s) instead of 4; parts of an address cannot be left out: write a network as all four parts and a prefix length, such as 192.0.2.0/24 instead of 192.0.2", len(parts))
	default:
		for _, q := range parts {
			if !ascii.IsDigits(q) {
				break
			}
			if len(q) > 1 && q[0] == '0' {
				why = fmt.Sprintf("has the part %q with a leading zero, which SPF does not allow (write %s)", q, strings.TrimLeft(q, "0")+map[bool]string{true: "0"}[strings.TrimLeft(q, "0") == ""])
				break
			}
			if n, err := strconv.Atoi(q); err != nil || n > 255 {
				why = fmt.Sprintf("has the part %q, but each part is 0 to 255", q)
				break
			}
		}
	}
	return fmt.Sprintf(`%q %s, so receivers return permerror for the whole record.`, s, why)
}

func msgIP6Invalid(a explain.Args) string {
	if zone, ok := a["zone"]; ok {
		return fmt.Sprintf(`%q has a zone index (%%%s), which only means something on one host; receivers return permerror for the whole record. Remove it.`, a["address"], zone)
	}
	return fmt.Sprintf(`%q is not an IPv6 address in the form of RFC 4291 §2.2 (eight groups of up to four hex digits, "::" at most once), so receivers return permerror for the whole record.`, a["address"])
}

func msgIP6IPv4Mapped(a explain.Args) string {
	m := fmt.Sprintf(`%q is an IPv4-mapped IPv6 address: receivers compare IPv4 clients with ip4 mechanisms only, so this never matches them.`, a["address"])
	if v4, ok := a["ipv4"]; ok {
		return m + fmt.Sprintf(` Write "ip4:%s" instead.`, v4)
	}
	return m + " List the IPv4 networks you mean with ip4 instead."
}

// msgCIDRInvalid is about a prefix length that is not valid.
func msgCIDRInvalid(a explain.Args) string {
	name, text, fam := a["name"], a["length"], a["family"]
	max := 32
	if fam == "IPv6" {
		max = 128
	}
	var why string
	switch a["reason"] {
	case reasonTwoSingle:
		v4, v6 := a["ip4_length"], a["ip6_length"]
		return fmt.Sprintf(`%q has two single-slash lengths; the IPv6 length needs two slashes: write "%s/%s//%s" (IPv4 /%s, IPv6 /%s). As written, receivers return permerror for the whole record.`, text, name, v4, v6, v4, v6)
	case reasonDual:
		return fmt.Sprintf(`%s takes a single prefix length "/n"; the dual form %q is only for a and mx, so receivers return permerror for the whole record.`, name, text)
	case reasonMany:
		example := "ip4:192.0.2.0/24"
		if toLower(name) == "ip6" {
			example = "ip6:2001:db8::/32"
		}
		return fmt.Sprintf(`%s takes one prefix length "/n" after the address, but %q has more than one "/", so receivers return permerror for the whole record. Keep a single length (for example %q).`, name, text, example)
	case reasonEmpty:
		why = fmt.Sprintf("has no number (write a length from 0 to %d after the slash, or remove the slash)", max)
	case reasonLeadingZero:
		why = fmt.Sprintf("has a leading zero, which SPF does not allow (write /%s)", strings.TrimLeft(strings.TrimLeft(text, "/"), "0"))
	case reasonRange:
		why = fmt.Sprintf("is out of range (%s lengths go from 0 to %d)", fam, max)
	default:
		why = fmt.Sprintf("is not a number from 0 to %d", max)
	}
	return fmt.Sprintf(`The %s prefix length %q %s; receivers return permerror for the whole record.`, fam, text, why)
}

// msgCIDRHostBits is about an address with bits set beyond its prefix.
func msgCIDRHostBits(a explain.Args) string {
	pfx, _ := netip.ParsePrefix(a["network"])
	addr, _ := netip.ParseAddr(a["address"])
	bits := pfx.Bits()
	return fmt.Sprintf(`%s has bits set beyond its /%d prefix: receivers compare only the first %d bits, so it means %s. Write %s:%s (or /%d if you meant the single address %s).`,
		a["value"], bits, bits, pfx, a["name"], pfx, addr.BitLen(), addr)
}

// msgCIDRWide is about a prefix length far wider than one sender uses.
func msgCIDRWide(a explain.Args) string {
	bits, fam := argInt(a, "length"), a["family"]
	total := 32
	if fam == "IPv6" {
		total = 128
	}
	what := fmt.Sprintf("/%d covers 2^%d %s addresses", bits, total-bits, fam)
	if fam == "IPv4" {
		what = fmt.Sprintf("/%d covers %s IPv4 addresses", bits, groupDigits(fmt.Sprint(uint64(1)<<(32-bits))))
	}
	if bits == 0 {
		what = fmt.Sprintf("/0 covers every %s address on the internet: for %s clients it is as open as \"+all\"", fam, fam)
	}
	if k := Kind(a["kind"]); k == KindA || k == KindMX {
		what = fmt.Sprintf("each address the lookup finds stands for its /%d network; %s", bits, what)
	}
	return fmt.Sprintf(`%q is very wide: %s, far more than any one sender uses. List only the networks your mail actually leaves from.`, a["term"], what)
}

func msgIPNonPublic(a explain.Args) string {
	return fmt.Sprintf(`%s is %s: mail reaching receivers over the internet never comes from it, so this term authorises nothing useful. Use the public address your mail leaves from (ask your provider, or look at the Received headers of a sent message).`, a["network"], rangeName(a["range"]))
}

func msgIPDocumentation(a explain.Args) string {
	return fmt.Sprintf(`%s is %s, used in examples and never on the internet: it was probably copied from documentation. Replace it with the public address your mail leaves from.`, a["network"], rangeName(a["range"]))
}
