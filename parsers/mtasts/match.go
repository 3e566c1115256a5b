package mtasts

import "strings"

// Covers reports whether the mx pattern covers host, as senders match them
// (RFC 8461 §4.1): names compare without regard to case or a final dot; a
// pattern "*.example.com" covers exactly one more label on the left
// (mail.example.com), neither example.com nor a.b.example.com.
func Covers(pattern, host string) bool {
	p := strings.ToLower(strings.TrimSuffix(pattern, "."))
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if p == "" || h == "" {
		return false
	}
	if suffix, ok := strings.CutPrefix(p, "*."); ok {
		label, rest, found := strings.Cut(h, ".")
		return found && label != "" && rest == suffix
	}
	return p == h
}

// Covering returns the first of patterns that covers host, and whether
// one does.
func Covering(patterns []string, host string) (string, bool) {
	for _, p := range patterns {
		if Covers(p, host) {
			return p, true
		}
	}
	return "", false
}
