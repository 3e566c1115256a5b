package parsers

import "github.com/mxplain/mxplain/parsers/explain"

// Finding codes about how a record was written down (TXT strings, zone text)
// and where it was published, as opposed to what its value says, which the
// record-type packages report.
const (
	// CodeQuoteUnterminated (error): a TXT string's double quote never closes.
	CodeQuoteUnterminated = "txt.quote.unterminated"
	// CodeEscapeInvalid (error): a "\DDD" escape over 255, a backslash and
	// fewer than three digits, or a backslash that escapes nothing (RFC 1035 §5.1).
	CodeEscapeInvalid = "txt.escape.invalid"
	// CodeStringTooLong (error): one TXT string is over 255 bytes (RFC 1035 §3.3).
	CodeStringTooLong = "txt.string.too_long"
	// CodeStringsGlued (warning): two SPF strings join with no space, running two terms together.
	CodeStringsGlued = "txt.strings.glued"
	// CodeStringsJoined (info): the value was published as several strings and is read joined.
	CodeStringsJoined = "txt.strings.joined"
	// CodeUnquoted (warning): TXT data in zone text is not quoted, so zone
	// software would split it at blanks and drop what follows a ";".
	CodeUnquoted = "txt.unquoted"
	// CodeValueLong (info): a bare value over 255 bytes must be published as several strings.
	CodeValueLong = "txt.value.long"
	// CodeOwnerMismatch (error): the record sits at a name where receivers never look for its type.
	CodeOwnerMismatch = "record.owner.mismatch"
	// CodeUnrecognised (error): the text is not a record mxplain recognises.
	CodeUnrecognised = "record.unrecognised"
	// CodeZoneSyntax (error): zone software would reject this line (the message is miekg/dns's,
	// through Options.CheckLine).
	CodeZoneSyntax = "zone.syntax"
	// CodeDirectiveIgnored (info): a $INCLUDE or $GENERATE that mxplain does not follow.
	CodeDirectiveIgnored = "zone.directive.ignored"
	// CodeInputNotExplained (warning): the input goes on past the limits of
	// one explanation (MaxRecords, MaxInputBytes); the rest is not explained.
	CodeInputNotExplained = "input.not_explained"
	// CodeValueNotExplained (warning): a value is longer than MaxValueBytes,
	// which no DNS record holds; the rest of it is not explained.
	CodeValueNotExplained = "record.value.not_explained"
	// CodeSPFRRType (warning): SPF published with the SPF RR type (99), which RFC 7208 removed.
	CodeSPFRRType = "spf.rrtype.obsolete"

	// Copy-paste damage (damage.go), each an error (receivers read the
	// bytes, not what they look like), one per record and kind, spanning
	// the first to the last damaged character, with the repaired text as
	// its fix; the record is explained as repaired.

	// CodeSmartQuotes (error): curly quotes (“ ” „ « ») where straight ones were meant.
	CodeSmartQuotes = "text.quotes.smart"
	// CodeInvisible (error): zero-width characters or a byte-order mark inside the record.
	CodeInvisible = "text.invisible"
	// CodeNoBreakSpace (error): no-break spaces where spaces were meant.
	CodeNoBreakSpace = "text.nbsp"
	// CodeLookalike (error): a Cyrillic or Greek letter that looks Latin, in a word of Latin letters.
	CodeLookalike = "text.lookalike"
	// CodeFullwidth (error): full-width digits, letters or signs (U+FF01–U+FF5E) where ASCII was meant.
	CodeFullwidth = "text.fullwidth"
	// CodeHTML (error): HTML entities ("&quot;", "&#64;", "&nbsp;") or
	// tags ("<br>", "<code>") inside the record, from a page's source or
	// an HTML e-mail. The message names them; Fix: the text decoded, tags
	// read as the layout they make.
	CodeHTML = "text.html"
	// CodeLineBreak (error): a line break (CR, LF) inside a quoted string,
	// which zone software publishes in the string: the record wrapped, or
	// its line's end copied along. Fix: the break and its blanks deleted
	// next to a quote, one space in SPF or after a ";", nothing elsewhere.
	CodeLineBreak = "text.line_break"
)

// codeInfo is the fixed part of each finding: its severity and the RFC section
// that governs it.
var codeInfo = map[string]struct {
	severity explain.Severity
	ref      string
}{
	CodeQuoteUnterminated: {explain.Error, "RFC 1035 §5.1"},
	CodeEscapeInvalid:     {explain.Error, "RFC 1035 §5.1"},
	CodeStringTooLong:     {explain.Error, "RFC 1035 §3.3"},
	CodeStringsGlued:      {explain.Warning, "RFC 7208 §3.3"},
	CodeStringsJoined:     {explain.Info, "RFC 7208 §3.3"},
	CodeUnquoted:          {explain.Warning, "RFC 1035 §5.1"},
	CodeValueLong:         {explain.Info, "RFC 1035 §3.3"},
	CodeOwnerMismatch:     {explain.Error, ""},
	CodeUnrecognised:      {explain.Error, ""},
	CodeZoneSyntax:        {explain.Error, "RFC 1035 §5.1"},
	CodeDirectiveIgnored:  {explain.Info, "RFC 1035 §5.1"},
	CodeSPFRRType:         {explain.Warning, "RFC 7208 §3.1"},
	CodeInputNotExplained: {explain.Warning, ""},
	CodeValueNotExplained: {explain.Warning, "RFC 1035 §3.2.1"},
	CodeSmartQuotes:       {explain.Error, "RFC 1035 §5.1"},
	CodeInvisible:         {explain.Error, ""},
	CodeNoBreakSpace:      {explain.Error, ""},
	CodeLookalike:         {explain.Error, ""},
	CodeFullwidth:         {explain.Error, ""},
	CodeHTML:              {explain.Error, ""},
	CodeLineBreak:         {explain.Error, "RFC 1035 §5.1"},
}

// finding builds a finding with the severity and reference of its code.
func finding(code string, span explain.Span, message string) explain.Finding {
	info := codeInfo[code]
	return explain.Finding{Severity: info.severity, Code: code, Message: message, Span: span, Ref: info.ref}
}
