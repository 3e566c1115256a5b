package inspect

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mtasts"
	"github.com/mxplain/mxplain/parsers/tlsrpt"
)

// Finding codes of the TLS-RPT part (see codes.go for the others).
const (
	// CodeTLSRPTMissingForSTS (warning): the domain publishes an MTA-STS
	// record (the mta-sts part's) but no usable TLS-RPT record: senders
	// find its MTA-STS failures (a broken policy, a certificate that does
	// not match, an attack) and report them to nobody (RFC 8461 §6). Not
	// for a policy in mode testing (the mta-sts part's
	// report.mta-sts.testing_without_tls_rpt says it) or none.
	CodeTLSRPTMissingForSTS = "report.tls-rpt.missing_for_mta_sts"
	// CodeTLSRPTMissingForDANE (warning): TLSA records for SMTP (RFC 7672
	// §2.2) at one of the MX hosts (the dane part's), and no usable TLS-RPT
	// record: DANE failures go unreported (RFC 8460 §1).
	CodeTLSRPTMissingForDANE = "report.tls-rpt.missing_for_dane"
)

// TLSRPT is the domain's SMTP TLS reporting policy (RFC 8460 §3).
type TLSRPT struct {
	Name string `json:"name"` // _smtp._tls.<domain>.
	// Records explains every TXT record at the name.
	Records []explain.Record `json:"records"`
	// Record is the one record senders use: exactly one starts with
	// "v=TLSRPTv1" (RFC 8460 §3); nil otherwise.
	Record *explain.Record `json:"record"`
	// Mailto and HTTPS are where reports go: the addresses of its usable
	// mailto: URIs and its usable https: URLs; never null.
	Mailto []string  `json:"mailto"`
	HTTPS  []string  `json:"https"`
	Error  *DNSError `json:"error,omitempty"`
}

// tlsrptPart is the domain's TLS reporting policy, and whether it has an
// MTA-STS record that would want one.
var tlsrptPart = part{
	verdict: tlsrptVerdict, optional: true,
	name: "tls-rpt", label: "TLS-RPT", title: "SMTP TLS reporting", section: "tls_rpt",
	atOnce: func(*lookup) int { return 1 }, // TXT at _smtp._tls
	start: func(l *lookup) func(*Report) {
		t := lookupTLSRPT(l.ctx, l.r, l.domain)
		return func(rep *Report) { rep.TLSRPT = t }
	},
	errors: func(r *Report) []DNSError {
		if r.TLSRPT.Error != nil {
			return []DNSError{*r.TLSRPT.Error}
		}
		return nil
	},
	records:  func(r *Report) []explain.Record { return r.TLSRPT.Records },
	findings: tlsrptFindings,
	rules: explain.Rules{
		CodeTLSRPTMissingForSTS:  {Severity: explain.Warning, Ref: "RFC 8461 §6", Message: msgTLSRPTMissingForSTS},
		CodeTLSRPTMissingForDANE: {Severity: explain.Warning, Ref: "RFC 8460 §1", Message: msgTLSRPTMissingForDANE},
	},
}

func lookupTLSRPT(ctx context.Context, r doh.Resolver, domain string) TLSRPT {
	t := TLSRPT{Name: "_smtp._tls." + domain + ".", Records: []explain.Record{}, Mailto: []string{}, HTTPS: []string{}}
	res, err := r.Query(ctx, t.Name, dns.TypeTXT)
	if err != nil {
		t.Error = dnsError("tls-rpt", t.Name, dns.TypeTXT, err)
		return t
	}
	var used int
	if t.Records, _, used = explainTXT(res, t.Name, &tlsrpt.Kind); used >= 0 {
		rec := t.Records[used]
		t.Record = &rec
		f := rec.Facts.(*tlsrpt.Facts)
		t.Mailto, t.HTTPS = f.Mailto, f.HTTPS
	}
	return t
}

// tlsrptFindings returns the findings across TLS-RPT and the records that
// want it: MTA-STS, DANE.
func tlsrptFindings(r *Report) []Finding {
	t := &r.TLSRPT
	if t.Error != nil || len(t.Mailto)+len(t.HTTPS) > 0 {
		return nil
	}
	var out []Finding
	records := strconv.Itoa(len(t.Records))
	if stsWantsTLSRPT(&r.MTASTS) {
		out = append(out, render(CodeTLSRPTMissingForSTS, t.Name, args("domain", r.Domain, "name", bare(t.Name), "records", records)))
	}
	if hosts, validated := r.DANE.tlsaHosts(); len(hosts) > 0 {
		out = append(out, render(CodeTLSRPTMissingForDANE, t.Name, args("domain", r.Domain, "name", bare(t.Name), "records", records,
			"hosts", strings.Join(hosts, ", "), "validated", strconv.FormatBool(validated))))
	}
	return out
}

// stsWantsTLSRPT reports whether senders use the domain's MTA-STS record
// and its policy is not in mode testing or none, whose own findings say
// what TLS-RPT is for there (or that nothing is applied).
func stsWantsTLSRPT(m *MTASTS) bool {
	if m.Error != nil || m.Record == nil {
		return false
	}
	if m.Policy != nil && m.Policy.Valid {
		if f, ok := m.Policy.Facts.(*mtasts.PolicyFacts); ok && f.Mode != nil {
			switch mtasts.Mode(*f.Mode) {
			case mtasts.ModeTesting, mtasts.ModeNone:
				return false
			}
		}
	}
	return true
}

// noTLSRPT says what the domain lacks at name.
func noTLSRPT(a explain.Args) string {
	if a["records"] != "0" {
		return "has no usable TLS-RPT record at " + a["name"]
	}
	return "has no TLS-RPT record at " + a["name"]
}

func msgTLSRPTMissingForSTS(a explain.Args) string {
	return fmt.Sprintf("%s publishes an MTA-STS record but %s: senders that find its MTA-STS policy broken or unreachable, its certificates wrong or its connections tampered with report it to nobody (RFC 8461 §6), and mail that enforce mode stops bounces without the domain hearing why. Publish one, such as \"v=TLSRPTv1; rua=mailto:tls-reports@%s\".",
		a["domain"], noTLSRPT(a), a["domain"])
}

func msgTLSRPTMissingForDANE(a explain.Args) string {
	dnssec := ""
	if a["validated"] != "true" {
		dnssec = " (the resolver did not validate those answers with DNSSEC: senders use TLSA records only from a signed zone, RFC 7672 §2.2, so check the zone is signed)"
	}
	return fmt.Sprintf("%s publishes DANE TLSA records for its MX host %s%s but %s: senders that find its certificates not matching those records, or the zone not validating, report it to nobody (RFC 8460 §1, §4.3.2.1). Publish one, such as \"v=TLSRPTv1; rua=mailto:tls-reports@%s\".",
		a["domain"], a["hosts"], dnssec, noTLSRPT(a), a["domain"])
}
