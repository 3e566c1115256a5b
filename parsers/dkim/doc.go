// Package dkim parses and explains DKIM public-key records: the TXT record
// published at selector._domainkey.domain that verifiers fetch to check a
// DKIM-Signature.
//
// The record is a tag=value list (RFC 6376 §3.2) with the tags of RFC 6376
// §3.6.1: v (version, "DKIM1"), h (acceptable hash algorithms), k (key type),
// n (notes), p (the base64 public key, empty when revoked), s (service types)
// and t (flags). RFC 8301 made rsa-sha1 historic and set RSA key sizes (1024
// bits minimum, 2048 recommended, verifiers handle 1024 to 4096); RFC 8463
// added k=ed25519, whose p= is the raw 32-byte Ed25519 key in base64.
//
// Parse returns the typed Key; Explain returns the field-by-field explanation
// with findings that name what is wrong and how to fix it. Both are pure: no
// network, no clock, no randomness.
package dkim
