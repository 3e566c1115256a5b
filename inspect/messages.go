package inspect

// The report's finding messages: one rule per code, saying how much the
// finding matters, the part it is about, the section it cites and how its
// message reads, written from the finding's Args alone (codes.go documents
// each code; Finding.Args holds the values).

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// coreRules are the rules (severity, section, message) of the codes of
// codes.go, by the part their findings are about: "" for a finding about
// any part's query (the caller names it). A part's own codes have their
// rules in its rules field.
var coreRules = map[string]explain.Rules{
	"mx": {
		CodeDomainNXDomain:      {Severity: explain.Error, Ref: "RFC 5321 §5.1", Message: msgNXDomain},
		CodeMXImplicit:          {Severity: explain.Info, Ref: "RFC 5321 §5.1", Message: msgMXImplicit},
		CodeMXNone:              {Severity: explain.Warning, Ref: "RFC 7505 §3", Message: msgMXNone},
		CodeMXExchangeCNAME:     {Severity: explain.Warning, Ref: "RFC 2181 §10.3", Message: msgExchangeCNAME},
		CodeMXExchangeNoAddress: {Severity: explain.Warning, Ref: "RFC 5321 §5.1", Message: msgExchangeNoAddress},
		CodeMXNoUsable:          {Severity: explain.Error, Ref: "RFC 5321 §5.1", Message: msgNoUsable},
		CodeMXNotInSPF:          {Severity: explain.Info, Ref: "RFC 7208 §5.4", Message: msgNotInSPF},
		CodeMXHostsCut:          {Severity: explain.Warning, Ref: "RFC 5321 §5.1", Message: msgHostsCut},
	},
	"": {
		CodeDNSCNAMELoop:     {Severity: explain.Error, Ref: "RFC 1034 §3.6.2", Message: msgCNAMELoop},
		CodeDNSCNAMEChainCut: {Severity: explain.Warning, Ref: "RFC 1034 §3.6.2", Message: msgCNAMEChainCut},
	},
	"spf": {
		CodeNullMXSPFPermits: {Severity: explain.Warning, Ref: "RFC 7505 §4", Message: msgNullMXSPFPermits},
	},
	"dmarc": {
		CodeDMARCAbsent:             {Severity: explain.Warning, Ref: "RFC 9989 §4.10.1", Message: msgDMARCAbsent},
		CodeDMARCInherited:          {Severity: explain.Info, Ref: "RFC 9989 §4.10.1", Message: msgDMARCInherited},
		CodeDMARCIgnoredRecord:      {Severity: explain.Info, Ref: "RFC 9989 §4.10.1", Message: msgDMARCIgnored},
		CodeDMARCLegacyDiffers:      {Severity: explain.Warning, RefFor: legacyRef, Message: msgDMARCLegacy},
		CodeDMARCNoSPFNoDKIM:        {Severity: explain.Warning, Ref: "RFC 9989 §4.4", Message: msgNoSPFNoDKIM},
		CodeDMARCMonitorSPFFail:     {Severity: explain.Warning, Ref: "RFC 9989 §7.1", Message: msgMonitorSPFFail},
		CodeDMARCReportUnauthorized: {Severity: explain.Error, Ref: "RFC 7489 §7.1", Message: msgReportUnauthorized},
	},
	"dkim": {
		CodeDKIMSelectorMissing: {Severity: explain.Error, Ref: "RFC 6376 §6.1.2", Message: msgSelectorMissing},
		CodeDKIMAllRevoked:      {Severity: explain.Warning, Ref: "RFC 6376 §3.6.1", Message: msgAllRevoked},
		CodeDKIMNoneFound:       {Severity: explain.Info, Ref: "RFC 6376 §3.6.2.1", Message: msgNoneFound},
	},
}

// rules are the report's rules by code, coreRules' and every part's, and
// partOf the part each code's findings are about; init in part.go fills
// both (render reads only these, so that a part's findings can render
// without an initialization cycle through parts).
var (
	rules  = explain.Rules{}
	partOf = map[string]string{}
)

// render returns the finding code says about name with args: its severity,
// section and message from the code's rule (explain.Rules.Finding), and its
// part. An unknown code gives a Finding with no Code.
func render(code, name string, args explain.Args) Finding {
	if _, ok := rules[code]; !ok {
		return Finding{}
	}
	f := rules.Finding(code, explain.Span{}, args)
	return Finding{Severity: f.Severity, Code: code, Part: partOf[code], Name: name, Ref: f.Ref, Message: f.Message, Args: f.Args}
}

// args makes a finding's Args from name, value pairs, leaving out empty
// values.
func args(kv ...string) explain.Args {
	a := explain.Args{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			a[kv[i]] = kv[i+1]
		}
	}
	return a
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func msgNXDomain(a explain.Args) string {
	msg := fmt.Sprintf("%s does not exist (the DNS answers NXDOMAIN): mail to it bounces at once.", a["domain"])
	if a["policy_domain"] != "" {
		msg += fmt.Sprintf(" Mail that claims to come from it gets the policy of %s for non-existent domains (np=, else sp=, else p=): %s.", a["policy_domain"], orNone(a["policy"]))
	}
	return msg + " Check the spelling, or publish the domain's zone."
}

func msgMXImplicit(a explain.Args) string {
	return fmt.Sprintf("%s has no MX records, so senders deliver to its own address (%s), the implicit MX. If that host does not receive mail, publish a null MX (\"0 .\", RFC 7505) so that senders bounce at once; if it does, an MX record pointing at it says so explicitly.", a["domain"], a["addresses"])
}

func msgMXNone(a explain.Args) string {
	return fmt.Sprintf("%s has no MX records and no A or AAAA record: mail to it cannot be delivered, and senders keep retrying for days before they bounce it. If the domain receives no mail, publish a null MX (%s. IN MX 0 .); otherwise publish MX records naming the hosts that receive it.", a["domain"], a["domain"])
}

func msgExchangeCNAME(a explain.Args) string {
	return fmt.Sprintf("The MX exchange %s is an alias (CNAME to %s). RFC 5321 §5.1 and RFC 2181 §10.3 require an exchange to be a host name with its own A or AAAA records; some senders refuse an alias. Point the MX record at %s instead.", a["exchange"], a["target"], a["target"])
}

func msgExchangeNoAddress(a explain.Args) string {
	what := "has no A or AAAA record"
	if a["nxdomain"] == "true" {
		what = "does not exist (NXDOMAIN)"
	}
	return fmt.Sprintf("The MX exchange %s %s, so senders skip it. Publish its A or AAAA record, or remove the MX record that names it.", a["exchange"], what)
}

func msgNoUsable(a explain.Args) string {
	return fmt.Sprintf("None of the MX exchanges of %s has an address, so senders cannot deliver mail to it and must return it as undeliverable. Give the exchanges A or AAAA records, or fix the MX records to name hosts that have them.", a["domain"])
}

func msgHostsCut(a explain.Args) string {
	return fmt.Sprintf("%s has %s MX exchanges; this report looked up the addresses of the %s most preferred only, so the other %s are not checked and the report is partial. Senders may also stop long before the last of so many (RFC 5321 §5.1 lets them limit the hosts they try). Publish a few MX records instead.", a["domain"], a["exchanges"], a["resolved"], a["cut"])
}

func msgNullMXSPFPermits(a explain.Args) string {
	var permits []string
	switch n, _ := strconv.Atoi(a["networks"]); n {
	case 0:
	case 1:
		permits = append(permits, "authorises "+a["network"])
	default:
		permits = append(permits, fmt.Sprintf("authorises %d networks", n))
	}
	switch all := a["all"]; all {
	case "-all":
	case "":
		permits = append(permits, "has no -all (senders matching nothing get neutral)")
	default:
		permits = append(permits, "ends in "+all+" instead of -all")
	}
	return fmt.Sprintf("%s publishes a null MX (it accepts no mail), but its SPF record %s. A domain that receives no mail usually sends none either: publish \"v=spf1 -all\" so that receivers can reject mail forged in its name.", a["domain"], strings.Join(permits, " and "))
}

// nullMXPermits reports whether msgNullMXSPFPermits has something to say:
// the policy authorises networks or does not end in -all.
func nullMXPermits(networks int, all string) bool { return networks > 0 || all != "-all" }

func msgNotInSPF(a explain.Args) string {
	if a["count"] == "1" {
		return fmt.Sprintf("The MX host %s is not authorised by the SPF policy of %s. That is right if it only receives mail; if it also sends the domain's mail (bounces, forwarding, replies), add \"mx\" or its addresses to the SPF record.", a["hosts"], a["domain"])
	}
	return fmt.Sprintf("%s MX hosts are not authorised by the SPF policy of %s: %s. That is right if they only receive mail; if they also send the domain's mail (bounces, forwarding, replies), add \"mx\" or their addresses to the SPF record.", a["count"], a["domain"], a["hosts"])
}

func msgCNAMELoop(a explain.Args) string {
	return fmt.Sprintf("The CNAME records at %s form a loop (%s → %s): the name has no records for anyone, and resolvers answer SERVFAIL, so what needed it is unknown (mail to or from it is deferred, SPF gives temperror). Fix the CNAME records so that the chain ends at a name with records.", a["name"], a["name"], a["chain"])
}

func msgCNAMEChainCut(a explain.Args) string {
	return fmt.Sprintf("The CNAME chain from %s is longer than %s records, the most this report follows (resolvers stop at about as many): what it leads to is unknown, so the report is partial. Point %s at the final name directly.", a["name"], a["max"], a["name"])
}

func msgDMARCAbsent(a explain.Args) string {
	return fmt.Sprintf("No DMARC policy record applies to %s (none at _dmarc.%s. nor at its parent domains): receivers apply no DMARC processing, so anyone can send mail with this domain in From:. Publish a TXT record at _dmarc.%s, starting with \"v=DMARC1; p=none; rua=mailto:…\" to collect reports, then move to quarantine or reject.", a["domain"], a["domain"], a["domain"])
}

func msgDMARCInherited(a explain.Args) string {
	which := "sp= (for an existing subdomain)"
	if a["nxdomain"] == "true" {
		which = "np= (for a domain that does not exist)"
	}
	src := "organizational domain"
	if a["source"] == "psd" {
		src = "public suffix domain"
	}
	return fmt.Sprintf("%s has no DMARC record of its own; the record of its %s %s applies, with its %s, else p=: policy %s. To give %s its own policy, publish a record at _dmarc.%s.", a["domain"], src, a["policy_domain"], which, orNone(a["policy"]), a["domain"], a["domain"])
}

func msgDMARCIgnored(a explain.Args) string {
	return fmt.Sprintf("The DMARC record at %s is not used for mail from %s: receivers apply the record of the domain itself, else of its organizational domain (%s), else of its public suffix domain, and skip records in between. Publish a record at _dmarc.%s if %s should have a policy of its own.", a["name"], a["domain"], a["organizational_domain"], a["domain"], a["domain"])
}

// legacyRef: a different policy record is RFC 7489's discovery (§6.6.3), a
// different organizational domain its definition (§3.2).
func legacyRef(a explain.Args) string {
	if a["differs"] == "organizational_domain" {
		return "RFC 7489 §3.2"
	}
	return "RFC 7489 §6.6.3"
}

func msgDMARCLegacy(a explain.Args) string {
	if a["differs"] == "organizational_domain" {
		return fmt.Sprintf("The organizational domain of %s is %s for receivers that still follow RFC 7489 (public suffix list) and %s for RFC 9989 receivers (DNS tree walk). With relaxed alignment, an SPF or DKIM domain under one but not the other aligns for some receivers only: sign and send from %s itself or its subdomains to be aligned for both.",
			a["domain"], a["legacy_organizational_domain"], a["organizational_domain"], longer(a["legacy_organizational_domain"], a["organizational_domain"]))
	}
	return fmt.Sprintf("Receivers that still follow RFC 7489 look only at _dmarc.%s and at the organizational domain from the public suffix list (%s), and apply the record of %s; RFC 9989 receivers, with the DNS tree walk, apply the record of %s. Mail from %s is handled differently until every receiver follows RFC 9989; a record at _dmarc.%s makes both apply the same one.",
		a["domain"], a["legacy_organizational_domain"], orNone(a["legacy_policy_domain"]), orNone(a["policy_domain"]), a["domain"], a["domain"])
}

func msgNoSPFNoDKIM(a explain.Args) string {
	return fmt.Sprintf("The DMARC policy of %s is p=%s, but %s has no SPF record and no DKIM key was found at the %s selectors looked up: no mail from it can pass DMARC, and the policy asks receivers to %s all of it. If the domain sends no mail, that is what you want (also publish \"v=spf1 -all\"); if it does, publish its SPF record and DKIM key, or name the selector it signs with (--selector).",
		a["policy_domain"], a["policy"], a["domain"], a["selectors"], a["policy"])
}

func msgMonitorSPFFail(a explain.Args) string {
	return fmt.Sprintf("SPF for %s ends in -all while its DMARC policy is p=none (monitoring). Receivers that check SPF early in the SMTP session may reject mail that fails SPF even when an aligned DKIM signature would pass DMARC, and such rejections never appear in the aggregate reports p=none is meant to collect. While monitoring, ~all is safer; move to -all together with an enforcing policy.", a["domain"])
}

func msgReportUnauthorized(a explain.Args) string {
	return fmt.Sprintf("The %s address %s is outside the organization of %s, and %s publishes no authorisation record: receivers ignore this address and send it no reports. Ask the operator of %s to publish a TXT record \"v=DMARC1;\" at %s, or use an address within %s.", a["tag"], a["uri"], a["policy_domain"], a["host"], a["host"], a["name"], a["organizational_domain"])
}

func msgSelectorMissing(a explain.Args) string {
	return fmt.Sprintf("No DKIM key record at %s: verifiers fail every signature made with selector %q (s=%s, d=%s). Publish the key the signer gives you as a TXT record at that name, or check the selector's spelling.", a["name"], a["selector"], a["selector"], a["domain"])
}

func msgAllRevoked(a explain.Args) string {
	return fmt.Sprintf("Every DKIM key found for %s is revoked (empty p=): no signature made with these selectors verifies. If the domain still signs mail, publish its current key; if it signs with another selector, that one was not looked up (name it with --selector).", a["domain"])
}

func msgNoneFound(a explain.Args) string {
	return fmt.Sprintf("No DKIM key was found at the %s common selectors looked up under _domainkey.%s. Selectors are chosen by the signer, so the domain may still sign with another one: find s= in the DKIM-Signature header of a message it sent, and look it up with --selector.", a["selectors"], a["domain"])
}
