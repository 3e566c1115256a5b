package realdns

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// marker starts the comment line by which a zone file asks to be signed.
const marker = "realdns:"

// signing is what a zone file's marker line asks for.
type signing struct {
	sign    bool // "; realdns: sign": signed at Start, its DS in its parent
	noDS    bool // "no-ds": signed, but no DS in its parent and no trust anchor
	expired bool // "expired": signatures that expired two days ago (bogus)
}

// readMarker finds the marker line of a zone file's text, if any: a
// comment line of its own, "; realdns: sign", optionally followed by
// "no-ds" or "expired".
func readMarker(file string, text []byte) (signing, error) {
	var sg signing
	lines := bufio.NewScanner(bytes.NewReader(text))
	lines.Buffer(nil, len(text)+1)
	for n := 1; lines.Scan(); n++ {
		comment, ok := strings.CutPrefix(strings.TrimSpace(lines.Text()), ";")
		if !ok {
			continue
		}
		words, ok := strings.CutPrefix(strings.TrimSpace(comment), marker)
		if !ok {
			continue
		}
		f := strings.Fields(words)
		if len(f) == 0 || f[0] != "sign" || sg.sign {
			return signing{}, fmt.Errorf("realdns: %s:%d: want one line \"; realdns: sign [no-ds | expired]\"", file, n)
		}
		sg.sign = true
		for _, w := range f[1:] {
			switch w {
			case "no-ds":
				sg.noDS = true
			case "expired":
				sg.expired = true
			default:
				return signing{}, fmt.Errorf("realdns: %s:%d: unknown signing option %q (want no-ds or expired)", file, n, w)
			}
		}
	}
	return sg, lines.Err()
}

// Validity of the signatures, from the time Start runs.
const (
	inceptionBefore = time.Hour          // signatures are valid from an hour ago,
	expirationAfter = 3 * 24 * time.Hour // for three days;
	// "expired" ones were valid from ten days ago until two days ago:
	// Unbound forgives a signature that expired less than a tenth of its
	// validity ago, up to a day (val-sig-skew-min, val-sig-skew-max).
	expiredInception = 10 * 24 * time.Hour
	expiredBefore    = 2 * 24 * time.Hour
)

// signZones signs the zones whose files ask for it into the folder
// dnssec of s.dir, children before their parents so that each signed
// parent holds the DS of its signed children (those not "no-ds"), and
// returns the files Knot serves (each signed zone's replacing its source)
// and the trust anchors: the DS of each signed zone, not "no-ds", whose
// parent zone is not signed or not given.
func (s *Servers) signZones(zones map[string]zoneFile, paths map[string]string, now time.Time) (map[string]string, []*dns.DS, error) {
	served := maps.Clone(paths)
	var signed []string
	for apex, z := range zones {
		if z.sign.sign {
			signed = append(signed, apex)
		}
	}
	if len(signed) == 0 {
		return served, nil, nil
	}
	// Deepest first; a child has more labels than its parent.
	slices.SortFunc(signed, func(a, b string) int {
		if d := dns.CountLabel(b) - dns.CountLabel(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	dir := filepath.Join(s.dir, "dnssec")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("realdns: %w", err)
	}
	ds := map[string]*dns.DS{} // signed apex → the DS of its KSK
	var anchors []*dns.DS
	for _, apex := range signed {
		z := zones[apex]
		ksk, err := keygen(dir, apex, true, z.ttl)
		if err != nil {
			return nil, nil, err
		}
		zsk, err := keygen(dir, apex, false, z.ttl)
		if err != nil {
			return nil, nil, err
		}
		text, err := os.ReadFile(paths[apex])
		if err != nil {
			return nil, nil, fmt.Errorf("realdns: %w", err)
		}
		var add strings.Builder
		fmt.Fprintf(&add, "\n; Added by realdns before signing: the keys, and the DS of signed children.\n%s\n%s\n", ksk.rr, zsk.rr)
		for _, child := range slices.Sorted(maps.Keys(ds)) {
			if parentApex(child, zones) == apex && !zones[child].sign.noDS {
				fmt.Fprintln(&add, ds[child])
			}
		}
		name := strings.TrimSuffix(apex, ".")
		if name == "" {
			name = "root"
		}
		in, out := filepath.Join(dir, name+".zone"), filepath.Join(dir, name+".signed")
		if err := os.WriteFile(in, append(text, add.String()...), 0o600); err != nil {
			return nil, nil, fmt.Errorf("realdns: %w", err)
		}
		from, until := now.Add(-inceptionBefore), now.Add(expirationAfter)
		args := []string{"-q", "-N", "keep", "-o", apex, "-k", ksk.file, "-d", dir, "-f", out}
		if z.sign.expired {
			// Not verified after signing: dnssec-signzone refuses a
			// zone whose signatures have expired.
			from, until = now.Add(-expiredInception), now.Add(-expiredBefore)
			args = append(args, "-P")
		}
		const stamp = "20060102150405" // dnssec-signzone's absolute time, UTC
		args = append(args, "-s", from.UTC().Format(stamp), "-e", until.UTC().Format(stamp), in, zsk.file)
		if err := runTool(dir, "dnssec-signzone", args...); err != nil {
			return nil, nil, err
		}
		served[apex] = out
		d := ksk.rr.ToDS(dns.SHA256)
		if d == nil {
			return nil, nil, fmt.Errorf("realdns: no DS for the key of %s", apex)
		}
		ds[apex] = d
		parent := parentApex(apex, zones)
		if !z.sign.noDS && (parent == "" || !zones[parent].sign.sign) {
			anchors = append(anchors, d)
		}
	}
	s.Signed = slices.Sorted(maps.Keys(ds))
	slices.SortFunc(anchors, func(a, b *dns.DS) int { return strings.Compare(a.Hdr.Name, b.Hdr.Name) })
	return served, anchors, nil
}

// key is a key made by dnssec-keygen.
type key struct {
	file string // its .key file
	rr   *dns.DNSKEY
}

// keygen makes an ECDSA P-256 key (RFC 6605) for apex in dir: a KSK (flags
// 257, SEP) or a ZSK (256), its DNSKEY record with the TTL ttl.
func keygen(dir, apex string, ksk bool, ttl uint32) (key, error) {
	args := []string{"-q", "-K", dir, "-a", "ECDSAP256SHA256", "-L", fmt.Sprint(ttl), "-n", "ZONE"}
	if ksk {
		args = append(args, "-f", "KSK")
	}
	path, err := lookPath("dnssec-keygen")
	if err != nil {
		return key{}, fmt.Errorf("realdns: %w", err)
	}
	cmd := exec.Command(path, append(args, apex)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	base, err := cmd.Output()
	if err != nil {
		return key{}, fmt.Errorf("realdns: dnssec-keygen %s: %v: %s", apex, err, stderr.Bytes())
	}
	k := key{file: filepath.Join(dir, strings.TrimSpace(string(base))+".key")}
	f, err := os.Open(k.file)
	if err != nil {
		return key{}, fmt.Errorf("realdns: %w", err)
	}
	defer f.Close()
	zp := dns.NewZoneParser(f, apex, k.file)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		if dk, isKey := rr.(*dns.DNSKEY); isKey {
			k.rr = dk
		}
	}
	if err := zp.Err(); err != nil {
		return key{}, fmt.Errorf("realdns: %w", err)
	}
	if k.rr == nil {
		return key{}, fmt.Errorf("realdns: no DNSKEY in %s", k.file)
	}
	return k, nil
}

// writeAnchors writes the trust anchors in a file Unbound's
// trust-anchor-file reads (zone file format).
func (s *Servers) writeAnchors(anchors []*dns.DS) (string, error) {
	var b strings.Builder
	for _, d := range anchors {
		fmt.Fprintln(&b, d)
	}
	file := filepath.Join(s.dir, "trust-anchors")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		return "", fmt.Errorf("realdns: %w", err)
	}
	return file, nil
}

// runTool runs a command to completion in dir.
func runTool(dir, name string, args ...string) error {
	path, err := lookPath(name)
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("realdns: %s: %v: %s", name, err, out)
	}
	return nil
}
