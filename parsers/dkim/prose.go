package dkim

// The English about key records: field meanings and the summary sentence.
// Finding messages are in messages.go.

import (
	"strconv"
	"strings"
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
	return strconv.Quote(s)
}

func utf8Start(s string) bool { return s[0]&0xC0 != 0x80 }

// keyPhrase describes a decoded key: "a 2048-bit RSA key", "an Ed25519 key".
func keyPhrase(k *Key) string { return keyWords(k.decodedType(), k.Bits) }

// keyWords describes a key of type t and bits: "a 2048-bit RSA key".
func keyWords(t KeyType, bits int) string {
	switch t {
	case KeyTypeRSA:
		return "a " + strconv.Itoa(bits) + "-bit RSA key"
	case KeyTypeEd25519:
		return "an Ed25519 key"
	}
	return "no key"
}

// meaning explains one tag of the record, specific to its value.
func (p *parser) meaning(t tag, firstOfName bool) (meaning, ref string) {
	if !firstOfName {
		return "A repeated " + t.Name + "= tag: it makes the whole record invalid (RFC 6376 §3.2).", refTagList
	}
	switch t.Name {
	case "v":
		if t.Value == string(Version1) {
			return "Marks this TXT record as a DKIM key record, version DKIM1 (the only version).", refKey
		}
		return "Claims version " + quote(t.Value) + "; only DKIM1 exists, so verifiers discard this record.", refKey
	case "k":
		switch KeyType(t.Value) {
		case KeyTypeRSA:
			return "Declares the key in p= an RSA key, for rsa-sha256 signatures (rsa is also the default when k= is absent).", refKey
		case KeyTypeEd25519:
			return "Declares the key in p= an Ed25519 key, for ed25519-sha256 signatures; p= must hold its raw 32 bytes.", refEd25519
		}
		return "Names key type " + quote(t.Value) + ", which DKIM does not define; verifiers cannot use this key.", refKey
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
		return "A note for administrators, " + quote(t.Value) + "; no program interprets it.", refKey
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
	return "Tag " + t.Name + "= is not defined for DKIM key records; verifiers ignore it.", refKey
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
		return "Should be the base64 public key, but is cut off after " + strconv.Itoa(len(k.Data)) + " bytes."
	case p.pProblem == CodeRSAExponent:
		return "An RSA public key whose exponent, " + strconv.Itoa(k.PublicKey.(*RSAPublicKey).E) + ", makes it unusable (RFC 8017 §3.1)."
	case p.pProblem == CodeKeyNotKey:
		return "Should be the base64 public key, but its " + strconv.Itoa(len(k.Data)) + " bytes are not a public key."
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
	return "The public key: " + keyPhrase(k) + ", " + strconv.Itoa(len(k.Data)) + " bytes of " + form + " in base64" + ws + "."
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
		return "Unknown hash algorithm " + quote(v) + "; verifiers ignore it.", refKey
	case "s":
		switch Service(v) {
		case ServiceAll:
			return "All service types, email included.", refKey
		case ServiceEmail:
			return "Electronic mail.", refKey
		}
		return "Unknown service type " + quote(v) + "; verifiers ignore it.", refKey
	case "t":
		switch Flag(v) {
		case FlagTesting:
			return "Testing: the domain is testing DKIM, and verifiers must treat its signed mail no differently from unsigned mail, even when a signature fails.", refKey
		case FlagStrict:
			return "Strict: a signature's i= domain must be exactly its d= domain, not a subdomain of it.", refKey
		}
		return "Unknown flag " + quote(v) + "; verifiers ignore it.", refKey
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
		return subject + " is not usable: " + why + ", so " + noVerify + "."
	}
	switch {
	case has[CodeSyntax]:
		return subject + " is malformed (a part of it is not a valid tag=value pair), so verifiers ignore it and " + noVerify + "."
	case has[CodeDuplicate]:
		return subject + " is invalid because a tag appears twice, so verifiers ignore it and " + noVerify + "."
	case has[CodeVersionInvalid]:
		return subject + " is discarded by verifiers because v= is " + quote(string(k.Version)) + ", not DKIM1, so " + noVerify + "."
	case has[CodeVersionNotFirst]:
		return subject + " is malformed because v=DKIM1 is not its first tag, so verifiers may ignore it."
	case has[CodeServiceNoEmail]:
		return subject + " is not for email (s= excludes it), so mail verifiers ignore it and " + noVerify + "."
	case has[CodeKeyMissing]:
		return subject + " has no p= tag, so it holds no public key and " + noVerify + "."
	case k.Revoked:
		return subject + " has been revoked (p= is empty), so every signature made with this selector fails."
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
		return unusable("its key type " + quote(string(k.KeyType)) + " is unknown to verifiers")
	case has[CodeKeyEd25519SPKI]:
		return unusable("the Ed25519 key is wrapped in a SubjectPublicKeyInfo instead of being the raw 32 bytes")
	case has[CodeKeyTypeMismatch]:
		return unusable("k= says " + string(k.KeyType) + " but p= holds " + keyPhrase(k))
	case has[CodeRSAExponent]:
		return unusable("its RSA public exponent is not one RFC 8017 allows")
	case has[CodeRSATooShort]:
		return subject + " is " + keyPhrase(k) + ", too short for verifiers to accept (RFC 8301 requires at least 1024 bits), so " + noVerify + "."
	case has[CodeHashSHA1Only]:
		return subject + " is " + keyPhrase(k) + " that h= restricts to sha1, which verifiers no longer accept, so " + noVerify + "."
	case has[CodeHashNoUsable]:
		return subject + " is " + keyPhrase(k) + ", but h= names no hash algorithm verifiers know, so " + noVerify + "."
	case len(p.blockers) > 0:
		return subject + " is not usable, so " + noVerify + "."
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
	s := subject + " is " + desc + " for verifying signatures made with " + alg
	if !k.ForMail() {
		s += " on SMTP TLS reports only (s=tlsrpt, RFC 8460 §3): mail verifiers ignore it"
	}
	if k.Testing() {
		s += ", in testing mode (t=y), so verifiers must treat its signed mail no differently from unsigned mail"
	}
	return s + "."
}
