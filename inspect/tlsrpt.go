package inspect

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

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
	// §2.2) at one of the most preferred MX hosts, and no usable TLS-RPT
	// record: DANE failures go unreported (RFC 8460 §1).
	CodeTLSRPTMissingForDANE = "report.tls-rpt.missing_for_dane"
)

// daneHosts is how many of the most preferred MX hosts the TLS-RPT part
// asks for TLSA records: enough to see that the domain uses DANE, few
// enough for the query budget.
const daneHosts = 2

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

	// tlsa are the MX hosts with TLSA records at _25._tcp.<host> (RFC
	// 7672 §2.2), and tlsaValidated whether every such answer was
	// DNSSEC-validated (AD), without which senders ignore them.
	tlsa          []string
	tlsaValidated bool
}

// tlsrptPart is the domain's TLS reporting policy, and whether it has an
// MTA-STS record that would want one.
var tlsrptPart = part{
	verdict: tlsrptVerdict, optional: true,
	name: "tls-rpt", label: "TLS-RPT", title: "SMTP TLS reporting", section: "tls_rpt",
	atOnce: func(*lookup) int { return 2 }, // TXT at _smtp._tls, MX (the MX part's)
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
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.tlsa, t.tlsaValidated = lookupTLSA(ctx, r, domain)
	}()
	res, err := r.Query(ctx, t.Name, dns.TypeTXT)
	wg.Wait()
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

// lookupTLSA asks the most preferred MX hosts of domain for their SMTP
// TLSA records (_25._tcp.<host>, RFC 7672 §2.2) and returns the hosts that
// have some, and whether all those answers were DNSSEC-validated. The MX
// query is the MX part's too (the resolver answers it once).
func lookupTLSA(ctx context.Context, r doh.Resolver, domain string) (hosts []string, validated bool) {
	res, err := r.Query(ctx, domain+".", dns.TypeMX)
	if err != nil {
		return nil, false
	}
	var mxs []*dns.MX
	for _, rr := range res.Records() {
		if m, ok := rr.(*dns.MX); ok && m.Mx != "." {
			mxs = append(mxs, m)
		}
	}
	slices.SortStableFunc(mxs, func(a, b *dns.MX) int { return int(a.Preference) - int(b.Preference) })
	found := make([]bool, min(len(mxs), daneHosts))
	ad := make([]bool, len(found))
	var wg sync.WaitGroup
	for i := range found {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := r.Query(ctx, "_25._tcp."+mxs[i].Mx, dns.TypeTLSA)
			if err != nil {
				return
			}
			for _, rr := range res.Records() {
				if _, ok := rr.(*dns.TLSA); ok {
					found[i], ad[i] = true, res.AD
				}
			}
		}()
	}
	wg.Wait()
	validated = true
	for i, f := range found {
		if f {
			hosts = append(hosts, bare(canonicalName(mxs[i].Mx)))
			validated = validated && ad[i]
		}
	}
	return hosts, validated
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
	if len(t.tlsa) > 0 {
		out = append(out, render(CodeTLSRPTMissingForDANE, t.Name, args("domain", r.Domain, "name", bare(t.Name), "records", records,
			"hosts", strings.Join(t.tlsa, ", "), "validated", strconv.FormatBool(t.tlsaValidated))))
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
