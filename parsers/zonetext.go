package parsers

import (
	"iter"
	"math"
	"strings"

	"github.com/mxplain/mxplain/internal/ascii"
	"github.com/mxplain/mxplain/internal/rrtype"
)

// token is one word of zone-file text (RFC 1035 §5.1) and where it stands in
// the input. A quoted token keeps its quotes in text.
type token struct {
	text       string
	start, end int
	quoted     bool
	// unterminated is set on a quoted token whose closing quote is missing.
	unterminated bool
}

// entry is one logical line of pasted text: a directive, a resource record
// (which parentheses may stretch over several physical lines), or a line that
// is not zone text at all and is taken as a bare record value.
type entry struct {
	kind       entryKind
	start, end int     // the entry's text in the input, without a trailing comment
	indented   bool    // the line began with a blank, so a zone record's owner is omitted
	tokens     []token // zone-syntax tokens; comments and parentheses removed
	// lineEnd is the end of the physical line the entry starts on, without its
	// line break and trailing blanks; used to take an unquoted value as written.
	lineEnd int
	// dropFrom, when not 0, is where the tokens start that were not kept
	// past what can be explained (see tokenize): the value ends before the
	// entry does.
	dropFrom int
}

// entryKind says what an entry of pasted text is.
type entryKind int

const (
	entryValue     entryKind = iota // a bare record value: "v=spf1 -all", "10 mx.example.com."
	entryRR                         // a zone-file resource record: "example.com. 300 IN MX 10 mx.example.com."
	entryDirective                  // $ORIGIN, $TTL, $INCLUDE, $GENERATE
)

// classify tells a zone-file record from a directive and from a bare value. A
// record is tokens [owner] [TTL] [class] TYPE RDATA, in RFC 1035 §5.1 order
// (TTL and class may swap); anything else is a value.
func classify(e entry) entryKind {
	if len(e.tokens) == 0 {
		return entryValue // only parentheses, say: not zone text
	}
	if strings.HasPrefix(e.tokens[0].text, "$") {
		return entryDirective
	}
	if _, ok := parseHeader(e); ok {
		return entryRR
	}
	return entryValue
}

// rrHeader is the parts of a zone-file record before its RDATA. Indices are
// into entry.tokens; -1 means the part was omitted.
type rrHeader struct {
	owner, ttl, class, rrtype int
	rrtypeCode                uint16
}

// parseHeader finds owner, TTL, class and type at the start of e. An owner is
// omitted when the line is indented or starts with a class or type keyword
// (people paste "MX 10 mx.example.com." from DNS panels).
func parseHeader(e entry) (rrHeader, bool) {
	h := rrHeader{owner: -1, ttl: -1, class: -1, rrtype: -1}
	toks := e.tokens
	i := 0
	if !e.indented && len(toks) > 0 && !isClass(toks[0].text) && !isRRType(toks[0].text) {
		if toks[0].quoted || !isOwnerName(toks[0].text) {
			return h, false
		}
		h.owner, i = 0, 1
	}
	for ; i < len(toks) && i < h.owner+4; i++ {
		t := toks[i]
		switch {
		case t.quoted:
			return h, false
		case h.ttl < 0 && isTTL(t.text):
			h.ttl = i
		case h.class < 0 && isClass(t.text):
			h.class = i
		case isRRType(t.text):
			h.rrtype, h.rrtypeCode = i, rrtype.Code(t.text)
			return h, true
		default:
			return h, false
		}
	}
	return h, false
}

// entries yields the entries of input in order. Blank lines and lines that
// hold only a comment (dig's ";; ANSWER SECTION:" and the like) are dropped.
// Parentheses continue an entry onto the next line, as in a multi-line SOA.
// It reads only as far as the caller ranges, so a caller that stops early
// pays for what it read.
func entries(input string) iter.Seq[entry] {
	return func(yield func(entry) bool) {
		pos := 0
		for pos < len(input) {
			lineEnd := strings.IndexByte(input[pos:], '\n')
			if lineEnd < 0 {
				lineEnd = len(input)
			} else {
				lineEnd += pos
			}
			content := strings.TrimRight(input[pos:lineEnd], " \t\r")
			trimmed := strings.TrimLeft(content, " \t")
			if trimmed == "" || trimmed[0] == ';' {
				pos = lineEnd + 1
				continue
			}
			e := entry{
				start:    pos + len(content) - len(trimmed),
				indented: len(trimmed) < len(content),
				lineEnd:  pos + len(content),
			}
			// The first few tokens tell a record from a value; a value
			// whose first token is not quoted needs no more.
			var next int
			e.tokens, e.end, next, _ = tokenize(input, e.start, headerTokens, math.MaxInt)
			e.kind = classify(e)
			if e.kind != entryValue || len(e.tokens) > 0 && e.tokens[0].quoted {
				e.tokens, e.end, next, e.dropFrom = tokenize(input, e.start, -1, tokenLimit(e.start))
			}
			if e.kind == entryValue {
				// Not zone text: the value is the line as written, whatever
				// semicolons or parentheses it holds.
				e.end, next = e.lineEnd, lineEnd+1
			}
			pos = next
			if !yield(e) {
				return
			}
		}
	}
}

// tokenLimit is where tokens stop being kept for an entry that starts at
// start: past the bytes that can hold limits.value bytes of value (an escape
// is at most 4 bytes for one), plus room for the header.
func tokenLimit(start int) int {
	if limits.value > (math.MaxInt-start-1024)/4 {
		return math.MaxInt
	}
	return start + 1024 + 4*limits.value
}

// headerTokens is enough tokens for classify: owner, TTL, class, type and
// one more.
const headerTokens = 6

// tokenize reads zone-syntax tokens from input starting at pos until the end
// of the line, or past it while parentheses are open, or until it has max
// tokens when max >= 0. Tokens that start at or past stopAt, after the
// first headerTokens, are read but not kept (dropFrom is then where the
// first of them starts, else 0), so that a huge entry costs no more memory
// than the part of it that is explained. It returns the tokens, the end of
// the last token read (the entry's end) and where the next entry starts.
func tokenize(input string, pos, max, stopAt int) (toks []token, end, next, dropFrom int) {
	depth := 0
	end = pos
	keep := func(t token) {
		switch {
		case t.start < stopAt || len(toks) < headerTokens:
			toks = append(toks, t)
		case dropFrom == 0:
			dropFrom = t.start
		}
	}
	for pos < len(input) && len(toks) != max {
		c := input[pos]
		switch {
		case c == '\n':
			if depth == 0 {
				return toks, end, pos + 1, dropFrom
			}
			pos++
		case c == ' ' || c == '\t' || c == '\r':
			pos++
		case c == ';':
			for pos < len(input) && input[pos] != '\n' {
				pos++
			}
		case c == '(':
			depth++
			pos++
			end = pos
		case c == ')':
			if depth > 0 {
				depth--
			}
			pos++
			end = pos
		case c == '"':
			t := token{start: pos, quoted: true}
			pos++
			for pos < len(input) && input[pos] != '"' && input[pos] != '\n' {
				if input[pos] == '\\' && pos+1 < len(input) && input[pos+1] != '\n' {
					pos++
				}
				pos++
			}
			if pos < len(input) && input[pos] == '"' {
				pos++
			} else {
				t.unterminated = true
			}
			t.end, t.text, end = pos, input[t.start:pos], pos
			keep(t)
		default:
			t := token{start: pos}
			for pos < len(input) && !endsWord[input[pos]] {
				if input[pos] == '\\' && pos+1 < len(input) && input[pos+1] != '\n' {
					pos++
				}
				pos++
			}
			t.end, t.text, end = pos, input[t.start:pos], pos
			keep(t)
		}
	}
	return toks, end, pos, dropFrom
}

// endsWord marks the bytes that end an unquoted token.
var endsWord = [256]bool{' ': true, '\t': true, '\r': true, '\n': true, ';': true, '(': true, ')': true, '"': true}

// isClass reports whether s is a DNS class mnemonic (RFC 1035 §3.2.4).
func isClass(s string) bool {
	switch strings.ToUpper(s) {
	case "IN", "CH", "CS", "HS":
		return true
	}
	return strings.HasPrefix(strings.ToUpper(s), "CLASS") && ascii.IsDigits(s[5:])
}

// isRRType reports whether s names a DNS record type ("MX", "txt", "TYPE99").
func isRRType(s string) bool { return rrtype.Code(s) != 0 }

// isTTL reports whether s is a TTL as zone files write it: seconds, or BIND's
// units ("1h30m", "1d").
func isTTL(s string) bool {
	_, ok := parseTTL(s)
	return ok
}

// parseTTL reads a TTL in seconds or in BIND's units (s, m, h, d, w).
func parseTTL(s string) (uint32, bool) {
	if s == "" {
		return 0, false
	}
	var total, n uint64
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			n = n*10 + uint64(c-'0')
			digits = true
			if n > 1<<32 {
				return 0, false
			}
			continue
		}
		unit := ttlUnits[c|0x20]
		if unit == 0 || !digits {
			return 0, false
		}
		total, n, digits = total+n*unit, 0, false
	}
	total += n
	if total > 1<<31-1 {
		return 0, false
	}
	return uint32(total), true
}

// ttlUnits are BIND's TTL units in seconds, indexed by lower-case letter.
var ttlUnits = [256]uint64{'s': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 604800}

// isOwnerName reports whether s can stand as the owner of a zone-file record:
// "@", or dot-separated labels of letters, digits, hyphens, underscores and
// "*", with escapes allowed.
func isOwnerName(s string) bool {
	if s == "@" {
		return true
	}
	if s == "" || strings.Contains(s, "..") || (s[0] == '.' && s != ".") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '-', c == '_', c == '*', c == '.', c == '/':
		case c == '\\' && i+1 < len(s):
			i++
		default:
			return false
		}
	}
	return true
}
