package realdns

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/miekg/dns"
)

func writeZones(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	parentZone = "$ORIGIN t.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\nns A 192.0.2.53\nchild NS ns.t.\n"
	childZone  = "$ORIGIN child.t.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\n@ TXT \"v=spf1 -all\"\n"
)

// ask sends one DoH query (RFC 8484 POST) to s, trusting only its CA.
func ask(t *testing.T, s *Servers, name string, qtype uint16) *dns.Msg {
	t.Helper()
	m, err := exchange(s, name, qtype, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func exchange(s *Servers, name string, qtype uint16, timeout time.Duration) (*dns.Msg, error) {
	return exchangeMsg(s, new(dns.Msg).SetQuestion(name, qtype), timeout)
}

// askAD sends a query with the AD bit set and EDNS0 without DO, as
// doh.Client does: the resolver says in the AD bit of its answer whether
// it validated it (RFC 6840 §5.7), and sends no RRSIG records.
func askAD(t *testing.T, s *Servers, name string, qtype uint16) *dns.Msg {
	t.Helper()
	q := new(dns.Msg).SetQuestion(name, qtype)
	q.AuthenticatedData = true
	q.SetEdns0(1232, false)
	m, err := exchangeMsg(s, q, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func exchangeMsg(s *Servers, q *dns.Msg, timeout time.Duration) (*dns.Msg, error) {
	ca, err := os.ReadFile(s.CAFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}
	defer tr.CloseIdleConnections()
	wire, err := q.Pack()
	if err != nil {
		return nil, err
	}
	resp, err := (&http.Client{Transport: tr, Timeout: timeout}).Post(s.URL, "application/dns-message", bytes.NewReader(wire))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.ProtoMajor != 2 {
		return nil, fmt.Errorf("DoH over %s, want HTTP/2", resp.Proto)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	m := new(dns.Msg)
	if err := m.Unpack(body); err != nil {
		return nil, fmt.Errorf("HTTP %s, body %q: %v", resp.Status, body, err)
	}
	return m, nil
}

func TestStart(t *testing.T) {
	s, err := Start(writeZones(t, map[string]string{"t.zone": parentZone, "child.zone": childZone}), Options{Tmp: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := strings.Join(s.Apexes, " "); got != "child.t. t." {
		t.Errorf("Apexes = %s", got)
	}
	for _, tc := range []struct {
		name  string
		qtype uint16
		rcode int
		want  string
	}{
		{"child.t.", dns.TypeTXT, dns.RcodeSuccess, "v=spf1 -all"},
		{"nothing.child.t.", dns.TypeTXT, dns.RcodeNameError, ""},
		{"nothing.t.", dns.TypeA, dns.RcodeNameError, ""},
		// Names outside the zones are refused by Unbound itself: nothing
		// leaves the machine.
		{"example.com.", dns.TypeA, dns.RcodeRefused, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := ask(t, s, tc.name, tc.qtype)
			if m.Rcode != tc.rcode {
				t.Errorf("rcode %s, want %s\n%s", dns.RcodeToString[m.Rcode], dns.RcodeToString[tc.rcode], s.Logs())
			}
			if tc.want != "" && (len(m.Answer) != 1 || !strings.Contains(m.Answer[0].String(), tc.want)) {
				t.Errorf("answer %v, want %q", m.Answer, tc.want)
			}
		})
	}
	// An independent DoH client, kdig (knot-dnsutils), trusting the test
	// CA only, gets the same answer.
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	kdig, err := exec.Command("kdig", "@"+u.Hostname(), "-p", u.Port(), "+https="+u.Path, "+tls-ca="+s.CAFile,
		"+tls-hostname=127.0.0.1", "+short", "child.t.", "TXT").CombinedOutput()
	if err != nil || strings.TrimSpace(string(kdig)) != `"v=spf1 -all"` {
		t.Errorf("kdig +https: %v: %s", err, kdig)
	}
	env := s.Env([]string{"A=1", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"})
	if strings.Join(env, " ") != "A=1 SSL_CERT_FILE="+s.CAFile {
		t.Errorf("Env = %v: SSL_CERT_FILE must be replaced by the test CA alone", env)
	}
	if len(s.SPKI) != 44 {
		t.Errorf("SPKI = %q, want base64 of a SHA-256", s.SPKI)
	}
	procs := s.procs
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range procs {
		select {
		case <-p.done:
		default:
			t.Errorf("%s still running after Close", p.name)
		}
	}
}

// With the root zone among the zones, Unbound sends every name to Knot:
// names under undelegated top-level domains do not exist, as in live DNS.
func TestStartWithRoot(t *testing.T) {
	root := "$ORIGIN .\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\nt. NS ns.t.\nns.t. A 192.0.2.53\n"
	s, err := Start(writeZones(t, map[string]string{"root.zone": root, "t.zone": parentZone, "child.zone": childZone}), Options{Tmp: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m := ask(t, s, "example.com.", dns.TypeA); m.Rcode != dns.RcodeNameError {
		t.Errorf("example.com.: %s, want NXDOMAIN from the root zone\n%s", dns.RcodeToString[m.Rcode], s.Logs())
	}
	if m := ask(t, s, "child.t.", dns.TypeTXT); m.Rcode != dns.RcodeSuccess || len(m.Answer) != 1 {
		t.Errorf("child.t.: %s %v", dns.RcodeToString[m.Rcode], m.Answer)
	}
}

// Names Unbound answers itself by default (its AS112 zones: private and
// documentation addresses) are asked of Knot when the zones hold them.
func TestUnboundDefaultZones(t *testing.T) {
	arpa := "$ORIGIN in-addr.arpa.\n$TTL 60\n@ SOA ns.t. h.t. 1 60 60 60 60\n@ NS ns.t.\n" +
		"41.218.168.192 PTR mx.t.\n1.2.0.192 PTR mx.t.\n"
	s, err := Start(writeZones(t, map[string]string{"arpa.zone": arpa}), Options{Tmp: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, name := range []string{"41.218.168.192.in-addr.arpa.", "1.2.0.192.in-addr.arpa."} {
		if m := ask(t, s, name, dns.TypePTR); m.Rcode != dns.RcodeSuccess || len(m.Answer) != 1 {
			t.Errorf("%s: %s %v, want Knot's PTR", name, dns.RcodeToString[m.Rcode], m.Answer)
		}
	}
}

func TestStartRefusesUnrealZones(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no NS at the apex", map[string]string{"t.zone": "$ORIGIN t.\n@ 60 SOA ns.t. h.t. 1 60 60 60 60\n"}, "no NS record at its apex"},
		{"no delegation", map[string]string{"t.zone": strings.Replace(parentZone, "child NS ns.t.\n", "", 1), "child.zone": childZone}, "not delegated from its parent zone t."},
		{"two zones in a file", map[string]string{"both.zone": parentZone + childZone}, "2 SOA records"},
		{"no delegation from the root", map[string]string{"root.zone": "$ORIGIN .\n@ 60 SOA ns.t. h.t. 1 60 60 60 60\n@ 60 NS ns.t.\n", "t.zone": parentZone, "child.zone": childZone}, "zone t. is not delegated from its parent zone ."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Start(writeZones(t, tc.files), Options{Tmp: t.TempDir()})
			if err == nil {
				s.Close()
				t.Fatal("started")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q", err, tc.want)
			}
		})
	}
}

// The project's fixtures are real zones.
func TestFixturesAreRealZones(t *testing.T) {
	files, err := filepath.Glob("../../e2e/zones/*.zone")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	zones := map[string]zoneFile{}
	for _, f := range files {
		z, err := readZone(f)
		if err != nil {
			t.Fatal(err)
		}
		zones[z.apex] = z
	}
	if err := checkReal(zones); err != nil {
		t.Error(err)
	}
}

// A dropped name is never answered; the names below it are answered as
// usual.
func TestDrop(t *testing.T) {
	s, err := Start(writeZones(t, map[string]string{"t.zone": parentZone, "child.zone": childZone}), Options{Tmp: t.TempDir(), Drop: []string{"child.t"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m := ask(t, s, "x.child.t.", dns.TypeTXT); m.Rcode != dns.RcodeNameError {
		t.Errorf("x.child.t.: %s, want NXDOMAIN\n%s", dns.RcodeToString[m.Rcode], s.Logs())
	}
	m, err := exchange(s, "child.t.", dns.TypeTXT, 2*time.Second)
	if err == nil {
		t.Fatalf("child.t. answered %s, want no answer", dns.RcodeToString[m.Rcode])
	}
	t.Logf("child.t.: %v", err)
}

// TestMain, run with REALDNS_HELPER_ZONES, is not the tests but the helper
// TestServersDieWithTheTest runs: it starts servers on those zones, prints
// their process ids and waits to be killed.
func TestMain(m *testing.M) {
	dir := os.Getenv("REALDNS_HELPER_ZONES")
	if dir == "" {
		os.Exit(m.Run())
	}
	s, err := Start(dir, Options{Tmp: os.Getenv("REALDNS_HELPER_TMP")}) // the test's, which removes it
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, p := range s.procs {
		fmt.Println("pid", p.cmd.Process.Pid)
	}
	select {}
}

// A test that dies (killed, here) takes its servers with it.
func TestServersDieWithTheTest(t *testing.T) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "REALDNS_HELPER_ZONES="+writeZones(t, map[string]string{"t.zone": parentZone}), "REALDNS_HELPER_TMP="+t.TempDir())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pids []int
	lines := bufio.NewScanner(out)
	for len(pids) < 2 && lines.Scan() {
		var pid int
		if _, err := fmt.Sscanf(lines.Text(), "pid %d", &pid); err == nil {
			pids = append(pids, pid)
		}
	}
	if len(pids) != 2 {
		cmd.Process.Kill()
		t.Fatalf("the helper started %d servers", len(pids))
	}
	cmd.Process.Kill()
	cmd.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for _, pid := range pids {
		for syscall.Kill(pid, 0) == nil {
			if time.Now().After(deadline) {
				t.Fatalf("server %d still running after the test that started it was killed", pid)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
