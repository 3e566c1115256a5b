package dkim

// The finding messages: one rule per code, saying how much the finding
// matters, the section it cites and how its message reads, written from the
// finding's Args alone (codes.go documents each code's Args).

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// rules holds the rule of every code in AllCodes: its severity, the section
// it cites and its message.
var rules = explain.NewRules([]explain.CodeRule{
	{Code: CodeSyntax, Rule: explain.Rule{Severity: explain.Error, Ref: refTagList, Message: msgSyntax}},
	{Code: CodeEmptyTag, Rule: explain.Rule{Severity: explain.Warning, Ref: refTagList, Message: msgEmptyTag}},
	{Code: CodeOwner, Rule: explain.Rule{Severity: explain.Error, Ref: refNS, Message: msgOwner}},
	{Code: CodeDuplicate, Rule: explain.Rule{Severity: explain.Error, Ref: refTagList, Message: msgDuplicate}},
	{Code: CodeUnknownTag, Rule: explain.Rule{Severity: explain.Info, Ref: refKey, Message: msgUnknownTag}},
	{Code: CodeVersionInvalid, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgVersionInvalid}},
	{Code: CodeVersionNotFirst, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgVersionNotFirst}},
	{Code: CodeVersionMissing, Rule: explain.Rule{Severity: explain.Info, Ref: refKey, Message: msgVersionMissing}},
	{Code: CodeKeyTypeUnknown, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgKeyTypeUnknown}},
	{Code: CodeKeyTypeMismatch, Rule: explain.Rule{Severity: explain.Error, Ref: refVerify, Message: msgKeyTypeMismatch}},
	{Code: CodeKeyMissing, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgKeyMissing}},
	{Code: CodeKeyRevoked, Rule: explain.Rule{Severity: explain.Warning, Ref: refVerify, Message: msgKeyRevoked}},
	{Code: CodeKeyPlaceholder, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgKeyPlaceholder}},
	{Code: CodeKeyPEM, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgKeyPEM}},
	{Code: CodeKeyNotBase64, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgKeyNotBase64}},
	{Code: CodeKeyTruncated, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgKeyTruncated}},
	{Code: CodeKeyNotKey, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgKeyNotKey}},
	{Code: CodeKeyPKCS1, Rule: explain.Rule{Severity: explain.Warning, Ref: refKey, Message: msgKeyPKCS1}},
	{Code: CodeKeyEd25519SPKI, Rule: explain.Rule{Severity: explain.Error, Ref: refEd25519, Message: msgKeyEd25519SPKI}},
	{Code: CodeRSAExponent, Rule: explain.Rule{Severity: explain.Error, Ref: refRSA, Message: msgRSAExponent}},
	{Code: CodeRSAExponentLarge, Rule: explain.Rule{Severity: explain.Warning, Ref: refRSA, Message: msgRSAExponentLarge}},
	{Code: CodeRSATooShort, Rule: explain.Rule{Severity: explain.Error, Ref: refSizes, Message: msgRSATooShort}},
	{Code: CodeRSAShort, Rule: explain.Rule{Severity: explain.Warning, Ref: refSizes, Message: msgRSAShort}},
	{Code: CodeRSATooLong, Rule: explain.Rule{Severity: explain.Warning, Ref: refSizes, Message: msgRSATooLong}},
	{Code: CodeHashSHA1Only, Rule: explain.Rule{Severity: explain.Error, Ref: refAlgs, Message: msgHashSHA1Only}},
	{Code: CodeHashNoUsable, Rule: explain.Rule{Severity: explain.Error, Ref: refVerify, Message: msgHashNoUsable}},
	{Code: CodeHashSHA1, Rule: explain.Rule{Severity: explain.Warning, Ref: refAlgs, Message: msgHashSHA1}},
	{Code: CodeHashUnknown, Rule: explain.Rule{Severity: explain.Warning, Ref: refKey, Message: msgHashUnknown}},
	{Code: CodeServiceNoEmail, Rule: explain.Rule{Severity: explain.Error, Ref: refKey, Message: msgServiceNoEmail}},
	{Code: CodeServiceTLSRPT, Rule: explain.Rule{Severity: explain.Info, Ref: "RFC 8460 §3", Message: msgServiceTLSRPT}},
	{Code: CodeServiceUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refKey, Message: msgServiceUnknown}},
	{Code: CodeTesting, Rule: explain.Rule{Severity: explain.Info, Ref: refKey, Message: msgTesting}},
	{Code: CodeFlagUnknown, Rule: explain.Rule{Severity: explain.Info, Ref: refKey, Message: msgFlagUnknown}},
	{Code: CodeListEmpty, Rule: explain.Rule{Severity: explain.Warning, Ref: refKey, Message: msgListEmpty}},
})

// Message writes the message of a finding of code from its Args, as the
// package's findings have it; "" for a code that is not the package's.
func Message(code string, args explain.Args) string { return rules.Message(code, args) }

// keyArgs are the arguments that describe a decoded key, into args: "key",
// its type ("rsa", "ed25519"), and "bits" for an RSA key.
func keyArgs(args explain.Args, k *Key) explain.Args {
	args["key"] = string(k.decodedType())
	if k.decodedType() == KeyTypeRSA {
		args["bits"] = strconv.Itoa(k.Bits)
	}
	return args
}

// keyArgWords describes the key of keyArgs: "a 2048-bit RSA key".
func keyArgWords(a explain.Args) string {
	bits, _ := strconv.Atoi(a["bits"])
	return keyWords(KeyType(a["key"]), bits)
}

func msgEmptyTag(explain.Args) string {
	return `Empty tag-spec between two semicolons. The tag-list grammar allows one optional ";" only at the end (RFC 6376 §3.2); most verifiers skip the empty part, but strict ones reject the record. Remove the extra ";".`
}

func msgNoEquals(text string) string {
	return quote(text) + ` is not a tag=value pair: each part between semicolons must be a tag name, "=" and a value (RFC 6376 §3.2). Verifiers ignore a malformed key record, so fix this part or remove it.`
}

// msgSyntax is about a part with no "=" (args "text") or a tag name
// that is not one.
func msgSyntax(a explain.Args) string {
	if text := a["text"]; text != "" {
		return msgNoEquals(text)
	}
	name := a["tag"]
	if name == "" {
		return `A value with no tag name before its "=". Verifiers ignore a malformed key record; check for a ";" that should not be there (inside p=, for example) or a tag name that was lost.`
	}
	s := quote(name) + ` is not a valid tag name: a tag name is a letter followed by letters, digits or "_" (RFC 6376 §3.2). Verifiers ignore a malformed key record; check for a stray character or a missing ";" before this tag.`
	if strings.HasPrefix(name, `"`) {
		s += ` The leading double quote suggests the record was entered with its TXT quotes; enter the value without them.`
	}
	return s
}

func msgDuplicate(a explain.Args) string {
	name, first := a["tag"], a["first"]
	s := "Tag " + name + "= appears more than once (first as " + name + "=" + quote(first) + "). RFC 6376 §3.2 makes a tag-list with a duplicate tag invalid as a whole, so verifiers ignore this key record and " + noVerify + ". Keep one " + name + "= and delete the other."
	if name == "p" {
		s += ` Two keys in one record usually means two records were merged: publish each key under its own selector.`
	}
	return s
}

func msgVersionInvalid(a explain.Args) string {
	v := a["value"]
	s := "v=" + quote(v) + ` is not the DKIM key record version: the value must be exactly "DKIM1", and verifiers discard records whose v= has any other value, so ` + noVerify + ". Write v=DKIM1."
	if strings.EqualFold(v, string(Version1)) {
		s += ` The comparison is case-sensitive.`
	} else if strings.HasPrefix(strings.ToUpper(v), "DKIM1") {
		s += ` Verifiers compare strings: "DKIM1.0" is not "DKIM1".`
	}
	return s
}

func msgVersionNotFirst(explain.Args) string {
	return `v=DKIM1 must be the first tag of the record (RFC 6376 §3.6.1), but another tag comes before it; a record that breaks this rule is malformed and verifiers may ignore it. Move v=DKIM1 to the start.`
}

func msgVersionMissing(explain.Args) string {
	return `No v= tag. It is optional and defaults to DKIM1, but starting the record with v=DKIM1 is RECOMMENDED and lets tools recognise the record.`
}

var signatureTags = map[string]bool{"a": true, "b": true, "bh": true, "c": true, "d": true,
	"i": true, "l": true, "q": true, "x": true, "z": true}

func msgUnknownTag(a explain.Args) string {
	name := a["tag"]
	s := "Unknown tag " + name + "=; verifiers ignore it (RFC 6376 §3.6.1)."
	low := strings.ToLower(name)
	switch {
	case low != name && strings.Contains("vhknpst", low) && len(low) == 1:
		s += " Tag names are case-sensitive: " + name + "= is not " + low + "=, so this value is not used; write " + low + "=."
	case signatureTags[name]:
		s += " " + name + "= is a tag of the DKIM-Signature header field, not of the key record; remove it."
	case name == "g":
		s += ` g= (key granularity) is deprecated and ignored under RFC 6376, but some older RFC 4871 verifiers still apply it (to them an empty g= matches no address), so RFC 6376 Appendix C.2 advises signers not to publish it; remove it.`
	}
	return s
}

func msgServiceUnknown(a explain.Args) string {
	s := a["service"]
	m := "Service type " + quote(s) + ` is not defined; verifiers ignore it. The defined types are "email" and "*" (all services).`
	if strings.EqualFold(s, "email") {
		m += ` Values are case-sensitive: write "email".`
	}
	return m
}

func msgServiceTLSRPT(a explain.Args) string {
	return "s=" + a["value"] + ` limits the key to SMTP TLS reports (RFC 8460 §3): receivers of the domain's TLS-RPT reports verify their DKIM signature with it, and mail verifiers ignore it. If this selector also signs mail, write s=email:tlsrpt, or remove s= (the default is "*").`
}

func msgServiceNoEmail(a explain.Args) string {
	v := a["value"]
	return "s=" + v + ` lists neither "email" nor "*", so mail verifiers MUST ignore this key record and ` + noVerify + `. Remove s= (the default is "*") or write s=email.`
}

func msgKeyTypeUnknown(a explain.Args) string {
	k := a["value"]
	s := "k=" + quote(k) + ` is not a DKIM key type: verifiers know "rsa" (RFC 6376) and "ed25519" (RFC 8463) and ignore keys of any other type, so ` + noVerify + ". Write the type of the key in p=."
	if low := strings.ToLower(k); low != k && (low == "rsa" || low == "ed25519") {
		s += " Values are case-sensitive: write k=" + low + "."
	}
	return s
}

func msgHashUnknown(a explain.Args) string {
	h := a["hash"]
	s := "Hash algorithm " + quote(h) + ` is not defined; verifiers ignore it (RFC 6376 §3.6.1). The defined names are "sha256" and the historic "sha1".`
	norm := strings.ReplaceAll(strings.ToLower(h), "-", "")
	switch {
	case norm == "sha256" || norm == "sha1":
		s += " Names are case-sensitive and have no hyphen: write " + norm + "."
	case strings.HasPrefix(norm, "rsa") || strings.HasPrefix(norm, "ed25519"):
		s += ` h= takes hash names such as sha256, not signature algorithms such as rsa-sha256.`
	}
	return s
}

func msgHashSHA1(explain.Args) string {
	return `h= lists sha1, but RFC 8301 §3.1 made rsa-sha1 historic: signers must not sign and verifiers must not verify with it. Remove sha1 (leaving h=sha256), or remove h= altogether.`
}

func msgHashSHA1Only(explain.Args) string {
	return `h= allows only sha1, which RFC 8301 §3.1 forbids for signing and verifying. Verifiers accept only sha256 signatures (rsa-sha256, ed25519-sha256), which this key refuses, so ` + noVerify + `. Write h=sha256 or remove h=.`
}

func msgHashNoUsable(a explain.Args) string {
	v := a["value"]
	return "h=" + v + ` names no hash algorithm verifiers know, so every signature made with this selector fails with "inappropriate hash algorithm" (RFC 6376 §6.1.2). Write h=sha256 or remove h= (absent, it allows every algorithm).`
}

func msgTesting(explain.Args) string {
	return `t=y: the domain is testing DKIM. Verifiers MUST NOT treat mail signed with this key differently from unsigned mail, even when the signature fails to verify (RFC 6376 §3.6.1), so signatures earn the mail nothing. Remove y from t= once signing works.`
}

func msgFlagUnknown(a explain.Args) string {
	f := a["flag"]
	s := "Flag " + quote(f) + ` is not defined; verifiers ignore it. The defined flags are "y" (testing) and "s" (the i= domain must equal d=).`
	if low := strings.ToLower(f); low != f && (low == "y" || low == "s") {
		s += " Values are case-sensitive: write " + low + "."
	}
	return s
}

func msgListEmpty(a explain.Args) string {
	name := a["tag"]
	return name + `= has an empty element: each element of the colon-separated list must be a name (RFC 6376 §3.6.1). Remove the extra ":" or write the value.`
}

func msgOwner(a explain.Args) string {
	owner := a["owner"]
	labels := strings.Split(owner, ".")
	why := `which has no "_domainkey" label`
	switch i := slices.IndexFunc(labels, func(l string) bool { return strings.EqualFold(l, "_domainkey") }); {
	case i == 0:
		why = `which has no selector before "_domainkey"`
	case i > 0 && i == len(labels)-1:
		why = `which has no domain after "_domainkey"`
	}
	return "The record is at " + owner + ", " + why + ". Verifiers look for a DKIM key only at selector._domainkey.domain (RFC 6376 §3.6.2.1), so they never find this one. Publish it at selector._domainkey.yourdomain."
}

func msgKeyMissing(a explain.Args) string {
	other := a["instead"]
	s := `The record has no p= tag. p= (the public key) is REQUIRED (RFC 6376 §3.6.1), so this is not a usable key record and ` + noVerify + `. Add p= with the base64 public key from your mail provider or DKIM signer.`
	if other != "" {
		s += " The record has " + other + "= instead: tag names are case-sensitive, write p=."
	}
	return s
}

func msgKeyRevoked(explain.Args) string {
	return `p= is empty: the key has been revoked. Verifiers MUST fail every signature made with this selector (PERMFAIL, key revoked; RFC 6376 §6.1.2). That is correct if you retired the selector on purpose; if not, publish the current public key in p=.`
}

// placeholderMarks names what in p= shows it is a placeholder, and whether
// that is more than one thing.
func placeholderMarks(raw string) (string, bool) {
	var marks []string
	if strings.Contains(raw, "...") {
		marks = append(marks, `the "..."`)
	} else if strings.Contains(raw, "…") {
		marks = append(marks, `the "…"`)
	}
	for _, br := range []string{"()", "<>", "[]", "{}"} {
		i := strings.IndexByte(raw, br[0])
		if i < 0 {
			continue
		}
		if j := strings.IndexByte(raw[i:], br[1]); j > 0 {
			marks = append(marks, "the text "+quote(raw[i:i+j+1]))
			break
		}
	}
	if len(marks) == 0 {
		return "the placeholder wording", false
	}
	return strings.Join(marks, " and "), len(marks) > 1
}

func msgKeyPlaceholder(a explain.Args) string {
	raw := a["value"]
	marks, plural := placeholderMarks(raw)
	verb := "stands"
	if plural {
		verb = "stand"
	}
	return "p= holds a documentation placeholder, not a public key: in " + quote(raw) + ", " + marks + " " + verb + " in for the real key, which was left out, so " + noVerify + ". Paste the full public key from your mail provider or DKIM signer: one unbroken base64 string (about 400 characters for a 2048-bit RSA key)."
}

func msgKeyPEM(a explain.Args) string {
	s := `p= contains PEM armour ("-----BEGIN PUBLIC KEY-----" and "-----END PUBLIC KEY-----"). p= takes only the base64 text between those lines, joined into one string; verifiers cannot decode it as written, so ` + noVerify + `. Remove the BEGIN and END lines.`
	if a["key"] != "" {
		s += " The text between them is " + keyArgWords(a) + ", which is what p= should hold."
	}
	return s
}

// msgKeyNotBase64 is about a character outside the alphabet (args
// "char") or a length no base64 text has (args "length").
func msgKeyNotBase64(a explain.Args) string {
	if n := a["length"]; n != "" {
		return msgKeyBadLength(n)
	}
	c := a["char"]
	shown := quote(c)
	if c == `"` {
		shown = `the double quote`
	}
	s := "p= is not valid base64: " + shown + " (character " + a["position"] + ` of the key) is not in the base64 alphabet (A-Z, a-z, 0-9, "+", "/", and "=" only as end padding). Verifiers cannot decode the key, so ` + noVerify + "."
	switch c {
	case `"`:
		s += ` It suggests TXT strings were pasted with their quotes: enter the key without quotes (the DNS host splits long values into 255-byte strings itself).`
	case "-", "_":
		s += ` "-" and "_" belong to the URL-safe base64 alphabet; DKIM uses standard base64 with "+" and "/".`
	case `\`:
		s += ` A backslash suggests zone-file escaping was copied along; remove it.`
	case "=":
		s += ` "=" may only pad the end of the key: two keys, or a key and other text, were run together.`
	default:
		s += ` Copy the key again from your mail provider or DKIM signer.`
	}
	return s
}

func msgKeyBadLength(n string) string {
	return "p= has " + n + " base64 characters, a length no base64 encoding can have (a character is missing or extra), so verifiers cannot decode it and " + noVerify + ". Copy the key again from your mail provider or DKIM signer."
}

func msgKeyTruncated(a explain.Args) string {
	have, _ := strconv.Atoi(a["bytes"])
	declared, _ := strconv.Atoi(a["declared"])
	return "p= is cut off: its " + a["chars"] + " base64 characters decode to " + strconv.Itoa(have) + " bytes, but the key's DER structure declares " + strconv.Itoa(declared) + ", so " + strconv.Itoa(declared-have) + " bytes are missing. This happens when a key is pasted in part, or when a DNS panel keeps only the first 255 characters of a long TXT value instead of splitting it into several strings. Verifiers cannot use a partial key, so " + noVerify + ". Publish the whole key (a 2048-bit RSA key is 392 base64 characters), split into strings of at most 255 characters if your DNS host asks for that."
}

func msgKeyNotKey(a explain.Args) string {
	n := a["bytes"]
	switch a["holds"] {
	case holdsPrivateKey:
		return `p= holds a PRIVATE key. Anyone can read DNS: treat this key as compromised, remove the record, generate a new key pair, and publish only its public key under a new selector.`
	case holdsCertificate:
		return `p= holds an X.509 certificate, not a bare public key, so verifiers cannot use it and ` + noVerify + `. Publish only the public key (for example: openssl x509 -pubkey -noout, then the base64 between the BEGIN and END lines).`
	case holdsHugeRSA:
		return `p= holds an RSA public key whose exponent is over 63 bits long: RFC 8017 allows any odd exponent below the modulus, but common verifiers (Go's crypto/x509 among them) cannot even read such a key, so ` + noVerify + ` for them. Signers use the exponent 65537: generate a new key pair and publish its public key under a new selector.`
	case holdsOtherKey:
		return `p= holds a public key of a type DKIM does not define (DKIM keys are RSA or Ed25519, RFC 6376 §3.6.1 and RFC 8463), so ` + noVerify + `. Publish an RSA or Ed25519 key.`
	}
	if KeyType(a["declared"]) == KeyTypeEd25519 {
		return "p= is valid base64 but decodes to " + n + " bytes; k=ed25519 needs the raw 32-byte Ed25519 public key (44 base64 characters, RFC 8463 §4.2), so " + noVerify + ". Copy the key again from your DKIM signer."
	}
	return "p= is valid base64 but its " + n + " bytes are not a public key: neither a DER SubjectPublicKeyInfo or RSAPublicKey nor a raw 32-byte Ed25519 key, so verifiers cannot use it and " + noVerify + ". Copy the public key again from your mail provider or DKIM signer."
}

func msgKeyEd25519SPKI(a explain.Args) string {
	return `k=ed25519 requires p= to be the raw 32-byte Ed25519 key in base64 (44 characters, RFC 8463 §4.2), but this p= holds the key wrapped in a DER SubjectPublicKeyInfo (60 characters, starting "MCowBQYDK2VwAyEA"), which verifiers following RFC 8463 cannot use, so ` + noVerify + ". Publish p=" + a["raw_key"] + " instead (the same key, unwrapped)."
}

func msgKeyTypeMismatch(a explain.Args) string {
	got, decoded, declared := keyArgWords(a), KeyType(a["key"]), a["declared"]
	fix := "k=" + string(decoded)
	if decoded == KeyTypeRSA {
		fix = "k=rsa, or remove k= (rsa is the default)"
	}
	if declared == "" {
		return "There is no k= tag, so the key type defaults to rsa, but p= holds " + got + `. Verifiers read p= as the type k= names and fail every signature with "inappropriate key algorithm" (RFC 6376 §6.1.2). Add k=` + string(decoded) + "."
	}
	return "k=" + declared + ", but p= holds " + got + `. Verifiers read p= as the type k= names and fail every signature with "inappropriate key algorithm" (RFC 6376 §6.1.2). Write ` + fix + "."
}

func msgKeyPKCS1(explain.Args) string {
	return `p= holds a bare PKCS#1 RSAPublicKey rather than a SubjectPublicKeyInfo. RFC 6376 §3.6.1 names RSAPublicKey, but its own examples and nearly all signers publish SubjectPublicKeyInfo, and some verifiers accept only that form. Republish the key as SubjectPublicKeyInfo (for example with openssl rsa -RSAPublicKey_in -pubout).`
}

// msgRSAExponent is about an exponent RFC 8017 §3.1 rules out, for the
// reason exponentProblem names.
func msgRSAExponent(a explain.Args) string {
	why := map[string]string{"small": "is below 3", "modulus": "is not smaller than the modulus"}[a["problem"]]
	if why == "" {
		why = "is even"
	}
	return "The RSA public exponent is " + a["exponent"] + ", which " + why + ": RFC 8017 §3.1 requires an odd exponent from 3 up to the modulus minus 1, so this is not a valid RSA public key: verifiers that check the key (Go's crypto/rsa among them) refuse it, so " + noVerify + ". Generate a new key pair (signers use the exponent 65537) and publish its public key under a new selector."
}

// msgRSAExponentLarge is about an exponent over 2^31-1.
func msgRSAExponentLarge(a explain.Args) string {
	return "The RSA public exponent is " + a["exponent"] + ", larger than 2^31-1. RFC 8017 allows it, but verifiers built on Go's crypto/rsa refuse such keys, and OpenSSL refuses exponents over 64 bits in keys over 3072 bits, so some receivers cannot verify these signatures. Signers use 65537: generate a new key pair with it and publish it under a new selector."
}

func msgRSATooShort(a explain.Args) string {
	return "The RSA key is " + a["bits"] + " bits. RFC 8301 §3.2 requires at least 1024 bits and says verifiers MUST NOT consider signatures made with shorter keys valid, so " + noVerify + ". Generate a 2048-bit key, publish it under a new selector, and switch signing to it."
}

func msgRSAShort(a explain.Args) string {
	return "The RSA key is " + a["bits"] + " bits. RFC 8301 §3.2 accepts keys of 1024 bits and more, but signers SHOULD use at least 2048. Generate a 2048-bit key, publish it under a new selector, and switch signing to it."
}

func msgRSATooLong(a explain.Args) string {
	return "The RSA key is " + a["bits"] + " bits. RFC 8301 §3.2 requires verifiers to handle keys of 1024 to 4096 bits only, so some may fail to verify these signatures. A 2048-bit key is verified everywhere."
}
