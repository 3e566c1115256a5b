// Package psl answers from the Public Suffix List (https://publicsuffix.org/)
// as golang.org/x/net/publicsuffix does, from the same list, without its
// import of net/http/cookiejar: that brings net/http and crypto/tls into
// the browser's explain engine (about 50 KiB of brotli).
//
// The list is the constant rules (rules.go), generated from x/net's copy
// (go generate; see ./gen). Its first line is "# " and the list's version;
// then come the names of the list's tree, one per line, in the order of
// their labels read from the top-level one: "jp =i", then "\tkawasaki ?i",
// then "\t\tcity !i" for "city.kawasaki.jp". A line's leading tabs count
// the labels it shares with the line above (at its end, as a name is
// written), then come its own labels, a space, the kind ("=" a rule, "!"
// an exception, "?" only the parent of rules; a wildcard rule is the
// name "*" under its parent) and the section ("i" the list's ICANN
// section, "p" its private one). Written so, the list is 31 KB with
// brotli, 9 KB less than one full name per line; it is read into a map at
// its first use. A name's public suffix is that of the prevailing rule
// (https://publicsuffix.org/list/, "Algorithm"): an exception if one
// matches, else the matching rule with the most labels ("*.ck" matches
// any one label under ck), else "*" (the name's last label); found, as
// x/net finds it, by walking the tree from the top-level label, which
// also gives x/net's ICANN flag. Names are compared as given: callers
// lowercase them, as x/net's callers do.
package psl

import (
	"errors"
	"strings"
	"sync"

	"github.com/mxplain/mxplain/internal/ipaddr"
)

//go:generate go run ./gen -o rules.go

// PublicSuffix returns the public suffix of domain and whether it is in
// the list's ICANN section, as x/net's does: that is the section of the
// last name of the list's tree on the way from the top-level label
// (false for the default rule of a label the list does not know). An IP
// address is its own public suffix.
func PublicSuffix(domain string) (suffix string, icann bool) {
	if _, err := ipaddr.ParseAddr(domain); err == nil {
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
		case '=':
			end = dot + 1
		}
		_, _, wildcard = node("*." + name)
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

// node finds name in the list's tree: a rule (kind '='), an exception
// ('!') or only the parent of rules ('?'), and its section.
func node(name string) (kind byte, icann, ok bool) {
	n, ok := tree()[name]
	return n.kind, n.icann, ok
}

// treeNode is a name of the list's tree.
type treeNode struct {
	kind  byte // '=', '!' or '?', as in rules
	icann bool // of the list's ICANN section, not its private one
}

// tree is the list's tree by name, read from rules once.
var tree = sync.OnceValue(readTree)

// readTree reads rules into a map by name.
func readTree() map[string]treeNode {
	m := make(map[string]treeNode, strings.Count(rules, "\n"))
	var labels []string // the line's, top-level label first: parts of rules
	var name []byte
	rest := rules[strings.IndexByte(rules, '\n')+1:] // after the version
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		depth := len(line) - len(strings.TrimLeft(line, "\t"))
		text, tail, _ := strings.Cut(line[depth:], " ")
		labels = labels[:depth]
		for text != "" {
			var label string
			label, text, _ = strings.Cut(text, ".")
			labels = append(labels, label)
		}
		name = name[:0]
		for i := len(labels) - 1; i >= 0; i-- {
			name = append(name, labels[i]...)
			if i > 0 {
				name = append(name, '.')
			}
		}
		m[string(name)] = treeNode{kind: tail[0], icann: tail[1] == 'i'}
	}
	return m
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
