// Decide what the release hides (over the relations of relations.ts). The cells that must not be
// shown exactly, with at least `min_n` students unless said otherwise:
//   - small: fewer than min_n students: numerator, denominator and rest hidden (for a chained
//     indicator, whose denominator is another indicator's numerator, the denominator is flagged
//     hidden but is not protected: it is as known as that numerator);
//   - coded: a proportion at or below code_below % or at or above code_above %, when the band holds
//     at least two possible counts: the numerator hidden, the denominator and the band shown (top
//     and bottom coding). A coded cell at 0% or 100% must stay hidden; one in between discloses
//     no student, and is treated as shown;
//   - extreme: 0% or 100% but too few students for a band that holds two counts (a band of one
//     count would be the value): the numerator hidden, the denominator shown.
// Then complementary suppression to a fixed point: a relation whose unknowns are a single cell to
// protect gives it away, so one more term of it is hidden; so does a relation whose unknowns are
// all zero on the same side (they sum to zero, so each is zero). The term chosen hides the least:
// a numerator before a denominator (a hidden denominator hides the whole cell); a school or
// district cell before a state cell; a cell outside `all` before an `all` cell; a school before a
// district; an uncoded cell before a coded one; the other indicators before the catalog's
// headline ones; an older class before a newer one; the term in the fewest relations (fewest
// cascades); the smallest denominator; then the cell's order, so the choice is deterministic. A
// coded cell chosen as a complement loses its band: an exact all cell is worth more to a reader
// than a group's band (on a 60,000-student state of 24 districts, 17.0% of district and 15.4% of
// school all cells hidden as complements against 24.0% and 22.3% with bands kept first).
import type { Db } from "../warehouse/connection.ts";
import { knownBefore } from "./history.ts";
import { columnsOf } from "./relations.ts";
import { appendVars, type RelationSystem, readColumns, varsWhere } from "./system.ts";

export interface CodingSettings {
  minN: number;
  /** Cells at or below this percentage are published as a band "<= code_below%". */
  codeBelow: number;
  /** Cells at or above this percentage are published as a band ">= code_above%". */
  codeAbove: number;
}

export const DEFAULT_CODING: CodingSettings = { minN: 10, codeBelow: 5, codeAbove: 95 };

export interface ProtectionRun {
  rounds: number;
  /** Terms hidden to protect others. */
  complements: number;
}

/** What must not be learned of a cell's var (v.part; k: its classifySql row). */
export const GUARDED =
  "((k.small and not k.empty and (v.part <> 1 or not k.chained)) or (k.extreme and v.part <> 1))";

/**
 * A part an earlier release's cell hid (r: its rel_cells row, k: its classifySql row): a band
 * shows a numerator's range, which counts as shown unless at 0% or 100% (as protect() treats it).
 */
const hiddenThen = (r: string, k: string, part: string) =>
  `case ${part} when 1 then ${r}.denominator_suppressed else ${r}.denominator_suppressed or (${r}.suppressed and (${r}.value_band is null or ${k}.extreme)) end`;

/** SQL (over rel_cells) classifying each cell: small, extreme, band (the coded band or null). */
export function classifySql(s: CodingSettings): string {
  const den = "denominator::bigint";
  return `
    select cell, source, level, subgroup_type, unit, numerator, denominator, chained, release,
      students < ${s.minN} as small,
      -- a cell of no students is hidden like a small one but tells nothing about anyone: its
      -- zeros are not protected (as a missing row says the same)
      students = 0 as empty,
      students >= ${s.minN} and unit = 'proportion' and (numerator = 0 or numerator = denominator) as extreme,
      case when students < ${s.minN} or unit <> 'proportion' then null
        when numerator * 100 <= ${s.codeBelow} * denominator and (${s.codeBelow} * ${den}) // 100 >= 1 then '<= ${s.codeBelow}%'
        when numerator * 100 >= ${s.codeAbove} * denominator and ((100 - ${s.codeAbove}) * ${den}) // 100 >= 1 then '>= ${s.codeAbove}%'
      end as band
    from rel_cells`;
}

/**
 * Decide what to hide: the primary cells, then complements to a fixed point. Leaves prot_cells
 * (cell, small, extreme, band, num_hidden, den_hidden, complement) for the step that writes the
 * tables, and its working tables (prot_*) for addRepairs(); dropProtection() ends it.
 */
export async function protect(
  db: Db,
  settings: CodingSettings,
  system: RelationSystem,
): Promise<ProtectionRun & { protection: Protection }> {
  // A coded cell between the extremes counts as shown: protection that holds against an attacker
  // who knew its value exactly holds against one who knows only its band.
  await db.run(`
    create or replace temp table prot_class as ${classifySql(settings)};
    create or replace temp table prot_hidden (var bigint primary key);
    -- an earlier release's cell (release > 0) hides what it hid then; a cell
    -- of this one what the rules say, and what the last release hid of it while its counts are
    -- unchanged (history.ts)
    insert into prot_hidden
    select c.cell * 3 + t.part
    from prot_class c join rel_cells r using (cell), range(3) t(part)
    where (t.part < 2 or c.unit = 'proportion') and (
      (c.release = 0 and ((c.small and not (c.chained and t.part = 1)) or (c.extreme and t.part <> 1)))
      or (c.release > 0 and ${hiddenThen("r", "c", "t.part")})
      or (c.release = 0 and (r.den_hidden_before or (t.part <> 1 and r.num_hidden_before))));
    -- what is never hidden to protect another: an earlier release's cells (published), and a
    -- part of this release an earlier one showed with the same counts (hiding it protects nothing)
    create or replace temp table prot_fixed as
    select r.cell * 3 + t.part as var
    from rel_cells r, range(3) t(part)
    where (t.part < 2 or r.unit = 'proportion') and (r.release > 0
      or case t.part when 0 then r.num_shown_before when 1 then r.den_shown_before
        else r.num_shown_before and r.den_shown_before end);
    create or replace temp table prot_degree as select var, count(*) as degree from rel_terms group by var;
    create or replace temp table prot_changed as select var from prot_hidden;`);
  // the order in which a relation's shown terms are chosen to hide (see the header)
  const priority = new Int32Array(system.vars);
  const headline = (await columnsOf(db, "marts.indicator_catalog")).has("headline")
    ? "(select indicator from marts.indicator_catalog where headline)"
    : "(select null)";
  await readColumns(
    db,
    `select t.var::int, (row_number() over (order by t.var % 3 = 1, k.level = 'state',
        k.subgroup_type = 'all', k.level = 'district', k.band is not null, c.indicator in ${headline}, c.cohort,
        g.degree, k.denominator, t.var))::int
    from prot_degree g join rel_vars t using (var) join prot_class k using (cell) join rel_cells c using (cell)`,
    (cols, n) => {
      const [v, rank] = cols as [Int32Array, Int32Array];
      for (let i = 0; i < n; i++) priority[system.indexOf[v[i] as number] as number] = rank[i] as number;
    },
  );
  // what must not be learned: a small cell's count, rest and (unless chained) size, unless it has
  // no students; an extreme cell's count and rest (of an earlier release: what it hid of them)
  const guarded = new Uint8Array(system.vars);
  await readColumns(
    db,
    `select v.var::int from rel_vars v join prot_class k using (cell) join rel_cells r using (cell)
    where ${GUARDED}
      and (k.release = 0 or ${hiddenThen("r", "k", "v.part")})`,
    (cols, n) => {
      const v = cols[0] as Int32Array;
      for (let i = 0; i < n; i++) guarded[system.indexOf[v[i] as number] as number] = 1;
    },
  );
  // what the earlier releases already fix is not protected (history.ts)
  const before = await knownBefore(db, system, settings);
  if (before) for (let v = 0; v < system.vars; v++) if (before[v]) guarded[v] = 0;
  const fixed = new Uint8Array(system.vars);
  await readColumns(db, "select var::int from prot_fixed", (cols, n) => {
    const v = cols[0] as Int32Array;
    for (let i = 0; i < n; i++) fixed[system.indexOf[v[i] as number] as number] = 1;
  });
  const protection = { system, priority, guarded, fixed, hidden: new Uint8Array(system.vars) };
  return { ...(await closeRelations(db, protection)), protection };
}

/** What protect() decided, held in memory for addRepairs(): prot_hidden as an array. */
export interface Protection {
  system: RelationSystem;
  priority: Int32Array;
  guarded: Uint8Array;
  /** never hidden to protect another (prot_fixed) */
  fixed: Uint8Array;
  hidden: Uint8Array;
}

/**
 * Complementary suppression to a fixed point, from the vars in prot_changed (already in
 * prot_hidden), in memory (closeInMemory); the vars it hides are added to prot_hidden.
 */
async function closeRelations(db: Db, p: Protection): Promise<ProtectionRun> {
  const { system, hidden } = p;
  const changed: number[] = [];
  await readColumns(db, "select var::int from prot_changed", (cols, n) => {
    const v = cols[0] as Int32Array;
    for (let i = 0; i < n; i++) {
      const at = system.indexOf[v[i] as number] as number;
      hidden[at] = 1;
      changed.push(at);
    }
  });
  const before = hidden.slice();
  const run = await db.timed("complementary suppression (in memory)", async () =>
    closeInMemory(system, hidden, changed, p.priority, p.fixed),
  );
  await db.run("create or replace temp table prot_changed (var bigint)");
  await appendVars(
    db,
    "prot_hidden",
    system,
    varsWhere(system, (v) => hidden[v] === 1 && !before[v]),
  );
  await writeCells(db);
  return run;
}

/**
 * The rounds of complementary suppression (see the header), each from what the round before left
 * hidden, its choices taking effect together at its end: a relation with a term that changed and
 * one hidden term, or hidden terms all zero on the same side, has one more term hidden (the shown
 * term of lowest priority; against a zero sum, one that is not zero on the same side). A chosen
 * numerator or rest hides both; a chosen denominator hides the whole cell.
 */
export function closeInMemory(
  sys: RelationSystem,
  hidden: Uint8Array,
  changedAtStart: number[],
  priority: Int32Array,
  fixed?: Uint8Array,
): ProtectionRun {
  const { relStart, termVar, termCoef, varStart, varRel, truth, varId, indexOf } = sys;
  const relSeen = new Int32Array(sys.rels);
  const chosenIn = new Int32Array(sys.vars);
  let changed = changedAtStart;
  let complements = 0;
  for (let round = 1; ; round++) {
    const chosen: number[] = [];
    for (const v of changed)
      for (let i = varStart[v] as number; i < (varStart[v + 1] as number); i++) {
        const r = varRel[i] as number;
        if (relSeen[r] === round) continue;
        relSeen[r] = round;
        let count = 0;
        let allZero = true;
        let minCoef = 2;
        let maxCoef = -2;
        for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++) {
          const u = termVar[t] as number;
          if (!hidden[u]) continue;
          count++;
          if (truth[u] !== 0) allZero = false;
          minCoef = Math.min(minCoef, termCoef[t] as number);
          maxCoef = Math.max(maxCoef, termCoef[t] as number);
        }
        const zeroSum = count > 0 && allZero && minCoef === maxCoef;
        if (count !== 1 && !(count > 1 && zeroSum)) continue;
        let best = -1;
        for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++) {
          const u = termVar[t] as number;
          if (hidden[u] || fixed?.[u] || (zeroSum && truth[u] === 0 && termCoef[t] === minCoef)) continue;
          if (best < 0 || (priority[u] as number) < (priority[best] as number)) best = u;
        }
        if (best >= 0 && chosenIn[best] !== round) {
          chosenIn[best] = round;
          chosen.push(best);
        }
      }
    if (chosen.length === 0) return { rounds: round, complements };
    complements += chosen.length;
    const next: number[] = [];
    for (const c of chosen) {
      const id = varId[c] as number;
      const cell = Math.floor(id / 3);
      for (let part = 0; part < 3; part++) {
        if (part === 1 && id % 3 !== 1) continue;
        const u = cell * 3 + part < indexOf.length ? (indexOf[cell * 3 + part] as number) : -1;
        if (u < 0 || hidden[u]) continue;
        hidden[u] = 1;
        next.push(u);
      }
    }
    changed = next;
  }
}

/** prot_cells: what protect() decided for each cell. */
async function writeCells(db: Db): Promise<void> {
  await db.run(`
    create or replace temp table prot_cells as
    select c.cell, c.small, c.extreme, c.band,
      n.var is not null or c.band is not null as num_hidden,
      -- a small chained cell's denominator is another cell's numerator: known, so nothing protects
      -- it, but it is not printed beside the cell either (no count of fewer than min_n is shown as a base)
      d.var is not null or (c.small and c.chained) as den_hidden,
      not c.small and not c.extreme and n.var is not null as complement
    from prot_class c
    left join prot_hidden n on n.var = c.cell * 3
    left join prot_hidden d on d.var = c.cell * 3 + 1;
`);
}

/**
 * What subtraction-closing leaves open, the bounds attack may still pin down (a coded band, or a
 * shown cell, leaving a hidden cell no room). For each pinned var (audit_pins, from the auditor)
 * hide one more shown term of the relation that pinned it, preferring a term that is not zero,
 * then as protect() chooses; where that relation has none, a term of any relation of the var.
 * Where the rank attack gave a cell away, one more shown term of every relation of its block
 * (audit_open) is hidden. Then complementary suppression closes the relations again from there.
 */
export async function addRepairs(
  db: Db,
  protection: Protection,
): Promise<ProtectionRun & { repairs: number }> {
  // pins: (pinned var, relation to open it up)
  const choose = (pins: string) => `
    select p.var as pinned, arg_min(t.var, (v.truth = 0, t.var % 3 = 1, k.level = 'state', k.subgroup_type = 'all', k.level = 'district', g.degree, k.denominator, t.var)) as var
    from ${pins} p
    join rel_terms t on t.rel = p.rel
    join rel_vars v on v.var = t.var
    join prot_class k on k.cell = v.cell
    join prot_degree g on g.var = t.var
    where t.var not in (select var from prot_hidden) and t.var not in (select var from prot_fixed)
    group by p.var, p.rel`;
  await db.run(`
    create or replace temp table prot_repair as ${choose("(select var, why as rel from audit_pins where why is not null)")};
    insert into prot_repair ${choose(`(select p.var, t.rel from audit_pins p join rel_terms t on t.var = p.var
      where p.var not in (select pinned from prot_repair))`)};
    -- a pin whose own relations show nothing comes from further off: one more term of each
    -- relation of the vars it shares a relation with
    insert into prot_repair ${choose(`(select distinct p.var, t2.rel from audit_pins p
      join rel_terms t on t.var = p.var join rel_terms n on n.rel = t.rel join rel_terms t2 on t2.var = n.var
      where p.var not in (select pinned from prot_repair))`)};
    -- the rank attack's blocks: one more term of each of their relations that shows one
    insert into prot_repair ${choose("(select -1 as var, rel from audit_open)")};
    create or replace temp table prot_changed as
    select distinct v.cell * 3 + p.part as var from prot_repair r join rel_vars v using (var), range(3) p(part)
    where (p.part <> 1 or v.part = 1) and v.cell * 3 + p.part in (select var from rel_vars)
      and v.cell * 3 + p.part not in (select var from prot_hidden);
    insert into prot_hidden select var from prot_changed;`);
  const [n] = await db.all<{ n: number }>("select count(distinct var)::int as n from prot_repair");
  await db.run("drop table prot_repair");
  if (!n?.n) return { repairs: 0, rounds: 0, complements: 0 };
  return { repairs: n.n, ...(await closeRelations(db, protection)) };
}

/**
 * Where addRepairs() found nothing to hide (every other term of the pins' relations, and of
 * their neighbours', hidden or fixed by an earlier release): search outward from each pin through
 * hidden terms, relation by relation, and in the nearest ring of relations that has a term to
 * hide, hide one in each (the least wanted). The attacker's chain from the shown figures to the
 * pin passes through that ring (a withdrawn district: this release's state cells, known from the
 * last release's cells minus the district's, which are all hidden or fixed).
 */
export async function repairFurther(
  db: Db,
  protection: Protection,
): Promise<ProtectionRun & { repairs: number }> {
  const { system: sys, hidden, fixed, priority } = protection;
  const pins: number[] = [];
  await readColumns(db, "select distinct var::int from audit_pins", (cols, n) => {
    const v = cols[0] as Int32Array;
    for (let i = 0; i < n; i++) pins.push(sys.indexOf[v[i] as number] as number);
  });
  const chosen = new Set<number>();
  for (const pin of pins) {
    const seenVar = new Uint8Array(sys.vars);
    const seenRel = new Uint8Array(sys.rels);
    let ring = [pin];
    seenVar[pin] = 1;
    while (ring.length > 0) {
      const found: number[] = [];
      const next: number[] = [];
      for (const v of ring)
        for (let i = sys.varStart[v] as number; i < (sys.varStart[v + 1] as number); i++) {
          const r = sys.varRel[i] as number;
          if (seenRel[r]) continue;
          seenRel[r] = 1;
          let best = -1;
          for (let t = sys.relStart[r] as number; t < (sys.relStart[r + 1] as number); t++) {
            const u = sys.termVar[t] as number;
            if (hidden[u] && !seenVar[u]) {
              seenVar[u] = 1;
              next.push(u);
            }
            if (!hidden[u] && !fixed[u] && (best < 0 || (priority[u] as number) < (priority[best] as number)))
              best = u;
          }
          if (best >= 0) found.push(best);
        }
      if (found.length > 0) {
        for (const u of found) chosen.add(u);
        break;
      }
      ring = next;
    }
  }
  if (chosen.size === 0) return { repairs: 0, rounds: 0, complements: 0 };
  // a numerator or rest takes the other along; a denominator the whole cell
  const vars = new Set<number>();
  for (const u of chosen) {
    const id = sys.varId[u] as number;
    for (const part of id % 3 === 1 ? [0, 1, 2] : [0, 2]) {
      const w = Math.floor(id / 3) * 3 + part;
      const at = w < sys.indexOf.length ? (sys.indexOf[w] as number) : -1;
      if (at >= 0 && !hidden[at]) vars.add(at);
    }
  }
  return { repairs: chosen.size, ...(await hideAndClose(db, protection, [...vars])) };
}

/** Hide these vars too (sealBlocks chose them), then close the relations again from them. */
export async function hideAndClose(db: Db, protection: Protection, vars: number[]): Promise<ProtectionRun> {
  await db.run("create or replace temp table prot_changed (var bigint)");
  for (const table of ["prot_hidden", "prot_changed"]) await appendVars(db, table, protection.system, vars);
  return closeRelations(db, protection);
}

export async function dropProtection(db: Db): Promise<void> {
  await db.run(
    "drop table if exists prot_class; drop table if exists prot_hidden; drop table if exists prot_fixed; drop table if exists prot_degree; drop table if exists prot_changed; drop table if exists prot_cells;",
  );
}
