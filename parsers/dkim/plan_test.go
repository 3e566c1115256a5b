package dkim

import (
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// TestRotatePlan checks which records get the plan to replace their key,
// its title and the record each of its steps publishes.
func TestRotatePlan(t *testing.T) {
	steps := []string{"v=DKIM1; k=rsa; p={{rsa-public-key}}", "v=DKIM1; k=ed25519; p={{public-key}}", "", "", "v=DKIM1; p=", ""}
	tests := map[string]struct {
		value string // "RSA…" names a test key (testdata/keys)
		title string // "" for no plan
	}{
		"rsa512":   {"v=DKIM1; k=rsa; p=RSA512", "From the 512-bit RSA key to a new key under a new selector, in stages"},
		"rsa1024":  {"v=DKIM1; p=RSA1024", "From the 1024-bit RSA key to a new key under a new selector, in stages"},
		"rsa4608":  {"v=DKIM1; k=rsa; p=RSA4608", "From the 4608-bit RSA key to a new key under a new selector, in stages"},
		"exponent": {"", "From the RSA key with exponent 65536 to a new key under a new selector, in stages"},
		// A k= that names the wrong type does not make the key sound.
		"rsa1024 k=ed25519": {"v=DKIM1; k=ed25519; p=RSA1024", "From the 1024-bit RSA key to a new key under a new selector, in stages"},
		"rsa2048":           {"v=DKIM1; k=rsa; p=RSA2048", ""},
		"rsa4096":           {"v=DKIM1; k=rsa; p=RSA4096", ""},
		"ed25519":           {"v=DKIM1; k=ed25519; p=ED", ""},
		// h=sha1 alone: the key is sound; h=sha256 is the fix.
		"sha1 only": {"v=DKIM1; h=sha1; p=RSA2048", ""},
		// Revoked: already the plan's revoke step.
		"revoked":     {"v=DKIM1; p=", ""},
		"pem":         {"v=DKIM1; p=-----BEGIN PUBLIC KEY-----RSA1024-----END PUBLIC KEY-----", ""}, // the fix comes first
		"placeholder": {"v=DKIM1; k=rsa; p=(your key)", ""},
		"truncated":   {"v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3oaO9R9iGHpZ", ""},
	}
	keys := strings.NewReplacer("RSA512", readKey(t, "rsa512.spki"), "RSA1024", readKey(t, "rsa1024.spki"),
		"RSA2048", readKey(t, "rsa2048.spki"), "RSA4096", readKey(t, "rsa4096.spki"), "RSA4608", readKey(t, "rsa4608.spki"),
		"ED", readKey(t, "ed25519.raw"))
	_, even := readCase(t, "testdata/records/rsa-exponent-even.txt")
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			value := keys.Replace(tt.value)
			if name == "exponent" {
				value = even
			}
			rec := Explain(value, explain.Context{Owner: "old._domainkey.example.com."})
			var plans []explain.Plan
			for _, p := range rec.Plans {
				if p.Code == PlanRotate {
					plans = append(plans, p)
				}
			}
			if tt.title == "" {
				if len(plans) > 0 {
					t.Fatalf("a plan %q", plans[0].Title)
				}
				return
			}
			if len(plans) != 1 {
				t.Fatalf("%d rotate plans, want 1", len(plans))
			}
			p := plans[0]
			if p.Title != tt.title || p.Ref != "RFC 6376 §3.1" {
				t.Errorf("title %q (%s), want %q", p.Title, p.Ref, tt.title)
			}
			var got []string
			for _, s := range p.Steps {
				if s.Text == "" || strings.Contains(s.Text, "%") {
					t.Errorf("step text %q", s.Text)
				}
				got = append(got, s.Value)
			}
			if !slices.Equal(got, steps) {
				t.Errorf("steps\n got %q\nwant %q", got, steps)
			}
			for _, want := range []string{"{{selector}}._domainkey.example.com", "the old selector (old)"} {
				if !strings.Contains(p.Steps[0].Text, want) {
					t.Errorf("first step lacks %q: %s", want, p.Steps[0].Text)
				}
			}
		})
	}
}

// TestRotatePlanRecords checks that the records the plan publishes, slots
// filled, are key records with no error and no plan of their own: the new
// keys are ones to keep, the revoked one is revoked.
func TestRotatePlanRecords(t *testing.T) {
	rec := Explain("v=DKIM1; p="+readKey(t, "rsa1024.spki"), explain.Context{})
	if len(rec.Plans) != 1 {
		t.Fatalf("plans = %v", rec.Plans)
	}
	for _, s := range rec.Plans[0].Steps {
		if s.Value == "" {
			continue
		}
		again := Explain(explain.FillSlots(s.Value), explain.Context{Owner: "mail2026._domainkey.example.com."})
		for _, f := range again.Findings {
			if f.Severity == explain.Error {
				t.Errorf("step %q: %s: %s", s.Value, f.Code, f.Message)
			}
		}
		if len(again.Plans) > 0 {
			t.Errorf("step %q has a plan: %s", s.Value, again.Plans[0].Title)
		}
	}
	// Without an owner, the domain is a slot.
	if text := rec.Plans[0].Steps[0].Text; !strings.Contains(text, "{{selector}}._domainkey.{{domain}}") || !strings.Contains(text, "the old selector keeps") {
		t.Errorf("first step: %s", text)
	}
}
