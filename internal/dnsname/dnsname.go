// Package dnsname handles domain names in presentation format (RFC 1035
// §5.1), where a backslash escapes the next character (or starts \DDD), so
// that "a\.b" is one label. Its functions answer exactly as miekg/dns's
// functions of the same names (the tests check this over a fuzz corpus):
// the page's first engine uses them in place of miekg/dns, whose code (and
// crypto/tls under it) it would otherwise carry.
package dnsname

// IsFqdn reports whether s ends with a dot that is not escaped: a fully
// qualified name.
func IsFqdn(s string) bool {
	if s == "" || s[len(s)-1] != '.' {
		return false
	}
	return !escaped(s, len(s)-1)
}

// Fqdn returns s fully qualified: with a final dot added when it has none.
func Fqdn(s string) string {
	if IsFqdn(s) {
		return s
	}
	return s + "."
}

// SplitDomainName returns the labels of s, escapes kept as written:
// "mail.example.com." gives [mail example com]. The root "." and "" give
// nil. A dot at the very start or two dots in a row give empty labels, as
// in miekg/dns.
func SplitDomainName(s string) []string {
	if s == "" || s == "." {
		return nil
	}
	end := len(s)
	if IsFqdn(s) {
		end--
	}
	var labels []string
	begin := 0
	// The last byte never ends a label: a final dot is the root's.
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '.' && !escaped(s, i) {
			labels = append(labels, s[begin:i])
			begin = i + 1
		}
	}
	return append(labels, s[begin:end])
}

// escaped reports whether the byte at i is escaped: preceded by an odd
// number of backslashes.
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}
