package spfsuite

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestVerify(t *testing.T) {
	read := func(src string) Test {
		var tc Test
		if err := yaml.Unmarshal([]byte(src), &tc); err != nil {
			t.Fatal(err)
		}
		return tc
	}
	for _, c := range []struct {
		name, test, result, exp string
		problem, note           string
	}{
		{"x", "result: pass", "pass", "", "", ""},
		{"x", "result: pass", "fail", "", "result fail, want [pass]", ""},
		{"x", "result: [fail, permerror]", "permerror", "", "", ""},
		{"x", "result: fail\nexplanation: DEFAULT", "fail", "", "", ""},
		{"x", "result: fail\nexplanation: DEFAULT", "fail", "why", `explanation "why", want ""`, ""},
		{"x", "result: fail\nexplanation: AbC", "fail", "abc", `explanation "abc", want "AbC"`, ""},
		{"v-macro-ip6", "result: fail\nexplanation: AbC", "fail", "abc", "", "only ignoring case"},
	} {
		t.Run(c.test+"/"+c.result, func(t *testing.T) {
			problems, notes := read(c.test).Verify(c.name, c.result, c.exp)
			if got := strings.Join(problems, "; "); c.problem == "" && got != "" || !strings.Contains(got, c.problem) {
				t.Errorf("problems %q, want %q", got, c.problem)
			}
			if got := strings.Join(notes, "; "); c.note == "" && got != "" || !strings.Contains(got, c.note) {
				t.Errorf("notes %q, want %q", got, c.note)
			}
		})
	}
}

func TestDomain(t *testing.T) {
	for _, c := range []struct{ mailfrom, helo, want string }{
		{"foo@e1.example.com", "h.example.net", "e1.example.com"},
		{"", "mail.example.net", "mail.example.net"},
		{"a@b@c.example", "", "c.example"},
	} {
		if got := (Test{MailFrom: c.mailfrom, Helo: c.helo}).Domain(); got != c.want {
			t.Errorf("Domain(%q, %q) = %q, want %q", c.mailfrom, c.helo, got, c.want)
		}
	}
}
