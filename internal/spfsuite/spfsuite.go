// Package spfsuite reads the RFC 7208 test suite (openspf.org's
// rfc7208-tests.yml, release 2014.04, in ../shared/testdata/spf) for the
// tests that run it: in process against its zone data (inspect/spfcheck)
// and end to end through real DNS servers (e2e/realdns). Only tests import
// it.
package spfsuite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strings"

	"github.com/miekg/dns"
	"gopkg.in/yaml.v3"
)

// Path is the suite's file inside ../shared (see internal/testshared).
const Path = "testdata/spf/rfc7208-tests.yml"

// Scenario is one YAML document of the suite: tests sharing zone data.
type Scenario struct {
	Description string                 `yaml:"description"`
	Tests       map[string]Test        `yaml:"tests"`
	ZoneData    map[string][]yaml.Node `yaml:"zonedata"`
}

// Test is one check_host() call and the results it may give.
type Test struct {
	Description string    `yaml:"description"`
	Spec        yaml.Node `yaml:"spec"`
	Helo        string    `yaml:"helo"`
	Host        string    `yaml:"host"`
	MailFrom    string    `yaml:"mailfrom"`
	Result      yaml.Node `yaml:"result"` // a result or a list of acceptable ones
	Explanation *string   `yaml:"explanation"`
}

// Entry is one zonedata entry: a record, or TIMEOUT (every query for the
// name times out, unless a record of the queried type comes before it).
type Entry struct {
	Timeout bool
	RR      dns.RR
}

// Read reads every scenario of the suite file at path.
func Read(path string) ([]Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("spfsuite: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var all []Scenario
	for {
		var s Scenario
		err := dec.Decode(&s)
		if errors.Is(err, io.EOF) {
			return all, nil
		}
		if err != nil {
			return nil, fmt.Errorf("spfsuite: %s: %w", path, err)
		}
		all = append(all, s)
	}
}

// Names returns the names of the scenario's tests, sorted.
func (s Scenario) Names() []string {
	names := make([]string, 0, len(s.Tests))
	for n := range s.Tests {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Results returns the results the test accepts ("pass", "fail", …).
func (t Test) Results() ([]string, error) {
	switch t.Result.Kind {
	case yaml.ScalarNode:
		return []string{t.Result.Value}, nil
	case yaml.SequenceNode:
		var out []string
		err := t.Result.Decode(&out)
		return out, err
	}
	return nil, fmt.Errorf("spfsuite: result at line %d is neither a string nor a list", t.Result.Line)
}

// Domain is the domain check_host() is asked about: the MAIL FROM's
// domain, or the HELO name when MAIL FROM is empty (RFC 7208 §2.4, §4.3).
func (t Test) Domain() string {
	if t.MailFrom == "" {
		return t.Helo
	}
	if i := strings.LastIndexByte(t.MailFrom, '@'); i >= 0 {
		return t.MailFrom[i+1:]
	}
	return t.MailFrom
}

// Zone returns the scenario's zone data by owner (lower case, fully
// qualified), each with TTL 300, in the suite's order. Type SPF records are
// also given as TXT when the owner has no TXT entry (the suite's
// "auto-magic duplication"); "NONE" entries are dropped.
func (s Scenario) Zone() (map[string][]Entry, error) {
	out := map[string][]Entry{}
	for owner, nodes := range s.ZoneData {
		name := strings.ToLower(dns.Fqdn(owner))
		hdr := func(rrtype uint16) dns.RR_Header {
			return dns.RR_Header{Name: name, Rrtype: rrtype, Class: dns.ClassINET, Ttl: 300}
		}
		var entries, generated []Entry
		hasTXT := false
		for _, n := range nodes {
			if n.Kind == yaml.ScalarNode && n.Value == "TIMEOUT" {
				entries = append(entries, Entry{Timeout: true})
				continue
			}
			var rec map[string]any
			if err := n.Decode(&rec); err != nil || len(rec) != 1 {
				return nil, fmt.Errorf("spfsuite: zonedata %s: cannot read entry at line %d: %v", owner, n.Line, err)
			}
			for typ, v := range rec {
				if s, ok := v.(string); ok && s == "NONE" {
					if typ == "TXT" {
						hasTXT = true
					}
					continue
				}
				switch typ {
				case "SPF", "TXT":
					var strs []string
					switch v := v.(type) {
					case string:
						strs = []string{v}
					case []any:
						for _, s := range v {
							strs = append(strs, fmt.Sprint(s))
						}
					default:
						return nil, fmt.Errorf("spfsuite: zonedata %s: %s value %T", owner, typ, v)
					}
					for i := range strs {
						strs[i] = EscapeTXT(strs[i])
					}
					if typ == "TXT" {
						hasTXT = true
						entries = append(entries, Entry{RR: &dns.TXT{Hdr: hdr(dns.TypeTXT), Txt: strs}})
					} else {
						entries = append(entries, Entry{RR: &dns.SPF{Hdr: hdr(dns.TypeSPF), Txt: strs}})
						generated = append(generated, Entry{RR: &dns.TXT{Hdr: hdr(dns.TypeTXT), Txt: strs}})
					}
				case "A", "AAAA":
					ip := net.ParseIP(fmt.Sprint(v))
					if ip == nil {
						return nil, fmt.Errorf("spfsuite: zonedata %s: bad address %v", owner, v)
					}
					if typ == "A" {
						entries = append(entries, Entry{RR: &dns.A{Hdr: hdr(dns.TypeA), A: ip.To4()}})
					} else {
						entries = append(entries, Entry{RR: &dns.AAAA{Hdr: hdr(dns.TypeAAAA), AAAA: ip.To16()}})
					}
				case "MX":
					l, ok := v.([]any)
					if !ok || len(l) != 2 {
						return nil, fmt.Errorf("spfsuite: zonedata %s: bad MX %v", owner, v)
					}
					pref, _ := l[0].(int)
					entries = append(entries, Entry{RR: &dns.MX{Hdr: hdr(dns.TypeMX), Preference: uint16(pref), Mx: dns.Fqdn(fmt.Sprint(l[1]))}})
				case "PTR":
					entries = append(entries, Entry{RR: &dns.PTR{Hdr: hdr(dns.TypePTR), Ptr: dns.Fqdn(fmt.Sprint(v))}})
				case "CNAME":
					entries = append(entries, Entry{RR: &dns.CNAME{Hdr: hdr(dns.TypeCNAME), Target: dns.Fqdn(fmt.Sprint(v))}})
				default:
					return nil, fmt.Errorf("spfsuite: zonedata %s: record type %s not handled", owner, typ)
				}
			}
		}
		if !hasTXT {
			entries = append(entries, generated...)
		}
		out[name] = append(out[name], entries...)
	}
	return out, nil
}

// EscapeTXT puts raw bytes in miekg/dns's presentation form, the form its
// TXT records hold in memory.
func EscapeTXT(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			fmt.Fprintf(&b, "\\%03d", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// caseInsensitiveExp names the tests whose explanation is compared ignoring
// case, and why.
var caseInsensitiveExp = map[string]string{
	"v-macro-ip6": "%{ir} of an IPv6 address is expanded with lowercase hex nibbles, as in " +
		"RFC 7208 §7.4's own example (1.0.b.c.0.0…ip6._spf.example.com); the suite expects " +
		"uppercase (its reference implementation's choice). The RFC does not fix the case and DNS " +
		"names are case-insensitive, so only the explanation text differs.",
}

// Verify compares what check_host() gave for the test named name with what
// the suite wants: it returns what is wrong (nothing when the test passes)
// and notes on what passes only with a documented allowance.
func (t Test) Verify(name, result, explanation string) (problems, notes []string) {
	want, err := t.Results()
	if err != nil {
		return []string{err.Error()}, nil
	}
	if !slices.Contains(want, result) {
		problems = append(problems, fmt.Sprintf("result %s, want %v (spec %s)", result, want, t.Spec.Value))
	}
	if t.Explanation == nil {
		return problems, nil
	}
	wantExp := *t.Explanation
	if wantExp == "DEFAULT" {
		wantExp = "" // no exp= text applies; callers give their own default
	}
	if why, ok := caseInsensitiveExp[name]; ok && explanation != wantExp && strings.EqualFold(explanation, wantExp) {
		notes = append(notes, fmt.Sprintf("explanation %q matches %q only ignoring case: %s", explanation, wantExp, why))
	} else if explanation != wantExp {
		problems = append(problems, fmt.Sprintf("explanation %q, want %q", explanation, wantExp))
	}
	return problems, notes
}
