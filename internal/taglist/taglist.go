// Package taglist cuts the lists mail records are written as (tag=value
// pairs separated by ";" in DKIM, DMARC, BIMI, TLS-RPT and MTA-STS
// records; URIs separated by ","; options by ":") into their parts, as
// offsets into the value, blanks around each part trimmed. It judges
// nothing: each record package reports what its grammar does not allow.
package taglist

import "iter"

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
