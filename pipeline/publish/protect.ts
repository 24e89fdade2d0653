// Complementary suppression over every additive relation of the release (not yet used by the
// build: `pathways audit --what-if` measures what it would publish). Starting from the cells that
// must not be shown exactly:
//   - small: fewer than min_n students: numerator and denominator hidden;
//   - coded: at 0% or 100% with at least min_n students: the numerator hidden, the denominator and
//     a band (<= 5%, >= 95%) shown (top and bottom coding);
// it finds every relation with exactly one hidden term and hides one more term of it, and repeats
// until no relation has exactly one. The term chosen hides the least: a numerator where the
// relation is on numerators; a school or district cell before a state cell (the state's figures
// matter most); a cell outside the `all` subgroup before an `all` cell; then the term in the fewest
// relations (fewest cascades); then the smallest denominator; then the cell's order (deterministic). The gap table's "rest" is derived
// (an entity minus a subgroup) and follows its cells, so it is not a term here.
import type { Db } from "../warehouse/connection.ts";
import { buildRelations, propagate } from "./audit.ts";

export interface ProtectionResult {
  rounds: number;
  complements: number;
  /** Small or coded cells whose numerator the attack recovers after protection (0 when it works). */
  recoveredAfter: number;
  /** Share of cells showing a value (exact, or a top/bottom-coded band), before and after. */
  shares: { level: string; subgroup_type: string; cells: number; before: number; after: number }[];
  seconds: number;
}

export async function protectRelease(db: Db, minN = 10): Promise<ProtectionResult> {
  const started = performance.now();
  await buildRelations(db, minN);
  await db.run(`
    delete from audit_terms where kind = 'gaps';
    create or replace temp table protect_kinds as
    select cell, source, level, subgroup_type, suppressed, students < ${minN} as small,
      students >= ${minN} and (numerator = 0 or numerator = denominator) as coded, denominator
    from audit_cells where source <> 'gaps';
    -- hidden vars: a cell's numerator is var cell*2, its denominator cell*2+1
    create or replace temp table protect_hidden as
    select cell * 2 + part as var from protect_kinds, range(2) t(part) where small
    union all
    select cell * 2 from protect_kinds where coded and not small;
    create or replace temp table protect_degree as select var, count(distinct rel) as degree from audit_terms group by var;`);
  let rounds = 0;
  let complements = 0;
  for (;;) {
    rounds++;
    await db.run(`
      create or replace temp table protect_singles as
      select t.rel from audit_terms t left join protect_hidden h using (var)
      group by t.rel having count(h.var) = 1 and count(*) > 1;
      create or replace temp table protect_chosen as
      select distinct arg_min(t.var, (k.level = 'state', k.subgroup_type = 'all', g.degree, k.denominator, t.var)) as var
      from protect_singles s join audit_terms t using (rel) join protect_kinds k on k.cell = t.var // 2
      join protect_degree g on g.var = t.var
      where t.var not in (select var from protect_hidden)
      group by s.rel;
      -- a hidden denominator hides its numerator too: a rate without its base tells nothing
      insert into protect_hidden
      select var from protect_chosen
      union select var - 1 from protect_chosen where var % 2 = 1 and var - 1 not in (select var from protect_hidden);`);
    const [n] = await db.all<{ n: number }>("select count(*)::int as n from protect_chosen");
    complements += n?.n ?? 0;
    if (!n?.n) break;
  }
  // the same attack the auditor makes, on what this protection would publish
  await db.run("update audit_vars set published = var not in (select var from protect_hidden)");
  await propagate(db);
  const [after] = await db.all<{ n: number }>(`
    select count(*)::int as n from protect_kinds k join audit_known a on a.var = k.cell * 2
    where (k.small or k.coded) and a.var in (select var from protect_hidden)`);
  const shares = await db.all<ProtectionResult["shares"][number]>(`
    select level, subgroup_type, count(*)::int as cells,
      round(100 * avg((not suppressed)::int), 1) as before,
      round(100 * avg((cell * 2 not in (select var from protect_hidden)
        or (coded and not small and cell * 2 + 1 not in (select var from protect_hidden)))::int), 1) as after
    from protect_kinds where source = 'indicators' group by all order by 1, 2`);
  await db.run(
    "drop table protect_degree; drop table protect_kinds; drop table protect_hidden; drop table protect_singles; drop table protect_chosen",
  );
  return {
    rounds,
    complements,
    recoveredAfter: after?.n ?? 0,
    shares: shares.map((s) => ({ ...s, before: Number(s.before), after: Number(s.after) })),
    seconds: (performance.now() - started) / 1000,
  };
}
