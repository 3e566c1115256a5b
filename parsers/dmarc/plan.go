package dmarc

import (
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// PlanEnforce is the plan on a DMARC record whose policy does not yet
// reject all mail that fails: the stages from where it is to p=reject, as
// RFC 9989 §5.1.4–5.1.7 describes the deployment (monitor with reports,
// remediate, then enforce), each with the record to publish.
const PlanEnforce = "dmarc.plan.enforce"

// stage is one step of the enforce plan: the policy it publishes, whether
// the record keeps its testing tags (t=y, pct) there, and what to do.
type stage struct {
	policy  Policy
	reports bool // the step that adds rua
	text    string
}

// The prose of the enforce plan's steps.
const (
	stageReports    = "Add an address for aggregate reports (rua) and keep the policy as it is: the reports are how you learn which services send mail as your domain, and moving past p=none without them is guessing (RFC 9989 §5.1.4). Use a mailbox or a report-processing service that can parse them."
	stageMonitor    = "Keep p=none and read the aggregate reports for a few weeks (months if some of your mail is rare: quarterly invoices, yearly notices): list every service that sends as your domain (your mailbox provider, newsletters, invoicing, ticketing, your web site's forms) and make each pass SPF or DKIM for a domain aligned with your From: domain (RFC 9989 §5.1.5, §5.1.6). Move on when the only failures left are spoofing and forwarding."
	stageQuarantine = "Publish p=quarantine: receivers treat failing mail as suspicious (usually the spam folder) rather than refusing it, so a sender you missed is noticed, not lost. Watch the reports for a few more weeks: legitimate mail that fails shows up here, often from a forgotten service or a mailing list that rewrites messages (RFC 9989 §7.4). Receivers that still read RFC 7489 take pct= to apply it to a share of the mail first; RFC 9989 removed pct, and t=y (apply one level below) is the gradual step it keeps."
	stageReject     = "Publish p=reject once mail under quarantine shows no legitimate failures: receivers may then refuse failing mail during the SMTP transaction. Keep reading the reports: a new service must pass SPF or DKIM aligned before it sends as your domain."
)

// enforcePlan is the plan from r's policy to p=reject applied to all mail,
// or false when r already rejects all of it or is no record receivers
// apply (fix that first).
func enforcePlan(r *Record) (explain.Plan, bool) {
	if !r.IsDMARC || !r.PolicyUsable || r.PolicyFallback || r.Lookup("p") == nil {
		return explain.Plan{}, false
	}
	gradual := r.Testing == TestingYes || r.Percent != nil && *r.Percent < 100
	var stages []stage
	if len(ValidURIs(r.RUA)) == 0 {
		stages = append(stages, stage{policy: r.Policy, reports: true, text: stageReports})
	}
	switch {
	case r.Policy == PolicyNone:
		stages = append(stages, stage{policy: PolicyNone, text: stageMonitor}, stage{policy: PolicyQuarantine, text: stageQuarantine}, stage{policy: PolicyReject, text: stageReject})
	case r.Policy == PolicyQuarantine && gradual:
		stages = append(stages, stage{policy: PolicyQuarantine, text: stageQuarantine}, stage{policy: PolicyReject, text: stageReject})
	case r.Policy == PolicyQuarantine || gradual:
		stages = append(stages, stage{policy: PolicyReject, text: stageReject})
	default:
		return explain.Plan{}, false
	}
	title := "From p=" + string(r.Policy) + " to p=reject, in stages"
	if r.Policy == PolicyReject {
		title = "p=reject for all mail, not in testing"
	}
	plan := explain.Plan{Code: PlanEnforce, Title: title, Ref: "RFC 9989 §5.1"}
	withReports := len(ValidURIs(r.RUA)) > 0
	for _, s := range stages {
		withReports = withReports || s.reports
		// The record keeps its testing tags until it moves past its own
		// policy: they are the owner's way of staging that policy.
		keepTesting := s.policy == r.Policy && (s.reports || s.policy == PolicyNone)
		plan.Steps = append(plan.Steps, explain.Step{Text: s.text, Value: staged(r, s.policy, withReports, keepTesting)})
	}
	return plan, true
}

// staged is r as written with p set to policy, rua=mailto:{{report-address}}
// after p when addReports is set and r has no usable rua, and without t
// and pct unless keepTesting is set.
func staged(r *Record, policy Policy, addReports, keepTesting bool) string {
	var parts []string
	for _, t := range r.Tags {
		name := strings.ToLower(t.Name)
		switch {
		case !t.HasEquals:
			if t.Name != "" {
				parts = append(parts, t.Name)
			}
			continue
		case (name == "t" || name == "pct") && !keepTesting:
			continue
		case name == "rua" && addReports && len(ValidURIs(r.RUA)) == 0:
			continue // rewritten after p
		}
		parts = append(parts, t.Name+"="+t.Value)
		if name == "p" {
			parts[len(parts)-1] = t.Name + "=" + string(policy)
			if addReports && len(ValidURIs(r.RUA)) == 0 {
				parts = append(parts, "rua=mailto:"+explain.SlotText("report-address"))
			}
		}
	}
	return strings.Join(parts, "; ")
}
