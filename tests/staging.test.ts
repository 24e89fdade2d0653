// The warehouse built from the real MDE 2024 file alone (a partial load: accountability only):
// charters marked; the published count of districts with graduation above 75% and CCR below 30%
// (26 of the 138 rated districts, per MDE) comes back out of marts.indicators, and so does the
// school count, checked against the workbook read here cell by cell; the student-record
// indicators are absent and the build says why.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildWarehouse } from "../pipeline/warehouse/build.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { land, query, scratch } from "./helpers/landing.ts";

/** Rows of a sheet with a number in both rate columns, and those above 75 / below 30. */
async function countFromWorkbook(sheet: string): Promise<{ rated: number; flagged: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(real);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const header = (ws.getRow(1).values as unknown[]).map(String);
  const grad = header.indexOf("Graduation Rate");
  const ccr = header.indexOf("College and Career Readiness");
  let rated = 0;
  let flagged = 0;
  ws.eachRow((row, i) => {
    const g = row.getCell(grad).value;
    const c = row.getCell(ccr).value;
    if (i > 1 && typeof g === "number" && typeof c === "number") {
      rated++;
      if (g > 75 && c < 30) flagged++;
    }
  });
  return { rated, flagged };
}

const real = path.resolve("../shared/reference/ms/mde_2024_accountability_media_file.xlsx");

describe("staging.stg_accountability", () => {
  it.skipIf(!fs.existsSync(real))("types the real MDE file and marks its charters", async () => {
    const dir = scratch("staging-mde");
    const landing = path.join(dir, "landing.duckdb");
    await land(landing, [real]);
    const target = path.join(dir, "warehouse.duckdb");
    await buildWarehouse({ target, landing });
    const db = await openDb(target, { readOnly: true });
    const [r] = await db.all(`
      select
        count(*) filter (where level = 'district')::int as districts,
        count(*) filter (where level = 'district' and is_charter)::int as charter_districts,
        count(*) filter (where level = 'district' and not is_charter and grad_rate is not null)::int as rated_districts,
        count(*) filter (where level = 'district' and not is_charter and grad_rate > 75 and ccr_rate < 30)::int as high_grad_low_ccr,
        count(*) filter (where level = 'district' and is_charter and grad_rate is null and grad_rate_marker = 'N/A')::int as charters_na,
        count(*) filter (where level = 'school' and school_name is not null)::int as schools
      from staging.stg_accountability`);
    db.close();
    expect(r).toEqual({
      districts: 148,
      charter_districts: 10,
      rated_districts: 138,
      high_grad_low_ccr: 26,
      charters_na: 10,
      schools: 861,
    });

    // out of marts.indicators: 26 of 138 districts (as MDE published); 44 of the 233 schools with
    // grade 12, which all have both rates, as counted in the workbook itself
    const flagged = await query<{ indicator: string; numerator: number; denominator: number }>(
      target,
      `select indicator, numerator::int as numerator, denominator::int as denominator from marts.indicators
       where level = 'state' and cohort = 2024 and indicator in ('high_grad_low_ccr', 'high_grad_low_ccr_schools')
       order by indicator`,
    );
    const districts = await countFromWorkbook("Districts");
    const schools = await countFromWorkbook("1000 Point Schools");
    expect([districts, schools]).toEqual([
      { rated: 138, flagged: 26 },
      { rated: 233, flagged: 44 },
    ]);
    expect(flagged).toEqual([
      { indicator: "high_grad_low_ccr", numerator: 26, denominator: 138 },
      { indicator: "high_grad_low_ccr_schools", numerator: 44, denominator: 233 },
    ]);

    // partial data: the build succeeded; what needs student records is absent, with the reason
    const status = await query<{ indicator: string; available: boolean; reason: string | null }>(
      target,
      "select indicator, available, reason from meta.indicator_status order by indicator",
    );
    const byName = Object.fromEntries(status.map((s) => [s.indicator, s]));
    expect(byName.grad_rate?.available).toBe(true);
    expect(byName.ps_enrolled_fall).toMatchObject({
      available: false,
      reason: "needs nsc, students: not loaded",
    });
    expect(byName.isp_by_grade7).toMatchObject({
      available: false,
      reason: "needs plans, students: not loaded",
    });
    expect(byName.attainment_pct).toMatchObject({ available: false, reason: "needs attainment: not loaded" });
  });
});
