package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"

	"github.com/mxplain/mxplain/internal/realdns"
	"github.com/mxplain/mxplain/internal/spfsuite"
	"github.com/mxplain/mxplain/internal/testshared"
)

// askedTypes are the record types check_host() queries; a TIMEOUT entry
// after a record of one of them cannot be reproduced by a real server (see
// suiteZones).
var askedTypes = []uint16{dns.TypeTXT, dns.TypeA, dns.TypeAAAA, dns.TypeMX, dns.TypePTR, dns.TypeCNAME}

// suiteZones writes a scenario's zone data into dir as real zones, for
// both servers: one zone per second-level name (example.com., in-addr.arpa.)
// with SOA and NS, one per top-level name delegating them, the root zone
// delegating those (the suite's data is the whole DNS: every name it does
// not hold does not exist, NXDOMAIN, even under top-level domains it does
// not name), and a faults file for mxplain serve.
//
// TXT and SPF records with no string (the suite's null-text case) are
// not served: RFC 1035 §3.3.14 requires at least one string and Knot
// refuses such a record; they are returned in partial.
//
// TIMEOUT entries: the suite's model times out every query for the name
// unless a record of the queried type comes before the TIMEOUT. When no
// record check_host() asks for comes before it, the name is made not to
// answer at all: a timeout fault for mxplain serve, an RPZ drop for
// Unbound (realdns.Options.Drop; Unbound then closes the connection, a
// transport error rather than a timeout: both are DNS errors, temperror,
// RFC 7208 §5). When such a record comes first (the TIMEOUT only for the
// other types), a real server cannot answer some types of a name and not
// others: the records are served, the other types answer no data, and the
// name is returned in partial, to be listed.
func suiteZones(sc spfsuite.Scenario, dir string) (drop, unserved []string, err error) {
	data, err := sc.Zone()
	if err != nil {
		return nil, nil, err
	}
	zones := map[string][]string{} // apex → record lines
	tlds := map[string]map[string]bool{}
	var faults strings.Builder
	for _, owner := range slices.Sorted(maps.Keys(data)) {
		labels := dns.SplitDomainName(owner)
		tld := labels[len(labels)-1] + "."
		apex := tld
		if len(labels) > 1 {
			apex = strings.Join(labels[len(labels)-2:], ".") + "."
		}
		if tlds[tld] == nil {
			tlds[tld] = map[string]bool{}
		}
		if apex != tld {
			tlds[tld][apex] = true
		}
		served := false
		for _, e := range data[owner] {
			if e.Timeout {
				if served {
					unserved = append(unserved, owner+": a TIMEOUT after its records, only for the other types: served without the timeout")
				} else {
					drop = append(drop, owner)
					fmt.Fprintf(&faults, "%s timeout\n", presentation(owner))
				}
				break
			}
			if txt := txtStrings(e.RR); txt != nil && len(*txt) == 0 {
				unserved = append(unserved, owner+": a "+dns.TypeToString[e.RR.Header().Rrtype]+" record with no string (RFC 1035 §3.3.14 wants one; Knot refuses it): not served")
				continue
			}
			zones[apex] = append(zones[apex], zoneLine(owner, e.RR))
			served = served || slices.Contains(askedTypes, e.RR.Header().Rrtype)
		}
	}
	write := func(apex string, lines []string) error {
		tld := apex[strings.LastIndexByte(strings.TrimSuffix(apex, "."), '.')+1:]
		head := []string{
			"$TTL 300",
			fmt.Sprintf("%s SOA ns.%s hostmaster.%s 1 3600 600 86400 300", apex, tld, tld),
			fmt.Sprintf("%s NS ns.%s", apex, tld),
		}
		file := filepath.Join(dir, strings.TrimSuffix(apex, ".")+".zone")
		return os.WriteFile(file, []byte(strings.Join(append(head, lines...), "\n")+"\n"), 0o600)
	}
	root := []string{"$TTL 300", ". SOA ns. hostmaster. 1 3600 600 86400 300", ". NS ns.", "ns. A 192.0.2.53"}
	for tld := range tlds {
		root = append(root, tld+" NS ns."+tld)
	}
	if err := os.WriteFile(filepath.Join(dir, "root.zone"), []byte(strings.Join(root, "\n")+"\n"), 0o600); err != nil {
		return nil, nil, err
	}
	for tld, children := range tlds {
		lines := append(zones[tld], "ns."+tld+" A 192.0.2.53")
		for child := range children {
			lines = append(lines, child+" NS ns."+tld)
		}
		if err := write(tld, lines); err != nil {
			return nil, nil, err
		}
		for child := range children {
			if err := write(child, zones[child]); err != nil {
				return nil, nil, err
			}
		}
	}
	return drop, unserved, os.WriteFile(filepath.Join(dir, "faults"), []byte(faults.String()), 0o600)
}

// zoneLine is rr as a master-file line, its names written by presentation:
// miekg/dns prints names with fewer escapes than Knot reads.
func zoneLine(owner string, rr dns.RR) string {
	h := rr.Header()
	head := fmt.Sprintf("%s %d IN %s ", presentation(owner), h.Ttl, dns.TypeToString[h.Rrtype])
	switch rr := rr.(type) {
	case *dns.MX:
		return head + fmt.Sprintf("%d %s", rr.Preference, presentation(rr.Mx))
	case *dns.PTR:
		return head + presentation(rr.Ptr)
	case *dns.CNAME:
		return head + presentation(rr.Target)
	}
	c := dns.Copy(rr)
	c.Header().Name = "."
	return presentation(owner) + strings.TrimPrefix(c.String(), ".")
}

// txtStrings returns the strings of a TXT or SPF record, nil for others.
func txtStrings(rr dns.RR) *[]string {
	switch rr := rr.(type) {
	case *dns.TXT:
		return &rr.Txt
	case *dns.SPF:
		return &rr.Txt
	}
	return nil
}

// presentation writes a name of the suite (raw bytes, dots between labels)
// in master-file form (RFC 1035 §5.1): bytes other than letters, digits,
// "-" and "_" as \DDD, which every server reads (Knot refuses a bare "%").
func presentation(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '.', c == '-', c == '_', '0' <= c && c <= '9', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\%03d", c)
		}
	}
	return b.String()
}

// suiteCase is one test of the suite, run through one resolver.
type suiteCase struct {
	scenario, name string
	test           spfsuite.Test
}

// TestRFC7208Suite runs every test of the RFC 7208 suite end to end: each
// scenario's zone data as zone files, served by `mxplain serve --zones` and
// by Knot behind Unbound, and `mxplain lookup --ip --sender --helo` asking
// each of them.
func TestRFC7208Suite(t *testing.T) {
	scenarios, err := spfsuite.Read(testshared.Path(t, spfsuite.Path))
	if err != nil {
		t.Fatal(err)
	}
	for _, via := range []string{"mxplain serve --zones", "Knot+Unbound"} {
		t.Run(via, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			passed, failed := 0, 0
			var unreproduced, notes []string
			// Scenarios at once (4 at most, on a shared machine), each with
			// its own servers; the tests of a scenario one after the other.
			sem := make(chan struct{}, 4)
			var wg sync.WaitGroup
			for i, sc := range scenarios {
				dir := t.TempDir()
				drop, unserved, err := suiteZones(sc, dir)
				if err != nil {
					t.Fatalf("scenario %d (%s): %v", i, sc.Description, err)
				}
				for _, u := range unserved {
					unreproduced = append(unreproduced, fmt.Sprintf("%s (scenario %q)", u, sc.Description))
				}
				var r resolver
				if via == "Knot+Unbound" {
					r = realResolver(t, dir, realdns.Options{Tmp: t.TempDir(), Drop: drop})
				} else {
					r = serveResolver(t, dir)
				}
				wg.Add(1)
				sem <- struct{}{}
				go func() {
					defer func() { <-sem; wg.Done() }()
					for _, name := range sc.Names() {
						c := suiteCase{scenario: sc.Description, name: name, test: sc.Tests[name]}
						problems, note := runSuiteCase(r, c)
						mu.Lock()
						if note != "" {
							notes = append(notes, c.scenario+"/"+c.name+": "+note)
						}
						if len(problems) == 0 {
							passed++
						} else {
							failed++
							t.Errorf("%s/%s via %s: %s", c.scenario, c.name, r.name, strings.Join(problems, "; "))
						}
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			for _, u := range unreproduced {
				t.Logf("not reproduced by a DNS server: %s", u)
			}
			slices.Sort(notes)
			for _, n := range notes {
				t.Logf("passed with a note: %s", n)
			}
			line := fmt.Sprintf("rfc7208-tests via %s: %d passed, %d failed", via, passed, failed)
			t.Log(line)
			fmt.Println(line)
		})
	}
}

// runSuiteCase runs one test through `mxplain lookup` and returns what is
// wrong, and a note when it passes with an allowance.
//
// The allowance: when check_host()'s <domain> is not a domain name (a
// domain literal, an empty label, a label over 63 bytes), RFC 7208 §4.3
// has check_host() return none at once; the CLI refuses such a DOMAIN
// before any query, saying why (exit 2). For a test wanting none, that is
// the same answer (inspect/spfcheck's in-process run checks the none).
func runSuiteCase(r resolver, c suiteCase) (problems []string, note string) {
	args := []string{"--ip", c.test.Host}
	if c.test.MailFrom != "" {
		args = append(args, "--sender", c.test.MailFrom)
	}
	if c.test.Helo != "" {
		args = append(args, "--helo", c.test.Helo)
	}
	args = append(args, c.test.Domain())
	cmd := "mxplain lookup " + strings.Join(args, " ")
	rep, code, stderr, err := lookup(r, args...)
	if err != nil && code == 2 && strings.Contains(stderr, "inspect: invalid domain") {
		if want, _ := c.test.Results(); slices.Contains(want, "none") {
			return nil, fmt.Sprintf("`%s` refuses the domain (%s): check_host()'s none, RFC 7208 §4.3", cmd, strings.TrimSpace(stderr))
		}
	}
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", cmd, err)}, ""
	}
	spf, _ := rep["spf"].(map[string]any)
	check, _ := spf["check"].(map[string]any)
	if check == nil {
		return []string{fmt.Sprintf("%s: exit %d, no SPF check in the report (%s)", cmd, code, strings.TrimSpace(stderr))}, ""
	}
	result, _ := check["result"].(string)
	explanation, _ := check["explanation"].(string)
	problems, notes := c.test.Verify(c.name, result, explanation)
	if len(problems) > 0 {
		problem, _ := check["problem"].(string)
		problems = append(problems, fmt.Sprintf("problem %q, `%s`", problem, cmd))
	}
	return problems, strings.Join(notes, "; ")
}
