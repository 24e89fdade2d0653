// Disclosure control on a hand-made release: a state with district 3021 (two schools) and
// district 4010 (one school), fall enrollment of the class of 2024 overall and by IEP status.
// The release of the first generation leaks a cell by subtraction; the disclosure step fixes it;
// the auditor finds planted leaks, by subtraction and by bounds. Every expected number is worked
// out by hand in the comments.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { SQL_DIR } from "../pipeline/config.ts";
import { auditRelease } from "../pipeline/publish/audit.ts";
import { discloseRelease } from "../pipeline/publish/disclose.ts";
import { DEFAULT_CODING } from "../pipeline/publish/protect.ts";
import { type Db, openDb } from "../pipeline/warehouse/connection.ts";
import { scratch } from "./helpers/landing.ts";

const DIR = scratch("audit");
const WAREHOUSE = path.join(DIR, "warehouse.duckdb");

// level, entity, iep subgroup (all, yes, no), numerator, denominator
type Cell = [string, string, string, number, number];
const FALL: Cell[] = [
  ["school", "3021-004", "all", 13, 27],
  ["school", "3021-004", "yes", 3, 7], // fewer than 10 students: must stay hidden
  ["school", "3021-004", "no", 10, 20],
  ["school", "3021-008", "all", 30, 50],
  ["school", "3021-008", "yes", 4, 12],
  ["school", "3021-008", "no", 26, 38],
  ["district", "3021", "all", 43, 77],
  ["district", "3021", "yes", 7, 19],
  ["district", "3021", "no", 36, 58],
  ["school", "4010-002", "all", 40, 60],
  ["school", "4010-002", "yes", 5, 15],
  ["school", "4010-002", "no", 35, 45],
  ["district", "4010", "all", 40, 60],
  ["district", "4010", "yes", 5, 15],
  ["district", "4010", "no", 35, 45],
  ["state", "MS", "all", 83, 137],
  ["state", "MS", "yes", 12, 34],
  ["state", "MS", "no", 71, 103],
];

async function makeRelease(db: Db): Promise<void> {
  await db.run(`
    drop schema if exists marts cascade; drop schema if exists meta cascade; drop schema if exists history cascade;
    create schema marts; create schema meta;
    create table marts.indicators (indicator varchar, level varchar, entity_id varchar, cohort integer,
      subgroup_type varchar, subgroup varchar, numerator bigint, denominator bigint, students bigint, unit varchar,
      suppressed boolean, denominator_suppressed boolean, suppression_reason varchar, value_band varchar);
    create table marts.schools (school_id varchar, district_id varchar);
    insert into marts.schools values ('3021-001', '3021'), ('3021-002', '3021'), ('3021-003', '3021'),
      ('3021-004', '3021'), ('3021-008', '3021'), ('4010-002', '4010'), ('5020-001', '5020'), ('5020-002', '5020');
    create table marts.indicator_catalog (indicator varchar, denominator varchar, denominator_within varchar);
    insert into marts.indicator_catalog values ('ps_enrolled_fall', 'graduates', null), ('ccr_met_rate', 'graduates', null);
    create table marts.enrollment_by_revision_band (level varchar, entity_id varchar, cohort integer, subgroup_type varchar,
      subgroup varchar, revision_band varchar, graduates bigint, enrolled_fall bigint, suppressed boolean,
      denominator_suppressed boolean, suppression_reason varchar, value_band varchar);
    create table marts.indicator_gaps (indicator varchar, level varchar, entity_id varchar, cohort integer,
      subgroup_type varchar, subgroup varchar, rest_numerator bigint, rest_denominator bigint, suppressed boolean);
    create table marts.plan_revisits_by_grade (grade integer, student_years bigint, suppressed boolean, suppression_reason varchar);
    -- the model-based tables, reduced to what disclosure reads
    create table marts.adjusted_rates (indicator varchar, level varchar, entity_id varchar, cohort integer,
      graduates bigint, suppressed boolean);
    insert into marts.adjusted_rates values ('ps_enrolled_fall', 'school', '3021-004', 2024, 27, null),
      ('ps_enrolled_fall', 'school', '3021-004', 2023, 27, null), ('ps_enrolled_fall', 'school', '3021-008', 2024, 9, null);
    create table marts.adjusted_gaps (indicator varchar, cohort integer, subgroup_type varchar, subgroup varchar,
      reference varchar, suppressed boolean);
    insert into marts.adjusted_gaps values ('ps_enrolled_fall', 2024, 'iep', 'yes', 'no', null),
      ('ps_enrolled_fall', 2024, 'iep', 'yes', 'missing', null);
    create table marts.plan_effect (cohort varchar, n_treated bigint, n_control bigint, suppressed boolean);
    insert into marts.plan_effect values ('2024', 8, 129, null), ('pooled', 40, 97, null);
    create table marts.plan_effect_balance (cohort varchar, covariate varchar, suppressed boolean);
    insert into marts.plan_effect_balance values ('2024', 'score_math', false), ('pooled', 'score_math', false);`);
  const rows = FALL.map(
    ([level, entity, sub, num, den]) =>
      `('ps_enrolled_fall', '${level}', '${entity}', 2024, '${sub === "all" ? "all" : "iep"}', '${sub}', ${num}, ${den}, ${den}, 'proportion', null, null, null, null)`,
  );
  await db.run(`insert into marts.indicators values ${rows.join(", ")}`);
}

/** What the first generation published: within one entity's subgroup set, the smallest other cell. */
async function firstGenerationFlags(db: Db): Promise<void> {
  await db.run(`update marts.indicators set suppressed = false, denominator_suppressed = false;
    update marts.indicators set suppressed = true, denominator_suppressed = true,
      suppression_reason = case subgroup when 'yes' then 'primary' else 'complementary' end
    where entity_id = '3021-004' and subgroup <> 'all';`);
}

const flags = async (db: Db) =>
  (
    await db.all<{ cell: string; flags: string }>(`
    select entity_id || ' ' || subgroup as cell,
      concat_ws(' ', case when suppressed then 'hidden' else 'shown' end,
        case when denominator_suppressed then 'den-hidden' end, suppression_reason, value_band) as flags
    from marts.indicators order by level desc, entity_id, subgroup`)
  ).map((r) => `${r.cell}: ${r.flags}`);

let db: Db;
beforeEach(async () => {
  db?.close();
  db = await openDb(WAREHOUSE);
  await makeRelease(db);
});

describe("the first generation's release (complementary suppression within one subgroup set)", () => {
  it("leaks the IEP cell of school 3021-004: district 3021 minus school 3021-008", async () => {
    await firstGenerationFlags(db);
    const result = await auditRelease(db);
    // 3021 yes (7 of 19) - 3021-008 yes (4 of 12) = 3 of 7
    expect(result).toMatchObject({ recovered: 1, bounded: 0, protectedCells: 1, recoveredUnderMinN: 1 });
    expect(result.examples.map((e) => [e.entity_id, e.subgroup, e.numerator, e.denominator, e.how])).toEqual([
      ["3021-004", "yes", 3, 7, "subtraction"],
    ]);
  });

  it("pathways audit prints what it found and exits 1", async () => {
    await firstGenerationFlags(db);
    db.close();
    const out = spawnSync(
      process.execPath,
      [path.resolve("bin/pathways.js"), "audit", "--warehouse", WAREHOUSE],
      {
        encoding: "utf8",
      },
    );
    db = await openDb(WAREHOUSE);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(
      "DISCLOSED: 1 protected cells recovered exactly (0 of them only by solving relations together), 0 bounded",
    );
    expect(out.stdout).toContain(
      "indicators: ps_enrolled_fall school 3021-004 2024 iep=yes: 3 of 7 (subtraction)",
    );
  });
});

describe("relations come from the catalog", () => {
  it("an indicator split into parts in the catalog gives the attacker its sum: a 0% part comes back", async () => {
    // state, class of 2024: fall enrollment 83 of 137 (shown); a test split of it into part a,
    // 83 of 137 (shown), and part b, 0 of 137 (coded "<= 5%": a 0% cell stays hidden). With the
    // split in the catalog, b = 83 - 83 = 0; without it, nothing ties b to anything shown
    await firstGenerationFlags(db);
    await db.run(`
      alter table marts.indicator_catalog add column part_of varchar;
      alter table marts.indicator_catalog add column split varchar;
      insert into marts.indicators values
        ('fall_part_a', 'state', 'MS', 2024, 'all', 'all', 83, 137, 137, 'proportion', false, false, null, null),
        ('fall_part_b', 'state', 'MS', 2024, 'all', 'all', 0, 137, 137, 'proportion', true, false, 'coded', '<= 5%');
      insert into marts.indicator_catalog values ('fall_part_a', 'graduates', null, null, null),
        ('fall_part_b', 'graduates', null, null, null);`);
    const without = await auditRelease(db, { rank: false });
    expect(without.examples.filter((e) => e.indicator === "fall_part_b")).toEqual([]);
    await db.run(
      "update marts.indicator_catalog set part_of = 'ps_enrolled_fall', split = 'test' where indicator like 'fall_part_%'",
    );
    const result = await auditRelease(db, { rank: false });
    expect(result.relations.indicators).toBe(1);
    expect(
      result.examples
        .filter((e) => e.indicator === "fall_part_b")
        .map((e) => [e.numerator, e.denominator, e.how]),
    ).toEqual([[0, 137, "subtraction"]]);
  });
});

describe("relations come from the catalog: groups an indicator counts", () => {
  it("revisited every year's count is the every-year group's size under readiness: a small school's comes back", async () => {
    // class of 2024, school 3021-004: 3 of its 8 graduates with a plan were revisited every year
    // (small: hidden). Readiness of the every-year graduates: 3021 has 15 (shown, its count hidden),
    // 3021-008 has 12 (shown), so 3021-004 has 15 - 12 = 3, and with the catalog's groups_within
    // that is revisited every year's count at 3021-004: 3 of 8. Without it, the 3 is only a size
    await db.run(`
      delete from marts.indicators;
      alter table marts.indicator_catalog add column numerator_group varchar;
      alter table marts.indicator_catalog add column rest_group varchar;
      alter table marts.indicator_catalog add column groups_within varchar[];
      insert into marts.indicator_catalog values ('isp_revisited_every_year', 'graduates with an ISP', null, null, null, null);
      insert into marts.indicators values
        ('isp_revisited_every_year', 'school', '3021-004', 2024, 'all', 'all', 3, 8, 8, 'proportion', true, true, 'small', null),
        ('ccr_met_rate', 'school', '3021-004', 2024, 'isp_revision_band', 'every_year', 2, 3, 3, 'proportion', true, true, 'small', null),
        ('ccr_met_rate', 'school', '3021-008', 2024, 'isp_revision_band', 'every_year', 9, 12, 12, 'proportion', false, false, null, null),
        ('ccr_met_rate', 'district', '3021', 2024, 'isp_revision_band', 'every_year', 11, 15, 15, 'proportion', true, false, 'complementary', null);`);
    const counted = async () =>
      (await auditRelease(db, { rank: false })).examples
        .filter((e) => e.indicator === "isp_revisited_every_year")
        .map((e) => [e.entity_id, e.numerator, e.denominator]);
    expect(await counted()).toEqual([]);
    // the catalog's groups, then the model that reads them (the one definition of the groups)
    await db.run(`update marts.indicator_catalog set numerator_group = 'every_year', rest_group = 'not_every_year',
      groups_within = ['graduates', 'graduates with an ISP'] where indicator = 'isp_revisited_every_year'`);
    await db.run(fs.readFileSync(path.join(SQL_DIR, "marts", "indicator_groups.sql"), "utf8"));
    expect(await counted()).toEqual([["3021-004", 3, 8]]);
    // and the disclosure step protects it
    await db.run(
      "update marts.indicators set suppressed = null, denominator_suppressed = null, suppression_reason = null",
    );
    const result = await discloseRelease(db, DEFAULT_CODING);
    expect(result.audit).toMatchObject({ recovered: 0, bounded: 0 });
  });
});

describe("relations come from the directories: groups that are traits of a whole district", () => {
  it("the state's rural cell is the sum of its rural districts' all cells: two small districts come back", async () => {
    // class of 2024: districts 3021 (rural, 3 of 8, small: hidden), 5020 (rural, 30 of 50) and
    // 4010 (city, 4 of 9, small: hidden). The state shows 37 of 67 and, by locale, rural 33 of 58;
    // city (4 of 9) is small. From the state alone 3021 + 4010 = 7 of 17, neither pinned (3021 may
    // hold 0-7). With the directory's locales (marts.entity_groups) rural = 3021 + 5020: 3021 has
    // 33 - 30 = 3 of 58 - 50 = 8, so 4010 has 7 - 3 = 4 of 9. marts.indicators has no district
    // locale cells: a district's would be its all cell
    await db.run(`
      delete from marts.indicators;
      insert into marts.indicators values
        ('ps_enrolled_fall', 'district', '3021', 2024, 'all', 'all', 3, 8, 8, 'proportion', true, true, 'small', null),
        ('ps_enrolled_fall', 'district', '4010', 2024, 'all', 'all', 4, 9, 9, 'proportion', true, true, 'small', null),
        ('ps_enrolled_fall', 'district', '5020', 2024, 'all', 'all', 30, 50, 50, 'proportion', false, false, null, null),
        ('ps_enrolled_fall', 'state', 'MS', 2024, 'all', 'all', 37, 67, 67, 'proportion', false, false, null, null),
        ('ps_enrolled_fall', 'state', 'MS', 2024, 'locale', 'rural', 33, 58, 58, 'proportion', false, false, null, null),
        ('ps_enrolled_fall', 'state', 'MS', 2024, 'locale', 'city', 4, 9, 9, 'proportion', true, true, 'small', null);
      create table marts.districts (district_id varchar, locale varchar);
      insert into marts.districts values ('3021', 'rural'), ('4010', 'city'), ('5020', 'rural');
`);
    const recovered = async () =>
      (await auditRelease(db, { rank: false })).examples
        .filter((e) => e.level === "district")
        .map((e) => [e.entity_id, e.numerator, e.denominator])
        .sort();
    expect(await recovered()).toEqual([]);
    await db.run("alter table marts.schools add column has_career_coach boolean");
    await db.run(fs.readFileSync(path.join(SQL_DIR, "marts", "entity_groups.sql"), "utf8"));
    expect(await recovered()).toEqual([
      ["3021", 3, 8],
      ["4010", 4, 9],
    ]);
    // and the disclosure step protects them: rural = 3021 + 5020 has one hidden term, so 5020 is
    // hidden (a district before the state); then all - rural = 4010 still gives 4 (the rank test),
    // so the state's rural cell is hidden too: 3021 + 5020 = rural and 3021 + 4010 + 5020 = 37
    // leave each of them open
    await db.run(
      "update marts.indicators set suppressed = null, denominator_suppressed = null, suppression_reason = null",
    );
    const result = await discloseRelease(db, DEFAULT_CODING);
    expect(result.audit).toMatchObject({ recovered: 0, bounded: 0 });
    const rows = await db.all<{ cell: string }>(
      "select level || ' ' || subgroup as cell from marts.indicators where suppression_reason = 'complementary' order by 1",
    );
    expect(rows.map((r) => r.cell)).toEqual(["district all", "state rural"]);
  });
});

describe("the disclosure step", () => {
  it("hides the complements that close every relation, and the attack then learns nothing", async () => {
    const result = await discloseRelease(db, DEFAULT_CODING);
    // Round 1: 3021-004 yes (small) is the one hidden term of three relations per part:
    //   3021-004: all = yes + no -> hide `no` (outside all), numerator, rest and (for the
    //     denominators' relation) its denominator;
    //   3021 = 3021-004 + 3021-008 (yes) -> hide 3021-008 yes (a school: in 3 relations per part;
    //     the district cell is in 4: its cell, its schools, the state, its subgroups).
    // Round 2: 3021 no = 3021-004 no + 3021-008 no, and 3021-008: all = yes + no, each have one
    //   hidden term -> both choose 3021-008 no. Round 3: nothing has one hidden term.
    expect(result.rounds).toBe(3);
    expect(await flags(db)).toEqual([
      "MS all: shown",
      "MS no: shown",
      "MS yes: shown",
      "3021-004 all: shown",
      "3021-004 no: hidden den-hidden complementary",
      "3021-004 yes: hidden den-hidden small",
      "3021-008 all: shown",
      "3021-008 no: hidden den-hidden complementary",
      "3021-008 yes: hidden den-hidden complementary",
      "4010-002 all: shown",
      "4010-002 no: shown",
      "4010-002 yes: shown",
      "3021 all: shown",
      "3021 no: shown",
      "3021 yes: shown",
      "4010 all: shown",
      "4010 no: shown",
      "4010 yes: shown",
    ]);
    // four unknown numerators, three independent relations among them (x1 + x2 = 13, x3 + x4 = 30,
    // x1 + x3 = 7): one degree of freedom left, so 3021-004 yes lies anywhere in 0..7
    expect(result.audit).toMatchObject({ recovered: 0, bounded: 0, gapLeaks: 0, protectedCells: 1 });
    // model-based rows only beside exactly published cells: 3021-004's class of 2024 (27 graduates);
    // not its 2023 (no cell), not 3021-008 (9 graduates, fewer than 10); the IEP gap has both state
    // cells, the made-up reference none; the class of 2024's effect has 8 treated, the pooled 40
    expect(
      await db.all(
        `select 'rate ' || entity_id || ' ' || cohort || ' ' || suppressed as r from marts.adjusted_rates
         union all select 'gap ' || reference || ' ' || suppressed from marts.adjusted_gaps
         union all select 'effect ' || cohort || ' ' || suppressed from marts.plan_effect
         union all select 'balance ' || cohort || ' ' || suppressed from marts.plan_effect_balance order by r`,
      ),
    ).toEqual(
      [
        "balance 2024 true",
        "balance pooled false",
        "effect 2024 true",
        "effect pooled false",
        "gap missing true",
        "gap no false",
        "rate 3021-004 2023 true",
        "rate 3021-004 2024 false",
        "rate 3021-008 2024 true",
      ].map((r) => ({ r })),
    );
    // the four hidden: 3021-004 yes (small) and the three complements above
    expect(result.cost.find((c) => c.level === "school" && c.subgroup_type === "iep")).toMatchObject({
      cells: 6,
      exact: 2,
      hidden: 4,
      complementary: 3,
      published_pct: 33.3,
    });
  });

  it("refuses a release the auditor can attack: a planted subtraction", async () => {
    await discloseRelease(db, DEFAULT_CODING);
    // showing 3021-008 yes again gives 3021-004 yes away: 7 of 19 - 4 of 12
    await db.run(
      "update marts.indicators set suppressed = false, denominator_suppressed = false where entity_id = '3021-008' and subgroup = 'yes'",
    );
    const result = await auditRelease(db);
    expect(result).toMatchObject({ recovered: 1, bounded: 0 });
  });

  it("the auditor bounds: a top-coded district leaves no room for a hidden school's non-enrollees", async () => {
    // CCR in district 5020: school 5020-001 has 1 of 1 (hidden: small), school 5020-002 18 of 19
    // (shown), the district 19 of 20 coded ">= 95%" (at most 20 - 19 = 1 without it), the state the
    // same. The attacker: rest(5020) = rest(5020-001) + rest(5020-002) = rest(5020-001) + 1 <= 1,
    // so 5020-001's rest is 0: its one student met the benchmark. Its group size comes back first,
    // by subtraction: 20 graduates in the district - 19 in 5020-002 = 1 (a hidden group size is
    // protected like a hidden count), so the cell counts as recovered.
    await db.run(`insert into marts.indicators values
      ('ccr_met_rate', 'school', '5020-001', 2024, 'all', 'all', 1, 1, 1, 'proportion', true, true, 'small', null),
      ('ccr_met_rate', 'school', '5020-002', 2024, 'all', 'all', 18, 19, 19, 'proportion', false, false, null, null),
      ('ccr_met_rate', 'district', '5020', 2024, 'all', 'all', 19, 20, 20, 'proportion', true, false, 'coded', '>= 95%'),
      ('ccr_met_rate', 'state', 'MS', 2024, 'all', 'all', 19, 20, 20, 'proportion', true, false, 'coded', '>= 95%');
      delete from marts.indicators where indicator = 'ps_enrolled_fall'`);
    const result = await auditRelease(db);
    expect(result).toMatchObject({ recovered: 1, bounded: 0, coded: 2 });
    expect(result.examples[0]).toMatchObject({
      entity_id: "5020-001",
      numerator: 1,
      denominator: 1,
      how: "subtraction",
    });
  });

  it("codes cells at the ends with at least 20 students, and hides the extremes with fewer", async () => {
    // district 4010: 35 of 45 non-IEP students -> 45 of 45 (100%, >= 20: band ">= 95%" holds 43..45);
    // its school alike. 3021-004 no: 10 of 20 -> 0 of 20 (0%, band "<= 5%" holds 0..1).
    await db.run(`update marts.indicators set numerator = 45 where entity_id in ('4010', '4010-002') and subgroup = 'no';
      update marts.indicators set numerator = 50 where entity_id in ('4010', '4010-002') and subgroup = 'all';
      update marts.indicators set numerator = numerator + 10 where entity_id = 'MS' and subgroup in ('all', 'no');
      update marts.indicators set numerator = 0 where entity_id = '3021-004' and subgroup = 'no';
      update marts.indicators set numerator = 3 where entity_id = '3021-004' and subgroup = 'all';
      update marts.indicators set numerator = numerator - 10 where entity_id in ('3021', 'MS') and subgroup in ('all', 'no');`);
    const result = await discloseRelease(db, DEFAULT_CODING);
    expect(result.audit).toMatchObject({ recovered: 0, bounded: 0 });
    const rows = await flags(db);
    expect(rows).toContain("4010 no: hidden coded >= 95%");
    expect(rows).toContain("4010-002 no: hidden coded >= 95%");
    // 3021-004 no (0 of 20) would be coded, but it is the complement of 3021-004 yes (3 of 7,
    // small) in 3021-004's all = yes + no: hidden whole, it loses its band and shows as what it
    // is, a 0% cell; the all cell (3 of 27) stays exact, as all students come before a group's band
    expect(rows).toContain("3021-004 no: hidden den-hidden extreme");
    expect(rows).toContain("3021-004 all: shown");
  });
});

// A district (3021) with four schools, graduates by race (asian, black, white) and enrolled in the
// fall, worked by hand. The cells hidden in the planted release form two closed loops in the
// school x group table joined by one cell, school 3021-003's asian cell (3 of 5, small): every
// row and column sum has at least two hidden cells, so subtraction learns nothing, but the sums
// of schools 3021-001 and 3021-002, minus the asian and black column sums, leave that one cell:
// (S1a + S1b + S2a + S2b) - (S1a + S2a + S3a + S4a) - (S1b + S2b + S3b + S4b) = -S3a + shown.
//            asian    black    white    all
//   3021-001 12/20*   6/11*   10/15    28/46
//   3021-002  8/14*   9/12*    7/13    24/39
//   3021-003  3/5*   11/18     6/12*   20/35*
//   3021-004 10/16    8/13     5/11*   23/40*
//   3021     33/55   34/54    28/51    95/160   (* hidden; the state repeats the district)
const LOOPS: [string, string, number, number, boolean][] = [
  ["3021-001", "asian", 12, 20, true],
  ["3021-001", "black", 6, 11, true],
  ["3021-001", "white", 10, 15, false],
  ["3021-001", "all", 28, 46, false],
  ["3021-002", "asian", 8, 14, true],
  ["3021-002", "black", 9, 12, true],
  ["3021-002", "white", 7, 13, false],
  ["3021-002", "all", 24, 39, false],
  ["3021-003", "asian", 3, 5, true],
  ["3021-003", "black", 11, 18, false],
  ["3021-003", "white", 6, 12, true],
  ["3021-003", "all", 20, 35, true],
  ["3021-004", "asian", 10, 16, false],
  ["3021-004", "black", 8, 13, false],
  ["3021-004", "white", 5, 11, true],
  ["3021-004", "all", 23, 40, true],
  ["3021", "asian", 33, 55, false],
  ["3021", "black", 34, 54, false],
  ["3021", "white", 28, 51, false],
  ["3021", "all", 95, 160, false],
  ["MS", "asian", 33, 55, false],
  ["MS", "black", 34, 54, false],
  ["MS", "white", 28, 51, false],
  ["MS", "all", 95, 160, false],
];

async function loopsRelease(db: Db, planted: boolean): Promise<void> {
  const rows = LOOPS.map(([entity, group, num, den, hidden]) => {
    const level = entity === "MS" ? "state" : entity.includes("-") ? "school" : "district";
    const type = group === "all" ? "all" : "race_ethnicity";
    const flag = planted ? String(hidden) : "null";
    return `('ps_enrolled_fall', '${level}', '${entity}', 2024, '${type}', '${group}', ${num}, ${den}, ${den}, 'proportion', ${flag}, ${flag}, null, null)`;
  });
  await db.run(`delete from marts.indicators; insert into marts.indicators values ${rows.join(", ")}`);
}

describe("a leak that only solving the sums together finds", () => {
  it("the rank test recovers 3021-003's asian cell; subtraction and bounds alone find nothing", async () => {
    await loopsRelease(db, true);
    const weak = await auditRelease(db, { rank: false, lp: false });
    expect(weak).toMatchObject({ recovered: 0, bounded: 0 });
    // LP bounds over the same sums find it too (what the sums fix has one value in the LP): its
    // count, its rest and its size (3, 2 and 5)
    const byLp = await auditRelease(db, { rank: false });
    expect(byLp).toMatchObject({ recovered: 0, bounded: 1, lp: { tested: true, pinned: 3 } });
    const result = await auditRelease(db);
    expect(result).toMatchObject({ recovered: 1, byRank: 1, bounded: 0, unsolvedBlocks: 0 });
    expect(result.examples.map((e) => [e.entity_id, e.subgroup, e.numerator, e.denominator, e.how])).toEqual([
      ["3021-003", "asian", 3, 5, "rank"],
    ]);
  });

  it("the disclosure step publishes the same table so that the rank test finds nothing", async () => {
    await loopsRelease(db, false);
    const result = await discloseRelease(db, DEFAULT_CODING);
    expect(result.audit).toMatchObject({ recovered: 0, byRank: 0, bounded: 0 });
    const rows = await flags(db);
    expect(rows).toContain("3021-003 asian: hidden den-hidden small");
    // and attacked again from the tables as written
    expect(await auditRelease(db)).toMatchObject({ recovered: 0, bounded: 0 });
  });

  it("above the sealing limit, the step repairs instead and says so; above the rank limit, it says the rank test did not run", async () => {
    await loopsRelease(db, false);
    const repaired = await discloseRelease(db, DEFAULT_CODING, { sealMaxVars: 0, rankMaxVars: 1e9 });
    expect(repaired).toMatchObject({ rankTested: true, sealing: { tested: false, open: 0 } });
    expect(repaired.audit).toMatchObject({ recovered: 0, byRank: 0, bounded: 0 });
    expect(await auditRelease(db)).toMatchObject({ recovered: 0, bounded: 0 });
    expect(await db.all("select rank_tested, sealing_run, rank_max_vars from meta.disclosure_audit")).toEqual(
      [{ rank_tested: true, sealing_run: false, rank_max_vars: 0 }],
    );
    await loopsRelease(db, false);
    await discloseRelease(db, DEFAULT_CODING, { sealMaxVars: 0, rankMaxVars: 0 });
    expect(await db.all("select rank_tested, sealing_run from meta.disclosure_audit")).toEqual([
      { rank_tested: false, sealing_run: false },
    ]);
  });
});

// Two releases of one state: districts 5001, 5002 and 5003 (no schools), fall enrollment of the
// class of 2024 overall and by IEP status. Release 1 hides 5001's IEP cell (3 of 8: small) and, to
// protect it, 5001 no, 5003 yes and 5003 no (worked out below). The attacker holds release 1.
type DistrictCell = [string, string, string, number, number];
const RELEASE_1: DistrictCell[] = [
  ["district", "5001", "all", 40, 60],
  ["district", "5001", "yes", 3, 8],
  ["district", "5001", "no", 37, 52],
  ["district", "5002", "all", 30, 50],
  ["district", "5002", "yes", 6, 15],
  ["district", "5002", "no", 24, 35],
  ["district", "5003", "all", 20, 40],
  ["district", "5003", "yes", 5, 12],
  ["district", "5003", "no", 15, 28],
  ["state", "MS", "all", 90, 150],
  ["state", "MS", "yes", 14, 35],
  ["state", "MS", "no", 76, 115],
];

async function publishCells(cells: DistrictCell[]): Promise<void> {
  const rows = cells.map(
    ([level, entity, sub, num, den]) =>
      `('ps_enrolled_fall', '${level}', '${entity}', 2024, '${sub === "all" ? "all" : "iep"}', '${sub}', ${num}, ${den}, ${den}, 'proportion', null, null, null, null)`,
  );
  await db.run(`delete from marts.indicators; insert into marts.indicators values ${rows.join(", ")}`);
}

const districtFlags = async () =>
  (
    await db.all<{ cell: string }>(`
    select entity_id || ' ' || subgroup || ': ' || case when suppressed then 'hidden' else 'shown' end as cell
    from marts.indicators order by level desc, entity_id, subgroup`)
  ).map((r) => r.cell);

const HIDDEN_IN_RELEASE_1 = ["5001 no", "5001 yes", "5003 no", "5003 yes"];

/** Publish release 1 (its cells go to history.release_cells), then make the tables release 2's. */
async function afterRelease1(release2: DistrictCell[]): Promise<void> {
  await publishCells(RELEASE_1);
  const first = await discloseRelease(db, DEFAULT_CODING);
  // 5001 yes is the one hidden term of three relations per part; the state's IEP sum hides 5003 yes
  // (a district before the state, the smaller denominator before 5002's), each district's sum the
  // `no` cell beside its hidden `yes`; x + y = 8 (state yes), x + u = 40, y + v = 20, u + v = 52
  // leave one degree of freedom, so 5001 yes lies anywhere in 0..8
  expect(first.audit).toMatchObject({ recovered: 0, bounded: 0 });
  expect((await districtFlags()).filter((c) => c.endsWith("hidden")).map((c) => c.split(":")[0])).toEqual(
    HIDDEN_IN_RELEASE_1,
  );
  expect(first.history).toMatchObject({ releases: 0, releaseId: 1 });
  await publishCells(release2);
}

/** Release 2 protected as if it were the first: the history put aside, then brought back for the attack (release 1 before this one, 2). */
async function withoutHistory(): Promise<void> {
  await db.run(
    "create or replace table main.kept as select * from history.release_cells; drop schema history cascade;",
  );
  await discloseRelease(db, DEFAULT_CODING);
  await db.run(
    "delete from history.release_cells; insert into history.release_cells select * from main.kept; drop table main.kept; update meta.disclosure_audit set release_id = 2;",
  );
}

describe("two releases: the attacker holds the earlier one", () => {
  // 5001's corrected file: 10 of 15 with an IEP now (no small cell left), the rest unchanged
  const CORRECTED: DistrictCell[] = RELEASE_1.map(([l, e, s, n, d]) =>
    e === "5001" && s === "all"
      ? [l, e, s, 47, 67]
      : e === "5001" && s === "yes"
        ? [l, e, s, 10, 15]
        : e === "MS" && s === "all"
          ? [l, e, s, 97, 157]
          : e === "MS" && s === "yes"
            ? [l, e, s, 21, 42]
            : [l, e, s, n, d],
  );

  it("a corrected file: release 2 alone shows 5003 yes, which gives back release 1's 3 of 8; kept hidden, nothing", async () => {
    await afterRelease1(CORRECTED);
    await withoutHistory();
    // on its own release 2 has nothing to protect: every cell shown, 5003 yes (5 of 12) too, so
    // release 1's state IEP cell (14 of 35) - 5002 yes (6 of 15) - 5003 yes = 3 of 8
    expect((await districtFlags()).filter((c) => c.endsWith("hidden"))).toEqual([]);
    const attacked = await auditRelease(db);
    expect(
      attacked.examples.map((e) => [
        e.entity_id,
        e.subgroup,
        e.release,
        e.numerator,
        e.denominator,
        e.cohort,
      ]),
    ).toContainEqual(["5001", "yes", 1, 3, 8, 2024]);

    await publishCells(CORRECTED);
    const second = await discloseRelease(db, DEFAULT_CODING);
    // 5003 yes, 5003 no and 5001 no are unchanged and were hidden: they stay hidden; then 5001's
    // sum (all = yes + no, 47 shown) hides 5001 yes. Together (y = 5003 yes): release 1 gives
    // 5001 yes = 8 - y, release 2 gives 5001 yes = 15 - y, 5001 no = 32 + y, 5003 no = 20 - y:
    // one degree of freedom, y anywhere in 0..8
    expect((await districtFlags()).filter((c) => c.endsWith("hidden")).map((c) => c.split(":")[0])).toEqual(
      HIDDEN_IN_RELEASE_1,
    );
    expect(second.history).toMatchObject({ releases: 1, cells: 12, releaseId: 2 });
    expect(second.audit).toMatchObject({ recovered: 0, bounded: 0 });
    expect(await auditRelease(db)).toMatchObject({ recovered: 0, bounded: 0 });
  });

  it("a withdrawn district: the state's change is 5003; 5002 yes, shown before, cannot protect 5001 yes now", async () => {
    const WITHDRAWN: DistrictCell[] = [
      ...RELEASE_1.filter(([, e]) => e === "5001" || e === "5002"),
      ["state", "MS", "all", 70, 110],
      ["state", "MS", "yes", 9, 23],
      ["state", "MS", "no", 61, 87],
    ];
    await afterRelease1(WITHDRAWN);
    await withoutHistory();
    // alone, release 2 hides 5001 yes (small), 5001 no and, for the state's IEP sum, 5002 yes and
    // 5002 no: but release 1 showed 5002 yes (6 of 15, unchanged), so state yes (9 of 23) - 6 of 15
    // = 3 of 8
    expect((await districtFlags()).filter((c) => c.endsWith("hidden")).map((c) => c.split(":")[0])).toEqual([
      "5001 no",
      "5001 yes",
      "5002 no",
      "5002 yes",
    ]);
    const attacked = await auditRelease(db);
    expect(
      attacked.examples.map((e) => [e.entity_id, e.subgroup, e.release, e.numerator, e.denominator]),
    ).toContainEqual(["5001", "yes", 0, 3, 8]);

    await publishCells(WITHDRAWN);
    const second = await discloseRelease(db, DEFAULT_CODING);
    // 5002 yes is known from release 1: the state's IEP sum hides the state's cell instead, and
    // the state's sum (all = yes + no) its `no`. Together: 5001 yes + 5003 yes = 8 (release 1),
    // 5001 yes + 5001 no = 40, 5003 yes + 5003 no = 20, 5001 no + 5003 no = 52, and release 2's
    // hidden state cells add nothing more: one degree of freedom
    expect((await districtFlags()).filter((c) => c.endsWith("hidden")).map((c) => c.split(":")[0])).toEqual([
      "MS no",
      "MS yes",
      "5001 no",
      "5001 yes",
    ]);
    expect(second.audit).toMatchObject({ recovered: 0, bounded: 0 });
    expect(await auditRelease(db)).toMatchObject({ recovered: 0, bounded: 0 });
  });

  it("a rebuild that publishes the same adds no release", async () => {
    await afterRelease1(RELEASE_1);
    const again = await discloseRelease(db, DEFAULT_CODING);
    expect(again.history).toMatchObject({ releases: 0, releaseId: 1 });
    expect((await districtFlags()).filter((c) => c.endsWith("hidden")).map((c) => c.split(":")[0])).toEqual(
      HIDDEN_IN_RELEASE_1,
    );
  });
});
