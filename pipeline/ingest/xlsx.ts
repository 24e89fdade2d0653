// Spreadsheets. The MDE accountability media file is read as published (sheets Districts,
// 1000 Point Schools, 700 Point Schools) into the normalized accountability columns; its markers
// (N/A, ǂ, *) become empty rates and are kept, with every other column, in __extras.
// Any other workbook is read from its first sheet, header on row 1.
import path from "node:path";
import ExcelJS from "exceljs";
import type { Db } from "../warehouse/connection.ts";
import { finish, loadObjects, type ReadResult, UnreadableFileError } from "./readers.ts";

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

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (error) {
    throw new UnreadableFileError(
      `cannot be read as an XLSX workbook: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  return wb;
}

export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value)
      return value.result === undefined ? null : cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ("error" in value) return String(value.error);
  }
  return String(value).trim();
}

function sheetRows(ws: ExcelJS.Worksheet): {
  headers: string[];
  rows: { row: number; cells: (string | null)[] }[];
} {
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++)
    headers.push(cellText(headerRow.getCell(c).value) ?? `column${c}`);
  const rows: { row: number; cells: (string | null)[] }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = headers.map((_, i) => cellText(row.getCell(i + 1).value));
    if (cells.some((c) => c !== null && c !== "")) rows.push({ row: n, cells });
  });
  return { headers, rows };
}

export async function isMdeWorkbook(file: string): Promise<boolean> {
  const wb = await open(file);
  return wb.getWorksheet("Districts") !== undefined && wb.getWorksheet("1000 Point Schools") !== undefined;
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

export async function readMdeWorkbook(db: Db, file: string, nextTable: () => string): Promise<ReadResult[]> {
  const wb = await open(file);
  const year = mdeSchoolYear(file);
  const results: ReadResult[] = [];
  for (const [sheet, level] of Object.entries(MDE_SHEETS)) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const { headers, rows } = sheetRows(ws);
    const idColumn = headers.indexOf("ID#");
    if (idColumn < 0) throw new UnreadableFileError(`sheet ${sheet} has no ID# column`);
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
      await finish(db, table, [], [`sheet ${sheet}: school year ${year} from the file name`], sheet),
    );
  }
  return results;
}

export async function readXlsxSheet(db: Db, file: string, table: string): Promise<ReadResult> {
  const wb = await open(file);
  const ws = wb.worksheets[0];
  if (!ws) throw new UnreadableFileError("the workbook has no sheet");
  const { headers, rows } = sheetRows(ws);
  const objects = rows.map(({ row, cells }) => ({
    ...Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? null])),
    __row: String(row),
  }));
  await loadObjects(db, table, objects);
  return finish(db, table, [], [], ws.name);
}
