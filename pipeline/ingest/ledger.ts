// The file ledger of the landing store: which files were loaded (meta.files, by sha256), which
// failed (meta.failed_files), which a newer file replaced, and the next file number.
import { kindNamed } from "../sources/index.ts";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import type { FileReport } from "./file-report.ts";
import { UnreadableFileError } from "./readers.ts";
import { rawTable } from "./store.ts";

/** The loaded file with these bytes, if any. */
export async function loadedBefore(
  db: Db,
  sha256: string,
): Promise<{ file_id: number; source_file: string } | undefined> {
  const [row] = await db.all<{ file_id: number; source_file: string }>(
    `select file_id, source_file from meta.files where sha256 = ${sqlString(sha256)} limit 1`,
  );
  return row;
}

/** When and why a file with these bytes last failed, if it did. */
export async function failedBefore(
  db: Db,
  sha256: string,
): Promise<{ at: string; error: string } | undefined> {
  const [row] = await db.all<{ at: string; error: string }>(
    `select strftime(failed_at, '%Y-%m-%d %H:%M UTC') as at, error from meta.failed_files
     where sha256 = ${sqlString(sha256)} order by failed_at desc limit 1`,
  );
  return row;
}

/** A failed file is remembered by its sha256, so `run` does not try it again until it changes. */
export async function recordFailure(db: Db, loadId: number, report: FileReport): Promise<void> {
  await db.run(`insert into meta.failed_files values (${sqlString(report.sha256 as string)},
    ${sqlString(report.file)}, ${sqlString(report.error ?? "")}, now(), ${loadId})`);
}

export async function nextFileId(db: Db): Promise<number> {
  const [row] = await db.all<{ id: number }>("select nextval('meta.file_ids')::integer as id");
  return row?.id as number;
}

/** A replacement must bring at least this share of the rows and students of what it replaces. */
const REPLACEMENT_FLOOR = 0.5;

export async function recordFile(
  db: Db,
  fileId: number,
  options: { loadId: number; replace?: boolean },
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
