// The disclosure auditor: attacks what `marts.indicators` publishes the way a linear-algebra
// attacker would. Every published numerator and denominator is known; every suppressed one is
// unknown. Additive relations that hold exactly in the data tie them together:
//   - hierarchy: a state cell = the sum of its district cells; a district cell = the sum of its schools
//   - subgroup sets: the `all` cell = the sum of the cells of one subgroup type
//   - indicators: fall = 4-year + 2-year = in-state + out-of-state (numerators)
//   - shared denominators: indicators whose catalog gives the same denominator
// A relation with exactly one unknown term gives that term away; the attack repeats until nothing
// new is learned. A primary-suppressed cell whose numerator is learned is a disclosure.
// Not attacked yet: the revision-band and gap tables, the dashboard's files, bounds from intervals.
import type { Db } from "../warehouse/connection.ts";

export interface RecoveredCell {
  indicator: string;
  level: string;
  entity_id: string;
  cohort: number;
  subgroup_type: string;
  subgroup: string;
  numerator: number;
  denominator: number;
}

export interface AuditResult {
  cells: number;
  published: number;
  primary: number;
  complementary: number;
  /** Relations that hold exactly in the data, by kind. */
  relations: Record<string, number>;
  rounds: number;
  /** Primary-suppressed cells whose numerator the attack recovers exactly. */
  recovered: number;
  recoveredUnderMinN: number;
  recoveredByLevel: { level: string; subgroup_type: string; recovered: number }[];
  examples: RecoveredCell[];
  seconds: number;
}

const KEY = "indicator, level, entity_id, cohort, subgroup_type, subgroup";

/**
 * The attack's universe as temp tables: audit_cells (one per cell with counts), audit_vars (its
 * numerator and denominator, with the true value and whether it is published) and audit_terms
 * (kind, rel, var, coef: every additive relation that holds exactly).
 */
export async function buildRelations(db: Db): Promise<void> {
  await db.run(`
    create or replace temp table audit_cells as
    select row_number() over (order by ${KEY}) as cell, ${KEY},
      numerator::double as numerator, denominator::double as denominator, suppressed,
      suppressed and coalesce(suppression_reason, '') <> 'complementary' as is_primary
    from marts.indicators
    where numerator is not null and denominator is not null;

    -- two unknowns per cell: its numerator (part 0) and its denominator (part 1)
    create or replace temp table audit_vars as
    select cell * 2 as var, cell, numerator as truth, not suppressed as published from audit_cells
    union all
    select cell * 2 + 1, cell, denominator, not suppressed from audit_cells;

    create or replace temp table audit_terms (kind varchar, rel varchar, var bigint, coef integer);`);

  // hierarchy: parent - sum(children) = 0, for numerators and denominators
  await db.run(`
    insert into audit_terms
    with children as (
      -- state = sum of districts; district = sum of its schools (school ids are DDDD-SSS)
      select 'state' as parent_level, c.cell, c.indicator, c.cohort, c.subgroup_type, c.subgroup, c.entity_id as parent
      from audit_cells c where c.level = 'district'
      union all
      select 'district', c.cell, c.indicator, c.cohort, c.subgroup_type, c.subgroup,
        cast(try_cast(split_part(c.entity_id, '-', 1) as integer) as varchar)
      from audit_cells c where c.level = 'school'
    ),
    parents as (
      select ch.parent_level, p.cell as parent_cell, ch.cell as child_cell, ch.parent
      from children ch
      join audit_cells p on p.level = ch.parent_level and p.indicator = ch.indicator and p.cohort = ch.cohort
        and p.subgroup_type = ch.subgroup_type and p.subgroup = ch.subgroup
        and (p.level = 'state' or p.entity_id = ch.parent)
    ),
    groups as (
      select parent_cell, list(child_cell) as kids from parents group by parent_cell
    )
    select 'hierarchy', 'h' || g.parent_cell || ':' || part, g.parent_cell * 2 + part, 1
    from groups g, range(2) t(part)
    union all
    select 'hierarchy', 'h' || g.parent_cell || ':' || part, unnest(g.kids) * 2 + part, -1
    from groups g, range(2) t(part);

    -- subgroup sets: all - sum(subgroups of one partition) = 0; the revision bands hold two
    -- partitions (no_isp, none, 1-2, 3-4, 5+; and every_year, not_every_year)
    insert into audit_terms
    with sets as (
      select a.cell as all_cell, c.cell,
        c.subgroup_type || case when c.subgroup in ('every_year', 'not_every_year') then '/every' else '' end as subgroup_type
      from audit_cells c
      join audit_cells a on a.subgroup_type = 'all' and a.indicator = c.indicator and a.level = c.level
        and a.entity_id = c.entity_id and a.cohort = c.cohort
      where c.subgroup_type <> 'all'
    )
    select 'subgroups', 's' || all_cell || ':' || subgroup_type || ':' || part, all_cell * 2 + part, 1
    from (select distinct all_cell, subgroup_type from sets), range(2) t(part)
    union all
    select 'subgroups', 's' || all_cell || ':' || subgroup_type || ':' || part, cell * 2 + part, -1
    from sets, range(2) t(part);

    -- indicators: fall = 4-year + 2-year = in-state + out-of-state (numerators)
    insert into audit_terms
    with splits(whole, part_a, part_b) as (values
      ('ps_enrolled_fall', 'ps_enrolled_fall_4yr', 'ps_enrolled_fall_2yr'),
      ('ps_enrolled_fall', 'ps_enrolled_fall_in_state', 'ps_enrolled_fall_out_of_state')
    ),
    matched as (
      select w.cell as w, a.cell as a, b.cell as b, s.part_a
      from splits s
      join audit_cells w on w.indicator = s.whole
      join audit_cells a on a.indicator = s.part_a and a.level = w.level and a.entity_id = w.entity_id
        and a.cohort = w.cohort and a.subgroup_type = w.subgroup_type and a.subgroup = w.subgroup
      join audit_cells b on b.indicator = s.part_b and b.level = w.level and b.entity_id = w.entity_id
        and b.cohort = w.cohort and b.subgroup_type = w.subgroup_type and b.subgroup = w.subgroup
    )
    select 'indicators', 'i' || w || ':' || part_a, w * 2, 1 from matched
    union all select 'indicators', 'i' || w || ':' || part_a, a * 2, -1 from matched
    union all select 'indicators', 'i' || w || ':' || part_a, b * 2, -1 from matched;

    -- shared denominators: each indicator's denominator equals the first of its family at the same cell key
    insert into audit_terms
    with family as (
      select c.cell, c.indicator, first_value(c.cell) over (
          partition by k.denominator, c.level, c.entity_id, c.cohort, c.subgroup_type, c.subgroup order by c.indicator
        ) as head
      from audit_cells c join marts.indicator_catalog k using (indicator)
    )
    select 'denominators', 'd' || cell, cell * 2 + 1, 1 from family where cell <> head
    union all
    select 'denominators', 'd' || cell, head * 2 + 1, -1 from family where cell <> head;

    -- keep a relation only where it holds exactly (what the definitions guarantee)
    create or replace temp table audit_exact as
    select t.rel from audit_terms t join audit_vars v using (var)
    group by t.rel having sum(t.coef * v.truth) = 0 and count(*) >= 2;
    delete from audit_terms where rel not in (select rel from audit_exact);`);
}

/** Subtraction to a fixed point from the published vars: audit_known holds what an attacker knows. */
export async function propagate(db: Db): Promise<number> {
  await db.run("create or replace temp table audit_known as select var from audit_vars where published");
  let rounds = 0;
  for (;;) {
    rounds++;
    await db.run(`
      create or replace temp table audit_step as
      select distinct var from (
        select t.rel, min(t.var) filter (where k.var is null) as var, count(*) filter (where k.var is null) as unknown
        from audit_terms t left join audit_known k using (var)
        group by t.rel
      ) where unknown = 1;
      insert into audit_known select var from audit_step;`);
    const [step] = await db.all<{ n: number }>("select count(*)::int as n from audit_step");
    if ((step?.n ?? 0) === 0) return rounds;
  }
}

export async function auditRelease(
  db: Db,
  options: { minN?: number; examples?: number } = {},
): Promise<AuditResult> {
  const started = performance.now();
  const minN = options.minN ?? 10;
  await buildRelations(db);
  const rounds = await propagate(db);

  await db.run(`
    create or replace temp table audit_recovered as
    select c.* from audit_cells c join audit_known k on k.var = c.cell * 2 where c.is_primary`);
  const [totals] = await db.all<Record<string, number>>(`
    select count(*)::int as cells, count(*) filter (where not suppressed)::int as published,
      count(*) filter (where is_primary)::int as primary,
      count(*) filter (where suppressed and not is_primary)::int as complementary,
      (select count(*) from audit_recovered)::int as recovered,
      (select count(*) from audit_recovered where denominator < ${minN})::int as under
    from audit_cells`);
  const relations = Object.fromEntries(
    (
      await db.all<{ kind: string; n: number }>(
        "select kind, count(distinct rel)::int as n from audit_terms group by 1 order by 1",
      )
    ).map((r) => [r.kind, r.n]),
  );
  const recoveredByLevel = await db.all<{ level: string; subgroup_type: string; recovered: number }>(`
    select level, subgroup_type, count(*)::int as recovered from audit_recovered group by all order by 1, 2`);
  const examples = (
    await db.all<RecoveredCell>(`
      select ${KEY}, numerator::int as numerator, denominator::int as denominator
      from audit_recovered order by denominator, ${KEY} limit ${options.examples ?? 5}`)
  ).map((r) => ({ ...r, cohort: Number(r.cohort) }));
  await db.run(
    "drop table audit_cells; drop table audit_vars; drop table audit_terms; drop table audit_exact; drop table audit_known; drop table audit_step; drop table audit_recovered",
  );
  return {
    cells: totals?.cells ?? 0,
    published: totals?.published ?? 0,
    primary: totals?.primary ?? 0,
    complementary: totals?.complementary ?? 0,
    relations,
    rounds,
    recovered: totals?.recovered ?? 0,
    recoveredUnderMinN: totals?.under ?? 0,
    recoveredByLevel,
    examples,
    seconds: (performance.now() - started) / 1000,
  };
}
