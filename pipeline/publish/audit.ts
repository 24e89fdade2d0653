// The disclosure auditor: attacks what the public export publishes the way a linear-algebra
// attacker would. Every published numerator and denominator is known; every suppressed one is
// unknown. Additive relations that hold exactly in the data tie them together:
//   - hierarchy: a state cell = the sum of its district cells; a district cell = the sum of its schools
//   - subgroup sets: the `all` cell = the sum of the cells of one subgroup type
//   - indicators: fall = 4-year + 2-year = in-state + out-of-state (numerators)
//   - shared denominators: indicators whose catalog gives the same denominator
//   - plans: all = no_isp + every_year + not_every_year; every_year + not_every_year = the four bands
// A relation with exactly one unknown term gives that term away; the attack repeats until nothing
// new is learned. A primary-suppressed cell whose numerator is learned is a disclosure.
// Also attacked: the revision-band table (bands within subgroups) and the gap table's "rest".
// Not attacked yet: the dashboard's files (built from these marts), bounds from intervals.
import type { Db } from "../warehouse/connection.ts";

export interface RecoveredCell {
  /** indicators, bands (enrollment_by_revision_band) or gaps (indicator_gaps' rest) */
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
  recoveredByLevel: { source: string; level: string; subgroup_type: string; recovered: number }[];
  examples: RecoveredCell[];
  seconds: number;
}

const KEY = "indicator, level, entity_id, cohort, subgroup_type, subgroup";

/**
 * The attack's universe as temp tables: audit_cells (one per cell with counts), audit_vars (its
 * numerator and denominator, with the true value and whether it is published) and audit_terms
 * (kind, rel, var, coef: every additive relation that holds exactly).
 */
export async function buildRelations(db: Db, minN = 10): Promise<void> {
  const tables = new Set(
    (
      await db.all<{ t: string }>(
        "select table_schema || '.' || table_name as t from information_schema.tables where table_catalog = current_database()",
      )
    ).map((r) => r.t),
  );
  // every published table with counts, as cells: indicators; the revision-band table (fall
  // enrollment by band, within subgroups); the rest of each gap row (its entity minus the subgroup)
  const sources = [
    `select 'indicators' as source, ${KEY}, null::varchar as band, numerator::double as numerator,
       denominator::double as denominator, students::double as students, suppressed,
       suppressed and coalesce(suppression_reason, '') <> 'complementary' as is_primary
     -- counts of students only: the accountability flags count districts and schools, as published
     from marts.indicators where numerator is not null and denominator is not null and students is not null`,
  ];
  if (tables.has("marts.enrollment_by_revision_band"))
    sources.push(`select 'bands', 'ps_enrolled_fall', level, entity_id, cohort, subgroup_type, subgroup, revision_band,
       enrolled_fall::double, graduates::double, graduates::double, suppressed,
       suppressed and (graduates < ${minN} or enrolled_fall = 0 or enrolled_fall = graduates)
     from marts.enrollment_by_revision_band where graduates is not null`);
  if (tables.has("marts.indicator_gaps"))
    sources.push(`select 'gaps', ${KEY}, null, rest_numerator::double, rest_denominator::double,
       rest_denominator::double, suppressed, false
     from marts.indicator_gaps where rest_denominator is not null`);
  await db.run(`
    create or replace temp table audit_cells as
    with published as (${sources.join("\n      union all\n")})
    select row_number() over (order by source, ${KEY}, band) as cell, * from published;
    create or replace temp view audit_ind as select * from audit_cells where source = 'indicators';
    create or replace temp view audit_bands as select * from audit_cells where source = 'bands';

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
      from audit_ind c where c.level = 'district'
      union all
      select 'district', c.cell, c.indicator, c.cohort, c.subgroup_type, c.subgroup,
        cast(try_cast(split_part(c.entity_id, '-', 1) as integer) as varchar)
      from audit_ind c where c.level = 'school'
    ),
    parents as (
      select ch.parent_level, p.cell as parent_cell, ch.cell as child_cell, ch.parent
      from children ch
      join audit_ind p on p.level = ch.parent_level and p.indicator = ch.indicator and p.cohort = ch.cohort
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
      from audit_ind c
      join audit_ind a on a.subgroup_type = 'all' and a.indicator = c.indicator and a.level = c.level
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
      join audit_ind w on w.indicator = s.whole
      join audit_ind a on a.indicator = s.part_a and a.level = w.level and a.entity_id = w.entity_id
        and a.cohort = w.cohort and a.subgroup_type = w.subgroup_type and a.subgroup = w.subgroup
      join audit_ind b on b.indicator = s.part_b and b.level = w.level and b.entity_id = w.entity_id
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
      from audit_ind c join marts.indicator_catalog k using (indicator)
    )
    select 'denominators', 'd' || cell, cell * 2 + 1, 1 from family where cell <> head
    union all
    select 'denominators', 'd' || cell, head * 2 + 1, -1 from family where cell <> head;

    -- the revision-band table: a state = its districts; the five bands = the fall cell of the same
    -- subgroup; every_year + not_every_year = the four bands of graduates with an ISP; a band's
    -- subgroup set = its all cell
    insert into audit_terms
    select 'bands', 'bh' || p.cell || ':' || part, p.cell * 2 + part, 1
    from audit_bands p, range(2) t(part) where p.level = 'state'
    union all
    select 'bands', 'bh' || p.cell || ':' || part, c.cell * 2 + part, -1
    from audit_bands p join audit_bands c on c.level = 'district' and c.cohort = p.cohort and c.band = p.band
      and c.subgroup_type = p.subgroup_type and c.subgroup = p.subgroup, range(2) t(part)
    where p.level = 'state';

    -- a fall cell = the band cells of the same subgroup, split two ways: the five bands, and
    -- no_isp + every_year + not_every_year
    insert into audit_terms
    with splits(split, band) as (
      values ('p', 'no_isp'), ('p', 'none'), ('p', '1-2'), ('p', '3-4'), ('p', '5+'),
        ('a', 'no_isp'), ('a', 'every_year'), ('a', 'not_every_year')
    ),
    parts as (
      select s.split, i.cell as whole, b.cell as piece
      from audit_ind i
      join audit_bands b on b.level = i.level and b.entity_id = i.entity_id and b.cohort = i.cohort
        and b.subgroup_type = i.subgroup_type and b.subgroup = i.subgroup
      join splits s on s.band = b.band
      where i.indicator = 'ps_enrolled_fall'
    )
    select 'bands', 'b' || split || whole || ':' || part, whole * 2 + part, 1
    from (select distinct split, whole from parts), range(2) t(part)
    union all
    select 'bands', 'b' || split || whole || ':' || part, piece * 2 + part, -1 from parts, range(2) t(part);

    insert into audit_terms
    select 'bands', 'be' || min(cell) over (partition by level, entity_id, cohort, subgroup_type, subgroup) || ':' || part,
      cell * 2 + part, case when band in ('every_year', 'not_every_year') then 1 else -1 end
    from audit_bands, range(2) t(part) where band in ('every_year', 'not_every_year', 'none', '1-2', '3-4', '5+');

    insert into audit_terms
    select 'bands', 'bs' || a.cell || ':' || c.subgroup_type || ':' || part, a.cell * 2 + part, 1
    from audit_bands a join (select distinct level, entity_id, cohort, band, subgroup_type from audit_bands
      where subgroup_type <> 'all') c using (level, entity_id, cohort, band), range(2) t(part)
    where a.subgroup_type = 'all'
    union all
    select 'bands', 'bs' || a.cell || ':' || c.subgroup_type || ':' || part, c.cell * 2 + part, -1
    from audit_bands a join audit_bands c using (level, entity_id, cohort, band), range(2) t(part)
    where a.subgroup_type = 'all' and c.subgroup_type <> 'all';

    -- graduates with a plan counted two ways: every_year + not_every_year = none + 1-2 + 3-4 + 5+;
    -- and all = no_isp + every_year + not_every_year (indicator cells; the band table's is above)
    insert into audit_terms
    select 'plans', 'pe' || min(cell) over (partition by indicator, level, entity_id, cohort) || ':' || part,
      cell * 2 + part, case when subgroup in ('every_year', 'not_every_year') then 1 else -1 end
    from audit_ind, range(2) t(part)
    where subgroup_type = 'isp_revision_band' and subgroup in ('every_year', 'not_every_year', 'none', '1-2', '3-4', '5+');

    insert into audit_terms
    select 'plans', 'pa' || a.cell || ':' || part, a.cell * 2 + part, 1
    from audit_ind a, range(2) t(part)
    where a.subgroup_type = 'all' and exists (select 1 from audit_ind c where c.subgroup_type = 'isp_revision_band'
      and c.indicator = a.indicator and c.level = a.level and c.entity_id = a.entity_id and c.cohort = a.cohort)
    union all
    select 'plans', 'pa' || a.cell || ':' || part, c.cell * 2 + part, -1
    from audit_ind a join audit_ind c on c.subgroup_type = 'isp_revision_band' and c.indicator = a.indicator
      and c.level = a.level and c.entity_id = a.entity_id and c.cohort = a.cohort, range(2) t(part)
    where a.subgroup_type = 'all' and c.subgroup in ('no_isp', 'every_year', 'not_every_year');


    -- the gap table's rest: the entity's all cell = the subgroup's cell + the rest
    insert into audit_terms
    with rests as (
      select g.cell as rest, s.cell as sub, a.cell as whole
      from audit_cells g
      join audit_ind s on s.indicator = g.indicator and s.level = g.level and s.entity_id = g.entity_id
        and s.cohort = g.cohort and s.subgroup_type = g.subgroup_type and s.subgroup = g.subgroup
      join audit_ind a on a.subgroup_type = 'all' and a.indicator = g.indicator and a.level = g.level
        and a.entity_id = g.entity_id and a.cohort = g.cohort
      where g.source = 'gaps'
    )
    select 'gaps', 'g' || rest || ':' || part, whole * 2 + part, 1 from rests, range(2) t(part)
    union all select 'gaps', 'g' || rest || ':' || part, sub * 2 + part, -1 from rests, range(2) t(part)
    union all select 'gaps', 'g' || rest || ':' || part, rest * 2 + part, -1 from rests, range(2) t(part);

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
  await buildRelations(db, minN);
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
  const recoveredByLevel = await db.all<{
    source: string;
    level: string;
    subgroup_type: string;
    recovered: number;
  }>(`
    select source, level, subgroup_type, count(*)::int as recovered from audit_recovered group by all order by 1, 2, 3`);
  const examples = (
    await db.all<RecoveredCell>(`
      select source, ${KEY}, band, numerator::int as numerator, denominator::int as denominator
      from audit_recovered order by denominator, source, ${KEY}, band limit ${options.examples ?? 5}`)
  ).map((r) => ({ ...r, cohort: Number(r.cohort) }));
  await db.run(
    "drop view audit_ind; drop view audit_bands; drop table audit_cells; drop table audit_vars; drop table audit_terms; drop table audit_exact; drop table audit_known; drop table audit_step; drop table audit_recovered",
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
