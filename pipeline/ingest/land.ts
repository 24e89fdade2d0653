// Landing one file: read it, tell its kind, then validate and append each part (append.ts) and
// record the file in the ledger (ledger.ts), all in one transaction: a file lands whole or not at
// all. For every file, rows read = rows loaded + exact duplicates (loaded once) + rows rejected.
import path from "node:path";
import { kindNamed } from "../sources/index.ts";
import type { KindSpec } from "../sources/kind.ts";
import type { Db } from "../warehouse/connection.ts";
import { appendPart } from "./append.ts";
import { type FileReport, failedReport } from "./file-report.ts";
import { type Fingerprint, fingerprint, needsRewrite } from "./fingerprint.ts";
import { closestKind, detectKind, mapHeaders } from "./headers.ts";
import { failedBefore, loadedBefore, nextFileId, recordFailure, recordFile } from "./ledger.ts";
import { describeMapping, type Mapping, mappingMatches } from "./mapping.ts";
import { describeHeaders, headerRowIsData } from "./privacy.ts";
import { profile } from "./profile.ts";
import {
  type CsvOptions,
  formatOf,
  plainPath,
  quotingOff,
  type ReadResult,
  readFile,
  UnreadableFileError,
} from "./readers.ts";
import { q } from "./validate.ts";

export interface LandOptions {
  kind?: string;
  loadId: number;
  write: boolean;
  /** A mapping given on the command line: applies to this file whatever its header. */
  mapping?: Mapping;
  /** Mappings of the mappings folder: the first whose source columns the header holds applies. */
  mappings?: Mapping[];
  /** Skip the file if its sha256 failed before (meta.failed_files). */
  skipFailedBefore?: boolean;
  /** The file replaces the loaded files of its kind and period (`ingest --replace`). */
  replace?: boolean;
}

/** Why a CSV must be read from a rewritten copy, in words, or undefined when it need not. */
function rewriteFor(file: string, print: Fingerprint): CsvOptions["rewrite"] {
  if (formatOf(file) !== "csv" || !needsRewrite(print)) return undefined;
  const why = [
    print.encoding === "windows-1252" ? "not valid UTF-8: decoded as Windows-1252" : null,
    print.encoding.startsWith("utf-16") ? `${print.encoding.toUpperCase()} text` : null,
    print.boms > 1 ? `${print.boms} byte order marks at the start` : null,
    print.mixedLineEndings ? "CRLF and LF line endings mixed" : null,
  ].filter(Boolean);
  return { from: print.encoding, why: why.join("; ") };
}

export async function landFile(db: Db, file: string, options: LandOptions): Promise<FileReport> {
  const absolute = path.resolve(file);
  const report = failedReport(absolute, "");
  // DuckDB expands glob characters in a path: a name like x[12].csv is read through a plain link
  const readable = plainPath(absolute);
  try {
    profile("start");
    // hash the file while DuckDB parses it (assuming plain UTF-8, as nearly every file is)
    const printing = fingerprint(absolute);
    let parts = await readFile(db, readable.path).catch((error: unknown) => error);
    const print = await printing;
    report.sha256 = print.sha256;
    profile("fingerprint and read");
    const seen = options.write ? await loadedBefore(db, print.sha256) : undefined;
    const failed = options.skipFailedBefore ? await failedBefore(db, print.sha256) : undefined;
    const rewrite = rewriteFor(absolute, print);
    const strictQuotes =
      formatOf(absolute) === "csv" &&
      print.hasQuotes &&
      !rewrite &&
      !seen &&
      !failed &&
      (await quotingOff(db, readable.path));
    if (seen || failed || rewrite || strictQuotes) {
      if (Array.isArray(parts)) await dropParts(db, parts);
      if (seen) {
        report.status = "skipped";
        report.notes.push(`already loaded as file ${seen.file_id} (${seen.source_file}): same sha256`);
        return report;
      }
      if (failed) {
        report.status = "skipped";
        report.notes.push(
          `failed at ${failed.at} (${failed.error}); not tried again until the file changes (pathways ingest tries it by hand)`,
        );
        return report;
      }
      parts = await readFile(db, readable.path, { rewrite, strictQuotes: print.hasQuotes });
    }
    if (!Array.isArray(parts)) throw parts;
    const headers = parts[0]?.headers ?? [];
    const mapping = options.mapping ?? options.mappings?.find((m) => mappingMatches(m, headers));
    if (mapping && options.kind && mapping.kind !== options.kind)
      throw new UnreadableFileError(
        `the mapping ${mapping.origin} is for ${mapping.kind} files, but --kind is ${options.kind}`,
      );
    if (mapping) report.mapping = describeMapping(mapping);
    const spec = options.kind ? kindNamed(options.kind) : detectKind(headers, mapping);
    if (!spec) {
      const near = headerRowIsData(headers) ? undefined : closestKind(headers);
      const hint = near ? `; closest is ${near.kind}, which also needs ${near.missing.join(", ")}` : "";
      throw new UnreadableFileError(
        `cannot tell what kind of file this is from its header (${describeHeaders(headers, 8)})${hint}; name it with --kind, and map other column names with --map SOURCE=TARGET`,
      );
    }
    report.kind = spec.kind;
    await db.run("begin transaction");
    try {
      const fileId = options.write ? await nextFileId(db) : 0;
      for (const part of parts) await appendPart(db, spec, part, absolute, fileId, options, mapping, report);
      report.period = await period(db, spec, parts, mapping);
      profile("period");
      if (options.write) await recordFile(db, fileId, options, absolute, print, report);
      await db.run("commit");
      profile("commit");
    } catch (error) {
      await db.run("rollback");
      throw error;
    } finally {
      await dropParts(db, parts);
    }
    report.status = options.write ? "loaded" : "validated";
  } catch (error) {
    // nothing from a failed file is written, so none of its rows count
    Object.assign(report, failedReport(absolute, error instanceof Error ? error.message : String(error)), {
      kind: report.kind,
      sha256: report.sha256,
    });
    if (options.write && report.sha256) await recordFailure(db, options.loadId, report);
  } finally {
    readable.done();
  }
  return report;
}

async function dropParts(db: Db, parts: ReadResult[]): Promise<void> {
  for (const part of parts) {
    await db.run(`drop view if exists ${part.table}_in`);
    // a reader leaves either a table or a view over <table>_parsed
    await db
      .run(`drop view if exists ${part.table}`)
      .catch(() => db.run(`drop table if exists ${part.table}`));
    for (const suffix of ["_parsed", "_keys", "_in_bad", "_in_exact"])
      await db.run(`drop table if exists ${part.table}${suffix}`);
  }
}

/** The period a file covers (spec.period), computed over the distinct values of the fields it names,
 * as validated (after any value mapping: the view landPart prepared). */
async function period(db: Db, spec: KindSpec, parts: ReadResult[], mapping?: Mapping): Promise<string> {
  const used = spec.fields.filter((f) => new RegExp(`\\bn\\.${f.name}\\b`).test(spec.period));
  const selects = parts.flatMap((part) => {
    const map = mapHeaders(spec, part.headers, mapping);
    return used
      .filter((f) => map.fields.has(f.name))
      .map((f) => {
        // the same column order in every branch of the union
        const columns = used.map((o) =>
          o === f ? `${f.normalize("v")} as ${q(f.name)}` : `null as ${q(o.name)}`,
        );
        return `select ${columns.join(", ")}
          from (select distinct ${q(map.fields.get(f.name) as string)} as v from ${part.table}_in)`;
      });
  });
  // no column the period needs: evaluate it over nulls (e.g. schools without school_year -> 'all')
  if (selects.length === 0)
    selects.push(`select ${used.map((f) => `null as ${q(f.name)}`).join(", ") || "null as none"}`);
  const [row] = await db.all<{ p: string | null }>(
    `select (${spec.period})::varchar as p from (${selects.join(" union all ")}) n`,
  );
  return row?.p ?? "none";
}
