// Fuzz: damaged copies of a valid file (truncation, wrong encoding, stray quotes, extra and
// missing columns, empty files, huge fields, random bytes). For each: no crash; either the file
// fails with a message and nothing of it is written, or read = loaded + rejected and the landing
// store holds exactly the loaded rows and one reject row per rejected row.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { land, query, scratch, write } from "./helpers/landing.ts";

const HEADER =
  "student_id,school_year,district_id,school_id,grade,race_ethnicity,sex,econ_disadvantaged,english_learner,iep";
const VALID = [
  HEADER,
  ...Array.from({ length: 60 }, (_, i) => `S${1000 + i},2024,9001,9001-004,${7 + (i % 6)},black,F,Y,N,N`),
].join("\n");

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
  headerOnly: () => `${HEADER}\n`,
  hugeField: (t) => t.replace("S1003", "S".repeat(2_000_000)),
  garbage: (_t, r) => Buffer.from(Array.from({ length: 5000 }, () => Math.floor(r() * 256))),
};

describe("ingest fuzz", () => {
  it("never crashes, never loses a row, never leaves part of a failed file", async () => {
    const dir = scratch("ingest-fuzz");
    const r = prng(20261122);
    const cases: string[] = [];
    for (const [name, mutate] of Object.entries(MUTATIONS)) {
      for (let k = 0; k < 3; k++) cases.push(write(dir, `in/${name}_${k}.csv`, mutate(VALID, r)));
    }
    const landing = path.join(dir, "landing.duckdb");
    const result = await land(landing, cases);
    expect(result.files).toHaveLength(cases.length);
    const files = await query<{ source_file: string; file_id: number; r: number; l: number; j: number }>(
      landing,
      "select source_file, file_id::int as file_id, rows_read::int r, rows_loaded::int l, rows_rejected::int j from meta.files",
    );
    for (const report of result.files) {
      const row = files.find((f) => f.source_file === report.file);
      if (report.status === "failed") {
        expect(report.error, report.file).toBeTruthy();
        expect(row, report.file).toBeUndefined();
        continue;
      }
      if (report.status === "skipped") continue; // an identical mutation (e.g. two empty files)
      expect(report.rowsRead, report.file).toBe(report.rowsLoaded + report.rowsRejected);
      const [counts] = await query<{ raw: number; rejected: number }>(
        landing,
        `select (select count(*) from raw.students where file_id = ${row?.file_id})::int as raw,
           (select count(distinct source_row) from meta.rejects where file_id = ${row?.file_id})::int as rejected`,
      );
      expect([report.file, counts?.raw, counts?.rejected]).toEqual([
        report.file,
        report.rowsLoaded,
        report.rowsRejected,
      ]);
      expect([row?.r, row?.l, row?.j]).toEqual([report.rowsRead, report.rowsLoaded, report.rowsRejected]);
    }
    // the undamaged rows of a damaged file still arrive: a missing field rejects only its own rows
    const partial = result.files.find((f) => f.file.endsWith("missingField_0.csv"));
    expect(partial?.rowsRead).toBe(60);
    expect(partial?.rowsLoaded).toBeGreaterThan(30);
    const statuses = new Set(result.files.map((f) => f.status));
    expect(statuses.has("failed") && statuses.has("loaded")).toBe(true);
  });
});
