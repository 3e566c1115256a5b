package main

import (
	"fmt"
	"strings"

	"github.com/mxplain/mxplain/inspect"
	"github.com/mxplain/mxplain/internal/terminal"
)

// pathColors are the colours of the path's marks: the checklist's, and
// dim for a step no message reaches or that reads no record.
var pathColors = map[string]string{
	string(inspect.VerdictOK): bold, string(inspect.VerdictWarning): yellow, string(inspect.VerdictError): red,
	inspect.PathSkipped: dim, inspect.PathNone: dim,
}

// path prints the path of a message (Report.Path): each step with its
// actor, what the actor does, and what this domain's records make of it.
func (r *renderer) path(rep *inspect.Report) {
	if len(rep.Path) == 0 {
		return
	}
	r.section("The path of a message")
	for i, s := range rep.Path {
		mark := r.paint(pathColors[s.Status], s.Mark)
		r.wrapMarkedHanging(fmt.Sprintf("  %s %d. ", mark, i+1), "       ", r.paint(bold, s.Title)+" ("+s.Actor+"). "+s.Does)
		for _, line := range s.Says {
			r.wrapMarkedHanging("       → ", "         ", terminal.Visible(line))
		}
	}
}

// dnssecPart draws the domain's DNSSEC status and, for each part that got
// answers, how many the resolver validated.
func (r *renderer) dnssecPart(rep *inspect.Report) {
	d := rep.DNSSEC
	line := fmt.Sprintf("%s: %s at its parent", terminal.Visible(d.Name), plural(d.DS, "DS record"))
	if d.DNSKEY > 0 {
		line += ", " + plural(d.DNSKEY, "DNSKEY record")
	}
	r.wrap("  ", line+".")
	for _, v := range d.Sections {
		label := v.Part
		for _, p := range rep.Parts {
			if p.Part == v.Part {
				label = p.Label
			}
		}
		fmt.Fprintf(r.w, "  %-8s %d of %d answers validated\n", label, v.Validated, v.Answers)
	}
}

// danePart draws each MX host with its DANE status, then its TLSA
// records explained.
func (r *renderer) danePart(rep *inspect.Report) {
	d := rep.DANE
	if d.Error != nil {
		r.wrap("  ", "The MX query failed: "+d.Error.KindLabel()+".")
	}
	if len(d.Hosts) == 0 && d.Error == nil {
		r.wrap("  ", "No MX host to look up.")
	}
	for _, h := range d.Hosts {
		color := yellow
		switch h.Status {
		case inspect.DANEProtected:
			color = bold
		case inspect.DANEUnvalidatedTLSA, inspect.DANEUnusableTLSA, inspect.DANEUnknown:
			color = red
		}
		r.wrapMarkedHanging("  "+terminal.Visible(strings.TrimSuffix(h.Host, "."))+"  ", "    ", r.paint(color, h.Says))
		for _, rec := range h.Records {
			fmt.Fprintln(r.w)
			r.record(rec.Value, rec)
		}
	}
}

// srvPart draws the servers clients use to send and to read mail, in the
// order they try them, then every SRV record explained.
func (r *renderer) srvPart(rep *inspect.Report) {
	s := rep.SRV
	for _, group := range []struct {
		what    string
		servers []inspect.SRVServer
	}{{"Sending (submission)", s.Submit}, {"Reading (IMAP, POP3)", s.Read}} {
		if len(group.servers) == 0 {
			continue
		}
		r.wrap("  ", group.what+", in the order a client tries them:")
		for _, sv := range group.servers {
			addrs := r.paint(red, "no address")
			switch {
			case !sv.Resolved:
				addrs = "not looked up"
			case len(sv.Addresses) > 0:
				var a []string
				for _, ip := range sv.Addresses {
					a = append(a, ip.String())
				}
				addrs = r.paint(cyan, strings.Join(a, ", "))
			}
			fmt.Fprintf(r.w, "    %-20s %s  %s\n", sv.Service, terminal.Visible(sv.Says), addrs)
		}
	}
	for _, svc := range s.Services {
		for _, rec := range svc.Records {
			fmt.Fprintln(r.w)
			r.record(rec.Value, rec)
		}
	}
}
