package static_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers"
)

// TestNoTypeLists keeps the page's and the element's scripts from listing
// record types (issue 12): the types, their labels and the report's parts
// come from the engine (mxplain.types(), the report's "parts"), so a new
// type needs no JS. The names checked are the registry's (parsers.Kinds:
// every type and label), so a type added there is checked too.
//
// A script lists a type when, outside comments, it has
//   - a string (quoted, a template's text, or literals joined with +) made
//     only of type names and labels: 'dmarc', "_dmarc.", 'mx spf', `DKIM`;
//   - a name as an object key or label: { dmarc: … }, case labels aside;
//   - a regular expression with a name in it: /^(spf|dmarc)$/;
//   - two names or more read as members on one line: r.spf, r.dmarc.
//
// Reading one part's field of the report JSON (report.spf.tree) is not a
// list. The one table allowed is report-view.js's renderers, mapping a
// part's name to its render function (the parts that draw more than their
// records; every other part gets the generic renderer).
func TestNoTypeLists(t *testing.T) {
	names := typeNames(t)
	for name, src := range scripts(t) {
		if name == "report-view.js" {
			src = withoutRenderers(t, src)
		}
		for _, p := range typeLists(src, names) {
			t.Errorf("%s:%s", name, p)
		}
	}
}

// typeNames are the registry's type names and labels, lower case, with the
// JSON field spelling of each ("mta-sts": "mta_sts").
func typeNames(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for _, k := range parsers.Kinds() {
		for _, n := range []string{string(k.Type), k.Label} {
			n = strings.ToLower(n)
			names[n] = true
			names[strings.ReplaceAll(n, "-", "_")] = true
		}
	}
	if len(names) < 4 {
		t.Fatalf("the registry lists %d names", len(names))
	}
	return names
}

// renderersTable is report-view.js's table of the parts with renderers of
// their own: "name: renderName," lines and nothing else.
var renderersTable = regexp.MustCompile(`(?m)^export const renderers = \{\n((?:  (?:[a-z]+|'[a-z-]+'): render[A-Za-z]+,\n)+)\};\n`)

func withoutRenderers(t *testing.T, src string) string {
	t.Helper()
	m := renderersTable.FindStringSubmatchIndex(src)
	if m == nil {
		t.Fatal("report-view.js: no `export const renderers = {` table of `part: renderPart,` lines")
		return src
	}
	return src[:m[0]] + src[m[1]:]
}

var (
	wordRE   = regexp.MustCompile(`[a-z0-9_-]+`)
	keyRE    = regexp.MustCompile(`(?:^|[{,;])\s*([A-Za-z_$][\w$]*)\s*:`)
	memberRE = regexp.MustCompile(`\.([A-Za-z_$][\w$]*)`)
)

// onlyNames reports whether s is a type's name or label ("MTA-STS
// policy"), or has words and every one is a type's name.
func onlyNames(s string, names map[string]bool) bool {
	if names[strings.ToLower(strings.TrimSpace(s))] {
		return true
	}
	words := wordRE.FindAllString(strings.ToLower(s), -1)
	for _, w := range words {
		if !names[strings.Trim(w, "-_")] {
			return false
		}
	}
	return len(words) > 0
}

// typeLists returns where src lists type names (see TestNoTypeLists), as
// "line: what".
func typeLists(src string, names map[string]bool) []string {
	var out []string
	toks := scanJS(src)
	for i, tk := range toks {
		switch tk.kind {
		case tkString:
			if onlyNames(tk.text, names) {
				out = append(out, fmt.Sprintf("%d: the string %q names only record types", tk.line, tk.text))
			}
			// Literals joined with +: 'dm' + 'arc'.
			joined := tk.text
			for j := i + 1; j+1 < len(toks) && strings.TrimSpace(toks[j].text) == "+" && toks[j].kind == tkCode && toks[j+1].kind == tkString; j += 2 {
				joined += toks[j+1].text
				if onlyNames(joined, names) {
					out = append(out, fmt.Sprintf("%d: strings joined into %q name only record types", tk.line, joined))
					break
				}
			}
		case tkRegexp:
			for _, w := range wordRE.FindAllString(strings.ToLower(tk.text), -1) {
				if names[w] {
					out = append(out, fmt.Sprintf("%d: the regular expression /%s/ names the record type %q", tk.line, tk.text, w))
					break
				}
			}
		case tkCode:
			for _, m := range keyRE.FindAllStringSubmatchIndex(tk.text, -1) {
				if key := tk.text[m[2]:m[3]]; names[strings.ToLower(key)] {
					out = append(out, fmt.Sprintf("%d: the key %q is a record type", tk.line+strings.Count(tk.text[:m[2]], "\n"), key))
				}
			}
		}
	}
	// Members read, line by line.
	lines := map[int]map[string]bool{}
	for _, tk := range toks {
		if tk.kind != tkCode {
			continue
		}
		line := tk.line
		for _, part := range strings.SplitAfter(tk.text, "\n") {
			for _, m := range memberRE.FindAllStringSubmatch(part, -1) {
				if n := strings.ToLower(m[1]); names[n] {
					if lines[line] == nil {
						lines[line] = map[string]bool{}
					}
					lines[line][n] = true
				}
			}
			line++
		}
	}
	for line, ns := range lines {
		if len(ns) > 1 {
			out = append(out, fmt.Sprintf("%d: reads %d record types' members on one line", line, len(ns)))
		}
	}
	return out
}

const (
	tkCode = iota
	tkString
	tkRegexp
)

type jsToken struct {
	kind int
	text string // code; a string's text (a template's text between substitutions); a regexp's body
	line int    // where it starts, from 1
}

// scanJS cuts JavaScript into code, strings and regular expressions,
// leaving comments out. A template literal's text pieces are strings and
// its substitutions code. A "/" starts a regular expression where an
// operand is expected (after an operator, a bracket or a keyword).
func scanJS(src string) []jsToken {
	var toks []jsToken
	line := 1
	var code strings.Builder
	codeLine := 1
	flush := func() {
		if code.Len() > 0 {
			toks = append(toks, jsToken{tkCode, code.String(), codeLine})
			code.Reset()
		}
		codeLine = line
	}
	var templates []int // brace depth of each open template substitution
	depth := 0
	// lastSig is the code before, trimmed ("x" after a string or a
	// regexp: an operand), for the regexp test.
	lastSig := func() string {
		if s := strings.TrimSpace(code.String()); s != "" {
			return s
		}
		for k := len(toks) - 1; k >= 0; k-- {
			if toks[k].kind != tkCode {
				return "x"
			}
			if s := strings.TrimSpace(toks[k].text); s != "" {
				return s
			}
		}
		return ""
	}
	// readString reads from src[i] (after the opening quote q) to the
	// closing one; for a template it stops at "${" too.
	readString := func(i int, q byte) (text string, next int, subst bool) {
		var b strings.Builder
		for i < len(src) {
			c := src[i]
			switch {
			case c == '\\' && i+1 < len(src):
				if src[i+1] == '\n' {
					line++
				}
				b.WriteByte(src[i+1])
				i += 2
				continue
			case c == q:
				return b.String(), i + 1, false
			case q == '`' && c == '$' && i+1 < len(src) && src[i+1] == '{':
				return b.String(), i + 2, true
			case c == '\n':
				line++
				if q != '`' {
					return b.String(), i + 1, false
				}
			}
			b.WriteByte(c)
			i++
		}
		return b.String(), i, false
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i = min(i+end+4, len(src))
			code.WriteByte(' ')
		case c == '\'' || c == '"' || c == '`':
			flush()
			start := line
			text, next, subst := readString(i+1, c)
			toks = append(toks, jsToken{tkString, text, start})
			i = next
			if subst {
				templates = append(templates, depth)
			}
			codeLine = line
		case c == '}' && len(templates) > 0 && templates[len(templates)-1] == depth:
			// The end of a template's substitution: its text goes on.
			templates = templates[:len(templates)-1]
			flush()
			start := line
			text, next, subst := readString(i+1, '`')
			toks = append(toks, jsToken{tkString, text, start})
			i = next
			if subst {
				templates = append(templates, depth)
			}
			codeLine = line
		case c == '/' && regexpStarts(lastSig()):
			flush()
			start := line
			j := i + 1
			inClass := false
			for j < len(src) && src[j] != '\n' {
				if src[j] == '\\' {
					j += 2
					continue
				}
				if src[j] == '[' {
					inClass = true
				} else if src[j] == ']' {
					inClass = false
				} else if src[j] == '/' && !inClass {
					break
				}
				j++
			}
			toks = append(toks, jsToken{tkRegexp, src[i+1 : min(j, len(src))], start})
			i = j + 1
			for i < len(src) && (src[i] >= 'a' && src[i] <= 'z') { // flags
				i++
			}
			codeLine = line
		default:
			switch c {
			case '{':
				depth++
			case '}':
				depth--
			case '\n':
				line++
			}
			code.WriteByte(c)
			i++
		}
	}
	flush()
	return toks
}

var regexpAfterWord = regexp.MustCompile(`(?:^|[^\w$.])(?:return|typeof|case|in|of|delete|void|throw|new|else|do)$`)

// regexpStarts reports whether a "/" after the code before (trimmed)
// starts a regular expression rather than a division.
func regexpStarts(before string) bool {
	if before == "" {
		return true
	}
	if strings.ContainsRune("(,=:[!&|?{};+-*%<>~^", rune(before[len(before)-1])) {
		return true
	}
	return regexpAfterWord.MatchString(before)
}

// TestTypeListsFound: the ways of writing a list of types are all found,
// and the code the scripts need (reading a part's field, prose naming a
// type) is not.
func TestTypeListsFound(t *testing.T) {
	names := typeNames(t)
	tests := map[string]struct {
		js    string
		found bool
	}{
		"array":                {`const SHOW = ['mx', 'spf', 'dkim', 'dmarc'];`, true},
		"one name":             {`if (type === "dmarc") go();`, true},
		"upper case":           {`label = 'DMARC';`, true},
		"owner label":          {`n.startsWith('_dmarc.')`, true},
		"space separated":      {`const all = "mx spf dkim";`, true},
		"template":             {"const t = `spf`;", true},
		"template piece":       {"const t = `${a}dmarc${b}`;", true},
		"joined":               {`const t = 'dm' + 'arc';`, true},
		"object keys":          {`const typeLabel = { mx: 'MX', spf: 'SPF' };`, true},
		"key after a newline":  {"const x = {\n  dkim: 1,\n};", true},
		"quoted key":           {`const x = { "dkim": 1 };`, true},
		"regexp":               {`if (/^(spf|txt)$/.test(t)) go();`, true},
		"regexp after return":  {`function f(t) { return /dkim/.test(t); }`, true},
		"members on a line":    {`add(r.spf.tree); add(r.dmarc.record);`, true},
		"code after a comment": {"// a comment\nconst t = 'spf';", true},
		"code after a block":   {"/* a\ncomment */ const t = 'spf';", true},
		"in a comment":         {"// 'dmarc', 'spf'\n/* { mx: 1 } */\nconst a = 1;", false},
		"one part's field":     {`const d = r.dmarc; body.push(d.record);`, false},
		"prose":                {"el('p', { text: `No DMARC record applies to ${r.domain}.` });", false},
		"division":             {`const half = a.mx / 2, third = b / 3;`, false},
		"a version tag":        {`const v = 'v=spf1';`, false},
		"ternary":              {`const k = a ? spf : b;`, false},
		"string with a slash":  {`const u = 'a/b' + "/dmarc is not alone here";`, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := typeLists(tc.js, names)
			if (len(got) > 0) != tc.found {
				t.Errorf("typeLists(%q) = %q, want found=%v", tc.js, got, tc.found)
			}
		})
	}
}
