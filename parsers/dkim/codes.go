package dkim

// Finding codes. Each is stable: programs and documentation may rely on it.
// The comment says when the code fires and with which severity, and the Args
// its message is written from (none when it says none; values are text).
// Severities, sections and messages are in messages.go.
const (
	// CodeSyntax fires when a part of the record is not a tag=value pair (no
	// "=", or a tag name that is not ALPHA *(ALPHA / DIGIT / "_")). Error:
	// the tag-list is malformed and verifiers ignore the record (RFC 6376 §3.2, §6.1.2).
	// Args: "text", the part, when it has no "="; otherwise "tag", the name
	// that is not one (none when it is empty).
	// Fix: not yet written.
	CodeSyntax = "dkim.record.syntax"
	// CodeEmptyTag fires for an empty tag-spec between two semicolons (";;").
	// Warning: the grammar does not allow it, though most verifiers skip it (RFC 6376 §3.2).
	// Fix: delete the extra ";".
	CodeEmptyTag = "dkim.record.empty_tag"
	// CodeOwner fires when the owner name given with the record is not under a
	// "_domainkey" label. Error: verifiers never query it (RFC 6376 §3.6.2.1).
	// Args: "owner", without its final dot.
	// Fix: none here: the name is parsers' to correct (record.owner mismatch).
	CodeOwner = "dkim.owner.not_domainkey"
	// CodeDuplicate fires for the second and later occurrences of a tag. Error:
	// the entire tag-list is invalid (RFC 6376 §3.2).
	// Args: "tag"; "first", the first occurrence's value.
	// Fix: delete the repeat and the ";" before it, when its value is the
	// first's (for p=, but for FWS); none when they differ: which one was
	// meant is the owner's to say.
	CodeDuplicate = "dkim.tag.duplicate"
	// CodeUnknownTag fires for a tag RFC 6376 §3.6.1 does not define. Info:
	// verifiers ignore it; the message points out case mistakes ("P=" for "p=").
	// Args: "tag".
	// Fix: none: verifiers ignore it.
	CodeUnknownTag = "dkim.tag.unknown"
	// CodeVersionInvalid fires when v= is present with a value other than
	// "DKIM1". Error: verifiers discard the record (RFC 6376 §3.6.1).
	// Args: "value".
	// Fix: write DKIM1 as the value.
	CodeVersionInvalid = "dkim.v.invalid"
	// CodeVersionNotFirst fires when v= is present but is not the first tag.
	// Error: the record breaks a MUST and strict verifiers ignore it (RFC 6376 §3.6.1).
	// Fix: move the v= tag-spec, as written, before the first one.
	CodeVersionNotFirst = "dkim.v.not_first"
	// CodeVersionMissing fires when there is no v= tag. Info: v= is only
	// RECOMMENDED and defaults to DKIM1 (RFC 6376 §3.6.1).
	// Fix: none: v= is only RECOMMENDED.
	CodeVersionMissing = "dkim.v.missing"
	// CodeKeyTypeUnknown fires when k= names a key type other than "rsa" or
	// "ed25519". Error: verifiers cannot use the key (RFC 6376 §3.6.1, RFC 8463 §4.2).
	// Args: "value", k= as written.
	// Fix: k=rsa or k=ed25519 by the key p= holds (and for an Ed25519 key
	// wrapped in a SubjectPublicKeyInfo, p= the raw key with it, RFC 8463
	// §4.2); none when p= holds no key.
	CodeKeyTypeUnknown = "dkim.k.unknown"
	// CodeKeyTypeMismatch fires when the key in p= is not of the type k= declares
	// (or the default "rsa"). Error: verification fails with PERMFAIL
	// (inappropriate key algorithm) (RFC 6376 §6.1.2).
	// Args: "key", the type p= holds ("rsa", "ed25519"), and "bits" for
	// RSA; "declared", k= when written.
	// Fix: k= as the key p= holds, inserted before p= when k= is absent (and
	// for an Ed25519 key wrapped in a SubjectPublicKeyInfo, p= the raw key
	// with it, RFC 8463 §4.2).
	CodeKeyTypeMismatch = "dkim.k.mismatch"
	// CodeKeyMissing fires when there is no p= tag. Error: p= is REQUIRED
	// (RFC 6376 §3.6.1).
	// Args: "instead", a tag named p in the other case ("P"), when present.
	// Fix: the name "p" for the tag "instead" names; otherwise "p=" and a
	// slot added at the end: {{public-key}} where k=ed25519,
	// {{rsa-public-key}} otherwise (k=rsa is the default).
	CodeKeyMissing = "dkim.p.missing"
	// CodeKeyRevoked fires when p= is empty. Warning: the key is revoked and every
	// signature made with the selector fails; correct when that is intended
	// (RFC 6376 §3.6.1, §6.1.2).
	// Fix: none: an empty p= is meaningful (revoked, RFC 6376 §3.6.1).
	CodeKeyRevoked = "dkim.p.revoked"
	// CodeKeyPlaceholder fires when p= holds documentation placeholder text
	// ("...", "(your public key)", "<key>") instead of a key. Error.
	// Args: "value", p= as written.
	// Fix: the slot {{public-key}} where k=ed25519, {{rsa-public-key}}
	// otherwise.
	CodeKeyPlaceholder = "dkim.p.placeholder"
	// CodeKeyPEM fires when p= holds PEM armour ("-----BEGIN PUBLIC KEY-----").
	// Error: p= takes the base64 text alone (RFC 6376 §3.6.1).
	// Args: "key" and "bits", as CodeKeyTypeMismatch's, when the text between
	// the armour lines is a key.
	// Fix: the base64 between the armour lines, when it is a key; none otherwise.
	CodeKeyPEM = "dkim.p.pem_armor"
	// CodeKeyNotBase64 fires when p= is not base64. Error (RFC 6376 §3.6.1, §2.10).
	// Args: "char", the first character outside the alphabet, and
	// "position", its place (from 1) in the key; or "length", the base64
	// characters, when their number is impossible.
	// Fix: p= without quotes and blanks that are not FWS (no-break and
	// zero-width spaces), and in base64's alphabet where it was written in
	// base64url's ("-", "_"), when that is a key; none otherwise.
	CodeKeyNotBase64 = "dkim.p.not_base64"
	// CodeKeyTruncated fires when p= is base64 whose DER structure declares more
	// bytes than it holds: the key was cut off. Error.
	// Args: "chars", the base64 characters; "bytes", what they decode to;
	// "declared", the bytes the DER structure declares.
	// Fix: none: the rest of the key is the owner's (a TXT string cut at 255 bytes).
	CodeKeyTruncated = "dkim.p.truncated"
	// CodeKeyNotKey fires when p= is base64 but does not decode to a public key
	// of any type DKIM uses. Error.
	// Args: "bytes", what p= decodes to; "declared", the type k= declares
	// (rsa when k= is absent); "holds", what the bytes are when that can be
	// told ("private_key", "certificate", "other_key", "rsa_huge_exponent").
	// Fix: none: the right key is the owner's.
	CodeKeyNotKey = "dkim.p.not_key"
	// CodeKeyPKCS1 fires when an RSA key is a bare PKCS#1 RSAPublicKey rather
	// than a SubjectPublicKeyInfo. Warning: some verifiers accept only the
	// SubjectPublicKeyInfo form that RFC 6376's own examples use.
	// Fix: none: rewrapping the key is not a text edit here.
	CodeKeyPKCS1 = "dkim.p.pkcs1"
	// CodeKeyEd25519SPKI fires when k=ed25519 and p= holds the key wrapped in a
	// SubjectPublicKeyInfo instead of the raw 32 bytes. Error (RFC 8463 §4.2).
	// Args: "raw_key", the key unwrapped, in base64.
	// Fix: the raw 32-byte key in base64 ("raw_key").
	CodeKeyEd25519SPKI = "dkim.p.ed25519_spki"
	// CodeRSAExponent fires for an RSA key whose public exponent is even,
	// below 3, or not below the modulus. Error: such a key cannot be an RSA
	// key (RFC 8017 §3.1) and verifiers refuse it.
	// Args: "exponent"; "problem": "small", "modulus" or "even".
	// Fix: none: a new key is needed; the record carries PlanRotate.
	CodeRSAExponent = "dkim.key.exponent"
	// CodeRSAExponentLarge fires for an RSA key whose public exponent is over
	// 2^31-1. Warning: RFC 8017 allows it, but verifiers built on Go's
	// crypto/rsa refuse it (and OpenSSL exponents over 64 bits in keys over
	// 3072 bits); signers use 65537.
	// Args: "exponent".
	// Fix: none: a new key is needed; the record carries PlanRotate.
	CodeRSAExponentLarge = "dkim.key.exponent_large"
	// CodeRSATooShort fires for an RSA key under 1024 bits. Error: verifiers
	// MUST NOT consider its signatures valid (RFC 8301 §3.2).
	// Args: "bits".
	// Fix: none: a new key is needed; the record carries PlanRotate.
	CodeRSATooShort = "dkim.key.too_short"
	// CodeRSAShort fires for an RSA key of 1024 to 2047 bits. Warning: signers
	// SHOULD use at least 2048 bits (RFC 8301 §3.2).
	// Args: "bits".
	// Fix: none: a new key is needed; the record carries PlanRotate.
	CodeRSAShort = "dkim.key.short"
	// CodeRSATooLong fires for an RSA key over 4096 bits. Warning: verifiers
	// need only handle keys up to 4096 bits (RFC 8301 §3.2).
	// Args: "bits".
	// Fix: none: a new key is needed; the record carries PlanRotate.
	CodeRSATooLong = "dkim.key.too_long"
	// CodeHashSHA1Only fires when h= allows sha1 and no other known hash. Error:
	// rsa-sha1 MUST NOT be used for verifying, so no signature can pass (RFC 8301 §3.1).
	// Fix: h=sha256 (RFC 8301 §3.1).
	CodeHashSHA1Only = "dkim.h.sha1_only"
	// CodeHashNoUsable fires when h= lists no hash a verifier knows (only unknown
	// names). Error: every signature fails with PERMFAIL (inappropriate hash
	// algorithm) (RFC 6376 §6.1.2).
	// Args: "value", h= as written.
	// Fix: h=sha256, the one hash verifiers still accept (RFC 8301 §3.1).
	CodeHashNoUsable = "dkim.h.no_usable"
	// CodeHashSHA1 fires when h= lists sha1 next to sha256. Warning: sha1 is
	// historic and verifiers reject it (RFC 8301 §3.1).
	// Fix: delete sha1 and a ":" next to it from the list.
	CodeHashSHA1 = "dkim.h.sha1"
	// CodeHashUnknown fires for each hash name in h= that is not "sha1" or
	// "sha256". Warning: verifiers ignore it (RFC 6376 §3.6.1).
	// Args: "hash".
	// Fix: none: verifiers ignore it.
	CodeHashUnknown = "dkim.h.unknown"
	// CodeServiceNoEmail fires when s= lists neither "email" nor "*" nor
	// "tlsrpt". Error: mail verifiers MUST ignore the record (RFC 6376
	// §3.6.1).
	// Args: "value", s= as written.
	// Fix: s=email.
	CodeServiceNoEmail = "dkim.s.no_email"
	// CodeServiceTLSRPT fires when s= lists "tlsrpt" and neither "email"
	// nor "*". Info: the key signs SMTP TLS reports (RFC 8460 §3), and mail
	// verifiers ignore it.
	// Args: "value", s= as written.
	// Fix: none: widening what the key signs is the owner's choice.
	CodeServiceTLSRPT = "dkim.s.tlsrpt"
	// CodeServiceUnknown fires for each service type in s= that is not "email",
	// "*" or "tlsrpt". Info: verifiers ignore it (RFC 6376 §3.6.1).
	// Args: "service".
	// Fix: none: verifiers ignore it.
	CodeServiceUnknown = "dkim.s.unknown"
	// CodeTesting fires for t=y. Info: verifiers MUST treat the domain's signed
	// mail no differently from unsigned mail (RFC 6376 §3.6.1).
	// Fix: none: testing is a stage of a rollout.
	CodeTesting = "dkim.t.testing"
	// CodeFlagUnknown fires for each flag in t= other than "y" and "s". Info:
	// verifiers ignore it (RFC 6376 §3.6.1).
	// Args: "flag".
	// Fix: none: verifiers ignore it.
	CodeFlagUnknown = "dkim.t.unknown"
	// CodeListEmpty fires when h=, s= or t= has an empty element (an empty
	// value, or "::"). Warning: the grammar requires at least one name per element
	// (RFC 6376 §3.6.1).
	// Args: "tag".
	// Fix: delete the empty element and a ":" next to it; for an empty t=,
	// the tag-spec; for an empty h= or s=, CodeHashNoUsable's or
	// CodeServiceNoEmail's fix writes the value.
	CodeListEmpty = "dkim.list.empty_item"
)

// AllCodes lists every finding code, for tests and documentation.
var AllCodes = []string{
	CodeSyntax, CodeEmptyTag, CodeOwner, CodeDuplicate, CodeUnknownTag,
	CodeVersionInvalid, CodeVersionNotFirst, CodeVersionMissing,
	CodeKeyTypeUnknown, CodeKeyTypeMismatch,
	CodeKeyMissing, CodeKeyRevoked, CodeKeyPlaceholder, CodeKeyPEM, CodeKeyNotBase64,
	CodeKeyTruncated, CodeKeyNotKey, CodeKeyPKCS1, CodeKeyEd25519SPKI,
	CodeRSAExponent, CodeRSAExponentLarge, CodeRSATooShort, CodeRSAShort, CodeRSATooLong,
	CodeHashSHA1Only, CodeHashNoUsable, CodeHashSHA1, CodeHashUnknown,
	CodeServiceNoEmail, CodeServiceTLSRPT, CodeServiceUnknown, CodeTesting, CodeFlagUnknown, CodeListEmpty,
}
