// Fuzz: damaged copies of valid files (truncation, wrong encoding, stray quotes, extra and
// missing columns, empty files, huge fields, random bytes) of every kind, as CSV, JSON Lines,
// Parquet and XLSX: over 1,000 files landed in one ingest. For each: no crash; either the file
// fails with a message and nothing of it is written, or read = loaded + duplicates + rejected and
// the landing store holds exactly the loaded rows and one reject row per rejected row.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { KINDS } from "../pipeline/sources/index.ts";
import { generateState } from "../pipeline/synth/generate.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { land, query, scratch, write } from "./helpers/landing.ts";

// a small deterministic generator, so a failure can be replayed
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Mutation = (text: string, r: () => number) => string | Buffer;
const at = (text: string, r: () => number) => Math.floor(r() * text.length);
const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, at(t, r)),
  strayQuote: (t, r) => {
    const i = at(t, r);
    return `${t.slice(0, i)}"${t.slice(i)}`;
  },
  extraField: (t, r) =>
    t
      .split("\n")
      .map((l, i) => (i > 0 && r() < 0.2 ? `${l},surprise` : l))
      .join("\n"),
  missingField: (t, r) =>
    t
      .split("\n")
      .map((l, i) => (i > 0 && r() < 0.2 ? l.slice(0, l.lastIndexOf(",")) : l))
      .join("\n"),
  extraColumn: (t) =>
    t
      .split("\n")
      .map((l, i) => (i === 0 ? `${l},notes` : `${l},x`))
      .join("\n"),
  missingColumn: (t) =>
    t
      .split("\n")
      .map((l) => l.slice(0, l.lastIndexOf(",")))
      .join("\n"),
  latin1: (t) => Buffer.from(t.replace("black", "blāck é"), "latin1"),
  randomBytes: (t, r) => {
    const b = Buffer.from(t);
    for (let k = 0; k < 20; k++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    return b;
  },
  empty: () => "",
  headerOnly: (t) => `${t.split("\n")[0]}\n`,
  hugeField: (t) =>
    t
      .split("\n")
      .map((l, i) => (i === 3 ? `${"S".repeat(2_000_000)}${l.slice(l.indexOf(","))}` : l))
      .join("\n"),
  garbage: (_t, r) => Buffer.from(Array.from({ length: 5000 }, () => Math.floor(r() * 256))),
};

/** The first lines of each generated file kind: valid input the fuzz damages. */
async function validSamples(dir: string): Promise<Record<string, string>> {
  const out = path.join(dir, "generated");
  await generateState({ students: 100, out, seed: 7 });
  const first = (file: string, n = 40) =>
    fs.readFileSync(path.join(out, file), "utf8").split("\n").slice(0, n).join("\n");
  const nsc = fs.readdirSync(path.join(out, "nsc")).sort();
  return {
    students: first("students.csv"),
    plans: first("plans.csv"),
    nsc_hs: first(`nsc/${nsc[0]}`),
    nsc_colleges: first(`nsc/${nsc.at(-1)}`),
    districts: first("districts.csv"),
    schools: first("schools.csv"),
    accountability: first("normalized/accountability.csv"),
    attainment: first("attainment.csv"),
  };
}

/** A (damaged) CSV text as row objects, header from its first line; ragged lines keep what they have. */
function objects(text: string): Record<string, string>[] {
  const [header = "", ...lines] = text.split("\n");
  const names = header.split(",");
  return lines
    .filter((l) => l !== "")
    .map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i] ?? `extra_${i}`, v])));
}

function damageBytes(bytes: Buffer, r: () => number): Buffer {
  const b = Buffer.from(bytes);
  if (r() < 0.5) return b.subarray(0, Math.floor(r() * b.length));
  for (let k = 0; k < 8; k++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
  return b;
}

async function writeJsonLines(file: string, text: string, r: () => number) {
  const lines = objects(text).map((o) =>
    r() < 0.05 ? (r() < 0.5 ? "[1, 2]" : `{"broken": `) : JSON.stringify(o),
  );
  fs.writeFileSync(file, lines.join("\n"));
}

async function writeParquet(file: string, text: string, r: () => number) {
  const rows = objects(text);
  const json = `${file}.json`;
  fs.writeFileSync(json, rows.map((o) => JSON.stringify(o)).join("\n"));
  const db = await openDb(":memory:");
  try {
    await db.run(`copy (select * from read_json_auto('${json}'))
      to '${file}' (format parquet)`);
  } catch {
    fs.writeFileSync(file, Buffer.from(text)); // not JSON-shaped at all: a "Parquet" file of text
  } finally {
    db.close();
    fs.rmSync(json, { force: true });
  }
  if (r() < 0.3) fs.writeFileSync(file, damageBytes(fs.readFileSync(file), r));
}

async function writeXlsx(file: string, text: string, r: () => number) {
  const [header = ""] = text.split("\n");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("data");
  ws.addRow(header.split(","));
  for (const o of objects(text))
    ws.addRow(Object.values(o).map((v) => (r() < 0.02 ? "x".repeat(40_000) : v)));
  await wb.xlsx.writeFile(file);
  if (r() < 0.3) fs.writeFileSync(file, damageBytes(fs.readFileSync(file), r));
}

describe("ingest fuzz", () => {
  it("lands 1,000+ damaged files of every kind and reader: no crash, no row lost, nothing of a failed file", async () => {
    const dir = scratch("ingest-fuzz");
    const samples = await validSamples(dir);
    const r = prng(20261123);
    const cases: string[] = [];
    for (const [kind, valid] of Object.entries(samples)) {
      for (const [name, mutate] of Object.entries(MUTATIONS)) {
        for (let k = 0; k < 7; k++)
          cases.push(write(dir, `in/${kind}/csv/${name}_${k}.csv`, mutate(valid, r)));
        // (84 CSV, 18 JSON Lines, 18 Parquet and 5 XLSX files per kind: 1,000 in all)
      }
      const textual = Object.entries(MUTATIONS).filter(
        ([name]) => !["latin1", "randomBytes", "garbage"].includes(name),
      );
      for (let k = 0; k < 18; k++) {
        const [name, mutate] = textual[k % textual.length] as [string, Mutation];
        const text = String(mutate(valid, r));
        const base = path.join(dir, "in", kind);
        fs.mkdirSync(path.join(base, "other"), { recursive: true });
        const jsonl = path.join(base, "other", `${name}_${k}.jsonl`);
        await writeJsonLines(jsonl, text, r);
        const parquet = path.join(base, "other", `${name}_${k}.parquet`);
        await writeParquet(parquet, text, r);
        cases.push(jsonl, parquet);
        // a workbook for five of the textual mutations (each workbook costs a worker thread, a third
        // of a second; the reader's own limits have their tests in hostile.test.ts)
        if (k < 5) {
          const xlsx = path.join(base, "other", `${name}_${k}.xlsx`);
          await writeXlsx(xlsx, text, r);
          cases.push(xlsx);
        }
      }
    }
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    const landing = path.join(dir, "landing.duckdb");
    const result = await land(landing, [path.join(dir, "in")]);
    expect(result.files).toHaveLength(cases.length);

    // what the landing store holds per file, in one query
    const held = await query<{
      file_id: number;
      source_file: string;
      r: number;
      l: number;
      j: number;
      raw: number;
      rejected: number;
    }>(
      landing,
      `with raw as (${KINDS.map((k) => `select file_id from raw.${k.kind}`).join(" union all ")}),
       loaded as (select file_id, count(*) as n from raw group by all),
       rejected as (select file_id, count(distinct source_row) as n from meta.rejects group by all)
       select f.file_id::int as file_id, source_file, rows_read::int r, rows_loaded::int l, rows_rejected::int j,
         coalesce(loaded.n, 0)::int as raw, coalesce(rejected.n, 0)::int as rejected
       from meta.files f left join loaded using (file_id) left join rejected using (file_id)`,
    );
    const byFile = new Map(held.map((h) => [h.source_file, h]));
    for (const report of result.files) {
      const row = byFile.get(report.file);
      if (report.status === "failed") {
        expect(report.error, report.file).toBeTruthy();
        expect(row, report.file).toBeUndefined();
        continue;
      }
      if (report.status === "skipped") continue; // an identical mutation (e.g. two empty files)
      expect(report.rowsRead, report.file).toBe(
        report.rowsLoaded + report.rowsDuplicate + report.rowsRejected,
      );
      expect([report.file, row?.raw, row?.rejected, row?.r, row?.l, row?.j]).toEqual([
        report.file,
        report.rowsLoaded,
        report.rowsRejected,
        report.rowsRead,
        report.rowsLoaded,
        report.rowsRejected,
      ]);
    }
    // the undamaged rows of a damaged file still arrive: a missing field rejects only its own rows
    const partial = result.files.find((f) =>
      f.file.endsWith(path.join("students", "csv", "missingField_0.csv")),
    );
    expect(partial?.rowsRead).toBe(39);
    expect(partial?.rowsLoaded).toBeGreaterThan(20);
    const statuses = new Set(result.files.map((f) => f.status));
    expect(statuses.has("failed") && statuses.has("loaded")).toBe(true);
    const formats = new Set(
      result.files.filter((f) => f.status === "loaded").map((f) => path.extname(f.file)),
    );
    expect([...formats].sort()).toEqual([".csv", ".jsonl", ".parquet", ".xlsx"]);
  }, 600_000);
});
