// The JavaScript side of mxplain's WebAssembly module (static/gen/app.wasm,
// built from ./wasm). Load Go's wasm_exec.js, instantiate the module with
// `new Go().importObject`, call `go.run(instance)`; then globalThis.mxplain
// is set.

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
  fields: Field[];
  findings: Finding[];
  /** Typed values per record type (dns_lookups, policy, key_bits, …). */
  facts: Record<string, unknown> | null;
}

export interface Explanation {
  input: string;
  records: ExplainedRecord[];
  /** Set (and records empty) when the input holds no record or the type is unknown. */
  error?: string;
}

export interface Mxplain {
  /**
   * Explains every record in input; type forces one ("spf", "dmarc", "dkim",
   * "mx") or is "" to detect it. Returns the JSON of an Explanation.
   */
  explain(input: string, type?: string): string;
  /** The build's version. */
  readonly version: string;
}

declare global {
  // eslint-disable-next-line no-var
  var mxplain: Mxplain | undefined;
}
