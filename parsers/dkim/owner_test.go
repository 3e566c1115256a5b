package dkim

import (
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestOwner pins where verifiers look for a key (RFC 6376 §3.6.2.1:
// selector._domainkey.domain) and that the finding for another name says
// what is missing: the _domainkey label, the selector before it, or the
// domain after it.
func TestOwner(t *testing.T) {
	const key = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
	tests := map[string]struct {
		owner    string
		sel, dom string   // facts when the owner is a key's name
		says     []string // in the dkim.owner.not_domainkey message, when it fires
	}{
		"selector":              {owner: "s1._domainkey.example.com.", sel: "s1", dom: "example.com"},
		"two-label selector":    {owner: "a.b._domainkey.example.com.", sel: "a.b", dom: "example.com"},
		"label case":            {owner: "s1._DomainKey.example.com.", sel: "s1", dom: "example.com"},
		"no _domainkey":         {owner: "s1.example.com.", says: []string{`no "_domainkey" label`}},
		"no selector":           {owner: "_domainkey.example.com.", says: []string{"no selector"}},
		"nothing after":         {owner: "s1._domainkey.", says: []string{"no domain"}},
		"at _dmarc of a domain": {owner: "_dmarc.example.com.", says: []string{`no "_domainkey" label`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rec := Explain(key, explain.Context{Owner: tc.owner})
			f := rec.Facts.(*Facts)
			if f.Selector != tc.sel || f.Domain != tc.dom {
				t.Errorf("selector, domain = %q, %q; want %q, %q", f.Selector, f.Domain, tc.sel, tc.dom)
			}
			var msg string
			for _, fd := range rec.Findings {
				if fd.Code == CodeOwner {
					msg = fd.Message
				}
			}
			if (msg != "") != (tc.says != nil) {
				t.Fatalf("%s finding %q, want one: %v", CodeOwner, msg, tc.says != nil)
			}
			for _, s := range tc.says {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
		})
	}
}
