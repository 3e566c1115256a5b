// The JavaScript side of mxplain's two WebAssembly engines:
// static/gen/explain.wasm (built from ./wasm/explain: explain, types) and
// static/gen/lookup.wasm (built from ./wasm: the same, and lookup). Load
// Go's wasm_exec.js, instantiate a module with `new Go().importObject`,
// call `go.run(instance)`; then globalThis.mxplain is set (on the page, or
// in a worker's global). static/engine.js does this for the page and the
// element, each engine in a Web Worker (declared at the end).

/** A half-open range [start, end) of UTF-8 byte offsets into the input. */
export type Span = [number, number];

export type Severity = "error" | "warning" | "info";

export type RecordType = "mx" | "spf" | "dkim" | "dmarc" | "unknown" | "other" | string;

export interface Field {
  span: Span;
  /** The field as it reads in the record value. */
  text: string;
  /** The tag, mechanism or part name: "ip4", "p", "preference". */
  name: string;
  /** The field's value as written, without its name. */
  value: string;
  /** Plain English, specific to this value. */
  meaning: string;
  /** "RFC 7208 §5.6" */
  ref?: string;
  children?: Field[];
}

export interface Finding {
  severity: Severity;
  /** Stable and dotted: "spf.ip4.invalid". */
  code: string;
  message: string;
  span: Span;
  ref?: string;
  /** The values the message was written from, by name (each code's are documented in its package's codes.go). */
  args?: Record<string, string>;
  /** How to correct it: write text in place of the input's bytes at span; "{{name}}" in text is a Slot. */
  fix?: { span: Span; text: string };
}

/** A place in a proposal only the record's owner can fill ("{{ipv4}}"). */
export interface Slot {
  name: string;
  /** What to write there. */
  label: string;
  /** A value of the right shape from the ranges kept for documentation: never to publish. */
  example: string;
}

/** The record with every fix of its findings applied (explain.Proposal). */
export interface Proposal {
  /** The corrected value, TXT strings joined. */
  value: string;
  /** The corrected record in the form the input wrote it: bare value, quoted strings, zone line. */
  text: string;
  /** As a DNS panel asks for it; name and type are "" for a document (an MTA-STS policy file). */
  panel: { name: string; type: string; value: string };
  /** Codes of the findings it corrects. */
  fixes: string[];
  slots: Slot[];
  /** Codes of the errors it leaves, for the owner to decide. */
  remaining: string[];
}

export interface ExplainedRecord {
  type: RecordType;
  /** "TXT", "MX", … when known. */
  rr_type?: string;
  /** "example.com." or "" when the input did not name it. */
  owner: string;
  ttl: number | null;
  /** The record value, TXT strings joined. */
  value: string;
  span: Span;
  /** Owner, TTL, class and type when the input was zone text. */
  header?: Field[];
  summary: string;
  /** False iff any finding is an error. */
  valid: boolean;
  /**
   * Present (true) when the record came from a zone line only zone software
   * can judge and the first engine, which does without it, explained it:
   * valid and findings may change once the lookup engine has.
   */
  pending?: true;
  fields: Field[];
  findings: Finding[];
  /** Typed values per record type (dns_lookups, policy, key_bits, …). */
  facts: Record<string, unknown> | null;
  /** Present when a finding has a fix. */
  proposal?: Proposal;
  /** Changes that take more than one edit. */
  plans?: Plan[];
}

export interface Explanation {
  input: string;
  records: ExplainedRecord[];
  /** Spans of the lines that were text around the records (prose, Markdown, HTML), left out. */
  skipped?: Span[];
  /** Set (and records empty) when the input holds no record or the type is unknown. */
  error?: string;
}

/** Options of mxplain.lookup. */
export interface LookupOptions {
  /**
   * The DNS-over-HTTPS resolver (RFC 8484): an https URL such as
   * "https://cloudflare-dns.com/dns-query", http only to a loopback host, or
   * a path on the page's origin ("/dns-query"). Default Cloudflare. The
   * page's Content-Security-Policy (connect-src) must allow it.
   */
  resolver?: string;
  /** DKIM selectors to look up besides the common ones: a list, or one string separated by commas or blanks. */
  selectors?: string[] | string;
  /** Skip the common DKIM selectors (look up only `selectors`). */
  noProbe?: boolean;
  /** The BIMI selector to look up instead of "default" (a message's BIMI-Selector header names it). */
  bimiSelector?: string;
  /**
   * The API on the page's origin that fetches MTA-STS policies,
   * "/api/v1/mta-sts-policy" when mxplain serve or the Worker serves the
   * page (a browser cannot read https://mta-sts.<domain>/ across origins).
   * Absent, or answered 404 (a static host): the report's mta_sts.fetch_error
   * has kind "unavailable" and says so; the rest still comes from the browser.
   */
  policyEndpoint?: string;
  /** A client IP address: the report then evaluates SPF's check_host() for it (RFC 7208 §4). */
  ip?: string;
  /** The MAIL FROM address for the check; default postmaster@<domain>. */
  sender?: string;
  /** The HELO/EHLO name for the check (%{h}). */
  helo?: string;
  /** Called after every query sent and every answer. */
  onProgress?: (progress: string /* JSON of a LookupProgress */) => void;
}

export interface LookupProgress {
  /** Queries sent to the resolver so far (answers from the report's cache are free). */
  queries: number;
  /** Questions answered (or failed) so far. */
  answered: number;
  /** Questions waiting for an answer, by part, name and type; part: the report's part that asked (PartStatus.part). */
  pending: { name: string; type: string; part: string }[];
  /** Every part of the report in display order: its label, its queries waiting, whether its lookup is done. */
  parts: { part: string; label: string; pending: number; done: boolean }[];
}

/** One part of a lookup report, as the report's "parts" list gives it (computed by the engine). */
export interface PartStatus {
  /** "mx", "spf", "dmarc", "dkim", "mta-sts", …: DNSError.part and the report's findings' part name it. */
  part: string;
  /** The key of its section in the report: "mx", "mta_sts". */
  section: string;
  /** For people: "MX". */
  label: string;
  /** What the part is about: "Mail exchangers". */
  title: string;
  /** The first that holds: error, partial (a query it needed failed), missing (no record found), warning, ok. */
  status: "ok" | "warning" | "error" | "missing" | "partial";
  /** Error and warning findings on its records, its problems and the report's findings about it. */
  errors: number;
  warnings: number;
  /** How many of its answers the resolver validated with DNSSEC (AD); absent when it got none. */
  dnssec?: "validated" | "partly" | "unvalidated";
  /** The same for people: "DNSSEC-validated". */
  dnssec_label?: string;
}

/** A server a mail client may use, from one SRV record. */
export interface SRVServer {
  service: string; protocol: string; tls: "implicit" | "starttls";
  priority: number; weight: number; port: number; target: string;
  addresses: string[]; nxdomain: boolean; resolved: boolean; errors: DNSError[];
  /** "imap.example.com:993 (IMAP, implicit TLS)". */
  says: string;
}

/** One step of the path of a message (LookupReport.path), the engine's. */
export interface PathStep {
  step: "submit" | "mx" | "tls" | "checks" | "deliver" | "read";
  /** As the article names them: "MUA → MTA", "MTA", "MTA → MTA", "MDA", "MRA → MUA". */
  actor: string;
  title: string;
  /** What the actor does, in one sentence with its RFC. */
  does: string;
  /** What this domain's records make of it: one sentence per part it rests on. */
  says: string[];
  /** The parts it rests on (PartStatus.part: their sections' anchors). */
  parts: string[];
  /** The worst status of its parts; skipped when no message gets there; none when it reads no record. */
  status: "ok" | "warning" | "error" | "skipped" | "none";
  mark: string;
}

/** A failed query: where the report needed it, and why. */
export interface DNSError {
  part: "mx" | "spf" | "dmarc" | "dkim" | string;
  name: string;
  type: string;
  kind: "rcode" | "timeout" | "http" | "malformed" | "transport" | "name" | "budget" | "internal" | string;
  /** The kind for people ("no answer in time"): front ends show it and list no labels of their own. */
  kind_label: string;
  message: string;
  /** A failed probe of a common DKIM selector: the report stays whole. */
  optional?: boolean;
}

export interface MXHost {
  preference: number;
  exchange: string;
  addresses: string[];
  alias?: string[];
  nxdomain: boolean;
  /** The domain itself, for lack of MX records (RFC 5321 §5.1). */
  implicit?: boolean;
  errors: DNSError[];
}

export interface SPFNode {
  domain: string;
  /** The term that led here: "include:_spf.example.net". */
  via?: string;
  record: ExplainedRecord | null;
  error?: string;
  /** Terms that cost one of the 10 DNS lookups; lookup is the running total. */
  spends: { term: string; lookup: number; void: boolean }[];
  children: SPFNode[];
  /** For a record of another organizational domain (a provider's, by include or redirect): that domain; its owner fixes the record. */
  provider?: string;
}

export interface DMARCStep {
  domain: string;
  name: string;
  records: ExplainedRecord[];
  valid: boolean;
  psd?: "y" | "n";
  after_stop?: boolean;
  error?: DNSError;
}

/** One line of a report's checklist (inspect.Verdict). */
export interface Verdict {
  /** The part's name, as in LookupReport.parts: "spf". */
  part: string;
  label: string;
  /** The JSON key of the part's section ("mta_sts"). */
  section: string;
  /** The id of the part's section under the front end's prefix: the page's section is "lk-" + anchor ("lk-spf"). */
  anchor: string;
  /** error: an error finding of the part (the one validity rule); warning: a warning, a failed query, or a record every domain should have missing. */
  status: "ok" | "warning" | "error";
  mark: "✓" | "!" | "✗";
  /** One sentence: what the part found, with its counts. Text from DNS: insert it as text. */
  text: string;
}

/** A change that one edit does not make (explain.Plan): steps, each with the value to publish, if any. */
export interface Plan {
  code: string;
  title: string;
  ref?: string;
  steps: { text: string; value?: string }[];
}

/**
 * The JSON of an inspect.Report (package inspect): everything the DNS says
 * about a domain's mail. Records are ExplainedRecords whose spans index
 * their own value.
 */
export interface LookupReport {
  /** The name asked, in A-labels, lower case, no final dot. */
  domain: string;
  /** What was asked for. */
  input: string;
  /**
   * How domain was read from input: absent for a domain, "address" for a
   * mail address (its domain), "url" for a URL (its host, less a first
   * "www." label).
   */
  from?: "address" | "url";
  /** Why no lookup was made (invalid domain, IP or resolver). */
  error?: string;
  nxdomain: boolean;
  queries: number;
  elapsed_ms: number;
  /** Every part of the report, in display order, with its status and counts; empty when no lookup was made. */
  parts: PartStatus[];
  /** The checklist to draw first: one line per entry of parts, in its order (computed by the engine). */
  verdicts: Verdict[];
  mx: {
    name: string;
    alias?: string[];
    records: ExplainedRecord[];
    /** In delivery order (lowest preference first). */
    hosts: MXHost[];
    null_mx: boolean;
    implicit: boolean;
    nxdomain: boolean;
    error?: DNSError;
  };
  spf: {
    tree: SPFNode | null;
    /** Counted as RFC 7208 §4.6.4 counts them: limits 10 and 2. */
    dns_lookups: number;
    void_lookups: number;
    networks: string[];
    /** The tree's problems; at_term: an error that is also a finding of the record at domain, at its term (that record is not valid). */
    problems: { severity: Severity; code: string; message: string; domain?: string; term?: string; at_term?: boolean }[];
    /** Only when dns_lookups is over 10: how to bring the policy within the limit. */
    plan?: Plan;
    result?: string;
    check?: {
      ip: string; domain: string; sender: string; helo?: string; result: string;
      explanation?: string; problem?: string; code?: string;
      path: { domain: string; depth: number; term: string; match: boolean; result?: string; note?: string }[];
      dns_lookups: number; void_lookups: number;
    };
  };
  dmarc: {
    policy_domain: string;
    organizational_domain: string;
    source: "domain" | "organizational" | "psd" | "";
    record: ExplainedRecord | null;
    policy: string;
    walk: DMARCStep[];
    rfc7489: { organizational_domain: string; policy_domain: string; error?: DNSError };
    report_authorizations: { tag: string; uri: string; host: string; name: string; authorized: boolean; record?: string; error?: DNSError }[];
  };
  /** Selector → its key record, for every selector where one was found. */
  dkim: Record<string, ExplainedRecord>;
  dkim_selectors: { selector: string; name: string; named: boolean; found: boolean; skipped?: boolean; error?: DNSError }[];
  /** SMTP TLS reporting (RFC 8460): every TXT record at _smtp._tls, the one senders use, where reports go. */
  tls_rpt: { name: string; records: ExplainedRecord[]; record: ExplainedRecord | null; mailto: string[]; https: string[]; error?: DNSError };
  /** BIMI (draft-10): the names asked (the domain's, then the organizational domain's), the record used, and whether DMARC lets the logo show. */
  bimi: {
    selector: string;
    steps: { domain: string; name: string; records: ExplainedRecord[]; error?: DNSError }[];
    source: "domain" | "organizational" | "";
    record: ExplainedRecord | null;
    logo: string; evidence: string; declined: boolean; eligible: boolean;
  };
  /** DNSSEC (RFC 4035): the domain's status from its DNSKEY and DS answers and the AD bit, and each part's answers validated. */
  dnssec: {
    name: string;
    status: "validated" | "bogus" | "unvalidated" | "no_ds" | "unsigned" | "unknown";
    dnskey: number; ds: number; proven: boolean;
    sections: { part: string; answers: number; validated: number }[];
    errors: DNSError[];
  };
  /** DANE for SMTP (RFC 7672): each MX host's TLSA records at _25._tcp.<host> and whether they protect it. */
  dane: {
    mx_validated: boolean;
    hosts: {
      host: string; name: string; alias?: string[]; address_validated: boolean;
      records: ExplainedRecord[]; validated: boolean; usable: number;
      status: "protected" | "none" | "tlsa_unvalidated" | "mx_unvalidated" | "address_unvalidated" | "unusable" | "unknown";
      says: string; error?: DNSError;
    }[];
    protected: number;
    error?: DNSError;
  };
  /** SRV records for mail clients (RFC 6186, RFC 8314): every service asked, and the servers to send and to read through, in the order a client tries them. */
  srv: {
    services: { service: string; name: string; records: ExplainedRecord[]; not_offered: boolean; validated: boolean; error?: DNSError }[];
    submit: SRVServer[];
    read: SRVServer[];
  };
  /** The path of a message to and from the domain, step by step. */
  path: PathStep[];
  /** About the domain as a whole (report.* codes), each about one part; records' own findings are in them. */
  findings: { severity: Severity; code: string; part: string; message: string; name?: string; ref?: string }[];
  /** Every failed query; the report is partial when one is not optional. */
  errors: DNSError[];
}

export interface Mxplain {
  /**
   * Explains every record in input; type forces one (a `type` of types(),
   * in any case) or is "" to detect it. Returns the JSON of an Explanation.
   */
  explain(input: string, type?: string): string;
  /**
   * The record types explain() knows, in the order to list them: the JSON
   * of a RecordTypeInfo[]. Pages take type names and labels from it.
   */
  types(): string;
  /**
   * Looks domain up over DNS-over-HTTPS (the browser's fetch) and resolves
   * to the JSON of a LookupReport. It never rejects: an invalid domain, IP
   * or resolver gives a report whose `error` says why, failed queries a
   * report with `errors`. At most 50 queries; 10 s at most.
   */
  lookup?(domain: string, options?: LookupOptions): Promise<string>;
  /**
   * lookup.wasm only: one lookup of a built-in zone, in memory (no query
   * leaves the engine), resolving to its report's JSON; the worker runs it
   * once before it says the engine is ready, so that the first real lookup
   * does not pay for the first run of the code.
   */
  warm?(): Promise<string>;
  /** lookup.wasm only: a report's JSON (as lookup gave it) written as Markdown, the text of `mxplain lookup --markdown`. */
  lookupMarkdown?(reportJSON: string): string;
  /** The build's version. */
  readonly version: string;
}

declare global {
  // eslint-disable-next-line no-var
  var mxplain: Mxplain | undefined;
}

// ---- static/engine.js: the engine off the main thread -------------------

/** Options of loadEngine (static/engine.js). */
export interface EngineFiles {
  /** The URL of explain.wasm; fetched and compiled once, shared by every instance. */
  wasm: string;
  /** The URL of lookup.wasm, fetched on the first lookup() or warmLookup(); without it lookup() rejects. */
  lookupWasm?: string | null;
  /** The URL of Go's wasm_exec.js (the worker loads it with importScripts). */
  exec: string;
  /**
   * The URL of engine-worker.js, or null to run the engines on the main thread
   * (as it does when the worker is of another origin than the page's,
   * which a browser does not start).
   */
  worker?: string | null;
}

/** One record type the engine explains: an entry of mxplain.types()'s JSON. */
export interface RecordTypeInfo {
  /** The type's name in the JSON and for --type: "spf", "mta-sts". */
  type: string;
  /** Its short name: "SPF". */
  label: string;
  /** What it is: "SPF policy". */
  title: string;
  /** The document that defines it: "RFC 7208". */
  ref: string;
}

/** What loadEngine returns: one per page and wasm URL, however often it is called. */
export interface Engine {
  /** Resolves to the engine's version once it can explain; rejects when the wasm cannot load. */
  readonly ready: Promise<string>;
  /** The record types the engine explains, in its registry's order (mxplain.types(), parsed). */
  types(): Promise<RecordTypeInfo[]>;
  /**
   * Explains input in the worker (in order of the calls) and resolves to
   * the first engine's answer, parsed; to null when restart() dropped it.
   * When a record of it is pending, the lookup engine explains the input
   * again and onChecked gets its answer.
   */
  explain(input: string, type?: string, options?: { onChecked?: (full: Explanation) => void }): Promise<Explanation | null>;
  /** Terminates the worker if it is explaining and starts a new one from the compiled module. */
  restart(): void;
  /**
   * Looks domain up with lookup.wasm (fetched and started on the first
   * call), in its worker, and resolves to the JSON of a LookupReport;
   * options.onProgress gets each progress JSON.
   */
  lookup(domain: string, options?: LookupOptions): Promise<string>;
  /** A report's JSON as Markdown, written by the lookup engine (mxplain.lookupMarkdown). */
  markdown(reportJSON: string): Promise<string>;
  /** Fetches, compiles and starts lookup.wasm now (once), so that the first lookup does not wait for it. */
  warmLookup(): void;
}

export declare function loadEngine(files: EngineFiles): Engine;

/** Messages to engine-worker.js: wasm_exec.js's URL, the compiled module, then explanations. */
export type WorkerRequest =
  | { exec: string }
  | { module: WebAssembly.Module }
  | { id: number; input: string; type: string }
  | { id: number; lookup: string; opts: Omit<LookupOptions, "onProgress"> }
  | { id: number; markdown: string };

/**
 * Messages from engine-worker.js. An answer is its head (the Explanation
 * with no records yet) and then `pieces` messages, each records to add or
 * fields to add to the last record, so that no one message holds the main
 * thread long.
 */
export type WorkerAnswer =
  | { ready: string; types: string /* mxplain.types()'s JSON */ }
  | { failed: string }
  | { id: number; head: Explanation; pieces: number; ms: number }
  | { id: number; records: ExplainedRecord[] }
  | { id: number; fields: Field[] }
  | { id: number; progress: string /* an inspect.Progress's JSON */ }
  | { id: number; report: string /* a LookupReport's JSON */ }
  | { id: number; error: string }
  | { violation: SecurityPolicyViolationEventInit };
