// Landing one file: read it, tell its kind, validate every row in SQL, quarantine the rejects,
// and append the rest to raw.<kind> with lineage, all in one transaction. For every file,
// rows read = rows loaded + rows rejected.
import path from "node:path";
import { kindNamed } from "../sources/index.ts";
import type { KindSpec } from "../sources/kind.ts";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import { fingerprint } from "./fingerprint.ts";
import { closestKind, detectKind, type HeaderMap, mapHeaders } from "./headers.ts";
import { type ReadResult, readFile, UnreadableFileError } from "./readers.ts";
import { rawColumns, rawTable } from "./store.ts";

export interface RejectSummary {
  column: string;
  rule: string;
  count: number;
  firstRow: number;
  firstValue: string | null;
}

export interface FileReport {
  file: string;
  status: "loaded" | "validated" | "skipped" | "failed";
  kind?: string;
  period?: string;
  sha256?: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  dropped: string[];
  extras: string[];
  notes: string[];
  rejects: RejectSummary[];
  error?: string;
  supersedes?: number[];
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

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
/** Values of the student id are never stored, not even in meta.rejects. */
const WITHHELD = "(withheld: student id)";

export async function landFile(
  db: Db,
  file: string,
  options: { kind?: string; loadId: number; write: boolean },
): Promise<FileReport> {
  const absolute = path.resolve(file);
  const report: FileReport = {
    file: absolute,
    status: "failed",
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    dropped: [],
    extras: [],
    notes: [],
    rejects: [],
  };
  try {
    profile("start");
    // hash the file while DuckDB parses it (assuming UTF-8, as nearly every file is)
    const printing = fingerprint(absolute);
    let parts = await readFile(db, absolute, true).catch((error: unknown) => error);
    const print = await printing;
    report.sha256 = print.sha256;
    profile("fingerprint and read");
    const seen = options.write
      ? await db.all<{ file_id: number; source_file: string }>(
          `select file_id, source_file from meta.files where sha256 = ${sqlString(print.sha256)} limit 1`,
        )
      : [];
    if (seen[0] || !print.utf8) {
      if (Array.isArray(parts)) await dropParts(db, parts);
      if (seen[0]) {
        report.status = "skipped";
        report.notes.push(`already loaded as file ${seen[0].file_id} (${seen[0].source_file}): same sha256`);
        return report;
      }
      parts = await readFile(db, absolute, false);
    }
    if (!Array.isArray(parts)) throw parts;
    const spec = options.kind ? kindNamed(options.kind) : detectKind(parts[0]?.headers ?? []);
    if (!spec) {
      const headers = parts[0]?.headers ?? [];
      const near = closestKind(headers);
      const hint = near ? `; closest is ${near.kind}, which also needs ${near.missing.join(", ")}` : "";
      throw new UnreadableFileError(
        `cannot tell what kind of file this is from its header (${headers.slice(0, 8).join(", ")})${hint}; or name it with --kind`,
      );
    }
    report.kind = spec.kind;
    await db.run("begin transaction");
    try {
      const fileId = options.write ? await nextFileId(db) : 0;
      for (const part of parts) await landPart(db, spec, part, absolute, fileId, options, report);
      report.period = await period(db, spec, parts);
      profile("period");
      if (options.write) await recordFile(db, fileId, options.loadId, absolute, print, report);
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
    report.status = "failed";
    report.error = error instanceof Error ? error.message : String(error);
    // nothing from a failed file is written, so none of its rows count
    Object.assign(report, { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejects: [] });
  }
  return report;
}

async function dropParts(db: Db, parts: ReadResult[]): Promise<void> {
  for (const part of parts) {
    // a reader leaves either a table or a view over <table>_parsed
    await db
      .run(`drop view if exists ${part.table}`)
      .catch(() => db.run(`drop table if exists ${part.table}`));
    await db.run(`drop table if exists ${part.table}_parsed; drop table if exists ${part.table}_bad`);
  }
}

async function nextFileId(db: Db): Promise<number> {
  const [row] = await db.all<{ id: number }>("select nextval('meta.file_ids')::integer as id");
  return row?.id as number;
}

async function landPart(
  db: Db,
  spec: KindSpec,
  part: ReadResult,
  file: string,
  fileId: number,
  options: { loadId: number; write: boolean },
  report: FileReport,
): Promise<void> {
  const map = mapHeaders(spec, part.headers);
  if (map.missingRequired.length > 0) {
    throw new UnreadableFileError(
      `${part.sheet ? `sheet ${part.sheet}: ` : ""}required ${spec.kind} columns are missing: ${map.missingRequired.join(", ")} ` +
        `(found: ${part.headers.slice(0, 12).join(", ")})`,
    );
  }
  const source = part.sheet ? `${file}#${part.sheet}` : file;
  report.dropped.push(...map.dropped.filter((d) => !report.dropped.includes(d)));
  report.extras.push(...map.extras.filter((d) => !report.extras.includes(d)));
  report.notes.push(...part.notes);

  await findProblems(db, spec, map, part.table);
  profile("validate");
  const structural = part.rejects.map((r) => `(${r.row}, null, null, ${sqlString(r.rule)})`);
  if (structural.length > 0) {
    await db.run(`insert into ${part.table}_bad values ${structural.join(", ")}`);
  }
  const [counts] = await db.all<{ rejected: number }>(
    `select count(distinct row)::bigint as rejected from ${part.table}_bad`,
  );
  const rejected = Number(counts?.rejected ?? 0);
  report.rowsRead += part.rowsRead;
  report.rowsRejected += rejected;
  report.rowsLoaded += part.rowsRead - rejected;
  report.rejects.push(...(await summarize(db, `${part.table}_bad`)));

  if (!options.write) return;
  await db.run(`insert into meta.rejects
    select ${options.loadId}, ${fileId}, ${sqlString(source)}, row, column_name, value, rule from ${part.table}_bad`);
  const columns = rawColumns(spec);
  const values = columns.map((c) => (map.fields.has(c) ? `t.${q(map.fields.get(c) as string)}` : "null"));
  let keyJoin = "";
  if (spec.identity) {
    // HMAC once per distinct id, not once per row
    const id = q(map.fields.get(spec.identity) as string);
    await db.run(`create temp table ${part.table}_keys as
      select id, student_key(id) as student_key from (select distinct ${id} as id from ${part.table})`);
    keyJoin = `left join ${part.table}_keys k on k.id = t.${id}`;
  }
  const withoutRejects =
    rejected > 0 ? `anti join (select distinct row from ${part.table}_bad) b on b.row = t.__row` : "";
  await db.run(`
    insert into ${rawTable(spec)} (load_id, file_id, source_row, ${spec.identity ? "student_key," : ""} ${columns.map(q).join(", ")}, extras)
    select ${options.loadId}, ${fileId}, t.__row, ${spec.identity ? "k.student_key," : ""} ${values.join(", ")},
      ${extrasExpression(map, part)}
    from ${part.table} t ${keyJoin} ${withoutRejects}`);
  if (spec.identity) await db.run(`drop table ${part.table}_keys`);
  profile("insert raw");
}

/**
 * Every failed rule of every row, into <table>_bad (row, column_name, value, rule).
 * Rules are checked on each column's distinct values (one pass for all columns), so the cost
 * grows with the number of distinct values, not of rows; only columns that have a bad value are
 * scanned again to find its rows. Duplicate keys are found with one GROUP BY.
 */
async function findProblems(db: Db, spec: KindSpec, map: HeaderMap, table: string): Promise<void> {
  const present = spec.fields.filter((f) => map.fields.has(f.name));
  const col = (f: (typeof present)[number]) => q(map.fields.get(f.name) as string);
  await db.run(`create temp table ${table}_distinct as select
    ${present.map((f, i) => `list(distinct ${col(f)}) as d${i}, bool_or(${col(f)} is null) as n${i}`).join(",\n")}
    from ${table}`);
  // the distinct values that break a rule; NULL stands for an empty required field
  const badValues = present.map((f, i) => {
    const isBad = `(nullif(trim(v), '') is null or (${f.normalize("v")}) is null)`;
    const check = f.required ? isBad : `(nullif(trim(v), '') is not null and (${f.normalize("v")}) is null)`;
    return `select ${i} as f, v from (select unnest(d${i}) as v from ${table}_distinct) where ${check}
      ${f.required ? `union all select ${i}, null from ${table}_distinct where n${i}` : ""}`;
  });
  await db.run(`create temp table ${table}_badvalues as ${badValues.join(" union all ")}`);
  const flagged = await db.all<{ f: number }>(`select distinct f from ${table}_badvalues order by f`);
  const parts = flagged.map(({ f }) => {
    const field = present[f] as (typeof present)[number];
    const c = col(field);
    const value =
      field.name === spec.identity
        ? `case when nullif(trim(${c}), '') is not null then ${sqlString(WITHHELD)} end`
        : `left(${c}, 200)`;
    return `select t.__row as row, ${sqlString(field.name)} as column_name, ${value} as value, ${sqlString(field.rule)} as rule
      from ${table} t where ${c} in (select v from ${table}_badvalues where f = ${f} and v is not null)
        or (${c} is null and exists (select 1 from ${table}_badvalues where f = ${f} and v is null))`;
  });

  const keyed = spec.key.filter((k) => map.fields.has(k));
  if (keyed.length === spec.key.length && keyed.length > 0) {
    const keys = keyed.map((k) => q(map.fields.get(k) as string));
    const names = keyed.join(", ");
    await db.run(`create temp table ${table}_dupkeys as
      select ${keys.join(", ")}, min(__row) as first_row from ${table} group by all having count(*) > 1`);
    const [dups] = await db.all<{ n: number }>(`select count(*)::int as n from ${table}_dupkeys`);
    if ((dups?.n ?? 0) > 0) {
      parts.push(`select t.__row, ${sqlString(names)}, null, 'same ' || ${sqlString(names)} || ' as row ' || d.first_row || ' (duplicate key)'
        from ${table} t join ${table}_dupkeys d using (${keys.join(", ")}) where t.__row <> d.first_row`);
    }
  } else {
    await db.run(`create temp table ${table}_dupkeys as select 1 where false`);
  }
  await db.run(`create temp table ${table}_bad as
    ${parts.length > 0 ? parts.join(" union all ") : "select null::bigint as row, null::varchar as column_name, null::varchar as value, null::varchar as rule where false"}`);
  await db.run(`drop table ${table}_distinct; drop table ${table}_badvalues; drop table ${table}_dupkeys`);
}

function extrasExpression(map: HeaderMap, part: ReadResult): string {
  const own = part.headers.includes("__extras") ? "t.__extras::json" : null;
  const kept = map.extras.filter((h) => h !== "__extras");
  const object =
    kept.length > 0 ? `json_object(${kept.map((h) => `${sqlString(h)}, t.${q(h)}`).join(", ")})` : null;
  if (own && object) return `json_merge_patch(${own}, ${object})`;
  return own ?? object ?? "null";
}

async function summarize(db: Db, table: string): Promise<RejectSummary[]> {
  const rows = await db.all<{
    column: string;
    rule: string;
    count: number;
    first_row: number;
    first_value: string | null;
  }>(`
    select coalesce(column_name, '(row)') as "column", rule, count(*)::bigint as count,
      arg_min(row, row)::bigint as first_row, arg_min(value, row) as first_value
    from ${table} group by all order by count desc, "column"`);
  return rows.map((r) => ({
    column: r.column,
    rule: r.rule,
    count: Number(r.count),
    firstRow: Number(r.first_row),
    firstValue: r.first_value,
  }));
}

/** The period a file covers (spec.period), computed over the distinct values of the fields it names. */
async function period(db: Db, spec: KindSpec, parts: ReadResult[]): Promise<string> {
  const used = spec.fields.filter((f) => new RegExp(`\\bn\\.${f.name}\\b`).test(spec.period));
  const selects = parts.flatMap((part) => {
    const map = mapHeaders(spec, part.headers);
    return used
      .filter((f) => map.fields.has(f.name))
      .map((f) => {
        // the same column order in every branch of the union
        const columns = used.map((o) =>
          o === f ? `${f.normalize("v")} as ${q(f.name)}` : `null as ${q(o.name)}`,
        );
        return `select ${columns.join(", ")}
          from (select distinct ${q(map.fields.get(f.name) as string)} as v from ${part.table})`;
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

async function recordFile(
  db: Db,
  fileId: number,
  loadId: number,
  file: string,
  print: { sha256: string; bytes: number },
  report: FileReport,
): Promise<void> {
  // a new version of the same kind and period replaces the old one downstream
  const older = await db.all<{ file_id: number }>(`
    select file_id from meta.files where kind = ${sqlString(report.kind as string)}
      and period = ${sqlString(report.period as string)} and status = 'loaded'`);
  report.supersedes = older.map((r) => r.file_id);
  if (older.length > 0) {
    await db.run(`update meta.files set status = 'superseded', superseded_by = ${fileId}
      where file_id in (${older.map((r) => r.file_id).join(", ")})`);
  }
  const list = (xs: string[]) => `[${xs.map(sqlString).join(", ")}]::varchar[]`;
  await db.run(`insert into meta.files values (${fileId}, ${loadId}, ${sqlString(file)}, ${sqlString(print.sha256)},
    ${print.bytes}, ${sqlString(report.kind as string)}, ${sqlString(report.period as string)}, ${report.rowsRead},
    ${report.rowsLoaded}, ${report.rowsRejected}, ${list(report.dropped)}, ${list(report.extras)}, 'loaded', null, now())`);
}
