package inspect

import (
	"slices"
	"testing"
)

func TestWalkNames(t *testing.T) {
	tests := map[string]struct {
		domain string
		want   []string
	}{
		"two labels":   {"example.com", []string{"example.com", "com"}},
		"four labels":  {"a.mail.example.com", []string{"a.mail.example.com", "mail.example.com", "example.com", "com"}},
		"eight labels": {"a.b.c.d.e.f.example.com", []string{"a.b.c.d.e.f.example.com", "b.c.d.e.f.example.com", "c.d.e.f.example.com", "d.e.f.example.com", "e.f.example.com", "f.example.com", "example.com", "com"}},
		// RFC 9989 §4.10: the example of 13 labels gives eight queries.
		"rfc example": {"a.b.c.d.e.f.g.h.i.j.mail.example.com", []string{"a.b.c.d.e.f.g.h.i.j.mail.example.com", "g.h.i.j.mail.example.com", "h.i.j.mail.example.com", "i.j.mail.example.com", "j.mail.example.com", "mail.example.com", "example.com", "com"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := walkNames(tc.domain); !slices.Equal(got, tc.want) {
				t.Errorf("walkNames(%q) = %q, want %q", tc.domain, got, tc.want)
			}
		})
	}
}

func TestOneBelow(t *testing.T) {
	if got := oneBelow("a.mail.example.com", "com"); got != "example.com" {
		t.Errorf("oneBelow = %q", got)
	}
	if got := oneBelow("giant.bank.example", "bank.example"); got != "giant.bank.example" {
		t.Errorf("oneBelow = %q", got)
	}
}
