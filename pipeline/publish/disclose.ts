// The build's disclosure step: the one place that decides what every published table shows.
// The models compute the cells with their true counts and leave the disclosure columns empty;
// this step (1) decides what to hide over every additive relation of the release (protect.ts),
// (2) writes suppressed, denominator_suppressed, suppression_reason and value_band into
// marts.indicators, marts.enrollment_by_revision_band and marts.college_destinations, and the
// rule-based flags of marts.indicator_gaps and marts.plan_revisits_by_grade, (3) attacks the
// result (audit.ts: by subtraction and by bounds on counts, rests and small groups' sizes) and
// hides one more term of each relation that gave a protected cell away, until that attack finds
// nothing; (4) where the release fits RANK_MAX_VARS, solves the hidden terms' relations together
// (the rank test) and seals every block that fixes a protected var by construction (seal.ts);
// (5) attacks once more, as the tables will show, the rank test included up to
// RANK_ATTACK_MAX_VARS, and repairs what it finds as in (3); it refuses to publish only if a
// round can hide nothing more; and (6) records what it cost in meta.disclosure_cost and what the last attack
// found in meta.disclosure_audit.
import type { Db } from "../warehouse/connection.ts";
import type { ModelDoc } from "../warehouse/dictionary.ts";
import { type AuditResult, auditRelease, checkDerivedTables, leaks } from "./audit.ts";
import { HISTORY_TABLE, recordRelease } from "./history.ts";
import { LP_BLOCK_VARS, LP_MAX_TARGETS } from "./lp.ts";
import { RANK_REACH } from "./propagate.ts";
import {
  addRepairs,
  type CodingSettings,
  dropProtection,
  hideAndClose,
  protect,
  repairFurther,
} from "./protect.ts";
import { buildRelations, columnsOf, dropRelations, KEY, tablesPresent } from "./relations.ts";
import { sealBlocks } from "./seal.ts";
import { loadSystem, type RelationSystem } from "./system.ts";

/**
 * The sealing runs on relation systems of at most this many unknowns (a cell has two or three).
 * The 5,000-student state has 3.3 million and seals in about 30 s; at the state scale (about 8
 * million) blocks cut out of a graduating class took 5-12 s each to seal (2026-12-07), so there
 * what the rank test finds is repaired instead (one more term of each relation of its block).
 */
export const RANK_MAX_VARS = Number(process.env.PATHWAYS_RANK_MAX_VARS ?? 4_000_000);

/**
 * The last attack solves the relations together (the rank test) on systems of at most this many
 * unknowns: the state scale (about 8 million) takes about 40 s a round and 4 GB; larger releases
 * are attacked by subtraction and bounds only, and meta.disclosure_audit.rank_tested says so.
 */
export const RANK_ATTACK_MAX_VARS = Number(process.env.PATHWAYS_RANK_ATTACK_MAX_VARS ?? 12_000_000);

export interface DisclosureResult {
  settings: CodingSettings;
  limits: RankLimits;
  /** whether the last attack solved the relations together (RANK_ATTACK_MAX_VARS) */
  rankTested: boolean;
  complements: number;
  rounds: number;
  /** Terms hidden because the bounds attack pinned a cell down after complementary suppression. */
  repairs: number;
  /** Blocks the rank test found open, sealed by GaussSuppression over their boundary (seal.ts). */
  sealing: {
    /** whether the sealing ran (RANK_MAX_VARS) */
    tested: boolean;
    rounds: number;
    open: number;
    hidden: number;
    unsealed: number;
    skipped: number;
    /** disclosures the last attack still found after sealing (then repaired) */
    residual: number;
  };
  /** the earlier releases (history.ts) whose changed classes entered the relations, and their cells */
  history: { releases: number; cells: number; releaseId: number };
  audit: AuditResult;
  cost: CostRow[];
  seconds: { protect: number; audit: number };
}

export interface CostRow {
  table_name: string;
  level: string;
  subgroup_type: string;
  cells: number;
  exact: number;
  coded: number;
  hidden: number;
  /** Cells hidden only to protect others (the cost of protection; the rest are too small or at 0% or 100%). */
  complementary: number;
  published_pct: number;
}

export class DisclosureError extends Error {
  constructor(readonly audit: AuditResult) {
    const e = audit.examples[0];
    super(
      `the disclosure audit found ${leaks(audit)} disclosure(s) in what this build would publish ` +
        `(${audit.recovered} recovered exactly, ${audit.byRank} of them by solving relations together, ${audit.bounded} bounded to one value, ${audit.gapLeaks} gap rows, ${audit.gradeLeaks} grade rows)` +
        (e
          ? `, e.g. ${e.indicator} ${e.level} ${e.entity_id} ${e.cohort} ${e.subgroup_type}=${e.subgroup}${e.band ? ` band ${e.band}` : ""}${e.release ? ` as published ${e.release} release${e.release === 1 ? "" : "s"} ago` : ""}`
          : "") +
        "; the previous warehouse stays published",
    );
  }
}

/** The sizes above which the step does not seal, or not run the rank test (tests lower them). */
export interface RankLimits {
  sealMaxVars: number;
  rankMaxVars: number;
}

export async function discloseRelease(
  db: Db,
  settings: CodingSettings,
  limits: RankLimits = { sealMaxVars: RANK_MAX_VARS, rankMaxVars: RANK_ATTACK_MAX_VARS },
): Promise<DisclosureResult> {
  const started = performance.now();
  await buildRelations(db);
  const system = await loadSystem(db);
  const restoreLimit = await makeRoom(db, system);
  try {
    return await protectAndAudit(db, settings, system, limits, started);
  } finally {
    await restoreLimit();
  }
}

async function protectAndAudit(
  db: Db,
  settings: CodingSettings,
  system: RelationSystem,
  limits: RankLimits,
  started: number,
): Promise<DisclosureResult> {
  const first = await protect(db, settings, system);
  let rounds = first.rounds;
  await decideFlags(db);
  // the repair rounds attack without the LP bounds (lp.ts), the last attack with them
  const attack = (rank: boolean, lp = false) =>
    auditRelease(db, { settings, reuse: true, keepPins: true, system, rank, lp });
  let audit = await attack(false);
  let repairs = 0;
  // the rank test and the sealing only where they fit the time (RANK_ATTACK_MAX_VARS, RANK_MAX_VARS)
  const rankTested = system.vars <= limits.rankMaxVars;
  const sealing = {
    tested: rankTested && system.vars <= limits.sealMaxVars,
    rounds: 0,
    open: 0,
    hidden: 0,
    unsealed: 0,
    skipped: 0,
    residual: 0,
  };
  for (;;) {
    // what the attack still pins down: open up the relations that pinned it (for a rank find,
    // those of its block), close again; every round hides at least one more term, so the loop
    // ends, and a round that can hide nothing more ends the step with the disclosure named
    let stuck = false;
    while (leaks(audit) > 0) {
      let more = await addRepairs(db, first.protection);
      // nothing to hide near the pins (their relations' other terms all hidden or fixed by an
      // earlier release): the nearest relations around them that have a term to hide
      if (more.repairs === 0) more = await repairFurther(db, first.protection);
      if (more.repairs === 0) {
        stuck = true;
        break;
      }
      repairs += more.repairs;
      rounds += more.rounds;
      await decideFlags(db);
      audit = await attack(false);
    }
    if (stuck) break;
    // blocks whose relations, solved together, still fix a protected var: sealed by construction
    if (sealing.tested) {
      const p = first.protection;
      const seal = await db.timed("seal open blocks (in memory)", async () =>
        sealBlocks(system, p.hidden, p.guarded, p.priority, audit.learned, p.fixed),
      );
      sealing.skipped = seal.skipped;
      sealing.unsealed = seal.unsealed.length;
      if (seal.hidden.length > 0) {
        sealing.rounds++;
        sealing.open += seal.open;
        sealing.hidden += seal.hidden.length;
        rounds += (await hideAndClose(db, p, seal.hidden)).rounds;
        await decideFlags(db);
        audit = await attack(false);
        continue;
      }
    }
    // the last attack: all three, the rank test included at every size. The sealing solves
    // blocks as the release stands inside the step (a band's count taken as shown); the attack,
    // as the tables will show it, so where block sizes differ around RANK_REACH's limits it can
    // still find a cell (2 cells of the 5,000-student test state); and above RANK_MAX_VARS,
    // where nothing is sealed, it finds what solving the relations together gives away: both are
    // repaired in the loop above (one more term of each relation of the block), then attacked again
    audit = await attack(rankTested, true);
    if (leaks(audit) === 0) break;
    sealing.residual += leaks(audit);
  }
  await db.run("drop table audit_pins; drop table audit_open;");
  const [earlier] = await db.all<{ releases: number; cells: number }>(
    "select count(distinct release) filter (where release > 0)::int as releases, count(*) filter (where release > 0)::int as cells from rel_cells",
  );
  // a hand-made release may lack the college table
  const colleges = (await tablesPresent(db)).has("marts.college_destinations");
  await writeFlags(db, settings.minN, colleges);
  audit = { ...audit, ...(await checkDerivedTables(db, settings.minN)) };
  await dropProtection(db);
  await dropRelations(db);
  const cost = await writeCost(db, colleges);
  const collegeComplements = colleges
    ? " + (select count(*) from marts.college_destinations where suppression_reason = 'complementary')"
    : "";
  const [complements] = await db.all<{ n: number }>(
    `select (select count(*) from marts.indicators where suppression_reason = 'complementary') + (select count(*) from marts.enrollment_by_revision_band where suppression_reason = 'complementary')${collegeComplements} as n`,
  );
  const result: DisclosureResult = {
    settings,
    limits,
    rankTested,
    complements: Number(complements?.n ?? 0),
    rounds,
    repairs,
    sealing,
    history: { releases: earlier?.releases ?? 0, cells: earlier?.cells ?? 0, releaseId: 0 },
    audit,
    cost,
    seconds: { protect: (performance.now() - started) / 1000 - audit.seconds, audit: audit.seconds },
  };
  if (leaks(audit) > 0) {
    await writeAudit(db, result);
    throw new DisclosureError(audit);
  }
  // this release joins the history the next build protects against (history.ts)
  result.history.releaseId = await recordRelease(db);
  await writeAudit(db, result);
  return result;
}

/**
 * The relations held in this process's memory come out of the build's memory: while they are
 * held, DuckDB's limit is lowered by what they take (it spills its temp tables beyond that), so
 * that the process stays near the limit the build was given. Returns what puts the limit back.
 */
async function makeRoom(db: Db, system: RelationSystem): Promise<() => Promise<void>> {
  const [row] = await db.all<{ limit: string }>("select current_setting('memory_limit') as limit");
  const limit = bytesOf(row?.limit ?? "");
  if (!limit) return async () => {};
  const arrays = Object.values(system).reduce(
    (sum: number, a) => sum + (ArrayBuffer.isView(a) ? a.byteLength : 0),
    0,
  );
  // what the attacks and the suppression add while they run (bounds, marks, priorities)
  const working = 60 * system.vars + 5 * system.termVar.length + 20 * system.rels;
  // never below half the limit: the SQL between the attacks still needs room (at 512 MiB the
  // state-scale demo, with its assessments, ran out of memory in the disclosure step)
  const lowered = Math.max(limit - arrays - working, limit / 2);
  if (lowered >= limit) return async () => {};
  const set = (bytes: number) => db.run(`set memory_limit = '${Math.floor(bytes / 2 ** 20)}MiB'`);
  try {
    await set(lowered);
  } catch {
    // DuckDB could not spill enough to fit: go on at the old limit
    return async () => {};
  }
  return () => set(limit);
}

/** Bytes of a DuckDB memory size such as "1.8 GiB" or "2.0 GB" (0 when unreadable). */
function bytesOf(size: string): number {
  const m = size.trim().match(/^([\d.]+)\s*(bytes|[KMGT]i?B)$/i);
  if (!m) return 0;
  const unit = (m[2] ?? "").toUpperCase();
  const power = { BYTES: 0, KB: 1, KIB: 1, MB: 2, MIB: 2, GB: 3, GIB: 3, TB: 4, TIB: 4 }[unit] ?? 0;
  const base = unit.includes("I") || unit === "BYTES" ? 1024 : 1000;
  return Number(m[1]) * base ** power;
}

/** The flags of every cell from what protect() decided, into rel_cells (what the auditor attacks). */
async function decideFlags(db: Db): Promise<void> {
  await db.run(`
    create or replace temp table disclosure_flags as
    select p.cell,
      p.num_hidden as suppressed,
      p.den_hidden as denominator_suppressed,
      case when p.small then 'small'
        when p.band is not null and not p.den_hidden and not p.complement then 'coded'
        when p.extreme then 'extreme'
        when p.num_hidden then 'complementary' end as suppression_reason,
      case when not p.small and not p.den_hidden and not p.complement then p.band end as value_band
    from prot_cells p;
    -- an earlier release's cells keep what that release published
    create or replace temp table rel_cells as
    select c.* replace (
      case when c.release = 0 then f.suppressed else c.suppressed end as suppressed,
      case when c.release = 0 then f.denominator_suppressed else c.denominator_suppressed end as denominator_suppressed,
      case when c.release = 0 then f.value_band else c.value_band end as value_band)
    from rel_cells c join disclosure_flags f using (cell);`);
}

/** Write the flags the auditor attacked into the published tables, and check they arrived. */
async function writeFlags(db: Db, minN: number, colleges: boolean): Promise<void> {
  // a hand-made release may lack the balance table's groups
  const balanceGroups = (await columnsOf(db, "marts.plan_effect_balance")).has("subgroup_type");
  await db.run(`
    create or replace temp table disclosure_keyed as
    select c.source, ${KEY}, c.band, f.* exclude (cell)
    from rel_cells c join disclosure_flags f using (cell)
    where c.release = 0;

    create or replace table marts.indicators as
    select m.* replace (
      coalesce(f.suppressed, m.suppressed) as suppressed,
      coalesce(f.denominator_suppressed, m.denominator_suppressed) as denominator_suppressed,
      coalesce(f.suppression_reason, m.suppression_reason) as suppression_reason,
      coalesce(f.value_band, m.value_band) as value_band)
    from marts.indicators m
    left join (select * from disclosure_keyed where source = 'indicators') f using (${KEY})
    order by ${KEY};

    create or replace table marts.enrollment_by_revision_band as
    select m.* replace (f.suppressed as suppressed, f.denominator_suppressed as denominator_suppressed,
      f.suppression_reason as suppression_reason, f.value_band as value_band)
    from marts.enrollment_by_revision_band m
    left join (select * exclude (band), band as revision_band from disclosure_keyed where source = 'bands') f
      using (level, entity_id, cohort, subgroup_type, subgroup, revision_band)
    order by m.level, m.entity_id, m.cohort, m.subgroup_type, m.subgroup, m.revision_band;

${
  colleges
    ? `create or replace table marts.college_destinations as
    select m.* replace (f.suppressed as suppressed, f.denominator_suppressed as denominator_suppressed,
      f.suppression_reason as suppression_reason, f.value_band as value_band)
    from marts.college_destinations m
    left join (select * exclude (band), band as college_code from disclosure_keyed where source = 'colleges') f
      using (level, entity_id, cohort, college_code)
    order by m.level desc, m.entity_id, m.cohort, m.rank nulls last;`
    : ""
}

    -- a gap row is the subgroup against the rest of its entity (the entity's all cell minus the
    -- subgroup): shown only when both cells are shown exactly, so it adds nothing to subtract;
    -- and not when the rest is small or at 0% or 100%
    create or replace table marts.indicator_gaps as
    select g.* replace (
      s.suppressed or s.denominator_suppressed
        or a.suppressed is distinct from false or a.denominator_suppressed is distinct from false
        or g.rest_denominator < ${minN} or g.rest_numerator = 0 or g.rest_numerator = g.rest_denominator as suppressed)
    from marts.indicator_gaps g
    join marts.indicators s using (${KEY})
    left join marts.indicators a on a.subgroup_type = 'all' and a.indicator = g.indicator
      and a.level = g.level and a.entity_id = g.entity_id and a.cohort = g.cohort
    order by ${KEY};

    -- the model-based tables repeat counts and rates of cells: published only beside cells that
    -- are published exactly, so they add nothing to subtract
    create or replace temp table exact_cells as
    select indicator, level, entity_id, cohort, subgroup_type, subgroup
    from marts.indicators
    where suppressed = false and denominator_suppressed = false and value_band is null;

    update marts.adjusted_rates r set suppressed = r.graduates < ${minN} or not exists (
      select 1 from exact_cells c where c.indicator = r.indicator and c.level = r.level and c.entity_id = r.entity_id
        and c.cohort = r.cohort and c.subgroup_type = 'all');

    update marts.adjusted_gaps g set suppressed = not exists (
      select 1 from exact_cells c where c.indicator = g.indicator and c.level = 'state' and c.cohort = g.cohort
        and c.subgroup_type = g.subgroup_type and c.subgroup = g.subgroup)
      or not exists (
      select 1 from exact_cells c where c.indicator = g.indicator and c.level = 'state' and c.cohort = g.cohort
        and c.subgroup_type = g.subgroup_type and c.subgroup = g.reference);

    -- a class's effect repeats the state's every-year cells; the pooled row, every class's
    update marts.plan_effect e set suppressed = e.n_treated < ${minN} or e.n_control < ${minN} or exists (
      select 1 from marts.indicators i
      where i.indicator = 'ps_enrolled_fall' and i.level = 'state' and i.subgroup_type = 'isp_revision_band'
        and i.subgroup in ('every_year', 'not_every_year') and (e.cohort = 'pooled' or i.cohort::varchar = e.cohort)
        and not exists (select 1 from exact_cells c where c.indicator = i.indicator and c.level = 'state'
          and c.cohort = i.cohort and c.subgroup_type = i.subgroup_type and c.subgroup = i.subgroup));
    update marts.plan_effect_balance b set suppressed = true
      where exists (select 1 from marts.plan_effect e where e.cohort = b.cohort and e.suppressed);
${balanceGroups ? BALANCE_GROUPS : ""}
    update marts.plan_revisits_by_grade set suppressed = student_years < ${minN},
      suppression_reason = case when student_years < ${minN} then 'small' end;`);
  // the tables must now carry exactly the flags the auditor attacked
  const differ = (a: string) =>
    `${a}.suppressed is distinct from k.suppressed or ${a}.denominator_suppressed is distinct from k.denominator_suppressed or ${a}.value_band is distinct from k.value_band`;
  const [off] = await db.all<{ n: number }>(`
    select count(*)::int as n
    from (select * from disclosure_keyed where source = 'indicators') k
    left join marts.indicators i using (${KEY})
    where ${differ("i")}`);
  const [offBands] = await db.all<{ n: number }>(`
    select count(*)::int as n
    from (select * exclude (band), band as revision_band from disclosure_keyed where source = 'bands') k
    left join marts.enrollment_by_revision_band b using (level, entity_id, cohort, subgroup_type, subgroup, revision_band)
    where ${differ("b")}`);
  const [offColleges] = colleges
    ? await db.all<{ n: number }>(`
    select count(*)::int as n
    from (select * exclude (band), band as college_code from disclosure_keyed where source = 'colleges') k
    left join marts.college_destinations c using (level, entity_id, cohort, college_code)
    where ${differ("c")}`)
    : [];
  const differing = (off?.n ?? 0) + (offBands?.n ?? 0) + (offColleges?.n ?? 0);
  if (differing > 0)
    throw new Error(`the disclosure flags written differ from those audited in ${differing} cells`);
  await db.run("drop table disclosure_keyed; drop table disclosure_flags;");
}

/**
 * A 0/1 covariate of the plan effect's balance that is a published group (subgroup_type,
 * subgroups): its means times the published group sizes are the state's every-year and
 * not-every-year graduates of that group (cells of the band table; the pooled row, every class's):
 * shown only beside those shown. The largest difference is one covariate's: of those shown only
 * (in a shown effect row; a hidden one's is nulled in the public export).
 */
const BALANCE_GROUPS = `
    update marts.plan_effect_balance b set suppressed = true
      where b.subgroup_type is not null and exists (
        select 1 from marts.enrollment_by_revision_band r
        where r.level = 'state' and r.subgroup_type = b.subgroup_type and list_contains(b.subgroups, r.subgroup)
          and r.revision_band in ('every_year', 'not_every_year') and r.denominator_suppressed
          and (b.cohort = 'pooled' or r.cohort::varchar = b.cohort));
    update marts.plan_effect e set
      max_abs_smd_before = (select max(abs(b.smd_before)) from marts.plan_effect_balance b where b.cohort = e.cohort and not b.suppressed),
      max_abs_smd_after = (select max(abs(b.smd_after)) from marts.plan_effect_balance b where b.cohort = e.cohort and not b.suppressed)
      where not e.suppressed;

`;

/** meta.disclosure_cost: how much of each published table shows a value, by level and subgroup type. */
async function writeCost(db: Db, colleges: boolean): Promise<CostRow[]> {
  await db.run(`
    create or replace table meta.disclosure_cost as
    with cells as (
      select 'marts.indicators' as table_name, level, subgroup_type, suppressed, value_band, suppression_reason
      from marts.indicators where students is not null
      union all
      select 'marts.enrollment_by_revision_band', level, subgroup_type, suppressed, value_band, suppression_reason
      from marts.enrollment_by_revision_band
      ${colleges ? "union all select 'marts.college_destinations', level, 'all', suppressed, value_band, suppression_reason from marts.college_destinations" : ""}
    )
    select table_name, level, subgroup_type, count(*) as cells,
      count(*) filter (where not suppressed) as exact,
      count(*) filter (where suppressed and value_band is not null) as coded,
      count(*) filter (where suppressed and value_band is null) as hidden,
      count(*) filter (where suppression_reason = 'complementary') as complementary,
      round(100 * count(*) filter (where not suppressed or value_band is not null) / count(*), 1) as published_pct
    from cells group by all order by 1, 2 desc, 3;`);
  return (await db.all<CostRow>("select * from meta.disclosure_cost")).map((r) => ({
    ...r,
    cells: Number(r.cells),
    exact: Number(r.exact),
    coded: Number(r.coded),
    hidden: Number(r.hidden),
    complementary: Number(r.complementary),
    published_pct: Number(r.published_pct),
  }));
}

async function writeAudit(db: Db, r: DisclosureResult): Promise<void> {
  const a = r.audit;
  await db.run(`
    create or replace table meta.disclosure_audit as
    select ${r.settings.minN} as min_n, ${r.settings.codeBelow} as code_below, ${r.settings.codeAbove} as code_above,
      ${a.cells} as cells, ${a.published} as exact, ${a.coded} as coded, ${a.protectedCells} as protected_cells,
      ${r.complements} as complements, ${r.rounds} as protect_rounds, ${r.repairs} as repairs,
      ${r.limits.sealMaxVars} as rank_max_vars, ${r.limits.rankMaxVars} as rank_attack_max_vars, ${RANK_REACH[0]?.blockVars ?? 0} as rank_block_vars, ${RANK_REACH[1]?.unknowns ?? 0} as rank_short_relation,
      ${r.rankTested} as rank_tested, ${r.sealing.tested} as sealing_run, ${r.sealing.open} as sealed_blocks, ${r.sealing.hidden} as sealed_terms, ${r.sealing.unsealed} as unsealed, ${r.sealing.residual} as residual_after_sealing,
      ${r.history.releaseId} as release_id, ${r.history.releases} as earlier_releases, ${r.history.cells} as earlier_release_cells,
      ${a.rounds.subtraction} as subtraction_rounds, ${a.rounds.rank} as rank_rounds, ${a.rounds.bounds} as bounds_rounds,
      '${JSON.stringify(a.relations)}' as relations,
      ${a.lp.tested} as lp_tested, ${a.lp.blocks} as lp_blocks, ${a.lp.lps} as lp_solved, ${a.lp.skipped} as lp_blocks_too_large, ${LP_BLOCK_VARS} as lp_block_vars, ${LP_MAX_TARGETS} as lp_max_targets,
      ${a.knownBefore} as known_before,
      ${a.recovered} as recovered, ${a.byRank} as recovered_by_rank, ${a.unsolvedBlocks} as unsolved_blocks, ${a.bounded} as bounded, ${a.sizesBounded} as sizes_bounded, ${a.gapLeaks} as gap_leaks, ${a.gradeLeaks} as grade_leaks,
      ${r.seconds.protect.toFixed(2)} as protect_seconds, ${r.seconds.audit.toFixed(2)} as audit_seconds`);
}

/** The tables this step writes, for the data dictionary. */
export const DISCLOSURE_DOCS: ModelDoc[] = [
  {
    model: "pipeline/publish/history.ts",
    tables: [HISTORY_TABLE],
    description:
      "Every release this warehouse and those it replaced published: each cell with counts, its true counts and the flags it was published with. Private (never exported): the disclosure step of the next build protects against this release and the earlier ones together. A build that publishes exactly what the last one did adds no release.",
    fields: { grain: "release x published cell" },
    columns: {
      release_id: "1 for the first release, counting up",
      built_at: "when the build that published it ran",
      source: "indicators, bands (enrollment_by_revision_band) or colleges (college_destinations)",
      indicator: "the indicator (bands: ps_enrolled_fall; colleges: college_destinations)",
      level: "state, district or school",
      entity_id: "state code, district or school number",
      cohort: "graduating class (or the year the indicator counts by)",
      subgroup_type: "all, or the subgroup type",
      subgroup: "the subgroup",
      band: "bands: the revision band; colleges: the college code; otherwise null",
      numerator: "true count with the outcome",
      denominator: "true count in the denominator",
      students: "students in the cell",
      unit: "proportion or count",
      suppressed: "the numerator was not published exactly",
      denominator_suppressed: "the denominator was not published",
      value_band: "the band published instead of the value (top and bottom coding), if any",
    },
  },
  {
    model: "pipeline/publish/disclose.ts",
    tables: ["meta.disclosure_cost"],
    description:
      "What disclosure control cost this build: of the cells with student counts in each published table, how many show their value exactly, how many show a top/bottom-coded band, and how many are hidden.",
    fields: { grain: "published table x level x subgroup type" },
    columns: {
      table_name: "the published table",
      level: "state, district or school",
      subgroup_type: "all, or the subgroup type",
      cells: "cells with student counts",
      exact: "cells showing their value exactly",
      coded: "cells showing a band (<= code_below% or >= code_above%) instead of the value",
      hidden: "cells showing no value (small, extreme or complementary)",
      complementary:
        "cells hidden only so that another hidden cell cannot be worked out (the cost of protection)",
      published_pct: "share of cells showing a value, exactly or as a band, in percent",
    },
  },
  {
    model: "pipeline/publish/disclose.ts",
    tables: ["meta.disclosure_audit"],
    description:
      "What the disclosure auditor found when it attacked this build's release by subtraction, by rank (blocks of relations solved together, exactly) and by bounds along every additive relation (the build publishes only when it finds nothing).",
    fields: { grain: "build (one row)" },
    columns: {
      min_n: "cells with fewer students are hidden",
      code_below: "cells at or below this percentage show a band",
      code_above: "cells at or above this percentage show a band",
      cells: "cells with counts attacked (indicators and revision bands)",
      exact: "cells showing their value exactly",
      coded: "cells showing a band",
      protected_cells: "cells the attack must not learn: fewer than min_n students, or at 0% or 100%",
      complements: "cells hidden only to protect others",
      protect_rounds: "rounds of complementary suppression until no relation gave a cell away (last pass)",
      repairs:
        "terms hidden because the bounds attack still pinned a cell down after complementary suppression",
      rank_max_vars: "the sealing runs on releases of at most this many unknowns (counts, sizes and rests)",
      rank_attack_max_vars:
        "the last attack solves the relations together on releases of at most this many unknowns",
      rank_block_vars:
        "blocks of relations up to this many unknowns are solved whole; larger ones through their relations with at most rank_short_relation unknowns",
      rank_short_relation:
        "the most unknowns a relation of a block too large to solve whole may have to be solved",
      rank_tested:
        "whether the last attack solved the relations together (the rank test; not above rank_attack_max_vars unknowns)",
      sealing_run:
        "whether the build sealed what the rank test found by construction (GaussSuppression; up to rank_max_vars unknowns): above it, each find was repaired by hiding one more term of each relation of its block, and attacked again",
      sealed_blocks:
        "blocks of relations the rank test found open (a protected count fixed by relations solved together), sealed by GaussSuppression over the shown terms around them",
      sealed_terms: "terms hidden to seal them",
      residual_after_sealing:
        "disclosures the last attack still found after sealing (the sealing and the attack see coded cells differently), then repaired by hiding one more term of each relation of their blocks",
      unsealed:
        "protected counts a block's boundary could not protect (0 for a published build: the last attack would find them)",
      release_id:
        "this release's number in history.release_cells (the releases this warehouse and those it replaced published)",
      earlier_releases:
        "earlier releases with a class this one changed: their cells entered the relations, as they published them, so that this release and those together give nothing away",
      earlier_release_cells: "cells of those earlier releases in the relations",
      subtraction_rounds: "rounds of the subtraction attack until nothing new was learned",
      bounds_rounds: "sweeps of the bounds attack over the relations until no bound moved",
      relations: "relations that hold exactly, by kind (JSON)",
      rank_rounds:
        "rounds of the rank test (blocks of relations solved together) until nothing new was learned",
      known_before:
        "cells of this release to protect whose count the earlier releases alone already give away (a sum of what they showed): hidden, but not protected, since hiding them now hides nothing",
      lp_tested:
        "whether the last attack bounded the protected counts by linear programming (not where more than lp_max_targets were left open by the other attacks)",
      lp_blocks: "blocks of relations with a protected count solved by LP",
      lp_solved: "LPs solved (a protected count minimized and maximized)",
      lp_blocks_too_large: "blocks of more than lp_block_vars unknowns, not solved by LP",
      lp_block_vars: "the largest block solved by LP",
      lp_max_targets: "the LP bounds run where at most this many protected counts are left open",
      recovered:
        "protected cells whose count, rest or group size is recovered exactly, by subtraction or by the rank test (0 for a published build)",
      recovered_by_rank:
        "of them, recovered only by solving several relations together (rank test; 0 for a published build)",
      unsolved_blocks:
        "blocks of relations too large for the rank test to solve whole (their relations with few unknowns are solved; see the Methods page)",
      bounded:
        "protected cells bounded to a single value, by propagation or by LP (at least two whole values must stay possible; 0 for a published build)",
      sizes_bounded:
        "small groups whose size (not their count) the bounds attack pins to a single value: reported, not yet protected",
      gap_leaks: "gap rows shown although a cell they derive from is hidden (0 for a published build)",
      grade_leaks: "grade rows shown with fewer than min_n student-years (0 for a published build)",
      protect_seconds: "seconds spent deciding what to hide (every pass)",
      audit_seconds: "seconds the last attack took",
    },
  },
];
