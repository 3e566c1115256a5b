// Package psl answers from the Public Suffix List (https://publicsuffix.org/)
// as golang.org/x/net/publicsuffix does, from the same list, without its
// import of net/http/cookiejar: that brings net/http and crypto/tls into
// the browser's explain engine (about 50 KiB of brotli).
//
// The list is the constant rules (rules.go), generated from x/net's copy
// (go generate; see ./gen): one name of the list's tree per line, sorted (a rule, "*.ck", an
// exception "!www.ck", or "?kawasaki.jp", only the parent of rules), then
// "i" (the list's ICANN section) or "p" (its private one). A name's public
// suffix is that of the prevailing rule (https://publicsuffix.org/list/,
// "Algorithm"): an exception if one matches, else the matching rule with
// the most labels ("*.ck" matches any one label under ck), else "*" (the
// name's last label); found, as x/net finds it, by walking the tree from
// the top-level label, which also gives x/net's ICANN flag. Names are
// compared as given: callers lowercase them, as x/net's callers do.
package psl

import (
	"errors"
	"net/netip"
	"strings"
)

//go:generate go run ./gen -o rules.go

// PublicSuffix returns the public suffix of domain and whether it is in
// the list's ICANN section, as x/net's does: that is the section of the
// last name of the list's tree on the way from the top-level label
// (false for the default rule of a label the list does not know). An IP
// address is its own public suffix.
func PublicSuffix(domain string) (suffix string, icann bool) {
	if _, err := netip.ParseAddr(domain); err == nil {
		return domain, false // an IP address is its own suffix, as for x/net
	}
	end := len(domain) // domain[end:] is the suffix found; len(domain): none yet
	icannNode, wildcard := false, false
	for s := domain; ; {
		dot := strings.LastIndexByte(s, '.')
		if wildcard {
			// The parent's "*." rule matches this label.
			icann, end = icannNode, dot+1
		}
		name := domain[dot+1:]
		kind, section, ok := node(name)
		if !ok {
			break
		}
		icannNode = section
		switch kind {
		case '!':
			// An exception: its parent is the suffix.
			return domain[len(s)+1:], icann
		case ' ':
			end = dot + 1
		}
		_, wildcard = lookup("*." + name)
		if !wildcard {
			icann = icannNode
		}
		if dot < 0 {
			break
		}
		s = s[:dot]
	}
	if end == len(domain) {
		// The default rule "*": the last label.
		return domain[strings.LastIndexByte(domain, '.')+1:], icann
	}
	return domain[end:], icann
}

// node finds name in the list's tree: a rule (kind ' '), an exception
// ('!') or only the parent of rules ('?'), and its section.
func node(name string) (kind byte, icann, ok bool) {
	if icann, ok := lookup(name); ok {
		return ' ', icann, true
	}
	if icann, ok := lookup("!" + name); ok {
		return '!', icann, true
	}
	if icann, ok := lookup("?" + name); ok {
		return '?', icann, true
	}
	return 0, false, false
}

// EffectiveTLDPlusOne returns the public suffix of domain with one label
// more ("golang.org" for "foo.bar.golang.org"). It fails, as x/net's does,
// for a domain with an empty label, one that is a public suffix, and one
// whose suffix does not end at a label.
func EffectiveTLDPlusOne(domain string) (string, error) {
	if strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "", errors.New("psl: empty label in domain " + domain)
	}
	suffix, _ := PublicSuffix(domain)
	if len(domain) <= len(suffix) {
		return "", errors.New("psl: " + domain + " is a public suffix")
	}
	i := len(domain) - len(suffix) - 1
	if domain[i] != '.' {
		return "", errors.New("psl: " + suffix + " does not end " + domain + " at a label")
	}
	return domain[strings.LastIndexByte(domain[:i], '.')+1:], nil
}

// lookup finds rule in rules (binary search over its sorted lines) and
// says whether it is of the ICANN section.
func lookup(rule string) (icann, ok bool) {
	lo, hi := 0, len(rules) // byte offsets; lines start at lo
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(rules[:mid], '\n') + 1
		if start < lo {
			start = lo
		}
		end := start + strings.IndexByte(rules[start:], '\n')
		line := rules[start:end] // "rule x", or the version comment
		key, section := line[:len(line)-2], line[len(line)-1]
		if line[0] == '#' {
			key = ""
		}
		switch {
		case key == rule:
			return section == 'i', true
		case key < rule:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false, false
}
