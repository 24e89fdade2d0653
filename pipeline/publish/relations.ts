// The release as a system of equations, shared by the disclosure step (which decides what to
// hide) and the auditor (which attacks what is shown). Each cell of a published table with counts
// has three unknowns: its numerator (part 0), its denominator (part 1) and, for proportions, the
// rest of its denominator (part 2: denominator - numerator, the students without the outcome).
// Additive relations that hold exactly in the data tie them together:
//   - cell: numerator + rest = denominator
//   - hierarchy: a state cell = the sum of its district cells; a district cell = the sum of its
//     schools (marts.schools says which); the parent's cell of a group that is a trait of a whole
//     child (a district's locale, a school's career coach: marts.entity_groups) = the sum of the
//     all cells of its children with that trait, in the indicators and the band table
//   - subgroups: the `all` cell = the sum of the cells of one subgroup type
//   - indicators: fall = 4-year + 2-year = in-state + out-of-state; six-year completion = its
//     three parts by time to degree (numerators; the catalog's part_of and split)
//   - chains: an indicator whose denominator is another's numerator (the catalog's
//     denominator_within: second year among first-year
//     enrollees, switching among each level's starters, stop-outs among fall enrollees, returns
//     among stop-outs)
//   - groups: a group an indicator's numerator counts (graduates revisited every year): that
//     group's cells (marts.indicator_groups) have the numerator (rest) for denominator
//   - colleges: a class's fall enrollees = the entrants of its listed colleges + all other colleges
//   - denominators: indicators whose catalog gives the same denominator
//   - plans: all = no_isp + every_year + not_every_year; every_year + not_every_year = the four bands
//   - goals: the goal-met indicators against the same graduates' cells under postsecondary_goal
//     (the catalog's goal_of, goal_groups, goal_counts_rest)
//   - same: graduates without a plan under every group type that has them (no_isp, no_plan)
//   - bands: the revision-band table within itself (state = districts, subgroups = all, the two
//     band splits) and against the indicators (a fall cell = its bands)
//   - history: the classes earlier releases published and this one changed enter again, as those
//     releases published them (release k, cohort shifted: history.ts), with all the relations
//     above, whose terms of a cell with unchanged counts are this release's cell
// Only identities are listed (a relation that holds by coincidence in some cell would tell the
// attacker nothing he could know); each is still checked against the true counts, and a family
// of relations (one kind, one indicator and group type, every part) is dropped whole where one of
// its members does not hold (e.g. a subgroup whose students are exempt from the indicator: there
// the rests may all be 0 and add up by coincidence).
import type { Db } from "../warehouse/connection.ts";
import { compareWithHistory, releaseCellsSql } from "./history.ts";

export const KEY = "indicator, level, entity_id, cohort, subgroup_type, subgroup";

/**
 * An all cell c's groups that are traits of its entity, e (marts.entity_groups), where its table
 * publishes no cells of that type at its level (in its release and class: an earlier release may
 * have published them, and then they are the children).
 */
const traitJoin = (
  table: string,
) => `join marts.entity_groups e on e.level = c.level and e.entity_id = c.entity_id and c.subgroup_type = 'all'
  and (c.release, c.cohort, c.level, e.subgroup_type) not in (select distinct release, cohort, level, subgroup_type from ${table})`;

/** The parts of a cell: var = cell * 3 + part. */
export const NUMERATOR = 0;
export const DENOMINATOR = 1;
export const REST = 2;

/**
 * Temp tables: rel_cells (one row per cell: source, keys, band, counts, unit, the published
 * flags of the tables as they stand; release: 0 for this one, k for the k-th last before it, and
 * for this release's cells what earlier releases showed and hid of them: history.ts), rel_vars (var, cell, part, truth), rel_terms (rel, var,
 * coef: every relation that holds exactly) and rel_kinds (kind, relations: how many of each).
 */
export async function buildRelations(db: Db): Promise<void> {
  const tables = await tablesPresent(db);
  const catalog = await columnsOf(db, "marts.indicator_catalog");
  const subgroups = await columnsOf(db, "marts.subgroup_catalog");
  // chained: the cell's denominator is another indicator's numerator or rest, published with it
  // (the catalog's denominator_within; and the cells of marts.indicator_groups, whose
  // denominators are another indicator's numerator or rest)
  const grouped = tables.has("marts.indicator_groups");
  // groups that are traits of a whole district or school (marts.entity_groups), not published at
  // its level: there its all cell is its cell of the group
  const traits = tables.has("marts.entity_groups");
  const chained = tables.has("marts.indicator_catalog")
    ? `(indicator in (select indicator from marts.indicator_catalog where denominator_within is not null)${
        grouped
          ? " or (source = 'indicators' and (indicator, subgroup_type, subgroup) in (select indicator, subgroup_type, subgroup from marts.indicator_groups))"
          : ""
      })`
    : "false";
  await db.run(`
    create or replace temp table rel_current as
    with published as (${releaseCellsSql(tables)})
    select row_number() over (order by source, ${KEY}, band) as cell, * from published;`);
  // the earlier releases (history.ts): their changed classes as cells of their own (release k,
  // cohort shifted), and what they showed and hid of this release's unchanged cells
  const history = await compareWithHistory(db);
  await db.run(`
    create or replace temp table rel_cells as
    select c.*, ${chained} as chained, 0 as release,
      ${history ? "coalesce(b.num_shown_before, false)" : "false"} as num_shown_before,
      ${history ? "coalesce(b.den_shown_before, false)" : "false"} as den_shown_before,
      ${history ? "coalesce(b.num_hidden_before, false)" : "false"} as num_hidden_before,
      ${history ? "coalesce(b.den_hidden_before, false)" : "false"} as den_hidden_before,
      ${history ? "b.cell is not null" : "false"} as unchanged_before,
      null::bigint as same_as, null::bigint as now_cell
    from rel_current c ${history ? "left join rel_before b using (cell)" : ""}
    ${
      history
        ? `union all
    select cell, source, indicator, level, entity_id, cohort, subgroup_type, subgroup, band,
      numerator, denominator, students, unit, suppressed, denominator_suppressed, value_band,
      ${chained} as chained, release, false, false, false, false, false, same_as, now_cell
    from rel_history`
        : ""
    };
    drop table rel_current;
    ${history ? "drop table rel_history; drop table rel_before;" : ""}
    create or replace temp view rel_ind as select * from rel_cells where source = 'indicators';
    create or replace temp view rel_bands as select * from rel_cells where source = 'bands';`);
  await db.run(relKeyMacros(await relTags(db)));
  await db.run(`
    create or replace temp table rel_vars as
    select cell * 3 + part as var, cell, part,
      case part when 0 then numerator when 1 then denominator else denominator - numerator end as truth
    from rel_cells, range(3) t(part)
    where part < 2 or unit = 'proportion';

    -- what earlier releases showed: their cells' shown parts, and this release's parts shown
    -- before with the same counts (history.ts)
    create or replace temp table rel_known_before as
    select c.cell * 3 + t.part as var
    from rel_cells c, range(3) t(part)
    where (t.part < 2 or c.unit = 'proportion') and case t.part
      when 0 then (c.release > 0 and not c.suppressed) or c.num_shown_before
      when 1 then (c.release > 0 and not c.denominator_suppressed) or c.den_shown_before
      else (c.release > 0 and not c.suppressed and not c.denominator_suppressed) or (c.num_shown_before and c.den_shown_before)
    end;

    create or replace temp table rel_terms (kind varchar, rel bigint not null, var bigint, coef integer);

    -- cell: numerator + rest - denominator = 0
    insert into rel_terms
    select 'cell', rel_key('c', cell, null, null), cell * 3 + part, case part when 1 then -1 else 1 end
    from rel_cells, range(3) t(part) where unit = 'proportion';`);

  // Relations that hold for every part: a relation over cells, written once, gives one relation per
  // part (numerators, denominators, rests).
  // The select names its relation by prefix, rel_cell and tag (see relKeyMacros).
  const everyPart = (kind: string, select: string) => `
    insert into rel_terms
    select '${kind}', rel_key(r.prefix, r.rel_cell, r.tag, t.part), r.cell * 3 + t.part, r.coef
    from (${select}) r, range(3) t(part)
    where t.part < 2 or r.unit = 'proportion';`;

  await db.run(
    // hierarchy: parent - sum(children) = 0 (a school's district from the schools directory,
    // marts.schools, published beside the indicators: never parsed from its id)
    everyPart(
      "hierarchy",
      `with children as (
        select 'state' as parent_level, c.cell, c.indicator, c.cohort, c.subgroup_type, c.subgroup, c.entity_id as parent
        from rel_ind c where c.level = 'district'
        union all
        select 'district', c.cell, c.indicator, c.cohort, c.subgroup_type, c.subgroup, s.district_id
        from rel_ind c join marts.schools s on s.school_id = c.entity_id where c.level = 'school'
        ${
          traits
            ? `union all
        -- a group that is a trait of the child (a district's locale, a school's career coach):
        -- the parent's cell of the group sums its children's all cells with that trait
        select case c.level when 'district' then 'state' else 'district' end, c.cell, c.indicator, c.cohort,
          e.subgroup_type, e.subgroup, coalesce(s.district_id, c.entity_id)
        from rel_ind c ${traitJoin("rel_ind")}
        left join marts.schools s on c.level = 'school' and s.school_id = c.entity_id`
            : ""
        }
      ),
      pairs as (
        select p.cell as parent_cell, ch.cell as child_cell, p.unit
        from children ch
        join rel_ind p on p.level = ch.parent_level and p.indicator = ch.indicator and p.cohort = ch.cohort
          and p.subgroup_type = ch.subgroup_type and p.subgroup = ch.subgroup
          and (p.level = 'state' or p.entity_id = ch.parent)
      )
      select distinct 'h' as prefix, parent_cell as rel_cell, null as tag, parent_cell as cell, 1 as coef, unit from pairs
      union all
      select 'h', parent_cell, null, child_cell, -1, unit from pairs`,
    ) +
      // subgroup sets: all - sum(subgroups of one type) = 0 (of the ISP bands, the five that
      // cover everyone: no_isp, none, 1-2, 3-4, 5+; every_year and not_every_year are the plans
      // relations below)
      everyPart(
        "subgroups",
        `with sets as (
        select a.cell as all_cell, c.cell, c.unit, c.subgroup_type as subgroup_set
        from rel_ind c
        join rel_ind a on a.subgroup_type = 'all' and a.indicator = c.indicator and a.level = c.level
          and a.entity_id = c.entity_id and a.cohort = c.cohort
        where c.subgroup_type <> 'all' and c.subgroup not in ('every_year', 'not_every_year')
      )
      select distinct 's' as prefix, all_cell as rel_cell, subgroup_set as tag, all_cell as cell, 1 as coef, unit from sets
      union all
      select 's', all_cell, subgroup_set, cell, -1, unit from sets`,
      ) +
      // graduates with a plan counted two ways: every_year + not_every_year = none + 1-2 + 3-4 + 5+
      // (an absent cell counts 0, except under the groups an indicator's numerator defines, where
      // it is not published: there the relation would say that the bands add up to 0)
      everyPart(
        "plans",
        `select 'pe' as prefix, min(cell) over (partition by indicator, level, entity_id, cohort) as rel_cell,
        null as tag, cell,
        case when subgroup in ('every_year', 'not_every_year') then 1 else -1 end as coef, unit
      from rel_ind
      where subgroup_type = 'isp_revision_band' and subgroup in ('every_year', 'not_every_year', 'none', '1-2', '3-4', '5+')
        ${catalog.has("numerator_group") ? "and indicator not in (select indicator from marts.indicator_catalog where numerator_group = 'every_year')" : ""}`,
      ) +
      // the revision-band table: a state = its districts
      everyPart(
        "bands",
        `select 'bh' as prefix, p.cell as rel_cell, null as tag, p.cell, 1 as coef, p.unit from rel_bands p where p.level = 'state'
      union all
      select 'bh', p.cell, null, c.cell, -1, c.unit
      from rel_bands p join rel_bands c on c.level = 'district' and c.cohort = p.cohort and c.band = p.band
        and c.subgroup_type = p.subgroup_type and c.subgroup = p.subgroup
      where p.level = 'state'
      ${
        traits
          ? `union all
      select 'bh', p.cell, null, c.cell, -1, c.unit
      from rel_bands c ${traitJoin("rel_bands")}
      join rel_bands p on p.level = 'state' and p.cohort = c.cohort and p.band = c.band
        and p.subgroup_type = e.subgroup_type and p.subgroup = e.subgroup
      where c.level = 'district'`
          : ""
      }`,
      ) +
      // a fall cell = the band cells of the same subgroup, split two ways: the five bands, and
      // no_isp + every_year + not_every_year
      everyPart(
        "bands",
        `with splits(split, band) as (
        values ('p', 'no_isp'), ('p', 'none'), ('p', '1-2'), ('p', '3-4'), ('p', '5+'),
          ('a', 'no_isp'), ('a', 'every_year'), ('a', 'not_every_year')
      ),
      parts as (
        select s.split, i.cell as whole, b.cell as piece, i.unit
        from rel_ind i
        join rel_bands b on b.level = i.level and b.entity_id = i.entity_id and b.cohort = i.cohort
          and b.subgroup_type = i.subgroup_type and b.subgroup = i.subgroup
        join splits s on s.band = b.band
        where i.indicator = 'ps_enrolled_fall'
      )
      select distinct 'b' || split as prefix, whole as rel_cell, null as tag, whole as cell, 1 as coef, unit from parts
      union all
      select 'b' || split, whole, null, piece, -1, unit from parts`,
      ) +
      // within the band table: every_year + not_every_year = the four bands; a band's subgroups = its all cell
      everyPart(
        "bands",
        `select 'be' as prefix, min(cell) over (partition by level, entity_id, cohort, subgroup_type, subgroup) as rel_cell,
        null as tag, cell,
        case when band in ('every_year', 'not_every_year') then 1 else -1 end as coef, unit
      from rel_bands where band in ('every_year', 'not_every_year', 'none', '1-2', '3-4', '5+')`,
      ) +
      everyPart(
        "bands",
        `select distinct 'bs' as prefix, a.cell as rel_cell, c.subgroup_type as tag, a.cell, 1 as coef, a.unit
      from rel_bands a join rel_bands c using (level, entity_id, cohort, band)
      where a.subgroup_type = 'all' and c.subgroup_type <> 'all'
      union all
      select 'bs', a.cell, c.subgroup_type, c.cell, -1, c.unit
      from rel_bands a join rel_bands c using (level, entity_id, cohort, band)
      where a.subgroup_type = 'all' and c.subgroup_type <> 'all'`,
      ) +
      // one group under several types (the subgroup catalog's same_as): graduates without a plan
      // are no_isp (revision band) and no_plan (goal, career cluster, endorsement); each copy
      // equals the cell it is a copy of
      (subgroups.has("same_as")
        ? everyPart(
            "same",
            `with copies as (
        select h.cell as head, c.cell, c.unit
        from marts.subgroup_catalog g
        join rel_ind c on c.subgroup_type = g.subgroup_type and c.subgroup = g.subgroup
        join rel_ind h on h.indicator = c.indicator and h.level = c.level and h.entity_id = c.entity_id
          and h.cohort = c.cohort and h.subgroup_type = g.same_as_type and h.subgroup = g.same_as
        where g.same_as is not null
      )
      select 'sm' as prefix, cell as rel_cell, null as tag, head as cell, 1 as coef, unit from copies
      union all
      select 'sm', cell, null, cell, -1, unit from copies`,
          )
        : "") +
      // and the same in the indicators: all = no_isp + every_year + not_every_year
      everyPart(
        "plans",
        `select distinct 'pa' as prefix, a.cell as rel_cell, null as tag, a.cell, 1 as coef, a.unit
      from rel_ind a join rel_ind c on c.subgroup_type = 'isp_revision_band' and c.indicator = a.indicator
        and c.level = a.level and c.entity_id = a.entity_id and c.cohort = a.cohort
      where a.subgroup_type = 'all' and c.subgroup in ('no_isp', 'every_year', 'not_every_year')
      union all
      select 'pa', a.cell, null, c.cell, -1, c.unit
      from rel_ind a join rel_ind c on c.subgroup_type = 'isp_revision_band' and c.indicator = a.indicator
        and c.level = a.level and c.entity_id = a.entity_id and c.cohort = a.cohort
      where a.subgroup_type = 'all' and c.subgroup in ('no_isp', 'every_year', 'not_every_year')`,
      ),
  );

  await db.run(`
    ${
      catalog.has("part_of")
        ? `-- indicators: a whole's numerator = the sum of its parts' in each split (the catalog's
    -- part_of and split: fall = 4-year + 2-year = in-state + out-of-state), numerators only: the
    -- rests of the parts do not add up to the rest of the whole
    insert into rel_terms
    with matched as (
      select w.cell as w, p.cell as p, k.split
      from marts.indicator_catalog k
      join rel_ind w on w.indicator = k.part_of
      join rel_ind p on p.indicator = k.indicator and p.level = w.level and p.entity_id = w.entity_id
        and p.cohort = w.cohort and p.subgroup_type = w.subgroup_type and p.subgroup = w.subgroup
    )
    select distinct 'indicators', rel_key('i', w, split, null), w * 3, 1 from matched
    union all select 'indicators', rel_key('i', w, split, null), p * 3, -1 from matched;`
        : ""
    }

    -- chains: the denominator of one indicator is the numerator of another at the same key
    insert into rel_terms
    with matched as (
      select a.cell as a, w.cell as w
      from marts.indicator_catalog k
      join rel_ind a on a.indicator = k.indicator
      join rel_ind w on w.indicator = k.denominator_within and w.level = a.level and w.entity_id = a.entity_id
        and w.cohort = a.cohort and w.subgroup_type = a.subgroup_type and w.subgroup = a.subgroup
    )
    select 'chains', rel_key('k', a, null, null), a * 3 + 1, 1 from matched
    union all select 'chains', rel_key('k', a, null, null), w * 3, -1 from matched;

    ${
      grouped
        ? `-- groups: the cell of a group an indicator's numerator (rest) counts has that numerator
    -- (rest) for its denominator (marts.indicator_groups)
    insert into rel_terms
    with matched as (
      select a.cell as a, b.cell as b, case when g.counts_rest then 2 else 0 end as part
      from marts.indicator_groups g
      join rel_ind a on a.indicator = g.counted_by and a.subgroup_type = 'all'
      join rel_ind b on b.indicator = g.indicator and b.subgroup_type = g.subgroup_type and b.subgroup = g.subgroup
        and b.level = a.level and b.entity_id = a.entity_id and b.cohort = a.cohort
    )
    select 'groups', rel_key('gc', b, null, null), b * 3 + 1, 1 from matched
    union all select 'groups', rel_key('gc', b, null, null), a * 3 + part, -1 from matched;`
        : ""
    }

    -- colleges: a class's fall enrollees (numerator) = the entrants (denominators) of its rows
    insert into rel_terms
    with pairs as (
      select w.cell as w, c.cell as c
      from rel_cells c
      join rel_ind w on w.indicator = 'ps_enrolled_fall' and w.subgroup_type = 'all' and w.level = c.level
        and w.entity_id = c.entity_id and w.cohort = c.cohort
      where c.source = 'colleges'
    )
    select distinct 'colleges', rel_key('cf', w, null, null), w * 3, 1 from pairs
    union all select 'colleges', rel_key('cf', w, null, null), c * 3 + 1, -1 from pairs;

    ${
      catalog.has("goal_of")
        ? `-- goals met: what the plan said, against the same graduates' cells under the group
    -- postsecondary_goal (the catalog's goal_of, goal_groups, goal_counts_rest): four-year goal met
    -- = fall 4-year of goal four_year; summer melt = not enrolled in the fall of goals four_year
    -- and two_year (its numerator is their rests, its rest their numerators)
    insert into rel_terms
    with matched as (
      select w.cell as w, p.cell as p, k.goal_counts_rest as swap
      from marts.indicator_catalog k
      join rel_ind w on w.indicator = k.indicator and w.subgroup_type = 'all'
      join rel_ind p on p.indicator = k.goal_of and p.level = w.level and p.entity_id = w.entity_id
        and p.cohort = w.cohort and p.subgroup_type = 'postsecondary_goal' and list_contains(k.goal_groups, p.subgroup)
      where k.goal_of is not null
    )
    select 'goals', rel_key('g', w, null, t.part), w * 3 + t.part, 1
    from (select distinct w from matched), range(3) t(part)
    union all
    select 'goals', rel_key('g', w, null, t.part),
      p * 3 + case when swap and t.part <> 1 then 2 - t.part else t.part end, -1
    from matched, range(3) t(part);`
        : ""
    }

    -- shared denominators: each indicator's denominator equals the first of its family at the same key
    insert into rel_terms
    with family as (
      select c.cell, first_value(c.cell) over (
          partition by k.denominator, c.level, c.entity_id, c.cohort, c.subgroup_type, c.subgroup order by c.indicator
        ) as head
      from rel_ind c join marts.indicator_catalog k using (indicator)
    )
    select 'denominators', rel_key('d', cell, null, null), cell * 3 + 1, 1 from family where cell <> head
    union all
    select 'denominators', rel_key('d', cell, null, null), head * 3 + 1, -1 from family where cell <> head;

    -- an earlier release's cell whose counts are unchanged is this release's cell: its terms are
    -- this release's vars (history.ts), so the two releases' relations share their unknowns
    create or replace temp table rel_terms as
    select t.kind, t.rel, coalesce(c.same_as * 3 + t.var % 3, t.var) as var, t.coef
    from rel_terms t left join rel_cells c on c.cell = t.var // 3 and c.same_as is not null;

    -- the difference of two releases: an earlier release's relation minus this release's relation
    -- of the same name (named by the cell with the same key), the terms they share cancelled. It
    -- is their sum, so it tells a complete attacker nothing new, but it is short where they are
    -- long (a state's total then and now differ by the withdrawn district's cell: three terms),
    -- so that subtraction, the rank test's short relations and the sealing see it
    insert into rel_terms
    with pairs as (
      select distinct t.rel as old_rel, ((t.rel >> 32) << 32) + c.now_cell as new_rel
      from rel_terms t join rel_cells c on c.cell = (t.rel & 4294967295)
      where c.release > 0 and c.now_cell is not null
    ),
    paired as (
      select p.old_rel, t.var, t.coef from pairs p join rel_terms t on t.rel = p.old_rel
      where exists (select 1 from rel_terms n where n.rel = p.new_rel)
      union all
      select p.old_rel, t.var, -t.coef from pairs p join rel_terms t on t.rel = p.new_rel
    )
    select 'history', (old_rel & ${(2n ** 42n - 1n).toString()}) + ((old_rel >> 42) + ${BASE_PREFIXES.length}) * ${(2n ** 42n).toString()}, var, sum(coef)::integer
    from paired
    where old_rel in (select old_rel from pairs p where exists (select 1 from rel_terms n where n.rel = p.new_rel))
    group by old_rel, var having sum(coef) <> 0;

    -- keep a relation only where it holds exactly (what the definitions guarantee), numbered
    -- 0, 1, ... (integers join faster than names, and index the attack's arrays) in the order of
    -- the hash of its name: the order breaks ties in what the repairs open up, so it must not
    -- follow the order the relations were written in. The name is spelled out only here, once per
    -- relation: grouping and joining the terms by a number is about twice as fast
    create or replace temp table rel_exact as
    with sums as (
        select t.rel, any_value(t.kind) as kind, sum(t.coef * v.truth) = 0 as holds
        from rel_terms t join rel_vars v using (var)
        group by t.rel having count(*) >= 2
    ),
    families as (
        -- a family: one kind of relation (prefix and tag) for one indicator and group type of its
        -- first cell, every part. It is an identity only if every member holds: where one fails
        -- (students exempt from an indicator, outside an NSC return...), the others hold by
        -- coincidence (e.g. rests that are all 0), which no attacker can know
        select s.*, bool_and(s.holds) over (partition by s.rel >> 34, c.source, c.indicator, c.subgroup_type) as identity
        from sums s join rel_cells c on c.cell = (s.rel & 4294967295)
    )
    select rel, kind from families where identity;
    create or replace temp table rel_kinds as select kind, count(*)::int as relations from rel_exact group by kind;
    -- the narrowest columns: at state scale the terms run to tens of millions
    create or replace temp table rel_terms as
    select e.id as rel, t.var::integer as var, t.coef::tinyint as coef
    from rel_terms t join (
      select rel, (row_number() over (order by hash(name), name) - 1)::int as id
      from (select rel, rel_name(rel) as name from rel_exact)
    ) e using (rel);
    drop table rel_exact;`);
}

const sqlList = (values: string[]) => `[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]`;

/** The name prefixes of the relations, one per family (and per split of the bands). */
const BASE_PREFIXES = [
  "c",
  "h",
  "s",
  "pe",
  "bh",
  "bp",
  "ba",
  "be",
  "bs",
  "sm",
  "pa",
  "i",
  "k",
  "gc",
  "cf",
  "g",
  "d",
];

/** ... and of their differences between an earlier release and this one (d + the prefix). */
const PREFIXES = [...BASE_PREFIXES, ...BASE_PREFIXES.map((p) => `d${p}`)];

/**
 * rel_key(prefix, rel_cell, tag, part): a relation as one number, and rel_name(key), its name:
 * prefix, cell, then ':' and the tag (a subgroup type or an indicator) and ':' and the part where
 * they are not null, e.g. 's1042:sex:0'. Bits: the cell 0-31, the part 32-33 (3: none), the tag's
 * place in the list 34-41 (0: none), the prefix's from 42.
 */
function relKeyMacros(tags: string[]): string {
  return `
    create or replace temp macro rel_key(prefix, rel_cell, tag, part) as
      rel_cell::bigint + 4294967296 * (coalesce(part, 3) + 4 * (coalesce(list_position(${sqlList(tags)}, tag::varchar), 0)
        + 256 * list_position(${sqlList(PREFIXES)}, prefix)));
    create or replace temp macro rel_name(key) as
      ${sqlList(PREFIXES)}[(key >> 42)::int] || (key & 4294967295)
      || case when ((key >> 34) & 255) > 0 then ':' || ${sqlList(tags)}[((key >> 34) & 255)::int] else '' end
      || case when ((key >> 32) & 3) < 3 then ':' || ((key >> 32) & 3) else '' end;`;
}

/** The tags of relation names (the subgroup types of rel_cells, the catalog's splits), checked to fit a key. */
async function relTags(db: Db): Promise<string[]> {
  const rows = await db.all<{ tag: string; cells: number }>(`
    select tag, (select count(*) from rel_cells)::double as cells from (
      select distinct subgroup_type as tag from rel_cells
      ${(await columnsOf(db, "marts.indicator_catalog")).has("split") ? "union select distinct split from marts.indicator_catalog where split is not null" : ""}
    ) order by 1`);
  if (rows.length > 255)
    throw new Error(`relations: ${rows.length} subgroup types, at most 255 fit a relation's key`);
  if ((rows[0]?.cells ?? 0) >= 2 ** 32) throw new Error("relations: at most 2^32 cells fit a relation's key");
  return rows.map((r) => r.tag);
}

/** schema.table of every table in the database (a hand-made release may lack some). */
export async function tablesPresent(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ t: string }>(
    "select table_schema || '.' || table_name as t from information_schema.tables where table_catalog = current_database()",
  );
  return new Set(rows.map((r) => r.t));
}

/** The columns of schema.table, none if the table is absent (a hand-made release may lack some). */
export async function columnsOf(db: Db, table: string): Promise<Set<string>> {
  const [schema, name] = table.split(".");
  const rows = await db.all<{ c: string }>(
    `select column_name as c from information_schema.columns
     where table_catalog = current_database() and table_schema = '${schema}' and table_name = '${name}'`,
  );
  return new Set(rows.map((r) => r.c));
}

export async function dropRelations(db: Db): Promise<void> {
  await db.run(
    "drop view if exists rel_ind; drop view if exists rel_bands; drop table if exists rel_known_before; drop table if exists rel_cells; drop table if exists rel_vars; drop table if exists rel_terms; drop table if exists rel_kinds;",
  );
}
