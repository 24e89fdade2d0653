// The disclosure auditor on a hand-made release: the leaks planted below are found, and what
// complementary suppression protects is not. Every expected number is worked out in the comments.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditRelease } from "../pipeline/publish/audit.ts";
import { protectRelease } from "../pipeline/publish/protect.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { scratch } from "./helpers/landing.ts";

const DIR = scratch("audit");
const WAREHOUSE = path.join(DIR, "warehouse.duckdb");

// indicator, level, entity, numerator, denominator, suppression ('' published, 'primary', 'complementary')
type Cell = [string, string, string, number, number, string];
const CELLS: Cell[] = [
  // Leak 1 (hierarchy): school 3021-004 has 0 of 7 (primary: fewer than 10); its district and
  // the other school are published, so 3021 - 3021-008 = (30 - 30) of (57 - 50) = 0 of 7.
  ["ps_enrolled_fall", "school", "3021-004", 0, 7, "primary"],
  ["ps_enrolled_fall", "school", "3021-008", 30, 50, ""],
  ["ps_enrolled_fall", "district", "3021", 30, 57, ""],
  ["ps_enrolled_fall", "district", "4010", 40, 60, ""],
  ["ps_enrolled_fall", "state", "MS", 70, 117, ""],
  // Leak 2 (indicators): fall = 4-year + 2-year; in 4010 all 40 went to 4-year colleges, so the
  // 2-year cell (0%: primary) is 40 - 40 = 0 of 60.
  ["ps_enrolled_fall_4yr", "district", "4010", 40, 60, ""],
  ["ps_enrolled_fall_2yr", "district", "4010", 0, 60, "primary"],
  // Protected: school 3021-004 has 3 of 8 (primary); 3021-008 is suppressed with it
  // (complementary), so the district total 23 of 48 leaves two unknowns: nothing is learned.
  ["ccr_met_rate", "school", "3021-004", 3, 8, "primary"],
  ["ccr_met_rate", "school", "3021-008", 20, 40, "complementary"],
  ["ccr_met_rate", "district", "3021", 23, 48, ""],
];
// Leak 3 (the gap table): in 4010, 2 of 5 girls enrolled (primary) and 38 of 55 boys (complementary,
// so the sex set alone protects both); but a gap row for the girls was released with its "rest"
// (the boys: 38 of 55), so 4010's 40 of 60 - 38 of 55 = 2 of 5.
const BY_SEX: Cell[] = [
  ["ps_enrolled_fall", "district", "4010", 2, 5, "primary"],
  ["ps_enrolled_fall", "district", "4010", 38, 55, "complementary"],
];

beforeAll(async () => {
  const db = await openDb(WAREHOUSE);
  await db.run(`
    create schema marts;
    create table marts.indicators (indicator varchar, level varchar, entity_id varchar, cohort integer,
      subgroup_type varchar, subgroup varchar, numerator bigint, denominator bigint, students bigint, suppressed boolean,
      suppression_reason varchar);
    create table marts.indicator_catalog (indicator varchar, denominator varchar);
    insert into marts.indicator_catalog values ('ps_enrolled_fall', 'graduates'), ('ps_enrolled_fall_4yr', 'graduates'),
      ('ps_enrolled_fall_2yr', 'graduates'), ('ccr_met_rate', 'graduates');`);
  const values = CELLS.map(
    ([i, level, entity, num, den, s]) =>
      `('${i}', '${level}', '${entity}', 2024, 'all', 'all', ${num}, ${den}, ${den}, ${s !== ""}, ${s ? `'${s}'` : "null"})`,
  );
  const sexes = BY_SEX.map(
    ([i, level, entity, num, den, s], k) =>
      `('${i}', '${level}', '${entity}', 2024, 'sex', '${k === 0 ? "F" : "M"}', ${num}, ${den}, ${den}, true, '${s}')`,
  );
  await db.run(`insert into marts.indicators values ${[...values, ...sexes].join(", ")}`);
  await db.run(`create table marts.indicator_gaps as
    select 'ps_enrolled_fall' as indicator, 'district' as level, '4010' as entity_id, 2024 as cohort,
      'sex' as subgroup_type, 'F' as subgroup, 38 as rest_numerator, 55 as rest_denominator, false as suppressed`);
  db.close();
});

describe("the disclosure auditor", () => {
  it("recovers the planted leaks by subtraction and leaves the protected cell alone", async () => {
    const db = await openDb(WAREHOUSE, { readOnly: true });
    const result = await auditRelease(db);
    db.close();
    // 12 indicator cells and the gap row's rest; published: 6 indicator cells and the rest
    expect(result).toMatchObject({ cells: 13, published: 7, primary: 4, complementary: 2, recovered: 3 });
    // 2 of 5 and 0 of 7 are under min_n; 0 of 60 is a 0% cell
    expect(result.recoveredUnderMinN).toBe(2);
    expect(
      result.examples.map((e) => [e.indicator, e.entity_id, e.subgroup, e.numerator, e.denominator]),
    ).toEqual([
      ["ps_enrolled_fall", "4010", "F", 2, 5],
      ["ps_enrolled_fall", "3021-004", "all", 0, 7],
      ["ps_enrolled_fall_2yr", "4010", "all", 0, 60],
    ]);
    expect(result.relations.gaps).toBe(2);
    // the relations it used, each holding exactly: state = 3021 + 4010 and 3021 = its two schools
    // (fall and CCR), numerators and denominators; fall = 4-year + 2-year; the shared denominators
    expect(result.relations.indicators).toBe(1);
    expect(result.relations.hierarchy).toBe(6);
  });

  it("pathways audit prints what it recovered and exits 1", () => {
    const out = spawnSync(
      process.execPath,
      [path.resolve("bin/pathways.js"), "audit", "--warehouse", WAREHOUSE],
      {
        encoding: "utf8",
      },
    );
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(
      "RECOVERED: 3 primary-suppressed cells (2 of them with fewer than min_n students)",
    );
    expect(out.stdout).toContain("indicators: ps_enrolled_fall school 3021-004 2024 all=all: 0 of 7");
  });
});

describe("complementary suppression over every relation (what-if: not yet used by the build)", () => {
  it("hides the fewest cells that leave no relation with one unknown, and the attack then learns nothing", async () => {
    // Round 1 (by hand): 3021's fall and CCR totals each have one hidden school (numerator and
    // denominator): hide the other school (in one relation each, smaller denominator than the
    // district). 4010's sex set has the girls hidden: hide the boys (outside `all`). 4010's
    // fall = 4-year + 2-year has the coded 2-year numerator (0%) hidden: hide the 4-year
    // numerator (in 1 relation; the fall cell is in 3). Round 2: no relation has one unknown.
    const db = await openDb(WAREHOUSE, { readOnly: true });
    const result = await protectRelease(db);
    db.close();
    expect(result).toMatchObject({ rounds: 2, complements: 7, recoveredAfter: 0 });
    // shown (exactly, or as a coded band): school all 0 of 4 (before 1 of 4); district all 4 of 5:
    // both falls, CCR, and the coded 2-year band (before: 4 of 5 with the 4-year instead)
    expect(result.shares).toEqual([
      { level: "district", subgroup_type: "all", cells: 5, before: 80, after: 80 },
      { level: "district", subgroup_type: "sex", cells: 2, before: 0, after: 0 },
      { level: "school", subgroup_type: "all", cells: 4, before: 25, after: 0 },
      { level: "state", subgroup_type: "all", cells: 1, before: 100, after: 100 },
    ]);
  });
});
