package inspect

import (
	"fmt"
	"strings"

	"github.com/mxplain/mxplain/parsers/mtasts"
)

// PathStep is one step of the path of a message to and from the domain
// (Report.Path), as the seed article tells it: the sender's client submits
// (MUA → MTA), the sending MTA finds the MX hosts, delivers over TLS, the
// receiving MTA checks SPF, DKIM and DMARC, the MDA files the message and
// the recipient's client reads it (MRA → MUA). Front ends draw the steps
// in order (the page as a diagram, with this text as its alternative);
// every value is the engine's.
type PathStep struct {
	// Step names the step: "submit", "mx", "tls", "checks", "deliver",
	// "read".
	Step string `json:"step"`
	// Actor is who acts, as the article names them: "MUA → MTA", "MTA",
	// "MTA → MTA", "MDA", "MRA → MUA".
	Actor string `json:"actor"`
	// Title is the step in a few words; Does says in one sentence what the
	// actor does, with the RFC it follows.
	Title string `json:"title"`
	Does  string `json:"does"`
	// Says is what this domain's records make of the step: one sentence
	// per part it rests on, from the checklist ("MX: Mail goes to 2
	// hosts…"); the TLS step first says whether anything makes senders
	// require TLS.
	Says []string `json:"says"`
	// Parts are the parts the step rests on (Report.Parts' names, the
	// anchors of their sections), in the checklist's order.
	Parts []string `json:"parts"`
	// Status is the worst checklist status of its parts (VerdictOK,
	// VerdictWarning, VerdictError), "skipped" when no message gets there
	// (the domain takes no mail, or does not exist), or "none" for a step
	// that rests on no DNS record (the MDA's).
	Status string `json:"status"`
	Mark   string `json:"mark"`
}

// The statuses of a step besides the checklist's.
const (
	PathSkipped = "skipped" // no message gets to this step
	PathNone    = "none"    // no DNS record is read at this step
)

var pathMarks = map[string]string{PathSkipped: "–", PathNone: "·"}

// pathSteps are the steps, each with the parts it rests on; the text is
// the step's own, the same for every domain.
var pathSteps = []PathStep{
	{Step: "submit", Actor: "MUA → MTA", Title: "The sender's client submits",
		Does:  "The sender's mail client (MUA) hands the message to its provider's server (an MTA) over authenticated SMTP submission, port 465 with TLS or 587 with STARTTLS (RFC 8314 §3.3); a client set up from the domain alone finds that server through SRV records (RFC 6186).",
		Parts: []string{"srv"}},
	{Step: "mx", Actor: "MTA", Title: "The sending MTA finds the MX hosts",
		Does:  "The sending MTA asks DNS for the MX records of the domain after the @ and tries the hosts lowest preference first; without MX records it uses the domain's own address, and a null MX says the domain takes no mail (RFC 5321 §5.1, RFC 7505). It stores the message and retries while no host answers.",
		Parts: []string{"mx", "dnssec"}},
	{Step: "tls", Actor: "MTA → MTA", Title: "TLS to each MX host",
		Does:  "It connects to the host on port 25 and asks for TLS (STARTTLS). MTA-STS (RFC 8461) and DANE (RFC 7672, which needs DNSSEC) make senders require TLS with an authenticated certificate; TLS-RPT (RFC 8460) says where failures are reported.",
		Parts: []string{"mta-sts", "dane", "tls-rpt"}},
	{Step: "checks", Actor: "MTA", Title: "The receiving MTA checks the sender",
		Does:  "The receiving MTA checks the sending address against the SPF record of the envelope sender's domain (RFC 7208), each DKIM signature against its key (RFC 6376), and applies the DMARC policy of the From: domain when neither passes aligned (RFC 9989).",
		Parts: []string{"spf", "dkim", "dmarc"}},
	{Step: "deliver", Actor: "MDA", Title: "The MDA delivers",
		Does:  "The delivery agent (MDA) files the message in the recipient's mailbox, or in a spam folder; it reads no DNS record.",
		Parts: []string{}},
	{Step: "read", Actor: "MRA → MUA", Title: "The recipient's client reads",
		Does:  "The recipient's client fetches the message from the retrieval agent (MRA) over IMAP or POP3, with TLS (RFC 8314 §3), found through SRV records (RFC 6186); a client that supports BIMI shows the sender's logo.",
		Parts: []string{"srv", "bimi"}},
}

// path returns the report's path of a message: pathSteps with this
// domain's checklist lines. A domain that takes no mail (null MX) or does
// not exist has its steps after the MX lookup skipped.
func (r *Report) path() []PathStep {
	verdicts := map[string]Verdict{}
	for _, v := range r.Verdicts {
		verdicts[v.Part] = v
	}
	noMail := r.NXDomain || r.MX.NullMX
	out := make([]PathStep, 0, len(pathSteps))
	for _, s := range pathSteps {
		s.Parts = append([]string{}, s.Parts...)
		s.Says = []string{}
		worst := VerdictOK
		for _, p := range s.Parts {
			v, ok := verdicts[p]
			if !ok {
				continue
			}
			s.Says = append(s.Says, v.Label+": "+strings.TrimSuffix(r.stepLine(s.Step, v), ".")+".")
			if rankVerdict(v.Status) > rankVerdict(worst) {
				worst = v.Status
			}
		}
		if s.Step == "tls" && !r.NXDomain && !r.MX.NullMX {
			s.Says = append([]string{r.tlsLine()}, s.Says...)
		}
		s.Status = string(worst)
		switch {
		case noMail && s.Step != "submit" && s.Step != "mx" && s.Step != "checks":
			// Mail from the domain is still checked where it is sent to;
			// no message reaches it.
			s.Status = PathSkipped
			s.Says = []string{noMailLine(r)}
		case len(s.Parts) == 0:
			s.Status = PathNone
		}
		s.Mark = verdictMarks[VerdictStatus(s.Status)]
		if m, ok := pathMarks[s.Status]; ok {
			s.Mark = m
		}
		out = append(out, s)
	}
	return out
}

// stepLine is what the checklist line v of a part says at step: its
// sentence, but for the SRV records, of which the sender's step shows the
// submission servers and the recipient's the IMAP and POP3 ones (when
// they could be read).
func (r *Report) stepLine(step string, v Verdict) string {
	if v.Part != srvPart.name || partStatusOf(r, v.Part).Status == StatusPartial {
		return v.Text
	}
	servers, what := r.SRV.Submit, "submission"
	if step == "read" {
		servers, what = r.SRV.Read, "IMAP or POP3"
	}
	if len(servers) == 0 {
		return "No " + what + " server announced: clients are set up by hand" + countsClause(partStatusOf(r, v.Part))
	}
	return "Clients find " + servers[0].Says + " first" + countsClause(partStatusOf(r, v.Part))
}

// partStatusOf is the entry of r.Parts for part.
func partStatusOf(r *Report, part string) PartStatus {
	for _, p := range r.Parts {
		if p.Part == part {
			return p
		}
	}
	return PartStatus{}
}

// tlsLine says whether anything makes senders require TLS to the MX
// hosts, and what: DANE on the hosts it protects, an MTA-STS policy in
// mode enforce.
func (r *Report) tlsLine() string {
	var by []string
	if d := &r.DANE; d.Protected > 0 {
		by = append(by, fmt.Sprintf("DANE for %d of %s", d.Protected, plural(len(d.Hosts), "MX host")))
	}
	if stsEnforced(&r.MTASTS) {
		by = append(by, "its MTA-STS policy (mode enforce)")
	}
	if len(by) == 0 {
		return "TLS: nothing makes senders require it. They use it when the host offers it, and an attacker on the path can strip it (RFC 8461 §1)."
	}
	return "TLS: required, with an authenticated certificate, by " + strings.Join(by, " and ") + "."
}

// stsEnforced reports whether senders apply the domain's MTA-STS policy in
// mode enforce: a record they use, and a valid policy that says so.
func stsEnforced(m *MTASTS) bool {
	if m.Error != nil || m.Record == nil || m.Policy == nil || !m.Policy.Valid {
		return false
	}
	f, ok := m.Policy.Facts.(*mtasts.PolicyFacts)
	return ok && f.Mode != nil && mtasts.Mode(*f.Mode) == mtasts.ModeEnforce
}

// noMailLine says why no message reaches the domain.
func noMailLine(r *Report) string {
	if r.NXDomain {
		return r.Domain + " does not exist: no message reaches it."
	}
	return r.Domain + " takes no mail (null MX): senders give up at once and no message reaches it (RFC 7505 §4.1)."
}

func rankVerdict(s VerdictStatus) int {
	switch s {
	case VerdictError:
		return 2
	case VerdictWarning:
		return 1
	}
	return 0
}
