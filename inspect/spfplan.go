package inspect

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/spf"
)

// CodeSPFPlanLookups is the code of the SPF part's plan (SPF.Plan): bring
// a policy that costs more than 10 DNS lookups within the limit (RFC 7208
// §4.6.4).
const CodeSPFPlanLookups = "report.spf.plan.lookups"

// maxTXTString is the most bytes one TXT character-string holds (RFC 1035
// §3.3.14); a longer record is published as several (RFC 7208 §3.3).
const maxTXTString = 255

// spfCost is what one term of the domain's own record costs.
type spfCost struct {
	term    string   // as written: "include:_spf.example.net", "mx"
	node    *SPFNode // the include's or the redirect's node; nil for a, mx, ptr, exists
	cost    int      // lookups: the term's own and, for include and redirect, every one below it
	atLeast bool     // a record below was not fetched: it costs more
	nets    []netip.Prefix
	flat    bool // an include whose networks are all known (nets): it can be replaced by them
	drop    bool // an include that leads to no usable record: it costs and never matches
}

// plan returns the plan to bring the policy within 10 DNS lookups, from
// the tree; nil when it is within them or the domain has no record.
func (s *SPF) plan() *explain.Plan {
	root := s.Tree
	if root == nil || root.Record == nil || s.DNSLookups <= spf.MaxLookups {
		return nil
	}
	costs := rootCosts(root)
	p := &explain.Plan{Code: CodeSPFPlanLookups, Ref: "RFC 7208 §4.6.4",
		Title: fmt.Sprintf("Bring the SPF policy of %s from %d to at most %d DNS lookups", root.Domain, s.DNSLookups, spf.MaxLookups)}

	var parts []string
	for _, c := range costs {
		t := fmt.Sprintf("%s %d", c.term, c.cost)
		if c.atLeast {
			t = fmt.Sprintf("%s at least %d", c.term, c.cost)
		}
		parts = append(parts, t)
	}
	p.Steps = append(p.Steps, explain.Step{Text: fmt.Sprintf("The record of %s costs %d DNS lookups when nothing matches earlier; receivers that reach the 11th return permerror, so mail from a sender listed at or after it does not pass SPF (DMARC counts permerror as a failure). What each term costs, with everything below it: %s. ip4, ip6 and all cost none.",
		root.Domain, s.DNSLookups, strings.Join(parts, ", "))})

	// Remove what never matches, then replace the costliest includes by
	// their networks until the policy is within the limit.
	total := s.DNSLookups
	var chosen []spfCost
	for _, c := range costs {
		if c.drop {
			chosen = append(chosen, c)
			total -= c.cost
		}
	}
	byCost := slices.Clone(costs)
	slices.SortStableFunc(byCost, func(a, b spfCost) int { return b.cost - a.cost })
	for _, c := range byCost {
		if total <= spf.MaxLookups {
			break
		}
		if c.flat && !c.drop {
			chosen = append(chosen, c)
			total -= c.cost
		}
	}
	value := root.Record.Value
	var flattened []string
	for _, c := range chosen {
		if c.drop {
			p.Steps = append(p.Steps, explain.Step{Text: fmt.Sprintf("Remove %s (%s): it leads to no usable SPF record (%s), so it costs lookups and never matches.", c.term, lookupsText(c), c.node.Error)})
			value = replaceTerm(value, c.term, "")
			continue
		}
		nets := netTerms(c)
		p.Steps = append(p.Steps, explain.Step{Text: fmt.Sprintf("Replace %s (%s) with the %s it authorises now, which cost none:", c.term, lookupsText(c), plural(len(c.nets), "network")),
			Value: nets})
		value = replaceTerm(value, c.term, nets)
		flattened = append(flattened, c.node.Domain)
	}
	if len(chosen) > 0 {
		t := fmt.Sprintf("Publish the record with these changes at %s: it costs %d DNS lookups.", root.Domain, total)
		if total > spf.MaxLookups {
			t = fmt.Sprintf("With these changes the record still costs %d DNS lookups.", total)
		}
		if n := len(value); n > maxTXTString {
			t += fmt.Sprintf(" It is %d bytes: publish it as several quoted strings of at most %d bytes each, which receivers join (RFC 7208 §3.3), and keep the whole answer small enough for UDP (§3.4).", n, maxTXTString)
		}
		p.Steps = append(p.Steps, explain.Step{Text: t, Value: value})
	}
	if total > spf.MaxLookups {
		p.Steps = append(p.Steps, explain.Step{Text: fmt.Sprintf("That leaves %d lookups: remove the includes of services that no longer send your mail, replace a and mx terms with the ip4/ip6 networks of your own servers, or ask the providers whose includes cost most for a record with fewer lookups (or send through a subdomain with its own SPF record).", total)})
	}
	if len(flattened) > 0 {
		p.Steps = append(p.Steps, explain.Step{Text: fmt.Sprintf("What flattening costs: the networks no longer follow %s. When a provider changes or adds addresses, mail it sends from the new ones fails SPF until you update the record, and DMARC then passes only on DKIM. Look the domain up again regularly and compare, or keep the include of the provider that changes most and flatten another.", strings.Join(flattened, ", "))})
	}
	return p
}

// rootCosts lists the terms of the domain's own record that cost lookups,
// in the record's order, with what each costs.
func rootCosts(root *SPFNode) []spfCost {
	var out []spfCost
	used := map[*SPFNode]bool{}
	for _, sp := range root.Spends {
		c := spfCost{term: sp.Term, cost: 1}
		for _, ch := range root.Children {
			if ch.Via == sp.Term && !used[ch] {
				used[ch] = true
				c.node = ch
				break
			}
		}
		if n := c.node; n != nil {
			below, atLeast := subtreeLookups(n)
			c.cost += below
			c.atLeast = atLeast
			include := strings.HasPrefix(strings.TrimLeft(sp.Term, "+"), "include:")
			switch {
			case n.Record == nil && !strings.HasPrefix(n.Error, "not fetched"):
				c.drop = include
			case include && !atLeast:
				var ok bool
				c.nets, ok = subtreeNetworks(n)
				c.flat = ok && len(c.nets) > 0
			}
		}
		out = append(out, c)
	}
	return out
}

// subtreeLookups is the lookups spent by the records at and below n, and
// whether one of them was not fetched (then it is more).
func subtreeLookups(n *SPFNode) (int, bool) {
	sum, atLeast := len(n.Spends), n.Record == nil && strings.HasPrefix(n.Error, "not fetched")
	for _, c := range n.Children {
		s, a := subtreeLookups(c)
		sum += s
		atLeast = atLeast || a
	}
	return sum, atLeast
}

// subtreeNetworks is every network an include of n matches on: n's own
// pass networks and those of its pass-qualified includes and its redirect;
// false when some cannot be listed (client-dependent terms, a record
// missing below).
func subtreeNetworks(n *SPFNode) ([]netip.Prefix, bool) {
	if n.Record == nil || n.clientDependent {
		return nil, false
	}
	nets := slices.Clone(n.networks)
	for _, c := range n.Children {
		if !strings.HasPrefix(c.Via, "include:") && !strings.HasPrefix(c.Via, "+include:") && !strings.HasPrefix(c.Via, "redirect=") {
			continue // a non-pass include never makes the record pass
		}
		cn, ok := subtreeNetworks(c)
		if !ok {
			return nil, false
		}
		for _, p := range cn {
			if !slices.Contains(nets, p) {
				nets = append(nets, p)
			}
		}
	}
	return nets, true
}

func lookupsText(c spfCost) string {
	if c.atLeast {
		return fmt.Sprintf("at least %d lookups", c.cost)
	}
	return plural(c.cost, "lookup")
}

// netTerms writes c's networks as ip4 and ip6 terms, with the include's
// qualifier.
func netTerms(c spfCost) string {
	q := ""
	if strings.HasPrefix(c.term, "+") {
		q = "+"
	}
	var out []string
	for _, p := range c.nets {
		kind := "ip4:"
		if p.Addr().Is6() {
			kind = "ip6:"
		}
		if (p.Addr().Is4() && p.Bits() == 32) || (p.Addr().Is6() && p.Bits() == 128) {
			out = append(out, q+kind+p.Addr().String())
		} else {
			out = append(out, q+kind+p.String())
		}
	}
	return strings.Join(out, " ")
}

// replaceTerm writes with in place of the first term of value written
// term, by the record's fields (value is the record's value with earlier
// replacements; they keep the order of the terms, so the term is found by
// its text). An empty with removes the term and a blank beside it.
func replaceTerm(value, term, with string) string {
	fields := strings.Fields(value)
	for i, f := range fields {
		if f == term {
			if with == "" {
				return strings.Join(slices.Delete(fields, i, i+1), " ")
			}
			fields[i] = with
			return strings.Join(fields, " ")
		}
	}
	return value
}
