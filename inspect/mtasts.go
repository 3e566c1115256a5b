package inspect

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mtasts"
)

// Finding codes of the MTA-STS part (see codes.go for the others).
const (
	// CodeSTSMXNotCovered (error): under mode enforce, an MX host that no
	// mx pattern of the policy covers: senders that apply MTA-STS never
	// deliver to it (RFC 8461 §4.1, §5).
	CodeSTSMXNotCovered = "report.mta-sts.mx_not_covered"
	// CodeSTSMXNotCoveredTesting (warning): the same under mode testing:
	// senders report it, and mail to that host fails once the mode is
	// enforce.
	CodeSTSMXNotCoveredTesting = "report.mta-sts.mx_not_covered_testing"
	// CodeSTSRecordWithoutPolicy (error): the record says the domain has a
	// policy, but the policy file could not be fetched: senders deliver as
	// though the domain had no MTA-STS (RFC 8461 §3.3) and report the
	// failure (§6).
	CodeSTSRecordWithoutPolicy = "report.mta-sts.record_without_policy"
	// CodeSTSPolicyWithoutRecord (warning): a policy file is served but no
	// usable _mta-sts record announces it: senders discover policies by
	// the record only, so they never fetch it (RFC 8461 §3).
	CodeSTSPolicyWithoutRecord = "report.mta-sts.policy_without_record"
	// CodeSTSID (info): the record's id, which senders compare with the
	// one of the policy they cached, fetching the policy again only when it
	// changes (RFC 8461 §3.1, §5.1).
	CodeSTSID = "report.mta-sts.id"
	// CodeSTSTestingNoTLSRPT (warning): mode testing and no usable TLS-RPT
	// record: testing mode only reports failures (RFC 8461 §5), and with
	// nowhere to send reports the policy does nothing.
	CodeSTSTestingNoTLSRPT = "report.mta-sts.testing_without_tls_rpt"
)

// PolicyFetcher fetches a domain's MTA-STS policy file from
// https://mta-sts.<domain>/.well-known/mta-sts.txt as RFC 8461 §3.3 asks
// (HTTPS with a certificate valid for that host, no redirects, text/plain,
// a size and a time cap). An error may have a Kind() string method
// ("tls", "redirect", "content_type", "too_large", "timeout", "http",
// "refused", "transport", "unavailable"): the report's entry for the fetch
// (DNSError.Kind) says it.
type PolicyFetcher interface {
	FetchPolicy(ctx context.Context, domain string) (*PolicyFile, error)
}

// PolicyFile is a fetched policy: the URL fetched, the answer's
// Content-Type and its body.
type PolicyFile struct{ URL, ContentType, Body string }

// MTASTS is the domain's MTA-STS setup (RFC 8461): the TXT record that
// announces a policy and the policy file itself.
type MTASTS struct {
	Name string `json:"name"` // _mta-sts.<domain>.
	// Alias is the CNAME chain when the record is delegated (RFC 8461 §8.2).
	Alias []string `json:"alias,omitempty"`
	// Records explains every TXT record at the name, as one set.
	Records []explain.Record `json:"records"`
	// Record is the record senders use: the one record beginning with
	// "v=STSv1;", when it is valid (RFC 8461 §3.1); nil otherwise.
	Record *explain.Record `json:"record"`
	// PolicyURL is where senders fetch the policy (RFC 8461 §3.2).
	PolicyURL string `json:"policy_url"`
	// Policy explains the policy file fetched; nil when none was.
	Policy      *explain.Record `json:"policy"`
	ContentType string          `json:"content_type,omitempty"` // the Content-Type it was served with
	// Hosts are the MX hosts checked against the policy's mx patterns
	// (RFC 8461 §4.1), when a valid policy in mode enforce or testing was
	// read; never null.
	Hosts []STSHost `json:"hosts"`
	// Error is the failed TXT query; FetchError says why no policy was
	// read (kind "unavailable": this front end fetches none). A fetch
	// failure is Optional: the report is whole, and a finding says what it
	// means when the record announces a policy.
	Error      *DNSError `json:"error,omitempty"`
	FetchError *DNSError `json:"fetch_error,omitempty"`
}

// STSHost is one MX host and the mx pattern of the policy that covers it.
type STSHost struct {
	Exchange string `json:"exchange"`
	Pattern  string `json:"pattern"` // "" when no pattern covers it
	Covered  bool   `json:"covered"`
}

// mtastsPart is the domain's MTA-STS record and the policy it announces.
var mtastsPart = part{
	verdict: mtastsVerdict, optional: true,
	name: "mta-sts", label: "MTA-STS", title: "MTA-STS policy", section: "mta_sts",
	atOnce: func(*lookup) int { return 1 },
	start: func(l *lookup) func(*Report) {
		m := lookupMTASTS(l.ctx, l.r, l.domain, l.opts.Policy)
		return func(rep *Report) { rep.MTASTS = m }
	},
	errors: func(r *Report) []DNSError {
		var errs []DNSError
		for _, e := range []*DNSError{r.MTASTS.Error, r.MTASTS.FetchError} {
			if e != nil {
				errs = append(errs, *e)
			}
		}
		return errs
	},
	records: func(r *Report) []explain.Record {
		recs := r.MTASTS.Records
		if r.MTASTS.Policy != nil {
			recs = append(recs[:len(recs):len(recs)], *r.MTASTS.Policy)
		}
		return recs
	},
	findings: mtastsFindings,
	// A record whose policy was not read leaves the part partial, even
	// when the fetch could not be made here (a static host, a name that
	// is not public): whether mail to the MX hosts is protected is unknown.
	incomplete: func(r *Report) bool {
		m := &r.MTASTS
		return m.Record != nil && m.Policy == nil && m.FetchError != nil
	},
	rules: explain.Rules{
		CodeSTSMXNotCovered:        {Severity: explain.Error, Ref: "RFC 8461 §4.1", Message: msgSTSMXNotCovered},
		CodeSTSMXNotCoveredTesting: {Severity: explain.Warning, Ref: "RFC 8461 §4.1", Message: msgSTSMXNotCoveredTesting},
		CodeSTSRecordWithoutPolicy: {Severity: explain.Error, Ref: "RFC 8461 §3.3", Message: msgSTSRecordWithoutPolicy},
		CodeSTSPolicyWithoutRecord: {Severity: explain.Warning, Ref: "RFC 8461 §3", Message: msgSTSPolicyWithoutRecord},
		CodeSTSID:                  {Severity: explain.Info, Ref: "RFC 8461 §3.1", Message: msgSTSID},
		CodeSTSTestingNoTLSRPT:     {Severity: explain.Warning, Ref: "RFC 8461 §5", Message: msgSTSTestingNoTLSRPT},
	},
}

// noRecordWait is how long the policy fetch may go on once the TXT answer
// says there is no record: it is fetched only to see whether a policy is
// served without one, which should not hold up the report.
const noRecordWait = 3 * time.Second

// lookupMTASTS asks for the record and fetches the policy at the same
// time.
func lookupMTASTS(ctx context.Context, r doh.Resolver, domain string, fetcher PolicyFetcher) MTASTS {
	m := MTASTS{Name: mtasts.OwnerLabel + "." + domain + ".", PolicyURL: mtasts.PolicyURL(domain),
		Records: []explain.Record{}, Hosts: []STSHost{}}
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var file *PolicyFile
	var ferr error
	var wg sync.WaitGroup
	if fetcher != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			file, ferr = fetcher.FetchPolicy(fctx, domain)
		}()
	}
	res, err := r.Query(ctx, m.Name, dns.TypeTXT)
	switch {
	case err != nil:
		m.Error = dnsError("mta-sts", m.Name, dns.TypeTXT, err)
	default:
		m.Alias = res.CNAMEs()
		m.readRecords(res)
	}
	announced := len(m.Records) > 0
	if !announced {
		defer time.AfterFunc(noRecordWait, cancel).Stop()
	}
	wg.Wait()
	switch {
	case fetcher == nil && announced:
		m.FetchError = &DNSError{Part: "mta-sts", Name: m.PolicyURL, Type: "GET", Kind: "unavailable", Optional: true,
			Message: "inspect: the MTA-STS policy was not fetched: this front end has no policy fetcher (a page served from a static host cannot read " + m.PolicyURL + " from another origin)"}
	case fetcher == nil:
	case ferr != nil || file == nil:
		if announced { // else there is no MTA-STS here, and no error to speak of
			m.FetchError = fetchError(m.PolicyURL, ferr)
		}
	default:
		rec := mtasts.ExplainPolicy(file.Body, explain.Context{Owner: mtasts.PolicyHostLabel + "." + domain + "."})
		m.Policy, m.ContentType = &rec, file.ContentType
		if file.URL != "" {
			m.PolicyURL = file.URL
		}
	}
	return m
}

// readRecords explains the TXT records of the answer as one set and picks
// the one senders use.
func (m *MTASTS) readRecords(res *doh.Result) {
	values := res.TXT()
	if len(values) == 0 {
		return
	}
	ctx := explain.Context{Owner: m.Name}
	m.Records = mtasts.ExplainSet(values, ctx)
	for i := range m.Records {
		mtasts.RecordKind.Propose(&m.Records[i], ctx)
	}
	var kept []int
	for i, v := range values {
		ttl := res.TTL
		m.Records[i].TTL, m.Records[i].RRType = &ttl, "TXT"
		if strings.HasPrefix(v, "v="+mtasts.Version+";") {
			kept = append(kept, i)
		}
	}
	if len(kept) == 1 && m.Records[kept[0]].Valid {
		rec := m.Records[kept[0]]
		m.Record = &rec
	}
}

// fetchError is the report's entry for a failed fetch of url.
func fetchError(url string, err error) *DNSError {
	e := &DNSError{Part: "mta-sts", Name: url, Type: "GET", Kind: "transport", Optional: true,
		Message: "inspect: the MTA-STS policy was not fetched"}
	if err == nil {
		return e
	}
	e.Message = err.Error()
	var k interface{ Kind() string }
	switch {
	case errors.As(err, &k):
		e.Kind = k.Kind()
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		e.Kind = "timeout"
	}
	return e
}

// mtastsFindings returns the findings across the MTA-STS record, its
// policy, the MX hosts and TLS-RPT (the tls-rpt part's section), once
// every part is done; it fills MTASTS.Hosts, which needs the MX part's.
func mtastsFindings(r *Report) []Finding {
	m := &r.MTASTS
	if m.Error != nil {
		return nil
	}
	var fs []Finding
	add := func(code, name string, a explain.Args) { fs = append(fs, render(code, name, a)) }
	switch {
	case m.Record != nil:
		id := m.Record.Facts.(*mtasts.RecordFacts).ID
		add(CodeSTSID, m.Name, args("domain", r.Domain, "id", *id))
		if e := m.FetchError; m.Policy == nil && e != nil && e.Kind != "unavailable" && e.Kind != "refused" {
			add(CodeSTSRecordWithoutPolicy, m.PolicyURL, args("domain", r.Domain, "url", m.PolicyURL, "kind", e.Kind))
		}
	case m.Policy != nil:
		add(CodeSTSPolicyWithoutRecord, m.Name, args("domain", r.Domain, "name", m.Name, "url", m.PolicyURL,
			"records", strconv.Itoa(len(m.Records))))
	}
	if m.Policy == nil || !m.Policy.Valid {
		return fs
	}
	facts := m.Policy.Facts.(*mtasts.PolicyFacts)
	mode := mtasts.Mode(*facts.Mode)
	if t := r.TLSRPT; mode == mtasts.ModeTesting && m.Record != nil && t.Error == nil && len(t.Mailto)+len(t.HTTPS) == 0 {
		add(CodeSTSTestingNoTLSRPT, m.Name, args("domain", r.Domain))
	}
	if mode == mtasts.ModeNone || r.MX.Error != nil || r.MX.NullMX {
		return fs
	}
	var uncovered []string
	for _, h := range r.MX.Hosts {
		p, ok := mtasts.Covering(facts.MX, h.Exchange)
		m.Hosts = append(m.Hosts, STSHost{Exchange: h.Exchange, Pattern: p, Covered: ok})
		if !ok {
			uncovered = append(uncovered, strings.TrimSuffix(h.Exchange, "."))
		}
	}
	if len(uncovered) == 0 || m.Record == nil { // senders apply no policy that no record announces
		return fs
	}
	// Said once for the part, with every host it is about.
	code := CodeSTSMXNotCovered
	if mode == mtasts.ModeTesting {
		code = CodeSTSMXNotCoveredTesting
	}
	add(code, r.Domain+".", args("domain", r.Domain, "exchanges", strings.Join(uncovered, ", "), "count", strconv.Itoa(len(uncovered)),
		"hosts", strconv.Itoa(len(r.MX.Hosts)), "patterns", strings.Join(facts.MX, ", ")))
	return fs
}

// The messages of the part's findings (its rules; see messages.go).

// stsUncovered names the MX hosts no mx pattern covers.
func stsUncovered(a explain.Args) string {
	if a["count"] == "1" {
		return "The MX host " + a["exchanges"] + " matches"
	}
	return a["count"] + " of the " + a["hosts"] + " MX hosts (" + a["exchanges"] + ") match"
}

// stsMXLines are the mx lines to add for the uncovered hosts.
func stsMXLines(a explain.Args) string {
	var lines []string
	for _, h := range strings.Split(a["exchanges"], ", ") {
		lines = append(lines, "“mx: "+h+"”")
	}
	return strings.Join(lines, ", ")
}

func msgSTSMXNotCovered(a explain.Args) string {
	return stsUncovered(a) + " none of the policy's mx patterns (" + a["patterns"] +
		"): under mode enforce, senders that apply MTA-STS treat such a host as unreachable and never deliver to it (RFC 8461 §4.1, §5); if no other MX host passes, mail to " +
		a["domain"] + " waits in their queues and bounces. Add " + stsMXLines(a) + " (or a wildcard that covers them) to the policy, and change the record's id."
}

func msgSTSMXNotCoveredTesting(a explain.Args) string {
	return stsUncovered(a) + " none of the policy's mx patterns (" + a["patterns"] +
		"): in mode testing senders still deliver to such a host and report the failure (RFC 8461 §5), but once the mode is enforce they never deliver to it. Add " +
		stsMXLines(a) + " (or a wildcard that covers them) before you switch to enforce."
}

func msgSTSRecordWithoutPolicy(a explain.Args) string {
	return "The _mta-sts record of " + a["domain"] + " announces an MTA-STS policy, but " + a["url"] + " could not be fetched (" + DNSError{Kind: a["kind"]}.KindLabel() +
		"; the failed queries say how). Senders that cannot fetch it deliver as though the domain had no MTA-STS (a policy they cached earlier still applies until it expires), and report the failure (RFC 8461 §3.3, §6). Serve the policy over HTTPS with a certificate valid for mta-sts." +
		a["domain"] + ", as text/plain, with no redirect."
}

func msgSTSPolicyWithoutRecord(a explain.Args) string {
	why := "there is no TXT record at " + a["name"]
	if a["records"] != "0" {
		why = "no TXT record at " + a["name"] + " is a usable MTA-STS record"
	}
	return a["url"] + " serves a policy, but " + why + ": senders look for a policy only when that record announces one (RFC 8461 §3), so they never fetch this one. Publish “v=STSv1; id=<id>;” there, or, if you are withdrawing MTA-STS, remove the file once every cached policy has expired (§8.3)."
}

func msgSTSID(a explain.Args) string {
	return "The policy's id is " + a["id"] + ": senders that cached the policy of " + a["domain"] +
		" compare it with this id and fetch the policy file again only when it changes (RFC 8461 §3.1, §5.1). After every change to the file, publish a new id (any other letters and digits), or senders keep the old policy until its max_age runs out."
}

func msgSTSTestingNoTLSRPT(a explain.Args) string {
	return "The policy of " + a["domain"] + " is in mode testing, which only reports failures: senders deliver as though nothing failed and send TLS-RPT reports to the addresses of the domain's _smtp._tls record (RFC 8461 §5). " +
		a["domain"] + " publishes no usable TLS-RPT record, so no report goes anywhere and the policy does nothing. Publish one, such as “v=TLSRPTv1; rua=mailto:tls-reports@" + a["domain"] + "”, or switch to enforce."
}
