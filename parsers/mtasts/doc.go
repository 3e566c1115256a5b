// Package mtasts explains MTA-STS, SMTP MTA Strict Transport Security
// (RFC 8461): the TXT record at _mta-sts.<domain> that says a domain has a
// policy and which instance of it is current (§3.1), and the policy file
// served at https://mta-sts.<domain>/.well-known/mta-sts.txt that says
// which MX hosts senders may deliver to and what they do when TLS to them
// fails (§3.2, §5).
//
// Explain and ExplainSet explain records, ExplainPolicy a policy file, field
// by field and line by line, with the RFC's own syntax (its ABNF is exact:
// "v=STSv1", "id", "version", "mode", "mx" and "max_age" are
// case-sensitive). RecordKind and PolicyKind describe both kinds for the
// registry in parsers. Covers and Covering match a policy's mx patterns
// against MX host names as senders do (§4.1).
//
// Finding codes are in codes.go; messages.go holds the one table of their
// severities, sections and messages (rendered from each finding's code and
// Args), prose.go the meanings of fields and the summaries.
package mtasts
