// Package zonecheck gives zone software's verdict on one line of zone text:
// miekg/dns's, the parser of zone text the project relies on. The page's
// first engine goes without it (and without the megabyte of code that comes
// with miekg/dns); package plain says which lines it can still vouch for,
// and this package's tests check that every line plain accepts, miekg/dns
// accepts too.
package zonecheck

import (
	"errors"
	"strings"

	"github.com/miekg/dns"
)

// Line parses text, one resource record whose owner is written out, as a
// zone file under origin ("." when there is none) with the default TTL
// defaultTTL, and returns what miekg/dns rejects in it, or nil. The
// message has no "dns: " prefix and no position: the position would be in
// text, which the caller built.
func Line(text, origin string, defaultTTL uint32) error {
	zp := dns.NewZoneParser(strings.NewReader(text), origin, "")
	zp.SetDefaultTTL(defaultTTL)
	zp.Next()
	err := zp.Err()
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "dns: ")
	if i := strings.LastIndex(msg, " at line: "); i >= 0 {
		msg = msg[:i]
	}
	return errors.New(msg)
}
