package dkim

import (
	"github.com/mxplain/mxplain/parsers/explain"
	"slices"
)

// Version is the value of the "v" tag.
type Version string

// Version1 is the only DKIM key record version.
const Version1 Version = "DKIM1" // "v", RFC 6376 §3.6.1

// KeyType is the value of the "k" tag.
type KeyType string

const (
	KeyTypeRSA     KeyType = "rsa"     // "k", RFC 6376 §3.6.1 (the default)
	KeyTypeEd25519 KeyType = "ed25519" // "k", RFC 8463 §4.2
)

// HashAlgorithm is one name in the "h" tag.
type HashAlgorithm string

const (
	HashSHA1   HashAlgorithm = "sha1"   // "h", RFC 6376 §3.6.1; historic since RFC 8301 §3.1
	HashSHA256 HashAlgorithm = "sha256" // "h", RFC 6376 §3.6.1
)

// Service is one service type in the "s" tag.
type Service string

const (
	ServiceAll   Service = "*"     // "s", RFC 6376 §3.6.1: all service types (the default)
	ServiceEmail Service = "email" // "s", RFC 6376 §3.6.1: electronic mail
	// ServiceTLSRPT marks a key that signs TLS reports (RFC 8460 §3); mail
	// verifiers do not use it: alone, it draws CodeServiceTLSRPT, with no
	// fix that would widen what the key signs.
	ServiceTLSRPT Service = "tlsrpt" // "s", RFC 8460 §3: SMTP TLS reports
)

// Flag is one flag in the "t" tag.
type Flag string

const (
	FlagTesting Flag = "y" // "t", RFC 6376 §3.6.1: the domain is testing DKIM
	FlagStrict  Flag = "s" // "t", RFC 6376 §3.6.1: i= domain must equal d=, not a subdomain
)

// KeyFormat says how the bytes of p= encode the key.
type KeyFormat string

const (
	FormatSPKI  KeyFormat = "spki"  // DER SubjectPublicKeyInfo, as RFC 6376's examples publish RSA keys
	FormatPKCS1 KeyFormat = "pkcs1" // DER PKCS#1 RSAPublicKey, named by RFC 6376 §3.6.1 for k=rsa
	FormatRaw   KeyFormat = "raw"   // the raw 32-byte Ed25519 key, RFC 8463 §4.2
)

// Key is a parsed DKIM key record. Tags that are absent keep their zero value
// except where RFC 6376 §3.6.1 gives a default, noted on the field.
type Key struct {
	Version        Version         // "v"; "" when absent (the default is DKIM1)
	KeyType        KeyType         // "k" as written; KeyTypeRSA when absent
	HashAlgorithms []HashAlgorithm // "h" as written, unknown names included; nil when absent (all allowed)
	Services       []Service       // "s" as written; nil when absent (the default "*")
	Flags          []Flag          // "t" as written, unknown flags included
	Notes          string          // "n" as written (a qp-section, not decoded)
	Data           []byte          // "p" base64-decoded; nil when absent, empty or not base64
	// PublicKey is the key decoded from "p": *RSAPublicKey or
	// Ed25519PublicKey; nil when p= is absent, empty, or not a key DKIM uses.
	PublicKey any
	Format    KeyFormat // how Data encodes PublicKey; "" when PublicKey is nil
	Bits      int       // the RSA modulus length, 256 for Ed25519, 0 without a key
	Revoked   bool      // "p" is present and empty: the key is revoked (RFC 6376 §3.6.1)
}

// Testing reports whether the t= flags include y.
func (k *Key) Testing() bool { return k.hasFlag(FlagTesting) }

// ForMail reports whether mail verifiers use the key: s= is absent or
// lists "email" or "*" (RFC 6376 §3.6.1).
func (k *Key) ForMail() bool {
	return len(k.Services) == 0 || slices.Contains(k.Services, ServiceEmail) || slices.Contains(k.Services, ServiceAll)
}

// StrictSubdomains reports whether the t= flags include s.
func (k *Key) StrictSubdomains() bool { return k.hasFlag(FlagStrict) }

func (k *Key) hasFlag(f Flag) bool {
	for _, g := range k.Flags {
		if g == f {
			return true
		}
	}
	return false
}

// decodedType is the type of the decoded key, or "" when there is none.
func (k *Key) decodedType() KeyType {
	switch k.PublicKey.(type) {
	case *RSAPublicKey:
		return KeyTypeRSA
	case Ed25519PublicKey:
		return KeyTypeEd25519
	}
	return ""
}

// Parse parses a DKIM key record value (TXT strings already joined) and
// returns the key with every finding about it. It never fails: a broken
// record yields what could be read, and findings say what is wrong.
func Parse(value string) (*Key, []explain.Finding) {
	p := parse(value)
	return p.key, p.findings
}
