package inspect

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/tlsa"
)

// Finding codes of the DANE part (see codes.go for the others).
const (
	// CodeDANEUnvalidated (error): TLSA records at an MX host's
	// _25._tcp name, but the resolver did not validate them: senders
	// ignore TLSA records that are not DNSSEC-secure (RFC 7672 §2.2), so
	// they protect nothing.
	CodeDANEUnvalidated = "report.dane.tlsa_unvalidated"
	// CodeDANEMXUnvalidated (warning): validated TLSA records, but the MX
	// answer was not validated: senders look for TLSA records only for MX
	// hosts from a secure MX answer (RFC 7672 §2.2.1).
	CodeDANEMXUnvalidated = "report.dane.mx_unvalidated"
	// CodeDANEAddressUnvalidated (warning): validated TLSA records, but the
	// host's address answer was not validated: senders use DANE only for a
	// host whose address records are secure (RFC 7672 §2.2.2).
	CodeDANEAddressUnvalidated = "report.dane.address_unvalidated"
	// CodeDANEUnusable (error): validated TLSA records, none of them usable
	// for SMTP (only DANE-TA(2) and DANE-EE(3) with valid data are, RFC
	// 7672 §3.1.3): senders must use TLS but cannot authenticate the host
	// and treat the records as unusable (RFC 7672 §2.2).
	CodeDANEUnusable = "report.dane.unusable"
	// CodeDANECNAME (info): the MX host is an alias; senders look for TLSA
	// records at the alias's target when the chain is secure, else at the
	// host's own name (RFC 7672 §2.2.3). Args name where they were found.
	CodeDANECNAME = "report.dane.cname"
	// CodeDANESomeHosts (warning): DANE protects some of the MX hosts and
	// not the others: an attacker who blocks the protected ones gets mail
	// through the others without authenticated TLS.
	CodeDANESomeHosts = "report.dane.some_hosts"
	// CodeDANENotChecked (info): DANE protects mail to an MX host; whether
	// the host's certificate matches its TLSA records is seen only over
	// SMTP on port 25, which a browser cannot open and mxplain does not
	// (yet) do.
	CodeDANENotChecked = "report.dane.not_checked"
	// CodeDANEWithMTASTS (info): DANE protects an MX host and the domain
	// also publishes an MTA-STS record: senders that validate both never
	// let MTA-STS override a failing DANE validation (RFC 8461 §2), so a
	// new certificate or key must match the TLSA records first.
	CodeDANEWithMTASTS = "report.dane.with_mta_sts"
	// CodeDANEAvailable (info): the MX hosts' answers are validated, but
	// they publish no TLSA records: DANE could protect mail to them.
	CodeDANEAvailable = "report.dane.available"
)

// DANEStatus is whether DANE protects mail to one MX host (DANEHost).
type DANEStatus string

// The statuses of an MX host, the first that holds being its own.
const (
	DANEUnknown            DANEStatus = "unknown"             // the TLSA query failed
	DANENone               DANEStatus = "none"                // no TLSA records
	DANEUnvalidatedTLSA    DANEStatus = "tlsa_unvalidated"    // TLSA not validated: ignored
	DANEUnvalidatedMX      DANEStatus = "mx_unvalidated"      // MX answer not validated: TLSA not asked by senders
	DANEUnvalidatedAddress DANEStatus = "address_unvalidated" // address answer not validated
	DANEUnusableTLSA       DANEStatus = "unusable"            // validated, none usable for SMTP
	DANEProtected          DANEStatus = "protected"           // senders that validate require TLS authenticated by TLSA
)

// DANE is whether DANE for SMTP (RFC 7672) protects mail to each of the
// domain's MX hosts: TLSA records at _25._tcp.<host>, with DNSSEC.
type DANE struct {
	// MXValidated is true when the resolver validated the MX answer (AD):
	// senders use DANE only for MX hosts from a secure answer (RFC 7672
	// §2.2.1).
	MXValidated bool `json:"mx_validated"`
	// Hosts are the MX hosts in delivery order (the domain itself for an
	// implicit MX; none for a null MX), the maxDANEHosts most preferred.
	Hosts []DANEHost `json:"hosts"`
	// Protected is how many of Hosts DANE protects (status "protected").
	Protected int `json:"protected"`
	// Unchecked is the number of MX hosts past the maxDANEHosts most
	// preferred ones, whose TLSA records were not looked up.
	Unchecked int       `json:"unchecked,omitempty"`
	Error     *DNSError `json:"error,omitempty"`
}

// DANEHost is one MX host and its TLSA records.
type DANEHost struct {
	Host string `json:"host"` // the MX exchange, fully qualified
	// Name is where its TLSA records are (or were looked for last):
	// _25._tcp.<host>, or _25._tcp.<target> of a secure alias.
	Name string `json:"name"`
	// Alias is the host's CNAME chain, from its address answer.
	Alias []string `json:"alias,omitempty"`
	// AddressValidated is true when the host's A answer was validated.
	AddressValidated bool `json:"address_validated"`
	// Records explains each TLSA record; Validated is true when the
	// resolver validated them; Usable is how many are usable for SMTP.
	Records   []explain.Record `json:"records"`
	Validated bool             `json:"validated"`
	Usable    int              `json:"usable"`
	Status    DANEStatus       `json:"status"`
	// Says is the status in one sentence, for front ends.
	Says  string    `json:"says"`
	Error *DNSError `json:"error,omitempty"`
}

// daneSays says each status of a host in one sentence.
var daneSays = map[DANEStatus]string{
	DANEUnknown:            "Unknown: the TLSA query failed.",
	DANENone:               "No TLSA records: DANE is not used for this host.",
	DANEUnvalidatedTLSA:    "TLSA records, not DNSSEC-validated: senders ignore them.",
	DANEUnvalidatedMX:      "Validated TLSA records, but the MX answer is not validated: senders do not use them.",
	DANEUnvalidatedAddress: "Validated TLSA records, but the host's address is not validated: senders do not use them.",
	DANEUnusableTLSA:       "Validated TLSA records, none usable for SMTP: senders require TLS but cannot authenticate the host.",
	DANEProtected:          "DANE protects it: senders that validate require TLS authenticated by its TLSA records.",
}

// maxDANEHosts bounds the MX hosts whose TLSA records a report asks (one
// query each, after the MX answer): most domains have fewer.
const maxDANEHosts = 4

// danePart is DANE for the domain's MX hosts.
var danePart = part{
	verdict: daneVerdict, optional: true,
	name: "dane", label: "DANE", title: "DANE for the MX hosts", section: "dane",
	atOnce: func(*lookup) int { return 0 }, // MX is the MX part's; TLSA after it
	start: func(l *lookup) func(*Report) {
		d := lookupDANE(l.ctx, l.r, l.domain)
		return func(rep *Report) { rep.DANE = d }
	},
	errors: func(r *Report) []DNSError {
		var errs []DNSError
		if r.DANE.Error != nil {
			errs = append(errs, *r.DANE.Error)
		}
		for _, h := range r.DANE.Hosts {
			if h.Error != nil {
				errs = append(errs, *h.Error)
			}
		}
		return errs
	},
	records: func(r *Report) []explain.Record {
		var out []explain.Record
		for _, h := range r.DANE.Hosts {
			out = append(out, h.Records...)
		}
		return out
	},
	findings: daneFindings,
	rules: explain.Rules{
		CodeDANEUnvalidated:        {Severity: explain.Error, Ref: "RFC 7672 §2.2", Message: msgDANEUnvalidated},
		CodeDANEMXUnvalidated:      {Severity: explain.Warning, Ref: "RFC 7672 §2.2.1", Message: msgDANEMXUnvalidated},
		CodeDANEAddressUnvalidated: {Severity: explain.Warning, Ref: "RFC 7672 §2.2.2", Message: msgDANEAddressUnvalidated},
		CodeDANEUnusable:           {Severity: explain.Error, Ref: "RFC 7672 §3.1.3", Message: msgDANEUnusable},
		CodeDANECNAME:              {Severity: explain.Info, Ref: "RFC 7672 §2.2.3", Message: msgDANECNAME},
		CodeDANESomeHosts:          {Severity: explain.Warning, Ref: "RFC 7672 §2.2.1", Message: msgDANESomeHosts},
		CodeDANENotChecked:         {Severity: explain.Info, Ref: "RFC 7672 §3", Message: msgDANENotChecked},
		CodeDANEAvailable:          {Severity: explain.Info, Ref: "RFC 7672 §1.3", Message: msgDANEAvailable},
		CodeDANEWithMTASTS:         {Severity: explain.Info, Ref: "RFC 8461 §2", Message: msgDANEWithMTASTS},
	},
}

// lookupDANE asks the domain's MX records (the MX part's query, answered
// once), then for each of the most preferred exchanges (as the MX part
// reads them, exchanges) at once its address (the MX part's too) and its
// TLSA records.
func lookupDANE(ctx context.Context, r doh.Resolver, domain string) DANE {
	fqdn := dns.Fqdn(domain)
	d := DANE{Hosts: []DANEHost{}}
	res, err := r.Query(ctx, fqdn, dns.TypeMX)
	if err != nil {
		d.Error = dnsError("dane", fqdn, dns.TypeMX, err)
		return d
	}
	if res.NXDomain() {
		return d
	}
	d.MXValidated = res.AD
	hosts, _, _ := exchanges(res) // a null MX alone: none
	d.Unchecked = max(0, len(hosts)-maxDANEHosts)
	hosts = hosts[:min(len(hosts), maxDANEHosts)]
	d.Hosts = make([]DANEHost, len(hosts))
	var wg sync.WaitGroup
	for i, h := range hosts {
		wg.Go(func() { d.Hosts[i] = lookupDANEHost(ctx, r, h.Exchange, d.MXValidated) })
	}
	wg.Wait()
	for i, h := range d.Hosts {
		d.Hosts[i].Says = daneSays[h.Status]
		if h.Status == DANEProtected {
			d.Protected++
		}
	}
	return d
}

// lookupDANEHost asks host's address and its TLSA records: at the target
// of a secure alias first, then at its own name (RFC 7672 §2.2.3).
func lookupDANEHost(ctx context.Context, r doh.Resolver, host string, mxValidated bool) DANEHost {
	h := DANEHost{Host: host, Name: "_25._tcp." + host, Records: []explain.Record{}}
	var addr, tlsaRes *doh.Result
	var tlsaErr error
	var wg sync.WaitGroup
	wg.Go(func() { addr, _ = r.Query(ctx, host, dns.TypeA) }) // its failure is the MX part's to report
	wg.Go(func() { tlsaRes, tlsaErr = r.Query(ctx, h.Name, dns.TypeTLSA) })
	wg.Wait()
	if addr != nil {
		h.Alias = addr.CNAMEs()
		h.AddressValidated = addr.AD
		if len(h.Alias) > 0 && addr.AD {
			// A secure alias: the target's TLSA records come first, the
			// host's own are the fallback (asked above).
			target := "_25._tcp." + canonicalName(addr.Target())
			if res, err := r.Query(ctx, target, dns.TypeTLSA); err != nil || len(tlsaRecords(res)) > 0 {
				h.Name, tlsaRes, tlsaErr = target, res, err
			}
		}
	}
	if tlsaErr != nil {
		h.Error = dnsError("dane", h.Name, dns.TypeTLSA, tlsaErr)
		h.Status = DANEUnknown
		return h
	}
	h.Validated = tlsaRes.AD
	rrs := tlsaRecords(tlsaRes)
	values := make([]string, len(rrs))
	for i, t := range rrs {
		values[i] = fmt.Sprintf("%d %d %d %s", t.Usage, t.Selector, t.MatchingType, t.Certificate)
	}
	h.Records = explainSet(&tlsa.Kind, values, h.Name, "TLSA", tlsaRes.TTL)
	for i, t := range rrs {
		if h.Records[i].Valid && (t.Usage == 2 || t.Usage == 3) {
			h.Usable++
		}
	}
	switch {
	case len(h.Records) == 0:
		h.Status = DANENone
	case !h.Validated:
		h.Status = DANEUnvalidatedTLSA
	case !mxValidated:
		h.Status = DANEUnvalidatedMX
	case !h.AddressValidated:
		h.Status = DANEUnvalidatedAddress
	case h.Usable == 0:
		h.Status = DANEUnusableTLSA
	default:
		h.Status = DANEProtected
	}
	return h
}

// tlsaRecords are the TLSA records of an answer (none for nil).
func tlsaRecords(res *doh.Result) []*dns.TLSA {
	if res == nil {
		return nil
	}
	var out []*dns.TLSA
	for _, rr := range res.Records() {
		if t, ok := rr.(*dns.TLSA); ok {
			out = append(out, t)
		}
	}
	return out
}

// tlsaHosts are the MX hosts with TLSA records, without their final dot,
// and whether the resolver validated all of those (for TLS-RPT).
func (d *DANE) tlsaHosts() (hosts []string, validated bool) {
	validated = true
	for _, h := range d.Hosts {
		if len(h.Records) > 0 {
			hosts = append(hosts, bare(h.Host))
			validated = validated && h.Validated
		}
	}
	return hosts, validated
}

func daneFindings(r *Report) []Finding {
	d := &r.DANE
	var out []Finding
	var protected, unprotected []string
	mxWarned := false
	for _, h := range d.Hosts {
		a := args("domain", r.Domain, "host", bare(h.Host), "name", bare(h.Name), "records", plural(len(h.Records), "TLSA record"))
		if len(h.Alias) > 0 {
			out = append(out, render(CodeDANECNAME, h.Name, args("host", bare(h.Host), "target", bare(h.Alias[len(h.Alias)-1]),
				"name", bare(h.Name), "secure", fmt.Sprint(h.AddressValidated), "found", fmt.Sprint(len(h.Records) > 0))))
		}
		switch h.Status {
		case DANEUnvalidatedTLSA:
			out = append(out, render(CodeDANEUnvalidated, h.Name, a))
		case DANEUnvalidatedMX:
			if !mxWarned {
				mxWarned = true
				out = append(out, render(CodeDANEMXUnvalidated, r.Domain+".", a))
			}
		case DANEUnvalidatedAddress:
			out = append(out, render(CodeDANEAddressUnvalidated, h.Host, a))
		case DANEUnusableTLSA:
			out = append(out, render(CodeDANEUnusable, h.Name, a))
		}
		if h.Status == DANEProtected {
			protected = append(protected, bare(h.Host))
		} else if h.Status != DANEUnknown {
			unprotected = append(unprotected, bare(h.Host))
		}
	}
	if len(protected) > 0 && len(unprotected) > 0 {
		out = append(out, render(CodeDANESomeHosts, r.Domain+".", args("domain", r.Domain,
			"protected", strings.Join(protected, ", "), "unprotected", strings.Join(unprotected, ", "))))
	}
	if len(protected) > 0 && r.MTASTS.Record != nil {
		out = append(out, render(CodeDANEWithMTASTS, r.Domain+".", args("domain", r.Domain, "hosts", strings.Join(protected, ", "))))
	}
	if len(protected) > 0 {
		out = append(out, render(CodeDANENotChecked, r.Domain+".", args("domain", r.Domain, "hosts", strings.Join(protected, ", "))))
	}
	if len(protected) == 0 && len(d.Hosts) > 0 && d.MXValidated && !slices.ContainsFunc(d.Hosts, func(h DANEHost) bool {
		return len(h.Records) > 0 || !h.AddressValidated || h.Status == DANEUnknown
	}) {
		out = append(out, render(CodeDANEAvailable, r.Domain+".", args("domain", r.Domain, "hosts", strings.Join(unprotected, ", "))))
	}
	return out
}

func daneVerdict(r *Report) string {
	d := &r.DANE
	v := daneHostsVerdict(d)
	if d.Unchecked > 0 {
		v += fmt.Sprintf(" (%s past the first %d not looked up)", plural(d.Unchecked, "more host"), maxDANEHosts)
	}
	return v
}

// daneHostsVerdict says what DANE does for the hosts looked up.
func daneHostsVerdict(d *DANE) string {
	switch {
	case len(d.Hosts) == 0:
		return "No MX host to protect"
	case d.Protected == len(d.Hosts):
		return fmt.Sprintf("Protects mail to %s", plural(d.Protected, "MX host"))
	case d.Protected > 0:
		return fmt.Sprintf("Protects mail to %d of %s", d.Protected, plural(len(d.Hosts), "MX host"))
	}
	for _, h := range d.Hosts {
		if len(h.Records) > 0 {
			return "TLSA records found, but they protect no MX host"
		}
	}
	return "Not used: no TLSA records at the MX hosts"
}

func msgDANEUnvalidated(a explain.Args) string {
	return fmt.Sprintf("%s has %s, but the resolver did not validate them with DNSSEC (no AD): senders ignore TLSA records that are not DNSSEC-secure (RFC 7672 §2.2), so DANE does not protect mail to %s. Sign the zone of %s and publish its DS at the parent, or remove the records.",
		a["name"], a["records"], a["host"], a["host"])
}

func msgDANEMXUnvalidated(a explain.Args) string {
	return fmt.Sprintf("The MX hosts of %s publish validated TLSA records, but the resolver did not validate %s's MX answer: senders use DANE only for MX hosts they got from a DNSSEC-secure MX answer (RFC 7672 §2.2.1), so the TLSA records protect nothing. Sign %s.",
		a["domain"], a["domain"], a["domain"])
}

func msgDANEAddressUnvalidated(a explain.Args) string {
	return fmt.Sprintf("%s has validated TLSA records at %s, but the resolver did not validate the address of %s: senders use DANE only for hosts whose address records are DNSSEC-secure (RFC 7672 §2.2.2). Sign the zone holding %s.",
		a["host"], a["name"], a["host"], a["host"])
}

func msgDANEUnusable(a explain.Args) string {
	return fmt.Sprintf("%s has %s, validated, and none of them is usable for SMTP: only DANE-TA(2) and DANE-EE(3) records with valid data are (RFC 7672 §3.1.3). Senders then still require TLS to %s but cannot authenticate it (RFC 7672 §2.2). Publish a DANE-EE record of the host's key, such as 3 1 1 with the SHA-256 of its public key.",
		a["name"], a["records"], a["host"])
}

func msgDANECNAME(a explain.Args) string {
	where := "at the host's own name, since the alias is not DNSSEC-secure"
	if a["secure"] == "true" {
		where = "at the target's name first, then at the host's own name, since the alias is DNSSEC-secure"
	}
	found := "they were found at " + a["name"]
	if a["found"] != "true" {
		found = "none was found"
	}
	return fmt.Sprintf("The MX host %s is an alias of %s: senders look for its TLSA records %s (RFC 7672 §2.2.3); %s. An MX host should not be an alias at all (RFC 2181 §10.3).",
		a["host"], a["target"], where, found)
}

func msgDANESomeHosts(a explain.Args) string {
	return fmt.Sprintf("DANE protects mail to %s but not to %s: an attacker who blocks the protected hosts gets %s's mail sent to the others without authenticated TLS. Publish validated TLSA records for every MX host.",
		a["protected"], a["unprotected"], a["domain"])
}

func msgDANENotChecked(a explain.Args) string {
	return fmt.Sprintf("Senders that validate DNSSEC require TLS to %s authenticated by its TLSA records. Whether the certificate each host presents matches them is seen only over SMTP on port 25 (STARTTLS): a browser cannot open that port and mxplain does not connect to it (a --starttls check in the CLI may come later). Check it with a tool that does, before a certificate change.",
		a["hosts"])
}

func msgDANEWithMTASTS(a explain.Args) string {
	return fmt.Sprintf("%s publishes both DANE (for %s) and MTA-STS: senders that validate DNSSEC use DANE, and no sender lets a passing MTA-STS policy override a failing DANE validation (RFC 8461 §2). A new certificate or key on those hosts must match their TLSA records before it is deployed: publish the new TLSA record first.",
		a["domain"], a["hosts"])
}

func msgDANEAvailable(a explain.Args) string {
	return fmt.Sprintf("The MX answer of %s and the addresses of %s are DNSSEC-validated, but no MX host publishes TLSA records at _25._tcp.<host>: DANE could make senders require authenticated TLS to them (RFC 7672). Publish a 3 1 1 record of each host's key.",
		a["domain"], a["hosts"])
}
