// The synthetic accountability results written as MDE publishes them: one "accountability media
// file" XLSX per accountability year, with its Summary, Districts and school sheets, markers
// (N/A, ǂ) where a rate is not reported, and bytes that depend on the data alone.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../warehouse/connection.ts";
import { MIN_REPORTED } from "./accountability.ts";

interface SheetRow {
  level: string;
  entity_id: string;
  district_name: string;
  school_name: string | null;
  school_year: number;
  charter: boolean;
  reading: number;
  math: number;
  history: number;
  science: number;
  reading_growth: number;
  math_growth: number;
  reading_low_growth: number;
  math_low_growth: number;
  el_progress: number;
  acceleration: number;
  low_participation: boolean;
  grad_rate: number | null;
  ccr_rate: number | null;
  has_grade12: boolean;
}

const NOT_APPLICABLE = "N/A";
const NOT_AVAILABLE = "ǂ";

/** Writes one MDE-layout XLSX per accountability year into `dir`; returns the file names. */
export async function writeMdeFiles(db: Db, dir: string, asOf: Date): Promise<string[]> {
  const rows = await db.all<SheetRow>(`
    select f.level, f.entity_id::varchar as entity_id, d.name as district_name, s.name as school_name, f.school_year::int as school_year, f.charter,
      f.reading, f.math, f.history, f.science, f.reading_growth, f.math_growth, f.reading_low_growth,
      f.math_low_growth, f.el_progress, f.acceleration, f.low_participation,
      r.grad_rate, r.ccr_rate, coalesce(s.level = 'high', true) as has_grade12
    from accountability_filler f
    left join schools s on f.level = 'school' and s.school_id = f.entity_id
    join districts d on d.district_id = coalesce(s.district_id, f.entity_id::int)
    left join accountability_rates r
      on r.level = f.level and r.entity_id = f.entity_id and r.school_year = f.school_year
    order by f.school_year, f.level, f.entity_id`);
  const years = [...new Set(rows.map((r) => r.school_year))];
  const names: string[] = [];
  fs.mkdirSync(dir, { recursive: true });
  for (const year of years) {
    const ofYear = rows.filter((r) => r.school_year === year);
    const name = `mde_${year}_accountability_media_file.xlsx`;
    await writeWorkbook(path.join(dir, name), ofYear, years.filter((y) => y <= year).slice(-3), rows, asOf);
    names.push(name);
  }
  return names;
}

function points(r: SheetRow, withCcr: boolean): number {
  const parts = [
    r.reading,
    r.math,
    r.science,
    r.reading_growth,
    r.math_growth,
    r.reading_low_growth,
    r.math_low_growth,
  ];
  if (withCcr) parts.push(r.history, r.acceleration, r.ccr_rate ?? 0, (r.grad_rate ?? 0) * 2);
  // the published scales are 1000 points (with grade 12) and 700 points (without)
  return Math.min(withCcr ? 1000 : 700, Math.round(parts.reduce((a, b) => a + b, 0)));
}

function letter(total: number, scale: number): string {
  const cut = [0.68, 0.6, 0.53, 0.45].map((f) => f * scale);
  if (total >= (cut[0] as number)) return "A";
  if (total >= (cut[1] as number)) return "B";
  if (total >= (cut[2] as number)) return "C";
  if (total >= (cut[3] as number)) return "D";
  return "F";
}

const rate = (v: number | null) => (v === null ? NOT_AVAILABLE : v);

async function writeWorkbook(
  file: string,
  rows: SheetRow[],
  summaryYears: number[],
  all: SheetRow[],
  asOf: Date,
) {
  // loaded here, not at start: every pathways command would pay for it
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Pathways synthetic state";
  wb.created = asOf;
  wb.modified = asOf;
  const summary = wb.addWorksheet("Summary");
  const districts = wb.addWorksheet("Districts");
  const high = wb.addWorksheet("1000 Point Schools");
  const middle = wb.addWorksheet("700 Point Schools");

  // the components after the name columns, in the published order
  const scores = ["Reading Proficiency", "Math Proficiency", "History Proficiency", "Science Proficiency"];
  const growth = ["Reading Growth", "Math Growth", "Reading Low Growth", "Math Low Growth", "EL Progress"];
  const withGrade12 = [
    "Acceleration",
    "College and Career Readiness",
    "Participation Rate",
    "Graduation Rate",
  ];
  districts.addRow(["ID#", "District Name", "Grade", "Total Points", ...scores, ...growth, ...withGrade12]);
  high.addRow([
    "ID#",
    "District Name",
    "School Name",
    "Grade",
    "Total Points",
    "Adjusted Score†",
    ...scores,
    ...growth,
    ...withGrade12,
  ]);
  middle.addRow([
    "ID#",
    "District Name",
    "School Name",
    "Grade",
    "Total Points",
    "Reading Proficiency",
    "Math Proficiency",
    "Science Proficiency",
    ...growth,
    "Participation Rate",
  ]);

  const gradeOf = (r: SheetRow, scale: number, withCcr: boolean) => letter(points(r, withCcr), scale);
  const participation = (r: SheetRow) => (r.low_participation ? 93.8 : ">=95%");
  const sorted = (level: string) =>
    rows
      .filter((r) => r.level === level)
      .sort((a, b) => points(b, true) - points(a, true) || a.entity_id.localeCompare(b.entity_id));
  for (const r of sorted("district")) {
    // charters are reported as districts without CCR or graduation rates, and as schools
    const ccr = r.charter ? NOT_APPLICABLE : rate(r.ccr_rate);
    const grad = r.charter ? NOT_APPLICABLE : rate(r.grad_rate);
    districts.addRow([
      Number(r.entity_id),
      r.district_name,
      gradeOf(r, 1000, !r.charter),
      points(r, !r.charter),
      r.reading,
      r.math,
      r.charter ? NOT_APPLICABLE : r.history,
      r.science,
      r.reading_growth,
      r.math_growth,
      r.reading_low_growth,
      r.math_low_growth,
      r.el_progress,
      r.charter ? NOT_APPLICABLE : r.acceleration,
      ccr,
      participation(r),
      grad,
    ]);
  }
  for (const r of sorted("school").filter((s) => s.has_grade12)) {
    high.addRow([
      r.entity_id,
      r.district_name,
      r.school_name,
      gradeOf(r, 1000, true),
      points(r, true),
      NOT_APPLICABLE,
      r.reading,
      r.math,
      r.history,
      r.science,
      r.reading_growth,
      r.math_growth,
      r.reading_low_growth,
      r.math_low_growth,
      r.el_progress,
      r.acceleration,
      rate(r.ccr_rate),
      participation(r),
      rate(r.grad_rate),
    ]);
  }
  for (const r of sorted("school").filter((s) => !s.has_grade12)) {
    middle.addRow([
      r.entity_id,
      r.district_name,
      r.school_name,
      gradeOf(r, 700, false),
      points(r, false),
      r.reading,
      r.math,
      r.science,
      r.reading_growth,
      r.math_growth,
      r.reading_low_growth,
      r.math_low_growth,
      r.el_progress,
      participation(r),
    ]);
  }

  summary.addRow([]);
  summary.addRow(["District Grades Summary"]);
  summary.addRow(["Grade", ...summaryYears.flatMap((y) => [`${y} PCT`, `${y} Count`])]);
  const counts = (year: number, level: string) => {
    const ofYear = all.filter((r) => r.school_year === year && r.level === level);
    return ["A", "B", "C", "D", "F"].map(
      (g) => ofYear.filter((r) => gradeOf(r, 1000, !r.charter) === g).length,
    );
  };
  ["A", "B", "C", "D", "F"].forEach((g, k) => {
    summary.addRow([
      g,
      ...summaryYears.flatMap((y) => {
        const c = counts(y, "district");
        const total = c.reduce((a, b) => a + b, 0);
        return [total ? (c[k] as number) / total : 0, c[k]];
      }),
    ]);
  });
  summary.addRow([]);
  summary.addRow(["Technical Notes (applies to all spreadsheets):"]);
  summary.addRow(["N/A = The indicator is not applicable for that school/district."]);
  summary.addRow([
    `${NOT_AVAILABLE} = Performance data is not available for this school/district (fewer than ${MIN_REPORTED} students).`,
  ]);
  summary.addRow([
    "† = 1000 point schools that contain grades lower than grade 9 receive an adjusted scale score.",
  ]);
  summary.addRow([" - Charter schools are reported as both a school and a district."]);
  summary.addRow([
    " - SYNTHETIC DATA: every name and number in this file is generated by Pathways; none is real.",
  ]);

  await fs.promises.writeFile(file, await deterministicZip(Buffer.from(await wb.xlsx.writeBuffer()), asOf));
}

/** Re-pack an XLSX with fixed entry dates so the same input gives the same bytes. */
async function deterministicZip(buffer: Buffer, date: Date): Promise<Buffer> {
  const { default: JSZip } = await import("jszip");
  const source = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  for (const name of Object.keys(source.files).sort()) {
    const entry = source.files[name];
    if (!entry || entry.dir) continue;
    out.file(name, await entry.async("uint8array"), { date, createFolders: false });
  }
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
}
