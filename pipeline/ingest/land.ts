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
    const print = await fingerprint(absolute);
    report.sha256 = print.sha256;
    if (options.write) {
      const seen = await db.all<{ file_id: number; source_file: string }>(
        `select file_id, source_file from meta.files where sha256 = ${sqlString(print.sha256)} limit 1`,
      );
      if (seen[0]) {
        report.status = "skipped";
        report.notes.push(`already loaded as file ${seen[0].file_id} (${seen[0].source_file}): same sha256`);
        return report;
      }
    }
    const parts = await readFile(db, absolute, print.utf8);
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
      if (options.write) await recordFile(db, fileId, options.loadId, absolute, print, report);
      await db.run("commit");
    } catch (error) {
      await db.run("rollback");
      throw error;
    } finally {
      for (const part of parts)
        await db.run(`drop table if exists ${part.table}; drop table if exists ${part.table}_bad`);
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

  await db.run(`create temp table ${part.table}_bad as ${problemsQuery(spec, map, part.table)}`);
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
  const values = columns.map((c) => (map.fields.has(c) ? q(map.fields.get(c) as string) : "null"));
  const identity = spec.identity ? `student_key(${q(map.fields.get(spec.identity) as string)}),` : "";
  await db.run(`
    insert into ${rawTable(spec)} (load_id, file_id, source_row, ${spec.identity ? "student_key," : ""} ${columns.map(q).join(", ")}, extras)
    select ${options.loadId}, ${fileId}, t.__row, ${identity} ${values.map((v) => (v === "null" ? v : `t.${v}`)).join(", ")},
      ${extrasExpression(map, part)}
    from ${part.table} t
    anti join (select distinct row from ${part.table}_bad) b on b.row = t.__row`);
}

/** One pass over the file: every failed rule of every row, plus duplicate keys. */
function problemsQuery(spec: KindSpec, map: HeaderMap, table: string): string {
  const checks = spec.fields
    .filter((f) => map.fields.has(f.name))
    .map((f) => {
      const c = q(map.fields.get(f.name) as string);
      const present = `nullif(trim(${c}), '') is not null`;
      const bad = f.required
        ? `not ${present} or (${f.normalize(c)}) is null`
        : `${present} and (${f.normalize(c)}) is null`;
      const value =
        f.name === spec.identity ? `case when ${present} then ${sqlString(WITHHELD)} end` : `left(${c}, 200)`;
      return `{'column_name': ${sqlString(f.name)}, 'value': ${value}, 'rule': ${sqlString(f.rule)}, 'bad': coalesce(${bad}, true)}`;
    });
  const keyed = spec.key.filter((k) => map.fields.has(k));
  const keyExprs = keyed.map((k) => {
    const f = spec.fields.find((x) => x.name === k);
    const c = q(map.fields.get(k) as string);
    return k === spec.identity ? `normalized_student_id(${c})` : `(${f?.normalize(c)})`;
  });
  const duplicates =
    keyed.length === spec.key.length && keyed.length > 0
      ? `union all
      select __row as row, ${sqlString(keyed.join(", "))} as column_name, null as value,
        'same ' || ${sqlString(keyed.join(", "))} || ' as row ' || first_row || ' (duplicate key)' as rule
      from (select __row, min(__row) over (partition by ${keyExprs.join(", ")}) as first_row from ${table})
      where __row <> first_row`
      : "";
  return `
    select row, problem.column_name, problem.value, problem.rule from (
      select __row as row, unnest(list_filter([${checks.join(",\n")}], x -> x.bad)) as problem from ${table}
    )
    ${duplicates}`;
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

async function period(db: Db, spec: KindSpec, parts: ReadResult[]): Promise<string> {
  const selects = parts.map((part) => {
    const map = mapHeaders(spec, part.headers);
    const columns = spec.fields
      .map(
        (f) =>
          `${map.fields.has(f.name) ? f.normalize(q(map.fields.get(f.name) as string)) : "null"} as ${q(f.name)}`,
      )
      .join(", ");
    return `select ${columns} from ${part.table} t anti join (select distinct row from ${part.table}_bad) b on b.row = t.__row`;
  });
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
