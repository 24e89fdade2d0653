// The synthetic state against the published figures and against its own answer key, with SQL
// written here over the generated files (nothing read from the generator's tables or parameters).
// 50,000 students: large enough that a class has ~4,400 graduates (standard error ~0.7 points).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateState } from "../pipeline/synth/generate.ts";
import type { Db } from "../pipeline/warehouse/connection.ts";
import { memoryDb, nscColumn, nscDate } from "./helpers/duck.ts";

const OUT = path.resolve("tests/.out/calibration");
let db: Db;
// biome-ignore lint/suspicious/noExplicitAny: the answer key is JSON read back for comparison
let key: any;

const q = <T = Record<string, number>>(sql: string) => db.all<T>(sql);

beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  await generateState({
    students: 50_000,
    seed: 11,
    firstClass: 2016,
    lastClass: 2025,
    out: OUT,
    memoryLimit: "2GB",
  });
  key = JSON.parse(fs.readFileSync(path.join(OUT, "answer_key.json"), "utf8"));
  db = await memoryDb();
  // The returns come in several layouts and spellings: read them by name (one column per spelling,
  // coalesced) into the canonical columns with the canonical codes, written out here.
  const col = nscColumn;
  const date = (c: string) => `strftime(${nscDate(c)}, '%Y%m%d')`;
  await db.run(`
    -- an extract may hold a row twice, every field equal: it counts once
    create table students as select distinct * from read_csv('${OUT}/students.csv', all_varchar = true);
    create table plans as select distinct * from read_csv('${OUT}/plans.csv', all_varchar = true);
    create table schools as select * from read_csv('${OUT}/schools.csv', all_varchar = true);
    create table districts as select * from read_csv('${OUT}/districts.csv', all_varchar = true);
    create table accountability as select * from read_csv('${OUT}/normalized/accountability.csv');
    create table nsc_all as
    select
      rtrim(${col("your.unique.identifier")}, '_') as "YOUR_UNIQUE_IDENTIFIER",
      ${col("first.name")} as "FIRST_NAME",
      ${col("last.name")} as "LAST_NAME",
      ${col("record.found.y.n")} as "RECORD_FOUND_Y/N",
      ${col("high.school.code")} as "HIGH_SCHOOL_CODE",
      ${col("college.state")} as "COLLEGE_STATE",
      case lower(${col("2.year.*4.year")}) when '4-year' then '4' when '2-year' then '2' when 'less than 2 years' then 'L'
        else ${col("2.year.*4.year")} end as "2-YEAR/4-YEAR",
      case upper(${col("public.*private")}) when 'PUBLIC' then 'Public' when 'PRIVATE' then 'Private' end as "PUBLIC/PRIVATE",
      ${date(col("enrollment.begin"))} as "ENROLLMENT_BEGIN",
      ${date(col("enrollment.end"))} as "ENROLLMENT_END",
      ${col("enrollment.status")} as "ENROLLMENT_STATUS",
      ${col("graduated.?")} as "GRADUATED",
      ${col("college.sequence")} as "COLLEGE_SEQUENCE"
    from read_csv('${OUT}/nsc/*.csv', header = true, all_varchar = true, union_by_name = true);
    -- college sequence 0: a course taken while still in high school, not enrollment after it
    create table nsc as select * from nsc_all where "COLLEGE_SEQUENCE" is distinct from '0';

    -- graduates: a regular diploma; class by the Sep 1 - Aug 31 window
    create table graduates as
    select student_id, diploma_date::date as diploma_date,
      year(diploma_date::date) + (month(diploma_date::date) >= 9)::int as class
    from students where diploma_type = 'regular';

    create table fall as
    select g.student_id, g.class,
      coalesce(bool_or(n."ENROLLMENT_STATUS" is distinct from 'W' and n."ENROLLMENT_STATUS" is distinct from 'D'
        and strptime(n."ENROLLMENT_BEGIN", '%Y%m%d')::date <= make_date(g.class, 10, 31)
        and strptime(n."ENROLLMENT_END", '%Y%m%d')::date >= make_date(g.class, 8, 15)), false) as fall,
      coalesce(bool_or(coalesce(n."ENROLLMENT_STATUS", '') in ('F', 'Q', 'H', 'L', '')
        and strptime(n."ENROLLMENT_BEGIN", '%Y%m%d')::date <= make_date(g.class, 10, 1)
        and strptime(n."ENROLLMENT_END", '%Y%m%d')::date >= make_date(g.class, 10, 1)), false) as oct1
    from graduates g
    left join nsc n on n."YOUR_UNIQUE_IDENTIFIER" = g.student_id and n."RECORD_FOUND_Y/N" = 'Y' and n."ENROLLMENT_BEGIN" is not null
    group by all;
  `);
}, 300_000);

afterAll(() => db?.close());

describe("calibration to the published figures", () => {
  it("has a statewide four-year graduation rate near the published 88.4-89.4% for 2021-2024", async () => {
    const rows = await q<{ cohort: number; n: number; grads: number }>(`
      with first_hs as (
        -- ninth-grade cohort: first year seen in grade 9-12, mapped back to grade 9
        select student_id, min(school_year::int - (grade::int - 9)) as year9 from students where grade::int >= 9 group by 1
      ),
      left_state as (select distinct student_id from students where exit_code = 'transferred_out')
      select f.year9 + 3 as cohort, count(*)::int as n,
        count(*) filter (where g.diploma_date between make_date(f.year9 + 2, 9, 1) and make_date(f.year9 + 3, 8, 31))::int as grads
      from first_hs f left join graduates g using (student_id)
      where f.student_id not in (select student_id from left_state)
      group by 1 having cohort between 2016 and 2025 order by 1`);
    const rate = Object.fromEntries(rows.map((r) => [r.cohort, (100 * r.grads) / r.n]));
    for (const [cohort, published] of [
      [2021, 88.4],
      [2022, 88.9],
      [2023, 89.4],
      [2024, 89.2],
    ] as const) {
      expect(Math.abs((rate[cohort] as number) - published)).toBeLessThan(1.6);
    }
    // and exactly the answer key's counts
    expect(rows.map((r) => [r.cohort, r.n, r.grads])).toEqual(
      key.graduation_by_cohort.map((r: Record<string, number>) => [
        r.cohort,
        r.cohort_students,
        r.on_time_graduates,
      ]),
    );
  });

  it("has fall enrollment near 67.4% (class of 2021) falling each year to 56.8% (class of 2024)", async () => {
    const rows = await q<{ class: number; graduates: number; fall: number; oct1: number }>(`
      select class::int as class, count(*)::int as graduates, count(*) filter (where fall)::int as fall,
        count(*) filter (where oct1)::int as oct1
      from fall group by 1 order by 1`);
    const rate = Object.fromEntries(rows.map((r) => [r.class, (100 * r.fall) / r.graduates]));
    expect(Math.abs((rate[2021] as number) - 67.4)).toBeLessThan(2.5);
    expect(Math.abs((rate[2024] as number) - 56.8)).toBeLessThan(2.5);
    expect(rate[2021]).toBeGreaterThan(rate[2022] as number);
    expect(rate[2022]).toBeGreaterThan(rate[2023] as number);
    expect(rate[2023]).toBeGreaterThan(rate[2024] as number);
    // the Oct-1 snapshot is stricter than the fall window
    for (const r of rows) expect(r.oct1).toBeLessThan(r.fall);
    expect(rows.map((r) => [r.class, r.graduates, r.fall, r.oct1])).toEqual(
      key.graduates_by_class.map((r: Record<string, number>) => [
        r.class,
        r.graduates,
        r.enrolled_fall,
        r.enrolled_oct1,
      ]),
    );
  });

  it("has roughly 25-40 districts with graduation above 75% and CCR below 30% (37 and 26 in the real files)", async () => {
    const rows = await q<{ school_year: number; n: number }>(`
      select school_year::int as school_year, count(*)::int as n from accountability
      where level = 'district' and grad_rate > 75 and ccr_rate < 30 group by 1 order by 1`);
    const mean = rows.reduce((a, r) => a + r.n, 0) / rows.length;
    expect(mean).toBeGreaterThanOrEqual(24);
    expect(mean).toBeLessThanOrEqual(40);
    for (const r of rows) {
      expect(r.n).toBeGreaterThanOrEqual(15);
      expect(r.n).toBeLessThanOrEqual(50);
    }
    expect(rows.map((r) => [r.school_year, r.n])).toEqual(
      key.high_grad_low_ccr_districts.map((r: Record<string, number>) => [
        r.accountability_year,
        r.districts,
      ]),
    );
  });

  it("looks like Mississippi: demographics, districts, high schools and career coaches", async () => {
    const [d] = await q(`
      with modal as (
        -- most frequent race; on a tie, the most recent record's
        select student_id, arg_max(race_ethnicity, n * 10000 + last_year) as race from (
          select student_id, race_ethnicity, count(*) as n, max(school_year::int) as last_year
          from students group by all) group by 1
      ),
      ever as (
        select student_id, bool_or(econ_disadvantaged = 'Y') as econ, bool_or(english_learner = 'Y') as el,
          bool_or(iep = 'Y') as iep from students group by 1
      )
      select avg((race = 'black')::int) as black, avg((race = 'white')::int) as white,
        avg((race = 'hispanic')::int) as hispanic, avg(econ::int) as econ, avg(el::int) as el, avg(iep::int) as iep
      from modal join ever using (student_id)`);
    expect(d?.black).toBeCloseTo(0.5, 1);
    expect(d?.white).toBeCloseTo(0.43, 1);
    expect(Math.abs((d?.hispanic as number) - 0.04)).toBeLessThan(0.015);
    expect(d?.econ).toBeGreaterThan(0.62);
    expect(d?.econ).toBeLessThan(0.8);
    expect(Math.abs((d?.el as number) - 0.03)).toBeLessThan(0.012);
    expect(Math.abs((d?.iep as number) - 0.14)).toBeLessThan(0.03);

    const [o] = await q(`
      select (select count(*) from districts)::int as districts,
        (select count(*) from districts where district_type = 'charter')::int as charters,
        (select count(*) from districts where locale = 'rural')::int as rural,
        (select count(*) from schools where grade_high = '12')::int as high_schools,
        (select avg((has_career_coach = 'Y')::int) from schools where grade_high = '12') as coach_share`);
    expect(o).toMatchObject({ districts: 148, charters: 10, high_schools: 233 });
    expect(o?.rural).toBeGreaterThan(60);
    expect(Math.abs((o?.coach_share as number) - 0.79)).toBeLessThan(0.07);
  });
});

describe("the structure the indicators must recover (answer key)", () => {
  it("students whose plan was revisited every year enroll more; the association exceeds the model's effect", async () => {
    const rows = await q<{ every_year: boolean; n: number; enrolled: number }>(`
      with isp as (select distinct student_id from plans),
      years as (select student_id, school_year::int as sy from students where grade::int between 8 and 12),
      revisits as (
        select distinct student_id, year(event_date::date) + (month(event_date::date) >= 7)::int as sy from plans
        where event in ('revised', 'reviewed') and grade::int between 8 and 12
      ),
      every as (
        select y.student_id, bool_and(r.student_id is not null) as every_year
        from years y left join revisits r on r.student_id = y.student_id and r.sy = y.sy group by 1
      )
      select e.every_year, count(*)::int as n, count(*) filter (where f.fall)::int as enrolled
      from fall f join isp using (student_id) join every e using (student_id) group by 1 order by 1`);
    const expected = key.enrollment_structure.by_isp_every_year;
    expect(rows.map((r) => [r.every_year, r.n, r.enrolled])).toEqual(
      expected.map((r: Record<string, number>) => [r.group, r.graduates, r.enrolled_fall]),
    );
    const [not, every] = rows.map((r) => r.enrolled / r.n) as [number, number];
    const association = 100 * (every - not);
    expect(association).toBeGreaterThan(key.enrollment_structure.every_year_effect_pp);
    expect(key.enrollment_structure.every_year_effect_pp).toBeGreaterThan(3);
    // realized rates sit within sampling error of the model's expectation
    for (const [i, r] of rows.entries()) {
      const se = Math.sqrt((expected[i].expected_rate * (1 - expected[i].expected_rate)) / r.n);
      expect(Math.abs(r.enrolled / r.n - expected[i].expected_rate)).toBeLessThan(4 * se);
    }
  });

  it("economically disadvantaged and rural graduates enroll less", async () => {
    const gap = async (flag: string) =>
      (await q<{ g: boolean; rate: number }>(`
        with s as (select student_id, ${flag} as g from students group by 1)
        select s.g, avg(f.fall::int) as rate from fall f join s using (student_id) group by 1 order by 1`)) as unknown as [
        { rate: number },
        { rate: number },
      ];
    const [notEcon, econ] = await gap("bool_or(econ_disadvantaged = 'Y')");
    expect(notEcon.rate - econ.rate).toBeGreaterThan(0.05);
    const econKey = key.enrollment_structure.by_econ_disadvantaged;
    expect(econ.rate).toBeCloseTo(econKey[1].realized_rate, 3);
    const [notRural, rural] = await gap(
      "arg_max(district_id, school_year) in (select district_id from districts where locale = 'rural')",
    );
    expect(notRural.rate - rural.rate).toBeGreaterThan(0.02);
  });

  it("creates plans by the end of grade 7 for most students without an IEP, as the answer key says", async () => {
    const [r] = await q(`
      with g7 as (
        select student_id, min(school_year::int) as sy from students where grade = '7' and iep = 'N' group by 1
      )
      select count(*)::int as n,
        count(*) filter (where exists (
          select 1 from plans p where p.student_id = g7.student_id and p.event = 'created'
            and p.event_date::date <= make_date(g7.sy, 6, 30)))::int as created
      from g7`);
    expect((r?.created as number) / (r?.n as number)).toBeGreaterThan(0.85);
    expect([r?.n, r?.created]).toEqual([key.isp.grade7_non_iep_students, key.isp.created_by_grade7]);
  });

  it("has NSC returns with every feature of real ones", async () => {
    const [r] = await q(`
      select
        count(*) filter (where "RECORD_FOUND_Y/N" = 'N')::int as not_found,
        count(distinct "ENROLLMENT_STATUS")::int as statuses,
        count(*) filter (where "RECORD_FOUND_Y/N" = 'Y' and "ENROLLMENT_STATUS" is null and "ENROLLMENT_BEGIN" is not null)::int as blank_status,
        count(*) filter (where "GRADUATED" = 'Y' and "ENROLLMENT_BEGIN" is null)::int as degree_rows,
        count(distinct "2-YEAR/4-YEAR")::int as levels,
        count(distinct "PUBLIC/PRIVATE")::int as controls,
        count(distinct "COLLEGE_STATE")::int as states,
        (select count(*) from (select "YOUR_UNIQUE_IDENTIFIER" from nsc group by 1 having count(distinct "HIGH_SCHOOL_CODE") > 1))::int as two_codes,
        (select max(n) from (select count(*) as n from nsc where "ENROLLMENT_BEGIN" is not null group by "YOUR_UNIQUE_IDENTIFIER"))::int as max_terms,
        count(*) filter (where "FIRST_NAME" not like 'SYNFIRST%' or "LAST_NAME" not like 'SYNLAST%')::int as unsynthetic_names
      from nsc`);
    expect(r?.not_found).toBeGreaterThan(1000);
    expect(r?.statuses).toBe(5); // F, Q, H, L, W (blank is null)
    expect(r?.blank_status).toBeGreaterThan(100);
    expect(r?.degree_rows).toBeGreaterThan(1000);
    expect(r).toMatchObject({ levels: 3, controls: 2, unsynthetic_names: 0 });
    expect(r?.states).toBeGreaterThan(3);
    expect(r?.two_codes).toBeGreaterThan(50);
    expect(r?.max_terms).toBeGreaterThan(8);
    // dual enrollment (sequence 0) for some graduates who went on
    const [dual] = await q(`select count(*)::int as n from nsc_all where "COLLEGE_SEQUENCE" = '0'`);
    expect(dual?.n).toBeGreaterThan(500);
  });
});

describe("the generated files meet their own contracts", () => {
  it("validates every file with no reject (the MDE workbooks included)", async () => {
    const { ingest } = await import("../pipeline/ingest/ingest.ts");
    process.env.PATHWAYS_ID_KEY = "calibration-key-not-secret-0123456789";
    const result = await ingest({ paths: [OUT], write: false });
    const problems = result.files.filter((f) => f.status !== "validated" || f.rowsRejected > 0);
    expect(problems.map((f) => [f.file, f.error, f.rejects[0]])).toEqual([]);
    expect(result.files.length).toBeGreaterThan(20);
  });
});
