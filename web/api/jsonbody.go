package api

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Decoding a POST's JSON body {"record": "…", "type": "…"} by hand, not
// with encoding/json: its decoder would add ~200 KB (50 KB gzip) to the
// Worker, whose upload is limited. FuzzJSONObject checks that it reads
// what encoding/json reads.

// errJSON says why a body is not a JSON object of strings.
type errJSON struct {
	at  int
	msg string
}

func (e *errJSON) Error() string { return "at byte " + strconv.Itoa(e.at) + ": " + e.msg }

// errDuplicate is a member given twice.
var errDuplicate = errors.New("api: duplicate member")

// jsonObject decodes a JSON text (RFC 8259) that is one object whose
// member values are all strings, as encoding/json decodes it into a
// map[string]string: escapes decoded, an invalid surrogate escape as
// U+FFFD. names lists the members in order. The text must be UTF-8. With
// errDuplicate, names is the member given twice; with a value that is not
// a string, the members read so far, that one last.
func jsonObject(b []byte) (members map[string]string, names []string, err error) {
	if !utf8.Valid(b) {
		return nil, nil, &errJSON{0, "not UTF-8 (RFC 8259 §8.1)"}
	}
	p := &jsonParser{b: b}
	p.space()
	if !p.eat('{') {
		return nil, nil, p.fail("want an object {…}")
	}
	members = map[string]string{}
	p.space()
	if !p.eat('}') {
		for {
			p.space()
			name, err := p.str()
			if err != nil {
				return nil, nil, err
			}
			p.space()
			if !p.eat(':') {
				return nil, nil, p.fail("want ':' after a member's name")
			}
			p.space()
			value, err := p.str()
			if err != nil {
				return nil, append(names, name), &errJSON{p.i, "the value of " + strconv.Quote(name) + " is not a string"}
			}
			if _, dup := members[name]; dup {
				return nil, []string{name}, errDuplicate
			}
			members[name] = value
			names = append(names, name)
			p.space()
			if p.eat('}') {
				break
			}
			if !p.eat(',') {
				return nil, nil, p.fail("want ',' or '}'")
			}
		}
	}
	p.space()
	if p.i != len(b) {
		return nil, nil, p.fail("more after the object")
	}
	return members, names, nil
}

type jsonParser struct {
	b []byte
	i int
}

func (p *jsonParser) fail(msg string) error { return &errJSON{p.i, msg} }

// space skips JSON whitespace (RFC 8259 §2).
func (p *jsonParser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *jsonParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a string (RFC 8259 §7).
func (p *jsonParser) str() (string, error) {
	if !p.eat('"') {
		return "", p.fail("want a string")
	}
	var out []byte
	for {
		if p.i >= len(p.b) {
			return "", p.fail("unterminated string")
		}
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(out), nil
		case c < 0x20:
			return "", p.fail("a control character in a string: escape it")
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		p.i++
		if p.i >= len(p.b) {
			return "", p.fail("unterminated escape")
		}
		e := p.b[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.fail(`want 4 hex digits after \u`)
			}
			if utf16.IsSurrogate(r) {
				// A pair is one rune; anything else is U+FFFD, and what
				// follows is read on its own (as encoding/json does).
				save := p.i
				if p.eat('\\') && p.eat('u') {
					if r2, ok := p.hex4(); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							out = utf8.AppendRune(out, d)
							continue
						}
					}
				}
				p.i = save
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", p.fail("an unknown escape \\" + string(rune(e)))
		}
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.i+4 > len(p.b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}
