package mtasts

import "testing"

func TestCovers(t *testing.T) {
	for _, c := range []struct {
		pattern, host string
		want          bool
	}{
		{"mail.example.com", "mail.example.com", true},
		{"mail.example.com", "mail.example.com.", true},
		{"mail.example.com.", "mail.example.com", true},
		{"MAIL.Example.COM", "mail.example.com.", true},
		{"mail.example.com", "mx.example.com", false},
		{"mail.example.com", "a.mail.example.com", false},
		{"*.example.com", "mail.example.com", true},
		{"*.example.com", "MAIL.EXAMPLE.COM.", true},
		{"*.example.com", "example.com", false},
		{"*.example.com", "foo.bar.example.com", false},
		{"*.example.com", ".example.com", false},
		{"*.example.com", "mail.example.net", false},
		{"*.example.com", "mailexample.com", false},
		{"*.mail.example.com", "a.mail.example.com", true},
		{"*", "mail", false},
		{"", "", false},
		{"mail.example.com", "", false},
	} {
		if got := Covers(c.pattern, c.host); got != c.want {
			t.Errorf("Covers(%q, %q) = %v, want %v", c.pattern, c.host, got, c.want)
		}
	}
}

func TestCovering(t *testing.T) {
	patterns := []string{"mail.example.com", "*.example.net", "*.mx.example.net"}
	for host, want := range map[string]string{
		"mail.example.com.":   "mail.example.com",
		"a.example.net.":      "*.example.net",
		"a.mx.example.net.":   "*.mx.example.net",
		"example.net.":        "",
		"b.a.mx.example.net.": "",
	} {
		got, ok := Covering(patterns, host)
		if got != want || ok != (want != "") {
			t.Errorf("Covering(%q) = %q, %v, want %q", host, got, ok, want)
		}
	}
}
