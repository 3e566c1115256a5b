package dkim

import (
	"strconv"
	"strings"

	"github.com/mxplain/mxplain/parsers/explain"
)

// PlanRotate is the plan on a DKIM key record whose key must be replaced:
// a new key pair under a new selector, published next to the old one,
// signed with, and the old selector revoked and then deleted once mail
// signed with it has been verified, as RFC 6376 §3.1 describes replacing
// keys with selectors.
//
// A key must be replaced when p= holds an RSA key that RFC 8301 §3.2 says
// is too short (under 2048 bits) or more than verifiers need handle (over
// 4096), or whose public exponent cannot be an RSA key's or verifiers
// refuse (RFC 8017 §3.1). Not for h=sha1 alone: the key is sound and the
// fix h=sha256 (with the signer set to rsa-sha256) is one edit. Not for a
// revoked key (empty p=): the record already is the plan's revoke step,
// and an owner who wants to sign again publishes a new key under a new
// selector, which the record cannot tell. Not for a key that is absent,
// cut off or no key at all: the owner's own key is what is missing.
const PlanRotate = "dkim.plan.rotate"

// The prose of the rotate plan's steps; rotatePlan writes the names in
// place of %DOMAIN%, %OLD% and %OLDNAME%.
const (
	stepGenerate = "Generate a new key pair in your signer: RSA of 2048 bits (signers SHOULD use at least 2048 and verifiers need handle no more than 4096, RFC 8301 §3.2). Publish its public key under a new selector, at {{selector}}._domainkey.%DOMAIN%, next to the old record, not in place of it: %OLD% keeps verifying the mail already signed with the old key (RFC 6376 §3.1). Check that the new record resolves from outside your network before you go on."
	stepEd25519  = "Where your signer supports it, generate an Ed25519 key pair too (RFC 8463) and publish it under a second new selector: a selector holds one key, so each algorithm needs its own (RFC 8463 §6). Sign with both keys: a verifier that does not know ed25519-sha256 ignores that signature and verifies the RSA one (RFC 6376 §4)."
	stepSwitch   = "Switch the signer to the new selector: sign with the new private key from now on (RFC 6376 §5.2). Watch a few messages you send: their DKIM-Signature header has s= the new selector, and the receiving side's Authentication-Results header says dkim=pass for it; with DMARC, the aggregate reports show the new selector passing."
	stepWait     = "Leave the old record as it is for at least its TTL plus a few days (a week is comfortable): mail signed with the old key is still queued, retried or verified late, and a verifier fetches the key when it verifies (RFC 6376 §5.2, §6.1.2). Move on when the reports show no more mail signed with %OLD%."
	stepRevoke   = "Revoke the old key: replace the record at %OLDNAME% with one whose p= is empty. A verifier then fails a signature made with it as one of a revoked key (RFC 6376 §3.6.1, §6.1.2). Remove the old private key from the signer."
	stepDelete   = "Later, once the reports and your logs show no mail signed with %OLD% for some weeks, delete the record at %OLDNAME%: a deleted key and a revoked one fail alike (RFC 6376 §3.1)."
)

// rotatePlan is the plan to replace the key of p, or false when its key
// need not be replaced (see PlanRotate). f names the selector and domain
// when the owner was given.
func (p *parser) rotatePlan(f *Facts) (explain.Plan, bool) {
	pub, ok := p.key.PublicKey.(*RSAPublicKey)
	if !ok {
		return explain.Plan{}, false
	}
	var what string
	switch {
	case p.has(CodeRSAExponent) || p.has(CodeRSAExponentLarge):
		what = "the RSA key with exponent " + strconv.Itoa(pub.E)
	case p.key.Bits < 2048 || p.key.Bits > 4096:
		what = "the " + strconv.Itoa(p.key.Bits) + "-bit RSA key"
	default:
		return explain.Plan{}, false
	}
	domain, old, oldName := explain.SlotText("domain"), "the old selector", "the old selector's name"
	if f.Domain != "" {
		domain = f.Domain
	}
	if f.Selector != "" {
		old = "the old selector (" + f.Selector + ")"
		oldName = f.Selector + "._domainkey." + domain
	}
	names := strings.NewReplacer("%DOMAIN%", domain, "%OLD%", old, "%OLDNAME%", oldName).Replace
	plan := explain.Plan{Code: PlanRotate, Ref: "RFC 6376 §3.1",
		Title: "From " + what + " to a new key under a new selector, in stages"}
	plan.Steps = []explain.Step{
		{Text: names(stepGenerate), Value: "v=DKIM1; k=rsa; p=" + explain.SlotText("rsa-public-key")},
		{Text: stepEd25519, Value: "v=DKIM1; k=ed25519; p=" + explain.SlotText("public-key")},
		{Text: stepSwitch},
		{Text: names(stepWait)},
		{Text: names(stepRevoke), Value: "v=DKIM1; p="},
		{Text: names(stepDelete)},
	}
	return plan, true
}

// has reports whether p found a finding of code.
func (p *parser) has(code string) bool {
	for _, f := range p.findings {
		if f.Code == code {
			return true
		}
	}
	return false
}
