package inspect_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
)

func TestTarget(t *testing.T) {
	for _, tc := range []struct{ in, domain, from string }{
		{"example.com", "example.com", inspect.FromDomain},
		{" Example.COM. ", "example.com", inspect.FromDomain},
		{"www.example.com", "www.example.com", inspect.FromDomain}, // typed as a domain: as it is
		{"bücher.example", "xn--bcher-kva.example", inspect.FromDomain},
		{"postmaster@example.com", "example.com", inspect.FromAddress},
		{"Jane Doe <jane@Mail.Example.org>", "mail.example.org", inspect.FromAddress},
		{`"a@b"@example.net`, "example.net", inspect.FromAddress}, // the last @ (RFC 5321 §4.1.2 quoted local part)
		{"mailto:jane@example.com?subject=hello", "example.com", inspect.FromAddress},
		{"MAILTO:jane@example.com", "example.com", inspect.FromAddress},
		{"jane@bücher.example", "xn--bcher-kva.example", inspect.FromAddress},
		{"https://www.example.com/contact?x=1#top", "example.com", inspect.FromURL},
		{"http://example.com:8080/", "example.com", inspect.FromURL},
		{"https://user@shop.example.com/", "shop.example.com", inspect.FromURL},
		{"https://www.co.uk/", "www.co.uk", inspect.FromURL}, // co.uk is a public suffix
		{"https://www.localhost/", "www.localhost", inspect.FromURL},
		{"www.example.com/about", "example.com", inspect.FromURL},
		{"https://WWW.Example.com", "example.com", inspect.FromURL},
	} {
		domain, from, err := inspect.Target(tc.in)
		if err != nil || domain != tc.domain || from != tc.from {
			t.Errorf("Target(%q) = %q, %q, %v; want %q, %q", tc.in, domain, from, err, tc.domain, tc.from)
		}
	}
}

func TestTargetErrors(t *testing.T) {
	for _, in := range []string{
		"", "jane@", "jane@[192.0.2.1]", "https:///path", "https://192.0.2.1/", "https://[2001:db8::1]/",
		"mailto:", "ex ample.com", "jane@exa mple.com",
	} {
		if d, from, err := inspect.Target(in); !errors.Is(err, inspect.ErrDomain) {
			t.Errorf("Target(%q) = %q, %q, %v; want an ErrDomain", in, d, from, err)
		}
	}
}

func FuzzTarget(f *testing.F) {
	for _, s := range []string{"postmaster@example.com", "https://www.example.com/x", "Jane <j@example.org>", "mailto:a@b.example?x", "www.example.com/a", "example.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		domain, _, err := inspect.Target(in)
		if err != nil {
			if !errors.Is(err, inspect.ErrDomain) {
				t.Fatalf("Target(%q): an error that is no ErrDomain: %v", in, err)
			}
			return
		}
		// What Target returns is a domain Normalize keeps as it is.
		if n, err := inspect.Normalize(domain); err != nil || n != domain {
			t.Fatalf("Target(%q) = %q, which Normalize makes %q, %v", in, domain, n, err)
		}
	})
}

// TestDomainFromAddress: a report asked with a mail address or a URL is
// the report of its domain, and says how the domain was read.
func TestDomainFromAddress(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	plain := inspect.Domain(context.Background(), srv.client(t), "news.corp.test", inspect.Options{NoProbe: true})
	for in, from := range map[string]string{
		"Postmaster <postmaster@news.corp.test>": inspect.FromAddress,
		"https://www.news.corp.test/contact":     inspect.FromURL,
	} {
		r := inspect.Domain(context.Background(), srv.client(t), in, inspect.Options{NoProbe: true})
		if r.Error != "" || r.Domain != "news.corp.test" || r.Input != in || r.From != from {
			t.Errorf("%q: domain %q, input %q, from %q, error %q", in, r.Domain, r.Input, r.From, r.Error)
		}
		if len(r.Parts) != len(plain.Parts) || r.SPF.DNSLookups != plain.SPF.DNSLookups || len(r.MX.Hosts) != len(plain.MX.Hosts) {
			t.Errorf("%q: not the report of news.corp.test: parts %+v", in, r.Parts)
		}
		b, _ := json.Marshal(r)
		if !strings.Contains(string(b), `"from":"`+from+`"`) {
			t.Errorf("%q: the JSON does not say from: %s", in, b[:200])
		}
	}
	if b, _ := json.Marshal(plain); strings.Contains(string(b), `"from":`) {
		t.Error(`a domain's report has "from"`)
	}
}
