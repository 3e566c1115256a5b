package dkim

// All text mxplain says about DKIM key records is produced in this file:
// finding messages, field meanings and the summary sentence.

import (
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

const (
	refTagList = "RFC 6376 §3.2"
	refKey     = "RFC 6376 §3.6.1"
	refNS      = "RFC 6376 §3.6.2.1"
	refVerify  = "RFC 6376 §6.1.2"
	refAlgs    = "RFC 8301 §3.1"
	refSizes   = "RFC 8301 §3.2"
	refRSA     = "RFC 8017 §3.1" // the RSA public key: n and e
	refEd25519 = "RFC 8463 §4.2"
)

// codeInfo gives each finding code its severity and the section it cites.
var codeInfo = map[string]struct {
	Severity explain.Severity
	Ref      string
}{
	CodeSyntax:           {explain.Error, refTagList},
	CodeEmptyTag:         {explain.Warning, refTagList},
	CodeOwner:            {explain.Error, refNS},
	CodeDuplicate:        {explain.Error, refTagList},
	CodeUnknownTag:       {explain.Info, refKey},
	CodeVersionInvalid:   {explain.Error, refKey},
	CodeVersionNotFirst:  {explain.Error, refKey},
	CodeVersionMissing:   {explain.Info, refKey},
	CodeKeyTypeUnknown:   {explain.Error, refKey},
	CodeKeyTypeMismatch:  {explain.Error, refVerify},
	CodeKeyMissing:       {explain.Error, refKey},
	CodeKeyRevoked:       {explain.Warning, refVerify},
	CodeKeyPlaceholder:   {explain.Error, refKey},
	CodeKeyPEM:           {explain.Error, refKey},
	CodeKeyNotBase64:     {explain.Error, refKey},
	CodeKeyTruncated:     {explain.Error, refKey},
	CodeKeyNotKey:        {explain.Error, refKey},
	CodeKeyPKCS1:         {explain.Warning, refKey},
	CodeKeyEd25519SPKI:   {explain.Error, refEd25519},
	CodeRSAExponent:      {explain.Error, refRSA},
	CodeRSAExponentLarge: {explain.Warning, refRSA},
	CodeRSATooShort:      {explain.Error, refSizes},
	CodeRSAShort:         {explain.Warning, refSizes},
	CodeRSATooLong:       {explain.Warning, refSizes},
	CodeHashSHA1Only:     {explain.Error, refAlgs},
	CodeHashNoUsable:     {explain.Error, refVerify},
	CodeHashSHA1:         {explain.Warning, refAlgs},
	CodeHashUnknown:      {explain.Warning, refKey},
	CodeServiceNoEmail:   {explain.Error, refKey},
	CodeServiceUnknown:   {explain.Info, refKey},
	CodeTesting:          {explain.Info, refKey},
	CodeFlagUnknown:      {explain.Info, refKey},
	CodeListEmpty:        {explain.Warning, refKey},
}

const noVerify = "no signature made with this selector can verify"

// quote quotes s for a message, shortening it in the middle when long.
func quote(s string) string {
	const max = 72
	if len(s) > max {
		cut := max / 2
		head, tail := s[:cut], s[len(s)-cut:]
		for len(head) > 0 && !utf8Start(head[len(head)-1:]) {
			head = head[:len(head)-1]
		}
		for len(tail) > 0 && !utf8Start(tail) {
			tail = tail[1:]
		}
		s = head + "…" + tail
	}
	return fmt.Sprintf("%q", s)
}

func utf8Start(s string) bool { return s[0]&0xC0 != 0x80 }

func msgEmptyTag() string {
	return `Empty tag-spec between two semicolons. The tag-list grammar allows one optional ";" only at the end (RFC 6376 §3.2); most verifiers skip the empty part, but strict ones reject the record. Remove the extra ";".`
}

func msgNoEquals(text string) string {
	return fmt.Sprintf(`%s is not a tag=value pair: each part between semicolons must be a tag name, "=" and a value (RFC 6376 §3.2). Verifiers ignore a malformed key record, so fix this part or remove it.`, quote(text))
}

func msgBadTagName(name string) string {
	if name == "" {
		return `A value with no tag name before its "=". Verifiers ignore a malformed key record; check for a ";" that should not be there (inside p=, for example) or a tag name that was lost.`
	}
	s := fmt.Sprintf(`%s is not a valid tag name: a tag name is a letter followed by letters, digits or "_" (RFC 6376 §3.2). Verifiers ignore a malformed key record; check for a stray character or a missing ";" before this tag.`, quote(name))
	if strings.HasPrefix(name, `"`) {
		s += ` The leading double quote suggests the record was entered with its TXT quotes; enter the value without them.`
	}
	return s
}

func msgDuplicate(name, first, second string) string {
	s := fmt.Sprintf(`Tag %s= appears more than once (first as %s=%s). RFC 6376 §3.2 makes a tag-list with a duplicate tag invalid as a whole, so verifiers ignore this key record and %s. Keep one %s= and delete the other.`,
		name, name, quote(first), noVerify, name)
	if name == "p" {
		s += ` Two keys in one record usually means two records were merged: publish each key under its own selector.`
	}
	return s
}

func msgVersionInvalid(v string) string {
	s := fmt.Sprintf(`v=%s is not the DKIM key record version: the value must be exactly "DKIM1", and verifiers discard records whose v= has any other value, so %s. Write v=DKIM1.`, quote(v), noVerify)
	if strings.EqualFold(v, string(Version1)) {
		s += ` The comparison is case-sensitive.`
	} else if strings.HasPrefix(strings.ToUpper(v), "DKIM1") {
		s += ` Verifiers compare strings: "DKIM1.0" is not "DKIM1".`
	}
	return s
}

func msgVersionNotFirst() string {
	return `v=DKIM1 must be the first tag of the record (RFC 6376 §3.6.1), but another tag comes before it; a record that breaks this rule is malformed and verifiers may ignore it. Move v=DKIM1 to the start.`
}

func msgVersionMissing() string {
	return `No v= tag. It is optional and defaults to DKIM1, but starting the record with v=DKIM1 is RECOMMENDED and lets tools recognise the record.`
}

var signatureTags = map[string]bool{"a": true, "b": true, "bh": true, "c": true, "d": true,
	"i": true, "l": true, "q": true, "x": true, "z": true}

func msgUnknownTag(name string) string {
	s := fmt.Sprintf(`Unknown tag %s=; verifiers ignore it (RFC 6376 §3.6.1).`, name)
	low := strings.ToLower(name)
	switch {
	case low != name && strings.Contains("vhknpst", low) && len(low) == 1:
		s += fmt.Sprintf(` Tag names are case-sensitive: %s= is not %s=, so this value is not used; write %s=.`, name, low, low)
	case signatureTags[name]:
		s += fmt.Sprintf(` %s= is a tag of the DKIM-Signature header field, not of the key record; remove it.`, name)
	case name == "g":
		s += ` g= (key granularity) is deprecated and ignored under RFC 6376, but some older RFC 4871 verifiers still apply it (to them an empty g= matches no address), so RFC 6376 Appendix C.2 advises signers not to publish it; remove it.`
	}
	return s
}

func msgServiceUnknown(s string) string {
	m := fmt.Sprintf(`Service type %s is not defined; verifiers ignore it. The defined types are "email" and "*" (all services).`, quote(s))
	if strings.EqualFold(s, "email") {
		m += ` Values are case-sensitive: write "email".`
	}
	return m
}

func msgServiceNoEmail(v string) string {
	return fmt.Sprintf(`s=%s lists neither "email" nor "*", so mail verifiers MUST ignore this key record and %s. Remove s= (the default is "*") or write s=email.`, v, noVerify)
}

func msgKeyTypeUnknown(k string) string {
	s := fmt.Sprintf(`k=%s is not a DKIM key type: verifiers know "rsa" (RFC 6376) and "ed25519" (RFC 8463) and ignore keys of any other type, so %s. Write the type of the key in p=.`, quote(k), noVerify)
	if low := strings.ToLower(k); low != k && (low == "rsa" || low == "ed25519") {
		s += fmt.Sprintf(` Values are case-sensitive: write k=%s.`, low)
	}
	return s
}

func msgHashUnknown(h string) string {
	s := fmt.Sprintf(`Hash algorithm %s is not defined; verifiers ignore it (RFC 6376 §3.6.1). The defined names are "sha256" and the historic "sha1".`, quote(h))
	norm := strings.ReplaceAll(strings.ToLower(h), "-", "")
	switch {
	case norm == "sha256" || norm == "sha1":
		s += fmt.Sprintf(` Names are case-sensitive and have no hyphen: write %s.`, norm)
	case strings.HasPrefix(norm, "rsa") || strings.HasPrefix(norm, "ed25519"):
		s += ` h= takes hash names such as sha256, not signature algorithms such as rsa-sha256.`
	}
	return s
}

func msgHashSHA1() string {
	return `h= lists sha1, but RFC 8301 §3.1 made rsa-sha1 historic: signers must not sign and verifiers must not verify with it. Remove sha1 (leaving h=sha256), or remove h= altogether.`
}

func msgHashSHA1Only() string {
	return `h= allows only sha1, which RFC 8301 §3.1 forbids for signing and verifying. Verifiers accept only sha256 signatures (rsa-sha256, ed25519-sha256), which this key refuses, so ` + noVerify + `. Write h=sha256 or remove h=.`
}

func msgHashNoUsable(v string) string {
	return fmt.Sprintf(`h=%s names no hash algorithm verifiers know, so every signature made with this selector fails with "inappropriate hash algorithm" (RFC 6376 §6.1.2). Write h=sha256 or remove h= (absent, it allows every algorithm).`, v)
}

func msgTesting() string {
	return `t=y: the domain is testing DKIM. Verifiers MUST NOT treat mail signed with this key differently from unsigned mail, even when the signature fails to verify (RFC 6376 §3.6.1), so signatures earn the mail nothing. Remove y from t= once signing works.`
}

func msgFlagUnknown(f string) string {
	s := fmt.Sprintf(`Flag %s is not defined; verifiers ignore it. The defined flags are "y" (testing) and "s" (the i= domain must equal d=).`, quote(f))
	if low := strings.ToLower(f); low != f && (low == "y" || low == "s") {
		s += fmt.Sprintf(` Values are case-sensitive: write %s.`, low)
	}
	return s
}

func msgListEmpty(name string) string {
	return fmt.Sprintf(`%s= has an empty element: each element of the colon-separated list must be a name (RFC 6376 §3.6.1). Remove the extra ":" or write the value.`, name)
}

func msgOwner(owner string) string {
	labels := strings.Split(owner, ".")
	why := `which has no "_domainkey" label`
	switch i := slices.IndexFunc(labels, func(l string) bool { return strings.EqualFold(l, "_domainkey") }); {
	case i == 0:
		why = `which has no selector before "_domainkey"`
	case i > 0 && i == len(labels)-1:
		why = `which has no domain after "_domainkey"`
	}
	return fmt.Sprintf(`The record is at %s, %s. Verifiers look for a DKIM key only at selector._domainkey.domain (RFC 6376 §3.6.2.1), so they never find this one. Publish it at selector._domainkey.yourdomain.`, owner, why)
}

func msgKeyMissing(other string) string {
	s := `The record has no p= tag. p= (the public key) is REQUIRED (RFC 6376 §3.6.1), so this is not a usable key record and ` + noVerify + `. Add p= with the base64 public key from your mail provider or DKIM signer.`
	if other != "" {
		s += fmt.Sprintf(` The record has %s= instead: tag names are case-sensitive, write p=.`, other)
	}
	return s
}

func msgKeyRevoked() string {
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

func msgKeyPlaceholder(raw string) string {
	marks, plural := placeholderMarks(raw)
	verb := "stands"
	if plural {
		verb = "stand"
	}
	return fmt.Sprintf(`p= holds a documentation placeholder, not a public key: in %s, %s %s in for the real key, which was left out, so %s. Paste the full public key from your mail provider or DKIM signer: one unbroken base64 string (about 400 characters for a 2048-bit RSA key).`,
		quote(raw), marks, verb, noVerify)
}

func msgKeyPEM(k *Key) string {
	s := `p= contains PEM armour ("-----BEGIN PUBLIC KEY-----" and "-----END PUBLIC KEY-----"). p= takes only the base64 text between those lines, joined into one string; verifiers cannot decode it as written, so ` + noVerify + `. Remove the BEGIN and END lines.`
	if k.PublicKey != nil {
		s += fmt.Sprintf(` The text between them is %s, which is what p= should hold.`, keyPhrase(k))
	}
	return s
}

func msgKeyNotBase64(text string, bad int) string {
	c := text[bad:]
	c = c[:runeLen(c)]
	shown := quote(c)
	if c == `"` {
		shown = `the double quote`
	}
	s := fmt.Sprintf(`p= is not valid base64: %s (character %d of the key) is not in the base64 alphabet (A-Z, a-z, 0-9, "+", "/", and "=" only as end padding). Verifiers cannot decode the key, so %s.`,
		shown, bad+1, noVerify)
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

func msgKeyBadLength(n int) string {
	return fmt.Sprintf(`p= has %d base64 characters, a length no base64 encoding can have (a character is missing or extra), so verifiers cannot decode it and %s. Copy the key again from your mail provider or DKIM signer.`, n, noVerify)
}

func msgKeyTruncated(chars, have, declared int) string {
	return fmt.Sprintf(`p= is cut off: its %d base64 characters decode to %d bytes, but the key's DER structure declares %d, so %d bytes are missing. This happens when a key is pasted in part, or when a DNS panel keeps only the first 255 characters of a long TXT value instead of splitting it into several strings. Verifiers cannot use a partial key, so %s. Publish the whole key (a 2048-bit RSA key is 392 base64 characters), split into strings of at most 255 characters if your DNS host asks for that.`,
		chars, have, declared, declared-have, noVerify)
}

func msgKeyNotKey(n int, k KeyType, holds string) string {
	switch holds {
	case holdsPrivateKey:
		return `p= holds a PRIVATE key. Anyone can read DNS: treat this key as compromised, remove the record, generate a new key pair, and publish only its public key under a new selector.`
	case holdsCertificate:
		return `p= holds an X.509 certificate, not a bare public key, so verifiers cannot use it and ` + noVerify + `. Publish only the public key (for example: openssl x509 -pubkey -noout, then the base64 between the BEGIN and END lines).`
	case holdsHugeRSA:
		return `p= holds an RSA public key whose exponent is over 63 bits long: RFC 8017 allows any odd exponent below the modulus, but common verifiers (Go's crypto/x509 among them) cannot even read such a key, so ` + noVerify + ` for them. Signers use the exponent 65537: generate a new key pair and publish its public key under a new selector.`
	case holdsOtherKey:
		return `p= holds a public key of a type DKIM does not define (DKIM keys are RSA or Ed25519, RFC 6376 §3.6.1 and RFC 8463), so ` + noVerify + `. Publish an RSA or Ed25519 key.`
	}
	if k == KeyTypeEd25519 {
		return fmt.Sprintf(`p= is valid base64 but decodes to %d bytes; k=ed25519 needs the raw 32-byte Ed25519 public key (44 base64 characters, RFC 8463 §4.2), so %s. Copy the key again from your DKIM signer.`, n, noVerify)
	}
	return fmt.Sprintf(`p= is valid base64 but its %d bytes are not a public key: neither a DER SubjectPublicKeyInfo or RSAPublicKey nor a raw 32-byte Ed25519 key, so verifiers cannot use it and %s. Copy the public key again from your mail provider or DKIM signer.`, n, noVerify)
}

func msgKeyEd25519SPKI(k *Key) string {
	raw, _ := k.PublicKey.(ed25519.PublicKey)
	return fmt.Sprintf(`k=ed25519 requires p= to be the raw 32-byte Ed25519 key in base64 (44 characters, RFC 8463 §4.2), but this p= holds the key wrapped in a DER SubjectPublicKeyInfo (60 characters, starting "MCowBQYDK2VwAyEA"), which verifiers following RFC 8463 cannot use, so %s. Publish p=%s instead (the same key, unwrapped).`,
		noVerify, base64.StdEncoding.EncodeToString(raw))
}

func msgKeyTypeMismatch(k *Key, explicit bool) string {
	got := keyPhrase(k)
	fix := "k=" + string(k.decodedType())
	if k.decodedType() == KeyTypeRSA {
		fix = "k=rsa, or remove k= (rsa is the default)"
	}
	if !explicit {
		return fmt.Sprintf(`There is no k= tag, so the key type defaults to rsa, but p= holds %s. Verifiers read p= as the type k= names and fail every signature with "inappropriate key algorithm" (RFC 6376 §6.1.2). Add k=%s.`, got, k.decodedType())
	}
	return fmt.Sprintf(`k=%s, but p= holds %s. Verifiers read p= as the type k= names and fail every signature with "inappropriate key algorithm" (RFC 6376 §6.1.2). Write %s.`, k.KeyType, got, fix)
}

func msgKeyPKCS1() string {
	return `p= holds a bare PKCS#1 RSAPublicKey rather than a SubjectPublicKeyInfo. RFC 6376 §3.6.1 names RSAPublicKey, but its own examples and nearly all signers publish SubjectPublicKeyInfo, and some verifiers accept only that form. Republish the key as SubjectPublicKeyInfo (for example with openssl rsa -RSAPublicKey_in -pubout).`
}

// msgRSAExponent is about pub, whose exponent RFC 8017 §3.1 rules out.
func msgRSAExponent(pub *rsa.PublicKey) string {
	why := "is even"
	switch {
	case pub.E < 3:
		why = "is below 3"
	case big.NewInt(int64(pub.E)).Cmp(pub.N) >= 0:
		why = "is not smaller than the modulus"
	}
	return fmt.Sprintf(`The RSA public exponent is %d, which %s: RFC 8017 §3.1 requires an odd exponent from 3 up to the modulus minus 1, so this is not a valid RSA public key: verifiers that check the key (Go's crypto/rsa among them) refuse it, so %s. Generate a new key pair (signers use the exponent 65537) and publish its public key under a new selector.`, pub.E, why, noVerify)
}

// msgRSAExponentLarge is about the exponent e, over 2^31-1.
func msgRSAExponentLarge(e int) string {
	return fmt.Sprintf(`The RSA public exponent is %d, larger than 2^31-1. RFC 8017 allows it, but verifiers built on Go's crypto/rsa refuse such keys, and OpenSSL refuses exponents over 64 bits in keys over 3072 bits, so some receivers cannot verify these signatures. Signers use 65537: generate a new key pair with it and publish it under a new selector.`, e)
}

func msgRSATooShort(bits int) string {
	return fmt.Sprintf(`The RSA key is %d bits. RFC 8301 §3.2 requires at least 1024 bits and says verifiers MUST NOT consider signatures made with shorter keys valid, so %s. Generate a 2048-bit key, publish it under a new selector, and switch signing to it.`, bits, noVerify)
}

func msgRSAShort(bits int) string {
	return fmt.Sprintf(`The RSA key is %d bits. RFC 8301 §3.2 accepts keys of 1024 bits and more, but signers SHOULD use at least 2048. Generate a 2048-bit key, publish it under a new selector, and switch signing to it.`, bits)
}

func msgRSATooLong(bits int) string {
	return fmt.Sprintf(`The RSA key is %d bits. RFC 8301 §3.2 requires verifiers to handle keys of 1024 to 4096 bits only, so some may fail to verify these signatures. A 2048-bit key is verified everywhere.`, bits)
}

// keyPhrase describes a decoded key: "a 2048-bit RSA key", "an Ed25519 key".
func keyPhrase(k *Key) string {
	switch k.decodedType() {
	case KeyTypeRSA:
		return fmt.Sprintf("a %d-bit RSA key", k.Bits)
	case KeyTypeEd25519:
		return "an Ed25519 key"
	}
	return "no key"
}

// meaning explains one tag of the record, specific to its value.
func (p *parser) meaning(t tag, firstOfName bool) (meaning, ref string) {
	if !firstOfName {
		return fmt.Sprintf("A repeated %s= tag: it makes the whole record invalid (RFC 6376 §3.2).", t.Name), refTagList
	}
	switch t.Name {
	case "v":
		if t.Value == string(Version1) {
			return "Marks this TXT record as a DKIM key record, version DKIM1 (the only version).", refKey
		}
		return fmt.Sprintf("Claims version %s; only DKIM1 exists, so verifiers discard this record.", quote(t.Value)), refKey
	case "k":
		switch KeyType(t.Value) {
		case KeyTypeRSA:
			return "Declares the key in p= an RSA key, for rsa-sha256 signatures (rsa is also the default when k= is absent).", refKey
		case KeyTypeEd25519:
			return "Declares the key in p= an Ed25519 key, for ed25519-sha256 signatures; p= must hold its raw 32 bytes.", refEd25519
		}
		return fmt.Sprintf("Names key type %s, which DKIM does not define; verifiers cannot use this key.", quote(t.Value)), refKey
	case "h":
		items, _ := splitList(p.value, t)
		if len(items) == 0 {
			return "Lists no hash algorithm, so no signature can use this key.", refKey
		}
		names := make([]string, len(items))
		for i, it := range items {
			names[i] = it.Text
		}
		return "Allows signatures with this key to use only these hash algorithms: " + strings.Join(names, ", ") + ".", refKey
	case "n":
		if t.Value == "" {
			return "An empty note for administrators.", refKey
		}
		return fmt.Sprintf("A note for administrators, %s; no program interprets it.", quote(t.Value)), refKey
	case "p":
		return p.keyMeaning(t), refKey
	case "s":
		items, _ := splitList(p.value, t)
		names := make([]string, len(items))
		for i, it := range items {
			names[i] = it.Text
		}
		return "Limits the key to these service types: " + strings.Join(names, ", ") + ".", refKey
	case "t":
		items, _ := splitList(p.value, t)
		if len(items) == 0 {
			return "Sets no flags.", refKey
		}
		names := make([]string, len(items))
		for i, it := range items {
			switch Flag(it.Text) {
			case FlagTesting:
				names[i] = "y (testing)"
			case FlagStrict:
				names[i] = "s (strict: no subdomains in i=)"
			default:
				names[i] = quote(it.Text) + " (unknown, ignored)"
			}
		}
		return "Sets the flags " + strings.Join(names, ", ") + ".", refKey
	}
	return fmt.Sprintf("Tag %s= is not defined for DKIM key records; verifiers ignore it.", t.Name), refKey
}

func (p *parser) keyMeaning(t tag) string {
	k := p.key
	switch {
	case k.Revoked:
		return "Empty: the key has been revoked, and every signature made with this selector fails."
	case p.pProblem == CodeKeyPlaceholder:
		return "Should be the base64 public key, but holds documentation placeholder text."
	case p.pProblem == CodeKeyPEM:
		return "Should be the base64 public key, but holds PEM text with BEGIN/END lines."
	case p.pProblem == CodeKeyNotBase64:
		return "Should be the base64 public key, but is not valid base64."
	case p.pProblem == CodeKeyTruncated:
		return fmt.Sprintf("Should be the base64 public key, but is cut off after %d bytes.", len(k.Data))
	case p.pProblem == CodeRSAExponent:
		return fmt.Sprintf("An RSA public key whose exponent, %d, makes it unusable (RFC 8017 §3.1).", k.PublicKey.(*rsa.PublicKey).E)
	case p.pProblem == CodeKeyNotKey:
		return fmt.Sprintf("Should be the base64 public key, but its %d bytes are not a public key.", len(k.Data))
	}
	var form string
	switch k.Format {
	case FormatSPKI:
		form = "a DER SubjectPublicKeyInfo"
	case FormatPKCS1:
		form = "a bare DER PKCS#1 RSAPublicKey"
	case FormatRaw:
		form = "the raw key"
	}
	ws := ""
	if strings.ContainsAny(t.Value, " \t\r\n") {
		ws = "; the whitespace inside it is ignored"
	}
	return fmt.Sprintf("The public key: %s, %d bytes of %s in base64%s.", keyPhrase(k), len(k.Data), form, ws)
}

// itemName names the elements of a list tag in Field.Name.
var itemName = map[string]string{"h": "hash", "s": "service", "t": "flag"}

// itemMeaning explains one element of h=, s= or t=.
func itemMeaning(tagName, v string) (meaning, ref string) {
	switch tagName {
	case "h":
		switch HashAlgorithm(v) {
		case HashSHA256:
			return "SHA-256, the hash of rsa-sha256 and ed25519-sha256 signatures.", refKey
		case HashSHA1:
			return "SHA-1, used only by rsa-sha1, which RFC 8301 made historic: verifiers reject such signatures.", refAlgs
		}
		return fmt.Sprintf("Unknown hash algorithm %s; verifiers ignore it.", quote(v)), refKey
	case "s":
		switch Service(v) {
		case ServiceAll:
			return "All service types, email included.", refKey
		case ServiceEmail:
			return "Electronic mail.", refKey
		}
		return fmt.Sprintf("Unknown service type %s; verifiers ignore it.", quote(v)), refKey
	case "t":
		switch Flag(v) {
		case FlagTesting:
			return "Testing: the domain is testing DKIM, and verifiers must treat its signed mail no differently from unsigned mail, even when a signature fails.", refKey
		case FlagStrict:
			return "Strict: a signature's i= domain must be exactly its d= domain, not a subdomain of it.", refKey
		}
		return fmt.Sprintf("Unknown flag %s; verifiers ignore it.", quote(v)), refKey
	}
	return "", ""
}

// summaryFor returns the one-sentence summary. subject is "The DKIM key for
// selector s at d" or "This DKIM key".
func (p *parser) summary(subject string) string {
	k := p.key
	has := map[string]bool{}
	for _, c := range p.blockers {
		has[c] = true
	}
	unusable := func(why string) string {
		return fmt.Sprintf("%s is not usable: %s, so %s.", subject, why, noVerify)
	}
	switch {
	case has[CodeSyntax]:
		return fmt.Sprintf("%s is malformed (a part of it is not a valid tag=value pair), so verifiers ignore it and %s.", subject, noVerify)
	case has[CodeDuplicate]:
		return fmt.Sprintf("%s is invalid because a tag appears twice, so verifiers ignore it and %s.", subject, noVerify)
	case has[CodeVersionInvalid]:
		return fmt.Sprintf("%s is discarded by verifiers because v= is %s, not DKIM1, so %s.", subject, quote(string(k.Version)), noVerify)
	case has[CodeVersionNotFirst]:
		return fmt.Sprintf("%s is malformed because v=DKIM1 is not its first tag, so verifiers may ignore it.", subject)
	case has[CodeServiceNoEmail]:
		return fmt.Sprintf("%s is not for email (s= excludes it), so mail verifiers ignore it and %s.", subject, noVerify)
	case has[CodeKeyMissing]:
		return fmt.Sprintf("%s has no p= tag, so it holds no public key and %s.", subject, noVerify)
	case k.Revoked:
		return fmt.Sprintf("%s has been revoked (p= is empty), so every signature made with this selector fails.", subject)
	case has[CodeKeyPlaceholder]:
		return unusable("the public key is a documentation placeholder")
	case has[CodeKeyPEM]:
		return unusable("the public key is wrapped in PEM BEGIN/END lines")
	case has[CodeKeyNotBase64]:
		return unusable("the public key is not valid base64")
	case has[CodeKeyTruncated]:
		return unusable("the public key is cut off")
	case has[CodeKeyNotKey]:
		return unusable("p= does not hold an RSA or Ed25519 public key")
	case has[CodeKeyTypeUnknown]:
		return unusable(fmt.Sprintf("its key type %s is unknown to verifiers", quote(string(k.KeyType))))
	case has[CodeKeyEd25519SPKI]:
		return unusable("the Ed25519 key is wrapped in a SubjectPublicKeyInfo instead of being the raw 32 bytes")
	case has[CodeKeyTypeMismatch]:
		return unusable(fmt.Sprintf("k= says %s but p= holds %s", k.KeyType, keyPhrase(k)))
	case has[CodeRSAExponent]:
		return unusable("its RSA public exponent is not one RFC 8017 allows")
	case has[CodeRSATooShort]:
		return fmt.Sprintf("%s is %s, too short for verifiers to accept (RFC 8301 requires at least 1024 bits), so %s.", subject, keyPhrase(k), noVerify)
	case has[CodeHashSHA1Only]:
		return fmt.Sprintf("%s is %s that h= restricts to sha1, which verifiers no longer accept, so %s.", subject, keyPhrase(k), noVerify)
	case has[CodeHashNoUsable]:
		return fmt.Sprintf("%s is %s, but h= names no hash algorithm verifiers know, so %s.", subject, keyPhrase(k), noVerify)
	case len(p.blockers) > 0:
		return fmt.Sprintf("%s is not usable, so %s.", subject, noVerify)
	}
	alg := "rsa-sha256"
	if k.decodedType() == KeyTypeEd25519 {
		alg = "ed25519-sha256"
	}
	desc := keyPhrase(k)
	if k.decodedType() == KeyTypeRSA && k.Bits < 2048 {
		desc += " (below the recommended 2048 bits)"
	} else if k.decodedType() == KeyTypeRSA && k.Bits > 4096 {
		desc += " (larger than verifiers must support)"
	}
	s := fmt.Sprintf("%s is %s for verifying signatures made with %s", subject, desc, alg)
	if k.Testing() {
		s += ", in testing mode (t=y), so verifiers must treat its signed mail no differently from unsigned mail"
	}
	return s + "."
}
