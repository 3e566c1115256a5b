package inspect

// Finding codes of the report (Finding.Code). They are stable: programs may
// match on them. Findings about one record's text come from the parsers
// (spf.*, dmarc.*, dkim.*, mx.*) and about the SPF tree from spfcheck
// (spf.tree.*); these are about the domain as a whole.
const (
	// CodeDomainNXDomain (error): the domain does not exist (NXDOMAIN for its
	// MX query); senders report an error for mail to it (RFC 5321 §5.1).
	CodeDomainNXDomain = "report.domain.nxdomain"

	// CodeMXImplicit (info): the domain has no MX records; senders deliver
	// to its own address records, the implicit MX (RFC 5321 §5.1).
	CodeMXImplicit = "report.mx.implicit"
	// CodeMXNone (warning): no MX records and no address records: mail to
	// the domain cannot be delivered, and senders retry before they bounce
	// it; a null MX says so at once (RFC 7505 §3).
	CodeMXNone = "report.mx.none"
	// CodeMXExchangeCNAME (warning): an MX exchange is an alias (CNAME);
	// RFC 5321 §5.1 and RFC 2181 §10.3 say it must be a host name with
	// address records. Many senders follow the alias, some do not.
	CodeMXExchangeCNAME = "report.mx.exchange_cname"
	// CodeMXExchangeNoAddress (warning): an MX exchange has no A or AAAA
	// record (or does not exist); senders skip it (RFC 5321 §5.1).
	CodeMXExchangeNoAddress = "report.mx.exchange_no_address"
	// CodeMXNoUsable (error): MX records exist but no exchange has an
	// address: senders must report an error (RFC 5321 §5.1).
	CodeMXNoUsable = "report.mx.no_usable_exchange"
	// CodeMXNotInSPF (info): an MX host's address is not authorised by the
	// domain's SPF policy; it matters only if that host also sends the
	// domain's mail (RFC 7208 §5.4).
	CodeMXNotInSPF = "report.mx.not_in_spf"

	// CodeMXHostsCut (warning): the domain has more MX exchanges than a
	// report resolves (the maxExchanges most preferred, mx.MaxUseful); the
	// others were not looked up, so the report is partial (RFC 5321 §5.1).
	CodeMXHostsCut = "report.mx.hosts_cut"

	// CodeDNSCNAMELoop (error): an answer's CNAME chain comes back to a name
	// already in it: the name has no records for anyone, and resolvers
	// answer SERVFAIL (RFC 1034 §3.6.2). The part that asked is partial.
	CodeDNSCNAMELoop = "report.dns.cname_loop"
	// CodeDNSCNAMEChainCut (warning): an answer's CNAME chain is longer than
	// doh.MaxChain (16) records, the most the report follows (RFC 1034
	// §3.6.2 asks resolvers to bound the work): what it leads to is
	// unknown, and the part that asked is partial.
	CodeDNSCNAMEChainCut = "report.dns.cname_chain_cut"

	// CodeNullMXSPFPermits (warning): the domain publishes a null MX (it
	// accepts no mail) but its SPF policy authorises senders or does not end
	// in -all; a domain that receives no mail usually sends none (RFC 7505
	// §4, RFC 7208 §10.1.2).
	CodeNullMXSPFPermits = "report.nullmx.spf_permits"

	// CodeDMARCAbsent (warning): no DMARC policy record applies to the
	// domain: receivers apply no DMARC processing (RFC 9989 §4.10.1).
	CodeDMARCAbsent = "report.dmarc.absent"
	// CodeDMARCInherited (info): the policy comes from the organizational
	// domain or the public suffix domain; sp= or np= govern (RFC 9989
	// §4.10.1).
	CodeDMARCInherited = "report.dmarc.inherited"
	// CodeDMARCIgnoredRecord (info): a DMARC record between the domain and
	// its organizational domain applies to neither; receivers skip it for
	// this domain (RFC 9989 §4.10.1).
	CodeDMARCIgnoredRecord = "report.dmarc.ignored_record"
	// CodeDMARCLegacyDiffers (warning): receivers that still follow RFC 7489
	// (public suffix list, no tree walk) find another organizational domain
	// or policy record than RFC 9989 receivers (RFC 7489 §6.6.3).
	CodeDMARCLegacyDiffers = "report.dmarc.rfc7489_differs"
	// CodeDMARCNoSPFNoDKIM (warning): the policy enforces (quarantine or
	// reject) but the domain has no SPF record and no DKIM key was found:
	// no mail from it can pass DMARC, unless it signs with a selector not
	// probed (RFC 9989 §4.4).
	CodeDMARCNoSPFNoDKIM = "report.dmarc.no_spf_no_dkim"
	// CodeDMARCMonitorSPFFail (warning): SPF ends in -all while DMARC is
	// p=none: receivers that apply SPF before DMARC may reject mail that
	// DKIM would pass, and those rejections never reach the aggregate
	// reports that p=none is for (RFC 9989 §7.1).
	CodeDMARCMonitorSPFFail = "report.dmarc.spf_fail_policy_none"
	// CodeDMARCReportUnauthorized (error): a rua or ruf address is in
	// another organization that publishes no authorisation record
	// (<domain>._report._dmarc.<host> starting with v=DMARC1): receivers
	// ignore that address (RFC 9990 §3, RFC 7489 §7.1).
	CodeDMARCReportUnauthorized = "report.dmarc.report_unauthorized"

	// CodeDKIMSelectorMissing (error): a selector the user named has no key
	// record: verifiers fail signatures made with it (RFC 6376 §6.1.2).
	CodeDKIMSelectorMissing = "report.dkim.selector_missing"
	// CodeDKIMNoneFound (info): no key at the selectors named or probed;
	// DKIM keys live at selectors only the signer knows, so this does not
	// prove the domain does not sign (RFC 6376 §3.6.2.1).
	CodeDKIMNoneFound = "report.dkim.none_found"
	// CodeDKIMAllRevoked (warning): every key found is revoked (empty p=):
	// no signature with these selectors verifies (RFC 6376 §3.6.1).
	CodeDKIMAllRevoked = "report.dkim.all_revoked"
)

// AllCodes lists every finding code of the package; the codes of parts
// with rules of their own follow, sorted, part by part.
var AllCodes = []string{
	CodeDomainNXDomain,
	CodeMXImplicit, CodeMXNone, CodeMXExchangeCNAME, CodeMXExchangeNoAddress, CodeMXNoUsable, CodeMXNotInSPF, CodeMXHostsCut,
	CodeDNSCNAMELoop, CodeDNSCNAMEChainCut,
	CodeNullMXSPFPermits,
	CodeDMARCAbsent, CodeDMARCInherited, CodeDMARCIgnoredRecord, CodeDMARCLegacyDiffers, CodeDMARCNoSPFNoDKIM,
	CodeDMARCMonitorSPFFail, CodeDMARCReportUnauthorized,
	CodeDKIMSelectorMissing, CodeDKIMNoneFound, CodeDKIMAllRevoked,
}
