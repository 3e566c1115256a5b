package explain

import (
	"slices"
	"testing"
)

func TestApplyFixes(t *testing.T) {
	text := "v=spf1 ip4:abc include:x ~al"
	fs := []Finding{
		Finding{Code: "b"}.WithFix(Span{26, 28}, "all"),
		{Code: "none"},
		Finding{Code: "a"}.WithFix(Span{7, 14}, "ip4:"+SlotText("ipv4")),
		Finding{Code: "overlap"}.WithFix(Span{11, 16}, "zzz"),
		Finding{Code: "insert"}.WithFix(Span{28, 28}, " "),
		Finding{Code: "outside"}.WithFix(Span{27, 40}, ""),
	}
	got, codes := ApplyFixes(text, fs)
	if want := "v=spf1 ip4:{{ipv4}} include:x ~all "; got != want {
		t.Errorf("ApplyFixes = %q, want %q", got, want)
	}
	if want := []string{"a", "b", "insert"}; !slices.Equal(codes, want) {
		t.Errorf("codes = %v, want %v", codes, want)
	}
	if s := SlotsIn(got + " {{ipv4}} {{nope}} {{domain}"); len(s) != 1 || s[0].Name != "ipv4" {
		t.Errorf("SlotsIn = %v", s)
	}
	if f := FillSlots(got); f != "v=spf1 ip4:192.0.2.10 include:x ~all " {
		t.Errorf("FillSlots = %q", f)
	}
}

func TestSlotExamplesHaveNoSlots(t *testing.T) {
	for _, s := range slots {
		if len(SlotsIn(s.Example)) > 0 || s.Label == "" || s.Example == "" {
			t.Errorf("slot %q: label %q, example %q", s.Name, s.Label, s.Example)
		}
	}
}
