// Readers: turn one file into a DuckDB temp table of VARCHAR columns (its own headers) plus
// __row, the row a steward would look at (CSV: the line DuckDB counts, header = 1; spreadsheets:
// the sheet row). Rows the CSV parser cannot split are returned as structural rejects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import { type Encoding, rewriteAsUtf8 } from "./fingerprint.ts";
import { withoutQuotedText } from "./privacy.ts";
import { readWorkbook } from "./xlsx.ts";

export interface StructuralReject {
  row: number;
  /** Never the raw line: it may hold a student id or a name. */
  value: null;
  rule: string;
}

export interface ReadResult {
  table: string;
  headers: string[];
  rowsRead: number;
  rejects: StructuralReject[];
  /** Sheet name when the rows came from a spreadsheet. */
  sheet?: string;
  notes: string[];
}

export class UnreadableFileError extends Error {}

export function formatOf(file: string): "csv" | "xlsx" | "jsonl" | "parquet" {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".parquet") return "parquet";
  return "csv";
}

/** The longest line a CSV or JSON Lines row may have; a student record is well under 1 KB. */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * DuckDB expands glob characters in a path (`x[12].csv` read x1.csv's rows, `d*.csv` others too):
 * a file whose name has one is read through a link with a plain name. `done` removes the link.
 */
export function plainPath(file: string): { path: string; done: () => void } {
  if (!/[*?[\]{}]/.test(file)) return { path: file, done: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathways-"));
  const link = path.join(dir, `file${path.extname(file).toLowerCase()}`);
  fs.symlinkSync(file, link);
  return { path: link, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Columns named __... are the reader's own (`__row`): a file's column of such a name is not read. */
async function dropReservedColumns(db: Db, table: string, notes: string[]): Promise<void> {
  const reserved = await db.all<{ name: string }>(
    `select name from pragma_table_info('${table}') where starts_with(name, '__')`,
  );
  for (const { name } of reserved)
    await db.run(`alter table ${table} drop column "${name.replaceAll('"', '""')}"`);
  if (reserved.length > 0)
    notes.push(
      `column(s) ${reserved.map((r) => r.name).join(", ")} not read: names starting with __ are reserved for lineage`,
    );
}

let counter = 0;
const nextTable = () => `incoming_${++counter}`;

export interface CsvOptions {
  /** Read a UTF-8, LF-only copy decoded from this encoding (see fingerprint.ts); `why` goes in the report. */
  rewrite?: { from: Encoding; why: string };
  /** Parse with double quotes on even where DuckDB's sniffer turned quoting off. */
  strictQuotes?: boolean;
}

export async function readFile(db: Db, file: string, csv: CsvOptions = {}): Promise<ReadResult[]> {
  switch (formatOf(file)) {
    case "csv":
      return [await readCsv(db, file, csv)];
    case "jsonl":
      return [await readJsonLines(db, file)];
    case "parquet":
      return [await readParquet(db, file)];
    case "xlsx":
      return readWorkbook(db, file, nextTable);
  }
}

async function readCsv(db: Db, file: string, options: CsvOptions): Promise<ReadResult> {
  const notes: string[] = [];
  let source = file;
  let scratch: string | undefined;
  if (options.rewrite) {
    scratch = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pathways-")), "utf8.csv");
    await rewriteAsUtf8(file, scratch, options.rewrite.from);
    source = scratch;
    notes.push(`${options.rewrite.why}: read from a UTF-8 copy with LF line endings`);
  }
  const table = nextTable();
  try {
    if (fs.statSync(source).size === 0) throw new UnreadableFileError("the file is empty (0 bytes)");
    const dialect = options.strictQuotes ? await strictDialect(db, source) : "";
    await db.run(`
      drop table if exists csv_rejects; drop table if exists csv_scans;
      create temp table ${table}_parsed as
      select * from read_csv(${sqlString(source)}, all_varchar = true, header = true, ignore_errors = true, ${dialect}
        store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_scans', max_line_size = ${MAX_LINE_BYTES})`);
    if (options.strictQuotes) await failOnUnclosedQuote(db);
    await dropReservedColumns(db, `${table}_parsed`, notes);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const reason = duckDbReason(error, source, file);
    const hint = /CSV Error on Line/i.test(reason)
      ? " (a line longer than 1 MB, or a quote never closed?)"
      : "";
    throw new UnreadableFileError(`cannot be read as CSV: ${reason}${hint}`);
  } finally {
    if (scratch) fs.rmSync(path.dirname(scratch), { recursive: true, force: true });
  }
  // DuckDB records one error per missing column; a steward needs one per row
  await db.run(`create or replace temp table csv_bad_lines as
    select line, arg_min(error_type, column_idx) as error_type from csv_rejects group by line`);
  const rejects = await db.all<StructuralReject>(`
    select line::bigint as row, null as value,
      case error_type
        when 'TOO MANY COLUMNS' then 'the row has more fields than the header'
        when 'MISSING COLUMNS' then 'the row has fewer fields than the header'
        when 'UNQUOTED VALUE' then 'a quote is not closed or a value is not quoted properly'
        when 'LINE SIZE OVER MAXIMUM' then 'the row is longer than 1 MB'
        when 'INVALID UNICODE' then 'the row is not valid text'
        else lower(error_type) end as rule
    from csv_bad_lines order by line`);
  if (rejects.length === 0) {
    // the usual case: row numbers follow the parse order directly (header = row 1)
    await db.run(`create temp view ${table} as select *, rowid + 2 as __row from ${table}_parsed`);
  } else {
    // good rows keep their order; their row numbers skip the rejected ones ("k-th missing" rule)
    await db.run(`
      create temp table ${table}_gaps as
      select max(j) as j, g from (
        select row_number() over (order by line) as j, (line - 1) - row_number() over (order by line) as g from csv_bad_lines
      ) group by g;
      create temp table ${table} as
      select p.*, 1 + (p.rowid + 1) + coalesce(gap.j, 0) as __row
      from ${table}_parsed p asof left join ${table}_gaps gap on (p.rowid + 1) > gap.g;
      drop table ${table}_parsed; drop table ${table}_gaps;`);
  }
  return finish(
    db,
    table,
    rejects.map((r) => ({ ...r, row: Number(r.row) })),
    notes,
  );
}

/**
 * DuckDB's sniffer turns quoting off when a quote is never closed, and then reads the quote as
 * part of a value. Whether it did, for a file that holds quotes: `quotingOff` tells; the strict
 * read then parses with the sniffed delimiter and columns but with double quotes on.
 */
export async function quotingOff(db: Db, file: string): Promise<boolean> {
  const [sniff] = await db
    .all<{ quote: string }>(
      `select Quote as quote from sniff_csv(${sqlString(file)}, all_varchar = true, header = true)`,
    )
    .catch(() => [] as { quote: string }[]);
  return sniff !== undefined && (sniff.quote === "" || sniff.quote === "(empty)" || sniff.quote === "\0");
}

/** DuckDB's reason, without the values it quotes from the file and with the file's own name. */
function duckDbReason(error: unknown, source: string, file: string): string {
  return withoutQuotedText((error as Error).message.replaceAll(source, path.basename(file)));
}

async function strictDialect(db: Db, file: string): Promise<string> {
  const [sniff] = await db.all<{ delimiter: string; names: string[] }>(
    `select Delimiter as delimiter, list_transform(Columns, c -> c.name) as names
     from sniff_csv(${sqlString(file)}, all_varchar = true, header = true)`,
  );
  const columns = (sniff?.names ?? []).map((n) => `${sqlString(n)}: 'VARCHAR'`).join(", ");
  return `auto_detect = false, delim = ${sqlString(sniff?.delimiter ?? ",")}, quote = '"', escape = '"', columns = {${columns}},`;
}

/** A quote that is never closed makes the rest of the file one value: the file fails, at that line. */
async function failOnUnclosedQuote(db: Db): Promise<void> {
  const [open] = await db.all<{ line: number; column: string | null }>(`
    select line::bigint as line, column_name as column from csv_rejects
    where error_type = 'UNQUOTED VALUE' and (csv_line like '%' || chr(10) || '%' or csv_line like '%' || chr(13) || '%')
    order by line limit 1`);
  if (open) {
    throw new UnreadableFileError(
      `line ${Number(open.line)}: a double quote${open.column ? ` in column ${open.column}` : ""} opens a value that is never closed, so every line after it would be read as part of that value; close or remove the quote and load the file again`,
    );
  }
}

async function readParquet(db: Db, file: string): Promise<ReadResult> {
  const table = nextTable();
  try {
    await db.run(`create temp table ${table} as
      select columns(c -> c <> 'file_row_number' and not starts_with(c, '__'))::varchar, file_row_number + 1 as __row
      from read_parquet(${sqlString(file)}, file_row_number = true)`);
  } catch (error) {
    throw new UnreadableFileError(`cannot be read as Parquet: ${duckDbReason(error, file, file)}`);
  }
  return finish(db, table, [], []);
}

/**
 * Lines of a file, streamed, at most `maxBytes` each: a longer line is reported (`tooLong`) and
 * skipped without being held in memory.
 */
export async function* boundedLines(
  file: string,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<{ line: number; text: string | null }> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  let tooLong = false;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    let start = 0;
    for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, start)) {
      if (!tooLong && size + at - start <= maxBytes) parts.push(buffer.subarray(start, at));
      else tooLong = true;
      yield { line, text: tooLong ? null : Buffer.concat(parts).toString("utf8").replace(/\r$/, "") };
      parts = [];
      size = 0;
      tooLong = false;
      line++;
      start = at + 1;
    }
    const rest = buffer.length - start;
    if (!tooLong && size + rest <= maxBytes) {
      parts.push(buffer.subarray(start));
      size += rest;
    } else {
      tooLong = true;
      parts = [];
    }
  }
  if (tooLong || size > 0) yield { line, text: tooLong ? null : Buffer.concat(parts).toString("utf8") };
}

async function readJsonLines(db: Db, file: string): Promise<ReadResult> {
  // JSON Lines arrive as objects: parse them here, one per line, streamed into an NDJSON file of
  // string values that DuckDB reads; what is not an object, or is longer than 1 MB, is rejected.
  const rejects: StructuralReject[] = [];
  const headers = new Set<string>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathways-"));
  const tmp = path.join(dir, "rows.json");
  const out = fs.createWriteStream(tmp);
  let rows = 0;
  try {
    for await (const { line, text } of boundedLines(file)) {
      if (text === null) {
        rejects.push({ row: line, value: null, rule: "the line is longer than 1 MB" });
        continue;
      }
      if (text.trim() === "") continue;
      let record: Record<string, string | null>;
      try {
        const value = JSON.parse(text);
        if (value === null || typeof value !== "object" || Array.isArray(value))
          throw new Error("not an object");
        record = Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => !k.startsWith("__"))
            .map(([k, v]) => [k, v === null ? null : typeof v === "object" ? JSON.stringify(v) : String(v)]),
        );
      } catch {
        rejects.push({ row: line, value: null, rule: "the line is not a JSON object" });
        continue;
      }
      for (const k of Object.keys(record)) headers.add(k);
      rows++;
      if (!out.write(`${JSON.stringify({ ...record, __row: String(line) })}\n`))
        await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end(() => resolve()).on("error", reject));
    const table = nextTable();
    await loadNdjson(db, table, tmp, [...headers], rows);
    return finish(db, table, rejects, []);
  } finally {
    out.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An NDJSON file of string values (and __row) into a temp table with one VARCHAR column per header. */
export async function loadNdjson(
  db: Db,
  table: string,
  file: string,
  headers: string[],
  rows: number,
): Promise<void> {
  if (rows === 0) {
    await db.run(
      `create temp table ${table} (${[...headers.map((h) => `"${h.replaceAll('"', '""')}" varchar`), "__row bigint"].join(", ")})`,
    );
    return;
  }
  const columns = [...headers.map((h) => `${sqlString(h)}: 'VARCHAR'`), "'__row': 'BIGINT'"].join(", ");
  await db.run(
    `create temp table ${table} as select * from read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${columns}}, maximum_object_size = ${4 * MAX_LINE_BYTES})`,
  );
}

/** Rows that were built in JavaScript (small files only) go to DuckDB through a temp NDJSON file. */
export async function loadObjects(
  db: Db,
  table: string,
  rows: Record<string, string | null>[],
): Promise<void> {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((h) => h !== "__row");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathways-"));
  const tmp = path.join(dir, "rows.json");
  fs.writeFileSync(tmp, rows.map((r) => JSON.stringify(r)).join("\n"));
  try {
    await loadNdjson(db, table, tmp, headers, rows.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function finish(
  db: Db,
  table: string,
  rejects: StructuralReject[],
  notes: string[],
  sheet?: string,
): Promise<ReadResult> {
  const headers = (
    await db.all<{ name: string }>(`select name from pragma_table_info('${table}') where name <> '__row'`)
  ).map((r) => r.name);
  const [{ n } = { n: 0 }] = await db.all<{ n: number }>(`select count(*)::bigint as n from ${table}`);
  return { table, headers, rowsRead: Number(n) + rejects.length, rejects, notes, sheet };
}
