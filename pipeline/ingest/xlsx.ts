// Spreadsheets. The MDE accountability media file is read as published (sheets Districts,
// 1000 Point Schools, 700 Point Schools) into the normalized accountability columns; its markers
// (N/A, ǂ, *) become empty rates and are kept, with every other column, in __extras.
// Any other workbook is read from its first sheet, header on row 1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { REPO_ROOT } from "../config.ts";
import type { Db } from "../warehouse/connection.ts";
import {
  boundedLines,
  finish,
  loadNdjson,
  loadObjects,
  MAX_LINE_BYTES,
  type ReadResult,
  UnreadableFileError,
} from "./readers.ts";

const MDE_SHEETS = {
  Districts: "district",
  "1000 Point Schools": "school",
  "700 Point Schools": "school",
} as const;
const MDE_COLUMNS: Record<string, string> = {
  "Graduation Rate": "grad_rate",
  "College and Career Readiness": "ccr_rate",
  Acceleration: "acceleration_rate",
  Grade: "grade",
  "Total Points": "total_points",
};
/** Markers the MDE file uses instead of a number (see its Summary sheet). */
const MARKERS = new Set(["N/A", "ǂ", "*", "", "-"]);

/** Excel's own limits: rows per sheet and characters per cell. A file past them was not written by Excel. */
export const XLSX_LIMITS = { maxRows: 1_048_576, maxCellChars: 32_767, heapMb: 512, idleSeconds: 20 };

interface SheetFile {
  name: string;
  /** NDJSON, one object per row: c1..cN and __row. */
  file: string;
  headers: string[];
  rows: number;
}

/**
 * Every sheet of a workbook, read in a worker thread with a heap limit into NDJSON files in `dir`.
 * A workbook too large for the limits fails alone with a message; the ingest goes on.
 */
async function readSheets(file: string, dir: string): Promise<SheetFile[]> {
  // by its place in the repository: the compiled CLI (build/) runs from another folder
  const worker = new Worker(path.join(REPO_ROOT, "pipeline", "ingest", "xlsx-worker.mjs"), {
    workerData: { file, outDir: dir, maxRows: XLSX_LIMITS.maxRows, maxCellChars: XLSX_LIMITS.maxCellChars },
    resourceLimits: { maxOldGenerationSizeMb: XLSX_LIMITS.heapMb },
  });
  type Reply = { ok: true; sheets: SheetFile[] } | { ok: false; tooLarge: boolean; error: string };
  const reply = await new Promise<Reply>((resolve) => {
    // a damaged archive can leave the reader waiting for data that never comes: without progress
    // for `idleSeconds` it is ended; one that ends without a word was cut short
    let idle: NodeJS.Timeout | undefined;
    const wait = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          resolve({
            ok: false,
            tooLarge: false,
            error: `the reader made no progress for ${XLSX_LIMITS.idleSeconds} s (a damaged archive)`,
          }),
        XLSX_LIMITS.idleSeconds * 1000,
      );
    };
    wait();
    worker.on("message", (message: Reply | { progress: true }) => {
      if ("progress" in message) return wait();
      clearTimeout(idle);
      resolve(message);
    });
    worker.once("exit", () => {
      clearTimeout(idle);
      resolve({
        ok: false,
        tooLarge: false,
        error: "the archive ends before the workbook does (damaged or cut short)",
      });
    });
    worker.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(idle);
      const memory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      resolve({
        ok: false,
        tooLarge: memory,
        error: memory
          ? `reading it needs more than the ${XLSX_LIMITS.heapMb} MB the reader may use (a very large sheet, or a cell or shared string far larger than a spreadsheet writes)`
          : error.message,
      });
    });
  });
  await worker.terminate();
  if (!reply.ok)
    throw new UnreadableFileError(
      reply.tooLarge
        ? `the workbook is too large to read: ${reply.error}`
        : `cannot be read as an XLSX workbook: ${reply.error.split("\n")[0]}`,
    );
  return reply.sheets;
}

/** A sheet's rows, read back in JavaScript (the MDE sheets: a few hundred rows each). */
async function sheetRows(sheet: SheetFile): Promise<{ row: number; cells: (string | null)[] }[]> {
  const rows: { row: number; cells: (string | null)[] }[] = [];
  for await (const { text } of boundedLines(sheet.file, 16 * MAX_LINE_BYTES)) {
    if (!text) continue;
    const record = JSON.parse(text) as Record<string, string | number | null>;
    rows.push({
      row: Number(record.__row),
      cells: sheet.headers.map((_, i) => (record[`c${i + 1}`] ?? null) as string | null),
    });
  }
  return rows;
}

/** Unique column names, as DuckDB makes them (a repeated name gets _1, _2). */
function uniqueNames(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const n = seen.get(h.toLowerCase()) ?? 0;
    seen.set(h.toLowerCase(), n + 1);
    return n === 0 ? h : `${h}_${n}`;
  });
}

async function withSheets<T>(file: string, use: (sheets: SheetFile[]) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathways-xlsx-"));
  try {
    return await use(await readSheets(file, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every sheet of the workbook as ReadResults: the MDE media file's three sheets, or the first sheet. */
export async function readWorkbook(db: Db, file: string, nextTable: () => string): Promise<ReadResult[]> {
  return withSheets(file, async (sheets) => {
    const names = new Set(sheets.map((s) => s.name));
    if (names.has("Districts") && names.has("1000 Point Schools"))
      return readMdeWorkbook(db, file, sheets, nextTable);
    const sheet = sheets[0];
    if (!sheet) throw new UnreadableFileError("the workbook has no sheet");
    const table = nextTable();
    const columns = uniqueNames(sheet.headers);
    const notes: string[] = [];
    const reserved = columns.filter((c) => c.startsWith("__"));
    if (reserved.length > 0)
      notes.push(
        `column(s) ${reserved.join(", ")} not read: names starting with __ are reserved for lineage`,
      );
    const kept = columns.map((c, i) => ({ c, i })).filter(({ c }) => !c.startsWith("__"));
    const staged = `${table}_sheet`;
    await loadNdjson(
      db,
      staged,
      sheet.file,
      kept.map(({ i }) => `c${i + 1}`),
      sheet.rows,
    );
    await db.run(`create temp table ${table} as
      select ${[...kept.map(({ c, i }) => `"c${i + 1}" as "${c.replaceAll('"', '""')}"`), "__row"].join(", ")} from ${staged};
      drop table ${staged};`);
    return [await finish(db, table, [], notes, sheet.name)];
  });
}

/** The school year an MDE file reports: from its name (mde_2024_...), as MDE names them. */
export function mdeSchoolYear(file: string): number {
  const match = /(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)/.exec(path.basename(file));
  if (!match) {
    throw new UnreadableFileError(
      "an MDE accountability file carries no school year inside: put it in the file name (mde_2024_accountability_media_file.xlsx)",
    );
  }
  return Number(match[1]);
}

async function readMdeWorkbook(
  db: Db,
  file: string,
  sheets: SheetFile[],
  nextTable: () => string,
): Promise<ReadResult[]> {
  const year = mdeSchoolYear(file);
  const results: ReadResult[] = [];
  for (const [sheetName, level] of Object.entries(MDE_SHEETS)) {
    const sheet = sheets.find((s) => s.name === sheetName);
    if (!sheet) continue;
    const headers = sheet.headers;
    const rows = await sheetRows(sheet);
    const idColumn = headers.indexOf("ID#");
    if (idColumn < 0) throw new UnreadableFileError(`sheet ${sheetName} has no ID# column`);
    const objects = rows.map(({ row, cells }) => {
      const record: Record<string, string | null> = {
        level,
        entity_id: cells[idColumn] ?? null,
        school_year: String(year),
      };
      const extras: Record<string, string | null> = {};
      headers.forEach((h, i) => {
        if (i === idColumn) return;
        const value = cells[i] ?? null;
        const target = MDE_COLUMNS[h];
        if (target) {
          const marker = value === null || MARKERS.has(value);
          record[target] = marker ? null : value;
          if (marker && value) extras[`${target}_marker`] = value;
        } else {
          extras[h] = value;
        }
      });
      return { ...record, __extras: JSON.stringify(extras), __row: String(row) };
    });
    const table = nextTable();
    await loadObjects(db, table, objects);
    results.push(
      await finish(db, table, [], [`sheet ${sheetName}: school year ${year} from the file name`], sheetName),
    );
  }
  return results;
}
