// Reads an XLSX workbook in a worker thread with a heap limit (xlsx.ts starts it), streaming:
// each sheet's rows go to an NDJSON file ({"c1": ..., "__row": n}) as they are parsed, so a
// workbook is never held in memory whole. A sheet longer than Excel allows or a cell longer than
// Excel allows stops the read with a message; a workbook built to exhaust memory ends this worker
// only (the heap limit), never the ingest. Plain JavaScript: a worker thread does not inherit the
// TypeScript loader of the main thread.
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import ExcelJS from "exceljs";

const { file, outDir, maxRows, maxCellChars } = workerData;

function cellText(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return value.result === undefined ? null : cellText(value.result);
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
  }
  return String(value).trim();
}

class TooLarge extends Error {}

async function read() {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  // A zip may hold a sheet before xl/workbook.xml (writers order entries as they finish them):
  // ExcelJS then reads this.model.sheets of nothing. An empty model lets it go on; the sheet's name
  // is looked up once the workbook part has been read (sheetName below).
  reader.model = { sheets: [] };
  const sheets = [];
  for await (const sheet of reader) {
    const out = path.join(outDir, `sheet${sheets.length + 1}.json`);
    const stream = fs.createWriteStream(out);
    const entry = { name: sheet.name, file: out, headers: [], columns: 0, rows: 0 };
    if (!reader.model.sheets.length) entry.part = sheet.id;
    sheets.push(entry);
    parentPort.postMessage({ progress: true });
    for await (const row of sheet) {
      if (row.number % 5000 === 0) parentPort.postMessage({ progress: true });
      if (row.number > maxRows) throw new TooLarge(`sheet ${sheet.name} has more than ${maxRows} rows`);
      const cells = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        const text = cellText(cell.value);
        if (text !== null && text.length > maxCellChars)
          throw new TooLarge(
            `sheet ${sheet.name}, row ${row.number}: a cell holds ${text.length} characters, more than the ${maxCellChars} a spreadsheet cell can`,
          );
        cells[column - 1] = text;
      });
      entry.columns = Math.max(entry.columns, cells.length);
      if (row.number === 1) {
        entry.headers = Array.from(cells, (c, i) => c || `column${i + 1}`);
        continue;
      }
      if (!cells.some((c) => c !== null && c !== undefined && c !== "")) continue;
      const record = { __row: row.number };
      cells.forEach((c, i) => {
        record[`c${i + 1}`] = c ?? null;
      });
      entry.rows++;
      if (!stream.write(`${JSON.stringify(record)}\n`)) await new Promise((r) => stream.once("drain", r));
    }
    await new Promise((resolve, reject) => stream.end(resolve).on("error", reject));
    for (let i = entry.headers.length; i < entry.columns; i++) entry.headers.push(`column${i + 1}`);
  }
  for (const entry of sheets) {
    if (entry.part === undefined) continue;
    entry.name = sheetName(reader, entry.part) ?? entry.name;
    delete entry.part;
  }
  return sheets;
}

/** The name xl/workbook.xml gives worksheets/sheetN.xml (ExcelJS's own lookup, done late). */
function sheetName(reader, part) {
  const rel = (reader.workbookRels ?? []).find((r) => r.Target === `worksheets/sheet${part}.xml`);
  return rel && reader.model?.sheets?.find((s) => s.rId === rel.Id)?.name;
}

read().then(
  (sheets) => parentPort.postMessage({ ok: true, sheets }),
  (error) =>
    parentPort.postMessage({
      ok: false,
      tooLarge: error instanceof TooLarge,
      error: String(error?.message ?? error),
    }),
);
