package parsers

import (
	"iter"
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/dnsname"
	"github.com/mxplain/mxplain/parsers/explain"
)

// holds reports whether a record of RR type rrtype (0 for a bare value,
// which may be of any kind) may be of kind k.
func holds(k *explain.Kind, rrtype uint16) bool {
	return rrtype == 0 || slices.Contains(k.RRTypes, rrtype)
}

// detect decides what kind of record a value is, from (strongest first) its
// RR type, an explicit version tag at the start of the value, the owner name,
// and the shape of the value (each kind's Detect, in the registry's order:
// a kind whose version the value mentions first, else one it resembles).
// Only kinds whose RR types include rrtype are candidates; a record of an RR
// type no kind has is of type other.
func detect(owner string, rrtype uint16, value string) explain.Type {
	if rrtype != 0 {
		for _, k := range kinds {
			if slices.Contains(k.RRTypeImplies, rrtype) {
				return k.Type
			}
		}
	}
	candidates := func(yield func(*explain.Kind) bool) {
		for _, k := range kinds {
			if holds(k, rrtype) && !yield(k) {
				return
			}
		}
	}
	v := strings.ToLower(strings.TrimSpace(value))
	version, tagged := versionTag(v)
	switch {
	case !hasAny(candidates):
		return explain.TypeOther
	case tagged && strings.HasPrefix(version, "spf2"):
		return explain.TypeOther // Sender ID (RFC 4406, historic), not SPF
	}
	if tagged {
		for k := range candidates {
			if slices.ContainsFunc(k.Versions, func(p string) bool { return strings.HasPrefix(version, p) }) {
				return k.Type
			}
		}
	}
	if k := ownerKind(owner, candidates); k != nil {
		return k.Type
	}
	for _, like := range []explain.Likeness{explain.Mentions, explain.Resembles} {
		for k := range candidates {
			if k.Detect != nil && k.Detect(v) == like {
				return k.Type
			}
		}
	}
	if isOtherTXT(v) {
		return explain.TypeOther
	}
	return explain.TypeUnknown
}

func hasAny(seq iter.Seq[*explain.Kind]) bool {
	for range seq {
		return true
	}
	return false
}

// versionTag reads the version tag a lower-cased value starts with
// ("v=spf1", "v = DMARC1;" give "spf1", "dmarc1;"…), for kinds to match as
// prefixes, so that a record with a typo in its version is explained as
// what it meant to be.
func versionTag(v string) (string, bool) {
	name, rest, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) != "v" {
		return "", false
	}
	return strings.TrimLeft(rest, " \t"), true
}

// ownerKind returns the kind among ks that owner is the name of: its owner
// labels start the name, or follow a selector for kinds that have one
// (_dmarc.<domain>, <selector>._domainkey.<domain>). The leftmost match
// wins: _dmarc.s._domainkey.example.com is a DMARC name.
func ownerKind(owner string, ks iter.Seq[*explain.Kind]) *explain.Kind {
	labels := dnsname.SplitDomainName(owner)
	var best *explain.Kind
	at := len(labels)
	for k := range ks {
		if i, ok := ownerAt(k, labels); ok && i < at {
			best, at = k, i
		}
	}
	return best
}

// ownerAt returns where k's owner labels sit in labels: 0 for a kind
// without a selector, after one selector label or more for one with.
func ownerAt(k *explain.Kind, labels []string) (int, bool) {
	n := len(k.OwnerLabels)
	if n == 0 {
		return 0, false
	}
	first, last := 0, 0
	if k.Selector {
		first, last = 1, len(labels)-n
	}
	for i := first; i <= last && i+n <= len(labels); i++ {
		if slices.EqualFunc(labels[i:i+n], k.OwnerLabels, strings.EqualFold) {
			return i, true
		}
	}
	return 0, false
}

// isOtherTXT recognises TXT values that are not mail records: site
// verification tokens ("google-site-verification=…", "MS=ms1234") and the
// like, a single word with a name before "=" or ":".
func isOtherTXT(v string) bool {
	i := strings.IndexAny(v, "=:")
	if i <= 0 || i == len(v)-1 || strings.ContainsAny(v, " \t") {
		return false
	}
	for j := 0; j < i; j++ {
		c := v[j]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || j > 0 && (c == '.' || c == '_' || c == '-')) {
			return false
		}
	}
	return true
}
