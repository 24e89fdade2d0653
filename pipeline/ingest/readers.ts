// Readers: turn one file into a DuckDB temp table of VARCHAR columns (its own headers) plus
// __row, the row a steward would look at (CSV: the line DuckDB counts, header = 1; spreadsheets:
// the sheet row). Rows the CSV parser cannot split are returned as structural rejects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import { type Encoding, rewriteAsUtf8 } from "./fingerprint.ts";
import { isMdeWorkbook, readMdeWorkbook, readXlsxSheet } from "./xlsx.ts";

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
      return (await isMdeWorkbook(file))
        ? readMdeWorkbook(db, file, nextTable)
        : [await readXlsxSheet(db, file, nextTable())];
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
        store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_scans', max_line_size = 10000000)`);
    if (options.strictQuotes) await failOnUnclosedQuote(db);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const reason = (error as Error).message.split("\n")[0]?.replaceAll(source, path.basename(file));
    throw new UnreadableFileError(`cannot be read as CSV: ${reason}`);
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
        when 'LINE SIZE OVER MAXIMUM' then 'the row is longer than 10 MB'
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
      select columns(c -> c <> 'file_row_number')::varchar, file_row_number + 1 as __row
      from read_parquet(${sqlString(file)}, file_row_number = true)`);
  } catch (error) {
    throw new UnreadableFileError(`cannot be read as Parquet: ${(error as Error).message.split("\n")[0]}`);
  }
  return finish(db, table, [], []);
}

async function readJsonLines(db: Db, file: string): Promise<ReadResult> {
  // JSON Lines arrive as objects: parse them here, one per line, and reject what is not an object.
  const rejects: StructuralReject[] = [];
  const rows: Record<string, string | null>[] = [];
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const value = JSON.parse(line);
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw new Error("not an object");
      rows.push({
        ...Object.fromEntries(
          Object.entries(value).map(([k, v]) => [
            k,
            v === null ? null : typeof v === "object" ? JSON.stringify(v) : String(v),
          ]),
        ),
        __row: String(i + 1),
      });
    } catch {
      rejects.push({ row: i + 1, value: null, rule: "the line is not a JSON object" });
    }
  });
  const table = nextTable();
  await loadObjects(db, table, rows);
  return finish(db, table, rejects, []);
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
  const columns = [...headers.map((h) => `${sqlString(h)}: 'VARCHAR'`), "'__row': 'BIGINT'"].join(", ");
  try {
    if (rows.length === 0) {
      await db.run(
        `create temp table ${table} (${[...headers.map((h) => `"${h}" varchar`), "__row bigint"].join(", ")})`,
      );
    } else {
      await db.run(
        `create temp table ${table} as select * from read_json(${sqlString(tmp)}, format = 'newline_delimited', columns = {${columns}})`,
      );
    }
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
