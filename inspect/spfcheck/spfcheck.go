// Package spfcheck evaluates Sender Policy Framework policies against live
// DNS, as RFC 7208 defines them.
//
// Check is check_host() (RFC 7208 §4): given a client IP address, a domain and
// a sender, it selects the domain's SPF record (§4.5), evaluates its
// mechanisms (§5) and modifiers (§6) with macros expanded (§7), within the
// processing limits of §4.6.4 (10 terms that cost DNS lookups, 2 void
// lookups, 10 MX and 10 PTR names), and returns one of the seven results of
// §2.6 with the path of terms that decided it.
//
// Walk reads a domain's SPF record and every record it includes or redirects
// to, without a client IP: the whole tree, fetched concurrently, with the DNS
// lookups counted in evaluation order, the networks the policy authorises and
// the tree-level problems (over 10 lookups, over 2 void lookups, include
// loops, includes with no SPF record, several records, DNS failures).
//
// DNS reaches this package only through the doh.Resolver the caller passes:
// a doh.Client for live DNS, a zone.Store for zone files. The package reads
// no clock (Query.Now is given by the caller) and has no randomness.
package spfcheck

import (
	"context"
	"net/netip"
	"time"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Result is the outcome of check_host(), in RFC 7208's words (§2.6).
type Result string

const (
	ResultNone      Result = "none"      // no syntactically valid domain, or no SPF record, RFC 7208 §2.6.1
	ResultNeutral   Result = "neutral"   // the domain makes no assertion about the IP, RFC 7208 §2.6.2
	ResultPass      Result = "pass"      // the client is authorised, RFC 7208 §2.6.3
	ResultFail      Result = "fail"      // the client is explicitly not authorised, RFC 7208 §2.6.4
	ResultSoftfail  Result = "softfail"  // probably not authorised (a weak fail), RFC 7208 §2.6.5
	ResultTemperror Result = "temperror" // a transient DNS error; retrying later may succeed, RFC 7208 §2.6.6
	ResultPermerror Result = "permerror" // the published records cannot be interpreted, RFC 7208 §2.6.7
)

// Query is check_host()'s arguments (RFC 7208 §4.1) plus what macros need
// (§7.2).
type Query struct {
	IP netip.Addr // <ip>: the SMTP client's address (IPv4-mapped IPv6 is treated as IPv4, §5)
	// Domain is <domain>, the domain to check: the MAIL FROM domain, or the
	// HELO name; "" means the domain of Sender (or Helo when Sender is "").
	Domain string
	// Sender is <sender>, the MAIL FROM address; when empty it is
	// "postmaster@" + Helo (RFC 7208 §4.3), and a sender without a
	// local-part gets "postmaster".
	Sender string
	Helo   string // %{h}: the HELO/EHLO name
	// Receiver is %{r}, this receiver's domain name; "unknown" when empty.
	Receiver string
	// Now is %{t}, the time of the check (the package reads no clock); the
	// zero value expands to 0, the Epoch.
	Now time.Time
}

// Evaluation is what Check found.
type Evaluation struct {
	Result      Result `json:"result"`
	Explanation string `json:"explanation,omitempty"` // the exp= text for a fail, expanded (RFC 7208 §6.2); "" otherwise
	Problem     string `json:"problem,omitempty"`     // why the result is permerror, temperror or none, plainly; "" otherwise
	Code        string `json:"code,omitempty"`        // the stable code of Problem (a spf.check.* constant); "" when none
	Path        []Step `json:"path"`                  // every term evaluated, in order, through includes and redirects
	DNSLookups  int    `json:"dns_lookups"`           // terms that cost a DNS lookup, RFC 7208 §4.6.4
	VoidLookups int    `json:"void_lookups"`          // lookups that returned no answer or NXDOMAIN, RFC 7208 §4.6.4
}

// Step is one term evaluated by Check.
type Step struct {
	Domain string `json:"domain"` // the domain whose record the term is in
	Depth  int    `json:"depth"`  // 0 for the checked domain, 1 inside its include or redirect, …
	Term   string `json:"term"`   // as written, e.g. "include:_spf.google.com"
	Match  bool   `json:"match"`  // the mechanism matched (for redirect: always true, it decides)
	// Result is, for include and redirect, the result of the nested check;
	// for a matching mechanism, its qualifier's result; otherwise "".
	Result Result `json:"result"`
	Note   string `json:"note,omitempty"` // what happened, e.g. "192.0.2.1 is in 192.0.2.0/24"
}

// Check evaluates check_host() (RFC 7208 §4–§6) for q, asking r for DNS
// records, with the processing limits of §4.6.4. It never fails: DNS errors
// give temperror and broken records permerror, with Evaluation.Problem
// saying why. ctx bounds the whole check; when it ends, the pending lookup
// gives temperror (RFC 7208 §4.6.4: receivers SHOULD bound the time a check
// takes, allowing at least 20 seconds, and return temperror past it; Check
// sets no bound of its own).
func Check(ctx context.Context, r doh.Resolver, q Query) *Evaluation {
	return check(ctx, r, q)
}

// Walk reads domain's SPF record and every record it includes or redirects
// to (without a client IP): the whole tree, fetched concurrently — children
// start as soon as their parent answers — and counted in evaluation order.
// a and mx terms are resolved to addresses for Tree.Networks; exists, ptr
// and terms with macros that depend on the client are not. %{d} (the
// domain whose record holds the term) and %{o} (the sender's domain, which
// is the walked domain, RFC 7208 §4.1) are known without a client: terms
// made of them are expanded and followed, and one that names a domain
// being evaluated is a loop.
func Walk(ctx context.Context, r doh.Resolver, domain string) *Tree {
	return walk(ctx, r, domain, maxNodes)
}

// Tree is the SPF policy of a domain with everything it includes.
type Tree struct {
	Root *Node `json:"root"`
	// DNSLookups is the worst case, as check_host() counts them when nothing
	// matches early: include, a, mx, ptr, exists and redirect terms in
	// evaluation order, through includes and redirects (RFC 7208 §4.6.4;
	// over 10 is a permerror).
	DNSLookups int `json:"dns_lookups"`
	// VoidLookups counts the lookups that returned no answer or NXDOMAIN
	// while walking (over 2 is a permerror, RFC 7208 §4.6.4).
	VoidLookups int `json:"void_lookups"`
	// Networks is every network the policy authorises with a pass
	// qualifier, flattened and sorted: ip4 and ip6 terms, and a and mx
	// terms resolved to addresses (with their CIDR lengths). Left out:
	// exists, ptr and terms with macros other than %{d} and %{o} (they
	// depend on the client), terms after the lookup limit and after "all"
	// (never evaluated), records with a syntax error, and networks of fail,
	// softfail and neutral terms and of includes that are not
	// pass-qualified.
	Networks []netip.Prefix `json:"networks"`
	// Problems are the tree-level problems, in the order found.
	Problems []Problem `json:"problems"`
}

// Node is one SPF record in a Tree.
type Node struct {
	Domain string `json:"domain"` // the domain queried
	// Via is the term that led here ("include:_spf.google.com",
	// "redirect=_spf.example.com"); "" for the root.
	Via    string          `json:"via,omitempty"`
	Record *explain.Record `json:"record,omitempty"` // spf.Explain of the record found (Context.Owner set); nil when none or several
	Values []string        `json:"values"`           // the SPF records found: one, or several when Error says so
	Error  string          `json:"error,omitempty"`  // why there is no usable record: none, several, a DNS failure; "" when fine
	Spends []Spend         `json:"spends"`           // each term here that cost a lookup, with the running total when it was spent
	// Children are the nodes of this record's include terms and of its
	// redirect, in the record's order.
	Children []*Node `json:"children"`
	// Networks are the networks this record's own terms authorise with a
	// pass qualifier (ip4, ip6, and a and mx terms resolved), in the
	// record's order, whatever the lookup limit: what an include of it
	// could be replaced with, with its pass-qualified includes' and its
	// redirect's. ClientDependent is true when the record also has terms
	// whose networks cannot be listed (exists, ptr, macros, a or mx terms
	// not resolved).
	Networks        []netip.Prefix `json:"networks,omitempty"`
	ClientDependent bool           `json:"client_dependent,omitempty"`
}

// Spend is a term that cost a DNS lookup (RFC 7208 §4.6.4).
type Spend struct {
	Term   string `json:"term"`   // as written
	Lookup int    `json:"lookup"` // the running total of lookups for the whole tree, this one included
	Void   bool   `json:"void"`   // the lookup returned no answer or NXDOMAIN
}

// Problem is a tree-level problem found by Walk.
type Problem struct {
	Severity explain.Severity `json:"severity"`
	Code     string           `json:"code"`           // a spf.tree.* constant
	Message  string           `json:"message"`        // what is wrong, where, and how to fix it
	Domain   string           `json:"domain"`         // the domain whose record holds Term
	Term     string           `json:"term,omitempty"` // the term concerned, as written; "" when about a whole record
}
