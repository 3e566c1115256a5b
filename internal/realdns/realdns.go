// Package realdns runs real DNS servers for tests: Knot DNS (authoritative)
// answering from a folder of zone files, behind Unbound answering
// DNS-over-HTTPS (RFC 8484) with a certificate of a test CA made by openssl,
// both on free loopback ports, following shared/RECIPES.md.
//
// Unbound refuses every name outside the zones' top apexes (local-zone "."
// refuse) unless the root zone is among them, so nothing is ever sent off
// the machine, and keeps its default
// connection limits (incoming-num-tcp: 10), so a client opening a burst of
// connections is caught. Go clients trust the CA through SSL_CERT_FILE
// ([Servers.Env]); Chromium through --ignore-certificate-errors-spki-list
// with [Servers.SPKI].
//
// # DNSSEC
//
// A zone file asks to be signed with a comment line of its own, anywhere
// in the file (the header comment reads best):
//
//	; realdns: sign            signed, its DS in its parent zone
//	; realdns: sign no-ds      signed, but no DS in its parent and no trust anchor
//	; realdns: sign expired    signed with signatures that expired two days ago
//
// Other servers (mxplain serve --zones, miekg/dns) read the line as the
// comment it is, so a fixture stays plain text. Start signs a copy of each
// such zone in the servers' folder with bind9-utils' dnssec-keygen and
// dnssec-signzone: fresh ECDSAP256SHA256 keys (RFC 6605, a KSK and a ZSK)
// each Start, signatures valid from an hour before Start for three days,
// NSEC (RFC 4034 §4; not NSEC3) for denial of existence. Children are
// signed before their parents, and the DS (SHA-256) of each signed child,
// unless no-ds, is added to its parent's copy before the parent is
// signed. The trust anchors (Unbound's trust-anchor-file) are the DS
// records of the signed zones whose parent zone is not signed or not
// among the zones, unless no-ds: usually one, the topmost signed apex.
//
// Unbound validates (module-config "validator iterator", val-permissive-mode
// no, harden-dnssec-stripped): a query with the AD bit set (RFC 6840 §5.7)
// is answered with AD=1 when the answer is from a signed zone under a
// trust anchor (positive answers, NODATA and NXDOMAIN proofs alike, and
// the DS NODATA proof of an unsigned child), AD=0 when it is insecure (an
// unsigned zone under a signed parent, a no-ds zone, a zone under no trust
// anchor), and SERVFAIL when it is bogus (an expired zone). are started as children that die with the process that
// started them (Linux's parent-death signal), so a test that dies leaves
// nothing behind; [Servers.Close] stops them and removes their files.
package realdns

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// rpzZone is the name of the policy zone holding Options.Drop.
const rpzZone = "drop.rpz.invalid."

// Packages are the Debian packages holding the commands Start runs (the
// tests also run kdig, of knot-dnsutils).
var Packages = map[string]string{
	"knotd": "knot", "unbound": "unbound", "openssl": "openssl",
	"dnssec-keygen": "bind9-utils", "dnssec-signzone": "bind9-utils",
}

// Servers are a running Knot and Unbound pair.
type Servers struct {
	URL      string   // the DoH endpoint: https://127.0.0.1:PORT/dns-query
	CAFile   string   // the test CA's certificate (PEM)
	SPKI     string   // base64 SHA-256 of the server certificate's public key (Chromium's --ignore-certificate-errors-spki-list)
	KnotAddr string   // Knot's address, 127.0.0.1:PORT (UDP and TCP)
	Apexes   []string // the zones served, fully qualified
	Signed   []string // the zones signed (see the package doc), fully qualified

	dir   string
	procs []*proc
}

// proc is a started server; it writes to log, a file in the servers'
// folder.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

// output returns what the server wrote so far.
func (p *proc) output() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// Missing returns the Debian packages of the commands Start needs that are
// not installed, sorted.
func Missing() []string {
	var out []string
	for cmd, pkg := range Packages {
		if _, err := lookPath(cmd); err != nil {
			out = append(out, pkg)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// lookPath finds a command on PATH, or in /usr/sbin and /sbin, where Debian
// puts knotd and unbound (not on a normal user's PATH).
func lookPath(name string) (string, error) {
	p, err := exec.LookPath(name)
	if err == nil {
		return p, nil
	}
	for _, dir := range []string{"/usr/sbin", "/sbin"} {
		if p, err2 := exec.LookPath(filepath.Join(dir, name)); err2 == nil {
			return p, nil
		}
	}
	return "", err
}

// Options adjust Start. The zero value is fine.
type Options struct {
	// Tmp is where the servers' folder is made; "" means os.TempDir().
	Tmp string
	// Drop are names whose queries Unbound drops without an answer (an
	// RPZ rpz-drop rule for the name itself, not the names below it), as
	// when a name's servers do not answer. Over DoH, Unbound 1.17 then
	// closes the connection: the client sees a transport error at once,
	// not a timeout.
	Drop []string
}

// Start serves the *.zone files of zonesDir with Knot behind Unbound's DoH.
// The zones must be real ones: one per file (one SOA), NS records at every
// apex, and every zone whose parent is given delegated from it. The servers
// answer when Start returns.
func Start(zonesDir string, opt Options) (*Servers, error) {
	if m := Missing(); len(m) > 0 {
		return nil, fmt.Errorf("realdns: %s not installed: run `make deps` (or apt-get install %s)", strings.Join(m, ", "), strings.Join(m, " "))
	}
	files, err := filepath.Glob(filepath.Join(zonesDir, "*.zone"))
	if err != nil {
		return nil, fmt.Errorf("realdns: %w", err)
	}
	zones := map[string]zoneFile{}
	paths := map[string]string{} // apex → absolute file
	for _, f := range files {
		z, err := readZone(f)
		if err != nil {
			return nil, err
		}
		if other, dup := paths[z.apex]; dup {
			return nil, fmt.Errorf("realdns: zone %s is in both %s and %s", z.apex, other, f)
		}
		zones[z.apex] = z
		if paths[z.apex], err = filepath.Abs(f); err != nil {
			return nil, fmt.Errorf("realdns: %w", err)
		}
	}
	if len(zones) == 0 {
		return nil, fmt.Errorf("realdns: no *.zone file in %s", zonesDir)
	}
	if err := checkReal(zones); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(opt.Tmp, "realdns-")
	if err != nil {
		return nil, fmt.Errorf("realdns: %w", err)
	}
	s := &Servers{dir: dir}
	for apex := range zones {
		s.Apexes = append(s.Apexes, apex)
	}
	slices.Sort(s.Apexes)
	served, anchors, err := s.signZones(zones, paths, time.Now())
	if err == nil {
		err = s.start(served, anchors, opt.Drop)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Env returns environ with SSL_CERT_FILE set to the test CA alone (any
// SSL_CERT_FILE in environ is replaced, not appended to), for a Go client
// run as a child process.
func (s *Servers) Env(environ []string) []string {
	out := slices.DeleteFunc(slices.Clone(environ), func(kv string) bool { return strings.HasPrefix(kv, "SSL_CERT_FILE=") })
	return append(out, "SSL_CERT_FILE="+s.CAFile)
}

// Logs returns what the servers wrote so far, for a failing test's message
// (until Close).
func (s *Servers) Logs() string {
	var b strings.Builder
	for _, p := range s.procs {
		fmt.Fprintf(&b, "--- %s:\n%s", p.name, p.output())
	}
	return b.String()
}

// Close stops the servers (SIGTERM, then SIGKILL after 5 s) and removes
// their files.
func (s *Servers) Close() error {
	var errs []error
	for _, p := range s.procs {
		if err := p.stop(); err != nil {
			errs = append(errs, err)
		}
	}
	s.procs = nil
	if s.dir != "" {
		errs = append(errs, os.RemoveAll(s.dir))
	}
	return errors.Join(errs...)
}

// zoneFile is what Start checks of a zone file.
type zoneFile struct {
	apex string
	ttl  uint32          // its SOA's TTL, given to the keys and DS records of a signed zone
	ns   map[string]bool // owners of NS records (the apex, and delegations below it)
	sign signing         // what its marker line asks for
}

// readZone reads a zone file: exactly one SOA, at its apex, and the
// signing its marker line asks for.
func readZone(file string) (zoneFile, error) {
	text, err := os.ReadFile(file)
	if err != nil {
		return zoneFile{}, fmt.Errorf("realdns: %w", err)
	}
	z := zoneFile{ns: map[string]bool{}}
	if z.sign, err = readMarker(file, text); err != nil {
		return zoneFile{}, err
	}
	zp := dns.NewZoneParser(bytes.NewReader(text), ".", file)
	soas := 0
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		h := rr.Header()
		switch h.Rrtype {
		case dns.TypeSOA:
			soas++
			z.apex = strings.ToLower(h.Name)
			z.ttl = h.Ttl
		case dns.TypeNS:
			z.ns[strings.ToLower(h.Name)] = true
		}
	}
	if err := zp.Err(); err != nil {
		return zoneFile{}, fmt.Errorf("realdns: %w", err)
	}
	if soas != 1 {
		return zoneFile{}, fmt.Errorf("realdns: %s: %d SOA records, want one zone per file", file, soas)
	}
	return z, nil
}

// checkReal reports what makes zones unlike real ones: an apex without NS
// records, or a zone whose parent zone (the closest enclosing one given)
// does not delegate it with NS records (RFC 1034 §4.2.1).
func checkReal(zones map[string]zoneFile) error {
	var errs []error
	for apex, z := range zones {
		if !z.ns[apex] {
			errs = append(errs, fmt.Errorf("realdns: zone %s has no NS record at its apex", apex))
		}
		if parent := parentApex(apex, zones); parent != "" && !zones[parent].ns[apex] {
			errs = append(errs, fmt.Errorf("realdns: zone %s is not delegated from its parent zone %s (no NS for %s there)", apex, parent, apex))
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errors.Join(errs...)
}

// parentApex is the closest apex strictly above apex, or "".
func parentApex(apex string, zones map[string]zoneFile) string {
	for name := apex; name != "."; {
		off, end := dns.NextLabel(name, 0)
		if end {
			name = "."
		} else {
			name = name[off:]
		}
		if _, ok := zones[name]; ok {
			return name
		}
	}
	return ""
}

// topApexes are the apexes none of whose ancestors is an apex: Unbound
// sends their trees to Knot (stub zones), and Knot answers every name from
// the closest zone it holds.
func topApexes(apexes []string) []string {
	var out []string
	for _, a := range apexes {
		top := true
		for _, b := range apexes {
			if a != b && dns.IsSubDomain(b, a) {
				top = false
			}
		}
		if top {
			out = append(out, a)
		}
	}
	return out
}

func (s *Servers) start(zones map[string]string, anchors []*dns.DS, drop []string) error {
	knotPort, err := freePort()
	if err != nil {
		return err
	}
	dohPort, err := freePort()
	if err != nil {
		return err
	}
	s.KnotAddr = net.JoinHostPort("127.0.0.1", strconv.Itoa(knotPort))
	s.URL = "https://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(dohPort)) + "/dns-query"

	if err := s.makeCerts(); err != nil {
		return err
	}
	if err := s.startKnot(zones, knotPort); err != nil {
		return err
	}
	return s.startUnbound(dohPort, knotPort, anchors, drop)
}

// makeCerts makes a P-256 test CA and a certificate for 127.0.0.1 signed by
// it, with openssl.
func (s *Servers) makeCerts() error {
	p := func(name string) string { return filepath.Join(s.dir, name) }
	ext := "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n"
	if err := os.WriteFile(p("server.ext"), []byte(ext), 0o600); err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	openssl, err := lookPath("openssl")
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	steps := [][]string{
		{"ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", p("ca.key")},
		{"req", "-x509", "-new", "-key", p("ca.key"), "-sha256", "-days", "2", "-subj", "/CN=mxplain test CA",
			"-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", p("ca.pem")},
		{"ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", p("server.key")},
		{"req", "-new", "-key", p("server.key"), "-subj", "/CN=127.0.0.1", "-out", p("server.csr")},
		{"x509", "-req", "-in", p("server.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial",
			"-days", "2", "-sha256", "-extfile", p("server.ext"), "-out", p("server.crt")},
	}
	for _, args := range steps {
		if out, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("realdns: openssl %s: %v: %s", args[0], err, out)
		}
	}
	crt, err := os.ReadFile(p("server.crt"))
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	ca, err := os.ReadFile(p("ca.pem"))
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	// Unbound's tls-service-pem: the certificate followed by its CA.
	if err := os.WriteFile(p("server.pem"), append(slices.Clone(crt), ca...), 0o600); err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	block, _ := pem.Decode(crt)
	if block == nil {
		return errors.New("realdns: openssl wrote no PEM certificate")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	s.SPKI = base64.StdEncoding.EncodeToString(sum[:])
	s.CAFile = p("ca.pem")
	return nil
}

func (s *Servers) startKnot(zones map[string]string, port int) error {
	var conf strings.Builder
	fmt.Fprintf(&conf, `server:
    rundir: %q
    listen: 127.0.0.1@%d
log:
  - target: stderr
    any: warning
database:
    storage: %q
template:
  - id: default
    storage: %q
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
`, filepath.Join(s.dir, "knot"), port, filepath.Join(s.dir, "knot", "db"), filepath.Join(s.dir, "knot"))
	for _, apex := range s.Apexes {
		fmt.Fprintf(&conf, "  - domain: %q\n    file: %q\n", apex, zones[apex])
	}
	if err := os.MkdirAll(filepath.Join(s.dir, "knot", "db"), 0o700); err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	path := filepath.Join(s.dir, "knot.conf")
	if err := os.WriteFile(path, []byte(conf.String()), 0o600); err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	if err := s.run("knotd", "-c", path); err != nil {
		return err
	}
	// Ready when every zone is loaded: its SOA answered authoritatively.
	c := &dns.Client{Net: "tcp", Timeout: time.Second}
	return s.wait("knotd", func() error {
		for _, apex := range s.Apexes {
			m := new(dns.Msg).SetQuestion(apex, dns.TypeSOA)
			r, _, err := c.Exchange(m, s.KnotAddr)
			if err != nil {
				return err
			}
			if r.Rcode != dns.RcodeSuccess || !r.Authoritative || len(r.Answer) == 0 {
				return fmt.Errorf("SOA %s: %s, %d answers", apex, dns.RcodeToString[r.Rcode], len(r.Answer))
			}
		}
		return nil
	})
}

func (s *Servers) startUnbound(port, knotPort int, anchors []*dns.DS, drop []string) error {
	modules := "validator iterator"
	if len(drop) > 0 {
		modules = "respip validator iterator" // RPZ needs the respip module
	}
	var conf strings.Builder
	fmt.Fprintf(&conf, `server:
    username: ""
    chroot: ""
    directory: %q
    pidfile: ""
    use-syslog: no
    logfile: ""
    verbosity: 1
    num-threads: 1
    interface: 127.0.0.1@%d
    https-port: %d
    http-endpoint: "/dns-query"
    tls-service-key: %q
    tls-service-pem: %q
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    module-config: %q
    # Knot is on loopback, so Unbound's timeouts for it would shrink to
    # its minimum (50 ms): on a loaded machine Knot is then "too slow" a
    # few times in a row and a query SERVFAILs. Wait a second for it.
    infra-cache-min-rtt: 1000
    unknown-server-time-limit: 1000
    # DNSSEC (RFC 4035): a bogus answer is SERVFAIL, never passed on
    # (val-permissive-mode), and a zone below a trust anchor must stay
    # signed unless its parent proves it unsigned (harden-dnssec-stripped).
    # Signatures are checked against the machine's clock, the one the
    # signer used (no val-override-date).
    val-permissive-mode: no
    harden-dnssec-stripped: yes
    val-log-level: 2
`, s.dir, port, port, filepath.Join(s.dir, "server.key"), filepath.Join(s.dir, "server.pem"), modules)
	if len(anchors) > 0 {
		file, err := s.writeAnchors(anchors)
		if err != nil {
			return err
		}
		fmt.Fprintf(&conf, "    trust-anchor-file: %q\n", file)
	}
	tops := topApexes(s.Apexes)
	// Nothing is ever sent off the machine: names outside the zones are
	// refused, unless the zones include the root, which then answers them
	// (NXDOMAIN for top-level domains it does not delegate, as the real
	// root does).
	if !slices.Contains(tops, ".") {
		conf.WriteString("    local-zone: \".\" refuse\n")
	}
	for _, top := range tops {
		fmt.Fprintf(&conf, "    local-zone: %q transparent\n", top)
	}
	// Unbound answers some names itself (its default local zones); those
	// inside the zones served must be asked of Knot like the others.
	for _, d := range unboundDefaults() {
		if slices.Contains(tops, d) {
			continue
		}
		for _, apex := range s.Apexes {
			if dns.IsSubDomain(apex, d) {
				fmt.Fprintf(&conf, "    local-zone: %q nodefault\n", d)
				break
			}
		}
	}
	// A stub for every zone, not only the top ones: Unbound then knows
	// each zone cut, and a DS (or, validating, an SOA) query for a name
	// inside a child zone goes to that zone. With stubs for the top zones
	// alone, Unbound 1.17 sent such queries in circles until they timed out.
	for _, apex := range s.Apexes {
		fmt.Fprintf(&conf, "stub-zone:\n    name: %q\n    stub-addr: 127.0.0.1@%d\n", apex, knotPort)
	}
	if len(drop) > 0 {
		rpz := "$ORIGIN " + rpzZone + "\n@ 60 SOA localhost. hostmaster.localhost. 1 60 60 60 60\n@ 60 NS localhost.\n"
		for _, name := range drop {
			rpz += strings.TrimSuffix(dns.Fqdn(name), ".") + "." + rpzZone + " 60 CNAME rpz-drop.\n"
		}
		file := filepath.Join(s.dir, "rpz.zone")
		if err := os.WriteFile(file, []byte(rpz), 0o600); err != nil {
			return fmt.Errorf("realdns: %w", err)
		}
		fmt.Fprintf(&conf, "rpz:\n    name: %q\n    zonefile: %q\n", rpzZone, file)
	}
	conf.WriteString("remote-control:\n    control-enable: no\n")
	path := filepath.Join(s.dir, "unbound.conf")
	if err := os.WriteFile(path, []byte(conf.String()), 0o600); err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	if err := s.run("unbound", "-d", "-c", path); err != nil {
		return err
	}
	pool := x509.NewCertPool()
	ca, err := os.ReadFile(s.CAFile)
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	pool.AppendCertsFromPEM(ca)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 2 * time.Second}
	return s.wait("unbound", func() error {
		m := new(dns.Msg).SetQuestion(tops[0], dns.TypeSOA)
		wire, err := m.Pack()
		if err != nil {
			return err
		}
		resp, err := client.Post(s.URL, "application/dns-message", bytes.NewReader(wire))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("HTTP %s", resp.Status)
		}
		r := new(dns.Msg)
		if err := r.Unpack(body); err != nil {
			return err
		}
		if r.Rcode != dns.RcodeSuccess || len(r.Answer) == 0 {
			return fmt.Errorf("SOA %s: %s", tops[0], dns.RcodeToString[r.Rcode])
		}
		return nil
	})
}

// unboundDefaults are the local zones Unbound answers by default
// (unbound.conf(5) of Unbound 1.17, "default zones": localhost, the
// special-use domains, and the AS112 reverse zones of private and reserved
// addresses, the documentation ranges included).
func unboundDefaults() []string {
	zones := []string{
		"localhost.", "127.in-addr.arpa.", strings.Repeat("0.", 31) + "1.ip6.arpa.",
		"home.arpa.", "onion.", "test.", "invalid.",
		"10.in-addr.arpa.", "168.192.in-addr.arpa.",
		"0.in-addr.arpa.", "254.169.in-addr.arpa.", "2.0.192.in-addr.arpa.", "100.51.198.in-addr.arpa.",
		"113.0.203.in-addr.arpa.", "255.255.255.255.in-addr.arpa.",
		strings.Repeat("0.", 32) + "ip6.arpa.", "d.f.ip6.arpa.", "8.b.d.0.1.0.0.2.ip6.arpa.",
	}
	for i := 16; i <= 31; i++ {
		zones = append(zones, fmt.Sprintf("%d.172.in-addr.arpa.", i))
	}
	for i := 64; i <= 127; i++ {
		zones = append(zones, fmt.Sprintf("%d.100.in-addr.arpa.", i))
	}
	for _, c := range "89ab" {
		zones = append(zones, fmt.Sprintf("%c.e.f.ip6.arpa.", c))
	}
	return zones
}

// run starts a server, its output kept for Logs.
func (s *Servers) run(name string, args ...string) error {
	path, err := lookPath(name)
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	p := &proc{name: name, log: filepath.Join(s.dir, name+".log"), done: make(chan struct{})}
	log, err := os.Create(p.log)
	if err != nil {
		return fmt.Errorf("realdns: %w", err)
	}
	defer log.Close() // the child has its own descriptor
	p.cmd = exec.Command(path, args...)
	p.cmd.Stdout, p.cmd.Stderr = log, log
	DieWithParent(p.cmd)
	if err := p.cmd.Start(); err != nil {
		return fmt.Errorf("realdns: %s: %w", name, err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	s.procs = append(s.procs, p)
	return nil
}

// wait polls ready until it succeeds, the server exits or 15 s pass.
func (s *Servers) wait(name string, ready func() error) error {
	p := s.procs[len(s.procs)-1]
	deadline := time.Now().Add(15 * time.Second)
	for {
		err := ready()
		if err == nil {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("realdns: %s exited (%v):\n%s", name, p.cmd.ProcessState, p.output())
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("realdns: %s not answering after 15 s: %v\n%s", name, err, p.output())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// DieWithParent makes cmd, not started yet, get killed when the process
// starting it dies (on Linux; elsewhere it does nothing): for the servers
// of tests, which must not outlive a test that dies.
func DieWithParent(cmd *exec.Cmd) { cmd.SysProcAttr = dieWithParent() }

func (p *proc) stop() error {
	select {
	case <-p.done:
		return nil
	default:
	}
	p.cmd.Process.Signal(terminate)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
	return nil
}

// freePort returns a loopback port that was free (TCP and UDP) a moment ago.
func freePort() (int, error) {
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, fmt.Errorf("realdns: %w", err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		pc, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			continue
		}
		pc.Close()
		return port, nil
	}
	return 0, errors.New("realdns: no free loopback port")
}
