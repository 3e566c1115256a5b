package parsers

import (
	"slices"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// People paste more than records: a tutorial, a Markdown file, a provider's
// help page, an e-mail. In an input that holds at least one record, the
// lines that are text rather than records are left out of the explanation
// and counted in its Skipped:
//
//   - prose: a line of at least four words, seven in ten of them plain
//     words (letters, perhaps capitalised, perhaps with punctuation around
//     them) and two of those of four letters or more, none with a "=" (a
//     tag), unless it starts with a version tag ("v=spf1"). A zone line with no owner whose data is prose ("SPF
//     is one of the primary…" reads as type SPF) is prose too;
//   - anything no kind recognises: Markdown fences and headings, template
//     tags, HTML tags, a lone word.
//
// A record inside a line of prose is found where its version tag starts,
// after a colon or plain words ("Add this TXT record: v=spf1 mx ~all"), in
// quotes or backticks when it is written in them, between HTML tags
// ("<pre><code>v=spf1 -all</code></pre>"). An input in which
// nothing is recognised is explained line by line as before: each line is
// a record mxplain does not recognise, so that a lone typo is said, not
// skipped.

// isProse reports whether text reads as a sentence rather than a record.
func isProse(text string) bool {
	words := strings.Fields(text)
	if len(words) < 4 {
		return false
	}
	if _, tagged := versionTag(strings.ToLower(strings.TrimSpace(text))); tagged {
		return false
	}
	plain, long := 0, 0
	for _, w := range words {
		if strings.Contains(w, "=") {
			return false
		}
		if isPlainWord(w) {
			plain++
			if len(strings.Trim(w, "()\"'*_`[].,;:!?")) >= 4 {
				long++
			}
		}
	}
	// Sentences have long words; "mx a ptr -all" has none.
	return plain*10 >= len(words)*7 && long >= 2
}

// isPlainWord reports whether w is a word of prose: letters, the first
// perhaps a capital, the rest lower case or an apostrophe, between
// punctuation a sentence puts around words.
func isPlainWord(w string) bool {
	w = strings.TrimLeft(w, "(\"'*_`[")
	w = strings.TrimRight(w, ")\"'*_`].,;:!?")
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z', c == '\'', c == '-' && i > 0:
		case c >= 'A' && c <= 'Z' && i == 0:
		default:
			return false
		}
	}
	return true
}

// isText reports whether f, found in input, is text around records rather
// than a record: prose, or something no kind recognises.
func isText(input string, f *found) bool {
	switch {
	case f.directive:
		return false
	case f.typ == explain.TypeUnknown:
		return true
	case f.rrtype == "":
		return isProse(f.value.text)
	}
	// A zone line that starts with its type: "SPF is one of the primary
	// email authentication methods." is a sentence.
	ownerless := len(f.header) == 0 || f.header[0].Name != "owner"
	return ownerless && len(f.strs) == 0 && isProse(f.value.text)
}

// dropText leaves the text out of fs (isText) when fs holds any record:
// it returns the records and the spans of what it left out.
func dropText(input string, fs []*found) ([]*found, []explain.Span) {
	text := make([]bool, len(fs))
	records := 0
	for i, f := range fs {
		if text[i] = isText(input, f); !text[i] && !f.directive {
			records++
		}
	}
	if records == 0 {
		return fs, nil
	}
	var skipped []explain.Span
	kept := fs[:0:0]
	for i, f := range fs {
		if text[i] {
			skipped = append(skipped, f.span)
		} else {
			kept = append(kept, f)
		}
	}
	return kept, skipped
}

// recordInLine finds a record written inside a line of text: where a
// kind's version tag starts ("v=spf1", "v=DMARC1") after a colon or after
// words, half of them plain, to the end of the line, or to the closing
// backtick or quote when it is written in them, or to the next tag after
// an HTML tag. It returns the entry for the record, and
// false when the line holds none that way.
func recordInLine(input string, e entry) (entry, bool) {
	line := input[e.start:e.end]
	at := versionAt(line)
	if at <= 0 {
		return e, false
	}
	prefix := strings.TrimRight(line[:at], " \t")
	open := byte(0)
	if n := len(prefix); n > 0 && strings.IndexByte("\"`'>", prefix[n-1]) >= 0 && n == len(line[:at]) {
		open, prefix = prefix[n-1], prefix[:n-1]
	}
	p := strings.TrimRight(prefix, " \t")
	if !strings.HasSuffix(p, ":") && !mostlyWords(p) && open != '>' {
		return e, false
	}
	start, end := e.start+at, e.end
	switch open {
	case '`', '\'', '>': // to the closing backtick or quote, or the next HTML tag
		closing := open
		if open == '>' {
			closing = '<'
		}
		if i := strings.IndexByte(input[start:end], closing); i > 0 {
			end = start + i
		}
	case '"':
		start-- // the quoted strings, read as zone text reads them
		toks, _, _, _ := tokenize(input, start, -1, tokenLimit(start))
		n := 0 // the strings, not the words after them
		for n < len(toks) && toks[n].quoted && toks[n].end <= e.end {
			n++
		}
		if n > 0 {
			end := toks[n-1].end
			return entry{kind: entryValue, start: start, end: end, tokens: toks[:n], lineEnd: end}, true
		}
		start++
	}
	value := strings.TrimRight(input[start:end], " \t")
	if open == 0 {
		value = strings.TrimSuffix(value, ".") // the sentence's full stop
	}
	end = start + len(value)
	return entry{kind: entryValue, start: start, end: end, lineEnd: end}, true
}

// mostlyWords reports whether s is words, at least half of them plain and
// none a tag (with a "="): the start of a sentence, not of a record.
func mostlyWords(s string) bool {
	words := strings.Fields(s)
	plain := 0
	for _, w := range words {
		if strings.Contains(w, "=") {
			return false
		}
		if isPlainWord(w) {
			plain++
		}
	}
	return len(words) > 0 && plain*2 >= len(words)
}

// versionAt is the offset in line of the first "v=" that starts a word and
// is followed by a kind's version, or -1.
func versionAt(line string) int {
	// Lower-cased byte by byte: strings.ToLower may change the length of
	// text that is not UTF-8, and offsets into lower are offsets into line.
	lower := []byte(line)
	for i, c := range lower {
		if c >= 'A' && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	for from := 0; ; {
		i := strings.Index(string(lower[from:]), "v=")
		if i < 0 {
			return -1
		}
		i += from
		if i == 0 || strings.IndexByte(" \t\"'`(:>", lower[i-1]) >= 0 {
			rest := string(lower[i+2:])
			for _, k := range kinds {
				if slices.ContainsFunc(k.Versions, func(v string) bool { return strings.HasPrefix(rest, v) }) {
					return i
				}
			}
		}
		from = i + 2
	}
}
