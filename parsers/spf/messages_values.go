package spf

// The messages about the values terms carry: domains, macros, addresses and
// prefix lengths (the renderers the table in messages.go names).

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/ipaddr"
	"github.com/mxplain/mxplain/internal/numtext"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Domains and macros (spf.domain.*, spf.macro.*, spf.include.self, spf.redirect.self).

func msgMacroExpOnly(a explain.Args) string {
	return strconv.Quote(a["macro"]) + " uses a macro letter (c, r or t) that RFC 7208 allows only in explanation text, the TXT record an exp= modifier points to, not in " + a["name"] + "; receivers return permerror for the whole record. Use another letter or move the text into the explanation record."
}

func msgMacroInvalid(a explain.Args) string {
	return strconv.Quote(a["macro"]) + " is not a valid macro: " + macroProblemText(MacroProblem(a["problem"]), byte(argRune(a, "char"))) + `; receivers return permerror for the whole record. A macro is written %{letter}, optionally with a number of parts, "r" and delimiters (%{ir}, %{d2}); a literal % is written %%.`
}

// macroProblemText says what problem is, about the byte c.
func macroProblemText(problem MacroProblem, c byte) string {
	switch problem {
	case MacroPercentAtEnd:
		return `"%" at the end is not followed by "{", "%", "_" or "-"`
	case MacroPercentOther:
		return `"%" is followed by ` + strconv.QuoteRune(rune(c)) + ` instead of "{", "%", "_" or "-"`
	case MacroUnclosed:
		return `"%{" is never closed with "}"`
	case MacroNoLetter:
		return `"%{}" has no macro letter`
	case MacroBadLetter:
		return strconv.QuoteRune(rune(c)) + " is not a macro letter (s, l, o, d, i, p, h, v, and c, r, t in explanation text only)"
	case MacroExpOnlyLetter:
		return "macro letter " + strconv.QuoteRune(rune(c)) + " is allowed only in explanation text"
	case MacroZeroDigits:
		return "the number of parts to keep must not be zero"
	case MacroBadTransformer:
		return strconv.QuoteRune(rune(c)) + " is not a transformer or a delimiter (. - + , / _ =)"
	case MacroBadByte:
		return "byte 0x" + numtext.UpperHex(uint64(c), 2) + " is not a visible ASCII character"
	}
	return string(problem)
}

func msgMacroPTR(a explain.Args) string {
	return strconv.Quote(a["macro"]) + " expands to the client's validated reverse-DNS name, which RFC 7208 says SHOULD NOT be published: it costs extra DNS lookups (counted toward the limit of 10) and depends on records the sender's network controls. Use another macro or ip4/ip6."
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
		return strconv.Quote(spec) + ` ends in a "." right after a macro: a domain-spec must end in a macro or in "." and a top-level label (RFC 7208 §7.1), ` + tail + ` Remove the final ".".`
	}
	if i := strings.LastIndexByte(spec, '/'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return name + " takes no CIDR length, but " + strconv.Quote(spec) + " ends in " + strconv.Quote(spec[i:]) + `: a domain must end in a top-level label such as ".com", ` + tail + " Remove " + strconv.Quote(spec[i:]) + "."
	}
	if i := strings.LastIndexByte(spec, ':'); i >= 0 && ascii.IsDigits(spec[i+1:]) {
		return strconv.Quote(spec) + " ends in the port " + strconv.Quote(spec[i:]) + "; SPF names hosts, not ports, " + tail + " Remove " + strconv.Quote(spec[i:]) + "."
	}
	if ip, err := ipaddr.ParseAddr(spec); err == nil && ip.Is4() {
		return strconv.Quote(spec) + " is an IP address, not a domain (its last label is all digits), " + tail + ` To authorise the address, write "ip4:` + spec + `".`
	}
	if strings.HasSuffix(strings.ToLower(spec), "-all") || strings.HasSuffix(spec, "~all") || strings.HasSuffix(spec, "?all") || strings.HasSuffix(spec, "+all") {
		return strconv.Quote(spec) + " is not a domain: it ends in " + strconv.Quote(spec[len(spec)-4:]) + " with no space before it, " + tail
	}
	top := a["label"]
	switch {
	case a["reason"] == reasonNoDot:
		return strconv.Quote(spec) + ` has no dot: a domain-spec must end in "." and a top-level label (like "example.com") or in a macro, ` + tail + " Write the full domain name."
	case top == "":
		return strconv.Quote(spec) + ` ends in an empty label: a domain-spec must end in "." and a top-level label or in a macro, ` + tail
	}
	return strconv.Quote(spec) + " ends in " + strconv.Quote(top) + `, which is not a valid top-level label (letters, digits and inner hyphens, not all digits, not starting or ending with "-"), ` + tail
}

// msgDomainList is about spec, a domain-spec holding a "," or ";": terms
// written as a list; what says what receivers make of it.
func msgDomainList(spec, what string) string {
	sep := spec[strings.IndexAny(spec, ",;"):][:1]
	return strconv.Quote(spec) + " holds " + strconv.Quote(sep) + ": terms are separated by spaces only, so receivers read it as one domain, " + what + ". Write the terms apart with a space where the " + strconv.Quote(sep) + " is."
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
		why = "is " + strconv.Itoa(argInt(a, "bytes")) + " bytes long, over the 253 a DNS name may have"
	case reasonLongLabel:
		why = "has the label " + strconv.Quote(a["label"]) + " of " + strconv.Itoa(len(a["label"])) + " bytes, over the 63 a DNS label may have"
	default:
		why = `has an empty label (two dots in a row, or a leading dot)`
	}
	return strconv.Quote(spec) + " " + why + ": it is valid SPF syntax but can never be looked up, so receivers treat it as a name that does not exist or return permerror. Correct the name."
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
		times, each, fix = " (and "+strconv.Itoa(n-1)+" more after it)", " each time", "Remove the repeats."
	}
	return strconv.Quote(a["term"]) + " repeats " + strconv.Quote(a["first"]) + times + ": evaluation reaches a repeat only when the first did not match, and the same lookup then gives the same answer, so it never matches; it still costs " + cost + each + " toward the limit of 10. " + fix
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
		target = strconv.Quote(spec) + " expands to the domain being evaluated, the name this very record is published at (RFC 7208 §7.2)"
	case loopArgSender:
		target = strconv.Quote(spec) + " expands to the sender's domain, where every evaluation starts (RFC 7208 §4.1), and that evaluation leads back here"
	case loopArgOwner:
		target = "it names " + owner + ", the name this very record is published at"
	default:
		target = strconv.Quote(spec) + " expands to " + owner + ", the name this very record is published at"
	}
	return strconv.Quote(term) + " is a loop: " + target + ", so evaluation enters the same record again, reaches this term again, and repeats until it passes the limit of " + strconv.Itoa(MaxLookups) + " DNS lookups, which ends it in permerror for every sender no earlier term matched (RFC 7208 §4.6.4). " + fix
}

// Addresses and CIDR lengths (spf.ip4.*, spf.ip6.*, spf.ip.*, spf.cidr.*).

func msgIP4IsIPv6(a explain.Args) string {
	return strconv.Quote(a["address"]) + ` is an IPv6 address, but ip4 takes only IPv4 addresses, so receivers return permerror for the whole record. Write "ip6:` + a["value"] + `".`
}

func msgIP6IsIPv4(a explain.Args) string {
	return strconv.Quote(a["address"]) + ` is an IPv4 address, but ip6 takes only IPv6 addresses, so receivers return permerror for the whole record. Write "ip4:` + a["value"] + `".`
}

func msgIP4Placeholder(a explain.Args) string {
	return strconv.Quote(a["address"]) + ` is a placeholder copied from documentation, not an IPv4 address: letters stand where the digits of your mail server's address belong, so receivers return permerror for the whole record and no mail passes SPF. Replace it with the public IPv4 address your mail is sent from (for example "ip4:203.0.113.25", or "ip4:203.0.113.0/24" for a network), or delete the term if an include such as your provider's already covers your mail.`
}

// msgIP4Invalid is about an ip4 value that is not an IPv4 address: one with
// a port, a host name, or one whose first wrong part it names.
func msgIP4Invalid(a explain.Args) string {
	s := a["address"]
	switch a["reason"] {
	case reasonPort:
		return strconv.Quote(s) + ` has a port number; SPF matches addresses only, so receivers return permerror for the whole record. Write "ip4:` + s[:strings.LastIndexByte(s, ':')] + `".`
	case reasonHostname:
		return strconv.Quote(s) + ` is a host name, not an IPv4 address; ip4 takes only numeric addresses, so receivers return permerror for the whole record. To authorise the addresses that name resolves to, write "a:` + s + `" (it costs one DNS lookup), or write its IPv4 address with ip4.`
	}
	parts := strings.Split(s, ".")
	why := "is not a dotted-quad IPv4 address"
	switch {
	case strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";"):
		why = "ends in " + strconv.Quote(s[len(s)-1:]) + "; terms are separated by spaces only (remove the " + strconv.Quote(s[len(s)-1:]) + ")"
	case len(parts) > 4:
		why = "has " + strconv.Itoa(len(parts)) + " parts, but an IPv4 address has exactly four (0 to 255 each, separated by dots)"
	case len(parts) < 4:
		why = "has " + strconv.Itoa(len(parts)) + " part(s) instead of 4; parts of an address cannot be left out: write a network as all four parts and a prefix length, such as 192.0.2.0/24 instead of 192.0.2"
	default:
		for _, q := range parts {
			if !ascii.IsDigits(q) {
				break
			}
			if len(q) > 1 && q[0] == '0' {
				why = "has the part " + strconv.Quote(q) + " with a leading zero, which SPF does not allow (write " + (strings.TrimLeft(q, "0") + map[bool]string{true: "0"}[strings.TrimLeft(q, "0") == ""]) + ")"
				break
			}
			if n, err := strconv.Atoi(q); err != nil || n > 255 {
				why = "has the part " + strconv.Quote(q) + ", but each part is 0 to 255"
				break
			}
		}
	}
	return strconv.Quote(s) + " " + why + ", so receivers return permerror for the whole record."
}

func msgIP6Invalid(a explain.Args) string {
	if zone, ok := a["zone"]; ok {
		return strconv.Quote(a["address"]) + " has a zone index (%" + zone + "), which only means something on one host; receivers return permerror for the whole record. Remove it."
	}
	return strconv.Quote(a["address"]) + ` is not an IPv6 address in the form of RFC 4291 §2.2 (eight groups of up to four hex digits, "::" at most once), so receivers return permerror for the whole record. Write the address you meant.`
}

func msgIP6IPv4Mapped(a explain.Args) string {
	m := strconv.Quote(a["address"]) + " is an IPv4-mapped IPv6 address: receivers compare IPv4 clients with ip4 mechanisms only, so this never matches them."
	if v4, ok := a["ipv4"]; ok {
		return m + ` Write "ip4:` + v4 + `" instead.`
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
		return strconv.Quote(text) + ` has two single-slash lengths; the IPv6 length needs two slashes: write "` + name + "/" + v4 + "//" + v6 + `" (IPv4 /` + v4 + ", IPv6 /" + v6 + "). As written, receivers return permerror for the whole record."
	case reasonDual:
		return name + ` takes a single prefix length "/n"; the dual form ` + strconv.Quote(text) + " is only for a and mx, so receivers return permerror for the whole record."
	case reasonMany:
		example := "ip4:192.0.2.0/24"
		if toLower(name) == "ip6" {
			example = "ip6:2001:db8::/32"
		}
		return name + ` takes one prefix length "/n" after the address, but ` + strconv.Quote(text) + ` has more than one "/", so receivers return permerror for the whole record. Keep a single length (for example ` + strconv.Quote(example) + ")."
	case reasonEmpty:
		why = "has no number (write a length from 0 to " + strconv.Itoa(max) + " after the slash, or remove the slash)"
	case reasonLeadingZero:
		why = "has a leading zero, which SPF does not allow (write /" + strings.TrimLeft(strings.TrimLeft(text, "/"), "0") + ")"
	case reasonRange:
		why = "is out of range (" + fam + " lengths go from 0 to " + strconv.Itoa(max) + ")"
	default:
		why = "is not a number from 0 to " + strconv.Itoa(max)
	}
	return "The " + fam + " prefix length " + strconv.Quote(text) + " " + why + "; receivers return permerror for the whole record."
}

// msgCIDRHostBits is about an address with bits set beyond its prefix.
func msgCIDRHostBits(a explain.Args) string {
	pfx, _ := ipaddr.ParsePrefix(a["network"])
	addr, _ := ipaddr.ParseAddr(a["address"])
	bits := pfx.Bits()
	return a["value"] + " has bits set beyond its /" + strconv.Itoa(bits) + " prefix: receivers compare only the first " + strconv.Itoa(bits) + " bits, so it means " + pfx.String() + ". Write " + a["name"] + ":" + pfx.String() + " (or /" + strconv.Itoa(addr.BitLen()) + " if you meant the single address " + addr.String() + ")."
}

// msgCIDRWide is about a prefix length far wider than one sender uses.
func msgCIDRWide(a explain.Args) string {
	bits, fam := argInt(a, "length"), a["family"]
	total := 32
	if fam == "IPv6" {
		total = 128
	}
	what := "/" + strconv.Itoa(bits) + " covers 2^" + strconv.Itoa(total-bits) + " " + fam + " addresses"
	if fam == "IPv4" {
		what = "/" + strconv.Itoa(bits) + " covers " + groupDigits(strconv.FormatUint(uint64(1)<<(32-bits), 10)) + " IPv4 addresses"
	}
	if bits == 0 {
		what = "/0 covers every " + fam + " address on the internet: for " + fam + ` clients it is as open as "+all"`
	}
	if k := Kind(a["kind"]); k == KindA || k == KindMX {
		what = "each address the lookup finds stands for its /" + strconv.Itoa(bits) + " network; " + what
	}
	return strconv.Quote(a["term"]) + " is very wide: " + what + ", far more than any one sender uses. List only the networks your mail actually leaves from."
}

func msgIPNonPublic(a explain.Args) string {
	return a["network"] + " is " + rangeName(a["range"]) + ": mail reaching receivers over the internet never comes from it, so this term authorises nothing useful. Use the public address your mail leaves from (ask your provider, or look at the Received headers of a sent message)."
}

func msgIPDocumentation(a explain.Args) string {
	return a["network"] + " is " + rangeName(a["range"]) + ", used in examples and never on the internet: it was probably copied from documentation. Replace it with the public address your mail leaves from."
}
