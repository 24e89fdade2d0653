// The warehouse on a generated state (5,000 students): the indicators recover the generator's
// answer key exactly where it counts the same thing, SQL written here over the generated files
// agrees, every invariant holds, no raw id reaches the warehouse, and researchers' access
// (query, examples, export, dictionary) works as documented.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateState } from "../pipeline/synth/generate.ts";
import { buildWarehouse } from "../pipeline/warehouse/build.ts";
import { PUBLIC_SCHEMAS } from "../pipeline/warehouse/dictionary.ts";
import { exportWarehouse } from "../pipeline/warehouse/export.ts";
import { exampleParams, listExamples, runQuery } from "../pipeline/warehouse/query.ts";
import { memoryDb, nscColumn, nscDate } from "./helpers/duck.ts";
import { land, query, scratch } from "./helpers/landing.ts";
import { rawIds, scanForIds } from "./helpers/privacy.ts";

const DIR = path.resolve("tests/.out/warehouse-state");
const STATE = path.join(DIR, "state");
const LANDING = path.join(DIR, "landing.duckdb");
const WAREHOUSE = path.join(DIR, "pathways.duckdb");
// biome-ignore lint/suspicious/noExplicitAny: the answer key is JSON read back for comparison
let key: any;

type Cell = { indicator: string; cohort: number; subgroup: string; numerator: number; denominator: number };
const stateCells = (indicator: string, subgroupType = "all") =>
  query<Cell>(
    WAREHOUSE,
    `select indicator, cohort::int as cohort, subgroup, numerator::int as numerator, denominator::int as denominator
     from marts.indicators where level = 'state' and indicator = '${indicator}' and subgroup_type = '${subgroupType}'
     order by cohort, subgroup`,
  );

/**
 * The CTEs `nsc` (the generated NSC returns read by column name, whatever the spelling) and `fall`
 * (graduates enrolled in a term overlapping Aug 15-Oct 31 of their class, by NSC's rules), for
 * SQL written here over the files; a `graduates` CTE (student_id, class) must come before them.
 * `id` normalizes the returned id the way the query's graduates are keyed.
 */
const fallCtes = (id: (raw: string) => string) => `
      nsc as (
        select ${id(`rtrim(${nscColumn("your.unique.identifier")}, '_')`)} as id, ${nscColumn("record.found.y.n")} as found,
          ${nscColumn("enrollment.status")} as status, ${nscDate(nscColumn("enrollment.begin"))} as begin_date,
          ${nscDate(nscColumn("enrollment.end"))} as end_date, ${nscColumn("college.sequence")} as seq
        from read_csv('${STATE}/nsc/*.csv', header = true, all_varchar = true, union_by_name = true)),
      fall as (
        select distinct id as student_id, g.class from nsc join graduates g on g.student_id = id
        where found = 'Y' and coalesce(status, '') not in ('W', 'D') and seq <> '0'
          and begin_date <= make_date(g.class, 10, 31) and end_date >= make_date(g.class, 8, 15))`;

beforeAll(async () => {
  scratch("warehouse-state");
  await generateState({
    students: 5000,
    // 40 districts of the state's make-up: the answer key is recovered whatever the count
    districts: 40,
    seed: 7,
    // five classes: the answer key is recovered class by class, so more classes add time, not rigor
    firstClass: 2021,
    lastClass: 2025,
    out: STATE,
    memoryLimit: "1GB",
    // a K-12 extract, as states hold them: the answer key must come out the same
    grades: "K-12",
  });
  key = JSON.parse(fs.readFileSync(path.join(STATE, "answer_key.json"), "utf8"));
  const landed = await land(LANDING, [STATE], undefined);
  expect(landed.files.every((f) => f.status === "loaded" || f.kind === "accountability")).toBe(true);
  // every dialect the generator writes loads with no reject
  expect(landed.files.filter((f) => f.rowsRejected > 0).map((f) => f.file)).toEqual([]);
  await buildWarehouse({ target: WAREHOUSE, landing: LANDING });
}, 240_000);

describe("recovering the answer key", () => {
  it("counts graduates and their fall, Oct-1 and first-year enrollment and readiness exactly, per class", async () => {
    const pick = async (indicator: string) =>
      Object.fromEntries((await stateCells(indicator)).map((c) => [c.cohort, [c.numerator, c.denominator]]));
    const fall = await pick("ps_enrolled_fall");
    const oct1 = await pick("ps_enrolled_oct1");
    const firstYear = await pick("ps_enrolled_first_year");
    const ccr = await pick("ccr_met_rate");
    for (const k of key.graduates_by_class) {
      expect([k.class, fall[k.class]]).toEqual([k.class, [k.enrolled_fall, k.graduates]]);
      expect([k.class, oct1[k.class]]).toEqual([k.class, [k.enrolled_oct1, k.graduates]]);
      expect([k.class, firstYear[k.class]]).toEqual([k.class, [k.enrolled_first_year, k.graduates]]);
      expect([k.class, ccr[k.class]]).toEqual([k.class, [k.ccr_met, k.graduates]]);
    }
  });

  it("counts the four-year cohorts, plans by grade 7 and the every-year groups exactly", async () => {
    const cohorts = await stateCells("cohort_grad_4yr");
    for (const k of key.graduation_by_cohort) {
      const c = cohorts.find((x) => x.cohort === k.cohort);
      expect([k.cohort, c?.numerator, c?.denominator]).toEqual([
        k.cohort,
        k.on_time_graduates,
        k.cohort_students,
      ]);
    }
    const isp7 = await stateCells("isp_by_grade7");
    expect(isp7.reduce((s, c) => s + c.denominator, 0)).toBe(key.isp.grade7_non_iep_students);
    expect(isp7.reduce((s, c) => s + c.numerator, 0)).toBe(key.isp.created_by_grade7);
    const every = await stateCells("isp_revisited_every_year");
    expect(every.reduce((s, c) => s + c.denominator, 0)).toBe(key.isp.graduates_with_isp);
    expect(every.reduce((s, c) => s + c.numerator, 0)).toBe(key.isp.graduates_revisited_every_year);
    // enrollment by every-year revisits, all classes pooled
    const bands = await stateCells("ps_enrolled_fall", "isp_revision_band");
    for (const [group, subgroup] of [
      [true, "every_year"],
      [false, "not_every_year"],
    ] as const) {
      const rows = bands.filter((b) => b.subgroup === subgroup);
      const k = key.enrollment_structure.by_isp_every_year.find((x: { group: boolean }) => x.group === group);
      expect([
        subgroup,
        rows.reduce((s, c) => s + c.numerator, 0),
        rows.reduce((s, c) => s + c.denominator, 0),
      ]).toEqual([subgroup, k.enrolled_fall, k.graduates]);
    }
  });

  it("reports an every-year association within sampling error of the model's expectation (3 standard errors)", async () => {
    const k = key.enrollment_structure.by_isp_every_year.find((x: { group: boolean }) => x.group === true);
    const rows = (await stateCells("ps_enrolled_fall", "isp_revision_band")).filter(
      (b) => b.subgroup === "every_year",
    );
    const n = rows.reduce((s, c) => s + c.denominator, 0);
    const rate = rows.reduce((s, c) => s + c.numerator, 0) / n;
    const se = Math.sqrt((k.expected_rate * (1 - k.expected_rate)) / n);
    expect(Math.abs(rate - k.expected_rate)).toBeLessThan(3 * se);
  });

  it("counts the districts with high graduation and low CCR per accountability year exactly", async () => {
    const flagged = await stateCells("high_grad_low_ccr");
    expect(flagged.map((c) => [c.cohort, c.numerator])).toEqual(
      key.high_grad_low_ccr_districts.map((k: { accountability_year: number; districts: number }) => [
        k.accountability_year,
        k.districts,
      ]),
    );
  });

  it("agrees with SQL written here over the generated files: fall enrollment by economic status", async () => {
    const db = await memoryDb();
    // the returns come in several layouts and spellings (union_by_name; coalesce the spellings);
    // dates YYYYMMDD or MM/DD/YYYY; ids may end in _; college sequence 0 is dual enrollment
    const expected = await db.all<{ class: number; econ: string; n: number; d: number }>(`
      with students as (select * from read_csv('${STATE}/students.csv', all_varchar = true)),
      econ as (select student_id, bool_or(econ_disadvantaged = 'Y') as econ from students group by 1),
      graduates as (
        -- distinct: an extract may hold a row twice (exact duplicates load once)
        select distinct student_id, year(diploma_date::date) + (month(diploma_date::date) >= 9)::int as class
        from students where diploma_type = 'regular'),
      ${fallCtes((id) => id)}
      select g.class::int as class, case when e.econ then 'yes' else 'no' end as econ,
        count(f.student_id)::int as n, count(*)::int as d
      from graduates g join econ e using (student_id) left join fall f using (student_id, class)
      group by all order by 1, 2`);
    db.close();
    const cells = await stateCells("ps_enrolled_fall", "econ_disadvantaged");
    expect(
      cells.map((c) => ({ class: c.cohort, econ: c.subgroup, n: c.numerator, d: c.denominator })),
    ).toEqual(expected);
  });
});

describe("prior achievement and the effect of yearly revisits", () => {
  it("agrees with SQL written here over the generated files: fall enrollment by grade-8 quartile", async () => {
    const db = await memoryDb();
    // the assessment files come in two layouts: the SDP's (sid, grade_level, test_subject,
    // scaled_score) and the contract's (subjects and levels spelled out)
    const expected = await db.all<{ class: number; quartile: string; n: number; d: number }>(`
      with tests as (
        select coalesce(student_id, sid) as student_id, school_year::int as year,
          coalesce(grade, grade_level)::int as grade,
          case when lower(coalesce(subject, test_subject)) in ('math', 'mathematics') then 'math' else 'ela' end as subject,
          coalesce(scale_score, scaled_score)::double as score
        from read_csv('${STATE}/assessments/*.csv', all_varchar = true, union_by_name = true)),
      grade8 as (
        select student_id, subject, year,
          (score - avg(score) over w) / stddev_samp(score) over w as z
        from tests where grade = 8 window w as (partition by year, subject)),
      per_student as (select student_id, min(year) as year, avg(z) as z from grade8 group by 1),
      quartiles as (
        select ltrim(student_id, '0') as qid, 'q' || (1 + floor(4 * (rank() over w - 1) / count(*) over (partition by year)))::int as quartile
        from per_student window w as (partition by year order by z)),
      students as (select * from read_csv('${STATE}/students.csv', all_varchar = true)),
      graduates as (
        select distinct ltrim(student_id, '0') as student_id, year(diploma_date::date) + (month(diploma_date::date) >= 9)::int as class
        from students where diploma_type = 'regular'),
      ${fallCtes((id) => `ltrim(${id}, '0')`)}
      select g.class::int as class, coalesce(q.quartile, 'not_tested') as quartile,
        count(f.student_id)::int as n, count(*)::int as d
      from graduates g left join quartiles q on q.qid = g.student_id
      left join fall f on f.student_id = g.student_id and f.class = g.class
      group by all order by 1, 2`);
    db.close();
    const cells = await stateCells("ps_enrolled_fall", "prior_achievement");
    expect(
      cells.map((c) => ({ class: c.cohort, quartile: c.subgroup, n: c.numerator, d: c.denominator })),
    ).toEqual(expected);
    // the quartiles order enrollment as engagement does: the top quartile enrolls most
    const latest = cells.filter((c) => c.cohort === 2025);
    const rate = (q: string) => {
      const c = latest.find((x) => x.subgroup === q);
      return c ? c.numerator / c.denominator : Number.NaN;
    };
    expect(rate("q4")).toBeGreaterThan(rate("q1"));
  });

  it("recovers the planted effect: the pooled interval covers the answer key's ATT, twice as close as the raw difference", async () => {
    const [pooled] = await query<Record<string, number>>(
      WAREHOUSE,
      `select columns(c -> c not in ('cohort', 'outcome', 'treatment', 'estimand', 'method', 'suppressed'))::double
       from marts.plan_effect where cohort = 'pooled'`,
    );
    const truth = key.plan_effect.pooled;
    if (!pooled) throw new Error("no pooled row in marts.plan_effect");
    // the association is the generator's realized difference, to the rounding of the key
    expect(pooled.raw_difference_pp).toBeCloseTo(truth.raw_difference_pp, 1);
    expect(pooled.n_treated).toBe(truth.n_treated);
    expect(pooled.n_control).toBe(truth.n_control);
    expect(pooled.ci_low_pp).toBeLessThanOrEqual(truth.every_year_effect_att_pp);
    expect(pooled.ci_high_pp).toBeGreaterThanOrEqual(truth.every_year_effect_att_pp);
    const estimateError = Math.abs(Number(pooled.estimate_pp) - truth.every_year_effect_att_pp);
    const rawError = Math.abs(Number(pooled.raw_difference_pp) - truth.every_year_effect_att_pp);
    expect(estimateError * 2).toBeLessThanOrEqual(rawError);
    // weighting balances the covariates (WWC: at most 0.25 after adjustment)
    expect(pooled.max_abs_smd_before).toBeGreaterThan(0.25);
    expect(pooled.max_abs_smd_after).toBeLessThanOrEqual(0.25);
    expect(pooled.e_value).toBeGreaterThan(1);
  });

  it("publishes the effect, its balance and the adjusted comparisons only beside exactly published cells", async () => {
    const leaks = await query<{ n: number }>(
      WAREHOUSE,
      `select count(*)::int as n from marts.adjusted_rates r
       where not r.suppressed and not exists (select 1 from marts.indicators i where i.indicator = r.indicator
         and i.level = r.level and i.entity_id = r.entity_id and i.cohort = r.cohort and i.subgroup_type = 'all'
         and not i.suppressed and i.value_band is null and i.numerator = round(r.observed_pct * r.graduates / 100))`,
    );
    expect(leaks[0]?.n).toBe(0);
    const [counts] = await query<{ shown: number; hidden: number }>(
      WAREHOUSE,
      "select count(*) filter (where not suppressed)::int as shown, count(*) filter (where suppressed)::int as hidden from marts.adjusted_rates",
    );
    expect(counts?.shown).toBeGreaterThan(0);
    expect(counts?.hidden).toBeGreaterThan(0);
    // a shown balance row of a group covariate: its means times the effect's group sizes are the
    // state's every-year and not-every-year graduates of that group in the band table, shown there
    const [balance] = await query<{ n: number; matched: number }>(
      WAREHOUSE,
      `with b as (
        select b.cohort, b.subgroup_type, b.subgroups[1] as subgroup, b.mean_treated, b.mean_control, e.n_treated, e.n_control
        from marts.plan_effect_balance b join marts.plan_effect e using (cohort)
        where not b.suppressed and b.subgroup_type is not null and b.covariate <> 'other_race'
      ),
      cells as (
        select b.*, sum(r.graduates) filter (where r.revision_band = 'every_year') as treated,
          sum(r.graduates) filter (where r.revision_band = 'not_every_year') as control,
          bool_or(r.denominator_suppressed) as hidden
        from b left join marts.enrollment_by_revision_band r on r.level = 'state' and r.subgroup_type = b.subgroup_type
          and r.subgroup = b.subgroup and r.revision_band in ('every_year', 'not_every_year')
          and (b.cohort = 'pooled' or r.cohort::varchar = b.cohort)
        group by all
      )
      select count(*)::int as n, count(*) filter (where treated = round(mean_treated * n_treated)
        and control = round(mean_control * n_control) and not hidden)::int as matched
      from cells`,
    );
    expect(balance?.n).toBeGreaterThan(0);
    expect(balance?.matched).toBe(balance?.n);
  });
});

describe("the published warehouse", () => {
  it("holds every indicator of the catalog and says so in meta.indicator_status", async () => {
    const status = await query<{ indicator: string; available: boolean; reason: string | null }>(
      WAREHOUSE,
      "select indicator, available, reason from meta.indicator_status",
    );
    expect(status.length).toBeGreaterThanOrEqual(29);
    // classes 2021-2025 with NSC returns as of 2026: no class is six years out (completion and its
    // three parts by time to degree), and the status says so
    const sixYears = "no rows: the loaded NSC returns reach six years after no graduating class yet";
    expect(status.filter((s) => !s.available)).toEqual(
      ["ps_completed_6yr", "ps_degree_in_years_3_4", "ps_degree_in_years_5_6", "ps_degree_within_2yr"].map(
        (indicator) => ({ indicator, available: false, reason: sixYears }),
      ),
    );
  });

  it("keeps no raw student id in any text column", async () => {
    const ids = await rawIds(`${STATE}/students.csv`);
    const scanned = await scanForIds(WAREHOUSE, ids);
    expect(scanned.length).toBeGreaterThan(60);
    for (const [t, c, hits] of scanned) expect([t, c, hits]).toEqual([t, c, 0]);
  });

  it("describes every table and column of core, marts and meta, in meta.dictionary and as COMMENTs", async () => {
    const missing = await query<{ t: string; c: string }>(
      WAREHOUSE,
      `select c.table_schema || '.' || c.table_name as t, c.column_name as c
       from information_schema.columns as c
       left join meta.dictionary as d
         on d.schema_name = c.table_schema and d.table_name = c.table_name and d.column_name = c.column_name
       where c.table_catalog = current_database() and c.table_schema in (${PUBLIC_SCHEMAS.map((s) => `'${s}'`).join(", ")})
         and coalesce(d.description, '') = ''`,
    );
    expect(missing).toEqual([]);
    const uncommented = await query<{ t: string }>(
      WAREHOUSE,
      `select schema_name || '.' || table_name as t from duckdb_tables()
       where database_name = current_database() and schema_name in ('core', 'marts', 'meta') and coalesce(comment, '') = ''`,
    );
    expect(uncommented).toEqual([]);
    const [col] = await query<{ comment: string }>(
      WAREHOUSE,
      "select comment from duckdb_columns() where schema_name = 'core' and table_name = 'dim_student' and column_name = 'cohort_grade9'",
    );
    expect(col?.comment).toMatch(/first school year in grade 9/);
  });
});

describe("researchers' access", () => {
  it("runs every named example and returns rows", async () => {
    const examples = listExamples();
    expect(examples.length).toBeGreaterThanOrEqual(5);
    // a parameterized example runs with a district and cohort the warehouse holds
    const [cell] = await query<{ district: string; cohort: number }>(
      WAREHOUSE,
      "select entity_id as district, cohort from marts.indicators where level = 'district' and indicator = 'ps_enrolled_fall' and subgroup_type = 'race_ethnicity' order by cohort desc, entity_id limit 1",
    );
    const given = { district: String(cell?.district), cohort: String(cell?.cohort) };
    for (const e of examples) {
      const result = await runQuery(WAREHOUSE, e.sql, {
        params: exampleParams(e, e.params.length ? given : {}),
      });
      expect([e.name, result.rows.length > 0]).toEqual([e.name, true]);
    }
  });

  it("opens the warehouse read-only with no file access, and caps rows saying so", async () => {
    await expect(runQuery(WAREHOUSE, "create table marts.x as select 1")).rejects.toThrow(/read-only/i);
    await expect(runQuery(WAREHOUSE, `select * from read_csv('${STATE}/students.csv')`)).rejects.toThrow(
      /external access|disabled/i,
    );
    await expect(runQuery(WAREHOUSE, "set enable_external_access = true")).rejects.toThrow(/only a SELECT/);
    const capped = await runQuery(WAREHOUSE, "select * from marts.indicators", { maxRows: 10 });
    expect([capped.rows.length, capped.truncated]).toEqual([10, true]);
    const whole = await runQuery(WAREHOUSE, "select * from marts.indicator_catalog", { maxRows: 1000 });
    expect(whole.truncated).toBe(false);
  });

  it("gives a sandbox over the public tables alone, with every hidden number nulled", async () => {
    await expect(
      runQuery(WAREHOUSE, "select count(*) from core.dim_student", { publicOnly: true }),
    ).rejects.toThrow(/dim_student does not exist|schema "core" does not exist/);
    const [hidden] = (
      await runQuery(
        WAREHOUSE,
        "select count(*) filter (where suppressed and numerator is not null) as n, count(*) filter (where suppressed) as s from marts.indicators",
        { publicOnly: true },
      )
    ).rows;
    expect(Number(hidden?.n)).toBe(0);
    expect(Number(hidden?.s)).toBeGreaterThan(0);
  });

  it("stops a query at the time limit", async () => {
    const slow = "select count(*) from range(100000000) a, range(100000) b where a.range * b.range = 7";
    await expect(runQuery(WAREHOUSE, slow, { timeoutMs: 300 })).rejects.toThrow(/time limit of 0.3 s/);
  });

  it("exports publishable aggregates only: no student_key, no numbers in suppressed cells", async () => {
    const out = path.join(DIR, "export-public");
    const result = await exportWarehouse(WAREHOUSE, out, { public: true });
    expect(result.files.map((f) => f.table)).toContain("marts.indicators");
    const db = await memoryDb();
    for (const f of result.files) {
      const columns = await db.all<{ column_name: string }>(
        `select column_name from (describe select * from '${f.file}')`,
      );
      expect(columns.map((c) => c.column_name)).not.toContain("student_key");
    }
    // a hidden value has no numerator, value or interval; a hidden denominator no count either;
    // the reason says only "coded" (a band is shown) or "suppressed", never "extreme" beside a count
    const [leaks] = await db.all<{ n: number; hidden: number; coded: number; reasons: string }>(`
      select count(*) filter (where (suppressed and (value is not null or numerator is not null or ci_low is not null))
          or (denominator_suppressed and (denominator is not null or students is not null)))::int as n,
        count(*) filter (where suppressed)::int as hidden,
        count(*) filter (where value_band is not null and denominator is not null)::int as coded,
        string_agg(distinct suppression_reason, ',' order by suppression_reason) as reasons
      from '${out}/marts.indicators.parquet'`);
    expect(leaks?.n).toBe(0);
    expect(leaks?.hidden).toBeGreaterThan(100);
    expect(leaks?.coded).toBeGreaterThan(0);
    expect(leaks?.reasons).toBe("coded,suppressed");
    const [grades] = await db.all<{ n: number }>(`
      select count(*) filter (where suppressed and (revisits is not null or value is not null))::int as n
      from '${out}/marts.plan_revisits_by_grade.parquet'`);
    expect(grades?.n).toBe(0);
    // comparable districts as a ranking: distances over the traits would give back left-out counts
    const comparable = await db.all<{ column_name: string }>(
      `select column_name from (describe select * from '${out}/marts.comparable_districts.parquet')`,
    );
    expect(comparable.map((c) => c.column_name)).toEqual(["district_id", "comparable_id", "rank"]);
    db.close();
    expect(fs.readFileSync(result.dictionary, "utf8")).toMatch(/## marts.indicators/);
  });
});

describe("comparable districts", () => {
  it("ranks the ten nearest districts on standardized traits, and publishes the traits rounded, as worked out here", async () => {
    // the traits counted here from the student-years of each district's last five school years
    const traits = await query<{
      district_id: string;
      years: number;
      n: number;
      econ: number;
      el: number;
      iep: number;
      black: number;
      hispanic: number;
      locale: string;
      charter: boolean;
    }>(
      WAREHOUSE,
      `with last5 as (
         select district_id, school_year from (select distinct district_id, school_year from core.fact_student_year)
         qualify row_number() over (partition by district_id order by school_year desc) <= 5
       )
       select y.district_id, count(distinct y.school_year)::int as years, count(*)::int as n,
         count(*) filter (where y.econ_disadvantaged)::int as econ, count(*) filter (where y.english_learner)::int as el,
         count(*) filter (where y.iep)::int as iep, count(*) filter (where y.race_ethnicity = 'black')::int as black,
         count(*) filter (where y.race_ethnicity = 'hispanic')::int as hispanic,
         any_value(coalesce(d.locale, 'unknown')) as locale, any_value(coalesce(d.is_charter, false)) as charter
       from core.fact_student_year y join last5 using (district_id, school_year)
       left join marts.districts d using (district_id)
       group by y.district_id order by y.district_id`,
    );
    const vectors = traits.map((t) => [
      Math.log(t.n / t.years),
      t.econ / t.n,
      t.el / t.n,
      t.iep / t.n,
      t.black / t.n,
      t.hispanic / t.n,
    ]);
    const z = vectors[0]?.map((_, j) => {
      const column = vectors.map((v) => v[j] as number);
      const mean = column.reduce((a, x) => a + x, 0) / column.length;
      const sd = Math.sqrt(column.reduce((a, x) => a + (x - mean) ** 2, 0) / column.length);
      return column.map((x) => (sd > 0 ? (x - mean) / sd : 0));
    }) as number[][];
    const expected = traits.map((a, i) => {
      const near = traits
        .map((b, k) => ({ id: b.district_id, k }))
        .filter(({ id, k }) => id !== a.district_id && traits[k]?.charter === a.charter)
        .map(({ id, k }) => ({
          id,
          distance: Math.sqrt(
            z.reduce((s, col) => s + ((col[i] as number) - (col[k] as number)) ** 2, 0) +
              (traits[k]?.locale === a.locale ? 0 : 1),
          ),
        }))
        .sort((x, y) => x.distance - y.distance || x.id.localeCompare(y.id));
      return [a.district_id, near.slice(0, 10).map((x) => x.id)];
    });
    const published = await query<{ district_id: string; ids: string[] }>(
      WAREHOUSE,
      "select district_id, list(comparable_id order by rank) as ids from marts.comparable_districts group by 1 order by 1",
    );
    expect(published.map((p) => [p.district_id, [...p.ids]])).toEqual(expected);

    // enrollment to the nearest 10; a share in whole percent, or none when under 10 on a side
    const profiles = await query<Record<string, number | string | null>>(
      WAREHOUSE,
      "select * from marts.district_profiles order by district_id",
    );
    const share = (k: number, n: number) =>
      (k === 0 || k >= 10) && (n - k === 0 || n - k >= 10) ? Math.round((100 * k) / n) : null;
    for (const [i, t] of traits.entries()) {
      const p = profiles[i] ?? {};
      expect([t.district_id, Math.abs((p.enrollment as number) - t.n / t.years) <= 5]).toEqual([
        t.district_id,
        true,
      ]);
      expect([
        p.district_id,
        p.econ_disadvantaged_pct,
        p.english_learner_pct,
        p.iep_pct,
        p.black_pct,
        p.hispanic_pct,
      ]).toEqual([
        t.district_id,
        share(t.econ, t.n),
        share(t.el, t.n),
        share(t.iep, t.n),
        share(t.black, t.n),
        share(t.hispanic, t.n),
      ]);
    }
  });
});
