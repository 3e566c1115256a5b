package mx

// Finding codes. Each is stable: programs and the page key on them. The comment
// says when the code fires and with which severity, and the Args its message
// is written from (none when it says none; values are text, lists one item a
// line). Severities, sections and messages are in messages.go.
const (
	// CodeEmpty (error): the value is empty or only blanks.
	CodeEmpty = "mx.empty"
	// CodePreferenceMissing (error): the value starts with a host name, not a
	// preference number ("mail.example.com.").
	// Args: "exchange": the word written first.
	CodePreferenceMissing = "mx.preference.missing"
	// CodePreferenceInvalid (error): the preference is not a whole number ("ten", "10.5").
	// Args: "preference" as written.
	CodePreferenceInvalid = "mx.preference.invalid"
	// CodePreferenceRange (error): the preference is a number outside 0–65535.
	// Args: "preference" as written.
	CodePreferenceRange = "mx.preference.range"
	// CodeFieldsSwapped (error): host name first, preference second ("mail.example.com. 10").
	// Args: "exchange" and "preference" as written.
	CodeFieldsSwapped = "mx.fields.swapped"
	// CodeExchangeMissing (error): a preference with no host name after it.
	// Args: "preference", when one was read.
	CodeExchangeMissing = "mx.exchange.missing"
	// CodeExtra (error): words after the host name; an MX holds exactly two.
	// Args: "extra": the words after the host name.
	CodeExtra = "mx.extra"

	// CodeNull (info): the null MX "0 .": the domain accepts no mail (RFC 7505).
	// Left out when the set also has other MX records (CodeSetNullMixed).
	// Args: "domain": the owner, when known.
	CodeNull = "mx.null"
	// CodeNullPreference (warning): exchange "." with a preference other than 0.
	// Args: "preference" as written.
	CodeNullPreference = "mx.null.preference"

	// CodeExchangeIP (error): the exchange is an IP address (or address
	// literal, or an all-numeric name), not a host name.
	// Args: "exchange" as written; "address", the address it holds (none for
	// an all-numeric name); "domain", the owner when known.
	CodeExchangeIP = "mx.exchange.ip"
	// CodeExchangeURL (error): the exchange carries a URL scheme, port or path
	// ("smtp://mail.example.com", "mail.example.com:25").
	// Args: "exchange" as written; "host", the host name in it (when any);
	// "parts", what makes it a URL: "scheme", "port", "path", one a line.
	CodeExchangeURL = "mx.exchange.url"
	// CodeExchangeMailbox (error): the exchange is an e-mail address
	// ("postmaster@example.com").
	// Args: "exchange" as written; "host", the part after "@" (when any).
	CodeExchangeMailbox = "mx.exchange.mailbox"
	// CodeExchangeInvalid (error): the exchange holds a character that no host
	// name can hold (quotes, "*", ",", control bytes …).
	// Args: "exchange" as written; "char", the character.
	CodeExchangeInvalid = "mx.exchange.invalid"
	// CodeExchangeEscape (error): a bad RFC 1035 §5.1 escape in the exchange:
	// "\DDD" over 255, a backslash and fewer than three digits, or a
	// trailing backslash. The rest of the name is still checked.
	// Args: "exchange" as written; "escape", the bad escape as written (`\300`, `\1`, `\`).
	CodeExchangeEscape = "mx.exchange.escape"
	// CodeExchangeHostname (warning): DNS can hold the name but it is not a
	// host name: an underscore, or a label that starts or ends with "-".
	// Args: "label", the label with a hyphen at an end; or "exchange", the
	// name with an underscore.
	CodeExchangeHostname = "mx.exchange.hostname"
	// CodeExchangeIDN (error): non-ASCII letters not written in their
	// A-label (xn--) form.
	// Args: "exchange" as written.
	CodeExchangeIDN = "mx.exchange.idn"
	// CodeExchangeEmptyLabel (error): two dots in a row, or a leading dot.
	// Args: "exchange" as written.
	CodeExchangeEmptyLabel = "mx.exchange.empty_label"
	// CodeExchangeLabelLength (error): a label longer than 63 bytes.
	// Args: "label" as written; "length", its length in bytes.
	CodeExchangeLabelLength = "mx.exchange.label_length"
	// CodeExchangeNameLength (error): a name longer than 255 bytes on the wire
	// (253 characters written without the final dot).
	// Args: "length", the name's length in bytes on the wire; "origin",
	// when the origin was appended.
	CodeExchangeNameLength = "mx.exchange.name_length"
	// CodeExchangeRelative (warning): zone-file text, a name with dots but no
	// trailing dot, so the origin is appended ("mail.example.com.example.com.").
	// Args: "exchange" as written; "origin"; "name", the name it becomes.
	CodeExchangeRelative = "mx.exchange.relative"
	// CodeExchangeDoubled (warning): an absolute exchange that ends in the
	// owner's name twice ("mail.example.com.example.com." at example.com),
	// what a name entered without its trailing dot turns into: the mistake
	// CodeExchangeRelative catches in zone text, as dig and panels show it.
	// Args: "exchange" as written; "meant", the name without the doubled owner.
	CodeExchangeDoubled = "mx.exchange.doubled"
	// CodeExchangeSingleLabel (warning): a bare value whose exchange is one
	// label with no dot ("mail"): not a fully qualified name.
	// Args: "exchange" as written; "domain", the owner when known.
	CodeExchangeSingleLabel = "mx.exchange.single_label"
	// CodeExchangeLocalhost (error): the exchange is localhost (or under
	// .localhost): every sender would deliver to itself.
	// Args: "exchange" as written.
	CodeExchangeLocalhost = "mx.exchange.localhost"
	// CodeExchangeSpecialUse (error): the exchange is under a special-use top
	// level that never resolves on the public Internet (.invalid, .test,
	// .example, .local).
	// Args: "exchange" as written; "tld" ("invalid", "test", "example", "local").
	CodeExchangeSpecialUse = "mx.exchange.special_use"
	// CodeExchangePrivate (warning): the exchange is under a name meant for
	// private networks (.internal, .home.arpa): unreachable from the Internet.
	// Args: "exchange" as written; "suffix" ("internal", "home.arpa").
	CodeExchangePrivate = "mx.exchange.private"
	// CodeExchangeOwner (info): the exchange is the owner name itself.
	// Args: "domain": the owner.
	CodeExchangeOwner = "mx.exchange.owner"

	// CodeSetNullMixed (error): a null MX published together with other MX
	// records (RFC 7505 §3); on every record of the set.
	// Args: "hosts", the other records' hosts (or values, "10 ."), at most 5,
	// one a line; "count", how many in all; "domain", the owner when known.
	CodeSetNullMixed = "mx.set.null_mixed"
	// CodeSetDuplicate (warning): the exchange already appears in an earlier
	// usable record of the set (same or other preference); on the later record,
	// which is left out of the delivery order.
	// Args: "host"; "preference" and "first_preference", the earlier record's.
	CodeSetDuplicate = "mx.set.duplicate"
	// CodeSetLoadSharing (info): two or more usable records, all at the same
	// preference; on the first of them.
	// Args: "hosts", at most MaxUseful, one a line; "count", how many in
	// all; "preference", the one they share.
	CodeSetLoadSharing = "mx.set.load_sharing"
	// CodeSetSingle (info): a set of one usable record: no backup host.
	// Args: "host".
	CodeSetSingle = "mx.set.single"
	// CodeSetTooMany (warning): more than MaxUseful records in the set; on the
	// first record.
	// Args: "count", the number of records.
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
