package main

import (
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestExplainEngineLinks keeps what only lookups need out of the first
// engine: the packages of live lookups, the DoH client, net/http, miekg/dns
// and the crypto packages; and the packages it can do without: fmt,
// reflect, os, time, math/big, encoding/asn1, net/netip. The page's first breakdown waits for every byte
// of this build.
func TestExplainEngineLinks(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs natively: it needs the go command")
	}
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	has := func(pkg string) bool { return slices.Contains(deps, pkg) }
	if !has("github.com/mxplain/mxplain/parsers") {
		t.Fatalf("go list -deps does not name the parsers: the check would not see what the engine runs\n%s", out)
	}
	for _, pkg := range []string{
		"github.com/mxplain/mxplain/inspect",
		"github.com/mxplain/mxplain/doh",
		"encoding/json",                                 // internal/jsonw and AppendJSON instead
		"net/http",                                      // through x/net/publicsuffix's import of net/http/cookiejar: internal/psl instead
		"github.com/miekg/dns",                          // internal/dnsname, internal/rrtype and internal/zonecheck/plain instead
		"github.com/mxplain/mxplain/internal/zonecheck", // miekg/dns's verdict: the lookup engine's
		"crypto/tls",                                    // through miekg/dns
		"crypto/rsa",                                    // dkim's own key types instead
		"crypto/ed25519",
		"crypto",        // crypto.PublicKey: any instead
		"encoding/asn1", // dkim's own DER reader instead
		"math/big",      // dkim's RSA modulus as bytes, spf's counts in a uint64
		"fmt",           // strconv and internal/numtext instead; it brings reflect and os
		"reflect",
		"os",
		"embed", // internal/psl's list as a constant instead; it brings io/fs and time
		"time",
		"net/netip", // internal/ipaddr instead; its zones bring unique
		"unique",    // its hash-trie map and runtime hooks, through net/netip
	} {
		if has(pkg) {
			t.Errorf("the explain engine links %s", pkg)
		}
	}
}
