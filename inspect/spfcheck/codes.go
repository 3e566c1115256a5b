package spfcheck

// Codes of the problems Walk reports (Problem.Code) and of the reasons Check
// gives for a none, permerror or temperror result (Evaluation.Code). They are
// stable: programs may match on them.
const (
	// CodeTreeLookupsExceeded fires when evaluating the tree would cost more
	// than 10 DNS lookups; Term names the term that spends the 11th. Error:
	// receivers return permerror (RFC 7208 §4.6.4).
	CodeTreeLookupsExceeded = "spf.tree.lookups.exceeded"
	// CodeTreeVoidExceeded fires when more than 2 lookups in the tree return
	// no answer or NXDOMAIN; Term names the third. Error: permerror (RFC 7208
	// §4.6.4).
	CodeTreeVoidExceeded = "spf.tree.void.exceeded"
	// CodeTreeIncludeLoop fires when an include or redirect names a domain
	// already on the path from the root, written out or through macros that
	// name it for every client ("include:%{d}", "redirect=%{o}", RFC 7208
	// §7.2). Error: evaluation would exceed the lookup limit, a permerror
	// (RFC 7208 §4.6.4, §5.2, §6.1).
	CodeTreeIncludeLoop = "spf.tree.include.loop"
	// CodeTreeIncludeNone fires when an include names a domain with no SPF
	// record (or an invalid domain). Error: permerror (RFC 7208 §5.2).
	CodeTreeIncludeNone = "spf.tree.include.none"
	// CodeTreeRedirectNone fires when a redirect names a domain with no SPF
	// record (or an invalid domain). Error: permerror (RFC 7208 §6.1).
	CodeTreeRedirectNone = "spf.tree.redirect.none"
	// CodeTreeRecordNone fires when the walked domain itself has no SPF
	// record. Warning: receivers get "none" and cannot tell forged mail
	// from real (RFC 7208 §2.6.1, §4.5).
	CodeTreeRecordNone = "spf.tree.record.none"
	// CodeTreeRecordMultiple fires when a domain in the tree publishes more
	// than one SPF record. Error: permerror (RFC 7208 §4.5).
	CodeTreeRecordMultiple = "spf.tree.record.multiple"
	// CodeTreeRecordInvalid fires when a record in the tree has a syntax
	// error. Error: permerror (RFC 7208 §4.6); the record's own findings say
	// where.
	CodeTreeRecordInvalid = "spf.tree.record.invalid"
	// CodeTreeDomainInvalid fires when the walked domain is not a valid
	// domain name. Error: check_host() returns none (RFC 7208 §4.3).
	CodeTreeDomainInvalid = "spf.tree.domain.invalid"
	// CodeTreeMXTooMany fires when an mx term's domain has more than 10 MX
	// records. Error: permerror (RFC 7208 §4.6.4).
	CodeTreeMXTooMany = "spf.tree.mx.too_many"
	// CodeTreeTemperror fires when a DNS query of the walk failed (SERVFAIL,
	// timeout, …). Warning: receivers asking at that moment would get
	// temperror (RFC 7208 §2.6.6); the tree below that point is unknown.
	CodeTreeTemperror = "spf.tree.dns.temperror"
	// CodeTreeWalkCut fires for an include or redirect reached within the
	// 10 lookups that the walk did not fetch because it had fetched as many
	// records as it does (64, a bound against adversarial trees). Warning:
	// the tree below it is unknown, not absent (RFC 7208 §4.6.4).
	CodeTreeWalkCut = "spf.tree.walk.cut"
	// CodeTreeMacroSkipped fires for an include or redirect whose domain
	// contains macros other than %{d} and %{o}: what it names depends on the
	// client, so the walk does not follow it. Info (RFC 7208 §7).
	CodeTreeMacroSkipped = "spf.tree.macro.skipped"

	// CodeCheckDomainInvalid: the checked domain is not a valid domain name;
	// result none (RFC 7208 §4.3).
	CodeCheckDomainInvalid = "spf.check.domain.invalid"
	// CodeCheckIPMissing: the query has no valid client IP address, so
	// nothing can be checked; result none (RFC 7208 §4.1 needs <ip>).
	CodeCheckIPMissing = "spf.check.ip.missing"
	// CodeCheckRecordNone: the checked domain has no SPF record; result none
	// (RFC 7208 §4.5).
	CodeCheckRecordNone = "spf.check.record.none"
	// CodeCheckRecordMultiple: a domain evaluated has more than one SPF
	// record; permerror (RFC 7208 §4.5).
	CodeCheckRecordMultiple = "spf.check.record.multiple"
	// CodeCheckRecordInvalid: a record evaluated has a syntax error;
	// permerror (RFC 7208 §4.6).
	CodeCheckRecordInvalid = "spf.check.record.invalid"
	// CodeCheckLookupsExceeded: more than 10 terms cost a DNS lookup;
	// permerror (RFC 7208 §4.6.4).
	CodeCheckLookupsExceeded = "spf.check.lookups.exceeded"
	// CodeCheckVoidExceeded: more than 2 lookups returned no answer;
	// permerror (RFC 7208 §4.6.4).
	CodeCheckVoidExceeded = "spf.check.void.exceeded"
	// CodeCheckMXTooMany: an mx term's domain has more than 10 MX records;
	// permerror (RFC 7208 §4.6.4).
	CodeCheckMXTooMany = "spf.check.mx.too_many"
	// CodeCheckIncludeNone: an include names a domain with no SPF record;
	// permerror (RFC 7208 §5.2).
	CodeCheckIncludeNone = "spf.check.include.none"
	// CodeCheckRedirectNone: a redirect names a domain with no SPF record;
	// permerror (RFC 7208 §6.1).
	CodeCheckRedirectNone = "spf.check.redirect.none"
	// CodeCheckTemperror: a DNS query failed (SERVFAIL, timeout, …);
	// temperror (RFC 7208 §4.4, §2.6.6).
	CodeCheckTemperror = "spf.check.dns.temperror"
)

// AllCodes lists every code above, for tests and documentation.
var AllCodes = []string{
	CodeTreeLookupsExceeded, CodeTreeVoidExceeded, CodeTreeIncludeLoop,
	CodeTreeIncludeNone, CodeTreeRedirectNone, CodeTreeRecordNone,
	CodeTreeRecordMultiple, CodeTreeRecordInvalid, CodeTreeDomainInvalid,
	CodeTreeMXTooMany, CodeTreeTemperror, CodeTreeWalkCut, CodeTreeMacroSkipped,
	CodeCheckDomainInvalid, CodeCheckIPMissing, CodeCheckRecordNone, CodeCheckRecordMultiple,
	CodeCheckRecordInvalid, CodeCheckLookupsExceeded, CodeCheckVoidExceeded,
	CodeCheckMXTooMany, CodeCheckIncludeNone, CodeCheckRedirectNone,
	CodeCheckTemperror,
}

// treeRefs are the sections of RFC 7208 the tree's codes rest on, as their
// comments above say.
var treeRefs = map[string]string{
	CodeTreeLookupsExceeded: "RFC 7208 §4.6.4", CodeTreeVoidExceeded: "RFC 7208 §4.6.4",
	CodeTreeIncludeLoop: "RFC 7208 §4.6.4", CodeTreeIncludeNone: "RFC 7208 §5.2",
	CodeTreeRedirectNone: "RFC 7208 §6.1", CodeTreeRecordNone: "RFC 7208 §4.5",
	CodeTreeRecordMultiple: "RFC 7208 §4.5", CodeTreeRecordInvalid: "RFC 7208 §4.6",
	CodeTreeDomainInvalid: "RFC 7208 §4.3", CodeTreeMXTooMany: "RFC 7208 §4.6.4",
	CodeTreeTemperror: "RFC 7208 §2.6.6", CodeTreeWalkCut: "RFC 7208 §4.6.4",
	CodeTreeMacroSkipped: "RFC 7208 §7",
}

// TreeRef returns the section of RFC 7208 a tree problem's code rests on
// ("RFC 7208 §5.2"), "" for a code that is not one of the tree's.
func TreeRef(code string) string { return treeRefs[code] }
