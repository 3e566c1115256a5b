package inspect

import (
	"net/url"
	"strings"

	"github.com/mxplain/mxplain/internal/psl"
)

// How the domain to look up was read from what was typed (Report.From).
const (
	FromDomain  = ""        // a domain name
	FromAddress = "address" // a mail address: its domain, after the last "@"
	FromURL     = "url"     // a URL: its host, without a leading "www."
)

// Target reads what a person typed into a lookup box as the domain to look
// up, normalized as Normalize does, and says how it was read:
//
//   - a domain name: "example.com", "example.com.";
//   - a mail address, the domain after its last "@" (RFC 5321 §4.1.2):
//     "postmaster@example.com", "Jane <jane@example.com>",
//     "mailto:jane@example.com?subject=hi";
//   - a URL, with a scheme ("https://www.example.com/contact") or without
//     one but with a path ("www.example.com/contact"): its host, less a
//     first label "www" when what remains is still a domain and not a
//     public suffix: a web site's host is seldom where its mail is set up.
//
// An address literal ("user@[192.0.2.1]") or a URL without a host is not a
// domain, and Normalize's error says so.
func Target(input string) (domain, from string, err error) {
	s := strings.TrimSpace(input)
	from = FromDomain
	switch {
	case strings.Contains(s, "://"):
		s, from = urlHost(s), FromURL
	case hasPrefixFold(s, "mailto:"):
		s, _, _ = strings.Cut(s[len("mailto:"):], "?")
		s, from = addressDomain(s), FromAddress
	case strings.Contains(s, "@"):
		s, from = addressDomain(s), FromAddress
	case strings.Contains(s, "/"):
		s, from = urlHost("http://"+s), FromURL
	}
	domain, err = Normalize(s)
	if err != nil {
		return "", from, err
	}
	if from == FromURL {
		domain = withoutWWW(domain)
	}
	return domain, from, nil
}

// addressDomain returns the domain of a mail address, the text after its
// last "@"; an address in angle brackets ("Jane <jane@example.com>") is
// taken from inside them.
func addressDomain(s string) string {
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			s = s[i+1 : i+j]
		}
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// urlHost returns the host of URL s, "" when it has none.
func urlHost(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// withoutWWW drops a first label "www" from a URL's host unless what is
// left is a public suffix ("www.co.uk" stays) or a single label.
func withoutWWW(host string) string {
	rest, ok := strings.CutPrefix(host, "www.")
	if !ok || !strings.Contains(rest, ".") {
		return host
	}
	if suffix, _ := psl.PublicSuffix(rest); suffix == rest {
		return host
	}
	return rest
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
