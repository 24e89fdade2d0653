// Landing one file: read it, tell its kind, validate every row in SQL, quarantine the rejects,
// and append the rest to raw.<kind> with lineage, all in one transaction. For every file,
// rows read = rows loaded + exact duplicates (loaded once) + rows rejected.
import path from "node:path";
import { kindNamed } from "../sources/index.ts";
import { type KindSpec, normalizeHeader } from "../sources/kind.ts";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import { type Fingerprint, fingerprint, needsRewrite } from "./fingerprint.ts";
import { closestFields, closestKind, detectKind, type HeaderMap, mapHeaders } from "./headers.ts";
import { describeMapping, type Mapping, mappingMatches } from "./mapping.ts";
import { describeHeaders, headerRowIsData, words } from "./privacy.ts";
import {
  type CsvOptions,
  formatOf,
  plainPath,
  quotingOff,
  type ReadResult,
  readFile,
  UnreadableFileError,
} from "./readers.ts";
import { rawColumns, rawTable } from "./store.ts";
import { findExactDuplicates, findProblems, q, type RejectSummary, summarizeRejects } from "./validate.ts";

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

/** PATHWAYS_PROFILE=1 prints how long each landing step took (for the benchmark). */
const profile = (() => {
  let last = performance.now();
  return (step: string) => {
    const now = performance.now();
    if (process.env.PATHWAYS_PROFILE)
      process.stderr.write(`  ${step}: ${((now - last) / 1000).toFixed(2)} s\n`);
    last = now;
  };
})();

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
    const seen = options.write
      ? await db.all<{ file_id: number; source_file: string }>(
          `select file_id, source_file from meta.files where sha256 = ${sqlString(print.sha256)} limit 1`,
        )
      : [];
    const failedBefore = options.skipFailedBefore
      ? await db.all<{ at: string; error: string }>(
          `select strftime(failed_at, '%Y-%m-%d %H:%M UTC') as at, error from meta.failed_files
           where sha256 = ${sqlString(print.sha256)} order by failed_at desc limit 1`,
        )
      : [];
    const rewrite = rewriteFor(absolute, print);
    const strictQuotes =
      formatOf(absolute) === "csv" &&
      print.hasQuotes &&
      !rewrite &&
      !seen[0] &&
      !failedBefore[0] &&
      (await quotingOff(db, readable.path));
    if (seen[0] || failedBefore[0] || rewrite || strictQuotes) {
      if (Array.isArray(parts)) await dropParts(db, parts);
      if (seen[0]) {
        report.status = "skipped";
        report.notes.push(`already loaded as file ${seen[0].file_id} (${seen[0].source_file}): same sha256`);
        return report;
      }
      if (failedBefore[0]) {
        report.status = "skipped";
        report.notes.push(
          `failed at ${failedBefore[0].at} (${failedBefore[0].error}); not tried again until the file changes (pathways ingest tries it by hand)`,
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
      for (const part of parts) await landPart(db, spec, part, absolute, fileId, options, mapping, report);
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

/** A failed file is remembered by its sha256, so `run` does not try it again until it changes. */
async function recordFailure(db: Db, loadId: number, report: FileReport): Promise<void> {
  await db.run(`insert into meta.failed_files values (${sqlString(report.sha256 as string)},
    ${sqlString(report.file)}, ${sqlString(report.error ?? "")}, now(), ${loadId})`);
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

async function nextFileId(db: Db): Promise<number> {
  const [row] = await db.all<{ id: number }>("select nextval('meta.file_ids')::integer as id");
  return row?.id as number;
}

/** The column a --map example should name for the first missing field: its closest, or an id column dropped for its name. */
function mapExample(
  spec: KindSpec,
  map: HeaderMap,
  unrecognized: string[],
  suggestions: { header: string; fields: string[] }[],
): string {
  const missing = map.missingRequired[0];
  const idColumn =
    missing === spec.identity
      ? map.dropped.find((h) => words(h).some((w) => ["id", "sid", "identifier"].includes(w)))
      : undefined;
  return (
    suggestions.find((s) => s.fields.includes(missing as string))?.header ??
    idColumn ??
    unrecognized[0] ??
    "sid"
  );
}

/**
 * A column that holds the student id under a name that does not say so (`alt`, a copy made by a
 * spreadsheet) would land unhashed in raw.extras: an extra column equal to the id on at least half
 * of the rows that have one is dropped like any identifier.
 */
async function dropCopiesOfTheId(db: Db, spec: KindSpec, map: HeaderMap, table: string): Promise<void> {
  const id = spec.identity ? map.fields.get(spec.identity) : undefined;
  const extras = map.extras.filter((h) => h !== "__extras");
  if (!id || extras.length === 0) return;
  const [shares] = await db.all<Record<string, number>>(`select
    ${extras.map((h, i) => `count(*) filter (where upper(trim(${q(h)})) = upper(trim(${q(id)}))) / greatest(count(${q(id)}), 1) as s${i}`).join(", ")}
    from ${table}`);
  const copies = extras.filter((_, i) => Number(shares?.[`s${i}`] ?? 0) >= 0.5);
  map.extras = map.extras.filter((h) => !copies.includes(h));
  map.dropped.push(...copies);
}

/**
 * The rows as the contract reads them: a mapping's value replacements applied, and the identity
 * taken from its fallback column where it is blank (NSC: REQUESTER_RETURN_FIELD), as `__id`.
 */
async function prepare(db: Db, spec: KindSpec, part: ReadResult, map: HeaderMap, mapping?: Mapping) {
  const replaced: string[] = [];
  for (const [fieldName, pairs] of mapping?.values ?? []) {
    const header = map.fields.get(fieldName);
    if (!header || pairs.size === 0) continue;
    const cases = [...pairs].map(([from, to]) => `when ${sqlString(from)} then ${sqlString(to)}`).join(" ");
    replaced.push(`case trim(${q(header)}) ${cases} else ${q(header)} end as ${q(header)}`);
  }
  const extra: string[] = [];
  if (spec.identity && spec.identityFallback && map.fields.has(spec.identityFallback)) {
    const id = map.fields.get(spec.identity);
    const fallback = q(map.fields.get(spec.identityFallback) as string);
    extra.push(`${id ? `coalesce(nullif(trim(${q(id)}), ''), ${fallback})` : fallback} as __id`);
    map.fields.set(spec.identity, "__id");
  }
  const table = `${part.table}_in`;
  await db.run(`create temp view ${table} as
    select * ${replaced.length > 0 ? `replace (${replaced.join(", ")})` : ""} ${extra.map((e) => `, ${e}`).join("")}
    from ${part.table}`);
  return table;
}

async function landPart(
  db: Db,
  spec: KindSpec,
  part: ReadResult,
  file: string,
  fileId: number,
  options: LandOptions,
  mapping: Mapping | undefined,
  report: FileReport,
): Promise<void> {
  const map = mapHeaders(spec, part.headers, mapping);
  const known = new Set((spec.knownExtras ?? []).map(normalizeHeader));
  const unrecognized = map.extras.filter((h) => h !== "__extras" && !known.has(normalizeHeader(h)));
  // a column dropped for its name (`sid`) may be the id a mapping must name
  const suggestions = [...unrecognized, ...map.dropped]
    .map((header) => ({ header, fields: closestFields(spec, header) }))
    .filter((s) => s.fields.length > 0);
  if (map.missingRequired.length > 0) {
    const near = suggestions.map((s) => `${s.header} (closest: ${s.fields.join(", ")})`);
    const data = headerRowIsData(part.headers);
    throw new UnreadableFileError(
      `${part.sheet ? `sheet ${part.sheet}: ` : ""}required ${spec.kind} columns are missing: ${map.missingRequired.join(", ")} ` +
        `(found: ${describeHeaders(part.headers)})` +
        (unrecognized.length > 0 && !data
          ? `; columns no ${spec.kind} field accepts: ${[...near, ...unrecognized.filter((h) => !suggestions.some((s) => s.header === h))].join(", ")}`
          : "") +
        `; map a column with --map SOURCE=TARGET (e.g. --map ${data ? "sid" : mapExample(spec, map, unrecognized, suggestions)}=${map.missingRequired[0]})`,
    );
  }
  const table = await prepare(db, spec, part, map, mapping);
  await dropCopiesOfTheId(db, spec, map, table);
  const source = part.sheet ? `${file}#${part.sheet}` : file;
  report.dropped.push(...map.dropped.filter((d) => !report.dropped.includes(d)));
  report.extras.push(...map.extras.filter((d) => !report.extras.includes(d)));
  report.suggestions.push(
    ...suggestions.filter((s) => !report.suggestions.some((r) => r.header === s.header)),
  );
  report.notes.push(...part.notes);

  const duplicates = await findExactDuplicates(db, table, part.headers);
  profile("exact duplicates");
  await findProblems(db, spec, map, table);
  profile("validate");
  const structural = part.rejects.map((r) => `(${r.row}, null, null, ${sqlString(r.rule)})`);
  if (structural.length > 0) {
    await db.run(`insert into ${table}_bad values ${structural.join(", ")}`);
  }
  const [counts] = await db.all<{ rejected: number; duplicate: number }>(
    `select (select count(distinct row) from ${table}_bad)::bigint as rejected,
       (select count(*) from ${table}_exact e where e.row not in (select row from ${table}_bad))::bigint as duplicate`,
  );
  const rejected = Number(counts?.rejected ?? 0);
  const duplicate = duplicates > 0 ? Number(counts?.duplicate ?? 0) : 0;
  report.rowsRead += part.rowsRead;
  report.rowsRejected += rejected;
  report.rowsDuplicate += duplicate;
  report.rowsLoaded += part.rowsRead - rejected - duplicate;
  report.rejects.push(...(await summarizeRejects(db, `${table}_bad`, spec)));

  if (!options.write) return;
  await db.run(`insert into meta.rejects
    select ${options.loadId}, ${fileId}, ${sqlString(source)}, row, column_name, value, rule from ${table}_bad`);
  await db.run(`insert into meta.duplicates
    select ${options.loadId}, ${fileId}, ${sqlString(source)}, row, duplicate_of from ${table}_exact
    where row not in (select row from ${table}_bad)`);
  const columns = rawColumns(spec);
  const values = columns.map((c) => (map.fields.has(c) ? `t.${q(map.fields.get(c) as string)}` : "null"));
  let keyJoin = "";
  if (spec.identity) {
    // HMAC once per distinct id, not once per row, over the id as the contract normalizes it
    const id = q(map.fields.get(spec.identity) as string);
    const normalize = spec.fields.find((f) => f.name === spec.identity)?.normalize("id") as string;
    await db.run(`create temp table ${part.table}_keys as
      select id, student_key(${normalize}) as student_key from (select distinct ${id} as id from ${table})`);
    keyJoin = `left join ${part.table}_keys k on k.id = t.${id}`;
  }
  const skipped =
    rejected + duplicate > 0
      ? `anti join (select row from ${table}_bad union select row from ${table}_exact) b on b.row = t.__row`
      : "";
  await db.run(`
    insert into ${rawTable(spec)} (load_id, file_id, source_row, ${spec.identity ? "student_key," : ""} ${columns.map(q).join(", ")}, extras)
    select ${options.loadId}, ${fileId}, t.__row, ${spec.identity ? "k.student_key," : ""} ${values.join(", ")},
      ${extrasExpression(map, part)}
    from ${table} t ${keyJoin} ${skipped}`);
  if (spec.identity) await db.run(`drop table ${part.table}_keys`);
  profile("insert raw");
}

function extrasExpression(map: HeaderMap, part: ReadResult): string {
  const own = part.headers.includes("__extras") ? "t.__extras::json" : null;
  const kept = map.extras.filter((h) => h !== "__extras");
  const object =
    kept.length > 0 ? `json_object(${kept.map((h) => `${sqlString(h)}, t.${q(h)}`).join(", ")})` : null;
  if (own && object) return `json_merge_patch(${own}, ${object})`;
  return own ?? object ?? "null";
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

/** A replacement must bring at least this share of the rows and students of what it replaces. */
const REPLACEMENT_FLOOR = 0.5;

async function recordFile(
  db: Db,
  fileId: number,
  options: LandOptions,
  file: string,
  print: { sha256: string; bytes: number },
  report: FileReport,
): Promise<void> {
  // Two files of one kind and period both count (staging keeps the newest row of each key): a
  // students extract split in two keeps both halves. Only a file declared a replacement takes
  // the older ones out, and only if it does not look like an accident (empty, or far smaller).
  if (options.replace) await replaceOlder(db, fileId, report);
  const list = (xs: string[]) => `[${xs.map(sqlString).join(", ")}]::varchar[]`;
  await db.run(`insert into meta.files values (${fileId}, ${options.loadId}, ${sqlString(file)}, ${sqlString(print.sha256)},
    ${print.bytes}, ${sqlString(report.kind as string)}, ${sqlString(report.period as string)}, ${report.rowsRead},
    ${report.rowsLoaded}, ${report.rowsRejected}, ${list(report.dropped)}, ${list(report.extras)}, 'loaded', null, now(),
    ${report.rowsDuplicate}, ${report.mapping ? sqlString(report.mapping) : "null"})`);
}

async function replaceOlder(db: Db, fileId: number, report: FileReport): Promise<void> {
  const spec = kindNamed(report.kind as string);
  const older = await db.all<{ file_id: number; rows: number }>(`
    select file_id, rows_loaded::bigint as rows from meta.files where kind = ${sqlString(spec.kind)}
      and period = ${sqlString(report.period as string)} and status = 'loaded'`);
  if (older.length === 0) {
    report.notes.push(
      `declared a replacement, but no loaded ${spec.kind} file covers ${report.period}: loaded as a new file`,
    );
    return;
  }
  const ids = older.map((r) => r.file_id).join(", ");
  const oldRows = older.reduce((a, r) => a + Number(r.rows), 0);
  const refuse = (why: string) => {
    throw new UnreadableFileError(
      `declared a replacement of file(s) ${ids} (${spec.kind}, ${report.period}), but ${why}: nothing was replaced and nothing of this file was loaded. Check that the file is complete; to add it beside the older file(s) instead, load it without --replace`,
    );
  };
  if (report.rowsLoaded === 0) refuse("it loads no rows");
  if (report.rowsLoaded < REPLACEMENT_FLOOR * oldRows)
    refuse(`it loads ${report.rowsLoaded} rows where they hold ${oldRows}`);
  if (spec.identity) {
    const [n] = await db.all<{ new: number; old: number }>(`select
      count(distinct student_key) filter (where file_id = ${fileId})::bigint as new,
      count(distinct student_key) filter (where file_id in (${ids}))::bigint as old
      from ${rawTable(spec)} where file_id in (${ids}, ${fileId})`);
    if (Number(n?.new) < REPLACEMENT_FLOOR * Number(n?.old))
      refuse(`it holds ${Number(n?.new)} students where they hold ${Number(n?.old)}`);
  }
  report.supersedes = older.map((r) => r.file_id);
  await db.run(
    `update meta.files set status = 'superseded', superseded_by = ${fileId} where file_id in (${ids})`,
  );
}
