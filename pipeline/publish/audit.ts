// The disclosure auditor: attacks what the public export publishes the way a linear-algebra
// attacker would, over the relations of relations.ts. A numerator or denominator is known when
// the public export shows it (`suppressed`, `denominator_suppressed`); a coded cell's band bounds
// its numerator (<= 5%) or its rest (>= 95%); every count is at least 0 and a hidden denominator
// at least 1 (0 for a chained indicator, whose rows are padded with empty ones). Three attacks,
// each to a fixed point:
//   - subtraction: a relation with one unknown gives it away;
//   - rank: the relations, grouped into blocks that share unknowns, each solved exactly (modular
//     Gaussian elimination, gauss.ts): an unknown fixed by several relations together is given
//     away (a + b, b + c and a + c shown give a, b and c), which subtraction never sees. Blocks
//     larger than RANK_REACH are solved through their relations with few unknowns only;
//   - bounds: each relation bounds each of its terms by the bounds of the others (interval
//     propagation), which also catches "these hidden cells add up to zero, so each is zero".
// The attacks run in memory (propagate.ts); SQL sets up where they start and reads what they found.
// A protected cell (fewer than min_n students, or at 0% or 100%) whose numerator, rest or (fewer
// than min_n students) group size is recovered, or bounded to a single value, is a disclosure.
// The gap table and the grade table are
// checked by rule: a gap row may be shown only if the two cells it is computed from are shown
// exactly (its rest is then their difference), and a grade row only with min_n student-years.
import type { Db } from "../warehouse/connection.ts";
import { knownBefore, RELEASE_COHORT_SHIFT } from "./history.ts";
import { LP_MAX_TARGETS, lpBounds } from "./lp.ts";
import { type AttackState, solveBlocks, startState, subtract, tighten, UNBOUNDED } from "./propagate.ts";
import { type CodingSettings, classifySql, DEFAULT_CODING, GUARDED } from "./protect.ts";
import { buildRelations, dropRelations, KEY, tablesPresent } from "./relations.ts";
import { loadSystem, type RelationSystem, readColumns } from "./system.ts";

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
  /** 0: this release; k: the k-th last release before it, whose cell the attack found with this one's help */
  release: number;
  numerator: number;
  denominator: number;
  /** subtraction or rank (recovered exactly), or bounds (bounded to one value) */
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
  rounds: { subtraction: number; rank: number; bounds: number };
  /** Blocks of relations too large for the rank test to solve whole (see RANK_REACH). */
  unsolvedBlocks: number;
  /** Bounds by linear programming (lp.ts): whether they ran, over how many blocks and LPs, what they pinned. */
  lp: { tested: boolean; blocks: number; lps: number; skipped: number; pinned: number };
  /**
   * Cells of this release to protect whose count the earlier releases alone already fix (not
   * protected: hiding them now would hide nothing; history.ts).
   */
  knownBefore: number;
  /** Protected cells whose numerator, rest or group size the attack recovers exactly (subtraction or rank). */
  recovered: number;
  /** ... of them, recovered only by the rank test (several relations solved together). */
  byRank: number;
  /**
   * Small groups whose size (not count) only the bounds attack pins to one value: reported, not
   * yet protected (hiding enough for them hid 101 of 258 state `all` cells of the 5,000-student state).
   */
  sizesBounded: number;
  /** ... or bounds to a single value (not already recovered). */
  bounded: number;
  recoveredUnderMinN: number;
  /** Gap rows shown although a cell they are computed from is hidden. */
  gapLeaks: number;
  /** Grade rows shown with fewer than min_n student-years. */
  gradeLeaks: number;
  byLevel: { source: string; level: string; subgroup_type: string; disclosed: number }[];
  examples: DisclosedCell[];
  /** The hidden vars the attack pinned to one value (by system index; not stored anywhere). */
  learned: Uint8Array;
  seconds: number;
}

/**
 * Attack the release as the tables now stand. With `reuse`, the relations and flags the caller
 * (the disclosure step) holds in rel_cells are attacked instead, over `system` when the caller has
 * loaded it; with `keepPins`, audit_pins (var, why: the relation that pinned it) stays for the
 * caller to repair.
 */
export async function auditRelease(
  db: Db,
  options: {
    settings?: CodingSettings;
    examples?: number;
    reuse?: boolean;
    keepPins?: boolean;
    system?: RelationSystem;
    /** run the rank test (default true; the build's repair rounds seal blocks instead, seal.ts) */
    rank?: boolean;
    /** bound the protected unknowns by LP (default true, where at most LP_MAX_TARGETS are open) */
    lp?: boolean;
  } = {},
): Promise<AuditResult> {
  const started = performance.now();
  const settings = options.settings ?? DEFAULT_CODING;
  if (!options.reuse) await buildRelations(db);
  const system = options.system ?? (await loadSystem(db));

  // what the attacker starts from: shown vars exactly; the others within [0 or 1, unbounded],
  // a coded band narrowing the numerator or the rest
  await db.run(`create or replace temp table audit_class as ${classifySql(settings)};`);
  const lo = new Float64Array(system.vars);
  const hi = new Float64Array(system.vars).fill(UNBOUNDED);
  const shown = new Uint8Array(system.vars);
  // the vars the attack must not learn (as audit_pins below)
  const guarded = new Uint8Array(system.vars);
  await readColumns(
    db,
    `select v.var::int,
      case when shown then v.truth when v.part = 1 and not c.chained then 1 else 0 end::double,
      case when shown then v.truth
        when c.value_band like '<=%' and v.part = 0 then (${settings.codeBelow} * c.denominator::bigint) // 100
        when c.value_band like '>=%' and v.part = 2 then ((100 - ${settings.codeAbove}) * c.denominator::bigint) // 100
        else ${UNBOUNDED} end::double,
      shown::tinyint,
      (${GUARDED})::tinyint
    from rel_vars v join rel_cells c using (cell) join audit_class k using (cell),
      -- known: what this release shows, or an earlier one showed with the same counts (history.ts)
      lateral (select case v.part when 0 then not c.suppressed or c.num_shown_before
        when 1 then not c.denominator_suppressed or c.den_shown_before
        else (not c.suppressed or c.num_shown_before) and (not c.denominator_suppressed or c.den_shown_before) end as shown)`,
    (cols, n) => {
      const [v, l, h, s, g] = cols as [Int32Array, Float64Array, Float64Array, Int8Array, Int8Array];
      for (let i = 0; i < n; i++) {
        const at = system.indexOf[v[i] as number] as number;
        lo[at] = l[i] as number;
        hi[at] = h[i] as number;
        shown[at] = s[i] as number;
        guarded[at] = g[i] as number;
      }
    },
  );
  // what the earlier releases already fix is not protected (history.ts): known_before
  const before = await knownBefore(db, system, settings);
  if (before) for (let v = 0; v < system.vars; v++) if (before[v]) guarded[v] = 0;
  const state = startState(lo, hi, shown);
  const ranked = new Uint8Array(system.vars);
  const opened = new Set<number>();
  // one pass each: what the bounds pin is not fed back to the rank test (each round of that
  // loop re-solved most blocks: 36 s instead of 12 s on the 5,000-student state)
  const { subtraction, rank, bounds } = await db.timed(
    "attack: subtraction, rank and bounds (in memory)",
    async () => ({
      subtraction: subtract(system, state),
      rank:
        options.rank === false
          ? { rounds: 0, skipped: 0 }
          : solveBlocks(system, state, ranked, undefined, { vars: guarded, opened }),
      bounds: tighten(system, state),
    }),
  );
  // bounds by linear programming, where the protected unknowns are few enough (lp.ts)
  const lpTargets = countOpen(state, guarded);
  const lp =
    options.lp === false || lpTargets > LP_MAX_TARGETS
      ? { tested: false, blocks: 0, lps: 0, skipped: 0, pinned: [] as number[] }
      : { tested: true, ...(await db.timed("attack: LP bounds", () => lpBounds(system, state, guarded))) };
  const byLp = new Uint8Array(system.vars);
  for (const v of lp.pinned) {
    byLp[v] = 1;
    state.lo[v] = system.truth[v] as number;
    state.hi[v] = system.truth[v] as number;
  }
  await writePinned(db, system, state, shown, ranked, byLp);
  // what the attacker learned of the hidden vars (system indices), for the step's sealing
  const learned = new Uint8Array(system.vars);
  for (let v = 0; v < system.vars; v++) if (!shown[v] && state.lo[v] === state.hi[v]) learned[v] = 1;
  // audit_open: the relations of the blocks that gave a protected var away (for the repairs)
  await db.run("create or replace temp table audit_open (rel integer)");
  const open = await db.connection.createAppender("audit_open", "main", "temp");
  for (const r of opened) {
    open.appendInteger(system.relId[r] as number);
    open.endRow();
  }
  open.closeSync();

  const minN = settings.minN;
  // audit_pins: each pinned var of a protected cell and the relation that pinned it
  await db.run(`
    create or replace temp table audit_pins as
    select b.var, b.why, v.cell, b.how
    from audit_pinned b join rel_vars v using (var) join audit_class k using (cell)
    where b.var not in (select var from known_before) and ((v.part in (0, 2) and ((k.small and not k.empty) or k.extreme))
      -- a small group's size is protected like its count against exact recovery (a chained cell's
      -- denominator is another's numerator); sizes bounded to one value are counted apart (below);
      -- a cell of no students tells nothing about anyone (k.empty)
      or (v.part = 1 and k.small and not k.empty and not k.chained and b.how not in ('bounds', 'lp')));
    create or replace temp table audit_sizes_bounded as
    select count(distinct v.cell)::int as n
    from audit_pinned b join rel_vars v using (var) join audit_class k using (cell)
    where v.part = 1 and k.small and not k.empty and not k.chained and b.how in ('bounds', 'lp')
      and v.cell not in (select cell from audit_pins);
    create or replace temp table audit_disclosed as
    select c.*, k.small,
      case when bool_or(p.how = 'subtraction') then 'subtraction' when bool_or(p.how = 'rank') then 'rank' else 'bounds' end as how
    from audit_pins p join rel_cells c using (cell) join audit_class k using (cell)
    group by all;`);
  // of this release (release 0); what is found is found in any (an earlier release's cell too)
  const [totals] = await db.all<Record<string, number>>(`
    select count(*)::int as cells,
      count(*) filter (where not suppressed)::int as published,
      count(*) filter (where suppressed and value_band is not null)::int as coded,
      (select count(*) from audit_class where (small or extreme) and release = 0)::int as protected_cells,
      (select count(*) filter (where how in ('subtraction', 'rank')) from audit_disclosed)::int as recovered,
      (select count(*) filter (where how = 'rank') from audit_disclosed)::int as by_rank,
      (select count(*) filter (where how = 'bounds') from audit_disclosed)::int as bounded,
      (select count(*) from audit_disclosed where small)::int as under,
      (select n from audit_sizes_bounded) as sizes_bounded,
      (select count(distinct v.cell) from known_before b join rel_vars v using (var) join audit_class k using (cell)
        where k.release = 0 and v.part <> 1 and ((k.small and not k.empty) or k.extreme))::int as known_before
    from rel_cells where release = 0`);
  const relations = system.kinds;
  const byLevel = await db.all<AuditResult["byLevel"][number]>(`
    select source, level, subgroup_type, count(*)::int as disclosed from audit_disclosed group by all order by 1, 2, 3`);
  const examples = (
    await db.all<DisclosedCell>(`
      select source, indicator, level, entity_id, cohort + release * ${RELEASE_COHORT_SHIFT} as cohort, subgroup_type,
        subgroup, band, release, numerator::int as numerator, denominator::int as denominator, how
      from audit_disclosed order by how desc, denominator, source, ${KEY}, band limit ${options.examples ?? 5}`)
  ).map((r) => ({ ...r, cohort: Number(r.cohort) }));
  // the disclosure step checks these after it writes the tables; its passes attack rel_cells only
  const { gapLeaks, gradeLeaks } = options.reuse
    ? { gapLeaks: 0, gradeLeaks: 0 }
    : await checkDerivedTables(db, minN);
  await db.run(
    `drop table audit_class; drop table audit_pinned; drop table known_before; drop table audit_disclosed; drop table audit_sizes_bounded;${options.keepPins ? "" : " drop table audit_pins; drop table audit_open;"}`,
  );
  if (!options.reuse) await dropRelations(db);
  return {
    cells: totals?.cells ?? 0,
    published: totals?.published ?? 0,
    coded: totals?.coded ?? 0,
    protectedCells: totals?.protected_cells ?? 0,
    relations,
    rounds: { subtraction, rank: rank.rounds, bounds },
    unsolvedBlocks: rank.skipped,
    lp: { tested: lp.tested, blocks: lp.blocks, lps: lp.lps, skipped: lp.skipped, pinned: lp.pinned.length },
    knownBefore: totals?.known_before ?? 0,
    recovered: totals?.recovered ?? 0,
    byRank: totals?.by_rank ?? 0,
    sizesBounded: totals?.sizes_bounded ?? 0,
    bounded: totals?.bounded ?? 0,
    recoveredUnderMinN: totals?.under ?? 0,
    gapLeaks,
    gradeLeaks,
    byLevel,
    examples,
    learned,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * audit_pinned: every var the attack pinned (lo = hi) that the release does not show, the relation
 * that pinned it (null: none tighter than the others) and whether subtraction recovered it.
 */
async function writePinned(
  db: Db,
  system: RelationSystem,
  state: AttackState,
  shown: Uint8Array,
  ranked: Uint8Array,
  byLp: Uint8Array,
): Promise<void> {
  await db.run("create or replace temp table audit_pinned (var bigint, why integer, how varchar)");
  const appender = await db.connection.createAppender("audit_pinned", "main", "temp");
  for (let v = 0; v < shown.length; v++) {
    if (shown[v] || state.lo[v] !== state.hi[v]) continue;
    appender.appendBigInt(BigInt(system.varId[v] as number));
    const why = state.why[v] as number;
    if (why >= 0) appender.appendInteger(system.relId[why] as number);
    else appender.appendNull();
    appender.appendVarchar(ranked[v] ? "rank" : state.known[v] ? "subtraction" : byLp[v] ? "lp" : "bounds");
    appender.endRow();
  }
  appender.closeSync();
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

/** Protected vars the attacks left open (not known, not pinned): what the LP bounds would solve for. */
function countOpen(state: AttackState, guarded: Uint8Array): number {
  let n = 0;
  for (let v = 0; v < guarded.length; v++)
    if (guarded[v] && !state.known[v] && (state.lo[v] as number) < (state.hi[v] as number)) n++;
  return n;
}
