package parsers

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// isPage reports whether input is a page's source, whose tags are read
// as layout: one of its lines starts with a tag mxplain knows ("<p>",
// "<pre>", "<br>"). Elsewhere a tag-like word is text: a record is not
// marked up inside ("v=spf1 <a> -all" is a broken term, not a link).
func isPage(input string) bool {
	for rest := input; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if line = strings.TrimLeft(line, " \t"); strings.HasPrefix(line, "<") {
			if _, _, ok := tagAt(line); ok {
				return true
			}
		}
	}
	return false
}

// htmlAt reads the HTML entity or tag that starts at input[i] ("&" or
// "<"), if it is one mxplain knows: its length and what it stands for in
// the text (see damage.go).
func htmlAt(input string, i int) (n int, repl string, ok bool) {
	if input[i] == '&' {
		return entityAt(input[i:])
	}
	return tagAt(input[i:])
}

// entities are the named HTML entities a record copied from HTML holds:
// the characters that HTML escapes, and the quotes and spaces a page
// writes for them.
var entities = map[string]string{
	"quot": `"`, "amp": "&", "lt": "<", "gt": ">", "apos": "'", "nbsp": " ",
	"ldquo": `"`, "rdquo": `"`, "bdquo": `"`, "laquo": `"`, "raquo": `"`,
}

// entityAt reads an entity at the start of s: "&name;" for a name in
// entities, "&#DDD;" or "&#xHH;" for a character that is printable (a
// damaged one stands for what it stands for, "&#8220;" for a straight
// quote). Without its ";", or of a control character, it is text.
func entityAt(s string) (n int, repl string, ok bool) {
	end := strings.IndexByte(s[:min(len(s), 12)], ';')
	if end < 2 {
		return 0, "", false
	}
	name := s[1:end]
	if name[0] != '#' {
		repl, ok = entities[name]
		return end + 1, repl, ok
	}
	var v uint64
	var err error
	switch {
	case len(name) > 2 && (name[1] == 'x' || name[1] == 'X'):
		v, err = strconv.ParseUint(name[2:], 16, 32)
	case len(name) > 1 && name[1] >= '0' && name[1] <= '9':
		v, err = strconv.ParseUint(name[1:], 10, 32)
	default:
		return 0, "", false
	}
	r := rune(v)
	if err != nil || v > utf8.MaxRune || r < ' ' || r >= 0x7f && r < 0xa0 || !utf8.ValidRune(r) {
		return 0, "", false
	}
	if repl, _, ok := charRepair(r); ok {
		return end + 1, repl, true
	}
	return end + 1, string(r), true
}

// tagLayout is what each HTML element mxplain knows makes of the text
// where its tags are: a line break for blocks and <br>, nothing for
// inline markup; a table cell's end, a blank between cells; code, what
// Markdown writes in backticks: backticks inside a line, so that a
// record in a sentence ends where its code does, and nothing at the
// start of one, so that a zone line in <pre><code> is one.
var tagLayout = func() map[string]string {
	m := map[string]string{}
	for _, t := range strings.Fields("html head body title meta link p div pre br hr li ul ol dl dt dd table thead tbody tfoot tr blockquote section article header footer main nav aside figure figcaption h1 h2 h3 h4 h5 h6") {
		m[t] = "\n"
	}
	for _, t := range strings.Fields("span b strong i em a var mark small sup sub u s q abbr cite font wbr") {
		m[t] = ""
	}
	for _, t := range strings.Fields("code kbd samp tt") {
		m[t] = "`" // see findChars
	}
	m["td"], m["th"] = "", ""
	m["/td"], m["/th"] = " ", " "
	return m
}()

// tagAt reads a tag at the start of s: "<name ...>", "</name>" or
// "<name/>" of an element in tagLayout, on one line.
func tagAt(s string) (n int, repl string, ok bool) {
	end := strings.IndexAny(s[:min(len(s), 512)], ">\n")
	if end < 2 || s[end] != '>' || strings.IndexByte(s[1:end], '<') >= 0 {
		return 0, "", false
	}
	inner := strings.TrimSuffix(s[1:end], "/")
	closing := strings.HasPrefix(inner, "/")
	name := strings.TrimPrefix(inner, "/")
	if i := strings.IndexAny(name, " \t\r"); i >= 0 {
		if closing {
			return 0, "", false
		}
		name = name[:i]
	}
	if name == "" {
		return 0, "", false
	}
	key := strings.ToLower(name)
	if closing {
		if r, ok := tagLayout["/"+key]; ok {
			return end + 1, r, true
		}
	}
	repl, ok = tagLayout[key]
	return end + 1, repl, ok
}
