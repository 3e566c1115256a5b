package inspect

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/doh"
)

// TestErrorKindsLabelled checks that every kind a DNSError is given in the
// package's code has a label: the kinds written as literals (Kind: "limit")
// and the kinds dnsError gives each error it knows.
func TestErrorKindsLabelled(t *testing.T) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{} // kind → where
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			if k, ok := kv.Key.(*ast.Ident); !ok || (k.Name != "Kind" && k.Name != "kind") {
				return true
			}
			if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				kinds[s] = fset.Position(lit.Pos()).String()
			}
			return true
		})
	}
	for _, err := range []error{doh.ErrRcode, doh.ErrTimeout, doh.ErrHTTPStatus, doh.ErrMalformed, doh.ErrTruncated,
		doh.ErrRedirect, doh.ErrName, doh.ErrBudget, ErrCNAMEChain, errUnknown} {
		kinds[dnsError("mx", "a.test", 1, err).Kind] = "dnsError(" + err.Error() + ")"
	}
	if len(kinds) < 10 {
		t.Fatalf("found only %d kinds (%v): the scan misses them", len(kinds), kinds)
	}
	for k, where := range kinds {
		if errorKinds[k] == "" {
			t.Errorf("kind %q (%s) has no label in errorKinds", k, where)
		}
	}
	// The kinds of a policy fetch (the MTA-STS contract).
	for _, k := range []string{"tls", "redirect", "content_type", "too_large", "timeout", "http", "refused", "transport", "unavailable"} {
		if errorKinds[k] == "" {
			t.Errorf("policy fetch kind %q has no label", k)
		}
	}
}

var errUnknown = errorString("an error of no known kind")

type errorString string

func (e errorString) Error() string { return string(e) }

// TestKindLabelJSON checks that the JSON of a DNSError has its label, and
// its fields as before.
func TestKindLabelJSON(t *testing.T) {
	b, err := json.Marshal(DNSError{Part: "dkim", Name: "s._domainkey.a.test.", Type: "TXT", Kind: "timeout", Message: "m", Optional: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"part":"dkim","name":"s._domainkey.a.test.","type":"TXT","kind":"timeout","message":"m","optional":true,"kind_label":"timed out"}`
	if string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	var back DNSError
	if err := json.Unmarshal(b, &back); err != nil || back.Kind != "timeout" || !back.Optional {
		t.Errorf("read back %+v, %v", back, err)
	}
}
