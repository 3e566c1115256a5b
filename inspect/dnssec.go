package inspect

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Finding codes of the DNSSEC part (see codes.go for the others).
const (
	// CodeDNSSECValidated (info): the domain's answers are signed and the
	// resolver validated them (AD, RFC 4035 §3.2.3): DANE can protect mail
	// to its MX hosts (RFC 7672 §1.3), and senders can trust the MX, SPF,
	// DKIM and DMARC answers.
	CodeDNSSECValidated = "report.dnssec.validated"
	// CodeDNSSECUnsigned (info): the domain is not signed (no DNSKEY or DS,
	// or the resolver proved there is no DS): its answers can be forged on
	// the way, DANE cannot protect mail to it, and MTA-STS (RFC 8461 §2) is
	// what protects its inbound TLS instead. Args "proven" is "true" when
	// the resolver validated the proof that no DS exists.
	CodeDNSSECUnsigned = "report.dnssec.unsigned"
	// CodeDNSSECUnvalidated (warning): the domain has DS or DNSKEY records
	// but the resolver set AD on none of its answers: it does not
	// validate, so the report cannot say whether the answers are
	// authentic, nor judge DANE.
	CodeDNSSECUnvalidated = "report.dnssec.unvalidated"
	// CodeDNSSECNoDS (warning): the domain publishes DNSKEY records but its
	// parent has no DS record for it: validators cannot reach its keys and
	// treat it as unsigned (RFC 4035 §5).
	CodeDNSSECNoDS = "report.dnssec.no_ds"
	// CodeDNSSECBogus (error): the domain has DS records and the resolver
	// answers SERVFAIL for its keys, as a validating resolver does when
	// the signatures or keys do not verify (RFC 4035 §5.5): every
	// validating resolver fails to resolve the domain, and mail to it
	// stops.
	CodeDNSSECBogus = "report.dnssec.bogus"
)

// DNSSECStatus is what the report found of the domain's DNSSEC.
type DNSSECStatus string

// The DNSSEC statuses, the first that holds being the domain's.
const (
	// DNSSECValidated: the resolver validated the domain's keys (AD).
	DNSSECValidated DNSSECStatus = "validated"
	// DNSSECBogus: DS records, and the keys fail validation (SERVFAIL).
	DNSSECBogus DNSSECStatus = "bogus"
	// DNSSECUnvalidated: DS or DNSKEY records, but no answer validated
	// while the parent vouches for the keys: the resolver does not validate.
	DNSSECUnvalidated DNSSECStatus = "unvalidated"
	// DNSSECNoDS: DNSKEY records and no DS at the parent.
	DNSSECNoDS DNSSECStatus = "no_ds"
	// DNSSECUnsigned: no DNSKEY and no DS.
	DNSSECUnsigned DNSSECStatus = "unsigned"
	// DNSSECUnknown: the DNSKEY or DS query failed.
	DNSSECUnknown DNSSECStatus = "unknown"
)

// DNSSEC is whether the domain is signed and the resolver validated its
// answers (the AD bit, RFC 4035 §3.2.3; the queries ask with AD=1, RFC
// 6840 §5.7), for the domain and for each section of the report.
type DNSSEC struct {
	Name   string       `json:"name"` // the domain, fully qualified: where DNSKEY and DS are asked
	Status DNSSECStatus `json:"status"`
	// DS is the number of DS records at Name, and DNSKEY that of its
	// DNSKEY records when they were asked (neither the MX answer's AD nor
	// the DS answer settled the status). Proven is true when the resolver
	// validated the answer that there is no DS (the parent is signed and
	// proves the domain is not).
	DNSKEY int  `json:"dnskey"`
	DS     int  `json:"ds"`
	Proven bool `json:"proven"`
	// Sections says, for each part that got answers, how many and how
	// many of them the resolver validated, in the parts' order.
	Sections []Validation `json:"sections"`
	Errors   []DNSError   `json:"errors"`
}

// Validation is how many answers a part of the report got and how many of
// them carried AD.
type Validation struct {
	Part      string `json:"part"`
	Answers   int    `json:"answers"`
	Validated int    `json:"validated"`
}

// The DNSSEC of a section of the report (PartStatus.DNSSEC).
const (
	SectionValidated   = "validated"   // every answer validated
	SectionPartly      = "partly"      // some answers validated
	SectionUnvalidated = "unvalidated" // no answer validated
)

// signed reports whether the domain is signed, validated or not: its
// sections' answers are then expected to be validated.
func (d *DNSSEC) signed() bool {
	switch d.Status {
	case DNSSECValidated, DNSSECBogus, DNSSECUnvalidated:
		return true
	}
	return false
}

// sectionLabels say the Section* constants for people.
var sectionLabels = map[string]string{
	SectionValidated:   "DNSSEC-validated",
	SectionPartly:      "partly DNSSEC-validated",
	SectionUnvalidated: "not DNSSEC-validated",
}

// sectionDNSSEC is how much of the answers of part the resolver
// validated: a Section* constant, or "" when the part got no answer.
func (r *Report) sectionDNSSEC(part string) string {
	for _, v := range r.DNSSEC.Sections {
		if v.Part != part || v.Answers == 0 {
			continue
		}
		switch v.Validated {
		case v.Answers:
			return SectionValidated
		case 0:
			return SectionUnvalidated
		}
		return SectionPartly
	}
	return ""
}

// dnssecPart asks the domain's DNSKEY and DS records, and says from them
// and the AD bit whether it is signed and validated.
var dnssecPart = part{
	verdict: dnssecVerdict, optional: true, aboutDNSSEC: true,
	name: "dnssec", label: "DNSSEC", title: "DNSSEC validation", section: "dnssec",
	atOnce: func(*lookup) int { return 1 }, // DS; MX is the MX part's
	start: func(l *lookup) func(*Report) {
		d := lookupDNSSEC(l.ctx, l.r, l.domain)
		return func(rep *Report) { rep.DNSSEC = d }
	},
	errors:   func(r *Report) []DNSError { return r.DNSSEC.Errors },
	records:  func(*Report) []explain.Record { return nil },
	found:    func(r *Report) bool { return r.DNSSEC.Status != DNSSECUnsigned },
	findings: dnssecFindings,
	rules: explain.Rules{
		CodeDNSSECValidated:   {Severity: explain.Info, Ref: "RFC 4035 §3.2.3", Message: msgDNSSECValidated},
		CodeDNSSECUnsigned:    {Severity: explain.Info, Ref: "RFC 8461 §2", Message: msgDNSSECUnsigned},
		CodeDNSSECUnvalidated: {Severity: explain.Warning, Ref: "RFC 6840 §5.7", Message: msgDNSSECUnvalidated},
		CodeDNSSECNoDS:        {Severity: explain.Warning, Ref: "RFC 4035 §5", Message: msgDNSSECNoDS},
		CodeDNSSECBogus:       {Severity: explain.Error, Ref: "RFC 4035 §5.5", Message: msgDNSSECBogus},
	},
}

// lookupDNSSEC asks the domain's MX records (the MX part's query,
// answered once) and its DS records at once. The MX answer's AD says
// whether the resolver validated the domain's zone (for a name below the
// zone's apex too); the DS answer, from the parent, whether the domain
// should be signed, and its AD whether the parent proves it is not. Only
// when neither settles it, the DNSKEY query says whether the zone is
// signed without a DS (or the keys fail: SERVFAIL).
func lookupDNSSEC(ctx context.Context, r doh.Resolver, domain string) DNSSEC {
	fqdn := dns.Fqdn(domain)
	d := DNSSEC{Name: fqdn, Sections: []Validation{}, Errors: []DNSError{}}
	var mx, ds *doh.Result
	var mxErr, dsErr error
	var wg sync.WaitGroup
	wg.Go(func() { mx, mxErr = r.Query(ctx, fqdn, dns.TypeMX) }) // its failure is the MX part's to report
	wg.Go(func() { ds, dsErr = r.Query(ctx, fqdn, dns.TypeDS) })
	wg.Wait()
	if dsErr != nil {
		d.Errors = append(d.Errors, *dnsError("dnssec", fqdn, dns.TypeDS, dsErr))
		d.Status = DNSSECUnknown
		return d
	}
	d.DS = countType(ds, dns.TypeDS)
	d.Proven = d.DS == 0 && ds.AD
	switch {
	case mxErr == nil && mx.AD:
		d.Status = DNSSECValidated
		return d
	case d.Proven:
		d.Status = DNSSECUnsigned
		return d
	}
	keys, err := r.Query(ctx, fqdn, dns.TypeDNSKEY)
	switch {
	case err != nil && d.DS > 0 && servfail(err):
		d.Status = DNSSECBogus
	case err != nil:
		d.Errors = append(d.Errors, *dnsError("dnssec", fqdn, dns.TypeDNSKEY, err))
		d.Status = DNSSECUnknown
	case keys.AD:
		d.Status = DNSSECValidated // the MX query failed, the keys validated
	default:
		d.DNSKEY = countType(keys, dns.TypeDNSKEY)
		switch {
		case d.DS > 0:
			d.Status = DNSSECUnvalidated
		case d.DNSKEY > 0:
			d.Status = DNSSECNoDS
		default:
			d.Status = DNSSECUnsigned
		}
	}
	return d
}

// countType is the number of records of type t the answer gives.
func countType(res *doh.Result, t uint16) int {
	n := 0
	for _, rr := range res.Records() {
		if rr.Header().Rrtype == t {
			n++
		}
	}
	return n
}

// servfail reports whether err is a SERVFAIL answer.
func servfail(err error) bool {
	var e *doh.Error
	return errors.As(err, &e) && errors.Is(e.Kind, doh.ErrRcode) && e.Rcode == dns.RcodeServerFailure
}

func dnssecFindings(r *Report) []Finding {
	d := &r.DNSSEC
	a := args("domain", r.Domain, "ds", strconv.Itoa(d.DS), "dnskey", strconv.Itoa(d.DNSKEY),
		"proven", strconv.FormatBool(d.Proven), "mta_sts", strconv.FormatBool(r.MTASTS.Record != nil))
	code := map[DNSSECStatus]string{
		DNSSECValidated:   CodeDNSSECValidated,
		DNSSECUnsigned:    CodeDNSSECUnsigned,
		DNSSECUnvalidated: CodeDNSSECUnvalidated,
		DNSSECNoDS:        CodeDNSSECNoDS,
		DNSSECBogus:       CodeDNSSECBogus,
	}[d.Status]
	if code == "" {
		return nil
	}
	return []Finding{render(code, d.Name, a)}
}

func dnssecVerdict(r *Report) string {
	switch r.DNSSEC.Status {
	case DNSSECValidated:
		if r.NXDomain {
			return "Signed: the resolver validated that the domain does not exist"
		}
		return "Signed and validated"
	case DNSSECBogus:
		return "Signed, and validation fails"
	case DNSSECUnvalidated:
		return "Signed, but the resolver does not validate"
	case DNSSECNoDS:
		return "Signed, but no DS record at its parent: treated as not signed"
	case DNSSECUnknown:
		return "Unknown: a query it needed failed"
	}
	return "Not signed"
}

func msgDNSSECValidated(a explain.Args) string {
	return fmt.Sprintf("%s is signed with DNSSEC and the resolver validated its answers (it set AD): senders that validate can trust its MX, SPF, DKIM and DMARC answers, and DANE can protect mail to its MX hosts (RFC 7672 §1.3) where their TLSA records are validated too.", a["domain"])
}

func msgDNSSECUnsigned(a explain.Args) string {
	msg := fmt.Sprintf("%s is not signed with DNSSEC", a["domain"])
	if a["proven"] == "true" {
		msg += " (the resolver validated its parent's proof that no DS record exists)"
	}
	msg += ": its answers can be forged on the way to a sender, and DANE cannot protect mail to it (RFC 7672 §1.3)."
	if a["mta_sts"] == "true" {
		return msg + " Its MTA-STS policy is what protects mail to it from downgrades: MTA-STS exists for domains that cannot deploy DNSSEC (RFC 8461 §2)."
	}
	return msg + " MTA-STS exists for domains that cannot deploy DNSSEC (RFC 8461 §2): publish a policy so that senders require TLS to its MX hosts, or sign the zone (most DNS hosts offer it) and publish DS at the registrar."
}

func msgDNSSECUnvalidated(a explain.Args) string {
	return fmt.Sprintf("%s has %s and %s, so it is signed, but the resolver set AD on none of its answers: it does not validate DNSSEC (or was not asked to, RFC 6840 §5.7). This report cannot say whether the answers are authentic, nor whether DANE protects mail to it. Look it up through a validating resolver.",
		a["domain"], plural(atoi(a["ds"]), "DS record"), plural(atoi(a["dnskey"]), "DNSKEY record"))
}

func msgDNSSECNoDS(a explain.Args) string {
	return fmt.Sprintf("%s publishes %s but its parent zone has no DS record for it: validating resolvers cannot reach its keys and treat it as not signed, so nothing depends on its signatures and DANE cannot work. Publish the DS record of its key-signing key at the registrar (RFC 4035 §5, RFC 4509).",
		a["domain"], plural(atoi(a["dnskey"]), "DNSKEY record"))
}

func msgDNSSECBogus(a explain.Args) string {
	return fmt.Sprintf("%s has %s at its parent, and the resolver answers SERVFAIL for its keys: validation fails (expired signatures, or a DS matching no DNSKEY, RFC 4035 §5.5). Every validating resolver then fails every name of the domain, and mail to it stops. Re-sign the zone, or fix or remove the DS at the registrar.",
		a["domain"], plural(atoi(a["ds"]), "DS record"))
}

// atoi is the number s says, 0 for none.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
