// What every input kind declares: its fields, identity column, key, period and the direct
// identifiers it may carry (dropped on landing).
import type { Field } from "./fields.ts";

export interface KindSpec {
  kind: string;
  description: string;
  fields: Field[];
  /** The field holding the raw student id: landed only as student_key. */
  identity?: string;
  /** A field that stands in for the identity on rows where it is blank (NSC: REQUESTER_RETURN_FIELD). */
  identityFallback?: string;
  /** Columns that identify a row; a second row with the same key is rejected. */
  key: string[];
  /** SQL aggregate over the normalized rows (alias `n`) naming the period a file covers. */
  period: string;
  /** Direct identifiers this layout carries (e.g. NSC name columns): expected, never loaded. */
  identifiers?: string[];
  /** Columns the real layouts of this kind carry beyond the contract: kept in raw.extras, expected. */
  knownExtras?: string[];
  /** Headers that must all be present for the kind to be detected (default: the required fields). */
  detectBy?: string[];
}

/** Header matching per CONTRACTS.md: case, spaces, underscores, slashes and punctuation ignored. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
