// The disclosure auditor: attacks what the public export publishes the way a linear-algebra
// attacker would, over the relations of relations.ts. A numerator or denominator is known when
// the public export shows it (`suppressed`, `denominator_suppressed`); a coded cell's band bounds
// its numerator (<= 5%) or its rest (>= 95%); every count is at least 0 and a hidden denominator
// at least 1 (0 for a chained indicator, whose rows are padded with empty ones). Two attacks, each to a fixed point:
//   - subtraction: a relation with one unknown gives it away;
//   - bounds: each relation bounds each of its terms by the bounds of the others (interval
//     propagation), which also catches "these hidden cells add up to zero, so each is zero".
// A protected cell (fewer than min_n students, or at 0% or 100%) whose numerator or rest is
// recovered, or bounded to a single value, is a disclosure. The gap table and the grade table are
// checked by rule: a gap row may be shown only if the two cells it is computed from are shown
// exactly (its rest is then their difference), and a grade row only with min_n student-years.
import type { Db } from "../warehouse/connection.ts";
import { type CodingSettings, classifySql, DEFAULT_CODING } from "./protect.ts";
import { buildRelations, dropRelations, KEY, tablesPresent } from "./relations.ts";

export interface DisclosedCell {
  /** indicators, bands (enrollment_by_revision_band) or colleges (college_destinations) */
  source: string;
  indicator: string;
  level: string;
  entity_id: string;
  cohort: number;
  subgroup_type: string;
  subgroup: string;
  band: string | null;
  numerator: number;
  denominator: number;
  /** subtraction (recovered exactly) or bounds (bounded to one value) */
  how: string;
}

export interface AuditResult {
  cells: number;
  /** Cells showing their value exactly. */
  published: number;
  /** Cells showing a band instead (top and bottom coding). */
  coded: number;
  /** Cells the attack must not learn: fewer than min_n students, or at 0% or 100%. */
  protectedCells: number;
  /** Relations that hold exactly, by kind. */
  relations: Record<string, number>;
  rounds: { subtraction: number; bounds: number };
  /** Protected cells whose numerator (or rest) the attack recovers exactly by subtraction. */
  recovered: number;
  /** ... or bounds to a single value (not already recovered). */
  bounded: number;
  recoveredUnderMinN: number;
  /** Gap rows shown although a cell they are computed from is hidden. */
  gapLeaks: number;
  /** Grade rows shown with fewer than min_n student-years. */
  gradeLeaks: number;
  byLevel: { source: string; level: string; subgroup_type: string; disclosed: number }[];
  examples: DisclosedCell[];
  seconds: number;
}

/** No count is this large; stands for "no upper bound". */
const UNBOUNDED = 1e15;

/**
 * Attack the release as the tables now stand. With `reuse`, the relations and flags the caller
 * (the disclosure step) holds in rel_cells are attacked instead; with `keepPins`, audit_pins (var,
 * why: the relation that pinned it) stays for the caller to repair.
 */
export async function auditRelease(
  db: Db,
  options: { settings?: CodingSettings; examples?: number; reuse?: boolean; keepPins?: boolean } = {},
): Promise<AuditResult> {
  const started = performance.now();
  const settings = options.settings ?? DEFAULT_CODING;
  if (!options.reuse) await buildRelations(db);

  // what the attacker starts from: shown vars exactly; the others within [0 or 1, unbounded],
  // a coded band narrowing the numerator or the rest
  await db.run(`
    create or replace temp table audit_class as ${classifySql(settings)};
    create or replace temp table audit_bounds as
    select v.var,
      case when shown then v.truth when v.part = 1 and not c.chained then 1 else 0 end as lo,
      case when shown then v.truth
        when c.value_band like '<=%' and v.part = 0 then (${settings.codeBelow} * c.denominator::bigint) // 100
        when c.value_band like '>=%' and v.part = 2 then ((100 - ${settings.codeAbove}) * c.denominator::bigint) // 100
        else ${UNBOUNDED} end as hi,
      shown, null::bigint as why
    from rel_vars v join rel_cells c using (cell),
      lateral (select case v.part when 0 then not c.suppressed when 1 then not c.denominator_suppressed
        else not c.suppressed and not c.denominator_suppressed end as shown);`);

  const subtraction = await subtract(db);
  const bounds = await tighten(db);

  const minN = settings.minN;
  // audit_pins: each pinned var of a protected cell and the relation that pinned it
  await db.run(`
    create or replace temp table audit_pins as
    select b.var, b.why, v.cell, b.shown_after
    from audit_bounds b join rel_vars v using (var) join audit_class k using (cell)
    where v.part in (0, 2) and (k.small or k.extreme) and (not b.shown) and b.lo = b.hi;
    create or replace temp table audit_disclosed as
    select c.*, k.small, case when max(p.shown_after::int) = 1 then 'subtraction' else 'bounds' end as how
    from audit_pins p join rel_cells c using (cell) join audit_class k using (cell)
    group by all;`);
  const [totals] = await db.all<Record<string, number>>(`
    select count(*)::int as cells,
      count(*) filter (where not suppressed)::int as published,
      count(*) filter (where suppressed and value_band is not null)::int as coded,
      (select count(*) from audit_class where small or extreme)::int as protected_cells,
      (select count(*) filter (where how = 'subtraction') from audit_disclosed)::int as recovered,
      (select count(*) filter (where how = 'bounds') from audit_disclosed)::int as bounded,
      (select count(*) from audit_disclosed where small)::int as under
    from rel_cells`);
  const relations = Object.fromEntries(
    (
      await db.all<{ kind: string; n: number }>(
        "select kind, count(distinct rel)::int as n from rel_terms group by 1 order by 1",
      )
    ).map((r) => [r.kind, r.n]),
  );
  const byLevel = await db.all<AuditResult["byLevel"][number]>(`
    select source, level, subgroup_type, count(*)::int as disclosed from audit_disclosed group by all order by 1, 2, 3`);
  const examples = (
    await db.all<DisclosedCell>(`
      select source, ${KEY}, band, numerator::int as numerator, denominator::int as denominator, how
      from audit_disclosed order by how desc, denominator, source, ${KEY}, band limit ${options.examples ?? 5}`)
  ).map((r) => ({ ...r, cohort: Number(r.cohort) }));
  // the disclosure step checks these after it writes the tables; its passes attack rel_cells only
  const { gapLeaks, gradeLeaks } = options.reuse
    ? { gapLeaks: 0, gradeLeaks: 0 }
    : await checkDerivedTables(db, minN);
  await db.run(
    `drop table audit_class; drop table audit_bounds; drop table audit_disclosed; drop table if exists audit_step;${options.keepPins ? "" : " drop table audit_pins;"}`,
  );
  if (!options.reuse) await dropRelations(db);
  return {
    cells: totals?.cells ?? 0,
    published: totals?.published ?? 0,
    coded: totals?.coded ?? 0,
    protectedCells: totals?.protected_cells ?? 0,
    relations,
    rounds: { subtraction, bounds },
    recovered: totals?.recovered ?? 0,
    bounded: totals?.bounded ?? 0,
    recoveredUnderMinN: totals?.under ?? 0,
    gapLeaks,
    gradeLeaks,
    byLevel,
    examples,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Subtraction to a fixed point: a relation with one unknown term gives it away. Returns the rounds. */
async function subtract(db: Db): Promise<number> {
  await db.run(`
    create or replace temp table audit_bounds as select *, shown as shown_after from audit_bounds;
    create or replace temp table audit_changed as select var from audit_bounds where shown;`);
  let rounds = 0;
  for (;;) {
    rounds++;
    await db.run(`
      create or replace temp table audit_step as
      select var, min(rel) as why from (
        select t.rel, min(t.var) filter (where not b.shown_after) as var, count(*) filter (where not b.shown_after) as unknown
        from rel_terms t join audit_bounds b using (var)
        where t.rel in (select distinct rel from rel_terms where var in (select var from audit_changed))
        group by t.rel
      ) where unknown = 1 group by var;
      create or replace temp table audit_bounds as
      select b.* replace (b.shown_after or s.var is not null as shown_after,
        case when s.var is null then b.lo else v.truth end as lo, case when s.var is null then b.hi else v.truth end as hi,
        coalesce(s.why, b.why) as why)
      from audit_bounds b join rel_vars v using (var) left join audit_step s using (var);
      create or replace temp table audit_changed as select var from audit_step;`);
    const [step] = await db.all<{ n: number }>("select count(*)::int as n from audit_step");
    if (!step?.n) return rounds;
  }
}

/** The unknown terms of the given relations with their smallest and largest coef * v (null: unbounded). */
const termsOf = (relations: string) => `
  create or replace temp table audit_terms_now as
  select t.rel, t.var, t.coef,
    case when t.coef > 0 then b.lo else case when b.hi < ${UNBOUNDED} then -b.hi end end as low,
    case when t.coef > 0 then case when b.hi < ${UNBOUNDED} then b.hi end else -b.lo end as high
  from audit_active t join audit_bounds b using (var)
  where t.rel in (${relations});`;

/** Per relation: the known terms' constant and the unknown terms' sums, unbounded ends counted apart. */
const SUMS = `sums as (
  select s.rel, coalesce(any_value(k.k), 0) as k, sum(s.low) as low_sum, count(*) - count(s.low) as low_open,
    sum(s.high) as high_sum, count(*) - count(s.high) as high_open
  from audit_terms_now s left join audit_const k using (rel) group by s.rel
)`;

/**
 * Interval propagation to a fixed point. For a relation sum(coef * v) = 0, each term's coef * v
 * lies between minus the largest and minus the smallest sum of the others. Unbounded ends are
 * counted apart so that sums stay exact. Returns the rounds.
 */
async function tighten(db: Db): Promise<number> {
  // known terms folded into one constant per relation; only the unknown terms are iterated
  await db.run(`
    create or replace temp table audit_const as
    select t.rel, sum(t.coef * b.lo) as k from rel_terms t join audit_bounds b using (var) where b.shown_after group by t.rel;
    create or replace temp table audit_active as
    select t.rel, t.var, t.coef from rel_terms t join audit_bounds b using (var) where not b.shown_after;
    create or replace temp table audit_changed as select distinct var from audit_active;`);
  let rounds = 0;
  for (;;) {
    rounds++;
    await db.run(`
      ${termsOf("select distinct a.rel from audit_active a join audit_changed c using (var)")}
      create or replace temp table audit_step as
      with ${SUMS},
      implied as (
        -- k + sum(coef * v) = 0, so coef * v lies in [-(k + others' high), -(k + others' low)]
        select t.var, t.rel, t.coef,
          case when s.high_open - (t.high is null)::int = 0 then -(s.k + s.high_sum - coalesce(t.high, 0)) end as c_low,
          case when s.low_open - (t.low is null)::int = 0 then -(s.k + s.low_sum - coalesce(t.low, 0)) end as c_high
        from audit_terms_now t join sums s using (rel)
      ),
      per_var as (
        select var,
          max(case when coef > 0 then c_low else -c_high end) as lo,
          min(case when coef > 0 then c_high else -c_low end) as hi
        from implied group by var
      )
      select p.var, greatest(b.lo, coalesce(p.lo, b.lo)) as lo, least(b.hi, coalesce(p.hi, b.hi)) as hi
      from per_var p join audit_bounds b using (var)
      where coalesce(p.lo, b.lo) > b.lo or coalesce(p.hi, b.hi) < b.hi;
      create or replace temp table audit_bounds as
      select b.* replace (coalesce(s.lo, b.lo) as lo, coalesce(s.hi, b.hi) as hi)
      from audit_bounds b left join audit_step s using (var);
      create or replace temp table audit_changed as select var from audit_step;`);
    const [step] = await db.all<{ n: number }>("select count(*)::int as n from audit_step");
    if (!step?.n) break;
  }
  // which relation pins each pinned unknown (for the repairs): the one whose bound, from the
  // final bounds of the others, is tightest on the pinned side
  await db.run(`
    ${termsOf("select a.rel from audit_active a join audit_bounds p using (var) where p.lo = p.hi")}
    create or replace temp table audit_why as
    with ${SUMS},
    implied as (
      select t.var, t.rel,
        case when t.coef > 0 then
          case when s.low_open - (t.low is null)::int = 0 then -(s.k + s.low_sum - coalesce(t.low, 0)) end
        else
          case when s.high_open - (t.high is null)::int = 0 then s.k + s.high_sum - coalesce(t.high, 0) end
        end as hi,
        case when t.coef > 0 then
          case when s.high_open - (t.high is null)::int = 0 then -(s.k + s.high_sum - coalesce(t.high, 0)) end
        else
          case when s.low_open - (t.low is null)::int = 0 then s.k + s.low_sum - coalesce(t.low, 0) end
        end as lo
      from audit_terms_now t join sums s using (rel)
      join audit_bounds b on b.var = t.var and b.lo = b.hi
    )
    -- ties broken by the relation's number: the repairs, and so the published pattern, must not
    -- depend on the order the aggregation happened to see the rows in (two builds of the same data
    -- hiding different cells would together give away what each hides)
    select var, coalesce(arg_min(rel, (hi, rel)) filter (where hi is not null), arg_min(rel, (-lo, rel)) filter (where lo is not null)) as why
    from implied group by var;
    create or replace temp table audit_bounds as
    select b.* replace (coalesce(w.why, b.why) as why) from audit_bounds b left join audit_why w using (var);
    drop table audit_why; drop table audit_active; drop table audit_const; drop table audit_terms_now; drop table audit_changed;`);
  return rounds;
}

/** The two published tables that are not terms of the relations, checked by their rules. */
export async function checkDerivedTables(
  db: Db,
  minN: number,
): Promise<{ gapLeaks: number; gradeLeaks: number }> {
  const tables = await tablesPresent(db);
  let gapLeaks = 0;
  let gradeLeaks = 0;
  if (tables.has("marts.indicator_gaps")) {
    const [g] = await db.all<{ n: number }>(`
      select count(*)::int as n from marts.indicator_gaps g
      join marts.indicators s using (${KEY})
      left join marts.indicators a on a.subgroup_type = 'all' and a.indicator = g.indicator
        and a.level = g.level and a.entity_id = g.entity_id and a.cohort = g.cohort
      where not g.suppressed and (s.suppressed or s.denominator_suppressed
        or a.suppressed is distinct from false or a.denominator_suppressed is distinct from false)`);
    gapLeaks = g?.n ?? 0;
  }
  if (tables.has("marts.plan_revisits_by_grade")) {
    const [r] = await db.all<{ n: number }>(
      `select count(*)::int as n from marts.plan_revisits_by_grade where not suppressed and student_years < ${minN}`,
    );
    gradeLeaks = r?.n ?? 0;
  }
  return { gapLeaks, gradeLeaks };
}

export function leaks(r: AuditResult): number {
  return r.recovered + r.bounded + r.gapLeaks + r.gradeLeaks;
}
