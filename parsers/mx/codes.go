package mx

// Finding codes. Each is stable: programs and the page key on them. The comment
// says when the code fires and with which severity, and the Args its message
// is written from (none when it says none; values are text, lists one item a
// line), and the fix its findings carry (explain.Fix), or why none.
// ExplainSet keeps a fix only when it clears its finding and adds no error
// (explain.KeepFixes). Severities, sections and messages are in messages.go.
const (
	// CodeEmpty (error): the value is empty or only blanks.
	// Fix: none: nothing was written to correct; what to publish is the owner's.
	CodeEmpty = "mx.empty"
	// CodePreferenceMissing (error): the value starts with a host name, not a
	// preference number ("mail.example.com.").
	// Args: "exchange": the word written first.
	// Fix: insert "10 " before the exchange ("0 " before a lone ".", the null MX).
	CodePreferenceMissing = "mx.preference.missing"
	// CodePreferenceInvalid (error): the preference is not a whole number ("ten", "10.5").
	// Args: "preference" as written.
	// Fix: the digits the word starts with, quotes before them left out ("10.5" → "10", `"10` → "10"); none for a word with none ("ten").
	CodePreferenceInvalid = "mx.preference.invalid"
	// CodePreferenceRange (error): the preference is a number outside 0–65535.
	// Args: "preference" as written.
	// Fix: none: which number puts the host where the owner means it among the others is theirs to say.
	CodePreferenceRange = "mx.preference.range"
	// CodeFieldsSwapped (error): host name first, preference second ("mail.example.com. 10").
	// Args: "exchange" and "preference" as written.
	// Fix: write the two in their order, preference first.
	CodeFieldsSwapped = "mx.fields.swapped"
	// CodeExchangeMissing (error): a preference with no host name after it.
	// Args: "preference", when one was read.
	// Fix: append the slot {{host}} (with a trailing dot in zone-file text).
	CodeExchangeMissing = "mx.exchange.missing"
	// CodeExtra (error): words after the host name; an MX holds exactly two.
	// Args: "extra": the words after the host name.
	// Fix: delete the words after the host name and the blanks before them, unless one of them is a host name too (each host needs an MX record of its own, which no edit of this one makes; none then).
	CodeExtra = "mx.extra"

	// CodeNull (info): the null MX "0 .": the domain accepts no mail (RFC 7505).
	// Left out when the set also has other MX records (CodeSetNullMixed).
	// Args: "domain": the owner, when known.
	// Fix: none: nothing is wrong.
	CodeNull = "mx.null"
	// CodeNullPreference (warning): exchange "." with a preference other than 0.
	// Args: "preference" as written.
	// Fix: the preference becomes "0", which the null MX must have.
	CodeNullPreference = "mx.null.preference"

	// CodeExchangeIP (error): the exchange is an IP address (or address
	// literal, or an all-numeric name), not a host name.
	// Args: "exchange" as written; "address", the address it holds (none for
	// an all-numeric name); "domain", the owner when known.
	// Fix: the slot {{host}} in place of the address: the name of the server, which holds the address in its A or AAAA record.
	CodeExchangeIP = "mx.exchange.ip"
	// CodeExchangeURL (error): the exchange carries a URL scheme, port or path
	// ("smtp://mail.example.com", "mail.example.com:25").
	// Args: "exchange" as written; "host", the host name in it (when any);
	// "parts", what makes it a URL: "scheme", "port", "path", one a line.
	// Fix: the host name alone in place of the URL; the slot {{host}} when there is none.
	CodeExchangeURL = "mx.exchange.url"
	// CodeExchangeMailbox (error): the exchange is an e-mail address
	// ("postmaster@example.com").
	// Args: "exchange" as written; "host", the part after "@" (when any).
	// Fix: the slot {{host}}: the domain after "@" is where mail goes, not the server that takes it.
	CodeExchangeMailbox = "mx.exchange.mailbox"
	// CodeExchangeInvalid (error): the exchange holds a character that no host
	// name can hold (quotes, "*", ",", control bytes …).
	// Args: "exchange" as written; "char", the character.
	// Fix: delete what wraps the name (quotes, brackets, a "," or ";" after it); a "," between labels becomes "."; none for another character inside a name, or a name with escapes.
	CodeExchangeInvalid = "mx.exchange.invalid"
	// CodeExchangeEscape (error): a bad RFC 1035 §5.1 escape in the exchange:
	// "\DDD" over 255, a backslash and fewer than three digits, or a
	// trailing backslash. The rest of the name is still checked.
	// Args: "exchange" as written; "escape", the bad escape as written (`\300`, `\1`, `\`).
	// Fix: none: what the escape was meant to say is unknown.
	CodeExchangeEscape = "mx.exchange.escape"
	// CodeExchangeHostname (warning): DNS can hold the name but it is not a
	// host name: an underscore, or a label that starts or ends with "-".
	// Args: "label", the label with a hyphen at an end; or "exchange", the
	// name with an underscore.
	// Fix: none: the name is the server's, and renaming a server is the owner's to do.
	CodeExchangeHostname = "mx.exchange.hostname"
	// CodeExchangeIDN (error): non-ASCII letters not written in their
	// A-label (xn--) form.
	// Args: "exchange" as written.
	// Fix: none: the A-label is the name as registered, which mxplain does not compute (no IDNA tables in the page).
	CodeExchangeIDN = "mx.exchange.idn"
	// CodeExchangeEmptyLabel (error): two dots in a row, or a leading dot.
	// Args: "exchange" as written.
	// Fix: delete the extra dots (on the first finding of the name; none for a name with escapes).
	CodeExchangeEmptyLabel = "mx.exchange.empty_label"
	// CodeExchangeLabelLength (error): a label longer than 63 bytes.
	// Args: "label" as written; "length", its length in bytes.
	// Fix: none: the name is the server's.
	CodeExchangeLabelLength = "mx.exchange.label_length"
	// CodeExchangeNameLength (error): a name longer than 255 bytes on the wire
	// (253 characters written without the final dot).
	// Args: "length", the name's length in bytes on the wire; "origin",
	// when the origin was appended.
	// Fix: none: the name is the server's.
	CodeExchangeNameLength = "mx.exchange.name_length"
	// CodeExchangeRelative (warning): zone-file text, a name with dots but no
	// trailing dot, so the origin is appended ("mail.example.com.example.com.").
	// Args: "exchange" as written; "origin"; "name", the name it becomes.
	// Fix: append the trailing dot.
	CodeExchangeRelative = "mx.exchange.relative"
	// CodeExchangeDoubled (warning): an absolute exchange that ends in the
	// owner's name twice ("mail.example.com.example.com." at example.com),
	// what a name entered without its trailing dot turns into: the mistake
	// CodeExchangeRelative catches in zone text, as dig and panels show it.
	// Args: "exchange" as written; "meant", the name without the doubled owner.
	// Fix: delete the doubled owner name ("mail.example.com.example.com." → "mail.example.com.").
	CodeExchangeDoubled = "mx.exchange.doubled"
	// CodeExchangeSingleLabel (warning): a bare value whose exchange is one
	// label with no dot ("mail"): not a fully qualified name.
	// Args: "exchange" as written; "domain", the owner when known.
	// Fix: append "." and the owner's domain, as a zone at the owner reads the name ("mail" → "mail.example.com"); ".{{domain}}" when the owner is unknown.
	CodeExchangeSingleLabel = "mx.exchange.single_label"
	// CodeExchangeLocalhost (error): the exchange is localhost (or under
	// .localhost): every sender would deliver to itself.
	// Args: "exchange" as written.
	// Fix: the slot {{host}}.
	CodeExchangeLocalhost = "mx.exchange.localhost"
	// CodeExchangeSpecialUse (error): the exchange is under a special-use top
	// level that never resolves on the public Internet (.invalid, .test,
	// .example, .local).
	// Args: "exchange" as written; "tld" ("invalid", "test", "example", "local").
	// Fix: the slot {{host}}: a name under these is a placeholder or a local one.
	CodeExchangeSpecialUse = "mx.exchange.special_use"
	// CodeExchangePrivate (warning): the exchange is under a name meant for
	// private networks (.internal, .home.arpa): unreachable from the Internet.
	// Args: "exchange" as written; "suffix" ("internal", "home.arpa").
	// Fix: none: a private name may be what a split-horizon DNS means to answer inside.
	CodeExchangePrivate = "mx.exchange.private"
	// CodeExchangeOwner (info): the exchange is the owner name itself.
	// Args: "domain": the owner.
	// Fix: none: nothing is wrong.
	CodeExchangeOwner = "mx.exchange.owner"

	// CodeSetNullMixed (error): a null MX published together with other MX
	// records (RFC 7505 §3); on every record of the set.
	// Args: "hosts", the other records' hosts (or values, "10 ."), at most 5,
	// one a line; "count", how many in all; "domain", the owner when known.
	// Fix: none: which records to delete (the null MX or the others) is the owner's choice.
	CodeSetNullMixed = "mx.set.null_mixed"
	// CodeSetDuplicate (warning): the exchange already appears in an earlier
	// usable record of the set (same or other preference); on the later record,
	// which is left out of the delivery order.
	// Args: "host"; "preference" and "first_preference", the earlier record's.
	// Fix: none: the record is to be deleted, which no edit of its value does.
	CodeSetDuplicate = "mx.set.duplicate"
	// CodeSetLoadSharing (info): two or more usable records, all at the same
	// preference; on the first of them.
	// Args: "hosts", at most MaxUseful, one a line; "count", how many in
	// all; "preference", the one they share.
	// Fix: none: nothing is wrong.
	CodeSetLoadSharing = "mx.set.load_sharing"
	// CodeSetSingle (info): a set of one usable record: no backup host.
	// Args: "host".
	// Fix: none: a backup host is the owner's to add.
	CodeSetSingle = "mx.set.single"
	// CodeSetTooMany (warning): more than MaxUseful records in the set; on the
	// first record.
	// Args: "count", the number of records.
	// Fix: none: which records to drop is the owner's choice.
	CodeSetTooMany = "mx.set.too_many"
)

// allCodes lists every code above; a test checks each appears in a golden file.
var allCodes = []string{
	CodeEmpty, CodePreferenceMissing, CodePreferenceInvalid, CodePreferenceRange,
	CodeFieldsSwapped, CodeExchangeMissing, CodeExtra,
	CodeNull, CodeNullPreference,
	CodeExchangeIP, CodeExchangeURL, CodeExchangeMailbox, CodeExchangeInvalid, CodeExchangeEscape,
	CodeExchangeHostname, CodeExchangeIDN, CodeExchangeEmptyLabel,
	CodeExchangeLabelLength, CodeExchangeNameLength, CodeExchangeRelative, CodeExchangeDoubled,
	CodeExchangeSingleLabel, CodeExchangeLocalhost, CodeExchangeSpecialUse,
	CodeExchangePrivate, CodeExchangeOwner,
	CodeSetNullMixed, CodeSetDuplicate, CodeSetLoadSharing, CodeSetSingle, CodeSetTooMany,
}
