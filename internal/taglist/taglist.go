// Package taglist cuts the lists mail records are written as (tag=value
// pairs separated by ";" in DKIM, DMARC, BIMI, TLS-RPT and MTA-STS
// records; URIs separated by ","; options by ":") into their parts, as
// offsets into the value, blanks around each part trimmed. It judges
// nothing: each record package reports what its grammar does not allow.
package taglist

import (
	"iter"
	"strings"
)

// Part is one part of a list: the bytes [From, Sep) between two
// separators, [Start, End) of them without their blanks (Start == End for
// an empty part), and Sep the offset of the separator after it, len(v)
// for the last part.
type Part struct{ From, Start, End, Sep int }

// Last reports whether p is the list's last part, with no separator
// after it.
func (p Part) Last(v string) bool { return p.Sep == len(v) }

// Split yields the parts of v cut at every sep, in order, empty ones too:
// a list of n separators has n+1 parts.
func Split(v string, sep byte, blank func(byte) bool) iter.Seq[Part] {
	return func(yield func(Part) bool) {
		from := 0
		for i := 0; i <= len(v); i++ {
			if i < len(v) && v[i] != sep {
				continue
			}
			s, e := Trim(v, from, i, blank)
			if !yield(Part{From: from, Start: s, End: e, Sep: i}) {
				return
			}
			from = i + 1
		}
	}
}

// Trim returns [s, e) of v without the bytes blank reports at both ends.
func Trim(v string, s, e int, blank func(byte) bool) (int, int) {
	for s < e && blank(v[s]) {
		s++
	}
	for e > s && blank(v[e-1]) {
		e--
	}
	return s, e
}

// MeantVersion reports whether val, the value of a version tag, is the
// version named by prefix written wrong: prefix in any case followed by
// letters, digits and dots ("bimi1", "BIMI2" for "BIMI"; "tlsrpt1" for
// "TLSRPT"), when the kind has one version only. prefix is lower case.
func MeantVersion(val, prefix string) bool {
	if !strings.HasPrefix(strings.ToLower(val), prefix) {
		return false
	}
	for i := 0; i < len(val); i++ {
		if c := val[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.') {
			return false
		}
	}
	return true
}
