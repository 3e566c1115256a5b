package zoneserver

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/miekg/dns"
	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
)

// FaultsFile is the name of the faults file `mxplain serve --zones DIR` reads
// from DIR when it exists (format in the package documentation).
const FaultsFile = "faults"

// FaultKind is a way for the server to misbehave.
type FaultKind string

// Fault kinds, as written in a faults file.
const (
	FaultServfail    FaultKind = "servfail"     // answer RCODE SERVFAIL (RFC 1035 §4.1.1)
	FaultTimeout     FaultKind = "timeout"      // never answer; wait until the request's context ends
	FaultHTTP500     FaultKind = "http500"      // answer HTTP 500 Internal Server Error
	FaultGarbage     FaultKind = "garbage"      // answer 200 application/dns-message with bytes that are not a DNS message
	FaultContentType FaultKind = "content-type" // answer the right message with Content-Type text/html
	// Hostile servers, which a client must resist (issue 11).
	FaultRedirect FaultKind = "redirect" // answer 301 to Fault.Location, or to the request's own URL (a loop)
	FaultHuge     FaultKind = "huge"     // answer the right message followed by zeros, HugeSize octets in all
	FaultTrickle  FaultKind = "trickle"  // answer the right message one octet every TrickleInterval
	// A far resolver, for benchmarks of `mxplain serve --zones`.
	FaultSlow FaultKind = "slow" // answer the right message after SlowDelay
)

var faultKinds = []FaultKind{FaultServfail, FaultTimeout, FaultHTTP500, FaultGarbage, FaultContentType,
	FaultRedirect, FaultHuge, FaultTrickle, FaultSlow}

// Fault makes the server misbehave for the queries it matches.
type Fault struct {
	// Name is a fully qualified name, "*" (or "") for every name, or
	// "*.suffix." for every name strictly below suffix. Case is ignored.
	Name string
	// Type restricts the fault to one query type; 0 means every type.
	Type uint16
	Kind FaultKind
	// Location is where FaultRedirect sends the client; "" means the
	// request's own URL, a redirect loop. Faults files cannot set it.
	Location string
}

// Matches reports whether the fault applies to a query for (name, qtype).
func (f Fault) Matches(name string, qtype uint16) bool {
	if f.Type != 0 && f.Type != qtype {
		return false
	}
	name, _ = doh.CanonicalName(name)
	switch {
	case f.Name == "" || f.Name == "*":
		return true
	case strings.HasPrefix(f.Name, "*."):
		suffix, _ := doh.CanonicalName(f.Name[2:])
		return name != suffix && dns.IsSubDomain(suffix, name)
	}
	return doh.EqualNames(f.Name, name)
}

// ParseFaults reads a faults file (format in the package documentation);
// file names it in errors, which give the line.
func ParseFaults(r io.Reader, file string) ([]Fault, error) {
	var faults []Fault
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		if len(fields) < 2 || len(fields) > 3 {
			return nil, fmt.Errorf("zoneserver: %s:%d: want \"name [type] fault\"", file, line)
		}
		f := Fault{Name: fields[0], Kind: FaultKind(strings.ToLower(fields[len(fields)-1]))}
		if f.Name != "*" {
			if _, ok := dns.IsDomainName(strings.TrimPrefix(f.Name, "*.")); !ok {
				return nil, fmt.Errorf("zoneserver: %s:%d: bad name %q", file, line, f.Name)
			}
			f.Name = dns.Fqdn(f.Name)
		}
		if len(fields) == 3 {
			t, ok := dns.StringToType[strings.ToUpper(fields[1])]
			if !ok {
				return nil, fmt.Errorf("zoneserver: %s:%d: unknown type %q", file, line, fields[1])
			}
			f.Type = t
		}
		known := false
		for _, k := range faultKinds {
			known = known || k == f.Kind
		}
		if !known {
			return nil, fmt.Errorf("zoneserver: %s:%d: unknown fault %q (want one of %v)", file, line, fields[len(fields)-1], faultKinds)
		}
		faults = append(faults, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("zoneserver: %s: %w", file, err)
	}
	return faults, nil
}

// LoadFaults reads the faults file at path. A missing file gives an error
// wrapping fs.ErrNotExist.
func LoadFaults(path string) ([]Fault, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("zoneserver: %w", err)
	}
	defer f.Close()
	return ParseFaults(f, path)
}

// LoadDir returns a Server for `mxplain serve --zones DIR`: the zones of
// every DIR/*.zone file (zone.LoadDir), and the faults of DIR/faults when
// that file exists, after opt.Faults.
func LoadDir(dir string, opt Options) (*Server, error) {
	store, err := zone.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	faults, err := LoadFaults(filepath.Join(dir, FaultsFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	opt.Faults = append(slices.Clip(opt.Faults), faults...)
	return New(store, opt), nil
}
