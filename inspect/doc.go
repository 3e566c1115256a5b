// Package inspect looks up a live domain's mail setup and turns it into one
// report: its MX hosts with their addresses (RFC 5321 §5.1, RFC 7505), its SPF
// policy as a tree of includes with the lookups RFC 7208 §4.6.4 counts (from
// package spfcheck), its DMARC policy found by the DNS Tree Walk of RFC 9989
// §4.10 and compared with RFC 7489's public-suffix answer, its DKIM keys at the
// selectors named and at common selectors (RFC 6376 §3.6.2.1), every record
// explained by the parsers, and findings across records (a DMARC policy that
// enforces with nothing to pass it, a null MX with an SPF record that
// authorises senders, …).
//
// DNS reaches the package only through the doh.Resolver the caller passes: a
// doh.Client for live DNS (its Budget bounds the queries: use MaxQueries), a
// zone.Store or a zone.Overlay to read zone files. Queries that do not depend
// on each other are sent at the same time, and a query that does starts as
// soon as its parent answers. A failed query never stops the report: the part
// that needed it carries a DNSError saying where and why, and so does what the
// report cut (a CNAME loop or a chain too long, MX exchanges past the most
// preferred): the report is then partial. Front ends make their Options with
// NewOptions, which carries the clock SPF's %{t} reads; the only clock the
// package reads measures the report's elapsed time.
//
// Each section of the report is a part, one value in the list parts (part.go):
// its name, label and title, the function that starts its queries in its own
// goroutine through a resolver that tags each query with the part, and
// returns how it fills its section of the Report, its DNS errors and its
// records. Domain, the report's errors and HasErrors loop over the parts; a
// new part is a file with its lookup and its value, one line in parts, and
// its field in Report.
package inspect
