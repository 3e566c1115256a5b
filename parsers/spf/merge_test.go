package spf

import "testing"

func TestMerge(t *testing.T) {
	tests := map[string]struct {
		values []string
		want   string
		ok     bool
	}{
		"a second provider": {[]string{"v=spf1 include:_spf.google.com ~all", "v=spf1 include:sendgrid.net ~all"},
			"v=spf1 include:_spf.google.com include:sendgrid.net ~all", true},
		"duplicates once, qualifier and case aside": {[]string{"v=spf1 mx +a ip4:192.0.2.1 -all", "v=spf1 a MX ip4:198.51.100.0/24 -all"},
			"v=spf1 mx +a ip4:192.0.2.1 ip4:198.51.100.0/24 -all", true},
		"the least strict all":     {[]string{"v=spf1 mx -all", "v=spf1 a ~all"}, "v=spf1 mx a ~all", true},
		"no all counts as neutral": {[]string{"v=spf1 mx -all", "v=spf1 a"}, "v=spf1 mx a ?all", true},
		"no all anywhere":          {[]string{"v=spf1 mx", "v=spf1 a"}, "v=spf1 mx a", true},
		"unreachable terms left out": {[]string{"v=spf1 -all include:_spf.example.net", "v=spf1 mx -all"},
			"v=spf1 mx -all", true},
		"one redirect kept last": {[]string{"v=spf1 redirect=_spf.example.net", "v=spf1 ip4:192.0.2.1"},
			"v=spf1 ip4:192.0.2.1 redirect=_spf.example.net", true},
		"the same redirect twice": {[]string{"v=spf1 a redirect=_spf.example.net", "v=spf1 mx redirect=_SPF.example.net"},
			"v=spf1 a mx redirect=_spf.example.net", true},
		"modifiers once": {[]string{"v=spf1 a -all exp=why.example.com ra=postmaster", "v=spf1 mx -all exp=why.example.com ra=postmaster"},
			"v=spf1 a mx -all exp=why.example.com ra=postmaster", true},
		"one record":               {[]string{"v=spf1 mx -all"}, "v=spf1 mx -all", true},
		"none":                     {nil, "", false},
		"different redirects":      {[]string{"v=spf1 redirect=a.example.net", "v=spf1 redirect=b.example.net"}, "", false},
		"redirect beside an all":   {[]string{"v=spf1 redirect=_spf.example.net", "v=spf1 mx -all"}, "", false},
		"different exp":            {[]string{"v=spf1 -all exp=a.example.com", "v=spf1 -all exp=b.example.com"}, "", false},
		"one term, two qualifiers": {[]string{"v=spf1 mx -all", "v=spf1 -mx ~all"}, "", false},
		"a broken record":          {[]string{"v=spf1 mx -all", "v=spf1 ip4:abc.d.efg.h -all"}, "", false},
		"not an SPF record":        {[]string{"v=spf1 mx -all", "spf1 a -all"}, "", false},
		"over the lookup limit": {[]string{"v=spf1 include:a.example include:b.example include:c.example include:d.example include:e.example -all",
			"v=spf1 include:f.example include:g.example include:h.example include:i.example include:j.example include:k.example -all"}, "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := Merge(tc.values)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Merge(%q) = %q, %v; want %q, %v", tc.values, got, ok, tc.want, tc.ok)
			}
		})
	}
}
