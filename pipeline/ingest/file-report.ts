// What landing one file gave: the report the steward reads (report.ts prints it) and ingest
// sums. For every file, rows read = rows loaded + exact duplicates (loaded once) + rows rejected.
import type { RejectSummary } from "./validate.ts";

export type { RejectSummary } from "./validate.ts";

export interface FileReport {
  file: string;
  status: "loaded" | "validated" | "skipped" | "failed";
  kind?: string;
  period?: string;
  sha256?: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Rows equal in every field to an earlier row of the file: loaded once, not rejected. */
  rowsDuplicate: number;
  dropped: string[];
  extras: string[];
  /** Unrecognized columns with the fields whose spellings come closest (to write a mapping). */
  suggestions: { header: string; fields: string[] }[];
  /** The mapping applied, in words. */
  mapping?: string;
  notes: string[];
  rejects: RejectSummary[];
  error?: string;
  supersedes?: number[];
}

/** A file that failed: nothing of it was written, so none of its rows count. */
export function failedReport(file: string, error: string): FileReport {
  return {
    file,
    status: "failed",
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rowsDuplicate: 0,
    dropped: [],
    extras: [],
    suggestions: [],
    notes: [],
    rejects: [],
    error,
  };
}
