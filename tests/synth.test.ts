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

  it("writes NSC returns in the layouts real returns come in: 23, 25 and 33 columns, several spellings", () => {
    const dir = path.join(OUT, "a", "nsc");
    const headers = fs
      .readdirSync(dir)
      .map((f) => (fs.readFileSync(path.join(dir, f), "utf8").split("\n")[0] as string).split(","));
    const layout = (h: string[]) => {
      if (h.length === 23 && h.map(normalizeHeader).join() === NSC_CANONICAL.map(normalizeHeader).join())
        return "high schools";
      // the variant with a leading Reporting_Year and a trailing LEA around the 23 columns
      if (h.length === 25 && h[0] === "Reporting_Year" && h[24] === "LEA") {
        expect(h.slice(1, 24).map(normalizeHeader)).toEqual(NSC_CANONICAL.map(normalizeHeader));
        return "high schools 25";
      }
      // StudentTracker for Colleges: search date, majors with CIP codes, no high-school columns
      if (h.length === 33 && h[7] === "Search Date" && h[32] === "College Sequence") {
        expect(h).toContain("Degree CIP 4");
        expect(h).not.toContain("High School Code");
        return "colleges";
      }
      return `unknown: ${h.join(",")}`;
    };
    expect(new Set(headers.map(layout))).toEqual(new Set(["high schools", "high schools 25", "colleges"]));
    expect(headers.some((h) => h.join(",") === NSC_CANONICAL.join(","))).toBe(true);
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

  it("writes the values real returns carry: spelled levels, US dates, N/A, lost zeros, trailing _, dual enrollment", async () => {
    const db = await memoryDb();
    try {
      const glob = path.join(OUT, "a", "nsc", "*.csv").replaceAll("'", "''");
      // columns by position-free names: union_by_name over every layout, headers normalized here
      const [v] = await db.all<Record<string, number>>(`
        with rows as (
          -- each name comes in several spellings: one column per spelling, coalesced
          select coalesce(*columns('(?i)^your.unique.identifier$')) as id,
            coalesce(*columns('(?i)^2.year.*4.year$')) as level,
            coalesce(*columns('(?i)^enrollment.begin$')) as begin_date,
            coalesce(*columns('(?i)^college.code.branch$')) as code,
            coalesce(*columns('(?i)^college.sequence$')) as seq
          from read_csv('${glob}', union_by_name = true, all_varchar = true)
        )
        select
          count(*) filter (where level in ('4-year', '2-year', 'Less than 2 years'))::int as spelled,
          count(*) filter (where regexp_full_match(begin_date, '[0-9]{2}/[0-9]{2}/[0-9]{4}'))::int as us_dates,
          count(*) filter (where begin_date = 'N/A')::int as na,
          count(*) filter (where regexp_full_match(code, '[1-9][0-9]{0,4}-[0-9]{2}'))::int as lost_zeros,
          count(*) filter (where id like '%\\_' escape '\\')::int as underscore,
          count(*) filter (where seq = '0')::int as dual
        from rows`);
      for (const [what, n] of Object.entries(v ?? {})) expect([what, n > 0]).toEqual([what, true]);
    } finally {
      db.close();
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
