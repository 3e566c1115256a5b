package hostname

// The parts of the messages about a host name that read the same for
// every record: each takes the Args values its problem has.

// q quotes text as it was written.
func q(s string) string { return "“" + s + "”" }

// EscapeMessage is the message of ProblemEscape for name with the bad
// escape esc as written (`\300`, `\1`, `\`).
func EscapeMessage(name, esc string) string {
	var what string
	switch {
	case len(esc) == len(`\DDD`): // \300: over 255
		what = esc + " is no byte: a \\DDD escape stands for one byte, 000 to 255"
	case len(esc) > 1: // \1, \12: too few digits
		what = esc + " is not an escape: after a backslash a digit starts a three-digit byte value (\\DDD)"
	default:
		what = "it ends in a backslash that escapes nothing"
	}
	return q(name) + " has a bad escape: " + what + ", so zone software rejects the name. A host name needs no escapes at all: write it with letters, digits, hyphens and dots only."
}

// HyphenMessage is the message of ProblemHostname for a label l with a
// hyphen at an end; who refuses it is "senders", "clients"; ref is the
// rule's section ("RFC 5321 §4.1.2").
func HyphenMessage(l, who, ref string) string {
	return "The label " + q(l) + " starts or ends with a hyphen: DNS can store it, but it is not valid in a host name (a label begins and ends with a letter or digit, " + ref + "), and some " + who + " refuse it. Rename the host."
}

// IDNMessage is the message of ProblemIDN for name; who looks it up is
// "senders", "clients".
func IDNMessage(name, who string) string {
	return q(name) + " holds non-ASCII characters: the DNS holds internationalised names in their ASCII form (the A-label, starting “xn--”), and " + who + " look up that form, so this name as written matches nothing. Write the A-label form, which your registrar or any IDN converter shows."
}

// EmptyLabelMessage is the message of ProblemEmptyLabel for name.
func EmptyLabelMessage(name string) string {
	return q(name) + " has an empty label (two dots in a row, or a dot at the start): that is not a valid domain name. Remove the extra dot."
}

// LabelLengthMessage is the message of ProblemLabelLength for label l of
// length bytes.
func LabelLengthMessage(l, length string) string {
	if len(l) > 24 {
		l = l[:20] + "…"
	}
	return "The label " + q(l) + " is " + length + " bytes long; DNS allows at most 63 per label (RFC 1035 §2.3.4). Shorten it."
}

// NameLengthMessage is the message of ProblemNameLength for a name of
// length bytes on the wire, origin when it was appended.
func NameLengthMessage(length, origin string) string {
	s := "The name is " + length + " bytes long in DNS form"
	if origin != "" {
		s += " once the origin is appended"
	}
	return s + "; at most 255 are allowed (253 characters written without the final dot, RFC 1035 §2.3.4). Use a shorter host name."
}

// Trouble says in a few words what is wrong with a name that has problem
// p, for a summary: "is an address, not a host name"; who is the one
// that looks the name up ("sender", "client").
func Trouble(p Problem, who string) string {
	switch p {
	case ProblemIP:
		return "is an address, not a host name"
	case ProblemURL:
		return "is written like a URL, not a bare host name"
	case ProblemMailbox:
		return "is an e-mail address, not a host name"
	case ProblemIDN:
		return "is not written in its ASCII (xn--) form"
	case ProblemEmptyLabel:
		return "has an empty label"
	case ProblemEscape:
		return "has a bad escape"
	case ProblemLabelLength, ProblemNameLength:
		return "is too long for the DNS"
	case ProblemLocalhost:
		return "is localhost, each " + who + "'s own machine"
	case ProblemSpecialUse:
		return "is under a reserved name that no " + who + " can resolve"
	}
	return "is not a valid host name"
}
