// The synthetic state's files: every kind, the exact NSC layout, determinism, fictional names.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateState } from "../pipeline/synth/generate.ts";
import { memoryDb, NSC_CANONICAL, normalizeHeader } from "./helpers/duck.ts";

const OUT = path.resolve("tests/.out/synth");
const options = (out: string) => ({
  students: 2000,
  seed: 7,
  firstClass: 2016,
  lastClass: 2025,
  out,
  memoryLimit: "1GB",
});

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash("sha256").update(fs.readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  await generateState(options(path.join(OUT, "a")));
  await generateState(options(path.join(OUT, "b")));
});

describe("pathways generate", () => {
  it("writes every input kind", () => {
    const files = Object.keys(digest(path.join(OUT, "a")));
    for (const f of [
      "students.csv",
      "plans.csv",
      "districts.csv",
      "schools.csv",
      "attainment.csv",
      "normalized/accountability.csv",
      "accountability/mde_2024_accountability_media_file.xlsx",
      "nsc/nsc_detail_class_2016.csv",
      "nsc/nsc_detail_class_2025.csv",
      "answer_key.json",
      "manifest.json",
    ]) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.includes(".duckdb"))).toBe(false);
  });

  it("gives byte-identical files for the same seed and options", () => {
    const a = digest(path.join(OUT, "a"));
    const b = digest(path.join(OUT, "b"));
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });

  it("writes NSC returns with exactly the 23 detail columns, in several header spellings", () => {
    const dir = path.join(OUT, "a", "nsc");
    const headers = fs
      .readdirSync(dir)
      .map((f) => (fs.readFileSync(path.join(dir, f), "utf8").split("\n")[0] as string).split(","));
    for (const h of headers) {
      expect(h).toHaveLength(23);
      expect(h.map(normalizeHeader)).toEqual(NSC_CANONICAL.map(normalizeHeader));
    }
    expect(headers.some((h) => h.join(",") === NSC_CANONICAL.join(","))).toBe(true);
    const spellings = new Set(headers.map((h) => h.join(",")));
    expect(spellings.size).toBe(3);
    const all = headers.flat();
    for (const variant of [
      "Your Unique Identifier",
      "Your_Unique_Identifier",
      "2-year / 4-year",
      "Graduated?",
    ]) {
      expect(all).toContain(variant);
    }
  });

  it("uses fictional names only: no real district or school name from the reference files", async () => {
    const crosswalk = path.resolve("../shared/reference/ms/district_crosswalk.csv");
    if (!fs.existsSync(crosswalk)) {
      console.warn("skipped: ../shared/reference is not present");
      return;
    }
    const db = await memoryDb();
    const [row] = await db.all<{ n: number }>(`
      select count(*)::int as n from read_csv('${path.join(OUT, "a", "districts.csv")}') g
      join read_csv('${crosswalk}') r on lower(r.mde_district_name) = lower(g.name)`);
    expect(row?.n).toBe(0);
    const names = await db.all<{ name: string }>(
      `select name from read_csv('${path.join(OUT, "a", "schools.csv")}')`,
    );
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.resolve("../shared/reference/ms/mde_2024_accountability_media_file.xlsx"));
    const real = new Set<string>();
    for (const sheet of ["1000 Point Schools", "700 Point Schools"]) {
      wb.getWorksheet(sheet)?.eachRow((r) => real.add(String(r.getCell(3).value).toLowerCase()));
    }
    expect(real.size).toBeGreaterThan(800);
    expect(names.filter((n) => real.has(n.name.toLowerCase()))).toEqual([]);
    db.close();
  });

  it("writes the MDE accountability layout with its sheets, N/A charters and ǂ for small groups", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(OUT, "a", "accountability", "mde_2024_accountability_media_file.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Districts",
      "1000 Point Schools",
      "700 Point Schools",
    ]);
    const districts = wb.getWorksheet("Districts");
    expect(districts?.getRow(1).getCell(15).value).toBe("College and Career Readiness");
    expect(districts?.rowCount).toBe(149);
    expect(wb.getWorksheet("1000 Point Schools")?.rowCount).toBe(234);
    const charters: unknown[] = [];
    districts?.eachRow((r, i) => {
      if (i > 1 && String(r.getCell(2).value).includes("Charter")) charters.push(r.getCell(17).value);
    });
    expect(charters).toEqual(Array(10).fill("N/A"));
  });
});
